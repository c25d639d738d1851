import type { Db, Tx } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { chainHash, GENESIS_HASH, maskSecrets, canonicalJson } from './audit-hash.js';
import * as repo from './audit.repo.js';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  unitId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one entry to the association's hash chain, inside the caller's transaction so the
 * entry exists exactly when the change does. Secret values are masked before hashing.
 */
export async function recordAudit(
  tx: Tx,
  deps: { clock: Clock },
  actor: Pick<Actor, 'associationId' | 'userId' | 'displayName' | 'username'>,
  input: AuditInput,
): Promise<void> {
  await repo.lockChain(tx, actor.associationId);
  const head = await repo.getHead(tx, actor.associationId);
  const fields = {
    associationId: actor.associationId,
    seq: (head?.seq ?? 0) + 1,
    id: newId(),
    at: deps.clock.now(),
    actorUserId: actor.userId,
    actorName: actor.displayName,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    unitId: input.unitId ?? null,
    before: normalize(maskSecrets(input.before ?? null)),
    after: normalize(maskSecrets(input.after ?? null)),
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  await repo.insertEntry(tx, { ...fields, hash: chainHash(fields) });
}

/** Round-trips through JSON so the hashed value equals what jsonb stores (dates → strings). */
function normalize(value: unknown): unknown {
  return JSON.parse(canonicalJson(value)) as unknown;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  problems: { associationId: string; seq: number; problem: string }[];
}

/** Recomputes every chain; reports modified rows, missing rows and a truncated tail. */
export async function verifyAudit(system: Db, associationId?: string): Promise<VerifyResult> {
  const { heads, orphans } = await repo.chainIds(system);
  const problems: VerifyResult['problems'] = orphans.map((a) => ({
    associationId: a,
    seq: 0,
    problem: 'entries without a chain head',
  }));
  let checked = 0;
  for (const head of heads.filter((h) => !associationId || h.associationId === associationId)) {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    for await (const row of repo.streamChain(system, head.associationId)) {
      checked++;
      if (row.seq !== expectedSeq) {
        problems.push({
          associationId: head.associationId,
          seq: expectedSeq,
          problem: `missing entries ${expectedSeq}..${row.seq - 1}`,
        });
      }
      if (row.prevHash !== prevHash) {
        problems.push({ associationId: head.associationId, seq: row.seq, problem: 'previous hash does not match' });
      }
      const { hash, ...fields } = row;
      if (chainHash(fields) !== hash) {
        problems.push({ associationId: head.associationId, seq: row.seq, problem: 'content was modified' });
      }
      prevHash = hash;
      expectedSeq = row.seq + 1;
    }
    if (expectedSeq - 1 !== head.seq || prevHash !== head.hash) {
      problems.push({
        associationId: head.associationId,
        seq: head.seq,
        problem: `chain ends at ${expectedSeq - 1} but the head records ${head.seq}`,
      });
    }
  }
  return { ok: problems.length === 0, checked, problems };
}
