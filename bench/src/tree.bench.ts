import { buildApp } from '../../apps/server/src/http/app.js';
import { inTenant } from '../../apps/server/src/db/engine.js';
import type { Deps } from '../../apps/server/src/platform/deps.js';
import { newId } from '../../apps/server/src/platform/ids.js';
import { cliActor } from '../../apps/server/src/platform/actor.js';
import { clearTreeCache } from '../../apps/server/src/modules/units/tree-cache.js';
import { clearTreeHistories } from '../../apps/server/src/modules/units/tree-history.js';
import { mergeUnits } from '../../apps/server/src/modules/units/units.service.js';
import { openSession, sessionFor } from '../../apps/server/src/test/factories.js';
import type { Result } from './run.js';
import { socketClient } from './socket-client.js';
import { ms, timeIt } from './stats.js';
import { generateTree } from './tree-data.js';

/** Subtree listing, tree as of a date and a big merge, on a generated 20,000-unit tree. */
export async function benchTree(deps: Deps): Promise<Result[]> {
  const engine = deps.db.kind;
  const t0 = performance.now();
  const tree = await generateTree(deps, 20_000, 5_000);
  console.log(`[${engine}] ${tree.units} units generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const { app } = await buildApp(deps, { serveWeb: false });
  await app.ready();
  const adminUser = await makeAdmin(deps, tree.associationId, tree.rootId);
  const admin = await sessionFor(app, deps, adminUser);
  const out: Result[] = [];
  const pick = <T,>(xs: T[], i: number) => xs[(i * 7919) % xs.length]!;

  const children = await timeIt(100, async (i) => {
    const r = await admin.get(`/api/units?parentId=${pick(tree.provinces, i)}&limit=100`);
    if (r.statusCode !== 200) throw new Error(r.body);
  });
  out.push({ engine, name: 'children page of a province (HTTP, 100 rows)', target: 'p95 ≤ 50 ms', value: `p50 ${ms(children.p50)}, p95 ${ms(children.p95)}`, ok: children.p95 <= 50 });

  // Today's subtree of a province, uncached (the cache is emptied before each request).
  const subtree = await timeIt(100, async (i) => {
    clearTreeCache();
    const r = await admin.get(`/api/units/tree?rootId=${pick(tree.provinces.slice(2), i)}`);
    if (r.statusCode !== 200) throw new Error(r.body);
  });
  out.push({ engine, name: 'whole province subtree today (HTTP, ~590 units)', target: 'p95 ≤ 50 ms', value: `p50 ${ms(subtree.p50)}, p95 ${ms(subtree.p95)}`, ok: subtree.p95 <= 50 });

  const search = await timeIt(100, async (i) => {
    const r = await admin.get(`/api/units?q=${encodeURIComponent(['dong hung', 'thon phu loi', 'xa minh', 'p12-x3', 'vinh thanh'][i % 5]!)}&limit=50`);
    if (r.statusCode !== 200) throw new Error(r.body);
  });
  out.push({ engine, name: 'unit search without diacritics (HTTP, 50 rows)', target: 'p95 ≤ 50 ms', value: `p50 ${ms(search.p50)}, p95 ${ms(search.p95)}`, ok: search.p95 <= 50 });

  // The whole tree (3.3 MB) over a real socket (decision 77): cold, every request a date not
  // asked before (the view is built from the tree's history in memory, decision 69); after a
  // tree change the history itself is reloaded first (the first request after every change pays
  // it); repeated, the same few dates again (view cache). The same cold measure through
  // `app.inject` is reported after the province lines.
  const day = (i: number) => new Date(Date.UTC(2020, 1, 1) + i * 86_400_000 * 11).toISOString().slice(0, 10);
  const socket = await socketClient(app, (await openSession(deps, adminUser)).token);
  const wholeTree = async (asOf: string) => {
    const r = await socket.get(`/api/units/tree?asOf=${asOf}`);
    if (r.statusCode !== 200 || r.bytes < 1_000_000) throw new Error(`${r.statusCode} ${r.bytes} bytes ${r.text}`);
  };
  const asOfCold = await timeIt(50, async (i) => {
    clearTreeCache();
    await wholeTree(day(i + 10));
  }, 3);
  out.push({ engine, name: 'whole tree as of a past date, first request per date (20,000 nodes, socket)', target: 'p95 ≤ 100 ms', value: `p50 ${ms(asOfCold.p50)}, p95 ${ms(asOfCold.p95)}`, ok: asOfCold.p95 <= 100 });
  const asOfReload = await timeIt(20, async (i) => {
    clearTreeCache();
    clearTreeHistories();
    await wholeTree(day(i + 200));
  }, 2);
  out.push({ engine, name: 'whole tree as of a past date, first request after a tree change (history loaded, socket)', target: 'report', value: `p50 ${ms(asOfReload.p50)}, p95 ${ms(asOfReload.p95)}`, ok: true });
  const asOfWarm = await timeIt(30, async (i) => {
    await wholeTree(i % 2 ? '2023-01-01' : '2024-01-01');
  }, 3);
  out.push({ engine, name: 'whole tree as of a past date, repeated dates (cached view, socket)', target: 'p95 ≤ 100 ms', value: `p50 ${ms(asOfWarm.p50)}, p95 ${ms(asOfWarm.p95)}`, ok: asOfWarm.p95 <= 100 });
  socket.close();

  const asOfProvince = await timeIt(100, async (i) => {
    clearTreeCache();
    const r = await admin.get(`/api/units/tree?asOf=${day(i + 100)}&rootId=${pick(tree.provinces, i)}`);
    if (r.statusCode !== 200) throw new Error(r.body);
  });
  out.push({ engine, name: 'province subtree as of a past date, first request per date', target: 'p95 ≤ 100 ms', value: `p50 ${ms(asOfProvince.p50)}, p95 ${ms(asOfProvince.p95)}`, ok: asOfProvince.p95 <= 100 });

  // Last of the as-of lines: its 3 MB strings per call are garbage the lines after it would pay.
  const asOfInject = await timeIt(50, async (i) => {
    clearTreeCache();
    const r = await admin.get(`/api/units/tree?asOf=${day(i + 300)}`);
    if (r.statusCode !== 200) throw new Error(r.body);
  }, 3);
  out.push({ engine, name: 'whole tree, first request per date, through app.inject (copies and decodes the body in process)', target: 'report', value: `p50 ${ms(asOfInject.p50)}, p95 ${ms(asOfInject.p95)}`, ok: true });

  const m0 = performance.now();
  await mergeUnits(deps, cliActor(tree.associationId), { sourceIds: tree.bigCommunes, target: { code: 'BIG-MERGED', name: 'Xã Hợp Nhất', parentId: tree.provinces[0]! } });
  const mergeMs = performance.now() - m0;
  out.push({ engine, name: 'merge two communes of 5,000 descendants each', target: '≤ 1 s', value: ms(mergeMs), ok: mergeMs <= 1000 });
  await app.close();
  return out;
}

/** An association administrator of the generated tree (session opened directly). */
async function makeAdmin(deps: Deps, associationId: string, rootId: string): Promise<string> {
  const username = `bench.${newId().slice(-8)}`;
  await inTenant(deps.db.app, associationId, async (tx) => {
    const id = newId();
    await tx.insertInto('users').values({ associationId, id, username, displayName: 'Bench', email: null, phone: null, passwordHash: 'x' }).execute();
    await tx.insertInto('roleAssignments').values({ associationId, id: newId(), userId: id, role: 'association_admin', unitId: rootId, validFrom: '2020-01-01', validTo: null }).execute();
  });
  return username;
}
