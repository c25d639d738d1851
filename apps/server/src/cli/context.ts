import path from 'node:path';
import { openDatabase } from '../db/engine.js';
import { systemClock } from '../platform/clock.js';
import { readConfig, type Config } from '../platform/config.js';
import type { Deps } from '../platform/deps.js';
import { acquireDataDirLock } from './lock.js';

/** Opens the configured database for one CLI command (taking the embedded engine's lock). */
export async function openCliDeps(holder: string, opts: { migrate?: boolean } = {}): Promise<Deps & { close(): Promise<void> }> {
  const config: Config = readConfig();
  const release = config.databaseUrl ? () => {} : acquireDataDirLock(config.dataDir, holder);
  try {
    const db = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.databaseUrl ? null : path.join(config.dataDir, 'pgdata'),
      migrate: opts.migrate !== false,
    });
    return {
      db,
      clock: systemClock,
      config,
      async close() {
        await db.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
