/**
 * `npm run bench`: the foundation's speed targets on generated data, on PGlite and (when a
 * server is reachable) on PostgreSQL. Results print as a table and go to bench/results/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../apps/server/src/db/engine.js';
import { readConfig } from '../../apps/server/src/platform/config.js';
import type { Deps } from '../../apps/server/src/platform/deps.js';
import { benchTree } from './tree.bench.js';
import { benchMembers } from './members.bench.js';
import { benchExport } from './export.bench.js';
import { benchImport } from './import.bench.js';
import { benchStartup } from './startup.bench.js';
import { benchCases } from './cases.bench.js';
import { benchReports } from './reports.bench.js';

export interface Result {
  engine: string;
  name: string;
  target: string;
  value: string;
  ok: boolean;
}

async function serverUrl(): Promise<string | null> {
  if (process.env.BENCH_ENGINE === 'pglite') return null;
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@localhost:5432/postgres';
  const client = new pg.Client({ connectionString: base });
  try {
    await client.connect();
    const name = `hoi_bench_${Date.now()}`;
    await client.query(`create database ${name}`);
    await client.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    return u.toString();
  } catch (e) {
    console.log(`PostgreSQL không sẵn sàng / not reachable (${(e as Error).message}); chỉ đo PGlite / PGlite only`);
    return null;
  }
}

/** BENCH_ENGINE=pglite or =postgres measures one engine only (default: both). */
const ENGINE = process.env.BENCH_ENGINE ?? 'both';

async function withEngine(
  url: string | null,
  fn: (deps: Deps) => Promise<Result[]>,
  opts: { onDisk?: boolean } = {},
): Promise<Result[]> {
  if (ENGINE !== 'both' && ENGINE !== (url ? 'postgres' : 'pglite')) return [];
  // On disk, as `npm start` runs it, when the figure is memory: in memory, the embedded
  // database's own pages would count as the process's resident memory.
  const dir = opts.onDisk && !url ? fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-bench-db-')) : null;
  const db = await openDatabase({ databaseUrl: url, dataDir: dir ? path.join(dir, 'pgdata') : null });
  try {
    return await fn({ db, clock: { now: () => new Date() }, config: readConfig({}) });
  } finally {
    await db.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

const only = process.argv.slice(2);
const results: Result[] = [];
if (only.length === 0 || only.includes('tree')) {
  results.push(...(await withEngine(null, benchTree)));
  const url = await serverUrl();
  if (url) results.push(...(await withEngine(url, benchTree)));
}
if (only.length === 0 || only.includes('members')) {
  results.push(...(await withEngine(null, benchMembers)));
  const url = await serverUrl();
  if (url) results.push(...(await withEngine(url, benchMembers)));
}
if (only.length === 0 || only.includes('export')) {
  results.push(...(await withEngine(null, benchExport)));
  const url = await serverUrl();
  if (url) results.push(...(await withEngine(url, benchExport)));
}
if (only.length === 0 || only.includes('import')) {
  results.push(...(await withEngine(null, benchImport, { onDisk: true })));
  const url = await serverUrl();
  if (url) results.push(...(await withEngine(url, benchImport)));
}
if (only.length === 0 || only.includes('cases')) {
  results.push(...(await withEngine(null, benchCases)));
  const url = await serverUrl();
  if (url) results.push(...(await withEngine(url, benchCases)));
}
if (only.length === 0 || only.includes('reports')) {
  results.push(...(await withEngine(null, benchReports)));
  const url = await serverUrl();
  if (url) results.push(...(await withEngine(url, benchReports)));
}
if (only.length === 0 || only.includes('startup')) results.push(...(await benchStartup()));

console.log('\n| engine | measure | target | measured | ok |\n|---|---|---|---|---|');
for (const r of results) console.log(`| ${r.engine} | ${r.name} | ${r.target} | ${r.value} | ${r.ok ? 'yes' : 'NO'} |`);
const dir = path.join(import.meta.dirname, '..', 'results');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2));
process.exit(results.every((r) => r.ok) ? 0 : 1);
