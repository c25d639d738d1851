import { sql } from 'kysely';
import type { Db, Tx } from '../../db/engine.js';

export async function findUserByUsername(system: Db, username: string) {
  return system
    .selectFrom('users as u')
    .innerJoin('associations as a', 'a.id', 'u.associationId')
    .select([
      'u.associationId',
      'u.id',
      'u.username',
      'u.displayName',
      'u.passwordHash',
      'u.status',
      'u.failedAttempts',
      'u.lockedUntil',
      'u.totpEnabled',
      'u.totpSecret',
    ])
    .where(sql`lower(u.username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

export async function findSessionActor(system: Db, tokenHash: string, now: Date) {
  return system
    .selectFrom('sessions as s')
    .innerJoin('users as u', (j) => j.onRef('u.associationId', '=', 's.associationId').onRef('u.id', '=', 's.userId'))
    .innerJoin('associations as a', 'a.id', 's.associationId')
    .select([
      's.id as sessionId',
      's.csrfToken',
      's.associationId',
      's.lastSeenAt',
      'u.id as userId',
      'u.username',
      'u.displayName',
      'u.totpEnabled',
      'a.kind as associationKind',
      'a.settings',
    ])
    .where('s.tokenHash', '=', tokenHash)
    .where('s.expiresAt', '>', now)
    .where('u.status', '=', 'active')
    .executeTakeFirst();
}

export async function findTokenActor(system: Db, tokenHash: string, now: Date) {
  return system
    .selectFrom('apiTokens as t')
    .innerJoin('users as u', (j) => j.onRef('u.associationId', '=', 't.associationId').onRef('u.id', '=', 't.userId'))
    .innerJoin('associations as a', 'a.id', 't.associationId')
    .select([
      't.id as tokenId',
      't.associationId',
      'u.id as userId',
      'u.username',
      'u.displayName',
      'u.totpEnabled',
      'a.kind as associationKind',
      'a.settings',
    ])
    .where('t.tokenHash', '=', tokenHash)
    .where('t.revokedAt', 'is', null)
    .where((eb) => eb.or([eb('t.expiresAt', 'is', null), eb('t.expiresAt', '>', now)]))
    .where('u.status', '=', 'active')
    .executeTakeFirst();
}

/** Assignments in force on `today`, with each unit's current path for subtree checks. */
export async function activeAssignments(db: Db | Tx, associationId: string, userId: string, today: string) {
  return db
    .selectFrom('roleAssignments as r')
    .innerJoin('units as un', (j) => j.onRef('un.associationId', '=', 'r.associationId').onRef('un.id', '=', 'r.unitId'))
    .innerJoin('unitPaths as up', (j) => j.onRef('up.associationId', '=', 'r.associationId').onRef('up.unitId', '=', 'r.unitId'))
    .select([
      'r.id',
      'r.role',
      'r.unitId',
      'r.validFrom',
      'r.validTo',
      sql<string>`up.path::text`.as('unitPath'),
      'un.name as unitName',
      'un.code as unitCode',
    ])
    .where('r.associationId', '=', associationId)
    .where('r.userId', '=', userId)
    .where('r.validFrom', '<=', today)
    .where((eb) => eb.or([eb('r.validTo', 'is', null), eb('r.validTo', '>', today)]))
    .where('un.status', '=', 'active')
    .orderBy('up.path')
    .execute();
}

export async function touchSession(system: Db, sessionId: string, now: Date) {
  await system.updateTable('sessions').set({ lastSeenAt: now }).where('id', '=', sessionId).execute();
}

export async function touchToken(system: Db, tokenId: string, now: Date) {
  await system.updateTable('apiTokens').set({ lastUsedAt: now }).where('id', '=', tokenId).execute();
}

export async function setLoginFailure(tx: Tx, userId: string, failedAttempts: number, lockedUntil: Date | null) {
  await tx.updateTable('users').set({ failedAttempts, lockedUntil }).where('id', '=', userId).execute();
}

export async function insertSession(
  tx: Tx,
  row: { associationId: string; id: string; tokenHash: string; userId: string; csrfToken: string; expiresAt: Date },
) {
  await tx.insertInto('sessions').values(row).execute();
}

export async function deleteSession(tx: Tx, sessionId: string) {
  await tx.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteUserSessions(tx: Tx, userId: string, exceptSessionId: string | null) {
  let q = tx.deleteFrom('sessions').where('userId', '=', userId);
  if (exceptSessionId) q = q.where('id', '<>', exceptSessionId);
  await q.execute();
}

export async function getUserSecrets(tx: Tx, userId: string) {
  return tx
    .selectFrom('users')
    .select(['id', 'passwordHash', 'totpSecret', 'totpEnabled', 'email', 'phone', 'displayName', 'username', 'version'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function updateUserSecrets(
  tx: Tx,
  userId: string,
  set: { passwordHash?: string; totpSecret?: string | null; totpEnabled?: boolean },
) {
  await tx
    .updateTable('users')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', userId)
    .execute();
}

export async function getAssociation(tx: Tx, associationId: string) {
  return tx.selectFrom('associations').selectAll().where('id', '=', associationId).executeTakeFirst();
}

export async function listTokens(tx: Tx, userId: string) {
  return tx
    .selectFrom('apiTokens')
    .select(['id', 'name', 'createdAt', 'lastUsedAt', 'expiresAt'])
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .orderBy('createdAt', 'desc')
    .execute();
}

export async function insertToken(
  tx: Tx,
  row: { associationId: string; id: string; userId: string; name: string; tokenHash: string; expiresAt: Date | null },
) {
  return tx
    .insertInto('apiTokens')
    .values(row)
    .returning(['id', 'name', 'createdAt', 'lastUsedAt', 'expiresAt'])
    .executeTakeFirstOrThrow();
}

export async function revokeToken(tx: Tx, userId: string, tokenId: string, now: Date) {
  const r = await tx
    .updateTable('apiTokens')
    .set({ revokedAt: now })
    .where('id', '=', tokenId)
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
