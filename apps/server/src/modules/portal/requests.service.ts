/**
 * The officers' side of members' requests: correction requests to approve or reject, and
 * data-subject requests to answer within their statutory time.
 */
import { vietnameseNameSortKey } from '@hoi/contracts';
import type { z } from 'zod';
import type {
  ChangeRequestSchema,
  DataRequestSchema,
  ResolveDataRequestBodySchema,
} from '@hoi/contracts';
import { inTenant } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, found } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import * as membersRepo from '../members/members.repo.js';
import { scopeUnits } from '../members/members-search.service.js';
import { loadManageable, recordEvent } from '../members/members.service.js';
import { presentChangeRequest, presentDataRequest } from './portal.presenter.js';
import * as repo from './portal.repo.js';

type ChangeRequest = z.infer<typeof ChangeRequestSchema>;
type DataRequest = z.infer<typeof DataRequestSchema>;
type ResolveBody = z.infer<typeof ResolveDataRequestBodySchema>;

const QUEUE_LIMIT = 500;

/** Correction requests of members in the actor's scope (member.manage), newest first. */
export async function listChangeRequests(
  deps: Deps,
  actor: Actor,
  f: { unitId?: string | undefined; status: 'pending' | 'approved' | 'rejected' },
): Promise<ChangeRequest[]> {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const units = await scopeUnits(tx, actor, f.unitId, 'member.manage');
    const rows = await repo.listChangeRequests(tx, { units, status: f.status, limit: QUEUE_LIMIT });
    return rows.map(presentChangeRequest);
  });
}

/** Person columns a correction may change, from the request's stored fields. */
function personChanges(fields: Record<string, unknown>) {
  const set: Record<string, string | null> = {};
  if ('phone' in fields) set.phone = (fields.phone as string | null) ?? null;
  if ('email' in fields) set.email = (fields.email as string | null) ?? null;
  const address = fields.address as Record<string, string | null> | undefined;
  if (address) {
    if ('provinceCode' in address) set.provinceCode = address.provinceCode ?? null;
    if ('communeCode' in address) set.communeCode = address.communeCode ?? null;
    if ('detail' in address) set.addressDetail = address.detail ?? null;
  }
  return set;
}

/**
 * Approves or rejects a pending correction. Approval writes the values to the person in the same
 * transaction (and through hoi_sync_person into every membership's copy).
 */
export async function decideChangeRequest(
  deps: Deps,
  actor: Actor,
  id: string,
  decision: 'approve' | 'reject',
  note: string | undefined,
): Promise<ChangeRequest> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const cr = found(await repo.lockChangeRequest(tx, id));
    const m = await loadManageable(tx, actor, cr.membershipId);
    if (cr.status !== 'pending') throw new AppError('REQUEST_CLOSED', { status: cr.status });
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (decision === 'approve') {
      const person = found(await membersRepo.findPerson(tx, m.personId));
      const set = personChanges(cr.fields);
      for (const [key, value] of Object.entries(set)) {
        if (person[key as keyof typeof person] === value) continue;
        before[key] = person[key as keyof typeof person];
        after[key] = value;
      }
      if (Object.keys(after).length) {
        await membersRepo.updatePerson(tx, person.id, after);
        await membersRepo.syncPerson(tx, person.id, vietnameseNameSortKey(person.fullName));
        await membersRepo.updateMembership(tx, m.id, {});
      }
    }
    await repo.decideChangeRequest(tx, id, {
      status: decision === 'approve' ? 'approved' : 'rejected',
      decidedAt: deps.clock.now(),
      decidedBy: actor.displayName,
      decisionNote: note ?? null,
    });
    await recordEvent(tx, actor, {
      membershipId: m.id,
      kind: decision === 'approve' ? 'correction_applied' : 'correction_rejected',
      effectiveDate: today,
      unitId: m.unitId,
      reason: note ?? null,
      details: { requestId: id, fields: Object.keys(after) },
    });
    await recordAudit(tx, deps, actor, {
      action: decision === 'approve' ? 'member.correction.approve' : 'member.correction.reject',
      entityType: 'member',
      entityId: m.id,
      unitId: m.unitId,
      before,
      after: { requestId: id, note: note ?? null, ...after },
    });
    return presentChangeRequest(found(await repo.findChangeRequest(tx, id)));
  });
}

/** Data-subject requests of members in the actor's scope, the earliest due first. */
export async function listDataRequests(
  deps: Deps,
  actor: Actor,
  f: { unitId?: string | undefined; status?: 'open' | 'done' | 'refused' | undefined },
): Promise<DataRequest[]> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const units = await scopeUnits(tx, actor, f.unitId, 'member.manage');
    const rows = await repo.listDataRequests(tx, {
      units,
      ...(f.status ? { status: f.status } : {}),
      limit: QUEUE_LIMIT,
    });
    return rows.map((r) => presentDataRequest(r, today));
  });
}

/** Records the answer to a data-subject request (done or refused, with the response sent). */
export async function resolveDataRequest(
  deps: Deps,
  actor: Actor,
  id: string,
  input: ResolveBody,
): Promise<DataRequest> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const r = found(await repo.findDataRequest(tx, id, { lock: true }));
    const m = await loadManageable(tx, actor, r.membershipId);
    if (r.status !== 'open') throw new AppError('REQUEST_CLOSED', { status: r.status });
    await repo.resolveDataRequest(tx, id, {
      status: input.outcome,
      resolvedAt: deps.clock.now(),
      resolvedBy: actor.displayName,
      response: input.response,
    });
    await recordEvent(tx, actor, {
      membershipId: m.id,
      kind: 'data_request_resolved',
      effectiveDate: today,
      unitId: m.unitId,
      details: { requestId: id, kind: r.kind, outcome: input.outcome },
    });
    await recordAudit(tx, deps, actor, {
      action: 'member.data_request.resolve',
      entityType: 'member',
      entityId: m.id,
      unitId: m.unitId,
      after: {
        requestId: id,
        kind: r.kind,
        outcome: input.outcome,
        overdue: today > r.dueOn,
      },
    });
    return presentDataRequest(found(await repo.findDataRequest(tx, id)), today);
  });
}
