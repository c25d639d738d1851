/**
 * Streams the rows of one worksheet part. The sheet XML is scanned as bytes, a chunk at a time:
 * only complete `<row>` elements are parsed, text values are decoded from their own byte ranges
 * (so a multi-byte character split between two chunks is never damaged), and nothing but the
 * current chunk is held.
 */
import type { Readable } from 'node:stream';
import { lastMatchEnd, richText } from './xlsx-book.js';
import { decodeCellText } from './xml-text.js';

export interface SheetContext {
  sharedStrings: readonly string[];
  /** Indexed by cell format (`s`): does the format show a date? */
  dateStyles: readonly boolean[];
  isDate1904: boolean;
}

export interface SheetRow {
  rowNumber: number;
  /** 0-based by column; trailing empty cells trimmed; empty text is null. */
  cells: unknown[];
}

const ROW_OPEN = /<([\w.-]+:)?row\b([^>]*?)(\/?)>/g;
const ROW_CLOSE = /<\/(?:[\w.-]+:)?row>/g;
const DAY_MS = 86_400_000;
/**
 * Bound on what is held at once: a row, or the sheet's tail after its data. Real ones are far
 * smaller (a cell holds at most 32,767 characters); a hostile file fails instead of exhausting
 * memory.
 */
export const MAX_ELEMENT_BYTES = 64 * 1024 * 1024;

/** A date from an Excel serial day number (UTC; the 1900 system's phantom 29 Feb accounted). */
export function excelSerialToDate(serial: number, isDate1904: boolean): Date {
  const days = isDate1904 ? serial + 1462 : serial < 60 ? serial + 1 : serial;
  return new Date(Math.round((days - 25569) * DAY_MS));
}

/** 1-based column number of a cell reference such as `AB12`, or 0. */
export function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 32; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return col;
}

/** Yields the rows of a sheet part that hold at least one value, in file order. */
export async function* sheetRows(part: Readable, ctx: SheetContext): AsyncGenerator<SheetRow> {
  let pending: Buffer = Buffer.alloc(0);
  let previous = 0;
  for await (const chunk of part) {
    const buf: Buffer = pending.length ? Buffer.concat([pending, chunk as Buffer]) : chunk;
    const s = buf.toString('latin1'); // byte i is character i: offsets in `s` index `buf`
    const end = lastMatchEnd(s, ROW_CLOSE);
    if (end < 0) {
      if (buf.length > MAX_ELEMENT_BYTES) throw new Error('row too large');
      pending = buf;
      continue;
    }
    const rows: SheetRow[] = [];
    ROW_OPEN.lastIndex = 0;
    for (let m = ROW_OPEN.exec(s); m && m.index < end; m = ROW_OPEN.exec(s)) {
      const r = /(?:^|\s)r\s*=\s*["'](\d+)/.exec(m[2]!);
      const rowNumber = r ? Number(r[1]) : previous + 1;
      previous = rowNumber;
      if (m[3] === '/') continue; // <row …/>: formatting only
      const tags = tagsOf(m[1] ?? '');
      const bodyStart = m.index + m[0].length;
      const close = s.indexOf(tags.rowClose, bodyStart);
      const bodyEnd = close < 0 || close > end ? end : close;
      const cells = parseCells(buf, s, bodyStart, bodyEnd, ctx, tags);
      if (cells.length) rows.push({ rowNumber, cells });
      ROW_OPEN.lastIndex = bodyEnd;
    }
    pending = buf.subarray(end);
    yield* rows;
  }
}

interface Tags {
  rowClose: string;
  cellOpen: string;
  cellClose: string;
  valueOpen: string;
}

const tagCache = new Map<string, Tags>();
/** Element names with the namespace prefix the sheet uses (`x:` in some .NET-made files). */
function tagsOf(prefix: string): Tags {
  let tags = tagCache.get(prefix);
  if (!tags) {
    tags = {
      rowClose: `</${prefix}row>`,
      cellOpen: `<${prefix}c`,
      cellClose: `</${prefix}c>`,
      valueOpen: `<${prefix}v`,
    };
    tagCache.set(prefix, tags);
  }
  return tags;
}

const isNameEnd = (c: number) =>
  c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;

const ATTR_KEYS = { r: 'r="', s: 's="', t: 't="' };

/** An attribute of a tag's attribute text; the common `name="…"` form without a regex. */
function attr(attrs: string, name: 'r' | 's' | 't'): string | null {
  const key = ATTR_KEYS[name];
  for (let k = attrs.indexOf(key); k >= 0; k = attrs.indexOf(key, k + 1)) {
    if (k === 0 || isNameEnd(attrs.charCodeAt(k - 1))) {
      return attrs.slice(k + key.length, attrs.indexOf('"', k + key.length));
    }
  }
  if (!attrs.includes("'") && !attrs.includes(' =') && !attrs.includes('= ')) return null;
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? (m[1] ?? m[2]!) : null;
}

function parseCells(buf: Buffer, s: string, from: number, to: number, ctx: SheetContext, t: Tags) {
  const cells: unknown[] = [];
  let col = 0;
  let last = 0;
  for (let i = s.indexOf(t.cellOpen, from); i >= 0 && i < to; i = s.indexOf(t.cellOpen, i)) {
    const nameEnd = i + t.cellOpen.length;
    if (!isNameEnd(s.charCodeAt(nameEnd))) {
      i = nameEnd;
      continue;
    }
    const gt = s.indexOf('>', nameEnd);
    if (gt < 0 || gt >= to) break;
    const selfClosing = s.charCodeAt(gt - 1) === 47;
    const attrs = s.slice(nameEnd, selfClosing ? gt - 1 : gt);
    const ref = attr(attrs, 'r');
    col = (ref && columnOf(ref)) || col + 1;
    if (selfClosing) {
      i = gt + 1;
      continue;
    }
    const close = s.indexOf(t.cellClose, gt);
    const cellEnd = close < 0 || close > to ? to : close;
    i = cellEnd + t.cellClose.length;
    const style = Number(attr(attrs, 's') ?? 0);
    const value = cellValue(buf, s, gt + 1, cellEnd, attr(attrs, 't') ?? 'n', style, ctx, t);
    if (value === null) continue;
    while (cells.length < col - 1) cells.push(null);
    cells[col - 1] = value;
    last = col;
  }
  cells.length = last;
  return cells;
}

function cellValue(
  buf: Buffer,
  s: string,
  from: number,
  to: number,
  type: string,
  style: number,
  ctx: SheetContext,
  t: Tags,
): unknown {
  if (type === 'inlineStr') {
    const text = richText(buf, s, from, to);
    return text === '' ? null : text;
  }
  // The value element; its text never holds a raw "<".
  let v = s.indexOf(t.valueOpen, from);
  while (v >= 0 && v < to && !isNameEnd(s.charCodeAt(v + t.valueOpen.length))) {
    v = s.indexOf(t.valueOpen, v + 1);
  }
  if (v < 0 || v >= to) return null;
  const gt = s.indexOf('>', v);
  if (gt < 0 || gt >= to || s.charCodeAt(gt - 1) === 47) return null;
  const end = Math.min(s.indexOf('<', gt), to);
  const raw = s.slice(gt + 1, end);
  switch (type) {
    case 's': {
      const text = ctx.sharedStrings[Number(raw)];
      return text === undefined || text === '' ? null : text;
    }
    case 'str': {
      const text = decodeCellText(buf.toString('utf8', gt + 1, end));
      return text === '' ? null : text;
    }
    case 'b':
      return raw.trim() === '1' || raw.trim() === 'true';
    case 'e':
      return null;
    case 'd': {
      const iso = raw.trim();
      const d = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(iso) || iso.length <= 10 ? iso : `${iso}Z`);
      return Number.isNaN(d.getTime()) ? iso || null : d;
    }
    default: {
      if (raw.trim() === '') return null;
      const n = Number(raw);
      if (!Number.isFinite(n)) return raw.trim();
      if (ctx.dateStyles[style] && n >= 0 && n < 2958466) {
        return excelSerialToDate(n, ctx.isDate1904);
      }
      return n;
    }
  }
}

const SHEET_DATA_END = /<\/(?:[\w.-]+:)?sheetData>|<(?:[\w.-]+:)?sheetData\s*\/>/;
const MERGE_CELL =
  /<(?:[\w.-]+:)?mergeCell\b[^>]*?\sref\s*=\s*["']([A-Za-z]+\d+(?::[A-Za-z]+\d+)?)/g;
const HAS_VALUE = /<(?:[\w.-]+:)?(?:v|is)[\s>]/;

/**
 * One cheap pass over a sheet part: does any cell hold a value, and which ranges are merged?
 * `<mergeCells>` follows `<sheetData>`, so the whole part is inflated, but only the bytes after
 * the sheet data are decoded and kept.
 */
export async function scanSheet(part: Readable): Promise<{ hasValue: boolean; merges: string[] }> {
  let hasValue = false;
  let tail = '';
  const after: string[] = [];
  let afterBytes = 0;
  let inData = true;
  for await (const chunk of part) {
    const buf = chunk as Buffer;
    if (!inData) {
      afterBytes += buf.length;
      if (afterBytes > MAX_ELEMENT_BYTES) throw new Error('sheet tail too large');
      after.push(buf.toString('latin1'));
      continue;
    }
    // A short overlap with the previous chunk, so a tag split between two chunks is still seen.
    const edge = tail + buf.toString('latin1', 0, Math.min(32, buf.length));
    if (!hasValue || buf.includes('sheetData') || edge.includes('sheetData')) {
      const s = tail + buf.toString('latin1');
      if (!hasValue && HAS_VALUE.test(s)) hasValue = true;
      const end = SHEET_DATA_END.exec(s);
      if (end) {
        inData = false;
        after.push(s.slice(end.index));
        continue;
      }
    }
    tail = (tail + buf.toString('latin1', Math.max(0, buf.length - 32))).slice(-32);
  }
  const rest = after.join('');
  return { hasValue, merges: [...rest.matchAll(MERGE_CELL)].map((m) => m[1]!.toUpperCase()) };
}
