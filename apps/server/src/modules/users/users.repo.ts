import { sql } from 'kysely';
import type { Db, Tx } from '../../db/engine.js';
import { inSubtrees } from '../units/units.repo.js';

const userColumns = [
  'u.id',
  'u.username',
  'u.displayName',
  'u.email',
  'u.phone',
  'u.status',
  'u.totpEnabled',
  'u.lockedUntil',
  'u.createdAt',
  'u.version',
] as const;

export async function findUser(tx: Tx, id: string) {
  return tx.selectFrom('users as u').select(userColumns).where('u.id', '=', id).executeTakeFirst();
}

export async function usernameTaken(system: Db, username: string) {
  return (await system.selectFrom('users').select('id').where(sql`lower(username)`, '=', username.toLowerCase()).executeTakeFirst()) !== undefined;
}

/** Users having an assignment (current or past) inside the given subtrees; optionally every user. */
export async function listUsers(
  tx: Tx,
  f: { scopePaths: string[]; includeUnassigned: boolean; q?: string | undefined; unitPath?: string | undefined; after?: { username: string } | undefined; limit: number },
) {
  let q = tx.selectFrom('users as u').select(userColumns);
  q = q.where((eb) => {
    const inScope = eb.exists(
      eb
        .selectFrom('roleAssignments as r')
        .select(sql`1`.as('x'))
        .whereRef('r.userId', '=', 'u.id')
        .where(inSubtrees('r.unitId', f.unitPath ? [f.unitPath] : f.scopePaths)),
    );
    if (!f.includeUnassigned || f.unitPath) return inScope;
    return eb.or([inScope, eb.not(eb.exists(eb.selectFrom('roleAssignments as r2').select(sql`1`.as('x')).whereRef('r2.userId', '=', 'u.id')))]);
  });
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb(sql`hoi_fold(u.display_name)`, 'like', sql`hoi_fold(${pattern})`), eb('u.username', 'like', pattern.toLowerCase())]));
  }
  if (f.after) q = q.where('u.username', '>', f.after.username);
  return q.orderBy('u.username').limit(f.limit + 1).execute();
}

export async function assignmentsOf(tx: Tx, userIds: string[], today: string, includeEnded = false) {
  if (userIds.length === 0) return [];
  let q = tx
    .selectFrom('roleAssignments as r')
    .innerJoin('units as un', 'un.id', 'r.unitId')
    .innerJoin('unitPaths as up', 'up.unitId', 'r.unitId')
    .select(['r.id', 'r.userId', 'r.role', 'r.unitId', 'r.validFrom', 'r.validTo', 'un.name as unitName', 'un.code as unitCode', sql<string>`up.path::text`.as('unitPath')])
    .where('r.userId', 'in', userIds);
  if (!includeEnded) q = q.where((eb) => eb.or([eb('r.validTo', 'is', null), eb('r.validTo', '>', today)]));
  return q.orderBy('r.validFrom').execute();
}

export async function insertUser(
  tx: Tx,
  row: { associationId: string; id: string; username: string; displayName: string; email: string | null; phone: string | null; passwordHash: string },
) {
  await tx.insertInto('users').values(row).execute();
}

export async function updateUser(
  tx: Tx,
  id: string,
  set: Partial<{ displayName: string; email: string | null; phone: string | null; status: 'active' | 'disabled'; passwordHash: string; failedAttempts: number; lockedUntil: Date | null }>,
) {
  await tx.updateTable('users').set({ ...set, version: sql`version + 1` }).where('id', '=', id).execute();
}

export async function insertAssignment(
  tx: Tx,
  row: { associationId: string; id: string; userId: string; role: string; unitId: string; validFrom: string; validTo: string | null },
) {
  await tx.insertInto('roleAssignments').values(row).execute();
}

export async function findAssignment(tx: Tx, id: string) {
  return tx
    .selectFrom('roleAssignments as r')
    .innerJoin('unitPaths as up', 'up.unitId', 'r.unitId')
    .select(['r.id', 'r.userId', 'r.role', 'r.unitId', 'r.validFrom', 'r.validTo', 'r.associationId', sql<string>`up.path::text`.as('unitPath')])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export async function endAssignment(tx: Tx, id: string, date: string) {
  await tx.updateTable('roleAssignments').set({ validTo: date }).where('id', '=', id).execute();
}

export async function deleteSessionsOf(tx: Tx, userId: string) {
  await tx.deleteFrom('sessions').where('userId', '=', userId).execute();
}
