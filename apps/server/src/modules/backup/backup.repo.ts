import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * A Kysely executor *without* the CamelCasePlugin (`db.system.withoutPlugins()` or one of its
 * transactions): every name in this file is an SQL name and must reach the caller unchanged.
 */
export type RawExecutor = Kysely<DB>;

/**
 * Never backed up nor restored: Kysely's own bookkeeping (the target runs its own migrations)
 * and derived data the target rebuilds (the yearly membership count bases, decision 78).
 */
const SKIPPED_TABLES = [
  'kysely_migration',
  'kysely_migration_lock',
  'member_count_bases',
  'member_count_base_state',
];

export interface ColumnInfo {
  name: string;
  /** `format_type` with the type modifier, e.g. `character varying(20)`, `ltree`, `text[]`. */
  type: string;
  /** json/jsonb (or a domain over them): travels as text and is cast, see `insertRows`. */
  isJson: boolean;
  /** Collatable (text-like): ordered with COLLATE "C" so the order is the same on every server. */
  isCollatable: boolean;
  /** The sequence owned by the column (identity or serial), reset after a restore. */
  sequence: string | null;
}

export interface CatalogTable {
  name: string;
  /** Stored columns in attnum order (generated columns are left out: they are recomputed). */
  columns: ColumnInfo[];
  primaryKey: string[];
  /** Tables this one references by foreign key (other than itself). */
  references: string[];
  isSelfReferencing: boolean;
}

/** Double-quotes an identifier. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function qualified(table: string): string {
  return `public.${ident(table)}`;
}

async function rows<R>(
  ex: RawExecutor,
  text: string,
  params: readonly unknown[] = [],
): Promise<R[]> {
  return (await ex.executeQuery<R>(CompiledQuery.raw(text, [...params]))).rows;
}

/**
 * Every application table of schema `public` with its columns, primary key and foreign keys,
 * sorted by name (ordering by dependencies is the caller's business).
 */
export async function readCatalog(ex: RawExecutor): Promise<CatalogTable[]> {
  const columns = await rows<{
    table_name: string;
    column_name: string;
    type: string;
    is_json: boolean;
    is_collatable: boolean;
    sequence: string | null;
  }>(
    ex,
    `select c.relname as table_name, a.attname as column_name,
            format_type(a.atttypid, a.atttypmod) as type,
            coalesce(bt.typname, t.typname) in ('json', 'jsonb') as is_json,
            t.typcollation <> 0 as is_collatable,
            pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) as sequence
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
       join pg_type t on t.oid = a.atttypid
       left join pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
        and a.attgenerated = '' and c.relname <> all($1::text[])
      order by c.relname, a.attnum`,
    [SKIPPED_TABLES],
  );
  const keys = await rows<{ table_name: string; column_name: string }>(
    ex,
    `select c.relname as table_name, a.attname as column_name
       from pg_constraint con
       join pg_class c on c.oid = con.conrelid
       join pg_namespace n on n.oid = c.relnamespace
       cross join lateral unnest(con.conkey) with ordinality as k(attnum, ord)
       join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
      where con.contype = 'p' and n.nspname = 'public'
      order by c.relname, k.ord`,
  );
  const fks = await rows<{ table_name: string; referenced: string }>(
    ex,
    `select distinct c.relname as table_name, r.relname as referenced
       from pg_constraint con
       join pg_class c on c.oid = con.conrelid
       join pg_class r on r.oid = con.confrelid
       join pg_namespace n on n.oid = c.relnamespace
      where con.contype = 'f' and n.nspname = 'public'`,
  );
  const tables = new Map<string, CatalogTable>();
  for (const c of columns) {
    let t = tables.get(c.table_name);
    if (!t) {
      t = {
        name: c.table_name,
        columns: [],
        primaryKey: [],
        references: [],
        isSelfReferencing: false,
      };
      tables.set(c.table_name, t);
    }
    t.columns.push({
      name: c.column_name,
      type: c.type,
      isJson: c.is_json,
      isCollatable: c.is_collatable,
      sequence: c.sequence,
    });
  }
  for (const k of keys) tables.get(k.table_name)?.primaryKey.push(k.column_name);
  for (const fk of fks) {
    const t = tables.get(fk.table_name);
    if (!t) continue;
    if (fk.referenced === fk.table_name) t.isSelfReferencing = true;
    else t.references.push(fk.referenced);
  }
  return [...tables.values()];
}

/** Must be the transaction's first statement. */
export async function setReadOnly(ex: RawExecutor): Promise<void> {
  await rows(ex, 'set transaction read only');
}

/**
 * Pins every setting that changes how values print as text, so a row reads the same on
 * PGlite and on a server whatever their configuration. `row_security = off` makes a read that
 * row-level security would filter fail instead of silently skipping rows. Transaction-local.
 */
export async function pinTextSettings(ex: RawExecutor): Promise<void> {
  await rows(
    ex,
    `select set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true),
            set_config('IntervalStyle', 'postgres', true), set_config('bytea_output', 'hex', true),
            set_config('extra_float_digits', '1', true), set_config('row_security', 'off', true)`,
  );
}

/**
 * One page of a table in primary-key order, every column cast to text (null stays null).
 * `after` holds the previous page's last primary-key values, in text form. The page comes back
 * as ONE json value: PGlite spends far longer turning 70,000 result fields into JavaScript
 * values than the query takes, and JSON.parse is cheap.
 */
export async function readPage(
  ex: RawExecutor,
  table: CatalogTable,
  after: readonly string[] | null,
  limit: number,
): Promise<(string | null)[][]> {
  const pk = table.primaryKey.map((name) => {
    const col = table.columns.find((c) => c.name === name);
    if (!col) throw new Error(`Primary-key column ${table.name}.${name} is not a stored column`);
    return { name, collate: col.isCollatable ? ' collate "C"' : '', type: col.type };
  });
  const keyOrder = (prefix: string) => pk.map((k) => `${prefix}${ident(k.name)}${k.collate}`);
  const where = after
    ? `where (${keyOrder('').join(', ')}) > (${pk.map((k, i) => `$${i + 1}::${k.type}`).join(', ')})`
    : '';
  const result = await rows<{ page: string | null }>(
    ex,
    `select json_agg(array[${table.columns.map((c) => `p.${ident(c.name)}::text`).join(', ')}]
                     order by ${keyOrder('p.').join(', ')})::text as page
       from (select * from ${qualified(table.name)} ${where}
              order by ${keyOrder('').join(', ')} limit ${Math.trunc(limit)}) p`,
    after ?? [],
  );
  const page = result[0]?.page;
  return page ? (JSON.parse(page) as (string | null)[][]) : [];
}

/** Names of the applied migrations, in order. */
export async function appliedMigrations(ex: RawExecutor): Promise<string[]> {
  const r = await rows<{ name: string }>(ex, 'select name from kysely_migration order by name');
  return r.map((m) => m.name);
}

export async function serverVersion(ex: RawExecutor): Promise<string> {
  const r = await rows<{ v: string }>(ex, `select current_setting('server_version') as v`);
  return r[0]?.v ?? 'unknown';
}

/** Tables (of those given) that hold at least one row. */
export async function nonEmptyTables(
  ex: RawExecutor,
  tables: readonly string[],
): Promise<string[]> {
  if (tables.length === 0) return [];
  const r = await rows<{ name: string }>(
    ex,
    tables
      .map((t, i) => `select $${i + 1}::text as name where exists (select 1 from ${qualified(t)})`)
      .join(' union all '),
    tables,
  );
  return r.map((x) => x.name);
}

/** Blocks concurrent writes (reads still pass) until the transaction ends. */
export async function lockForRestore(ex: RawExecutor, tables: readonly string[]): Promise<void> {
  if (tables.length === 0) return;
  await rows(ex, `lock table ${tables.map(qualified).join(', ')} in exclusive mode`);
}

/**
 * A transaction-local staging table with the given columns of `table` and no constraints: a
 * self-referencing table is loaded here page by page, then moved in one statement, because
 * PostgreSQL checks a (non-deferrable) foreign key at the end of each statement.
 */
export async function createStage(ex: RawExecutor, table: string, columns: readonly ColumnInfo[]) {
  const stage = `hoi_restore_${table}`;
  await rows(
    ex,
    `create temp table ${ident(stage)} on commit drop as
       select ${columns.map((c) => ident(c.name)).join(', ')} from ${qualified(table)} with no data`,
  );
  return stage;
}

/**
 * Inserts rows given as `{column: text | null}` objects in one statement. Values are parsed by
 * each column type's input function (`json_to_recordset` with the target types), json/jsonb
 * columns travel as text and are cast. `overriding system value` keeps identity values.
 */
export async function insertRows(
  ex: RawExecutor,
  target: { table: string; temp: boolean },
  columns: readonly ColumnInfo[],
  batch: readonly Record<string, string | null>[],
): Promise<void> {
  if (batch.length === 0) return;
  const names = columns.map((c) => ident(c.name)).join(', ');
  const values = columns
    .map((c) => (c.isJson ? `x.${ident(c.name)}::${c.type}` : `x.${ident(c.name)}`))
    .join(', ');
  const shape = columns.map((c) => `${ident(c.name)} ${c.isJson ? 'text' : c.type}`).join(', ');
  const into = target.temp ? `pg_temp.${ident(target.table)}` : qualified(target.table);
  await rows(
    ex,
    `insert into ${into} (${names}) ${target.temp ? '' : 'overriding system value'}
     select ${values} from json_to_recordset($1::json) as x(${shape})`,
    [JSON.stringify(batch)],
  );
}

/** Moves a staging table's rows into the real table in one statement, then drops the stage. */
export async function moveStage(
  ex: RawExecutor,
  stage: string,
  table: string,
  columns: readonly ColumnInfo[],
): Promise<void> {
  const names = columns.map((c) => ident(c.name)).join(', ');
  await rows(
    ex,
    `insert into ${qualified(table)} (${names}) overriding system value
     select ${names} from pg_temp.${ident(stage)}`,
  );
  await rows(ex, `drop table pg_temp.${ident(stage)}`);
}

/** Sets each owned sequence so the next value is max(column) + 1 (untouched if the table is empty). */
export async function resetSequences(ex: RawExecutor, table: CatalogTable): Promise<void> {
  for (const c of table.columns) {
    if (!c.sequence) continue;
    await rows(
      ex,
      `select setval($1::regclass, m) from (select max(${ident(c.name)}) as m from ${qualified(table.name)}) s
        where m is not null`,
      [c.sequence],
    );
  }
}
