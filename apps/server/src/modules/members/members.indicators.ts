/**
 * The member registry's automatic indicators for the periodic reports: membership counts at the
 * period's cut-off (task area 3 of the directive: organization), the period's admissions,
 * transfers and departures (3), and dues (5: members' care). Each is one SQL source that both
 * `byUnit` (one grouped query for any number of units) and `compute` (one subtree) read; the
 * cut-off counts that need the membership row take `byUnit` from one shared census instead,
 * written with the same SQL pieces (see census).
 *
 * Dates: membership periods are half-open, [valid_from, valid_to) (members.repo countsAsOf), so a
 * member's state on day D is the period with valid_from <= D and (valid_to null or > D). A
 * period indicator counts what took effect within [from, to], both days included.
 */
import { AGE_BANDS } from '@hoi/contracts';
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/engine.js';
import { roomy } from '../../db/roomy.js';
import {
  registerIndicators,
  type AutomaticIndicator,
  type UnitValue,
} from '../../platform/indicators.js';
import { lastOverdueYear } from '../dues/dues.rules.js';
import { ageBandYears } from './members.rules.js';
import { settingsOf } from './members.service.js';

type Period = { from: string; to: string };

/** An indicator's rows as SQL: `from … where …`, the unit a row counts at, its category, the aggregate. */
interface Source {
  /** `from … where …`; the unit filter is appended with `and`. */
  from: RawBuilder<unknown>;
  unit: RawBuilder<unknown>;
  /** The disaggregation category of a row (text, null when unknown), or none. */
  category?: RawBuilder<unknown>;
  /** The aggregate over a unit's (or a subtree's) rows: count(*), a distinct count, a sum. */
  value: RawBuilder<unknown>;
}

/** The units asked for, as a subquery of unit ids (null: all units), for sources to narrow by. */
type UnitSet = RawBuilder<unknown> | null;

type Spec = Omit<AutomaticIndicator, 'byUnit' | 'compute'> & {
  source: (tx: Tx, period: Period, units: UnitSet) => Source | Promise<Source>;
  /** Per-unit values read off the shared cut-off census instead of a query of their own. */
  fromCensus?: (census: Census) => UnitValue[];
};

const unitFilter = (unit: RawBuilder<unknown>, units: readonly string[] | null) =>
  units === null ? sql`` : sql`and ${unit} = any(cast(${[...units]} as uuid[]))`;

/** Both forms of an indicator from its one source (and the census, for the cut-off counts). */
function indicator(spec: Spec): AutomaticIndicator {
  const { source, fromCensus, ...meta } = spec;
  return {
    ...meta,
    async byUnit(tx, units, period): Promise<UnitValue[]> {
      if (units !== null && units.length === 0) return [];
      if (fromCensus) return fromCensus(await census(tx, units, period.to)).map((v) => ({ ...v }));
      const s = await source(
        tx,
        period,
        units === null ? null : sql`select unnest(cast(${[...units]} as uuid[]))`,
      );
      const r = await roomy(tx, () =>
        sql<{ unitId: string; category: string | null; value: number | string }>`
          select ${s.unit} as unit_id, ${s.category ?? sql`null::text`} as category, ${s.value} as value
          ${s.from} ${unitFilter(s.unit, units)}
          group by 1, 2`.execute(tx),
      );
      return r.rows.map((row) => ({
        unitId: row.unitId,
        category: row.category,
        value: Number(row.value),
      }));
    },
    async compute(tx, scope, period) {
      if (scope.paths.length === 0) return 0;
      const units = sql`select hoi_subtree_units(cast(${scope.paths} as text[]))`;
      const s = await source(tx, period, units);
      const r = await roomy(tx, () =>
        sql<{ value: number | string }>`
          select coalesce(${s.value}, 0) as value
          ${s.from} and ${s.unit} in (${units})`.execute(tx),
      );
      return Number(r.rows[0]?.value ?? 0);
    },
  };
}

const COUNT = sql`count(*)::int`;

/** Membership periods in force on day `d` with status active (the `p` of the cut-off sources). */
function activeOn(d: string, join: RawBuilder<unknown> = sql``) {
  return sql`from membership_periods p ${join}
    where p.status = 'active' and p.valid_from <= ${d} and (p.valid_to is null or p.valid_to > ${d})`;
}

const WITH_MEMBERSHIP = sql`join memberships m
  on m.association_id = p.association_id and m.id = p.membership_id`;

/**
 * The registry's age band of a birth year on `date` (members.rules ageBandYears, the member
 * list's filter: by year of birth, as elderly members often know only that); null when unknown.
 */
function ageBandOf(birthYear: RawBuilder<unknown>, date: string) {
  const whens = AGE_BANDS.map((band) => {
    const { from, to } = ageBandYears(band, date);
    const conds = [
      ...(from !== null ? [sql`${birthYear} >= ${sql.lit(from)}`] : []),
      ...(to !== null ? [sql`${birthYear} <= ${sql.lit(to)}`] : []),
    ];
    return sql`when ${sql.join(conds, sql` and `)} then ${sql.lit(band)}`;
  });
  return sql`(case ${sql.join(whens, sql` `)} end)`;
}

/**
 * Dues arrears on day `d`: the dues arrears list's rule (dues-reports arrears, hoi_member_page
 * p_paid_before) — not honorary, and the first unsettled year (the year after paid-through, or
 * the join year) already overdue on `d` (dues.rules lastOverdueYear). Paid-through is kept for
 * today, so for a past day it is corrected by the payments recorded as paid after `d` for a year
 * already overdue then (`late`): such a member still owed on `d`.
 *
 * Approximations: paid-through is computed with today's rates, exemptions and category (of
 * today's unit), so an exemption granted or a rate set after `d` is taken as known on `d`; and a
 * payment after `d` for a year that was already settled on `d` (an overpayment) counts the
 * member as owing.
 */
async function arrearsOn(tx: Tx, d: string) {
  const tenant = await sql<{ id: string }>`select hoi_tenant() as id`.execute(tx);
  const settings = await settingsOf(tx, tenant.rows[0]!.id);
  const lastDue = lastOverdueYear(d, settings.duesDueMonth);
  return {
    /** Joins `m` (the membership) and `late` to the active periods `p`. */
    join: sql`${WITH_MEMBERSHIP}
      left join (select distinct dp.membership_id from dues_payments dp
                  where dp.paid_on > ${d} and dp.year <= ${lastDue}) late
        on late.membership_id = p.membership_id`,
    // coalesce(paid-through, join year - 1) < lastDue, written without a per-row date_part.
    owes: sql`(p.category <> 'honorary' and m.joined_on is not null
      and (case when m.dues_paid_through is not null then m.dues_paid_through < ${lastDue}
                else m.joined_on < ${`${lastDue + 1}-01-01`}::date end
           or late.membership_id is not null))`,
  };
}

/** Per-unit values summed by category (null: total only), without zeros. */
class Tally {
  private readonly units = new Map<string, Map<string | null, number>>();
  add(unitId: string, category: string | null, value: number) {
    if (value === 0) return;
    let cats = this.units.get(unitId);
    if (!cats) this.units.set(unitId, (cats = new Map()));
    cats.set(category, (cats.get(category) ?? 0) + value);
  }
  values(): UnitValue[] {
    const out: UnitValue[] = [];
    for (const [unitId, cats] of this.units)
      for (const [category, value] of cats) out.push({ unitId, category, value });
    return out;
  }
}

/** The cut-off counts read off one census: per unit, by sex, by age band, and owing dues. */
interface Census {
  bySex: UnitValue[];
  byAge: UnitValue[];
  owing: UnitValue[];
}

/**
 * One reading of the active memberships on a day, joined to their membership rows, serves the
 * three cut-off counts (members.active, members.active_by_age, members.in_arrears): a report
 * fills them one after the other in one transaction, and each would otherwise scan and join a
 * million rows again. Kept for the transaction and the same `units` array (by identity), so a
 * transaction that changes memberships between two readings must pass a new array.
 */
const censuses = new WeakMap<
  Tx,
  { to: string; units: readonly string[] | null; census: Promise<Census> }[]
>();

function census(tx: Tx, units: readonly string[] | null, to: string): Promise<Census> {
  const list = censuses.get(tx) ?? [];
  censuses.set(tx, list);
  const hit = list.find((c) => c.to === to && c.units === units);
  if (hit) return hit.census;
  const census = (async (): Promise<Census> => {
    const a = await arrearsOn(tx, to);
    // Grouped again by unit into one row each (tens of thousands rather than ~130,000 rows).
    const r = await roomy(tx, () =>
      sql<{ unitId: string; groups: [string | null, string | null, number, number][] }>`
        select unit_id, json_agg(json_build_array(gender, band, n, owing)) as groups from (
          select p.unit_id, p.gender, ${ageBandOf(sql`m.birth_year`, to)} as band,
                 count(*)::int as n, (count(*) filter (where ${a.owes}))::int as owing
          ${activeOn(to, a.join)} ${unitFilter(sql`p.unit_id`, units)}
          group by 1, 2, 3) g
        group by unit_id`.execute(tx),
    );
    const bySex = new Tally();
    const byAge = new Tally();
    const owing = new Tally();
    for (const { unitId, groups } of r.rows) {
      for (const [gender, band, n, owes] of groups) {
        bySex.add(unitId, gender, n);
        byAge.add(unitId, band, n);
        owing.add(unitId, null, owes);
      }
    }
    return { bySex: bySex.values(), byAge: byAge.values(), owing: owing.values() };
  })();
  list.push({ to, units, census });
  return census;
}

/**
 * Memberships that moved into a final status with effect in the period, at the unit they were
 * in: the period row the change opened (members.service applyChange). Final statuses have no
 * way out (MEMBER_ACTIONS), so each membership opens at most one such row.
 */
function endedIn(status: 'removed' | 'resigned' | 'deceased' | 'aged_out', period: Period): Source {
  return {
    from: sql`from membership_periods p
      where p.status = ${sql.lit(status)} and p.valid_from between ${period.from} and ${period.to}`,
    unit: sql`p.unit_id`,
    value: COUNT,
  };
}

/** Accepted transfers with effect in the period: acceptance date (transfers.answered_on). */
function transfersIn(period: Period, side: 'to' | 'from'): Source {
  return {
    from: sql`from transfers t
      where t.status = 'accepted' and t.answered_on between ${period.from} and ${period.to}`,
    unit: side === 'to' ? sql`t.to_unit_id` : sql`t.from_unit_id`,
    value: COUNT,
  };
}

export const MEMBER_INDICATORS: readonly AutomaticIndicator[] = [
  indicator({
    code: 'members.active',
    name: {
      vi: 'Số hội viên đang sinh hoạt cuối kỳ',
      en: 'Active members at the end of the period',
    },
    type: 'count',
    taskArea: 3,
    basis: 'cutoff',
    disaggregation: 'sex',
    source: (_tx, period) => ({
      from: activeOn(period.to),
      unit: sql`p.unit_id`,
      category: sql`p.gender`,
      value: COUNT,
    }),
    fromCensus: (c) => c.bySex,
  }),
  indicator({
    code: 'members.active_by_age',
    name: {
      vi: 'Số hội viên đang sinh hoạt cuối kỳ theo nhóm tuổi',
      en: 'Active members at the end of the period by age band',
    },
    type: 'count',
    taskArea: 3,
    basis: 'cutoff',
    disaggregation: 'age_band',
    source: (_tx, period) => ({
      from: activeOn(period.to, WITH_MEMBERSHIP),
      unit: sql`p.unit_id`,
      category: ageBandOf(sql`m.birth_year`, period.to),
      value: COUNT,
    }),
    fromCensus: (c) => c.byAge,
  }),
  indicator({
    code: 'members.people',
    name: {
      vi: 'Số người là hội viên đang sinh hoạt cuối kỳ',
      en: 'People who are active members at the end of the period',
    },
    type: 'count',
    taskArea: 3,
    basis: 'cutoff',
    // Distinct people. Within one association a person holds at most one current membership
    // (memberships_current_person) and memberships of one person never overlap in time
    // (createMember), so on one day a person is active in one unit only: per-unit distinct
    // counts add up to the subtree's distinct count.
    source: (_tx, period) => ({
      from: activeOn(period.to),
      unit: sql`p.unit_id`,
      value: sql`count(distinct p.person_id)::int`,
    }),
  }),
  indicator({
    code: 'members.admitted',
    name: { vi: 'Số hội viên kết nạp mới trong kỳ', en: 'Members admitted in the period' },
    type: 'count',
    taskArea: 3,
    basis: 'period',
    disaggregation: 'sex',
    // The admission event (written by admission only: imported members are not admissions),
    // counted at the unit the member belonged to on the admission date — the event's unit is
    // the deciding unit, which may be a parent. A change on the same day as the admission
    // amends the same period (applyChange), so a same-day transfer counts it at the new unit.
    // A membership's periods follow each other without gaps or overlaps (applyChange), so the
    // one in force on a day is the latest that starts on or before it: one index probe each.
    // For some units only, admissions of memberships never in them are left out first.
    source: (_tx, period, units) => ({
      from: sql`from member_events e
        cross join lateral (
          select p.unit_id, p.gender from membership_periods p
           where p.association_id = e.association_id and p.membership_id = e.membership_id
             and p.valid_from <= e.effective_date
           order by p.valid_from desc limit 1) p
        where e.kind = 'admitted' and e.effective_date between ${period.from} and ${period.to}
        ${
          units === null
            ? sql``
            : sql`and e.membership_id in (select mp.membership_id from membership_periods mp
                                           where mp.unit_id in (${units}))`
        }`,
      unit: sql`p.unit_id`,
      category: sql`p.gender`,
      value: COUNT,
    }),
  }),
  indicator({
    code: 'members.transferred_in',
    name: {
      vi: 'Số hội viên chuyển đến trong kỳ',
      en: 'Members transferred in during the period',
    },
    type: 'count',
    taskArea: 3,
    basis: 'period',
    source: (_tx, period) => transfersIn(period, 'to'),
  }),
  indicator({
    code: 'members.transferred_out',
    name: {
      vi: 'Số hội viên chuyển đi trong kỳ',
      en: 'Members transferred out during the period',
    },
    type: 'count',
    taskArea: 3,
    basis: 'period',
    source: (_tx, period) => transfersIn(period, 'from'),
  }),
  indicator({
    code: 'members.removed',
    name: { vi: 'Số hội viên bị xóa tên trong kỳ', en: 'Members removed in the period' },
    type: 'count',
    taskArea: 3,
    basis: 'period',
    source: (_tx, period) => endedIn('removed', period),
  }),
  indicator({
    code: 'members.resigned',
    name: { vi: 'Số hội viên xin ra hội trong kỳ', en: 'Members who resigned in the period' },
    type: 'count',
    taskArea: 3,
    basis: 'period',
    source: (_tx, period) => endedIn('resigned', period),
  }),
  indicator({
    code: 'members.deceased',
    name: { vi: 'Số hội viên từ trần trong kỳ', en: 'Members deceased in the period' },
    type: 'count',
    taskArea: 3,
    basis: 'period',
    source: (_tx, period) => endedIn('deceased', period),
  }),
  indicator({
    code: 'members.aged_out',
    name: {
      vi: 'Số hội viên hết tuổi sinh hoạt trong kỳ',
      en: 'Members who aged out in the period',
    },
    type: 'count',
    taskArea: 3,
    basis: 'period',
    source: (_tx, period) => endedIn('aged_out', period),
  }),
  indicator({
    code: 'members.in_arrears',
    name: {
      vi: 'Số hội viên nợ hội phí cuối kỳ',
      en: 'Active members in dues arrears at the end of the period',
    },
    type: 'count',
    taskArea: 5,
    basis: 'cutoff',
    // See arrearsOn for the rule and its approximations.
    source: async (tx, period) => {
      const a = await arrearsOn(tx, period.to);
      return {
        from: sql`${activeOn(period.to, a.join)} and ${a.owes}`,
        unit: sql`p.unit_id`,
        value: COUNT,
      };
    },
    fromCensus: (c) => c.owing,
  }),
  indicator({
    code: 'dues.collected',
    name: { vi: 'Số hội phí thu được trong kỳ', en: 'Dues collected in the period' },
    type: 'money',
    taskArea: 5,
    basis: 'period',
    // Payments by the date paid, at the unit that collected them (a bulk payment's unit, or the
    // member's unit when recorded one by one).
    source: (_tx, period) => ({
      from: sql`from dues_payments dp where dp.paid_on between ${period.from} and ${period.to}`,
      unit: sql`dp.collected_by_unit_id`,
      value: sql`sum(dp.amount)::bigint`,
    }),
  }),
];

export function registerMemberIndicators() {
  registerIndicators(MEMBER_INDICATORS);
}
