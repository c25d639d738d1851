import { ROLES, type Permission, type RoleCode } from '@hoi/contracts';
import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/authorize.js';
import { AppError } from '../../platform/errors.js';
import { isDescendantOrSelf } from '../units/units.policy.js';

/** Permissions the actor holds at a unit (through assignments whose subtree contains it). */
function permissionsAt(actor: Actor, unitPath: string): Set<Permission> {
  return new Set(actor.assignments.filter((a) => isDescendantOrSelf(unitPath, a.unitPath)).flatMap((a) => a.permissions));
}

/**
 * Granting a role at a unit needs role.assign there, and nobody can grant more than they hold:
 * every permission of the role must be the actor's own at that unit. The oversight role exists
 * only in oversight tenants, and association roles only in associations.
 */
export function assertCanGrant(actor: Actor, role: RoleCode, unit: { associationId: string; path: string }) {
  authorize(actor, 'role.assign', unit);
  if (actor.via === 'cli') return;
  const isOversightRole = role === 'oversight_viewer';
  if (isOversightRole !== (actor.associationKind === 'oversight') && role !== 'member') throw new AppError('FORBIDDEN', { role });
  const held = permissionsAt(actor, unit.path);
  const missing = ROLES[role].permissions.filter((p) => !held.has(p));
  if (missing.length) throw new AppError('FORBIDDEN', { role, missing });
}

/** Managing a user (edit, reset password, disable) needs user.manage over all of their units. */
export function assertCanManageUser(actor: Actor, associationId: string, assignmentPaths: string[]) {
  if (assignmentPaths.length === 0) {
    // Unassigned accounts belong to whoever manages the whole association.
    const root = actor.assignments.find((a) => a.permissions.includes('user.manage') && !a.unitPath.includes('.'));
    if (!root && actor.via !== 'cli') throw new AppError('NOT_FOUND');
    return;
  }
  for (const path of assignmentPaths) authorize(actor, 'user.manage', { associationId, path });
}

/** Reading a user needs user.read over at least one of their units. */
export function assertCanReadUser(actor: Actor, associationId: string, assignmentPaths: string[]) {
  if (actor.via === 'cli') return;
  const ok =
    assignmentPaths.some((path) => actor.assignments.some((a) => a.permissions.includes('user.read') && isDescendantOrSelf(path, a.unitPath))) ||
    (assignmentPaths.length === 0 && actor.assignments.some((a) => a.permissions.includes('user.read') && !a.unitPath.includes('.')));
  if (!ok) throw new AppError('NOT_FOUND');
  void associationId;
}
