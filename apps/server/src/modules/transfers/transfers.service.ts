import type {
  AcceptTransferBodySchema,
  CreateTransferBodySchema,
  RefuseTransferBodySchema,
  Transfer,
  TransferListQuerySchema,
} from '@hoi/contracts';
import type { z } from 'zod';
import { inTenant, type Tx } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { authorize, scopePaths } from '../../platform/authorize.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, found } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { refreshDuesPaidThrough } from '../dues/dues.service.js';
import {
  applyChange,
  assertMemberDate,
  loadManageable,
  loadVisible,
  recordEvent,
  settingsOf,
} from '../members/members.service.js';
import * as unitsRepo from '../units/units.repo.js';
import {
  assertCanAnswer,
  assertCanCancel,
  assertCanSeeTransfer,
  canAnswerAsReceiver,
} from './transfers.policy.js';
import { presentTransfer } from './transfers.presenter.js';
import * as repo from './transfers.repo.js';

type CreateTransferBody = z.infer<typeof CreateTransferBodySchema>;
type AcceptTransferBody = z.infer<typeof AcceptTransferBodySchema>;
type RefuseTransferBody = z.infer<typeof RefuseTransferBodySchema>;
type TransferListQuery = z.infer<typeof TransferListQuerySchema>;

/** `date` plus `days` calendar days (ISO dates, no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The deepest path that is a prefix of both (the common ancestor-or-self of two units). */
export function commonAncestorPath(a: string, b: string): string {
  const x = a.split('.');
  const y = b.split('.');
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return x.slice(0, n).join('.');
}

async function reload(tx: Tx, id: string, today: string): Promise<Transfer> {
  return presentTransfer(found(await repo.findTransfer(tx, id)), today);
}

/**
 * The sending unit releases an active member to another active unit of the association (any
 * province). The member is in transit — still counted at the sender — until the receiver answers.
 */
export async function createTransfer(
  deps: Deps,
  actor: Actor,
  input: CreateTransferBody,
): Promise<Transfer> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const m = await loadManageable(tx, actor, input.memberId);
    if (m.status !== 'active') throw new AppError('MEMBER_NOT_ACTIVE', { status: m.status });
    if (m.transitToUnitId) throw new AppError('MEMBER_IN_TRANSIT');
    // Row-level security limits the lookup to this association: another association's unit is
    // simply not found, whatever the actor's own scope.
    const to = await unitsRepo.findUnit(tx, input.toUnitId);
    if (!to) throw new AppError('TRANSFER_TARGET_INVALID', { reason: 'not_found' });
    if (to.id === m.unitId) throw new AppError('TRANSFER_SAME_UNIT');
    if (to.status !== 'active')
      throw new AppError('TRANSFER_TARGET_INVALID', { reason: 'inactive', status: to.status });
    const releasedOn = input.releasedOn ?? today;
    assertMemberDate(releasedOn, today, m);
    const commonId = found(await repo.unitIdAtPath(tx, commonAncestorPath(m.unitPath, to.path)));
    const settings = await settingsOf(tx, actor.associationId);
    const id = newId();
    const dueOn = addDays(releasedOn, settings.transferEscalationDays);
    await repo.insertTransfer(tx, {
      associationId: actor.associationId,
      id,
      membershipId: m.id,
      fromUnitId: m.unitId,
      toUnitId: to.id,
      commonParentId: commonId,
      status: 'pending',
      releasedOn,
      dueOn,
      reason: input.reason || null,
      requestedBy: actor.displayName,
      answeredOn: null,
      answeredBy: null,
      refusalReason: null,
      escalatedAt: null,
    });
    await repo.setTransit(tx, m.id, to.id);
    await recordEvent(tx, actor, {
      membershipId: m.id,
      kind: 'transfer_requested',
      effectiveDate: releasedOn,
      unitId: m.unitId,
      reason: input.reason || null,
      details: { transferId: id, fromUnitId: m.unitId, toUnitId: to.id },
    });
    await recordAudit(tx, deps, actor, {
      action: 'transfer.request',
      entityType: 'transfer',
      entityId: id,
      unitId: m.unitId,
      after: {
        memberId: m.id,
        memberNumber: m.memberNumber,
        fromUnitId: m.unitId,
        toUnitId: to.id,
        toUnitCode: to.code,
        releasedOn,
        dueOn,
        reason: input.reason || null,
      },
    });
    return reload(tx, id, today);
  });
}

/**
 * Locks a transfer for an answer: visible to the actor, still pending. Concurrent answers queue
 * on the row lock; the later one then finds it answered (TRANSFER_NOT_PENDING).
 */
async function lockPending(tx: Tx, actor: Actor, id: string) {
  const t = found(await repo.findTransfer(tx, id, { lock: true }));
  assertCanSeeTransfer(actor, t);
  if (t.status !== 'pending') throw new AppError('TRANSFER_NOT_PENDING', { status: t.status });
  return t;
}

/**
 * The receiving unit (or, once overdue, the common parent) accepts: from the acceptance date the
 * member's period is at the receiving unit, and the transit mark is cleared.
 */
export async function acceptTransfer(
  deps: Deps,
  actor: Actor,
  id: string,
  input: AcceptTransferBody,
): Promise<Transfer> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const t = await lockPending(tx, actor, id);
    assertCanAnswer(actor, t, today);
    if (t.toStatus !== 'active')
      throw new AppError('UNIT_INACTIVE', { unitId: t.toUnitId, status: t.toStatus });
    const m = await loadVisible(tx, actor, t.membershipId, { lock: true });
    const acceptedOn = input.acceptedOn ?? today;
    if (acceptedOn < t.releasedOn)
      throw new AppError('MEMBER_DATE_INVALID', {
        date: acceptedOn,
        reason: 'before_release',
        latest: t.releasedOn,
      });
    assertMemberDate(acceptedOn, today, m);
    await applyChange(tx, m, { unitId: t.toUnitId }, acceptedOn, { transitToUnitId: null });
    await repo.updateTransfer(tx, id, {
      status: 'accepted',
      answeredOn: acceptedOn,
      answeredBy: actor.displayName,
    });
    const byCommonParent = !canAnswerAsReceiver(actor, t);
    await recordEvent(tx, actor, {
      membershipId: m.id,
      kind: 'transfer_accepted',
      effectiveDate: acceptedOn,
      unitId: t.toUnitId,
      details: {
        transferId: id,
        fromUnitId: t.fromUnitId,
        toUnitId: t.toUnitId,
        ...(byCommonParent ? { byCommonParentId: t.commonParentId } : {}),
      },
    });
    await recordAudit(tx, deps, actor, {
      action: 'transfer.accept',
      entityType: 'transfer',
      entityId: id,
      unitId: t.toUnitId,
      before: { status: 'pending', unitId: t.fromUnitId },
      after: { status: 'accepted', unitId: t.toUnitId, acceptedOn, byCommonParent },
    });
    // Dues rates are resolved from the member's unit: the new unit may set other ones.
    await refreshDuesPaidThrough(tx, [m.id]);
    return reload(tx, id, today);
  });
}

/** The receiving unit (or the common parent once overdue) refuses: the member stays. */
export async function refuseTransfer(
  deps: Deps,
  actor: Actor,
  id: string,
  input: RefuseTransferBody,
): Promise<Transfer> {
  const today = todayIn(deps.clock);
  const reason = input.reason.trim();
  if (!reason) throw new AppError('REASON_REQUIRED', { action: 'refuse' });
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const t = await lockPending(tx, actor, id);
    assertCanAnswer(actor, t, today);
    const m = await loadVisible(tx, actor, t.membershipId, { lock: true });
    await repo.setTransit(tx, m.id, null);
    await repo.updateTransfer(tx, id, {
      status: 'refused',
      answeredOn: today,
      answeredBy: actor.displayName,
      refusalReason: reason,
    });
    await recordEvent(tx, actor, {
      membershipId: m.id,
      kind: 'transfer_refused',
      effectiveDate: today,
      unitId: t.toUnitId,
      reason,
      details: { transferId: id, fromUnitId: t.fromUnitId, toUnitId: t.toUnitId },
    });
    await recordAudit(tx, deps, actor, {
      action: 'transfer.refuse',
      entityType: 'transfer',
      entityId: id,
      unitId: t.toUnitId,
      before: { status: 'pending' },
      after: { status: 'refused', reason },
    });
    return reload(tx, id, today);
  });
}

/** The sending unit withdraws a pending release: the member stays, no longer in transit. */
export async function cancelTransfer(deps: Deps, actor: Actor, id: string): Promise<Transfer> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const t = await lockPending(tx, actor, id);
    assertCanCancel(actor, t);
    const m = await loadVisible(tx, actor, t.membershipId, { lock: true });
    await repo.setTransit(tx, m.id, null);
    await repo.updateTransfer(tx, id, {
      status: 'cancelled',
      answeredOn: today,
      answeredBy: actor.displayName,
    });
    await recordEvent(tx, actor, {
      membershipId: m.id,
      kind: 'transfer_cancelled',
      effectiveDate: today,
      unitId: t.fromUnitId,
      details: { transferId: id, fromUnitId: t.fromUnitId, toUnitId: t.toUnitId },
    });
    await recordAudit(tx, deps, actor, {
      action: 'transfer.cancel',
      entityType: 'transfer',
      entityId: id,
      unitId: t.fromUnitId,
      before: { status: 'pending' },
      after: { status: 'cancelled' },
    });
    return reload(tx, id, today);
  });
}

/** One transfer, for either side or the common parent's scope (404 otherwise). */
export async function getTransfer(deps: Deps, actor: Actor, id: string): Promise<Transfer> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const t = found(await repo.findTransfer(tx, id));
    assertCanSeeTransfer(actor, t);
    return presentTransfer(t, today);
  });
}

/**
 * A box of transfers, newest first: incoming (to a unit in scope), outgoing (from one), overdue
 * (pending past the answer date, with the common parent in scope: the escalation list) or all.
 * Scope is the actor's member.read subtrees, or `unitId`'s subtree.
 */
export async function listTransfers(
  deps: Deps,
  actor: Actor,
  q: Omit<TransferListQuery, 'cursor'> & { beforeId: string | null },
): Promise<{ items: Transfer[]; next: string | null }> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    let paths: string[] | null;
    if (q.unitId) {
      const unit = found(await unitsRepo.findUnit(tx, q.unitId));
      authorize(actor, 'member.read', unit);
      paths = [unit.path];
    } else if (actor.via === 'cli') {
      paths = null;
    } else {
      paths = scopePaths(actor, 'member.read');
      if (paths.length === 0) throw new AppError('FORBIDDEN');
      if (paths.some((p) => !p.includes('.'))) paths = null;
    }
    const rows = await repo.listTransfers(tx, {
      box: q.box,
      paths,
      status: q.status ?? null,
      today,
      beforeId: q.beforeId,
      limit: q.limit + 1,
    });
    const shown = rows.slice(0, q.limit);
    return {
      items: shown.map((t) => presentTransfer(t, today)),
      next: rows.length > q.limit ? (shown[shown.length - 1]?.id ?? null) : null,
    };
  });
}
