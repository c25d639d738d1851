import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Tx } from '../../db/engine.js';
import type { JobsTable } from '../../db/schema.js';

export type JobRow = Awaited<ReturnType<typeof findJob>> & {};

export async function insertJob(tx: Tx, row: Insertable<JobsTable>) {
  await tx.insertInto('jobs').values(row).execute();
}

export async function findJob(tx: Tx | Db, id: string) {
  return tx.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listJobs(tx: Tx, f: { kind?: string; userId?: string; limit: number }) {
  let q = tx.selectFrom('jobs').selectAll().orderBy('createdAt', 'desc').limit(f.limit);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.userId) q = q.where('createdBy', '=', f.userId);
  return q.execute();
}

export async function updateJob(tx: Tx | Db, id: string, set: Updateable<JobsTable>) {
  await tx.updateTable('jobs').set(set).where('id', '=', id).execute();
}

/**
 * Queued jobs, and running ones whose worker stopped beating (a crash or `kill -9`), of every
 * tenant. Jobs the CLI started are left to the CLI: running the same command again resumes them.
 */
export async function openJobs(system: Db, staleBefore: Date) {
  return system
    .selectFrom('jobs')
    .select(['associationId', 'id', 'kind', 'status'])
    .where((eb) =>
      eb.or([
        eb('status', '=', 'queued'),
        eb.and([
          eb('status', '=', 'running'),
          eb.or([eb('heartbeatAt', 'is', null), eb('heartbeatAt', '<', staleBefore)]),
        ]),
      ]),
    )
    .where(sql<boolean>`params->'actor'->>'kind' = 'user'`)
    .orderBy('createdAt')
    .execute();
}
