import { openDatabase } from '../../apps/server/src/db/engine.js';
import { readConfig } from '../../apps/server/src/platform/config.js';
import { cliActor } from '../../apps/server/src/platform/actor.js';
import { mergeUnits } from '../../apps/server/src/modules/units/units.service.js';
import { generateTree } from './tree-data.js';

const db = await openDatabase({ databaseUrl: process.env.PROFILE_DB ?? null, dataDir: null });
const deps = { db, clock: { now: () => new Date() }, config: readConfig({}) };
const tree = await generateTree(deps, 20_000, 5_000);
const pgl = db.pglite;
if (pgl) {
  const orig = pgl.query.bind(pgl);
  pgl.query = (async (q: string, p?: unknown[]) => {
    const t0 = performance.now();
    const r = await orig(q, p);
    const dt = performance.now() - t0;
    if (dt > 5) console.log(dt.toFixed(1), q.replace(/\s+/g, ' ').slice(0, 150));
    return r;
  }) as typeof pgl.query;
}
const t0 = performance.now();
await mergeUnits(deps, cliActor(tree.associationId), { sourceIds: tree.bigCommunes, target: { code: 'BIG-MERGED', name: 'Xã Hợp Nhất', parentId: tree.provinces[0]! } });
console.log('merge total', (performance.now() - t0).toFixed(1));
await db.close();
