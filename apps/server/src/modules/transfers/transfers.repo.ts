import { sql, type Insertable } from 'kysely';
import type { Db, Tx } from '../../db/engine.js';
import type { TransfersTable } from '../../db/schema.js';
import { inSubtrees } from '../units/units.repo.js';

/**
 * Transfers with what presenting and scope checks need: the member's number and name, and the
 * code, name and current path of the sending, receiving and common-parent units.
 */
function transfersWithUnits(tx: Tx) {
  return tx
    .selectFrom('transfers as t')
    .innerJoin('memberships as m', (j) =>
      j.onRef('m.associationId', '=', 't.associationId').onRef('m.id', '=', 't.membershipId'),
    )
    .innerJoin('units as fu', (j) =>
      j.onRef('fu.associationId', '=', 't.associationId').onRef('fu.id', '=', 't.fromUnitId'),
    )
    .innerJoin('unitPaths as fp', (j) =>
      j.onRef('fp.associationId', '=', 't.associationId').onRef('fp.unitId', '=', 't.fromUnitId'),
    )
    .innerJoin('units as tu', (j) =>
      j.onRef('tu.associationId', '=', 't.associationId').onRef('tu.id', '=', 't.toUnitId'),
    )
    .innerJoin('unitPaths as tp', (j) =>
      j.onRef('tp.associationId', '=', 't.associationId').onRef('tp.unitId', '=', 't.toUnitId'),
    )
    .innerJoin('units as cu', (j) =>
      j.onRef('cu.associationId', '=', 't.associationId').onRef('cu.id', '=', 't.commonParentId'),
    )
    .innerJoin('unitPaths as cp', (j) =>
      j
        .onRef('cp.associationId', '=', 't.associationId')
        .onRef('cp.unitId', '=', 't.commonParentId'),
    )
    .selectAll('t')
    .select([
      'm.memberNumber',
      'm.fullName',
      'fu.code as fromCode',
      'fu.name as fromName',
      sql<string>`fp.path::text`.as('fromPath'),
      'tu.code as toCode',
      'tu.name as toName',
      'tu.status as toStatus',
      sql<string>`tp.path::text`.as('toPath'),
      'cu.code as commonCode',
      'cu.name as commonName',
      sql<string>`cp.path::text`.as('commonPath'),
    ]);
}

/** One transfer; with `lock`, its row is locked (FOR UPDATE) until the transaction ends. */
export async function findTransfer(tx: Tx, id: string, opts: { lock?: boolean } = {}) {
  let q = transfersWithUnits(tx).where('t.id', '=', id);
  if (opts.lock) q = q.forUpdate('t');
  return q.executeTakeFirst();
}
export type TransferRow = NonNullable<Awaited<ReturnType<typeof findTransfer>>>;

export interface TransferListFilter {
  box: 'incoming' | 'outgoing' | 'overdue' | 'all';
  /** Subtree paths the listed transfers must touch; null = the whole association. */
  paths: string[] | null;
  status: TransferRow['status'] | null;
  today: string;
  /** Keyset: transfers created before this id (ids are time-ordered UUIDv7). */
  beforeId: string | null;
  limit: number;
}

/** One page of a transfer box, newest first. */
export async function listTransfers(tx: Tx, f: TransferListFilter): Promise<TransferRow[]> {
  let q = transfersWithUnits(tx);
  if (f.box === 'overdue') {
    q = q.where('t.status', '=', 'pending').where('t.dueOn', '<', f.today);
  }
  if (f.status) q = q.where('t.status', '=', f.status);
  const paths = f.paths;
  if (paths) {
    if (f.box === 'incoming') q = q.where(inSubtrees('t.toUnitId', paths));
    else if (f.box === 'outgoing') q = q.where(inSubtrees('t.fromUnitId', paths));
    else if (f.box === 'overdue') q = q.where(inSubtrees('t.commonParentId', paths));
    else
      q = q.where((eb) =>
        eb.or([
          inSubtrees('t.fromUnitId', paths),
          inSubtrees('t.toUnitId', paths),
          inSubtrees('t.commonParentId', paths),
        ]),
      );
  }
  if (f.beforeId) q = q.where('t.id', '<', f.beforeId);
  return q.orderBy('t.id', 'desc').limit(f.limit).execute();
}

/** A new transfer row (the unique index transfers_one_pending refuses a second pending one). */
export async function insertTransfer(tx: Tx, row: Insertable<TransfersTable>) {
  await tx.insertInto('transfers').values(row).execute();
}

/** Answers or escalates a transfer; its version moves. */
export async function updateTransfer(
  tx: Tx,
  id: string,
  set: Partial<
    Pick<
      Insertable<TransfersTable>,
      'status' | 'answeredOn' | 'answeredBy' | 'refusalReason' | 'escalatedAt'
    >
  >,
) {
  await tx
    .updateTable('transfers')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

/**
 * Sets or clears the unit a member is in transit to. The column belongs to the transfer
 * handshake; the membership's version moves so open edit forms see the change.
 */
export async function setTransit(tx: Tx, membershipId: string, toUnitId: string | null) {
  await tx
    .updateTable('memberships')
    .set({ transitToUnitId: toUnitId, version: sql`version + 1` })
    .where('id', '=', membershipId)
    .execute();
}

/** The unit whose path is exactly `path` (a path label is a unit's `node`). */
export async function unitIdAtPath(tx: Tx, path: string): Promise<string | undefined> {
  const r = await tx
    .selectFrom('unitPaths')
    .select('unitId')
    .where(sql<boolean>`path = ${path}::ltree`)
    .executeTakeFirst();
  return r?.unitId;
}

/** Associations with pending transfers past their answer date and not yet escalated (all tenants). */
export async function associationsWithOverdue(system: Db, today: string) {
  const rows = await system
    .selectFrom('transfers')
    .select('associationId')
    .distinct()
    .where('status', '=', 'pending')
    .where('dueOn', '<', today)
    .where('escalatedAt', 'is', null)
    .execute();
  return rows.map((r) => r.associationId);
}

/**
 * Marks this association's overdue pending transfers as escalated, each exactly once even when
 * two processes run at the same time (the WHERE is re-checked after a concurrent update).
 */
export async function markEscalated(tx: Tx, today: string, at: Date) {
  return tx
    .updateTable('transfers')
    .set({ escalatedAt: at, version: sql`version + 1` })
    .where('status', '=', 'pending')
    .where('dueOn', '<', today)
    .where('escalatedAt', 'is', null)
    .returning(['id', 'membershipId', 'fromUnitId', 'toUnitId', 'commonParentId', 'dueOn'])
    .execute();
}
