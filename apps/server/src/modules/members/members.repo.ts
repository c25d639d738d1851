import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../db/engine.js';
import type { MemberEventsTable, MembershipsTable, PeopleTable } from '../../db/schema.js';

/** A membership with the current path of its unit (and of the transfer target while in transit). */
export async function findMembership(tx: Tx, id: string, opts: { lock?: boolean } = {}) {
  let q = tx
    .selectFrom('memberships as m')
    .innerJoin('unitPaths as up', (j) =>
      j.onRef('up.associationId', '=', 'm.associationId').onRef('up.unitId', '=', 'm.unitId'),
    )
    .leftJoin('unitPaths as tp', (j) =>
      j
        .onRef('tp.associationId', '=', 'm.associationId')
        .onRef('tp.unitId', '=', 'm.transitToUnitId'),
    )
    .selectAll('m')
    .select([
      sql<string>`up.path::text`.as('unitPath'),
      sql<string | null>`tp.path::text`.as('transitPath'),
    ])
    .where('m.id', '=', id);
  if (opts.lock) q = q.forUpdate('m');
  return q.executeTakeFirst();
}
export type MembershipRow = NonNullable<Awaited<ReturnType<typeof findMembership>>>;

export async function findPerson(tx: Tx, id: string) {
  return tx.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}
export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

/** A person anywhere on the platform with this personal ID (id only: linking, not reading). */
export async function personIdByIdNumber(tx: Tx, idNumber: string): Promise<string | null> {
  const r = await sql<{
    id: string | null;
  }>`select hoi_person_by_id_number(${idNumber}) as id`.execute(tx);
  return r.rows[0]?.id ?? null;
}

export async function insertPerson(tx: Tx, row: Insertable<PeopleTable>) {
  await tx.insertInto('people').values(row).execute();
}

export async function updatePerson(tx: Tx, id: string, set: Partial<Insertable<PeopleTable>>) {
  await tx
    .updateTable('people')
    .set({ ...set, updatedAt: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Copies the person's basic data into every membership (all associations) and period. */
export async function syncPerson(tx: Tx, personId: string, sortKey: string) {
  await sql`select hoi_sync_person(${personId}, ${sortKey})`.execute(tx);
}

export async function currentMembershipOf(tx: Tx, personId: string) {
  return tx
    .selectFrom('memberships')
    .select(['id', 'unitId', 'status', 'memberNumber'])
    .where('personId', '=', personId)
    .where('status', 'in', ['applicant', 'active', 'suspended'])
    .executeTakeFirst();
}

export async function membershipsOfPerson(tx: Tx, personId: string) {
  return tx
    .selectFrom('memberships as m')
    .innerJoin('units as u', (j) =>
      j.onRef('u.associationId', '=', 'm.associationId').onRef('u.id', '=', 'm.unitId'),
    )
    .select([
      'm.id',
      'm.memberNumber',
      'm.status',
      'm.category',
      'm.joinedOn',
      'm.endedOn',
      'm.appliedOn',
      'm.unitId',
      'u.name as unitName',
    ])
    .where('m.personId', '=', personId)
    .orderBy('m.createdAt')
    .execute();
}

/** The next automatic member number of the association (row-locked counter). */
export async function nextMemberNumber(tx: Tx, associationId: string): Promise<number> {
  const r = await sql<{ n: string | number }>`
    insert into member_counters (association_id, next_number) values (${associationId}, 2)
    on conflict (association_id) do update set next_number = member_counters.next_number + 1
    returning next_number - 1 as n`.execute(tx);
  return Number(r.rows[0]!.n);
}

export async function memberNumberTaken(tx: Tx, memberNumber: string) {
  return (
    (await tx
      .selectFrom('memberships')
      .select('id')
      .where('memberNumber', '=', memberNumber)
      .executeTakeFirst()) !== undefined
  );
}

/** Inserts a membership and returns its row (without the unit paths `findMembership` adds). */
export async function insertMembership(tx: Tx, row: Insertable<MembershipsTable>) {
  return tx.insertInto('memberships').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateMembership(
  tx: Tx,
  id: string,
  set: Partial<Insertable<MembershipsTable>>,
) {
  await tx
    .updateTable('memberships')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

export async function openPeriod(tx: Tx, membershipId: string) {
  return tx
    .selectFrom('membershipPeriods')
    .selectAll()
    .where('membershipId', '=', membershipId)
    .where('validTo', 'is', null)
    .executeTakeFirst();
}

export async function insertPeriod(
  tx: Tx,
  row: {
    associationId: string;
    membershipId: string;
    personId: string;
    unitId: string;
    status: string;
    category: string;
    gender: string | null;
    validFrom: string;
  },
) {
  await tx
    .insertInto('membershipPeriods')
    .values({ ...row, validTo: null })
    .execute();
}

export async function updatePeriod(
  tx: Tx,
  id: number,
  set: { unitId?: string; status?: string; category?: string; validTo?: string | null },
) {
  await tx.updateTable('membershipPeriods').set(set).where('id', '=', id).execute();
}

export async function insertEvent(tx: Tx, row: Insertable<MemberEventsTable>) {
  await tx.insertInto('memberEvents').values(row).execute();
}

export async function eventsOf(tx: Tx, membershipIds: string[]) {
  return tx
    .selectFrom('memberEvents as e')
    .leftJoin('units as u', (j) =>
      j.onRef('u.associationId', '=', 'e.associationId').onRef('u.id', '=', 'e.unitId'),
    )
    .selectAll('e')
    .select('u.name as unitName')
    .where('e.membershipId', 'in', membershipIds)
    .orderBy('e.effectiveDate')
    .orderBy('e.at')
    .execute();
}

export interface PageParams {
  name: string | null;
  /** Whole folded words the name must contain (fast path); when set, `name` is ignored. */
  words?: string[] | null;
  exact: string | null;
  phone: string | null;
  units: string[] | null;
  statuses: string[] | null;
  categories: string[] | null;
  gender: string | null;
  birthFrom: number | null;
  birthTo: number | null;
  joinYear: number | null;
  inTransit: boolean | null;
  paidBefore: number | null;
  after: { key: string; id: string } | null;
  limit: number;
  /**
   * With `words` and `name`: match the whole words, and the fragment only when no row matches
   * them, in one call (decision 76). Each row then says which way it matched.
   */
  fallback?: boolean;
}

/** One keyset page of member ids in Vietnamese name order (see hoi_member_page). */
export async function memberPage(
  tx: Tx,
  p: PageParams,
): Promise<{ id: string; sortKey: string; byWords: boolean }[]> {
  const arr = (v: string[] | null, type: 'uuid' | 'text') =>
    v === null ? sql`null` : sql`cast(${v} as ${sql.raw(type)}[])`;
  const r = await sql<{ id: string; sortKey: string; byWords: boolean }>`
    select id, sort_key, by_words from hoi_member_page(
      ${p.name}::text, ${p.exact}::text, ${p.phone}::text, ${arr(p.units, 'uuid')}, ${arr(p.statuses, 'text')}, ${arr(p.categories, 'text')},
      ${p.gender}::text, ${p.birthFrom}::int, ${p.birthTo}::int, ${p.joinYear}::int, ${p.inTransit}::boolean,
      ${p.paidBefore}::int, ${p.after?.key ?? null}::text, ${p.after?.id ?? null}::uuid, ${p.limit}::int, ${arr(p.words ?? null, 'text')}, ${p.fallback ?? false}::boolean)`.execute(
    tx,
  );
  return r.rows.map((row) => ({ id: row.id, sortKey: row.sortKey, byWords: row.byWords }));
}

/** The rows shown in lists, for the given ids (order is the caller's). */
export async function summaries(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .selectFrom('memberships as m')
    .innerJoin('units as u', (j) =>
      j.onRef('u.associationId', '=', 'm.associationId').onRef('u.id', '=', 'm.unitId'),
    )
    .select([
      'm.id',
      'm.personId',
      'm.memberNumber',
      'm.fullName',
      'm.birthDate',
      'm.gender',
      'm.phone',
      'm.idNumber',
      'm.unitId',
      'u.name as unitName',
      'u.code as unitCode',
      'm.category',
      'm.status',
      'm.joinedOn',
      'm.transitToUnitId',
      'm.duesPaidThrough',
    ])
    .where('m.id', 'in', ids)
    .execute();
}
export type SummaryRow = Awaited<ReturnType<typeof summaries>>[number];

export async function unitIdsOfSubtrees(tx: Tx, paths: string[]): Promise<string[]> {
  const r = await sql<{
    id: string;
  }>`select hoi_subtree_units(cast(${paths} as text[])) as id`.execute(tx);
  return r.rows.map((row) => row.id);
}

export async function hasPhoto(tx: Tx, membershipId: string) {
  return (
    (await tx
      .selectFrom('memberPhotos')
      .select('membershipId')
      .where('membershipId', '=', membershipId)
      .executeTakeFirst()) !== undefined
  );
}

export async function adminUnitNames(tx: Tx, codes: (string | null)[]) {
  const wanted = codes.filter((c): c is string => !!c);
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await tx
    .selectFrom('adminUnits')
    .select(['code', 'name'])
    .where('code', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function unitNames(tx: Tx, ids: string[]) {
  if (ids.length === 0) return new Map<string, { name: string; code: string }>();
  const rows = await tx
    .selectFrom('units')
    .select(['id', 'name', 'code'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, code: r.code }]));
}
