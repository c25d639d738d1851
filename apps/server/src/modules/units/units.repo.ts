import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { Tx } from '../../db/engine.js';
import type { UnitEventKind, UnitsTable, UnitStatus } from '../../db/schema.js';

export type UnitRow = Selectable<UnitsTable> & { path: string };

const unitColumns = [
  'u.associationId',
  'u.id',
  'u.node',
  'u.code',
  'u.name',
  'u.level',
  'u.parentId',
  sql<string>`up.path::text`.as('path'),
  'u.adminUnitCode',
  'u.status',
  'u.validFrom',
  'u.validTo',
  'u.version',
  'u.createdAt',
] as const;

/** `units as u` with its current path as `up`. */
function unitsWithPath(tx: Tx) {
  return tx.selectFrom('units as u').innerJoin('unitPaths as up', (j) => j.onRef('up.associationId', '=', 'u.associationId').onRef('up.unitId', '=', 'u.id'));
}

const childCount = sql<number>`(select count(*)::int from units c where c.parent_id = u.id and c.status = 'active')`.as(
  'childCount',
);

/**
 * The unit id in `column` lies within one of the subtrees with the given paths: a per-row check
 * through the unit's path (primary-key lookup), for filtering an already narrow candidate set.
 * To enumerate a whole subtree use hoi_subtree_units (index-backed; see the foundation migration).
 */
export function inSubtrees(column: string, paths: string[]) {
  return sql<boolean>`exists (select 1 from unit_paths sp where sp.association_id = hoi_tenant()
    and sp.unit_id = ${sql.ref(column)} and sp.path <@ any(cast(${paths} as text[])::ltree[]))`;
}

export async function findUnit(tx: Tx, id: string) {
  return unitsWithPath(tx).select([...unitColumns, childCount]).where('u.id', '=', id).executeTakeFirst();
}

/** Locks the rows for the rest of the transaction so concurrent tree edits serialize. */
export async function lockUnits(tx: Tx, ids: string[]): Promise<UnitRow[]> {
  if (ids.length === 0) return [];
  return unitsWithPath(tx).select(unitColumns).where('u.id', 'in', ids).orderBy('u.id').forUpdate('u').execute();
}

export async function findUnitByCode(tx: Tx, code: string) {
  return unitsWithPath(tx).select(unitColumns).where('u.code', '=', code).executeTakeFirst();
}

export async function codeExists(tx: Tx, code: string, exceptId?: string) {
  let q = tx.selectFrom('units').select('id').where('code', '=', code);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export interface ListFilter {
  parentId?: string;
  scopePaths: string[];
  q?: string;
  includeInactive: boolean;
  after?: { code: string; id: string };
  limit: number;
}

/** Children of a unit, or a search within the caller's subtrees, keyset-paged by code. */
export async function listUnits(tx: Tx, f: ListFilter) {
  let q = unitsWithPath(tx).select([...unitColumns, childCount]);
  if (f.parentId) q = q.where('u.parentId', '=', f.parentId);
  // Children of a parent the caller may read are all in scope; a search is filtered per row.
  if (!f.parentId) q = q.where(inSubtrees('u.id', f.scopePaths));
  if (!f.includeInactive) q = q.where('u.status', '=', 'active');
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`u.id in (select hoi_unit_search(${pattern}))`);
  }
  if (f.after) {
    const { code, id } = f.after;
    q = q.where((eb) => eb.or([eb('u.code', '>', code), eb.and([eb('u.code', '=', code), eb('u.id', '>', id)])]));
  }
  return q.orderBy('u.code').orderBy('u.id').limit(f.limit + 1).execute();
}

export async function insertUnit(
  tx: Tx,
  row: {
    associationId: string;
    id: string;
    code: string;
    name: string;
    level: number;
    parentId: string | null;
    parentPath: string | null;
    adminUnitCode: string | null;
    validFrom: string;
  },
): Promise<UnitRow> {
  const { parentPath, ...values } = row;
  const inserted = await tx.insertInto('units').values(values).returning('node').executeTakeFirstOrThrow();
  const path = parentPath ? `${parentPath}.${inserted.node}` : String(inserted.node);
  await tx
    .insertInto('unitPaths')
    .values({ associationId: row.associationId, unitId: row.id, path: sql<string>`${path}::ltree` })
    .execute();
  await tx.insertInto('unitNames').values({ associationId: row.associationId, unitId: row.id, name: row.name, validFrom: row.validFrom }).execute();
  await tx
    .insertInto('unitParents')
    .values({ associationId: row.associationId, unitId: row.id, parentId: row.parentId, validFrom: row.validFrom })
    .execute();
  return (await lockUnits(tx, [row.id]))[0]!;
}

export async function updateUnitRow(
  tx: Tx,
  id: string,
  set: Partial<{ name: string; code: string; adminUnitCode: string | null; status: UnitStatus; validTo: string | null; parentId: string | null }>,
) {
  await tx
    .updateTable('units')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** Closes the open name interval at `date` and opens a new one. */
export async function recordName(tx: Tx, associationId: string, unitId: string, name: string, date: string) {
  await tx.updateTable('unitNames').set({ validTo: date }).where('unitId', '=', unitId).where('validTo', 'is', null).execute();
  await tx.insertInto('unitNames').values({ associationId, unitId, name, validFrom: date }).execute();
}

/** Closes the open parent interval at `date` and, unless `parentId` is undefined, opens a new one. */
export async function recordParent(tx: Tx, associationId: string, unitIds: string[], parentId: string | undefined, date: string) {
  if (unitIds.length === 0) return;
  await tx.updateTable('unitParents').set({ validTo: date }).where('unitId', 'in', unitIds).where('validTo', 'is', null).execute();
  if (parentId !== undefined) {
    await tx
      .insertInto('unitParents')
      .values(unitIds.map((unitId) => ({ associationId, unitId, parentId, validFrom: date })))
      .execute();
  }
}

export async function closeNames(tx: Tx, unitId: string, date: string) {
  await tx.updateTable('unitNames').set({ validTo: date }).where('unitId', '=', unitId).where('validTo', 'is', null).execute();
}

/**
 * Re-parents units that share one old parent and rewrites the materialized paths of their whole
 * subtrees in one pass: descendants are found by the old parent's path prefix (GiST index) and
 * the moved child's node label, so the cost is linear in the rows moved.
 */
export async function moveSubtrees(tx: Tx, moved: { id: string; node: number }[], oldParentPath: string, newParentId: string, newParentPath: string) {
  if (moved.length === 0) return;
  await tx
    .updateTable('units')
    .set({ parentId: newParentId, version: sql`version + 1` })
    .where('id', 'in', moved.map((m) => m.id))
    .execute();
  await sql`
    update unit_paths d
       set path = ${newParentPath}::ltree || subpath(d.path, nlevel(${oldParentPath}::ltree))
     where d.path <@ ${oldParentPath}::ltree
       and nlevel(d.path) > nlevel(${oldParentPath}::ltree)
       and ltree2text(subpath(d.path, nlevel(${oldParentPath}::ltree), 1)) = any(${moved.map((m) => String(m.node))}::text[])`.execute(tx);
}

/** The path of a unit's parent, from its own path. */
export function parentPathOf(path: string): string {
  return path.slice(0, path.lastIndexOf('.'));
}

export async function activeChildren(tx: Tx, parentId: string): Promise<{ id: string; node: number }[]> {
  return tx.selectFrom('units').select(['id', 'node']).where('parentId', '=', parentId).where('status', '=', 'active').execute();
}

/** Latest date on which anything about these units changed (effective dates cannot go before it). */
export async function latestChangeDate(tx: Tx, unitIds: string[]): Promise<string | null> {
  if (unitIds.length === 0) return null;
  const r = await sql<{ d: string | null }>`
    select greatest(
      (select max(valid_from) from units where id = any(${unitIds}::uuid[])),
      (select max(valid_from) from unit_names where unit_id = any(${unitIds}::uuid[])),
      (select max(valid_from) from unit_parents where unit_id = any(${unitIds}::uuid[]))
    )::text as d`.execute(tx);
  return r.rows[0]?.d ?? null;
}

export async function insertEvent(
  tx: Tx,
  e: {
    associationId: string;
    id: string;
    kind: UnitEventKind;
    effectiveDate: string;
    actorUserId: string | null;
    actorName: string | null;
    details: Record<string, unknown>;
    subjects: string[];
    predecessors?: string[];
    successors?: string[];
  },
) {
  // Every tree change records an event, so this is the one place that invalidates cached views.
  await tx
    .updateTable('associations')
    .set({ treeVersion: sql`tree_version + 1` })
    .where('id', '=', e.associationId)
    .execute();
  await tx
    .insertInto('unitEvents')
    .values({
      associationId: e.associationId,
      id: e.id,
      kind: e.kind,
      effectiveDate: e.effectiveDate,
      actorUserId: e.actorUserId,
      actorName: e.actorName,
      details: JSON.stringify(e.details),
    })
    .execute();
  const links = [
    ...e.subjects.map((unitId) => ({ unitId, role: 'subject' as const })),
    ...(e.predecessors ?? []).map((unitId) => ({ unitId, role: 'predecessor' as const })),
    ...(e.successors ?? []).map((unitId) => ({ unitId, role: 'successor' as const })),
  ];
  const unique = [...new Map(links.map((l) => [`${l.unitId}/${l.role}`, l])).values()];
  if (unique.length) {
    await tx
      .insertInto('unitEventUnits')
      .values(unique.map((l) => ({ associationId: e.associationId, eventId: e.id, ...l })))
      .execute();
  }
  const pairs = (e.predecessors ?? []).flatMap((p) => (e.successors ?? []).map((s) => ({ p, s }))).filter((x) => x.p !== x.s);
  if (pairs.length) {
    await tx
      .insertInto('unitSuccessors')
      .values(pairs.map(({ p, s }) => ({ associationId: e.associationId, eventId: e.id, predecessorId: p, successorId: s, effectiveDate: e.effectiveDate })))
      .execute();
  }
}

export async function endAssignmentsAt(tx: Tx, unitIds: string[], date: string) {
  if (unitIds.length === 0) return;
  await tx
    .updateTable('roleAssignments')
    .set({ validTo: date })
    .where('unitId', 'in', unitIds)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>', date)]))
    .execute();
}

/**
 * One tree node as JSON text, `{"id","parentId","code","name","level"}`, by concatenation:
 * `json_build_object` + `json_agg` cost twice as much per node (PGlite 20,000 nodes: 110 → 65 ms;
 * decision 69). Ids and levels need no escaping; code and name go through `to_json`.
 */
const nodeJson = (id: RawBuilder<unknown>, parentId: RawBuilder<unknown>, code: RawBuilder<unknown>, name: RawBuilder<unknown>, level: RawBuilder<unknown>) =>
  sql`'{"id":"' || ${id} || '","parentId":' || coalesce('"' || ${parentId} || '"', 'null') || ',"code":' || to_json(${code})::text
      || ',"name":' || to_json(${name})::text || ',"level":' || ${level} || '}'`;
const nodesArray = (node: RawBuilder<unknown>) => sql<string>`'[' || coalesce(string_agg(${node}, ','), '') || ']'`;

/**
 * The whole association's tree as it stood on `date` (no recursion: interval filters only), as a
 * JSON array text built by the database. The service builds this view from the tree's history
 * in memory instead (tree-history.ts); this query is the reference the property tests hold it to.
 */
export async function treeAsOfJson(tx: Tx, date: string): Promise<string> {
  const r = await sql<{ j: string }>`
    select ${nodesArray(nodeJson(sql`u.id`, sql`p.parent_id`, sql`u.code`, sql`coalesce(n.name, u.name)`, sql`u.level`))} as j
      from units u
      join unit_parents p on p.unit_id = u.id and p.valid_from <= ${date}::date
                         and (p.valid_to is null or p.valid_to > ${date}::date)
      left join unit_names n on n.unit_id = u.id and n.valid_from <= ${date}::date
                         and (n.valid_to is null or n.valid_to > ${date}::date)
     where u.valid_from <= ${date}::date and (u.valid_to is null or u.valid_to > ${date}::date)`.execute(tx);
  return r.rows[0]!.j;
}

/**
 * Today's subtrees below the given paths, from the materialized paths (no history joins): the
 * property tests hold this equal to the as-of view of today.
 */
export async function currentSubtreesJson(tx: Tx, rootPaths: string[]): Promise<string> {
  const parent = sql`case when up.path = any(cast(${rootPaths} as text[])::ltree[]) then null else u.parent_id end`;
  const r = await sql<{ j: string }>`
    select ${nodesArray(nodeJson(sql`u.id`, parent, sql`u.code`, sql`u.name`, sql`u.level`))} as j
      from unit_paths up
      join units u on u.association_id = up.association_id and u.id = up.unit_id
     where up.unit_id in (select hoi_subtree_units(cast(${rootPaths} as text[]))) and u.status = 'active'`.execute(tx);
  return r.rows[0]!.j;
}

/**
 * The subtrees below `rootIds` as they stood on `date` (recursive over the parent history), as
 * JSON array text; the roots' parents are null since they lie outside the view.
 */
export async function subtreeAsOfJson(tx: Tx, rootIds: string[], date: string): Promise<string> {
  const r = await sql<{ j: string }>`
    with recursive t(id, parent_id) as (
      select u.id, null::uuid
        from units u
       where u.id = any(${rootIds}::uuid[])
         and u.valid_from <= ${date}::date and (u.valid_to is null or u.valid_to > ${date}::date)
      union
      select p.unit_id, p.parent_id
        from unit_parents p
        join t on p.parent_id = t.id
       where p.valid_from <= ${date}::date and (p.valid_to is null or p.valid_to > ${date}::date)
    )
    select ${nodesArray(nodeJson(sql`u.id`, sql`t.parent_id`, sql`u.code`, sql`coalesce(n.name, u.name)`, sql`u.level`))} as j
      from t
      join units u on u.id = t.id
      left join unit_names n on n.unit_id = u.id and n.valid_from <= ${date}::date
                         and (n.valid_to is null or n.valid_to > ${date}::date)
     where u.valid_from <= ${date}::date and (u.valid_to is null or u.valid_to > ${date}::date)`.execute(tx);
  return r.rows[0]!.j;
}

/** The association's tree version, read in the caller's transaction (consistent with its data). */
export async function treeVersion(tx: Tx, associationId: string): Promise<number> {
  const r = await tx.selectFrom('associations').select('treeVersion').where('id', '=', associationId).executeTakeFirstOrThrow();
  return Number(r.treeVersion);
}

export async function nameHistory(tx: Tx, unitId: string) {
  return tx
    .selectFrom('unitNames')
    .select(['name', 'validFrom', 'validTo'])
    .where('unitId', '=', unitId)
    .whereRef('validFrom', '<', sql`coalesce(valid_to, 'infinity'::date)`)
    .orderBy('validFrom')
    .orderBy('id')
    .execute();
}

export async function parentHistory(tx: Tx, unitId: string) {
  return tx
    .selectFrom('unitParents as p')
    .leftJoin('units as pu', 'pu.id', 'p.parentId')
    .select(['p.parentId', 'pu.name as parentName', 'p.validFrom', 'p.validTo'])
    .where('p.unitId', '=', unitId)
    .whereRef('p.validFrom', '<', sql`coalesce(p.valid_to, 'infinity'::date)`)
    .orderBy('p.validFrom')
    .orderBy('p.id')
    .execute();
}

export async function eventsOfUnit(tx: Tx, unitId: string) {
  const events = await tx
    .selectFrom('unitEvents as e')
    .innerJoin('unitEventUnits as l', 'l.eventId', 'e.id')
    .select(['e.id', 'e.kind', 'e.effectiveDate', 'e.actorName', 'e.createdAt', 'e.details'])
    .where('l.unitId', '=', unitId)
    .distinct()
    .orderBy('e.effectiveDate')
    .orderBy('e.createdAt')
    .execute();
  const ids = events.map((e) => e.id);
  const links = ids.length
    ? await tx
        .selectFrom('unitEventUnits as l')
        .innerJoin('units as u', 'u.id', 'l.unitId')
        .select(['l.eventId', 'l.role', 'u.id', 'u.name', 'u.code'])
        .where('l.eventId', 'in', ids)
        .where('l.role', 'in', ['predecessor', 'successor'])
        .execute()
    : [];
  return events.map((e) => ({
    ...e,
    predecessors: links.filter((l) => l.eventId === e.id && l.role === 'predecessor').map(({ id, name, code }) => ({ id, name, code })),
    successors: links.filter((l) => l.eventId === e.id && l.role === 'successor').map(({ id, name, code }) => ({ id, name, code })),
  }));
}

/** Whether the id names a unit of any association (through a SECURITY DEFINER function). */
export async function unitExistsAnywhere(tx: Tx, id: string) {
  const r = await sql<{ a: string | null }>`select hoi_unit_tenant(${id}::uuid) as a`.execute(tx);
  return r.rows[0]?.a != null;
}
