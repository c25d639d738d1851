/**
 * The data behind the clocks: the national working-day calendar (read here, edited with
 * `hoi calendar`) and the rule sets (national ones in code, an association's own in the database).
 */
import type { RuleSet } from '@hoi/contracts';
import { inTenant } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { authorizeAny } from '../../platform/authorize.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { workingCalendar } from './cases-clock.js';
import { NATIONAL_RULE_SETS } from './clock/rules.js';
import * as repo from './cases.repo.js';

/** A year's days off and make-up working days: stored rows, or the rule's when the year is not stored. */
export async function calendarOfYear(deps: Deps, year: number) {
  const rows = await repo.calendarDaysOfYear(deps.db.system, year);
  const stored = await deps.db.system
    .selectFrom('calendarYears')
    .select('year')
    .where('year', '=', year)
    .executeTakeFirst();
  if (stored) return { year, days: rows };
  const calendar = await workingCalendar(deps.db);
  return { year, days: calendar.specialDays(year) };
}

export async function listRuleSets(deps: Deps, actor: Actor) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const own = await repo.ruleSetRows(tx);
    return {
      items: [
        ...NATIONAL_RULE_SETS.map((r) => ({ ...r, source: 'national' as const })),
        ...own.map((r) => ({ ...(r.body as RuleSet), source: 'association' as const })),
      ],
    };
  });
}

/** An association's own rule set, in force for cases received from its effective date. */
export async function saveRuleSet(deps: Deps, actor: Actor, body: RuleSet) {
  authorizeAny(actor, 'association.manage');
  if (NATIONAL_RULE_SETS.some((r) => r.code === body.code)) throw new AppError('DUPLICATE_CODE');
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const exists = await tx
      .selectFrom('caseRuleSets')
      .select('id')
      .where('code', '=', body.code)
      .executeTakeFirst();
    if (exists) throw new AppError('DUPLICATE_CODE');
    const id = newId();
    await tx
      .insertInto('caseRuleSets')
      .values({
        associationId: actor.associationId,
        id,
        code: body.code,
        effectiveFrom: body.effectiveFrom,
        body: JSON.stringify(body),
        createdBy: actor.via === 'cli' ? null : actor.userId,
      })
      .execute();
    await recordAudit(tx, deps, actor, {
      action: 'case.rule_set.create',
      entityType: 'case_rule_set',
      entityId: id,
      after: { code: body.code, effectiveFrom: body.effectiveFrom },
    });
    return { ok: true as const };
  });
}
