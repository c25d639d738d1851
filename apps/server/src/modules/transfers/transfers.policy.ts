import type { Permission } from '@hoi/contracts';
import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/authorize.js';
import { AppError } from '../../platform/errors.js';

/** What the scope checks need of a transfer: the current paths of its three units. */
export interface ScopedTransfer {
  associationId: string;
  status: string;
  dueOn: string;
  fromPath: string;
  toPath: string;
  commonPath: string;
}

/** Pending past its answer date: the common parent may now answer in the receiver's place. */
export function isOverdue(t: { status: string; dueOn: string }, today: string): boolean {
  return t.status === 'pending' && today > t.dueOn;
}

function holds(actor: Actor, permission: Permission, associationId: string, path: string) {
  try {
    authorize(actor, permission, { associationId, path });
    return true;
  } catch {
    return false;
  }
}

/**
 * A transfer is visible to the sending side, the receiving side and the common parent (member.read
 * over any of the three units). Invisible transfers are reported as not found.
 */
export function assertCanSeeTransfer(actor: Actor, t: ScopedTransfer) {
  const visible = [t.fromPath, t.toPath, t.commonPath].some((path) =>
    holds(actor, 'member.read', t.associationId, path),
  );
  if (!visible) throw new AppError('NOT_FOUND');
}

/** The receiving side: member.manage over the receiving unit. */
export function canAnswerAsReceiver(actor: Actor, t: ScopedTransfer): boolean {
  return holds(actor, 'member.manage', t.associationId, t.toPath);
}

/**
 * Accepting or refusing is the receiving side's; once the transfer is overdue the common parent
 * (member.manage over it) may answer in its place. Call after assertCanSeeTransfer.
 */
export function assertCanAnswer(actor: Actor, t: ScopedTransfer, today: string) {
  const allowed =
    canAnswerAsReceiver(actor, t) ||
    (isOverdue(t, today) && holds(actor, 'member.manage', t.associationId, t.commonPath));
  if (!allowed) throw new AppError('FORBIDDEN');
}

/** Cancelling is the sending side's: member.manage over the sending unit (after the see check). */
export function assertCanCancel(actor: Actor, t: ScopedTransfer) {
  if (!holds(actor, 'member.manage', t.associationId, t.fromPath)) throw new AppError('FORBIDDEN');
}
