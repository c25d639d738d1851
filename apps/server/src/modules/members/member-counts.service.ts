/**
 * The yearly membership count bases (decision 78): counts by unit × status × category × gender
 * on 1 January of every year of an association's history, kept current in the background so
 * that counts as of a date read one base and a year's changes at most instead of every period.
 * A base made stale by a write (its state row deleted by the trigger of migration 0013) is
 * simply not used until it is built again: counts are never wrong, only slower meanwhile.
 */
import { inTenant } from '../../db/engine.js';
import type { Deps } from '../../platform/deps.js';
import { todayIn } from '../../platform/clock.js';
import type { PeriodicTask } from '../../platform/periodic.js';
import * as repo from './member-counts.repo.js';

/**
 * Builds every missing or stale base, one transaction each (so a write of periods waits at
 * most for one base). A base skipped because writers were busy is built at the next run.
 * Returns the number built. `only`: one association's (tests).
 */
export async function refreshCountBases(deps: Deps, only?: string): Promise<number> {
  const today = todayIn(deps.clock);
  let built = 0;
  const associations = only ? [only] : await repo.associationsWithPeriods(deps.db.system);
  for (const associationId of associations) {
    const missing = await inTenant(deps.db.app, associationId, (tx) => repo.missingBases(tx, today));
    for (const asOf of missing) {
      if (await inTenant(deps.db.app, associationId, (tx) => repo.buildBase(tx, asOf))) built += 1;
    }
  }
  if (built > 0) await repo.analyzeBases(deps.db.system);
  return built;
}

/** Every 10 minutes (and at start): after an import or a past-dated change, bases are back within minutes. */
export function countBasesTask(deps: Deps): PeriodicTask {
  return {
    name: 'membership count bases built',
    everyMs: 10 * 60 * 1000,
    run: () => refreshCountBases(deps),
  };
}
