/**
 * Reading one spreadsheet cell, whatever produced it: exceljs gives string | number | boolean |
 * Date | null | undefined (and, unless the caller unwrapped them, rich-text, formula and
 * hyperlink objects); CSV gives strings. Nothing here throws, whatever the input.
 */
import { foldVietnamese } from '@hoi/contracts';

export type Cell =
  | { kind: 'blank' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; value: Date }
  | { kind: 'bool'; value: boolean }
  | { kind: 'other' };

const BLANK: Cell = { kind: 'blank' };
const OTHER: Cell = { kind: 'other' };

/** Zero-width characters and the soft hyphen: invisible in Excel, never part of the text. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
/** Control characters other than whitespace, left by old tools; read as a space. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/g;
/** Cells holding only dashes, dots or slashes are fillers meaning "nothing here". */
const FILLER = /^[-–—_.…/\\]+$/;

/**
 * Whitespace and Unicode cleanup only: drops invisible characters, composes to NFC (old tools
 * write decomposed or hand-combined marks: the same text), collapses whitespace and trims.
 */
export function cleanText(s: string): string {
  return s
    .replace(INVISIBLE, '')
    .replace(CONTROL, ' ')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function readObject(v: Record<string, unknown>, depth: number): Cell {
  if (depth > 3) return OTHER;
  const rich = v.richText;
  if (Array.isArray(rich)) {
    let text = '';
    for (const part of rich as unknown[]) {
      if (isRecord(part) && typeof part.text === 'string') text += part.text;
      else return OTHER;
    }
    return readCellAt(text, depth + 1);
  }
  if ('formula' in v || 'sharedFormula' in v || 'result' in v)
    return readCellAt(v.result, depth + 1);
  if ('hyperlink' in v && 'text' in v) return readCellAt(v.text, depth + 1);
  return OTHER;
}

function readCellAt(raw: unknown, depth: number): Cell {
  if (raw === null || raw === undefined) return BLANK;
  if (typeof raw === 'string') {
    const text = cleanText(raw);
    return text === '' || FILLER.test(text) ? BLANK : { kind: 'text', text };
  }
  if (typeof raw === 'number') return Number.isFinite(raw) ? { kind: 'number', value: raw } : OTHER;
  if (typeof raw === 'bigint') return readCellAt(raw.toString(), depth + 1);
  if (typeof raw === 'boolean') return { kind: 'bool', value: raw };
  if (raw instanceof Date)
    return Number.isNaN(raw.getTime()) ? OTHER : { kind: 'date', value: raw };
  if (isRecord(raw) && !Array.isArray(raw)) return readObject(raw, depth);
  return OTHER;
}

/** Classifies a raw cell; text comes back cleaned (see `cleanText`) and never empty. */
export function readCell(raw: unknown): Cell {
  return readCellAt(raw, 0);
}

/** True when the cell holds nothing (empty, whitespace, or a filler such as "-" or "..."). */
export function isBlankCell(raw: unknown): boolean {
  return readCell(raw).kind === 'blank';
}

/** "Dân tộc: Kinh (Việt)" → "dan toc kinh viet": no diacritics, lower case, words only. */
export function foldWords(s: string): string {
  return foldVietnamese(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** "H'Mông" → "hmong": folded with every non-alphanumeric character removed. */
export function foldCompact(s: string): string {
  return foldVietnamese(s).replace(/[^a-z0-9]/g, '');
}

/** `dd/mm/yyyy` of a date's UTC parts, the way Vietnamese officers write dates. */
export function formatDmy(d: Date): string {
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${d.getUTCFullYear()}`;
}

/** Integer digits of a number as Excel holds it, never in exponent form; null if not a whole number. */
export function integerDigits(n: number): string | null {
  if (!Number.isInteger(n) || n < 0 || n >= 1e21) return null;
  return n.toFixed(0);
}

/** A short display of the raw cell for messages: ` “…”`, or '' when too long or unprintable. */
export function quoted(raw: unknown): string {
  const cell = readCell(raw);
  let text: string;
  switch (cell.kind) {
    case 'text':
      text = cell.text;
      break;
    case 'number':
      text = String(cell.value);
      break;
    case 'date':
      text = formatDmy(cell.value);
      break;
    case 'bool':
      text = cell.value ? 'TRUE' : 'FALSE';
      break;
    case 'blank':
    case 'other':
      return '';
  }
  return text.length <= 40 ? ` “${text}”` : '';
}

/** Words officers write in optional columns to mean "none" ("không", "chưa có", "k/c"). */
const NONE_WORDS = new Set([
  'khong',
  'khong co',
  'chua co',
  'chua',
  'ko',
  'k',
  'kc',
  'k c',
  'ko co',
  'n a',
  'na',
  'none',
]);

/** True for a "none" word; the normalizers of optional values read it as blank with a warning. */
export function isNoneWord(text: string): boolean {
  return NONE_WORDS.has(foldWords(text));
}

/** A cell as text for comparisons and messages (numbers and dates written out; blank → ''). */
export function displayOf(raw: unknown): string {
  const c = readCell(raw);
  switch (c.kind) {
    case 'text':
      return c.text;
    case 'number':
      return String(c.value);
    case 'date':
      return formatDmy(c.value);
    case 'bool':
      return String(c.value);
    case 'blank':
    case 'other':
      return '';
  }
}
