import { sql } from 'kysely';
import { vacuumDatabase } from '../../apps/server/src/db/maintenance.js';
import { inTenant } from '../../apps/server/src/db/engine.js';
import type { Deps } from '../../apps/server/src/platform/deps.js';
import { todayIn } from '../../apps/server/src/platform/clock.js';
import {
  generateMembers,
  type GenerateUnit,
  type Region,
} from '../../apps/server/src/modules/members/members.generate.js';
import { generateTree, type GeneratedTree } from './tree-data.js';

/** Members to generate (BENCH_MEMBERS overrides, for a quick run). */
export const BENCH_MEMBER_COUNT = Number(process.env.BENCH_MEMBERS ?? 1_000_000);
/** Per transaction: bounded memory and progress, each a fresh seed and the counter carried on. */
const PER_TX = 50_000;

export interface GeneratedMembers {
  tree: GeneratedTree;
  /** Lowest-level units, where the members are. */
  leaves: GenerateUnit[];
  members: number;
  events: number;
  /** Generation time of the members (not the tree), in ms. */
  generateMs: number;
}

/**
 * The member benches' data: the 20,000-unit tree with `count` generated members in its
 * lowest-level units (region by province), then ANALYZE. Generation is the slow part (~13 min
 * for 1,000,000 on PGlite), so every member bench starts from this one function.
 */
export async function generateMemberData(
  deps: Deps,
  count = BENCH_MEMBER_COUNT,
): Promise<GeneratedMembers> {
  const engine = deps.db.kind;
  const t0 = performance.now();
  const tree = await generateTree(deps, 20_000, 5_000);
  console.log(
    `[${engine}] ${tree.units} units generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  // Lowest-level units, with the province above each (its region: north, centre, south by index).
  const units = await deps.db.system
    .selectFrom('units')
    .select(['id', 'parentId', 'level', 'code'])
    .where('associationId', '=', tree.associationId)
    .execute();
  const byId = new Map(units.map((u) => [u.id, u]));
  const parents = new Set(units.map((u) => u.parentId));
  const provinceIndex = new Map(tree.provinces.map((id, i) => [id, i]));
  const regionOf = (id: string): Region => {
    let u = byId.get(id);
    while (u && u.level > 1) u = byId.get(u.parentId ?? '');
    const i = provinceIndex.get(u?.id ?? '') ?? 0;
    return i < 12 ? 'north' : i < 22 ? 'central' : 'south';
  };
  const leaves: GenerateUnit[] = units
    .filter((u) => u.level > 1 && !parents.has(u.id))
    .map((u) => ({ id: u.id, parentId: u.parentId, region: regionOf(u.id) }));
  const today = todayIn(deps.clock);

  const g0 = performance.now();
  let done = 0;
  let events = 0;
  for (let i = 0; done < count; i++) {
    const r = await inTenant(deps.db.app, tree.associationId, (tx) =>
      generateMembers(tx, {
        associationId: tree.associationId,
        units: leaves,
        count: Math.min(PER_TX, count - done),
        seed: `bench-${i}`,
        today,
        options: { actorName: 'bench' },
      }),
    );
    done += r.memberships;
    events += r.events;
    if (i % 4 === 3 || done >= count)
      console.log(
        `[${engine}] ${done} members (${events} events) in ${((performance.now() - g0) / 1000).toFixed(0)} s`,
      );
  }
  const generateMs = performance.now() - g0;
  console.log(
    `[${engine}] ${done} members in ${leaves.length} units generated in ${(generateMs / 1000).toFixed(1)} s`,
  );
  // Measured as a database in service: vacuumed and analyzed, as autovacuum does on PostgreSQL
  // and the server's nightly upkeep on PGlite (db/maintenance.ts). Timed apart from generation.
  const v0 = performance.now();
  await vacuumDatabase(deps);
  // The bulk load leaves gigabytes of dirty pages: without a checkpoint here, the server writes
  // them out during the measurements (checkpoint_timeout is 5 minutes) and the writes land in
  // the tails. A database in service has long since written them.
  await sql`checkpoint`.execute(deps.db.system);
  console.log(`[${engine}] vacuum (analyze) and checkpoint in ${((performance.now() - v0) / 1000).toFixed(1)} s`);
  return { tree, leaves, members: done, events, generateMs };
}

/** The bench result line of a generation (members per transaction included). */
export function generationLabel(g: GeneratedMembers): string {
  return `generate ${g.members.toLocaleString('en')} members in ${g.leaves.length.toLocaleString('en')} units (bulk INSERT, one tx per ${PER_TX.toLocaleString('en')})`;
}
