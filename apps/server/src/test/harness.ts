import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database } from '../db/engine.js';
import { buildApp, type RegisteredRoute } from '../http/app.js';
import type { Clock } from '../platform/clock.js';
import { readConfig } from '../platform/config.js';
import type { Deps } from '../platform/deps.js';

/**
 * The integration-test database: PGlite in memory by default, or the PostgreSQL server named by
 * HOI_TEST_DATABASE_URL (CI's second lane). Tests never truncate: each builds its own association.
 */
export async function openTestDatabase(): Promise<Database> {
  const url = process.env.HOI_TEST_DATABASE_URL;
  return openDatabase({ databaseUrl: url && url.length > 0 ? url : null, dataDir: null });
}

export interface TestContext {
  deps: Deps;
  app: FastifyInstance;
  routes: RegisteredRoute[];
  close(): Promise<void>;
}

/** A settable clock for tests that travel in time. */
export function testClock(start = new Date()): Clock & { set(d: Date | string): void } {
  let now = start;
  return {
    now: () => now,
    set(d) {
      now = typeof d === 'string' ? new Date(d) : d;
    },
  };
}

export async function createTestContext(opts: { clock?: Clock } = {}): Promise<TestContext> {
  const db = await openTestDatabase();
  const deps: Deps = {
    db,
    clock: opts.clock ?? { now: () => new Date() },
    // Files a test makes the server keep (import uploads) go to a directory of its own.
    config: {
      ...readConfig({}),
      sessionHours: 12,
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-test-')),
    },
  };
  const { app, routes } = await buildApp(deps, { serveWeb: false });
  await app.ready();
  return {
    deps,
    app,
    routes,
    async close() {
      await app.close();
      await db.close();
      fs.rmSync(deps.config.dataDir, { recursive: true, force: true });
    },
  };
}
