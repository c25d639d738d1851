import { sql } from 'kysely';
import type { Db, Tx } from '../../db/engine.js';
import type { ChainedFields } from './audit-hash.js';

/** Serializes appends per association for the rest of the transaction. */
export async function lockChain(tx: Tx, associationId: string) {
  await sql`select pg_advisory_xact_lock(hashtext(${associationId}))`.execute(tx);
}

export async function getHead(tx: Tx, associationId: string) {
  return tx
    .selectFrom('auditHeads')
    .select(['seq', 'hash'])
    .where('associationId', '=', associationId)
    .executeTakeFirst();
}

export async function insertEntry(tx: Tx, row: ChainedFields & { hash: string }) {
  await tx
    .insertInto('auditLog')
    .values({
      ...row,
      before: row.before === undefined ? null : JSON.stringify(row.before),
      after: row.after === undefined ? null : JSON.stringify(row.after),
    })
    .execute();
  await tx
    .insertInto('auditHeads')
    .values({ associationId: row.associationId, seq: row.seq, hash: row.hash })
    .onConflict((oc) => oc.column('associationId').doUpdateSet({ seq: row.seq, hash: row.hash }))
    .execute();
}

/*
 * `before` and `after` are read as text and parsed here: the camel-case plugin would rewrite
 * their nested keys (`members.transferred_in`, `tuyen_truyen`), changing what was hashed.
 */
const RAW = [
  sql<string | null>`before::text`.as('before'),
  sql<string | null>`after::text`.as('after'),
] as const;
function parsedJson<T extends { before: unknown; after: unknown }>(row: T): T {
  const parse = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
  return { ...row, before: parse(row.before), after: parse(row.after) };
}

export async function listEntries(
  tx: Tx,
  associationId: string,
  opts: { beforeSeq?: number; limit: number; entityId?: string; unitIds?: string[] },
) {
  let q = tx
    .selectFrom('auditLog')
    .selectAll()
    .select(RAW)
    .where('associationId', '=', associationId)
    .orderBy('seq', 'desc')
    .limit(opts.limit);
  if (opts.beforeSeq !== undefined) q = q.where('seq', '<', opts.beforeSeq);
  if (opts.entityId) q = q.where('entityId', '=', opts.entityId);
  if (opts.unitIds)
    q = q.where(
      'unitId',
      'in',
      opts.unitIds.length ? opts.unitIds : ['00000000-0000-0000-0000-000000000000'],
    );
  return (await q.execute()).map(parsedJson);
}

/** Every row of one association's chain, in order (system connection: verification). */
export async function* streamChain(db: Db, associationId: string, pageSize = 2000) {
  let after = 0;
  for (;;) {
    const rows = (
      await db
        .selectFrom('auditLog')
        .selectAll()
        .select(RAW)
        .where('associationId', '=', associationId)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(pageSize)
        .execute()
    ).map(parsedJson);
    if (rows.length === 0) return;
    yield* rows;
    after = rows[rows.length - 1]!.seq;
  }
}

export async function chainIds(db: Db) {
  const rows = await db.selectFrom('auditHeads').select(['associationId', 'seq', 'hash']).execute();
  const orphan = await db
    .selectFrom('auditLog')
    .select('associationId')
    .distinct()
    .where(
      'associationId',
      'not in',
      rows.length ? rows.map((r) => r.associationId) : ['00000000-0000-0000-0000-000000000000'],
    )
    .execute();
  return { heads: rows, orphans: orphan.map((o) => o.associationId) };
}
