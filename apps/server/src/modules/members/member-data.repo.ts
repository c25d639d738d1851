import { sql, type Insertable } from 'kysely';
import type { Db, Tx } from '../../db/engine.js';
import type { MemberSensitiveTable } from '../../db/schema.js';

/** The member's protected personal data, or undefined when none was ever recorded. */
export async function findSensitive(tx: Tx, membershipId: string) {
  return tx
    .selectFrom('memberSensitive')
    .selectAll()
    .where('membershipId', '=', membershipId)
    .executeTakeFirst();
}
export type SensitiveRow = NonNullable<Awaited<ReturnType<typeof findSensitive>>>;

export async function upsertSensitive(tx: Tx, row: Insertable<MemberSensitiveTable>) {
  await tx
    .insertInto('memberSensitive')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['associationId', 'membershipId']).doUpdateSet({
        ethnicityCode: row.ethnicityCode,
        religionCode: row.religionCode,
        partyMember: row.partyMember,
        partyJoinedOn: row.partyJoinedOn,
        healthNotes: row.healthNotes,
        updatedBy: row.updatedBy,
        updatedAt: sql`now()`,
      }),
    )
    .execute();
}

/** The consent in force per purpose: the latest row of each (the table is append-only). */
export async function latestConsents(tx: Tx, membershipId: string) {
  const r = await sql<{
    purpose: string;
    granted: boolean;
    source: 'member' | 'officer';
    recordedAt: Date;
  }>`
    select distinct on (purpose) purpose, granted, source, recorded_at
      from member_consents
     where membership_id = ${membershipId}
     order by purpose, id desc`.execute(tx);
  return r.rows;
}

export async function insertConsents(
  tx: Tx,
  rows: {
    associationId: string;
    membershipId: string;
    purpose: string;
    granted: boolean;
    source: 'member' | 'officer';
    evidence: string | null;
    recordedBy: string | null;
  }[],
) {
  if (rows.length) await tx.insertInto('memberConsents').values(rows).execute();
}

export async function findPhoto(tx: Tx, membershipId: string) {
  return tx
    .selectFrom('memberPhotos')
    .select(['mime', 'bytes', 'updatedAt'])
    .where('membershipId', '=', membershipId)
    .executeTakeFirst();
}

export async function upsertPhoto(
  tx: Tx,
  row: { associationId: string; membershipId: string; mime: string; bytes: Uint8Array },
) {
  await tx
    .insertInto('memberPhotos')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['associationId', 'membershipId'])
        .doUpdateSet({ mime: row.mime, bytes: row.bytes, updatedAt: sql`now()` }),
    )
    .execute();
}

export async function associationName(tx: Tx, associationId: string): Promise<string> {
  const r = await tx
    .selectFrom('associations')
    .select('name')
    .where('id', '=', associationId)
    .executeTakeFirstOrThrow();
  return r.name;
}

/**
 * The tenant of a card token, looked up as the owner before any tenant transaction opens
 * (the verification page is public: there is no session to name the association).
 */
export async function tenantOfCardToken(system: Db, token: string) {
  return system
    .selectFrom('memberships')
    .select(['associationId', 'id'])
    .where('cardToken', '=', token)
    .executeTakeFirst();
}

/** What the public verification page may show, nothing more. */
export async function cardVerification(tx: Tx, membershipId: string) {
  return tx
    .selectFrom('memberships as m')
    .innerJoin('units as u', (j) =>
      j.onRef('u.associationId', '=', 'm.associationId').onRef('u.id', '=', 'm.unitId'),
    )
    .innerJoin('associations as a', 'a.id', 'm.associationId')
    .select(['m.fullName', 'm.status', 'u.name as unitName', 'a.name as associationName'])
    .where('m.id', '=', membershipId)
    .executeTakeFirst();
}
