import { sql } from 'kysely';
import type { Db, Tx } from '../../db/engine.js';

// ── Invitations ─────────────────────────────────────────────────────────────────────────────

export async function insertInvitation(
  tx: Tx,
  row: {
    associationId: string;
    id: string;
    membershipId: string;
    userId: string;
    tokenHash: string;
    expiresAt: Date;
  },
) {
  await tx.insertInto('memberInvitations').values(row).execute();
}

/** Ends the user's outstanding invitations (a new one replaces them; an accepted one closes all). */
export async function expireInvitationsOf(tx: Tx, userId: string, now: Date) {
  await tx
    .updateTable('memberInvitations')
    .set({ expiresAt: now })
    .where('userId', '=', userId)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .execute();
}

/** The tenant of an invitation token, looked up as the owner before the tenant transaction. */
export async function tenantOfInvitation(system: Db, tokenHash: string) {
  return system
    .selectFrom('memberInvitations')
    .select(['associationId', 'id'])
    .where('tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

export async function findInvitation(tx: Tx, id: string, opts: { lock?: boolean } = {}) {
  let q = tx
    .selectFrom('memberInvitations as i')
    .innerJoin('users as u', (j) =>
      j.onRef('u.associationId', '=', 'i.associationId').onRef('u.id', '=', 'i.userId'),
    )
    .innerJoin('memberships as m', (j) =>
      j.onRef('m.associationId', '=', 'i.associationId').onRef('m.id', '=', 'i.membershipId'),
    )
    .innerJoin('associations as a', 'a.id', 'i.associationId')
    .select([
      'i.id',
      'i.membershipId',
      'i.userId',
      'i.expiresAt',
      'i.usedAt',
      'u.username',
      'u.displayName',
      'm.fullName',
      'm.unitId',
      'a.name as associationName',
    ])
    .where('i.id', '=', id);
  if (opts.lock) q = q.forUpdate('i');
  return q.executeTakeFirst();
}

export async function markInvitationUsed(tx: Tx, id: string, now: Date) {
  await tx.updateTable('memberInvitations').set({ usedAt: now }).where('id', '=', id).execute();
}

export async function findUsername(tx: Tx, userId: string) {
  return tx
    .selectFrom('users')
    .select(['id', 'username'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

// ── The caller's own membership ─────────────────────────────────────────────────────────────

/** The membership linked to a user: the current one, else the latest. */
export async function ownMembershipId(tx: Tx, userId: string): Promise<string | undefined> {
  const r = await tx
    .selectFrom('memberships')
    .select('id')
    .where('userId', '=', userId)
    .orderBy(sql`status in ('applicant', 'active', 'suspended')`, 'desc')
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.id;
}

// ── Change requests ─────────────────────────────────────────────────────────────────────────

const changeRequestColumns = [
  'r.id',
  'r.membershipId',
  'r.fields',
  'r.current',
  'r.note',
  'r.status',
  'r.createdAt',
  'r.decidedAt',
  'r.decidedBy',
  'r.decisionNote',
  'm.fullName',
  'm.unitId',
  'u.name as unitName',
] as const;

function changeRequests(tx: Tx) {
  return tx
    .selectFrom('changeRequests as r')
    .innerJoin('memberships as m', (j) =>
      j.onRef('m.associationId', '=', 'r.associationId').onRef('m.id', '=', 'r.membershipId'),
    )
    .innerJoin('units as u', (j) =>
      j.onRef('u.associationId', '=', 'm.associationId').onRef('u.id', '=', 'm.unitId'),
    )
    .select(changeRequestColumns);
}

export async function insertChangeRequest(
  tx: Tx,
  row: {
    associationId: string;
    id: string;
    membershipId: string;
    fields: Record<string, unknown>;
    current: Record<string, unknown>;
    note: string | null;
  },
) {
  await tx
    .insertInto('changeRequests')
    .values({ ...row, fields: JSON.stringify(row.fields), current: JSON.stringify(row.current) })
    .execute();
}

export async function findChangeRequest(tx: Tx, id: string) {
  return changeRequests(tx).where('r.id', '=', id).executeTakeFirst();
}
export type ChangeRequestRow = NonNullable<Awaited<ReturnType<typeof findChangeRequest>>>;

/** Locks a change request for a decision; the membership is locked by the members service. */
export async function lockChangeRequest(tx: Tx, id: string) {
  return tx
    .selectFrom('changeRequests')
    .select(['id', 'membershipId', 'status', 'fields'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function listChangeRequests(
  tx: Tx,
  f: { membershipId?: string; units?: string[] | null; status?: string; limit: number },
) {
  let q = changeRequests(tx);
  if (f.membershipId) q = q.where('r.membershipId', '=', f.membershipId);
  if (f.units) {
    if (f.units.length === 0) return [];
    q = q.where('m.unitId', 'in', f.units);
  }
  if (f.status) q = q.where('r.status', '=', f.status as 'pending');
  return q.orderBy('r.createdAt', 'desc').limit(f.limit).execute();
}

export async function decideChangeRequest(
  tx: Tx,
  id: string,
  set: {
    status: 'approved' | 'rejected';
    decidedAt: Date;
    decidedBy: string;
    decisionNote: string | null;
  },
) {
  await tx.updateTable('changeRequests').set(set).where('id', '=', id).execute();
}

// ── Data-subject requests ───────────────────────────────────────────────────────────────────

function dataRequests(tx: Tx) {
  return tx
    .selectFrom('dataRequests as r')
    .innerJoin('memberships as m', (j) =>
      j.onRef('m.associationId', '=', 'r.associationId').onRef('m.id', '=', 'r.membershipId'),
    )
    .select([
      'r.id',
      'r.membershipId',
      'r.kind',
      'r.details',
      'r.receivedAt',
      'r.dueOn',
      'r.status',
      'r.resolvedAt',
      'r.resolvedBy',
      'r.response',
      'm.fullName',
      'm.unitId',
    ]);
}

export async function insertDataRequest(
  tx: Tx,
  row: {
    associationId: string;
    id: string;
    membershipId: string;
    kind: string;
    details: string;
    receivedAt: Date;
    dueOn: string;
  },
) {
  await tx.insertInto('dataRequests').values(row).execute();
}

export async function findDataRequest(tx: Tx, id: string, opts: { lock?: boolean } = {}) {
  let q = dataRequests(tx).where('r.id', '=', id);
  if (opts.lock) q = q.forUpdate('r');
  return q.executeTakeFirst();
}
export type DataRequestRow = NonNullable<Awaited<ReturnType<typeof findDataRequest>>>;

export async function listDataRequests(
  tx: Tx,
  f: { membershipId?: string; units?: string[] | null; status?: string; limit: number },
) {
  let q = dataRequests(tx);
  if (f.membershipId) q = q.where('r.membershipId', '=', f.membershipId);
  if (f.units) {
    if (f.units.length === 0) return [];
    q = q.where('m.unitId', 'in', f.units);
  }
  if (f.status) q = q.where('r.status', '=', f.status as 'open');
  return q.orderBy('r.dueOn').orderBy('r.receivedAt').limit(f.limit).execute();
}

export async function resolveDataRequest(
  tx: Tx,
  id: string,
  set: { status: 'done' | 'refused'; resolvedAt: Date; resolvedBy: string; response: string },
) {
  await tx.updateTable('dataRequests').set(set).where('id', '=', id).execute();
}

// ── Dues (read-only, until the dues module offers a member's dues) ──────────────────────────

export async function duesPaymentsOf(tx: Tx, membershipId: string) {
  return tx
    .selectFrom('duesPayments')
    .selectAll()
    .where('membershipId', '=', membershipId)
    .orderBy('year')
    .orderBy('paidOn')
    .execute();
}

export async function duesExemptionsOf(tx: Tx, membershipId: string) {
  return tx
    .selectFrom('duesExemptions')
    .selectAll()
    .where('membershipId', '=', membershipId)
    .orderBy('fromYear')
    .execute();
}

/**
 * Rates that may apply to a member: of the unit's ancestors (nearest first) for the given years,
 * for the member's category or for all categories.
 */
export async function duesRatesFor(tx: Tx, unitId: string, category: string, years: number[]) {
  if (years.length === 0) return [];
  const r = await sql<{ year: number; amount: number; depth: number; category: string | null }>`
    select dr.year, dr.amount, nlevel(ap.path) as depth, dr.category
      from unit_paths up
      join unit_paths ap on ap.association_id = up.association_id and ap.path @> up.path
      join dues_rates dr on dr.association_id = ap.association_id and dr.unit_id = ap.unit_id
     where up.unit_id = ${unitId}
       and dr.year = any(cast(${years} as smallint[]))
       and (dr.category is null or dr.category = ${category})`.execute(tx);
  return r.rows;
}
