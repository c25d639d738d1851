import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/authorize.js';
import type { UnitRow } from './units.repo.js';

/** Reading a unit needs unit.read in a subtree containing it (else 404, never a leak). */
export function assertCanReadUnit(actor: Actor, unit: Pick<UnitRow, 'associationId' | 'path'>) {
  authorize(actor, 'unit.read', unit);
}

/** Changing the tree needs unit.manage on every unit involved. */
export function assertCanManageUnits(actor: Actor, units: Pick<UnitRow, 'associationId' | 'path'>[]) {
  for (const u of units) authorize(actor, 'unit.manage', u);
}

export function isDescendantOrSelf(path: string, ancestorPath: string) {
  return path === ancestorPath || path.startsWith(`${ancestorPath}.`);
}
