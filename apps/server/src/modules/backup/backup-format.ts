import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { AppError } from '../../platform/errors.js';

/**
 * The backup file: gzip-compressed JSON Lines.
 *   line 1      header  {"format":"hoi-backup","formatVersion":1,"createdAt",...,"tables":[...]}
 *   lines 2..n  rows    {"t":"units","r":{"association_id":"…","path":"a.b",…}}, table by table
 *                       in header order (parents before children), each table in primary-key order
 *   last line   trailer {"trailer":true,"rowCounts":{…},"sha256":{…},"totalSha256":"…"}
 * Every value is the column's PostgreSQL text form (or null), printed with pinned settings, so a
 * row reads byte-for-byte the same on PGlite and on a server. `sha256[table]` hashes that table's
 * row lines, each with its "\n"; `totalSha256` hashes every line before the trailer.
 */
export const BACKUP_FORMAT = 'hoi-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupTableHeader {
  name: string;
  columns: { name: string; type: string }[];
  primaryKey: string[];
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: typeof BACKUP_FORMAT_VERSION;
  createdAt: string;
  engine: string;
  serverVersion: string;
  /** Migrations applied on the source; the target must have applied at least these. */
  migrations: string[];
  /** In restore order: every table comes after the tables it references. */
  tables: BackupTableHeader[];
}

export interface BackupTrailer {
  trailer: true;
  rowCounts: Record<string, number>;
  sha256: Record<string, string>;
  totalSha256: string;
}

export type RowValues = Record<string, string | null>;

/** One row line, without its newline. Column order is the table's attnum order. */
export function encodeRow(
  table: string,
  columns: readonly { name: string }[],
  values: readonly (string | null)[],
): string {
  return JSON.stringify({
    t: table,
    r: Object.fromEntries(columns.map((c, i) => [c.name, values[i] ?? null])),
  });
}

/** Row count and SHA-256 of one table's lines, the same for backups and `tableChecksums`. */
export class TableDigest {
  rows = 0;
  private readonly hash: Hash = createHash('sha256');
  add(line: string) {
    this.hash.update(line).update('\n');
    this.rows++;
  }
  hex(): string {
    return this.hash.digest('hex');
  }
}

function invalid(reason: string): AppError {
  return new AppError('BACKUP_INVALID', { reason });
}

/** Lines of a gzip file; a damaged or truncated stream becomes BACKUP_INVALID. */
async function* readLines(file: string): AsyncGenerator<string> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (e) => gunzip.destroy(e));
  source.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      const lines = (rest + decoder.write(chunk)).split('\n');
      rest = lines.pop() ?? '';
      yield* lines;
    }
  } catch (e) {
    if (isZlibError(e)) throw invalid(`not a readable gzip stream (${e.message})`);
    throw e;
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  if (rest + decoder.end() !== '') throw invalid('the file ends in the middle of a line');
}

/** zlib reports damaged input with codes such as Z_DATA_ERROR or Z_BUF_ERROR. */
function isZlibError(e: unknown): e is Error {
  const code: unknown = e instanceof Error ? (e as NodeJS.ErrnoException).code : undefined;
  return typeof code === 'string' && code.startsWith('Z_');
}

function parseLine(line: string, lineNo: number): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(line);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw invalid(`line ${lineNo} is not a JSON object`);
}

function checkHeader(v: Record<string, unknown>): BackupHeader {
  if (v.format !== BACKUP_FORMAT) throw invalid('not a Hội backup (no hoi-backup header)');
  if (v.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw invalid(`unsupported format version ${String(v.formatVersion)}`);
  }
  const tables = v.tables;
  const isStringArray = (x: unknown) => Array.isArray(x) && x.every((s) => typeof s === 'string');
  const isTable = (t: unknown) => {
    const tt = t as BackupTableHeader | null;
    return (
      !!tt &&
      typeof tt.name === 'string' &&
      isStringArray(tt.primaryKey) &&
      Array.isArray(tt.columns) &&
      tt.columns.every((c) => c && typeof c.name === 'string' && typeof c.type === 'string')
    );
  };
  if (!Array.isArray(tables) || !tables.every(isTable) || !isStringArray(v.migrations)) {
    throw invalid('malformed header');
  }
  if (new Set(tables.map((t: BackupTableHeader) => t.name)).size !== tables.length) {
    throw invalid('a table is listed twice in the header');
  }
  return v as unknown as BackupHeader;
}

export interface ScanHandlers {
  /** Called for each row, in file order; awaited (backpressure). */
  onRow?(table: BackupTableHeader, row: RowValues): Promise<void>;
  /** Called after the last row of each table that has rows. */
  onTableEnd?(table: BackupTableHeader): Promise<void>;
}

/**
 * Reads a backup from start to end, checking its structure and every checksum, and hands the
 * rows to `handlers`. Throws BACKUP_INVALID on the first problem. A restore scans twice: once
 * with no handlers to validate before writing anything, then inside its transaction, where a
 * file changed in between still fails before the commit.
 */
export async function scanBackup(
  file: string,
  handlers: ScanHandlers = {},
): Promise<{ header: BackupHeader; trailer: BackupTrailer }> {
  let header: BackupHeader | null = null;
  let trailer: BackupTrailer | null = null;
  let columnSets: Set<string>[] = [];
  let digests: TableDigest[] = [];
  const total = createHash('sha256');
  let current = -1;
  let lineNo = 0;
  for await (const line of readLines(file)) {
    lineNo++;
    if (trailer) throw invalid(`data after the trailer (line ${lineNo})`);
    const v = parseLine(line, lineNo);
    if (!header) {
      header = checkHeader(v);
      columnSets = header.tables.map((t) => new Set(t.columns.map((c) => c.name)));
      digests = header.tables.map(() => new TableDigest());
      total.update(line).update('\n');
      continue;
    }
    if (v.trailer === true) {
      trailer = v as unknown as BackupTrailer;
      continue;
    }
    const index = header.tables.findIndex((t) => t.name === v.t);
    const table = header.tables[index];
    if (!table) throw invalid(`line ${lineNo} names a table that is not in the header`);
    if (index < current) throw invalid(`line ${lineNo}: rows of ${table.name} are out of order`);
    const row = v.r as RowValues;
    const columns = columnSets[index]!;
    const keys = row && typeof row === 'object' ? Object.keys(row) : null;
    if (
      !keys ||
      keys.length !== columns.size ||
      !keys.every((k) => columns.has(k) && (row[k] === null || typeof row[k] === 'string'))
    ) {
      throw invalid(`line ${lineNo}: the row does not match the columns of ${table.name}`);
    }
    if (index > current) {
      const previous = header.tables[current];
      if (previous) await handlers.onTableEnd?.(previous);
      current = index;
    }
    digests[index]!.add(line);
    total.update(line).update('\n');
    await handlers.onRow?.(table, row);
  }
  if (!header) throw invalid('the file is empty');
  if (!trailer) throw invalid('the file is truncated (no trailer)');
  for (const [i, t] of header.tables.entries()) {
    const d = digests[i]!;
    if (trailer.rowCounts?.[t.name] !== d.rows)
      throw invalid(`row count of ${t.name} does not match`);
    if (trailer.sha256?.[t.name] !== d.hex()) throw invalid(`checksum of ${t.name} does not match`);
  }
  if (trailer.totalSha256 !== total.digest('hex'))
    throw invalid('the file checksum does not match');
  const last = header.tables[current];
  if (last) await handlers.onTableEnd?.(last);
  return { header, trailer };
}
