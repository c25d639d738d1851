import type { Job } from '@hoi/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { inTenant, type Tx } from '../../db/engine.js';
import { cliActor, type Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/authorize.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { actorForUser } from '../auth/auth.service.js';
import * as unitsRepo from '../units/units.repo.js';
import * as repo from './jobs.repo.js';
import type { JobRow } from './jobs.repo.js';

/** A worker that has not beaten for this long is taken for dead; its job resumes elsewhere. */
export const STALE_AFTER_MS = 60_000;
const HEARTBEAT_MS = 5_000;
const POLL_MS = 1_000;

/** Who a job acts as: the user who started it (rights re-read when it runs) or the CLI. */
export type JobActorRef = { kind: 'user'; userId: string } | { kind: 'cli'; displayName: string };

export interface JobContext {
  deps: Deps;
  job: JobRow;
  actor: Actor;
  /**
   * Runs `fn` in one tenant transaction that also records progress and the resume checkpoint:
   * after a crash the job carries on from the last checkpoint, and no batch is ever half there.
   */
  commitBatch<T>(
    fn: (tx: Tx) => Promise<T>,
    progress: { rowsDone: number; checkpoint: Record<string, unknown> },
  ): Promise<T>;
  /** Progress outside a write (reading, preview); also the heartbeat. */
  progress(rowsDone: number, rowsTotal?: number | null): Promise<void>;
  /** True once someone asked the job to stop (checked at each heartbeat). */
  cancelled(): boolean;
}
export type JobHandler = (ctx: JobContext) => Promise<Record<string, unknown>>;

const handlers = new Map<string, JobHandler>();
export function registerJobHandler(kind: string, handler: JobHandler) {
  handlers.set(kind, handler);
}
export function presentJob(j: JobRow): Job {
  const error = j.error as { code?: string; message?: string; messageEn?: string } | null;
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    unitId: j.unitId,
    rowsDone: Number(j.rowsDone),
    rowsTotal: j.rowsTotal === null ? null : Number(j.rowsTotal),
    result: j.result,
    error: error
      ? {
          code: error.code ?? 'INTERNAL',
          message: error.message ?? '',
          messageEn: error.messageEn ?? '',
        }
      : null,
    createdByName: j.createdByName,
    createdAt: j.createdAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

/** Queues a job in the caller's transaction (so it exists only if the request's writes do). */
export async function createJob(
  tx: Tx,
  actor: Actor,
  j: {
    kind: string;
    unitId: string | null;
    params: Record<string, unknown>;
    actorRef: JobActorRef;
    rowsTotal?: number | null;
    id?: string;
  },
): Promise<string> {
  const id = j.id ?? newId();
  await repo.insertJob(tx, {
    associationId: actor.associationId,
    id,
    kind: j.kind,
    status: 'queued',
    unitId: j.unitId,
    params: JSON.stringify({ ...j.params, actor: j.actorRef }),
    rowsTotal: j.rowsTotal ?? null,
    createdBy: actor.via === 'cli' ? null : actor.userId,
    createdByName: actor.displayName,
  });
  return id;
}

/** A job the actor started, or one on a unit the actor may manage. */
export async function loadVisibleJob(tx: Tx, actor: Actor, id: string): Promise<JobRow> {
  const j = await repo.findJob(tx, id);
  if (!j) throw new AppError('NOT_FOUND');
  if (j.createdBy !== actor.userId) {
    const unit = j.unitId ? await unitsRepo.findUnit(tx, j.unitId) : undefined;
    if (!unit) throw new AppError('NOT_FOUND');
    try {
      authorize(actor, 'member.manage', unit);
    } catch {
      throw new AppError('NOT_FOUND');
    }
  }
  return j;
}

export async function getJob(deps: Deps, actor: Actor, id: string): Promise<Job> {
  return presentJob(
    await inTenant(deps.db.app, actor.associationId, (tx) => loadVisibleJob(tx, actor, id)),
  );
}

export async function listMyJobs(deps: Deps, actor: Actor, kind?: string): Promise<Job[]> {
  const rows = await inTenant(deps.db.app, actor.associationId, (tx) =>
    repo.listJobs(tx, { kind, userId: actor.userId, limit: 20 }),
  );
  return rows.map(presentJob);
}

export async function cancelJob(deps: Deps, actor: Actor, id: string): Promise<Job> {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const j = await loadVisibleJob(tx, actor, id);
    if (j.status === 'queued' || j.status === 'running') {
      await repo.updateJob(tx, id, { status: 'cancelled', finishedAt: new Date() });
    }
    return presentJob((await repo.findJob(tx, id))!);
  });
}

async function resolveActor(deps: Deps, j: JobRow): Promise<Actor> {
  const ref = (j.params as { actor?: JobActorRef }).actor;
  if (ref?.kind === 'user') {
    const actor = await actorForUser(deps, j.associationId, ref.userId);
    if (!actor) throw new AppError('FORBIDDEN', { reason: 'job owner is no longer active' });
    return actor;
  }
  return {
    ...cliActor(j.associationId),
    displayName: ref?.kind === 'cli' ? ref.displayName : 'CLI',
  };
}

function errorOf(e: unknown): Record<string, unknown> {
  if (e instanceof AppError) {
    return { ...e.toEnvelope().error };
  }
  return {
    code: 'INTERNAL',
    message: 'Lỗi hệ thống khi chạy tác vụ',
    messageEn: 'The job failed on a server error',
    detail: String((e as Error)?.message ?? e).slice(0, 500),
  };
}

/**
 * Claims and runs one job to its end in this process. Returns false when someone else holds it
 * (its worker is alive) or it is finished. A job whose worker died is claimed again and its
 * handler resumes from the checkpoint.
 */
export async function runJob(
  deps: Deps,
  associationId: string,
  id: string,
  opts: {
    log?: FastifyBaseLogger;
    /** The CLI passes its own (unit-scoped) actor. */
    actor?: Actor;
    onProgress?: (rowsDone: number, rowsTotal: number | null | undefined) => void;
  } = {},
): Promise<JobRow | null> {
  const now = deps.clock.now();
  const staleBefore = new Date(now.getTime() - STALE_AFTER_MS);
  const claimed = await inTenant(deps.db.app, associationId, async (tx) => {
    const r = await tx
      .updateTable('jobs')
      .set({ status: 'running', startedAt: now, heartbeatAt: now })
      .where('id', '=', id)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'queued'),
          eb.and([
            eb('status', '=', 'running'),
            eb.or([eb('heartbeatAt', 'is', null), eb('heartbeatAt', '<', staleBefore)]),
          ]),
        ]),
      )
      .returningAll()
      .executeTakeFirst();
    return r ?? null;
  });
  if (!claimed) return null;
  const handler = handlers.get(claimed.kind);
  let cancelled = false;
  let lastBeat = Date.now();
  const beat = async (rowsDone?: number, rowsTotal?: number | null) => {
    lastBeat = Date.now();
    const state = await inTenant(deps.db.app, associationId, async (tx) => {
      await repo.updateJob(tx, id, {
        heartbeatAt: new Date(),
        ...(rowsDone !== undefined ? { rowsDone } : {}),
        ...(rowsTotal !== undefined ? { rowsTotal } : {}),
      });
      return (await repo.findJob(tx, id))?.status;
    });
    if (state === 'cancelled') cancelled = true;
  };
  try {
    if (!handler)
      throw new AppError('INTERNAL', { reason: `no handler for job kind ${claimed.kind}` });
    const actor = opts.actor ?? (await resolveActor(deps, claimed));
    const ctx: JobContext = {
      deps,
      job: claimed,
      actor,
      async commitBatch(fn, progress) {
        const out = await inTenant(deps.db.app, associationId, async (tx) => {
          const current = await tx
            .selectFrom('jobs')
            .select('status')
            .where('id', '=', id)
            .forUpdate()
            .executeTakeFirst();
          if (current?.status === 'cancelled') throw new AppError('JOB_CANCELLED');
          const result = await fn(tx);
          await repo.updateJob(tx, id, {
            rowsDone: progress.rowsDone,
            checkpoint: JSON.stringify(progress.checkpoint),
            heartbeatAt: new Date(),
          });
          return result;
        });
        lastBeat = Date.now();
        opts.onProgress?.(progress.rowsDone, undefined);
        return out;
      },
      async progress(rowsDone, rowsTotal) {
        opts.onProgress?.(rowsDone, rowsTotal);
        if (Date.now() - lastBeat >= HEARTBEAT_MS || rowsTotal !== undefined)
          await beat(rowsDone, rowsTotal);
      },
      cancelled: () => cancelled,
    };
    const result = await handler(ctx);
    await inTenant(deps.db.app, associationId, (tx) =>
      repo.updateJob(tx, id, {
        status: cancelled ? 'cancelled' : 'done',
        result: JSON.stringify(result),
        finishedAt: new Date(),
        heartbeatAt: new Date(),
      }),
    );
  } catch (e) {
    const wasCancel = e instanceof AppError && e.code === 'JOB_CANCELLED';
    if (!wasCancel) opts.log?.error({ jobId: id, kind: claimed.kind, err: e }, 'job failed');
    await inTenant(deps.db.app, associationId, (tx) =>
      repo.updateJob(tx, id, {
        status: wasCancel ? 'cancelled' : 'failed',
        error: wasCancel ? null : JSON.stringify(errorOf(e)),
        finishedAt: new Date(),
      }),
    );
  }
  return (await inTenant(deps.db.app, associationId, (tx) => repo.findJob(tx, id))) ?? null;
}

/**
 * The server's job worker: every second, runs queued jobs and resumes abandoned ones (a worker
 * that stopped beating, e.g. after a crash), one at a time. Returns a stop function that waits
 * for the current job's batch to end.
 */
export function startJobWorker(deps: Deps, log: FastifyBaseLogger): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  const tick = async () => {
    if (stopped) return;
    try {
      const staleBefore = new Date(deps.clock.now().getTime() - STALE_AFTER_MS);
      for (const j of await repo.openJobs(deps.db.system, staleBefore)) {
        if (stopped) break;
        await runJob(deps, j.associationId, j.id, { log });
      }
    } catch (e) {
      log.error({ err: e }, 'job worker');
    }
    if (!stopped)
      timer = setTimeout(() => {
        running = tick();
      }, POLL_MS);
  };
  running = tick();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
