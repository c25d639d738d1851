/**
 * Upkeep of the embedded database. PostgreSQL servers vacuum and analyze by themselves
 * (autovacuum); PGlite has no background workers, so without this its tables would never be
 * vacuumed: dead rows would pile up, statistics would go stale after bulk imports, and without a
 * visibility map no query could answer from an index alone (decision 66).
 */
import { sql } from 'kysely';
import type { Deps } from '../platform/deps.js';
import type { PeriodicTask } from '../platform/periodic.js';

/** The quiet hour, in Vietnam, when the embedded database is vacuumed (it blocks other queries). */
export const MAINTENANCE_HOUR = 2;

const vnHour = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** `VACUUM (ANALYZE)` of the whole database; returns the seconds it took. */
export async function vacuumDatabase(deps: Pick<Deps, 'db'>): Promise<number> {
  const t0 = performance.now();
  await sql`vacuum (analyze)`.execute(deps.db.system);
  return (performance.now() - t0) / 1000;
}

/**
 * Hourly check; on PGlite, once a day in the quiet hour, vacuum and analyze everything.
 * On PostgreSQL it does nothing (autovacuum does the work).
 */
export function embeddedMaintenanceTask(deps: Deps): PeriodicTask {
  let lastDay: string | null = null;
  return {
    name: 'embedded database vacuumed',
    everyMs: 60 * 60 * 1000,
    async run() {
      if (deps.db.kind !== 'pglite') return 0;
      const now = deps.clock.now();
      if (Number(vnHour.format(now)) !== MAINTENANCE_HOUR) return 0;
      const day = now.toISOString().slice(0, 10);
      if (lastDay === day) return 0;
      lastDay = day;
      await vacuumDatabase(deps);
      return 1;
    },
  };
}
