/**
 * A few demo cases in the first Hà Nội commune, recorded by its officer (who therefore holds the
 * clearance on the demo denunciation), so the inbox, the clocks and the sealed card can be tried
 * at once. Dates are relative to the day of seeding; every name is fictitious and marked DEMO.
 */
import { todayIn } from '../platform/clock.js';
import type { Deps } from '../platform/deps.js';
import { actorForUser } from '../modules/auth/auth.service.js';
import * as cases from '../modules/cases/cases.service.js';
import * as workflow from '../modules/cases/cases-workflow.service.js';
import { DEMO_USERS } from './demo-data.js';

function daysBefore(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

export async function seedDemoCases(deps: Deps, associationId: string, unitCode: string) {
  const user = await deps.db.system
    .selectFrom('users')
    .select('id')
    .where('associationId', '=', associationId)
    .where('username', '=', `${DEMO_USERS.communeOfficerPrefix}${unitCode.toLowerCase()}`)
    .executeTakeFirstOrThrow();
  const unit = await deps.db.system
    .selectFrom('units')
    .select('id')
    .where('associationId', '=', associationId)
    .where('code', '=', unitCode)
    .executeTakeFirstOrThrow();
  const actor = (await actorForUser(deps, associationId, user.id))!;
  const today = todayIn(deps.clock);
  const base = {
    unitId: unit.id,
    round: 1 as const,
    anonymous: false,
    remote: false,
    sealedParties: [],
  };

  const complaint = await cases.createCase(deps, actor, {
    ...base,
    type: 'complaint',
    channel: 'in_person',
    receivedOn: daysBefore(today, 20),
    subject: 'Khiếu nại việc không xét trợ cấp cho hội viên (DEMO)',
    content: 'Người khiếu nại cho rằng chi hội bỏ sót tên trong danh sách đề nghị trợ cấp.',
    accused: 'Ban chấp hành Chi hội Tổ dân phố 1 (DEMO)',
    complainant: { fullName: 'Phạm Văn Khiếu (DEMO)', phone: '0987000111' },
  });
  await workflow.acceptCase(deps, actor, complaint.id, complaint.version, {
    acceptedOn: daysBefore(today, 15),
  });

  await cases.createCase(deps, actor, {
    ...base,
    type: 'denunciation',
    channel: 'letter',
    receivedOn: daysBefore(today, 3),
    subject: 'Tố cáo việc thu quỹ hội sai quy định (DEMO)',
    content:
      'Nội dung đã lược bỏ thông tin người tố cáo: chi hội thu thêm khoản đóng góp không có trong nghị quyết.',
    accused: 'Ông Lê Văn Thủ Quỹ, chi hội trưởng (DEMO)',
    complainant: null,
    sealedParties: [
      {
        role: 'denouncer',
        fullName: 'Người Tố Cáo Mẫu (DEMO)',
        phone: '0912000222',
        address: 'Số 1 phố Mẫu, phường Ba Đình (DEMO)',
      },
    ],
  });

  await cases.createCase(deps, actor, {
    ...base,
    type: 'petition',
    channel: 'online',
    receivedOn: today,
    subject: 'Kiến nghị tổ chức khám sức khỏe định kỳ cho hội viên (DEMO)',
    complainant: { fullName: 'Trần Thị Kiến Nghị (DEMO)' },
  });

  await cases.createCase(deps, actor, {
    ...base,
    type: 'complaint',
    channel: 'letter',
    receivedOn: daysBefore(today, 40),
    subject: 'Khiếu nại quyết định xóa tên hội viên (DEMO) — chưa thụ lý, đã quá hạn',
    complainant: { fullName: 'Đỗ Văn Quá Hạn (DEMO)' },
  });
}
