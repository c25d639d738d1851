import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Database } from '../../db/engine.js';
import { AppError } from '../../platform/errors.js';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  encodeRow,
  scanBackup,
  TableDigest,
  type BackupHeader,
  type BackupTableHeader,
  type BackupTrailer,
  type RowValues,
} from './backup-format.js';
import * as repo from './backup.repo.js';
import type { CatalogTable, ColumnInfo, RawExecutor } from './backup.repo.js';

/** Rows per keyset page when reading, and per INSERT when restoring. */
const PAGE_SIZE = 5000;

export interface BackupOptions {
  /** Rows per keyset page (tests use a tiny page to cross page boundaries). */
  pageSize?: number;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  createdAt: string;
  engine: Database['kind'];
  /** Rows per table, in restore order. */
  rowCounts: Record<string, number>;
  totalRows: number;
  /** SHA-256 of the uncompressed content before the trailer. */
  totalSha256: string;
}

export interface RestoreSummary {
  /** When and where the backup was taken. */
  backupCreatedAt: string;
  sourceEngine: string;
  /** Rows inserted per table, in restore order. */
  rowCounts: Record<string, number>;
  totalRows: number;
}

/**
 * Writes a logical, checksummed backup of every application table (format: backup-format.ts).
 * Reads one consistent snapshot (a repeatable-read, read-only transaction on the owner
 * connection) page by page, so memory stays flat; on PGlite that transaction holds the single
 * connection, so other requests wait until the backup ends. The file appears (renamed from a
 * temporary sibling, after fsync) only when complete.
 *
 * @example
 *   const summary = await backupToFile(db, '/var/backups/hoi-2025-07-01.jsonl.gz');
 */
export async function backupToFile(
  db: Database,
  file: string,
  opts: BackupOptions = {},
): Promise<BackupSummary> {
  const pageSize = opts.pageSize ?? PAGE_SIZE;
  const target = path.resolve(file);
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(6).toString('hex')}.partial`,
  );
  try {
    const result = await inSnapshot(db, async (tx) => {
      const tables = orderByDependencies(await repo.readCatalog(tx));
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        engine: db.kind,
        serverVersion: await repo.serverVersion(tx),
        migrations: await repo.appliedMigrations(tx),
        tables: tables.map(toHeader),
      };
      const totalDigest = new TableDigest();
      const trailer: BackupTrailer = { trailer: true, rowCounts: {}, sha256: {}, totalSha256: '' };
      async function* content() {
        const headerLine = JSON.stringify(header);
        totalDigest.add(headerLine);
        yield `${headerLine}\n`;
        for (const table of tables) {
          const digest = new TableDigest();
          for await (const lines of tableLines(tx, table, pageSize)) {
            for (const line of lines) {
              digest.add(line);
              totalDigest.add(line);
            }
            yield `${lines.join('\n')}\n`;
          }
          trailer.rowCounts[table.name] = digest.rows;
          trailer.sha256[table.name] = digest.hex();
        }
        trailer.totalSha256 = totalDigest.hex();
        yield `${JSON.stringify(trailer)}\n`;
      }
      await pipeline(
        Readable.from(content()),
        createGzip(),
        // Backups hold password hashes, TOTP secrets and personal data: owner-only.
        createWriteStream(temp, { flags: 'wx', mode: 0o600 }),
      );
      return { header, trailer };
    });
    await fsyncPath(temp);
    await fsp.rename(temp, target);
    await fsyncPath(path.dirname(target)).catch(() => undefined);
    const { size } = await fsp.stat(target);
    return {
      file: target,
      bytes: size,
      createdAt: result.header.createdAt,
      engine: db.kind,
      rowCounts: result.trailer.rowCounts,
      totalRows: sum(result.trailer.rowCounts),
      totalSha256: result.trailer.totalSha256,
    };
  } finally {
    await fsp.rm(temp, { force: true });
  }
}

/**
 * Restores a backup into an empty, migrated database (on PGlite or a server, whichever engine
 * took the backup). The whole file is verified before anything is written, then every row goes
 * in through ONE transaction on the owner connection: identity values are kept (`overriding
 * system value`) and their sequences moved past the restored maximum.
 *
 * Throws BACKUP_INVALID (damaged, truncated or altered file; a backup from a newer schema) or
 * RESTORE_TARGET_NOT_EMPTY; in both cases nothing is written.
 *
 * @example
 *   const db = await openDatabase({ databaseUrl: null, dataDir: './data/pglite' }); // migrates
 *   await restoreFromFile(db, 'hoi-2025-07-01.jsonl.gz');
 */
export async function restoreFromFile(
  db: Database,
  file: string,
  opts: BackupOptions = {},
): Promise<RestoreSummary> {
  const batchSize = opts.pageSize ?? PAGE_SIZE;
  const verified = await scanBackup(file);
  const { header } = verified;
  return db.system
    .withoutPlugins()
    .transaction()
    .execute(async (tx) => {
      await repo.pinTextSettings(tx);
      const catalog = new Map((await repo.readCatalog(tx)).map((t) => [t.name, t]));
      await repo.lockForRestore(tx, [...catalog.keys()]);
      const targets = await matchTargetTables(tx, header, catalog);
      const filled = await repo.nonEmptyTables(tx, [...catalog.keys()]);
      if (filled.length > 0) throw new AppError('RESTORE_TARGET_NOT_EMPTY', { tables: filled });

      const rowCounts: Record<string, number> = Object.fromEntries(
        header.tables.map((t) => [t.name, 0]),
      );
      let batch: RowValues[] = [];
      let stage: string | null = null;
      // The second scan re-verifies everything; a file swapped since the first one fails here.
      const targetOf = (t: BackupTableHeader) => {
        const target = targets.get(t.name);
        if (!target)
          throw new AppError('BACKUP_INVALID', { reason: 'the file changed during the restore' });
        return target;
      };
      const flush = async (t: BackupTableHeader) => {
        const { table, columns } = targetOf(t);
        if (table.isSelfReferencing && !stage) stage = await repo.createStage(tx, t.name, columns);
        const into = stage ? { table: stage, temp: true } : { table: t.name, temp: false };
        await repo.insertRows(tx, into, columns, batch);
        rowCounts[t.name] = (rowCounts[t.name] ?? 0) + batch.length;
        batch = [];
      };
      const { trailer } = await scanBackup(file, {
        async onRow(t, row) {
          batch.push(row);
          if (batch.length >= batchSize) await flush(t);
        },
        async onTableEnd(t) {
          await flush(t);
          const { table, columns } = targetOf(t);
          if (stage) await repo.moveStage(tx, stage, t.name, columns);
          stage = null;
          await repo.resetSequences(tx, table);
        },
      });
      if (trailer.totalSha256 !== verified.trailer.totalSha256) {
        throw new AppError('BACKUP_INVALID', { reason: 'the file changed during the restore' });
      }
      return {
        backupCreatedAt: header.createdAt,
        sourceEngine: header.engine,
        rowCounts,
        totalRows: sum(rowCounts),
      };
    });
}

/**
 * Row count and SHA-256 of every application table, computed exactly as a backup's trailer
 * (primary-key order, canonical text): equal results mean equal content, across engines.
 *
 * @example
 *   expect(await tableChecksums(restored)).toEqual(await tableChecksums(source));
 */
export async function tableChecksums(
  db: Database,
  opts: BackupOptions = {},
): Promise<Record<string, { rows: number; sha256: string }>> {
  return inSnapshot(db, async (tx) => {
    const result: Record<string, { rows: number; sha256: string }> = {};
    for (const table of orderByDependencies(await repo.readCatalog(tx))) {
      const digest = new TableDigest();
      for await (const lines of tableLines(tx, table, opts.pageSize ?? PAGE_SIZE)) {
        for (const line of lines) digest.add(line);
      }
      result[table.name] = { rows: digest.rows, sha256: digest.hex() };
    }
    return result;
  });
}

/** A repeatable-read, read-only transaction with the text settings pinned. */
async function inSnapshot<T>(db: Database, fn: (tx: RawExecutor) => Promise<T>): Promise<T> {
  return db.system
    .withoutPlugins()
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      await repo.setReadOnly(tx);
      await repo.pinTextSettings(tx);
      return fn(tx);
    });
}

/** Encoded row lines of one table, a keyset page at a time. */
async function* tableLines(
  tx: RawExecutor,
  table: CatalogTable,
  pageSize: number,
): AsyncGenerator<string[]> {
  if (table.primaryKey.length === 0) {
    throw new Error(`Table ${table.name} has no primary key; a backup pages through primary keys`);
  }
  const pkIndexes = table.primaryKey.map((k) => table.columns.findIndex((c) => c.name === k));
  let after: string[] | null = null;
  for (;;) {
    const page = await repo.readPage(tx, table, after, pageSize);
    if (page.length === 0) return;
    yield page.map((values) => encodeRow(table.name, table.columns, values));
    if (page.length < pageSize) return;
    const last = page[page.length - 1]!;
    after = pkIndexes.map((i) => last[i]!);
  }
}

/**
 * Parents before children (Kahn's algorithm, ties by name so the order is stable).
 * Self-references are handled at restore time (staging), cycles between tables are refused.
 */
export function orderByDependencies(tables: readonly CatalogTable[]): CatalogTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const ordered: CatalogTable[] = [];
  while (ordered.length < tables.length) {
    const ready = tables
      .filter((t) => !done.has(t.name) && t.references.every((r) => done.has(r) || !byName.has(r)))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const next = ready[0];
    if (!next) {
      const left = tables.filter((t) => !done.has(t.name)).map((t) => t.name);
      throw new Error(`Foreign keys form a cycle between tables: ${left.join(', ')}`);
    }
    done.add(next.name);
    ordered.push(next);
  }
  return ordered;
}

function toHeader(t: CatalogTable): BackupTableHeader {
  return {
    name: t.name,
    columns: t.columns.map((c) => ({ name: c.name, type: c.type })),
    primaryKey: t.primaryKey,
  };
}

/**
 * The target must have applied every migration of the backup and know each of its tables and
 * columns (it may have more: they take their defaults). Returns the target's columns per table.
 */
async function matchTargetTables(
  tx: RawExecutor,
  header: BackupHeader,
  catalog: Map<string, CatalogTable>,
): Promise<Map<string, { table: CatalogTable; columns: ColumnInfo[] }>> {
  const applied = new Set(await repo.appliedMigrations(tx));
  const missing = header.migrations.filter((m) => !applied.has(m));
  if (missing.length > 0) {
    throw new AppError('BACKUP_INVALID', {
      reason: `the backup comes from a newer schema; migrations not applied here: ${missing.join(', ')}`,
    });
  }
  const targets = new Map<string, { table: CatalogTable; columns: ColumnInfo[] }>();
  for (const t of header.tables) {
    const table = catalog.get(t.name);
    if (!table) {
      throw new AppError('BACKUP_INVALID', {
        reason: `the target database has no table ${t.name}`,
      });
    }
    const columns: ColumnInfo[] = [];
    for (const c of t.columns) {
      const column = table.columns.find((x) => x.name === c.name);
      if (!column) {
        throw new AppError('BACKUP_INVALID', {
          reason: `the target database has no column ${t.name}.${c.name}`,
        });
      }
      columns.push(column);
    }
    targets.set(t.name, { table, columns });
  }
  return targets;
}

async function fsyncPath(p: string) {
  const handle = await fsp.open(p, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
