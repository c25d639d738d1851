import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Result } from './run.js';

const root = path.resolve(import.meta.dirname, '..', '..');

async function waitForHealth(port: number, child: ChildProcess, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) return performance.now() - t0;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('health timeout');
}

/** Stops `npm start` and everything under it (npm → node start.mjs → hoi serve). */
async function stop(child: ChildProcess, port: number) {
  if (child.pid) process.kill(-child.pid, 'SIGTERM');
  await new Promise((r) => child.once('exit', r));
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/api/health`);
      await new Promise((r) => setTimeout(r, 100));
    } catch {
      return;
    }
  }
  throw new Error('the server did not stop');
}

/**
 * `npm start` on a fresh data directory with the web build removed (first start: build, migrate,
 * seed), then a restart on the same data directory.
 */
export async function benchStartup(): Promise<Result[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-bench-start-'));
  const dist = path.join(root, 'apps/web/dist');
  const saved = `${dist}.bench-saved`;
  if (fs.existsSync(dist)) fs.renameSync(dist, saved);
  const port = 18000 + Math.floor(Math.random() * 1000);
  const env = { ...process.env, PORT: String(port), HOI_DATA_DIR: dataDir, HOI_ADMIN_PASSWORD: 'bench-admin-password' };
  const out: Result[] = [];
  try {
    const first = spawn('npm', ['start'], { cwd: root, env, stdio: 'ignore', detached: true });
    const firstMs = await waitForHealth(port, first, 180_000);
    await stop(first, port);
    out.push({ engine: 'pglite', name: '`npm start` first start (web build + migrate + demo seed) → /api/health', target: '≤ 60 s', value: `${(firstMs / 1000).toFixed(1)} s`, ok: firstMs <= 60_000 });
    const second = spawn('npm', ['start'], { cwd: root, env, stdio: 'ignore', detached: true });
    const secondMs = await waitForHealth(port, second, 60_000);
    await stop(second, port);
    out.push({ engine: 'pglite', name: 'restart → /api/health', target: '≤ 10 s', value: `${(secondMs / 1000).toFixed(1)} s`, ok: secondMs <= 10_000 });
  } finally {
    if (!fs.existsSync(dist) && fs.existsSync(saved)) fs.renameSync(saved, dist);
    else fs.rmSync(saved, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return out;
}
