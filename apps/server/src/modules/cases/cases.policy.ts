import { CASE_TRANSITIONS, type CaseAction } from '@hoi/contracts';
import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/authorize.js';
import { AppError } from '../../platform/errors.js';

/**
 * Who may do what with a case (decision 48):
 * - handling a case needs `case.manage` over its unit (out of scope: 404);
 * - the sealed identity needs, in addition, a clearance on that very case (the officer who
 *   recorded it, or one a cleared handler granted); verifiers never get one;
 * - emergency access is open to any handler who is not a verifier, with a written reason, and is
 *   reported to the association's administrators.
 */
export function assertCanHandle(actor: Actor, c: { associationId: string; unitPath: string }) {
  authorize(actor, 'case.manage', { associationId: c.associationId, path: c.unitPath });
}

export type { CaseAction };

export function assertTransition(action: CaseAction, status: string) {
  if (!(CASE_TRANSITIONS[action] as readonly string[]).includes(status)) {
    throw new AppError('CASE_ILLEGAL_TRANSITION', { action, status });
  }
}

export function assertNotVerifier(isVerifier: boolean) {
  if (isVerifier) throw new AppError('CASE_SEALED_VERIFIER');
}
