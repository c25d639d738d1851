/**
 * Queries of the file exports: pages of the filtered list with every field a member is
 * recreated from (the bulk export), one unit's members as of a date (the printable list), and
 * the people behind a page of memberships.
 *
 * Memberships are joined through LATERAL subqueries with `offset 0`, which the planner cannot
 * flatten into a hash join over the whole association: each page costs index lookups for its
 * own rows, whatever the table statistics (PGlite never gathers any by itself). Units are not
 * joined at all (a join re-read the 20,000-unit table for every row): callers look their few
 * distinct units up once (members.repo `unitNames`).
 */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/engine.js';
import type { PageParams } from './members.repo.js';

const arr = (v: string[] | null, type: 'uuid' | 'text') =>
  v === null ? sql`null` : sql`cast(${v} as ${sql.raw(type)}[])`;

/** The person's part of an exported row (people table and address names). */
export interface PersonDetails {
  legacyIdNumber: string | null;
  email: string | null;
  provinceCode: string | null;
  provinceName: string | null;
  communeCode: string | null;
  communeName: string | null;
  addressDetail: string | null;
  addressLegacy: string | null;
}

/** One exported member: the membership, its unit, and the person's registry data. */
export interface ExportRow extends PersonDetails {
  id: string;
  personId: string;
  sortKey: string;
  memberNumber: string;
  fullName: string;
  birthDate: string | null;
  gender: 'male' | 'female' | null;
  idNumber: string | null;
  phone: string | null;
  unitId: string;
  unitName: string;
  unitCode: string;
  category: 'official' | 'associate' | 'honorary';
  status: string;
  appliedOn: string | null;
  joinedOn: string | null;
  endedOn: string | null;
  admissionNumber: string | null;
  admissionDate: string | null;
  admissionSigner: string | null;
  notes: string | null;
}
type Cell = string | null;

/** A person with no data (or none found). */
export const NO_PERSON: Readonly<PersonDetails> = {
  legacyIdNumber: null,
  email: null,
  provinceCode: null,
  provinceName: null,
  communeCode: null,
  communeName: null,
  addressDetail: null,
  addressLegacy: null,
};

const PAGE_COLUMNS = sql`json_build_array(
  m.id, m.person_id, m.sort_key, m.member_number, m.full_name, m.birth_date, m.gender, m.id_number,
  m.phone, m.unit_id, m.category, m.status, m.applied_on, m.joined_on, m.ended_on,
  m.admission_number, m.admission_date, m.admission_signer, m.notes)`;

/** Filters only hoi_member_page knows how to apply (name, numbers, age, join year, transit, dues). */
function needsSearch(p: PageParams): boolean {
  return [
    p.name,
    p.words ?? null,
    p.exact,
    p.phone,
    p.birthFrom,
    p.birthTo,
    p.joinYear,
    p.inTransit,
    p.paidBefore,
  ].some((v) => v !== null);
}

/**
 * One keyset page of the filtered list in Vietnamese name order with the membership's own
 * fields, in one round trip. The page comes back as one JSON text built by the database: on
 * PGlite, decoding thousands of rows field by field costs several times more than the query.
 * The unit's name and code and the person's fields are left empty here, for the caller to fill
 * in place (from `unitNames` and `personDetails`).
 *
 * A filter on units, statuses, categories and sex only (what `hoi export members` and most
 * exports use) reads the rows straight from the name-order index, with the same conditions as
 * hoi_member_page; any other filter goes through hoi_member_page (the list's search), then
 * each id is looked up: 2.4 times the work.
 */
export async function exportPage(tx: Tx, p: PageParams): Promise<ExportRow[]> {
  const after = p.after
    ? sql`and (m.sort_key, m.id) > (${p.after.key} collate "C", ${p.after.id}::uuid)`
    : sql``;
  const query = needsSearch(p)
    ? sql<{ j: string | null }>`
    select json_agg(${PAGE_COLUMNS} order by pg.n)::text as j
      from hoi_member_page(
             ${p.name}::text, ${p.exact}::text, ${p.phone}::text, ${arr(p.units, 'uuid')},
             ${arr(p.statuses, 'text')}, ${arr(p.categories, 'text')}, ${p.gender}::text,
             ${p.birthFrom}::int, ${p.birthTo}::int, ${p.joinYear}::int, ${p.inTransit}::boolean,
             ${p.paidBefore}::int, ${p.after?.key ?? null}::text, ${p.after?.id ?? null}::uuid,
             ${p.limit}::int, ${arr(p.words ?? null, 'text')}
           ) with ordinality as pg(id, sort_key, by_words, n)
     cross join lateral (
             select * from memberships m where m.association_id = hoi_tenant() and m.id = pg.id
             offset 0) m`
    : sql<{ j: string | null }>`
    select json_agg(${PAGE_COLUMNS} order by m.sort_key, m.id)::text as j
      from (select * from memberships m
             where m.association_id = hoi_tenant()
               ${p.units ? sql`and (m.unit_id = any(${arr(p.units, 'uuid')}) or m.transit_to_unit_id = any(${arr(p.units, 'uuid')}))` : sql``}
               ${p.statuses ? sql`and m.status = any(${arr(p.statuses, 'text')})` : sql``}
               ${p.categories ? sql`and m.category = any(${arr(p.categories, 'text')})` : sql``}
               ${p.gender ? sql`and m.gender = ${p.gender}` : sql``}
               ${after}
             order by m.sort_key, m.id
             limit ${p.limit}) m`;
  const r = await query.execute(tx);
  const tuples = JSON.parse(r.rows[0]?.j ?? '[]') as Cell[][];
  return tuples.map((t) => ({
    id: t[0]!,
    personId: t[1]!,
    sortKey: t[2]!,
    memberNumber: t[3]!,
    fullName: t[4]!,
    birthDate: t[5] ?? null,
    gender: (t[6] ?? null) as ExportRow['gender'],
    idNumber: t[7] ?? null,
    phone: t[8] ?? null,
    unitId: t[9]!,
    category: t[10] as ExportRow['category'],
    status: t[11]!,
    appliedOn: t[12] ?? null,
    joinedOn: t[13] ?? null,
    endedOn: t[14] ?? null,
    admissionNumber: t[15] ?? null,
    admissionDate: t[16] ?? null,
    admissionSigner: t[17] ?? null,
    notes: t[18] ?? null,
    unitName: '',
    unitCode: '',
    legacyIdNumber: null,
    email: null,
    provinceCode: null,
    provinceName: null,
    communeCode: null,
    communeName: null,
    addressDetail: null,
    addressLegacy: null,
  }));
}

/**
 * The registry data of the given people (one entry per id, in the same order; null for an
 * unknown id), with the names of their province and commune.
 *
 * Read through the system connection, by the ids of memberships the caller has just read under
 * its tenant's row-level security: a person is visible to an association exactly through its
 * memberships, so this returns nothing the tenant could not read. The tenant connection would
 * add the `people` policy's per-row membership subquery, which without table statistics is
 * planned as a scan of the association's whole membership index for every person (2.5 ms each
 * on 5,000 members, growing with the association).
 */
export async function personDetails(
  system: Db,
  personIds: string[],
): Promise<(PersonDetails | null)[]> {
  if (personIds.length === 0) return [];
  const r = await sql<{ j: string | null }>`
    select json_agg(json_build_array(
             pe.id, pe.legacy_id_number, pe.email, pe.province_code, pr.name, pe.commune_code,
             co.name, pe.address_detail, pe.address_legacy))::text as j
      from people pe
      left join admin_units pr on pr.code = pe.province_code
      left join admin_units co on co.code = pe.commune_code
     where pe.id = any(cast(${personIds} as uuid[]))`.execute(system);
  const byId = new Map<string, PersonDetails>();
  for (const t of JSON.parse(r.rows[0]?.j ?? '[]') as Cell[][])
    byId.set(t[0]!, {
      legacyIdNumber: t[1] ?? null,
      email: t[2] ?? null,
      provinceCode: t[3] ?? null,
      provinceName: t[4] ?? null,
      communeCode: t[5] ?? null,
      communeName: t[6] ?? null,
      addressDetail: t[7] ?? null,
      addressLegacy: t[8] ?? null,
    });
  return personIds.map((id) => byId.get(id) ?? null);
}

/** A member on the printable list of a unit. */
export interface BranchListRow {
  id: string;
  personId: string;
  memberNumber: string;
  fullName: string;
  sortKey: string;
  birthDate: string | null;
  birthYear: number | null;
  gender: 'male' | 'female' | null;
  status: string;
  joinedOn: string | null;
  unitId: string;
  unitName: string;
}

/**
 * Members of the given units (null: all) on `date`: active or suspended that day according to
 * the periods, so a past date lists the unit as it was; in Vietnamese name order, at most
 * `limit` rows.
 */
export async function membersOfUnitsAsOf(
  tx: Tx,
  units: string[] | null,
  date: string,
  limit: number,
): Promise<BranchListRow[]> {
  const unitFilter = units === null ? sql`` : sql`and p.unit_id = any(${arr(units, 'uuid')})`;
  const r = await sql<BranchListRow>`
    select m.id, m.person_id, m.member_number, m.full_name, m.sort_key, m.birth_date,
           m.birth_year, m.gender, p.status, m.joined_on, p.unit_id, u.name as unit_name
      from membership_periods p
     cross join lateral (
             select * from memberships m
              where m.association_id = p.association_id and m.id = p.membership_id offset 0) m
      join units u on u.association_id = p.association_id and u.id = p.unit_id
     where p.valid_from <= ${date} and (p.valid_to is null or p.valid_to > ${date})
       and p.status in ('active', 'suspended') ${unitFilter}
     order by m.sort_key, m.id
     limit ${limit}`.execute(tx);
  return r.rows;
}

/** The association's name and the names of its tree levels (0 = root), for document headings. */
export async function associationHeading(
  tx: Tx,
  associationId: string,
): Promise<{ name: string; levelNames: string[] }> {
  const a = await tx
    .selectFrom('associations')
    .select(['name', 'levelNames'])
    .where('id', '=', associationId)
    .executeTakeFirst();
  return { name: a?.name ?? '', levelNames: a?.levelNames ?? [] };
}
