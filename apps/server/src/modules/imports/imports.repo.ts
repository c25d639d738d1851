import { sql } from 'kysely';
import { insertJsonRows, insertRows, type BulkColumns } from '../../db/bulk-insert.js';
import type { Tx } from '../../db/engine.js';

const CURRENT = ['applicant', 'active', 'suspended'] as const;

/** A current membership found for an import row, with what a fill-in update compares. */
export interface RegistryMatch {
  membershipId: string;
  personId: string;
  memberNumber: string;
  unitId: string;
  unitPath: string;
  nameFold: string;
  birthYear: number | null;
  joinedOn: string | null;
  fullName: string;
  birthDate: string | null;
  gender: string | null;
  idNumber: string | null;
  legacyIdNumber: string | null;
  phone: string | null;
  email: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  addressDetail: string | null;
  addressLegacy: string | null;
}

const MATCH_COLUMNS = sql`m.id as membership_id, m.person_id, m.member_number, m.unit_id, up.path::text as unit_path,
  m.name_fold, m.birth_year, m.joined_on::text as joined_on, p.full_name, p.birth_date, p.gender, p.id_number,
  p.legacy_id_number, p.phone, p.email, p.province_code, p.commune_code, p.address_detail, p.address_legacy`;

/** Personal IDs already held by someone on the platform (any association): id number → person. */
export async function peopleByIdNumbers(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const r = await sql<{ idNumber: string; personId: string }>`
    select id_number, person_id from hoi_people_by_id_numbers(cast(${ids} as text[]))`.execute(tx);
  return new Map(r.rows.map((x) => [x.idNumber, x.personId]));
}

/** This association's current memberships of these people. */
export async function currentByPeople(tx: Tx, personIds: string[]): Promise<RegistryMatch[]> {
  if (personIds.length === 0) return [];
  const r = await sql<RegistryMatch>`
    select ${MATCH_COLUMNS}
      from memberships m
      join people p on p.id = m.person_id
      join unit_paths up on up.association_id = m.association_id and up.unit_id = m.unit_id
     where m.person_id = any(cast(${personIds} as uuid[]))
       and m.status in ('applicant', 'active', 'suspended')`.execute(tx);
  return r.rows;
}

/** The latest end of an earlier membership of these people here (no overlap allowed). */
export async function lastEndedOn(tx: Tx, personIds: string[]): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const r = await sql<{ personId: string; endedOn: string }>`
    select person_id, max(ended_on)::text as ended_on from memberships
     where person_id = any(cast(${personIds} as uuid[])) and ended_on is not null
     group by person_id`.execute(tx);
  return new Map(r.rows.map((x) => [x.personId, x.endedOn]));
}

/** Current memberships with one of these folded names (dedupe of rows without a personal ID). */
export async function currentByNames(
  tx: Tx,
  associationId: string,
  folds: string[],
): Promise<RegistryMatch[]> {
  if (folds.length === 0) return [];
  const r = await sql<RegistryMatch>`
    select ${MATCH_COLUMNS}
      from memberships m
      join people p on p.id = m.person_id
      join unit_paths up on up.association_id = m.association_id and up.unit_id = m.unit_id
     where m.association_id = ${associationId}
       and m.name_fold = any(cast(${folds} as text[]))
       and m.status in ('applicant', 'active', 'suspended')`.execute(tx);
  return r.rows;
}

/** Member numbers of the association already in use: number → membership. */
export async function takenMemberNumbers(
  tx: Tx,
  associationId: string,
  numbers: string[],
): Promise<Map<string, string>> {
  if (numbers.length === 0) return new Map();
  const r = await tx
    .selectFrom('memberships')
    .select(['memberNumber', 'id'])
    .where('associationId', '=', associationId)
    .where('memberNumber', 'in', numbers)
    .execute();
  return new Map(r.map((x) => [x.memberNumber, x.id]));
}

/** Reserves `n` consecutive automatic member numbers; returns the first. */
export async function reserveMemberNumbers(
  tx: Tx,
  associationId: string,
  n: number,
): Promise<number> {
  const r = await sql<{ first: string | number }>`
    insert into member_counters (association_id, next_number) values (${associationId}, ${n + 1})
    on conflict (association_id) do update set next_number = member_counters.next_number + ${n}
    returning next_number - ${n} as first`.execute(tx);
  return Number(r.rows[0]!.first);
}

type Columns = BulkColumns;

/** Bulk insert of a batch (see db/bulk-insert.ts). */
export const insertJson = insertJsonRows;
/** Bulk insert of a batch, through COPY on the embedded engine (see db/bulk-insert.ts). */
export const insertBatch = insertRows;

export const PEOPLE_COLUMNS: Columns = {
  id: 'uuid',
  full_name: 'text',
  birth_date: 'text',
  birth_year: 'smallint',
  gender: 'text',
  id_number: 'text',
  legacy_id_number: 'text',
  phone: 'text',
  email: 'text',
  province_code: 'text',
  commune_code: 'text',
  address_detail: 'text',
  address_legacy: 'text',
};

export const MEMBERSHIP_COLUMNS: Columns = {
  id: 'uuid',
  person_id: 'uuid',
  member_number: 'text',
  unit_id: 'uuid',
  category: 'text',
  status: 'text',
  applied_on: 'date',
  joined_on: 'date',
  admission_number: 'text',
  admission_unit_id: 'uuid',
  warnings: 'text[]',
  full_name: 'text',
  sort_key: 'text',
  gender: 'text',
  birth_year: 'smallint',
  birth_date: 'text',
  phone: 'text',
  id_number: 'text',
  card_token: 'text',
  last_event_date: 'date',
  notes: 'text',
};

export const PERIOD_COLUMNS: Columns = {
  membership_id: 'uuid',
  person_id: 'uuid',
  unit_id: 'uuid',
  status: 'text',
  category: 'text',
  gender: 'text',
  valid_from: 'date',
};

export const EVENT_COLUMNS: Columns = {
  id: 'uuid',
  membership_id: 'uuid',
  kind: 'text',
  effective_date: 'date',
  actor_user_id: 'uuid',
  actor_name: 'text',
  unit_id: 'uuid',
  decision_number: 'text',
  details: 'jsonb',
};

export const SENSITIVE_COLUMNS: Columns = {
  membership_id: 'uuid',
  ethnicity_code: 'text',
  religion_code: 'text',
  updated_by: 'text',
};

export const IMPORT_ROW_COLUMNS: Columns = {
  job_id: 'uuid',
  row_number: 'int',
  outcome: 'text',
  issues: 'jsonb',
  cells: 'jsonb',
  membership_id: 'uuid',
};

/** Fills the blanks of existing people (never overwrites a value). */
export async function fillPeople(tx: Tx, rows: object[]) {
  if (rows.length === 0) return;
  await sql`
    update people p set
      birth_date = coalesce(p.birth_date, x.birth_date),
      birth_year = coalesce(p.birth_year, x.birth_year),
      gender = coalesce(p.gender, x.gender),
      id_number = coalesce(p.id_number, x.id_number),
      legacy_id_number = coalesce(p.legacy_id_number, x.legacy_id_number),
      phone = coalesce(p.phone, x.phone),
      email = coalesce(p.email, x.email),
      province_code = coalesce(p.province_code, x.province_code),
      commune_code = coalesce(p.commune_code, x.commune_code),
      address_detail = coalesce(p.address_detail, x.address_detail),
      address_legacy = coalesce(p.address_legacy, x.address_legacy),
      updated_at = now()
    from json_to_recordset(${JSON.stringify(rows)}::json) as x(id uuid, birth_date text, birth_year smallint, gender text,
      id_number text, legacy_id_number text, phone text, email text, province_code text, commune_code text,
      address_detail text, address_legacy text)
    where p.id = x.id`.execute(tx);
}

/** Joined dates of existing memberships that had none. */
export async function fillJoinedOn(tx: Tx, rows: { id: string; joined_on: string }[]) {
  if (rows.length === 0) return;
  await sql`
    update memberships m set joined_on = x.joined_on
      from json_to_recordset(${JSON.stringify(rows)}::json) as x(id uuid, joined_on date)
     where m.id = x.id and m.joined_on is null`.execute(tx);
}

export async function syncPeople(tx: Tx, people: { id: string; sortKey: string }[]) {
  for (const p of people)
    await sql`select hoi_sync_person(${p.id}::uuid, ${p.sortKey})`.execute(tx);
}

export { CURRENT };
