/** SQL of the periodic reports: report rows, events, the tree as of a date, roll-up aggregates. */
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../db/engine.js';
import type { ReportEventsTable, ReportsTable } from '../../db/schema.js';

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

export interface SlotAgg {
  key: string;
  weightKey?: string | null;
}
export interface RollupRow {
  parentUnitId: string | null;
  period: string;
  reports: number;
  /** Per slot: [sum, count, weighted sum, weight total]. */
  aggs: Record<string, [number, number, number, number]>;
}

/**
 * Approved children's values aggregated per (parent, period): for each slot its sum, count and,
 * when weighted, Σ value×weight and Σ weight — one pass over the report rows, one aggregate per
 * slot (no row per value), so a year of monthly reports of 20,000 units is a single scan.
 */
export async function rollupAggregates(
  tx: Tx,
  f: {
    templateId: string;
    periods: readonly string[];
    parentIds: readonly string[] | null;
    statuses: readonly string[];
    slots: readonly SlotAgg[];
  },
): Promise<RollupRow[]> {
  if (f.periods.length === 0 || f.slots.length === 0) return [];
  const cols = f.slots.map((s, i) => {
    const v = sql`(data->>${s.key})::float8`;
    const parts = [sql`sum(${v}) as ${sql.ref(`s${i}`)}`, sql`count(${v}) as ${sql.ref(`c${i}`)}`];
    if (s.weightKey) {
      const w = sql`(data->>${s.weightKey})::float8`;
      parts.push(
        sql`sum(${v} * ${w}) as ${sql.ref(`ws${i}`)}`,
        sql`sum(case when ${v} is not null then ${w} end) as ${sql.ref(`wt${i}`)}`,
      );
    }
    return sql.join(parts);
  });
  const parentFilter = f.parentIds
    ? sql`and parent_unit_id = any(${[...f.parentIds]}::uuid[])`
    : sql``;
  const r = await sql<Record<string, unknown>>`
    select parent_unit_id as "parentUnitId", period, count(*)::int as reports, ${sql.join(cols)}
      from reports
     where template_id = ${f.templateId} and period = any(${[...f.periods]}::text[])
       and status = any(${[...f.statuses]}::text[]) ${parentFilter}
     group by parent_unit_id, period`.execute(tx);
  return r.rows.map((row) => {
    const aggs: RollupRow['aggs'] = {};
    f.slots.forEach((s, i) => {
      aggs[s.key] = [num(row[`s${i}`]), num(row[`c${i}`]), num(row[`ws${i}`]), num(row[`wt${i}`])];
    });
    return {
      parentUnitId: row.parentUnitId as string | null,
      period: row.period as string,
      reports: row.reports as number,
      aggs,
    };
  });
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

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
