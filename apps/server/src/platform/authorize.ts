import type { Permission } from '@hoi/contracts';
import type { Actor } from './actor.js';
import { AppError } from './errors.js';

/** A unit as far as scope checks care: its association and materialized path. */
export interface ScopedUnit {
  associationId: string;
  path: string;
}

function isWithin(path: string, ancestorPath: string): boolean {
  return path === ancestorPath || path.startsWith(`${ancestorPath}.`);
}

/** Does the actor hold `permission` anywhere (regardless of unit)? */
export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.via === 'cli' || actor.assignments.some((a) => a.permissions.includes(permission));
}

/** Paths of the subtrees where the actor holds `permission` (the actor's scope for it). */
export function scopePaths(actor: Actor, permission: Permission): string[] {
  return actor.assignments.filter((a) => a.permissions.includes(permission)).map((a) => a.unitPath);
}

/**
 * The one authorization check: may `actor` use `permission` on `unit`? A unit outside every
 * assignment's subtree is reported as NOT_FOUND so its existence never leaks; a unit in scope
 * for reading but not for this permission is FORBIDDEN.
 */
export function authorize(actor: Actor, permission: Permission, unit: ScopedUnit): void {
  if (unit.associationId !== actor.associationId) throw new AppError('NOT_FOUND');
  if (actor.via === 'cli') return;
  const allowed = actor.assignments.some(
    (a) => a.permissions.includes(permission) && isWithin(unit.path, a.unitPath),
  );
  if (allowed) return;
  const visible = actor.assignments.some((a) => isWithin(unit.path, a.unitPath));
  throw new AppError(visible ? 'FORBIDDEN' : 'NOT_FOUND');
}

/** Requires the permission somewhere, for actions not tied to one unit. */
export function authorizeAny(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission)) throw new AppError('FORBIDDEN');
}
