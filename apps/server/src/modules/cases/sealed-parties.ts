import type { SealedParty } from '@hoi/contracts';
import type { Tx } from '../../db/engine.js';
import type { Deps } from '../../platform/deps.js';
import * as repo from './cases.repo.js';
import { sealKey, unsealJson } from './sealed.js';

/** Associated data binding a sealed row to its association, case and row id. */
export function sealAad(associationId: string, caseId: string, rowId: string) {
  return `${associationId}/${caseId}/${rowId}`;
}

/**
 * The sealed parties of a case, decrypted for the service's own checks (sealed-text.ts). Never
 * returned to a caller: reading them for a person goes through readSealed (clearance, audit).
 */
export async function sealedPartiesOf(
  tx: Tx,
  deps: Deps,
  c: { associationId: string; id: string },
): Promise<(SealedParty & { id: string })[]> {
  const rows = await repo.sealedOf(tx, c.id);
  if (rows.length === 0) return [];
  const key = sealKey(deps.config);
  return rows.map((r) => ({
    ...unsealJson<SealedParty>(key, r, sealAad(c.associationId, c.id, r.id)),
    id: r.id,
  }));
}
