import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../platform/errors.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is single-process: whoever opens the data directory holds `hoi.lock` in it. A stale
 * lock (its process is gone, e.g. after kill -9) is taken over.
 */
export function acquireDataDirLock(dataDir: string, holder: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'hoi.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid, holder, since: new Date().toISOString() }), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const cur = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number };
          if (cur.pid === process.pid) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let cur: { pid?: number; holder?: string } = {};
      try {
        cur = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: number; holder?: string };
      } catch {
        /* unreadable: treat as stale */
      }
      if (cur.pid && cur.pid !== process.pid && isAlive(cur.pid)) {
        throw new AppError('DATABASE_LOCKED', { pid: cur.pid, holder: cur.holder, lockFile: file });
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError('DATABASE_LOCKED', { lockFile: file });
}
