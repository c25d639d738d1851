import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/engine.js';
import { migrations } from '../../db/migrations/index.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { verifyAudit } from '../audit/audit.service.js';
import { AWKWARD, FILLED_TABLES, fillSource, SETTINGS } from './backup.fixture.js';
import { backupToFile, restoreFromFile, tableChecksums } from './backup.service.js';

const SLOW = { timeout: 120_000 };
const serverUrl = process.env.HOI_TEST_DATABASE_URL || null;

async function expectAppError(p: Promise<unknown>, code: string): Promise<AppError> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

function isEmpty(sums: Record<string, { rows: number }>) {
  return Object.values(sums).every((t) => t.rows === 0);
}

const openPGlite = () => openDatabase({ databaseUrl: null, dataDir: null });

/** A fresh, migrated database on the test server, dropped afterwards (restores need an empty target). */
async function withServerDatabase<T>(url: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const name = `hoi_restore_${newId().replaceAll('-', '').slice(-16)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    const db = await openDatabase({ databaseUrl: dbUrl.toString(), dataDir: null });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  } finally {
    // pg's Pool.end() resolves before the server backends have exited; forcing them out would
    // reach the closing clients as an uncaught error, so wait for them to go first.
    for (let i = 0; i < 50; i++) {
      const { rows } = await admin.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where datname = $1',
        [name],
      );
      if (rows[0]?.n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await admin.query(`drop database if exists ${name}`);
    await admin.end();
  }
}

describe('backup and restore', () => {
  let dir: string;
  let source: Database;
  let empty: Database;
  let file: string;
  let sourceSums: Record<string, { rows: number; sha256: string }>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-backup-'));
    [source, empty] = await Promise.all([openPGlite(), openPGlite()]);
    await fillSource(source);
    file = path.join(dir, 'source.jsonl.gz');
    // A tiny page makes every table cross keyset page boundaries.
    await backupToFile(source, file, { pageSize: 2 });
    sourceSums = await tableChecksums(source);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([source?.close(), empty?.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'writes a header, one line per row and a trailer whose checksums match the tables',
    SLOW,
    () => {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const lines = gunzipSync(fs.readFileSync(file)).toString('utf8').trimEnd().split('\n');
      const header = JSON.parse(lines[0]!);
      const trailer = JSON.parse(lines[lines.length - 1]!);
      expect(header).toMatchObject({
        format: 'hoi-backup',
        formatVersion: 1,
        engine: 'pglite',
        migrations: Object.keys(migrations),
      });
      const order: string[] = header.tables.map((t: { name: string }) => t.name);
      expect(order).not.toContain('kysely_migration');
      expect(order.indexOf('associations')).toBeLessThan(order.indexOf('units'));
      expect(order.indexOf('units')).toBeLessThan(order.indexOf('unit_parents'));
      expect(order.indexOf('users')).toBeLessThan(order.indexOf('role_assignments'));
      // The reports_vals trigger adds missing slot keys: restored slots must come first.
      expect(order.indexOf('report_slots')).toBeLessThan(order.indexOf('reports'));
      for (const table of FILLED_TABLES) expect(sourceSums[table]?.rows, table).toBeGreaterThan(0);
      for (const [table, { rows, sha256 }] of Object.entries(sourceSums)) {
        expect(trailer.rowCounts[table]).toBe(rows);
        expect(trailer.sha256[table]).toBe(sha256);
      }
      expect(lines).toHaveLength(2 + Object.values(sourceSums).reduce((a, t) => a + t.rows, 0));
      const unit = lines
        .map((l) => JSON.parse(l))
        .find((l) => l.t === 'units' && l.r.code === 'TW');
      const rootPath = lines
        .map((l) => JSON.parse(l))
        .find((l) => l.t === 'unit_paths' && l.r.unit_id === unit.r.id);
      expect(rootPath.r.path).toBe('r');
      expect(unit.r).toMatchObject({
        parent_id: null,
        valid_to: 'infinity',
        version: '1',
      });
    },
  );

  it('restores into an empty PGlite database with identical content', SLOW, async () => {
    const target = await openPGlite();
    try {
      const summary = await restoreFromFile(target, file, { pageSize: 2 });
      expect(summary.rowCounts).toEqual(
        Object.fromEntries(Object.entries(sourceSums).map(([t, v]) => [t, v.rows])),
      );
      expect(await tableChecksums(target)).toEqual(sourceSums);
      expect(await tableChecksums(target, { pageSize: 3 })).toEqual(sourceSums);
      expect((await verifyAudit(target.system)).ok).toBe(true);

      const association = await target.system
        .selectFrom('associations')
        .selectAll()
        .where('name', '=', AWKWARD)
        .executeTakeFirstOrThrow();
      expect(association.tags).toEqual(['a,b', 'trích "dẫn"', 'back\\slash', '', 'NULL', '{}']);
      const settings = await sql<{
        text: string;
      }>`select settings::text as text from associations where id = ${association.id}`.execute(
        target.system,
      );
      expect(settings.rows[0]?.text).toBe(SETTINGS);

      // Identity values are kept (with their gap) and the sequences continue after the maximum.
      const before = await target.system
        .selectFrom('units')
        .select((eb) => eb.fn.max('node').as('max'))
        .executeTakeFirstOrThrow();
      const root = await target.system
        .selectFrom('units')
        .selectAll()
        .where('code', '=', 'TW')
        .executeTakeFirstOrThrow();
      const added = await target.system
        .insertInto('units')
        .values({
          associationId: root.associationId,
          id: newId(),
          code: 'NEW',
          name: 'Mới',
          level: 1,
          parentId: root.id,
          validFrom: '2025-07-01',
        })
        .returning('node')
        .executeTakeFirstOrThrow();
      expect(added.node).toBe(Number(before.max) + 1);
    } finally {
      await target.close();
    }
  });

  it(
    'refuses a damaged gzip stream, a truncated file and an altered row, writing nothing',
    SLOW,
    async () => {
      const bytes = fs.readFileSync(file);
      const flipped = Buffer.from(bytes);
      const mid = Math.floor(flipped.length / 2);
      flipped[mid] = flipped[mid]! ^ 0xff;
      const altered = gunzipSync(bytes)
        .toString('utf8')
        .replace('Nguyễn Văn Hùng', 'Nguyễn Văn Hưng');
      const variants: Record<string, Buffer> = {
        flipped,
        truncated: bytes.subarray(0, mid),
        altered: gzipSync(altered),
        'no trailer': gzipSync(altered.split('\n').slice(0, -2).join('\n') + '\n'),
        'not a backup': gzipSync('{"hello":"world"}\n'),
        'not gzip': Buffer.from('plain text'),
      };
      for (const [name, content] of Object.entries(variants)) {
        const bad = path.join(dir, `${name}.jsonl.gz`);
        fs.writeFileSync(bad, content);
        const e = await expectAppError(restoreFromFile(empty, bad), 'BACKUP_INVALID');
        expect((e.details as { reason: string }).reason, name).toBeTypeOf('string');
      }
      expect(isEmpty(await tableChecksums(empty))).toBe(true);
    },
  );

  it('refuses a backup from a newer schema, writing nothing', SLOW, async () => {
    const lines = gunzipSync(fs.readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const header = JSON.parse(lines[0]!);
    header.migrations.push('9999-from-the-future');
    lines[0] = JSON.stringify(header);
    // Re-hashed, so only the schema check can refuse it.
    const trailer = JSON.parse(lines.pop()!);
    trailer.totalSha256 = createHash('sha256')
      .update(lines.map((l) => `${l}\n`).join(''))
      .digest('hex');
    const newer = path.join(dir, 'newer.jsonl.gz');
    fs.writeFileSync(newer, gzipSync(`${[...lines, JSON.stringify(trailer)].join('\n')}\n`));
    const e = await expectAppError(restoreFromFile(empty, newer), 'BACKUP_INVALID');
    expect((e.details as { reason: string }).reason).toContain('9999-from-the-future');
    expect(isEmpty(await tableChecksums(empty))).toBe(true);
  });

  it('refuses a target that already holds data', SLOW, async () => {
    const e = await expectAppError(restoreFromFile(source, file), 'RESTORE_TARGET_NOT_EMPTY');
    expect((e.details as { tables: string[] }).tables).toContain('units');
    expect(await tableChecksums(source)).toEqual(sourceSums);
  });

  it('leaves no partial file behind when the backup fails', SLOW, async () => {
    const missingDir = path.join(dir, 'no-such-dir', 'x.jsonl.gz');
    await expect(backupToFile(source, missingDir)).rejects.toThrow();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  describe.skipIf(!serverUrl)('across engines (PostgreSQL server)', () => {
    it('restores a PGlite backup into PostgreSQL', SLOW, async () => {
      await withServerDatabase(serverUrl!, async (server) => {
        await restoreFromFile(server, file);
        expect(await tableChecksums(server)).toEqual(sourceSums);
        expect((await verifyAudit(server.system)).ok).toBe(true);
      });
    });

    it('restores a PostgreSQL backup into PGlite', SLOW, async () => {
      await withServerDatabase(serverUrl!, async (server) => {
        await fillSource(server);
        const fromServer = path.join(dir, 'server.jsonl.gz');
        const summary = await backupToFile(server, fromServer, { pageSize: 2 });
        expect(summary.engine).toBe('postgres');
        const target = await openPGlite();
        try {
          await restoreFromFile(target, fromServer);
          expect(await tableChecksums(target)).toEqual(await tableChecksums(server));
          expect((await verifyAudit(target.system)).ok).toBe(true);
        } finally {
          await target.close();
        }
      });
    });
  });
});
