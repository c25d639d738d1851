/**
 * Streaming readers for uploaded member lists: .xlsx and CSV, one row at a time, never the whole
 * file in memory (lists reach 1,000,000 rows).
 *
 * XLSX is read from the package's central directory (zip.ts) rather than with exceljs's
 * `stream.xlsx.WorkbookReader`, which (4.4.0) corrupts Vietnamese characters whose UTF-8 bytes
 * straddle two chunks (`TextDecoder.decode` without `stream: true`; 41 damaged strings in a
 * 50,000-row test), depends on the order of parts in the archive (exceljs#3064), ignores merged
 * cells and ran ten times slower than the byte scanner in xlsx-rows.ts.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../platform/errors.js';
import { csvRows, sniffCsv } from './csv-read.js';
import {
  damagedXlsx,
  formatNotSupported,
  oleNotSupported,
  sheetNotFound,
  xlsNotSupported,
} from './file-errors.js';
import {
  openBook,
  readDateStyles,
  readSharedStrings,
  type Book,
  type SheetRef,
} from './xlsx-book.js';
import { columnOf, scanSheet, sheetRows } from './xlsx-rows.js';

export type TableFormat = 'csv' | 'xlsx';

export interface RawRow {
  /** 1-based row number as the user sees it in Excel (for CSV: the record's ordinal). */
  rowNumber: number;
  /**
   * Values by column, 0-based. Text is a string (never empty: empty is null), numbers stay
   * numbers, date-formatted cells are UTC-midnight Dates, booleans stay booleans; formulas give
   * their cached result, error values give null. Trailing empty cells are trimmed.
   */
  cells: unknown[];
}

export interface TableInfo {
  /** Every sheet of the workbook in tab order, hidden ones included; [] for CSV. */
  sheetNames: string[];
  /** The sheet `readTable` reads; '' for CSV. */
  sheet: string;
  /** Merged ranges of that sheet, e.g. 'A1:H1'. */
  merges: string[];
  /** CSV only: the detected delimiter and encoding. */
  delimiter?: string;
  encoding?: 'utf8' | 'utf16le';
}

/**
 * The table format of an uploaded file, by its name. .tsv and .txt (Excel's "Unicode text") are
 * read as CSV, .xlsm as .xlsx.
 *
 * @example formatOf('Danh sach hoi vien.XLSX') // 'xlsx'
 * @throws AppError IMPORT_FORMAT_UNSUPPORTED for .xls and anything else unknown
 */
export function formatOf(fileName: string): TableFormat {
  const ext = path.extname(fileName.trim()).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  if (ext === '.xls') throw xlsNotSupported();
  throw formatNotSupported(ext);
}

type Kind = 'zip' | 'ole' | 'other';

async function sniffKind(file: string): Promise<Kind> {
  const fh = await fsp.open(file, 'r');
  try {
    const head = Buffer.alloc(8);
    await fh.read(head, 0, 8, 0);
    if (head.readUInt32LE(0) === 0x04034b50 || head.readUInt32LE(0) === 0x06054b50) return 'zip';
    if (head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1) return 'ole';
    return 'other';
  } finally {
    await fh.close();
  }
}

/**
 * Streams the rows of a table file. XLSX: the first visible sheet with a value (or `opts.sheet`);
 * rows without any value are absent; vertically merged cells (a "Chi hội" column merged over
 * its members) give their value to every row they cover, and cells covered by a horizontal
 * merge are null. CSV: every record, blank ones with `cells: []`. A file whose content is a
 * workbook is read as one whatever its name says.
 *
 * @example
 * for await (const row of readTable(file, formatOf(name))) console.log(row.rowNumber, row.cells);
 * @throws AppError IMPORT_FILE_UNREADABLE (not UTF-8, damaged, password-protected, unknown sheet)
 */
export async function* readTable(
  file: string,
  format: TableFormat,
  opts: { sheet?: string } = {},
): AsyncGenerator<RawRow> {
  const kind = await sniffKind(file);
  if (kind === 'ole') throw oleNotSupported();
  if (kind === 'zip') {
    yield* readXlsx(file, opts);
    return;
  }
  if (format === 'xlsx') throw damagedXlsx('not a zip archive');
  yield* csvRows(file, await sniffCsv(file));
}

/** Sheet names, the sheet `readTable` would read and its merged ranges (CSV: its layout). */
export async function tableInfo(
  file: string,
  format: TableFormat,
  opts: { sheet?: string } = {},
): Promise<TableInfo> {
  const kind = await sniffKind(file);
  if (kind === 'ole') throw oleNotSupported();
  if (kind !== 'zip') {
    if (format === 'xlsx') throw damagedXlsx('not a zip archive');
    const layout = await sniffCsv(file);
    return { sheetNames: [], sheet: '', merges: [], ...layout };
  }
  return guarded(async () => {
    const book = await openBook(file);
    const { sheet, merges } = await chooseSheet(book, opts.sheet);
    return { sheetNames: book.sheets.map((s) => s.name), sheet: sheet.name, merges };
  });
}

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw damagedXlsx(e instanceof Error ? e.message : String(e));
  }
}

async function chooseSheet(book: Book, wanted: string | undefined) {
  const names = book.sheets.map((s) => s.name);
  if (!book.sheets.length) throw damagedXlsx('no worksheet');
  const scan = async (s: SheetRef) => {
    const entry = book.zip.find(s.part);
    if (!entry) throw damagedXlsx(`missing part ${s.part}`);
    return scanSheet(await book.zip.open(entry));
  };
  if (wanted) {
    const key = (n: string) => n.normalize('NFC').trim().toLowerCase();
    const sheet =
      book.sheets.find((s) => s.name === wanted) ??
      book.sheets.find((s) => key(s.name) === key(wanted));
    if (!sheet) throw sheetNotFound(wanted, names);
    return { sheet, merges: (await scan(sheet)).merges };
  }
  const visible = book.sheets.filter((s) => !s.isHidden);
  for (const sheet of visible) {
    const { hasValue, merges } = await scan(sheet);
    if (hasValue) return { sheet, merges };
  }
  const sheet = visible[0] ?? book.sheets[0]!;
  return { sheet, merges: (await scan(sheet)).merges };
}

async function* readXlsx(file: string, opts: { sheet?: string }): AsyncGenerator<RawRow> {
  const { book, sheet, merges, sharedStrings, dateStyles } = await guarded(async () => {
    const book = await openBook(file);
    const { sheet, merges } = await chooseSheet(book, opts.sheet);
    const [sharedStrings, dateStyles] = await Promise.all([
      readSharedStrings(book),
      readDateStyles(book),
    ]);
    return { book, sheet, merges, sharedStrings, dateStyles };
  });
  const fill = mergeFiller(merges);
  const part = await book.zip.open(book.zip.find(sheet.part)!);
  try {
    const ctx = { sharedStrings, dateStyles, isDate1904: book.isDate1904 };
    for await (const row of sheetRows(part, ctx)) {
      yield { rowNumber: row.rowNumber, cells: fill(row.rowNumber, row.cells) };
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw damagedXlsx(e instanceof Error ? e.message : String(e));
  } finally {
    part.destroy();
  }
}

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
  /** The top-left value, once its row was read. */
  value: unknown;
}

function rangeOf(ref: string): Range | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  const [a, b] = [Number(m[2]), Number(m[4])];
  const [l, r] = [columnOf(m[1]!), columnOf(m[3]!)];
  return {
    top: Math.min(a, b),
    bottom: Math.max(a, b),
    left: Math.min(l, r),
    right: Math.max(l, r),
    value: null,
  };
}

/**
 * Applies merged ranges to rows arriving in ascending order: the top-left value fills the first
 * column of the range down the rows below; every other covered cell becomes null.
 */
export function mergeFiller(merges: string[]): (rowNumber: number, cells: unknown[]) => unknown[] {
  const ranges = merges
    .map(rangeOf)
    .filter((r): r is Range => r !== null && (r.bottom > r.top || r.right > r.left))
    .sort((x, y) => x.top - y.top);
  if (!ranges.length) return (_, cells) => cells;
  let next = 0;
  let active: Range[] = [];
  return (rowNumber, cells) => {
    while (next < ranges.length && ranges[next]!.top <= rowNumber) active.push(ranges[next++]!);
    active = active.filter((r) => r.bottom >= rowNumber);
    if (!active.length) return cells;
    let out = cells;
    for (const r of active) {
      if (out === cells) out = cells.slice();
      if (r.top === rowNumber) r.value = out[r.left - 1] ?? null;
      for (let c = r.left; c <= r.right; c++) {
        if (c === r.left && r.top === rowNumber) continue;
        if (c === r.left) out[c - 1] = r.value;
        else if (c - 1 < out.length) out[c - 1] = null;
      }
    }
    for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
    let last = out.length;
    while (last > 0 && out[last - 1] === null) last--;
    out.length = last;
    return out;
  };
}
