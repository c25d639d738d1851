/** Test fixtures: cases in a given state, made through the service as the CLI (no clearance). */
import type { Case, CaseType, SealedParty } from '@hoi/contracts';
import { newId } from '../../platform/ids.js';
import { cliActor } from '../../platform/actor.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { inTenant } from '../../db/engine.js';
import type { TestTree } from '../../test/factories.js';
import * as cases from './cases.service.js';
import * as workflow from './cases-workflow.service.js';
import * as repo from './cases.repo.js';

export const DENOUNCER: SealedParty = {
  role: 'denouncer',
  fullName: 'Trần Thị Bí Mật',
  idNumber: '001190054321',
  address: 'Số 12 ngõ 34 phố Hàng Bông, Hoàn Kiếm',
  phone: '0919876012',
  email: 'bimat@example.vn',
};

export type FixtureState = 'received' | 'accepted' | 'suspended' | 'concluded' | 'published';

export async function caseFixture(
  deps: Deps,
  t: TestTree,
  opts: {
    unitKey?: string;
    type?: CaseType;
    state?: FixtureState;
    receivedOn?: string;
    complexity?: 'normal' | 'complex' | 'very_complex';
  } = {},
): Promise<Case> {
  const actor = cliActor(t.associationId);
  const today = todayIn(deps.clock);
  const type = opts.type ?? 'complaint';
  const receivedOn = opts.receivedOn ?? today;
  let c = await cases.createCase(deps, actor, {
    unitId: t.units[opts.unitKey ?? 'c1a']!,
    type,
    round: 1,
    channel: 'letter',
    receivedOn,
    subject: `Đơn thử ${type}`,
    content: 'Nội dung đã lược bỏ thông tin cá nhân.',
    accused: 'Ông Lê Văn Bị Cáo, cán bộ chi hội',
    complainant:
      type === 'denunciation' ? null : { fullName: 'Phạm Văn Khiếu', phone: '0987654321' },
    anonymous: false,
    sealedParties: type === 'denunciation' ? [DENOUNCER] : [],
    remote: false,
  });
  const state = opts.state ?? 'received';
  if (state === 'received') return c;
  c = await workflow.acceptCase(deps, actor, c.id, c.version, {
    acceptedOn: receivedOn,
    complexity: opts.complexity,
  });
  if (state === 'accepted') return c;
  if (state === 'suspended') {
    return workflow.suspendCase(deps, actor, c.id, c.version, {
      from: today,
      decisionNumber: '01/QĐ-TĐC',
      reason: 'Chờ kết quả giám định',
    });
  }
  c = await workflow.concludeCase(deps, actor, c.id, c.version, {
    concludedOn: today,
    findings: 'Kết quả xác minh: nội dung đúng một phần.',
    conclusion: 'Kết luận: tố cáo đúng một phần; kiến nghị xử lý kỷ luật.',
  });
  if (state === 'concluded') return c;
  return workflow.publishCase(deps, actor, c.id, c.version, {
    from: today,
    until: addDays(today, 14),
    place: 'Trụ sở hội',
    text: 'Công khai kết luận: tố cáo đúng một phần; kiến nghị xử lý kỷ luật.',
  });
}

export function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Gives users clearance on a case directly (as if a cleared handler had granted it). */
export async function clear(deps: Deps, t: TestTree, caseId: string, usernames: string[]) {
  await inTenant(deps.db.app, t.associationId, async (tx) => {
    for (const username of usernames) {
      const u = await tx
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      await repo.insertClearance(tx, {
        associationId: t.associationId,
        id: newId(),
        caseId,
        userId: u.id,
        kind: 'granted',
        reason: null,
        grantedBy: null,
      });
    }
  });
}

export async function userIdOf(deps: Deps, username: string): Promise<string> {
  const u = await deps.db.system
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return u.id;
}
