import type { z } from 'zod';
import type {
  ArrearsListSchema,
  ArrearsQuerySchema,
  DuesCollectionSchema,
  MemberDuesSchema,
} from '@hoi/contracts';
import * as membersRepo from '../members/members.repo.js';
import { inTenant } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/authorize.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, found } from '../../platform/errors.js';
import { scopeUnits } from '../members/members-search.service.js';
import { loadVisible, settingsOf } from '../members/members.service.js';
import { duesMonthsOverdue } from '../members/members.rules.js';
import * as unitsRepo from '../units/units.repo.js';
import { presentExemption, presentLine, presentPayment } from './dues.presenter.js';
import * as repo from './dues.repo.js';
import { amountsOf, lastOverdueYear } from './dues.rules.js';

const NO_FILTER = {
  name: null,
  exact: null,
  phone: null,
  units: null,
  statuses: null,
  categories: null,
  gender: null,
  birthFrom: null,
  birthTo: null,
  joinYear: null,
  inTransit: null,
  paidBefore: null,
} satisfies Omit<membersRepo.PageParams, 'after' | 'limit'>;

type DuesCollection = z.infer<typeof DuesCollectionSchema>;
type ArrearsList = z.infer<typeof ArrearsListSchema>;
type ArrearsQuery = z.infer<typeof ArrearsQuerySchema>;
type MemberDues = z.infer<typeof MemberDuesSchema>;

/**
 * The collection sheet of a unit for a year: one line per active or suspended member of its
 * subtree who had joined by then, with due, paid, exemption and outstanding, and the totals.
 * A year with no rate anywhere on or around the unit is refused (DUES_RATE_MISSING); a sheet
 * where some member has no applicable rate says so (rateFound false).
 */
export async function collection(
  deps: Deps,
  actor: Actor,
  q: { unitId: string; year: number },
): Promise<DuesCollection> {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const unit = found(await unitsRepo.findUnit(tx, q.unitId));
    authorize(actor, 'member.read', unit);
    if (!(await repo.anyRateAround(tx, unit.path, q.year)))
      throw new AppError('DUES_RATE_MISSING', { year: q.year });
    const ids = await repo.collectionMemberIds(tx, unit.path, q.year);
    const members = new Map((await repo.memberLines(tx, ids)).map((m) => [m.id, m]));
    const facts = new Map((await repo.yearFacts(tx, ids, q.year, q.year)).map((f) => [f.id, f]));
    const lines = ids.flatMap((id) => {
      const f = facts.get(id);
      const m = members.get(id);
      return f && m ? [presentLine(m, f)] : [];
    });
    const rateFound = ids.every((id) => {
      const f = facts.get(id);
      return !f || f.exempt !== null || f.rate !== null;
    });
    return {
      unitId: unit.id,
      year: q.year,
      rateFound,
      lines,
      totals: {
        due: lines.reduce((s, l) => s + l.due, 0),
        paid: lines.reduce((s, l) => s + l.paid, 0),
        outstanding: lines.reduce((s, l) => s + l.outstanding, 0),
        exempt: lines.filter((l) => l.exempt !== null).length,
      },
    };
  });
}

/**
 * Members in scope whose first unsettled year is already overdue on `asOf`, in Vietnamese name
 * order: their unpaid years, the amount outstanding, months overdue and the review flag (a flag
 * for the officers' judgement — nothing changes the member's status automatically).
 */
export async function arrears(
  deps: Deps,
  actor: Actor,
  q: Omit<ArrearsQuery, 'cursor'> & { after: { key: string; id: string } | null },
): Promise<Omit<ArrearsList, 'nextCursor'> & { next: { key: string; id: string } | null }> {
  const asOf = q.asOf ?? todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const settings = await settingsOf(tx, actor.associationId);
    const units = await scopeUnits(tx, actor, q.unitId);
    const lastDue = lastOverdueYear(asOf, settings.duesDueMonth);
    // Current, non-honorary members whose first unsettled year is at most lastDue, in name order.
    const page = await membersRepo.memberPage(tx, {
      ...NO_FILTER,
      units,
      paidBefore: lastDue,
      after: q.after,
      limit: q.limit + 1,
    });
    const shown = page.slice(0, q.limit);
    const ids = shown.map((r) => r.id);
    const members = new Map((await repo.memberLines(tx, ids)).map((m) => [m.id, m]));
    const unsettled = new Map<string, repo.YearFact[]>();
    for (const f of await repo.yearFacts(tx, ids, null, lastDue)) {
      if (!f.settled) unsettled.set(f.id, [...(unsettled.get(f.id) ?? []), f]);
    }
    const items = shown.flatMap((r) => {
      const m = members.get(r.id);
      if (!m) return [];
      const years = unsettled.get(r.id) ?? [];
      const monthsOverdue = duesMonthsOverdue(
        m.duesPaidThrough,
        m.joinedOn,
        asOf,
        settings.duesDueMonth,
      );
      return [
        {
          memberId: m.id,
          memberNumber: m.memberNumber,
          fullName: m.fullName,
          unitId: m.unitId,
          unitName: m.unitName,
          unpaidYears: years.map((f) => f.year),
          outstanding: years.reduce((s, f) => s + amountsOf(f).outstanding, 0),
          monthsOverdue,
          needsReview: monthsOverdue >= settings.duesReviewAfterMonths,
        },
      ];
    });
    const last = shown[shown.length - 1];
    return {
      items,
      reviewAfterMonths: settings.duesReviewAfterMonths,
      next: page.length > q.limit && last ? { key: last.sortKey, id: last.id } : null,
    };
  });
}

/** A member's payments, exemptions and one line per year from joining to this year (or later, if paid ahead). */
export async function memberDues(deps: Deps, actor: Actor, id: string): Promise<MemberDues> {
  const thisYear = Number(todayIn(deps.clock).slice(0, 4));
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const m = await loadVisible(tx, actor, id);
    const payments = await repo.paymentsOf(tx, m.id);
    const exemptions = await repo.exemptionsOf(tx, m.id);
    const [line] = await repo.memberLines(tx, [m.id]);
    const lastYear = Math.max(thisYear, ...payments.map((p) => p.year));
    const facts = await repo.yearFacts(tx, [m.id], null, lastYear);
    return {
      memberId: m.id,
      payments: payments.map(presentPayment),
      exemptions: exemptions.map(presentExemption),
      years: line ? facts.map((f) => presentLine(line, f)) : [],
    };
  });
}
