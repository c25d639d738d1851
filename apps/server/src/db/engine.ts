import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { CamelCasePlugin, Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { migrations } from './migrations/index.js';
import { ConnectionGate, PGliteDialect } from './pglite-dialect.js';
import type { DB } from './schema.js';

export type EngineKind = 'pglite' | 'postgres';
export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;

/**
 * An open database: `app` runs as the non-superuser role `hoi_app` under row-level security;
 * `system` runs as the owner for migrations, CLI maintenance, login look-ups and backups.
 */
export interface Database {
  kind: EngineKind;
  app: Db;
  system: Db;
  /** The raw PGlite instance (embedded engine only), for COPY and data-dir dumps. */
  pglite: PGlite | null;
  close(): Promise<void>;
}

const OID_INT8 = 20;
const OID_DATE = 1082;
const OID_NUMERIC = 1700;

export interface OpenOptions {
  /** PostgreSQL URL, or null for PGlite. */
  databaseUrl: string | null;
  /** PGlite data directory; `memory://` (or null) for an in-memory database. */
  dataDir: string | null;
  /** Load a PGlite data-dir dump (from `dumpDataDir`) instead of initializing an empty cluster. */
  loadDataDir?: Blob;
  migrate?: boolean;
}

/** Opens (and by default migrates) the configured engine. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const db = opts.databaseUrl ? openPostgres(opts.databaseUrl) : await openPGlite(opts);
  if (opts.migrate !== false) await migrateToLatest(db.system);
  return db;
}

function openPostgres(url: string): Database {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => {
      if (oid === OID_INT8) return (v: string) => Number(v);
      if (oid === OID_DATE) return (v: string) => v;
      if (oid === OID_NUMERIC) return (v: string) => v;
      return pg.types.getTypeParser(oid, format);
    },
  };
  const systemPool = new pg.Pool({ connectionString: url, max: 4, types });
  const appPool = new pg.Pool({ connectionString: url, max: 10, types });
  appPool.on('connect', (client) => {
    client.query('set role hoi_app').catch(() => client.release(true));
  });
  const plugins = [new CamelCasePlugin()];
  const system = new Kysely<DB>({ dialect: new PostgresDialect({ pool: systemPool }), plugins });
  const app = new Kysely<DB>({ dialect: new PostgresDialect({ pool: appPool }), plugins });
  return {
    kind: 'postgres',
    app,
    system,
    pglite: null,
    async close() {
      await app.destroy();
      await system.destroy();
    },
  };
}

async function openPGlite(opts: OpenOptions): Promise<Database> {
  const dataDir = opts.dataDir && opts.dataDir !== 'memory://' ? opts.dataDir : undefined;
  if (dataDir) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const pgl = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    extensions: { ltree, pg_trgm, unaccent },
    parsers: {
      [OID_INT8]: (v: string) => Number(v),
      [OID_DATE]: (v: string) => v,
      [OID_NUMERIC]: (v: string) => v,
    },
  });
  const gate = new ConnectionGate();
  const plugins = [new CamelCasePlugin()];
  const system = new Kysely<DB>({ dialect: new PGliteDialect(pgl, gate), plugins });
  const app = new Kysely<DB>({
    dialect: new PGliteDialect(pgl, gate, { onAcquire: 'set role hoi_app', onRelease: 'reset role' }),
    plugins,
  });
  return {
    kind: 'pglite',
    app,
    system,
    pglite: pgl,
    async close() {
      await app.destroy();
      await system.destroy();
      await pgl.close();
    },
  };
}

/** Applies pending migrations; throws with the failing migration's name. */
export async function migrateToLatest(system: Db): Promise<string[]> {
  const migrator = new Migrator({
    db: system,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).map((r) => r.migrationName);
}

/**
 * Runs `fn` in a transaction of the application role with the association set for row-level
 * security. Every tenant-owned read or write goes through here.
 *
 * On PGlite there is one connection: inside `fn`, use only `tx` — a query on `db.system` or
 * `db.app` would wait for the connection `fn` holds, forever.
 */
export async function inTenant<T>(db: Db, associationId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('hoi.association_id', ${associationId}, true)`.execute(tx);
    return fn(tx);
  });
}
