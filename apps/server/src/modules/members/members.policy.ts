import type { Permission } from '@hoi/contracts';
import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/authorize.js';
import { AppError } from '../../platform/errors.js';

/** What scope checks need of a membership: its association, unit path and transfer target path. */
export interface ScopedMember {
  associationId: string;
  unitPath: string;
  transitPath: string | null;
}

/**
 * Reading a member needs the permission over the member's unit, or — while a transfer is
 * pending — over the receiving unit: the member in transit is visible to both sides.
 */
export function assertCanSeeMember(
  actor: Actor,
  m: ScopedMember,
  permission: Permission = 'member.read',
) {
  try {
    authorize(actor, permission, { associationId: m.associationId, path: m.unitPath });
  } catch (e) {
    if (!m.transitPath) throw e;
    try {
      authorize(actor, permission, { associationId: m.associationId, path: m.transitPath });
    } catch {
      throw e;
    }
  }
}

/** Changing a member's record needs member.manage over the unit the member belongs to. */
export function assertCanManageMember(actor: Actor, m: ScopedMember) {
  assertCanSeeMember(actor, m);
  authorize(actor, 'member.manage', { associationId: m.associationId, path: m.unitPath });
}

/** Protected personal data: readable only with the explicit permission over the member's unit. */
export function assertCanReadSensitive(actor: Actor, m: ScopedMember) {
  assertCanSeeMember(actor, m);
  authorize(actor, 'member.sensitive.read', { associationId: m.associationId, path: m.unitPath });
}

/** The member's own account (portal): only the membership linked to the caller. */
export function assertSelf(actor: Actor, m: { userId: string | null }) {
  if (!m.userId || m.userId !== actor.userId) throw new AppError('NOT_FOUND');
}
