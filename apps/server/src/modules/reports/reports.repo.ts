/** SQL of the periodic reports: report rows, events, the tree as of a date, roll-up aggregates. */
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../db/engine.js';
import { roomy } from '../../db/roomy.js';
import type { ReportEventsTable, ReportsTable } from '../../db/schema.js';
import type { SlotRule } from './rollup.js';

/*
 * `data` and `texts` are keyed by slot codes (`members.transferred_in`, `tuyen_truyen`): they
 * are read as text and parsed here, so the camel-case plugin never rewrites their keys.
 */
const DATA = sql<string>`data::text`.as('data');
const TEXTS = sql<string>`texts::text`.as('texts');

function parsed<T extends { data: string }>(
  row: T,
): Omit<T, 'data'> & { data: Record<string, number | null> } {
  return { ...row, data: JSON.parse(row.data) as Record<string, number | null> };
}
function parsedFull<T extends { data: unknown; texts: unknown }>(
  row: T,
): Omit<T, 'data' | 'texts'> & {
  data: Record<string, number | null>;
  texts: Record<string, string>;
} {
  return { ...row, data: JSON.parse(row.data as string), texts: JSON.parse(row.texts as string) };
}

export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

export async function findReport(tx: Tx, id: string) {
  const r = await tx
    .selectFrom('reports')
    .selectAll()
    .select([DATA, TEXTS])
    .where('id', '=', id)
    .executeTakeFirst();
  return r && parsedFull(r);
}

export async function findByKey(tx: Tx, templateId: string, period: string, unitId: string) {
  const r = await tx
    .selectFrom('reports')
    .selectAll()
    .select([DATA, TEXTS])
    .where('templateId', '=', templateId)
    .where('period', '=', period)
    .where('unitId', '=', unitId)
    .executeTakeFirst();
  return r && parsedFull(r);
}

export async function insertReport(tx: Tx, row: Insertable<ReportsTable>) {
  await tx.insertInto('reports').values(row).execute();
}

/** Updates when the version still matches; false when someone changed it first. */
export async function updateReport(
  tx: Tx,
  id: string,
  version: number,
  set: Partial<Insertable<ReportsTable>>,
) {
  const r = await tx
    .updateTable('reports')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertEvent(tx: Tx, row: Insertable<ReportEventsTable>) {
  await tx.insertInto('reportEvents').values(row).execute();
}

export async function eventsOf(tx: Tx, reportId: string) {
  return tx
    .selectFrom('reportEvents')
    .selectAll()
    .where('reportId', '=', reportId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export interface TreeNode {
  id: string;
  parentId: string | null;
  level: number;
  code: string;
  name: string;
}

/** Every unit as it stood on `date`: its parent and name then (interval filters, no recursion). */
export async function treeAsOf(tx: Tx, date: string): Promise<TreeNode[]> {
  const r = await sql<TreeNode>`
    select u.id, p.parent_id as "parentId", u.level, u.code, coalesce(n.name, u.name) as name
      from units u
      join unit_parents p on p.unit_id = u.id and p.valid_from <= ${date}::date
                         and (p.valid_to is null or p.valid_to > ${date}::date)
      left join unit_names n on n.unit_id = u.id and n.valid_from <= ${date}::date
                         and (n.valid_to is null or n.valid_to > ${date}::date)
     where u.valid_from <= ${date}::date and (u.valid_to is null or u.valid_to > ${date}::date)`.execute(
    tx,
  );
  return r.rows;
}

/** The units (with current path) by id. */
export async function unitsById(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return tx
    .selectFrom('units as u')
    .innerJoin('unitPaths as up', (j) =>
      j.onRef('up.associationId', '=', 'u.associationId').onRef('up.unitId', '=', 'u.id'),
    )
    .select([
      'u.id',
      'u.code',
      'u.name',
      'u.level',
      'u.parentId',
      'u.status',
      sql<string>`up.path::text`.as('path'),
    ])
    .where('u.id', 'in', [...ids])
    .execute();
}

/** Summaries of the reports of the listed units for a template and period. */
export async function reportsOfUnits(
  tx: Tx,
  templateId: string,
  periods: readonly string[],
  unitIds: readonly string[],
) {
  if (unitIds.length === 0 || periods.length === 0) return [];
  return tx
    .selectFrom('reports')
    .select([
      'id',
      'unitId',
      'period',
      'status',
      'version',
      'dueDate',
      'firstSubmittedAt',
      'parentUnitId',
      DATA,
    ])
    .where('templateId', '=', templateId)
    .where('period', 'in', [...periods])
    .where('unitId', 'in', [...unitIds])
    .execute()
    .then((rows) => rows.map((r) => parsed(r)));
}

/** Reports whose parent (as of their period) is the given unit. */
export async function reportsByParent(
  tx: Tx,
  templateId: string,
  period: string,
  parentId: string,
) {
  return tx
    .selectFrom('reports')
    .select(['id', 'unitId', 'status', DATA])
    .where('templateId', '=', templateId)
    .where('period', '=', period)
    .where('parentUnitId', '=', parentId)
    .execute()
    .then((rows) => rows.map((r) => parsed(r)));
}

export interface RollupRow {
  parentUnitId: string | null;
  period: string;
  reports: number;
  /** Per slot, in the order of the slots asked for: the children's values by the slot's rule. */
  values: (number | null)[];
}

/** Positions of slot keys in `reports.vals` (report_slots); a key never stored has none. */
export async function slotPositions(tx: Tx, keys: readonly string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await tx
    .selectFrom('reportSlots')
    .select(['key', 'pos'])
    .where('key', 'in', [...new Set(keys)])
    .execute();
  return new Map(rows.map((r) => [r.key, r.pos]));
}

/**
 * Approved children's values aggregated per (parent, period), each slot by its rule — sum; average
 * of the values given; weighted, Σ value×weight / Σ weight over children with both; none — in one
 * pass over the report rows with one aggregate per slot over `vals[pos]` (decision 65), so a year
 * of monthly reports of 20,000 units is a single scan without a jsonb lookup per value. The same
 * rules as rollup.ts `aggregate`, which the tests compare it with.
 */
export async function rollupValues(
  tx: Tx,
  f: {
    templateId: string;
    periods: readonly string[];
    parentIds: readonly string[] | null;
    statuses: readonly string[];
    slots: readonly SlotRule[];
  },
): Promise<RollupRow[]> {
  if (f.periods.length === 0) return [];
  const pos = await slotPositions(
    tx,
    f.slots.flatMap((s) => (s.weightKey ? [s.key, s.weightKey] : [s.key])),
  );
  // One column per slot that can have a value, in slot order; the rest are null everywhere.
  const cols: { key: string; expr: ReturnType<typeof sql> }[] = [];
  for (const s of f.slots) {
    const p = pos.get(s.key);
    if (p === undefined || s.aggregation === 'none') continue;
    const v = sql`vals[${sql.lit(p)}]`;
    if (s.aggregation === 'sum') cols.push({ key: s.key, expr: sql`sum(${v})` });
    else if (s.aggregation === 'average') cols.push({ key: s.key, expr: sql`avg(${v})` });
    else {
      const wp = s.weightKey ? pos.get(s.weightKey) : undefined;
      if (wp === undefined) continue;
      const w = sql`vals[${sql.lit(wp)}]`;
      cols.push({
        key: s.key,
        expr: sql`sum(${v} * ${w}) / nullif(sum(case when ${v} is not null then ${w} end), 0)`,
      });
    }
  }
  const parentFilter = f.parentIds
    ? sql`and parent_unit_id = any(${[...f.parentIds]}::uuid[])`
    : sql``;
  const inner = cols.map((c, i) => sql`, ${c.expr} as ${sql.ref(`v${i}`)}`);
  const outer = cols.map((_, i) => sql`, g.${sql.ref(`v${i}`)}`);
  // The rows come back as one JSON text: 33,000 rows of 30+ numbers decoded one by one cost
  // PGlite several times the aggregation itself.
  const r = await roomy(tx, () =>
    sql<{ rows: string | null }>`
      select json_agg(json_build_array(g.parent_unit_id, g.period, g.reports ${sql.join(outer, sql``)}))::text as rows
        from (select parent_unit_id, period, count(*)::int as reports ${sql.join(inner, sql``)}
                from reports
               where template_id = ${f.templateId} and period = any(${[...f.periods]}::text[])
                 and status = any(${[...f.statuses]}::text[]) ${parentFilter}
               group by parent_unit_id, period) g`.execute(tx),
  );
  const rows = JSON.parse(r.rows[0]?.rows ?? '[]') as (string | number | null)[][];
  // Column of each slot in a row (slots without a column are null): arrays, not one keyed object
  // per row, for ~33,000 rows × 30 slots.
  const columnOf = new Map(cols.map((c, i) => [c.key, i + 3]));
  const at = f.slots.map((s) => columnOf.get(s.key) ?? -1);
  return rows.map((row) => {
    const values = at.map((i) => (i < 0 ? null : (row[i] as number | null)));
    return {
      parentUnitId: row[0] as string | null,
      period: row[1] as string,
      reports: row[2] as number,
      values,
    };
  });
}


/** Each merged unit's successors (unit_successors), for restating past periods onto today's tree. */
export async function successors(tx: Tx) {
  const rows = await tx
    .selectFrom('unitSuccessors')
    .select(['predecessorId', 'successorId'])
    .execute();
  const map = new Map<string, string[]>();
  for (const r of rows) {
    const l = map.get(r.predecessorId) ?? [];
    l.push(r.successorId);
    map.set(r.predecessorId, l);
  }
  return map;
}

/** Next number in the unit's BC register for the year (document_counters). */
export async function nextDocNumber(tx: Tx, associationId: string, unitId: string, year: number) {
  const r = await sql<{ last: number }>`
    insert into document_counters (association_id, unit_id, year, series, last)
    values (${associationId}, ${unitId}, ${year}, 'BC', 1)
    on conflict (association_id, unit_id, year, series) do update set last = document_counters.last + 1
    returning last`.execute(tx);
  return r.rows[0]!.last;
}

/** `childrenAsOf` for several dates in one query (the dashboard's trend of periods). */
export async function childrenAsOfDates(tx: Tx, unitId: string, dates: readonly string[]) {
  const out = new Map<string, { id: string; level: number; code: string; name: string }[]>(
    dates.map((d) => [d, []]),
  );
  if (dates.length === 0) return out;
  const r = await sql<{ day: string; id: string; level: number; code: string; name: string }>`
    select d.day::text as day, u.id, u.level, u.code, coalesce(n.name, u.name) as name
      from unnest(${[...dates]}::date[]) as d(day)
      join unit_parents p on p.parent_id = ${unitId} and p.valid_from <= d.day
                         and (p.valid_to is null or p.valid_to > d.day)
      join units u on u.id = p.unit_id
      left join unit_names n on n.unit_id = u.id and n.valid_from <= d.day
                         and (n.valid_to is null or n.valid_to > d.day)
     where u.valid_from <= d.day and (u.valid_to is null or u.valid_to > d.day)
     order by d.day, u.code`.execute(tx);
  for (const { day, ...child } of r.rows) out.get(day)?.push(child);
  return out;
}

/** The units whose parent was `unitId` on `date` (the children a report's roll-up expects). */
export async function childrenAsOf(tx: Tx, unitId: string, date: string) {
  const r = await sql<{ id: string; level: number; code: string; name: string }>`
    select u.id, u.level, u.code, coalesce(n.name, u.name) as name
      from unit_parents p
      join units u on u.id = p.unit_id
      left join unit_names n on n.unit_id = u.id and n.valid_from <= ${date}::date
                         and (n.valid_to is null or n.valid_to > ${date}::date)
     where p.parent_id = ${unitId} and p.valid_from <= ${date}::date
       and (p.valid_to is null or p.valid_to > ${date}::date)
       and u.valid_from <= ${date}::date and (u.valid_to is null or u.valid_to > ${date}::date)
     order by u.code`.execute(tx);
  return r.rows;
}

/** The unit's parent on `date` (null at the root or when the unit did not exist then). */
export async function parentAsOf(tx: Tx, unitId: string, date: string) {
  const r = await tx
    .selectFrom('unitParents')
    .select('parentId')
    .where('unitId', '=', unitId)
    .where('validFrom', '<=', date)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>', date)]))
    .executeTakeFirst();
  return r;
}

/** Users holding an officer role at the given units today, to notify. */
export async function officersAt(tx: Tx, unitIds: string[], today: string) {
  if (unitIds.length === 0) return [];
  const rows = await tx
    .selectFrom('roleAssignments')
    .select('userId')
    .distinct()
    .where('unitId', 'in', unitIds)
    .where('role', 'in', ['association_admin', 'unit_officer'])
    .where('validFrom', '<=', today)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>', today)]))
    .execute();
  return rows.map((r) => r.userId);
}
