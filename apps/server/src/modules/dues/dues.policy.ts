import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/authorize.js';
import { assertCanSeeMember, type ScopedMember } from '../members/members.policy.js';

/**
 * Recording dues or exemptions for a member needs dues.manage over the member's unit (a member
 * in transit still belongs to the sending unit). Out of scope: not found.
 */
export function assertCanManageDues(actor: Actor, m: ScopedMember) {
  assertCanSeeMember(actor, m);
  authorize(actor, 'dues.manage', { associationId: m.associationId, path: m.unitPath });
}

/** A member owes and pays dues while active or suspended. */
export function isDuesPayer(m: { status: string }): boolean {
  return m.status === 'active' || m.status === 'suspended';
}
