import { sql, type Insertable, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/engine.js';
import type {
  DuesExemptionsTable,
  DuesPaymentsTable,
  DuesRatesTable,
  MemberEventsTable,
} from '../../db/schema.js';

/** Memberships a dues computation covers: explicit ids, or the current members of subtrees. */
export type MemberSet = { ids: string[] } | { subtreePaths: string[] };

function memberIds(set: MemberSet): RawBuilder<unknown> {
  if ('ids' in set) return sql`select unnest(cast(${set.ids} as uuid[]))`;
  return sql`select id from memberships
    where unit_id in (select hoi_subtree_units(cast(${set.subtreePaths} as text[])))
      and status in ('active', 'suspended')`;
}

/**
 * The dues facts of each member and year, as common table expressions ending in `st`: one row
 * per member and year from max(join year, `from`) to `to` (default: the member's last rate
 * year), with the resolved rate (null: none), the amount paid, the exemption (an exemption row's
 * reason, else 'honorary' for honorary members) and whether the year is settled.
 *
 * The rate of a member for a year is the one set at the nearest unit on the path from the
 * member's unit up to the root; at that unit a rate for the member's category beats a generic
 * one, and rates for other categories do not apply. A year is settled when it is no later than
 * the member's last rate year and is exempt, carries no rate (nothing was levied: years before
 * the first rate and gaps) or is paid in full. Years after the last rate year are not settled.
 * This is the one place the rule is written: paid-through, collection sheets, arrears and the
 * member's dues page all read it.
 */
function settledYears(set: MemberSet, from: number | null, to: number | null) {
  return sql`
    with mem as (
      select m.id, m.unit_id, m.category, extract(year from m.joined_on)::int as j
        from memberships m
       where m.id in (${memberIds(set)}) and m.joined_on is not null
    ),
    mu as (
      select distinct mem.unit_id, mem.category, up.path
        from mem
        join unit_paths up on up.association_id = (select hoi_tenant()) and up.unit_id = mem.unit_id
    ),
    rp as (
      select r.year::int as year, r.category, r.amount, p.path, nlevel(p.path) as depth
        from dues_rates r
        join unit_paths p on p.association_id = r.association_id and p.unit_id = r.unit_id
    ),
    res as (
      select distinct on (mu.unit_id, mu.category, rp.year) mu.unit_id, mu.category, rp.year, rp.amount
        from mu
        join rp on rp.path @> mu.path and (rp.category is null or rp.category = mu.category)
       order by mu.unit_id, mu.category, rp.year, rp.depth desc, (rp.category is null)
    ),
    lr as (select unit_id, category, max(year) as l from res group by unit_id, category),
    yrs as (
      select mem.id, mem.unit_id, mem.category, mem.j, lr.l, y.year::int as year
        from mem
        left join lr on lr.unit_id = mem.unit_id and lr.category = mem.category
       cross join lateral generate_series(greatest(mem.j, ${from}::int), coalesce(${to}::int, lr.l)) as y(year)
    ),
    pay as (
      select p.membership_id, p.year::int as year, sum(p.amount)::bigint as paid
        from dues_payments p
       where p.membership_id in (select id from mem)
       group by p.membership_id, p.year
    ),
    ex as (
      select e.membership_id, e.reason, e.from_year, e.to_year, e.created_at
        from dues_exemptions e
       where e.membership_id in (select id from mem)
    ),
    facts as (
      select yrs.id, yrs.year, yrs.j, yrs.l,
             min(res.amount) as rate,
             coalesce(min(pay.paid), 0)::bigint as paid,
             coalesce((array_agg(ex.reason order by ex.created_at) filter (where ex.reason is not null))[1],
                      case when yrs.category = 'honorary' then 'honorary' end) as exempt
        from yrs
        left join res on res.unit_id = yrs.unit_id and res.category = yrs.category and res.year = yrs.year
        left join pay on pay.membership_id = yrs.id and pay.year = yrs.year
        left join ex on ex.membership_id = yrs.id and ex.from_year <= yrs.year
                    and (ex.to_year is null or ex.to_year >= yrs.year)
       group by yrs.id, yrs.year, yrs.j, yrs.l, yrs.category
    ),
    st as (
      select facts.*,
             (l is not null and year <= l and (exempt is not null or rate is null or paid >= rate)) as settled
        from facts
    )`;
}

export interface YearFact {
  id: string;
  year: number;
  /** Resolved rate for the year, or null when none applies. */
  rate: number | null;
  paid: number;
  exempt: 'elderly' | 'poor_household' | 'honorary' | 'other' | null;
  settled: boolean;
}

/** Each member's dues facts per year from max(join year, `from`) to `to` (see settledYears). */
export async function yearFacts(
  tx: Tx,
  ids: string[],
  from: number | null,
  to: number,
): Promise<YearFact[]> {
  if (ids.length === 0) return [];
  const r = await sql<YearFact>`${settledYears({ ids }, from, to)}
    select id, year, rate, paid, exempt, settled from st order by id, year`.execute(tx);
  return r.rows.map((row) => ({
    ...row,
    rate: row.rate === null ? null : Number(row.rate),
    paid: Number(row.paid),
  }));
}

/**
 * Recomputes memberships.dues_paid_through (the last year settled without a gap from the join
 * year; null when the join year is not) for a set of members, writing only changed rows. The one
 * function every payment, exemption, rate and accepted transfer goes through. Derived data: the
 * membership's version does not move.
 */
export async function refreshPaidThrough(tx: Tx, set: MemberSet): Promise<void> {
  if ('ids' in set && set.ids.length === 0) return;
  await sql`${settledYears(set, null, null)},
    pt as (
      select mem.id,
             case
               when min(st.year) filter (where not st.settled) is not null
                 then nullif(min(st.year) filter (where not st.settled) - 1, mem.j - 1)
               else max(st.year)
             end as pt
        from mem left join st on st.id = mem.id
       group by mem.id, mem.j
    )
    update memberships m set dues_paid_through = pt.pt
      from pt
     where m.id = pt.id and m.dues_paid_through is distinct from pt.pt`.execute(tx);
}

/** Members locked for a dues write, with their unit path (order: id, so locks never deadlock). */
export async function lockMembers(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .selectFrom('memberships as m')
    .innerJoin('unitPaths as up', (j) =>
      j.onRef('up.associationId', '=', 'm.associationId').onRef('up.unitId', '=', 'm.unitId'),
    )
    .select([
      'm.associationId',
      'm.id',
      'm.unitId',
      'm.status',
      'm.category',
      'm.joinedOn',
      sql<string>`up.path::text`.as('unitPath'),
    ])
    .where('m.id', 'in', ids)
    .orderBy('m.id')
    .forUpdate('m')
    .execute();
}

/** What dues lines show of a member, for the given ids. */
export async function memberLines(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .selectFrom('memberships as m')
    .innerJoin('units as u', (j) =>
      j.onRef('u.associationId', '=', 'm.associationId').onRef('u.id', '=', 'm.unitId'),
    )
    .select([
      'm.id',
      'm.memberNumber',
      'm.fullName',
      'm.unitId',
      'u.name as unitName',
      'm.category',
      'm.status',
      'm.joinedOn',
      'm.duesPaidThrough',
      'm.sortKey',
    ])
    .where('m.id', 'in', ids)
    .execute();
}
export type MemberLineRow = Awaited<ReturnType<typeof memberLines>>[number];

/** Active and suspended members of a subtree who had joined by the end of `year`, in name order. */
export async function collectionMemberIds(tx: Tx, path: string, year: number): Promise<string[]> {
  const r = await sql<{ id: string }>`
    select m.id from memberships m
     where m.unit_id in (select hoi_subtree_units(cast(${[path]} as text[])))
       and m.status in ('active', 'suspended')
       and m.joined_on < make_date(${year}::int + 1, 1, 1)
     order by m.sort_key, m.id`.execute(tx);
  return r.rows.map((row) => row.id);
}

const rateColumns = [
  'r.id',
  'r.unitId',
  'u.name as unitName',
  'r.year',
  'r.category',
  'r.amount',
  'r.createdAt',
] as const;

function ratesWithUnits(tx: Tx) {
  return tx
    .selectFrom('duesRates as r')
    .innerJoin('units as u', (j) =>
      j.onRef('u.associationId', '=', 'r.associationId').onRef('u.id', '=', 'r.unitId'),
    )
    .innerJoin('unitPaths as p', (j) =>
      j.onRef('p.associationId', '=', 'r.associationId').onRef('p.unitId', '=', 'r.unitId'),
    );
}

/**
 * Rates that matter to the given subtrees: set at one of their units or above them (null paths:
 * every rate of the association).
 */
export async function listRates(tx: Tx, paths: string[] | null, year: number | null) {
  let q = ratesWithUnits(tx).select(rateColumns);
  if (paths)
    q = q.where(
      sql<boolean>`(p.path @> any(cast(${paths} as text[])::ltree[]) or p.path <@ any(cast(${paths} as text[])::ltree[]))`,
    );
  if (year !== null) q = q.where('r.year', '=', year);
  return q.orderBy('r.year', 'desc').orderBy('p.path').orderBy('r.category').execute();
}
export type RateRow = Awaited<ReturnType<typeof listRates>>[number];

export async function findRate(tx: Tx, id: string) {
  return ratesWithUnits(tx).select(rateColumns).where('r.id', '=', id).executeTakeFirst();
}

/** The rate set for exactly this unit, year and category (null = generic), if any. */
export async function rateAt(
  tx: Tx,
  unitId: string,
  year: number,
  category: DuesRatesTable['category'],
) {
  let q = tx
    .selectFrom('duesRates')
    .select('id')
    .where('unitId', '=', unitId)
    .where('year', '=', year);
  q = category === null ? q.where('category', 'is', null) : q.where('category', '=', category);
  return q.executeTakeFirst();
}

/** Whether any rate for `year` is set on the unit, above it or below it. */
export async function anyRateAround(tx: Tx, path: string, year: number): Promise<boolean> {
  const r = await ratesWithUnits(tx)
    .select('r.id')
    .where('r.year', '=', year)
    .where(sql<boolean>`(p.path @> ${path}::ltree or p.path <@ ${path}::ltree)`)
    .executeTakeFirst();
  return r !== undefined;
}

export async function insertRate(tx: Tx, row: Insertable<DuesRatesTable>) {
  await tx.insertInto('duesRates').values(row).execute();
}

export async function insertExemption(tx: Tx, row: Insertable<DuesExemptionsTable>) {
  await tx.insertInto('duesExemptions').values(row).execute();
}

export async function findExemption(tx: Tx, id: string, opts: { lock?: boolean } = {}) {
  let q = tx.selectFrom('duesExemptions').selectAll().where('id', '=', id);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type ExemptionRow = NonNullable<Awaited<ReturnType<typeof findExemption>>>;

export async function endExemption(tx: Tx, id: string, toYear: number, at: Date) {
  await tx
    .updateTable('duesExemptions')
    .set({ toYear, endedAt: at })
    .where('id', '=', id)
    .execute();
}

export async function exemptionsOf(tx: Tx, membershipId: string) {
  return tx
    .selectFrom('duesExemptions')
    .selectAll()
    .where('membershipId', '=', membershipId)
    .orderBy('fromYear')
    .orderBy('createdAt')
    .execute();
}

export async function insertPayments(tx: Tx, rows: Insertable<DuesPaymentsTable>[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await tx
      .insertInto('duesPayments')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
}

export async function findPayment(tx: Tx, id: string) {
  return tx.selectFrom('duesPayments').selectAll().where('id', '=', id).executeTakeFirst();
}
export type PaymentRow = NonNullable<Awaited<ReturnType<typeof findPayment>>>;

export async function paymentsOf(tx: Tx, membershipId: string) {
  return tx
    .selectFrom('duesPayments')
    .selectAll()
    .where('membershipId', '=', membershipId)
    .orderBy('year')
    .orderBy('paidOn')
    .orderBy('id')
    .execute();
}

/** Many timeline events at once (a bulk payment adds one per member). */
export async function insertEvents(tx: Tx, rows: Insertable<MemberEventsTable>[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await tx
      .insertInto('memberEvents')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
}
