/**
 * The `hoi` command end to end, as a user runs it: real processes on a real embedded database.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = path.resolve(import.meta.dirname, '../../bin/hoi.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-cli-'));
const env = { ...process.env, HOI_DATA_DIR: dataDir, HOI_ADMIN_PASSWORD: 'cli-admin-password', DATABASE_URL: '' };

function hoi(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('hoi CLI (embedded engine)', () => {
  it('migrates, seeds the demo, manages users, verifies the audit log, backs up and restores', () => {
    expect(hoi('migrate').code).toBe(0);
    const seed = hoi('seed', '--demo');
    expect(seed.code, seed.err).toBe(0);
    expect(seed.out).toContain('demo seeded');

    const created = hoi('user', 'create', '--association', 'HNCT-DEMO', '--unit', 'HN-00004', '--username', 'cli.user', '--name', 'Người dùng CLI', '--password', 'cli-password-123', '--role', 'data_entry_clerk');
    expect(created.code, created.err).toBe(0);
    const weak = hoi('user', 'create', '--association', 'HNCT-DEMO', '--username', 'cli.weak', '--name', 'Yếu', '--password', 'short', '--role', 'viewer');
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('PASSWORD_WEAK');
    const badRole = hoi('user', 'assign', 'cli.user', '--role', 'king', '--unit', 'HN');
    expect(badRole.code).toBe(1);
    expect(badRole.err).toContain('ROLE_UNKNOWN');
    expect(hoi('user', 'assign', 'cli.user', '--role', 'viewer', '--unit', 'HN').code).toBe(0);
    expect(hoi('user', 'reset-password', 'cli.user', '--password', 'cli-password-456').code).toBe(0);

    // The demo's members have years of history: every year's count base is built, once.
    const bases = hoi('counts', 'rebuild');
    expect(bases.code, bases.err).toBe(0);
    expect(Number(bases.out.match(/count bases built: (\d+)/)?.[1])).toBeGreaterThan(0);
    expect(hoi('counts', 'rebuild').out).toContain('count bases built: 0');

    const verify = hoi('audit', 'verify');
    expect(verify.code, verify.err).toBe(0);
    expect(JSON.parse(verify.out)).toMatchObject({ ok: true });

    const file = path.join(dataDir, 'backup.jsonl.gz');
    expect(hoi('backup', file).code).toBe(0);
    const restoreHere = hoi('restore', file);
    expect(restoreHere.code).toBe(1);
    expect(restoreHere.err).toContain('RESTORE_TARGET_NOT_EMPTY');
  }, 300_000);

  it('refuses to open the data directory while another process holds it', () => {
    fs.writeFileSync(path.join(dataDir, 'hoi.lock'), JSON.stringify({ pid: process.pid, holder: 'hoi serve' }));
    try {
      const r = hoi('audit', 'verify');
      expect(r.code).toBe(1);
      expect(r.err).toContain('DATABASE_LOCKED');
    } finally {
      fs.rmSync(path.join(dataDir, 'hoi.lock'));
    }
  }, 120_000);

  it('refuses a heap limit that is not a whole number of MB, before starting anything', () => {
    const r = spawnSync(process.execPath, [bin, 'migrate'], {
      env: { ...env, HOI_MAX_HEAP_MB: '1g', NODE_OPTIONS: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('HOI_MAX_HEAP_MB phải là số MB nguyên');
    expect(r.stderr).toContain('must be a whole number of MB');
  });

  it.runIf(process.platform === 'linux')(
    'runs under a V8 heap limit in a child of the launcher, which dies with it (kill -9)',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-launcher-'));
      const launcher = spawn(process.execPath, [bin, 'serve', '--no-demo'], {
        env: { ...env, HOI_DATA_DIR: dir, PORT: '0', HOI_MAX_HEAP_MB: '', NODE_OPTIONS: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        await new Promise<void>((resolve, reject) => {
          launcher.stdout.on('data', (d: Buffer) => {
            if (d.toString().includes('serving at')) resolve();
          });
          launcher.on('exit', (code) => reject(new Error(`launcher exited ${code}`)));
        });
        // Children of the launcher, from each process's parent id in /proc/<pid>/stat.
        const children = fs
          .readdirSync('/proc')
          .filter((d) => /^\d+$/.test(d))
          .filter((d) => {
            try {
              const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
              return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === launcher.pid;
            } catch {
              return false;
            }
          })
          .map(Number);
        expect(children).toHaveLength(1);
        const child = children[0]!;
        const argv = fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0');
        expect(argv).toContain('--max-old-space-size=1024');
        // The lock names the process that holds the database: the child.
        expect(JSON.parse(fs.readFileSync(path.join(dir, 'hoi.lock'), 'utf8')).pid).toBe(child);
        launcher.kill('SIGKILL');
        const alive = () => fs.existsSync(`/proc/${child}`) && !/State:\s+Z/.test(fs.readFileSync(`/proc/${child}/status`, 'utf8'));
        for (let i = 0; i < 40 && alive(); i++) await new Promise((r) => setTimeout(r, 50));
        expect(alive()).toBe(false);
      } finally {
        launcher.kill('SIGKILL');
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
