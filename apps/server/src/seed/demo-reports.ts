/**
 * Demo periodic reports, so the briefing has a history on first start: the three monthly periods
 * before the current one, for the communes of the second demo province and the province itself,
 * filled, submitted and approved (one commune late, one missing). The first province is left
 * untouched for people trying the workflow by hand (and for the end-to-end journey).
 */
import { sql } from 'kysely';
import { inTenant } from '../db/engine.js';
import { cliActor } from '../platform/actor.js';
import { todayIn } from '../platform/clock.js';
import type { Deps } from '../platform/deps.js';
import { periodContaining, trailingPeriods } from '../modules/reports/periods.js';
import { actOnReport, openReport, saveValues } from '../modules/reports/reports.service.js';
import { listTemplates } from '../modules/reports/templates.service.js';
import { DEMO_PROVINCES } from './demo-data.js';

export async function seedDemoReports(deps: Deps, associationId: string) {
  const actor = { ...cliActor(associationId), displayName: 'Dữ liệu mẫu (DEMO)' };
  const template = (await listTemplates(deps, actor)).find((t) => t.code === 'BC-DINHKY')!;
  const current = periodContaining(todayIn(deps.clock), 'month', template.cutoffDay);
  const periods = trailingPeriods(current, 4, template.cutoffDay).slice(0, 3);
  const province = DEMO_PROVINCES[1]!;
  const units = await deps.db.system
    .selectFrom('units')
    .select(['id', 'code'])
    .where('associationId', '=', associationId)
    .where('code', 'in', [province.code, ...province.communes.map((c) => c.code)])
    .execute();
  const idOf = new Map(units.map((u) => [u.code, u.id]));
  const communes = province.communes.map((c) => c.code);
  for (const [pi, period] of periods.entries()) {
    for (const [ci, code] of [...communes, province.code].entries()) {
      // The last commune never reports in the oldest period: the heat map shows a gap.
      if (pi === 0 && ci === communes.length - 1) continue;
      let r = await openReport(deps, actor, { templateId: template.id, period: period.key, unitId: idOf.get(code)! });
      const seed = (pi + 1) * 7 + ci * 3;
      r = await saveValues(deps, actor, r.id, r.version, {
        values: {
          'propaganda.sessions': 2 + (seed % 4),
          'propaganda.attendance': 60 + seed * 5,
          'policy.documents': 1 + (seed % 2),
          'programs.projects': seed % 3,
          'care.members_supported': 3 + (seed % 6),
          'care.support_amount': (3 + (seed % 6)) * 500_000,
          'emulation.good_models': seed % 2,
          'emulation.strong_branches_rate': 70 + (seed % 25),
        },
        texts: { tuyen_truyen: `Tổ chức ${2 + (seed % 4)} buổi tuyên truyền, học tập nghị quyết (dữ liệu mẫu).` },
      });
      r = await actOnReport(deps, actor, r.id, 'submit', r.version, undefined);
      await actOnReport(deps, actor, r.id, 'approve', r.version, undefined);
      // Submitted on time, except the second commune in the latest period (three days late).
      const late = pi === periods.length - 1 && ci === 1;
      await inTenant(deps.db.app, associationId, (tx) =>
        sql`update reports set first_submitted_at = (due_date + ${late ? 3 : -1}::int)::timestamp + interval '2 hours',
                               submitted_at = (due_date + ${late ? 3 : -1}::int)::timestamp + interval '2 hours'
             where id = ${r.id}`.execute(tx),
      );
    }
  }
}
