/**
 * Dates as officers type them into member lists, read into a partial date (`YYYY`, `YYYY-MM` or
 * `YYYY-MM-DD`, the PartialDateSchema form). Vietnamese order is always day/month/year: a
 * month above 12 is an error, never a reason to swap.
 */
import { isRealPartialDate } from '@hoi/contracts';
import { foldWords, quoted, readCell } from './cells.js';
import type { ImportField } from './headers.js';
import { fail, makeIssue, ok, type ImportIssue, type Normalized } from './issues.js';

export interface DateOptions {
  /** 'birth' for birth dates, 'event' for joining and decision dates. */
  kind: 'birth' | 'event';
  /** Today's date, `YYYY-MM-DD`: later dates are errors. */
  today: string;
  /** The field named in issues (default: birthDate for births, joinedOn for events). */
  field?: ImportField;
}

const MIN_YEAR = 1880;
const DAY_MS = 86_400_000;
/** Excel serials taken as dates: 1 (1900-01-01) up to 80000 (year 2119). */
const MAX_SERIAL = 80_000;

interface Ctx {
  field: ImportField;
  label: { vi: string; en: string };
  today: string;
  raw: unknown;
}

interface Parts {
  y: number;
  m?: number;
  d?: number;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function partialOf(p: Parts): string {
  if (p.m === undefined) return String(p.y);
  return p.d === undefined ? `${p.y}-${pad(p.m)}` : `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

function dmyOf(value: string): string {
  return value.split('-').reverse().join('/');
}

function inFuture(c: Ctx): ImportIssue {
  return makeIssue(
    'DATE_IN_FUTURE',
    c.field,
    `${c.label.vi}${quoted(c.raw)} ở sau ngày hôm nay: hãy kiểm tra lại và sửa trong tệp.`,
    `${c.label.en}${quoted(c.raw)} is after today: check it and correct the file.`,
  );
}

function unreadable(c: Ctx): ImportIssue {
  return makeIssue(
    'DATE_UNREADABLE',
    c.field,
    `${c.label.vi}${quoted(c.raw)} không đọc được. Hãy ghi theo dạng ngày/tháng/năm (ví dụ 05/03/1948), tháng/năm (03/1948) hoặc chỉ năm (1948).`,
    `${c.label.en}${quoted(c.raw)} cannot be read. Write it as day/month/year (e.g. 05/03/1948), month/year (03/1948) or the year alone (1948).`,
  );
}

/** Range and reality checks shared by every input form. */
function checked(c: Ctx, p: Parts, warnings: ImportIssue[] = []): Normalized<string> {
  const value = partialOf(p);
  if (p.y < MIN_YEAR)
    return fail(
      makeIssue(
        'DATE_TOO_OLD',
        c.field,
        `${c.label.vi}${quoted(c.raw)} có năm ${p.y}, trước năm ${MIN_YEAR}: hãy kiểm tra lại và sửa trong tệp.`,
        `${c.label.en}${quoted(c.raw)} has the year ${p.y}, before ${MIN_YEAR}: check it and correct the file.`,
      ),
      warnings,
    );
  if (p.y > Number(c.today.slice(0, 4))) return fail(inFuture(c), warnings);
  const monthFirst = p.m !== undefined && p.m > 12 && p.d !== undefined && p.d <= 12;
  if (!isRealPartialDate(value))
    return fail(
      makeIssue(
        'DATE_NOT_REAL',
        c.field,
        `${c.label.vi}${quoted(c.raw)} không có thật (ngày/tháng không tồn tại).${
          monthFirst
            ? ' Có thể ô này ghi theo kiểu tháng/ngày; hãy sửa thành ngày/tháng/năm.'
            : ' Hãy sửa lại theo dạng ngày/tháng/năm.'
        }`,
        `${c.label.en}${quoted(c.raw)} is not a real date (no such day or month).${
          monthFirst
            ? ' It may be written month/day; correct it to day/month/year.'
            : ' Correct it as day/month/year.'
        }`,
      ),
      warnings,
    );
  if (value > c.today.slice(0, value.length)) return fail(inFuture(c), warnings);
  return ok(value, warnings);
}
/** The century that puts the date on or before today (the most recent such). */
function withCentury(c: Ctx, yy: number, m?: number, d?: number): Normalized<string> {
  const recent: Parts = { y: 2000 + yy, m, d };
  const value = partialOf(recent);
  const p = value <= c.today.slice(0, value.length) ? recent : { y: 1900 + yy, m, d };
  const shown = dmyOf(partialOf(p));
  return checked(c, p, [
    makeIssue(
      'DATE_TWO_DIGIT_YEAR',
      c.field,
      `${c.label.vi}${quoted(c.raw)} chỉ ghi 2 số cuối của năm; đã hiểu là ${shown}. Nếu sai, hãy ghi đủ 4 số của năm.`,
      `${c.label.en}${quoted(c.raw)} has a two-digit year; read as ${shown}. If wrong, write the year in full.`,
    ),
  ]);
}

/** 1900 date system, with Excel's fictitious 1900-02-29 (serial 60). */
function fromSerial(c: Ctx, serial: number, warnings: ImportIssue[] = []): Normalized<string> {
  const whole = Math.floor(serial);
  if (whole < 1 || whole > MAX_SERIAL || whole === 60) return fail(unreadable(c), warnings);
  const days = whole < 60 ? whole - 1 : whole - 2;
  const d = new Date(Date.UTC(1900, 0, 1) + days * DAY_MS);
  return checked(c, { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() }, warnings);
}

function fromDate(c: Ctx, date: Date): Normalized<string> {
  // exceljs gives date cells as UTC midnight: the UTC parts are the date typed.
  const p = { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
  const hasTime = date.getUTCHours() + date.getUTCMinutes() + date.getUTCSeconds() > 0;
  const shown = `${pad(p.d)}/${pad(p.m)}/${p.y}`;
  return checked(
    c,
    p,
    hasTime
      ? [
          makeIssue(
            'DATE_TIME_DROPPED',
            c.field,
            `${c.label.vi}${quoted(c.raw)} có kèm giờ; chỉ lấy ngày ${shown}. Hãy kiểm tra lại.`,
            `${c.label.en}${quoted(c.raw)} includes a time of day; only the date ${shown} was kept. Please check it.`,
          ),
        ]
      : [],
  );
}

function fromNumber(c: Ctx, n: number): Normalized<string> {
  // A whole number that looks like a year is a year typed into a number cell, not a 1905 date.
  if (Number.isInteger(n) && n >= 1000 && n <= 2100) return checked(c, { y: n });
  return fromSerial(c, n);
}

/** A day or month part: digits, or "00"/"xx"/"??" meaning unknown (undefined). */
function part(s: string): number | undefined {
  return /^\d+$/.test(s) && Number(s) > 0 ? Number(s) : undefined;
}

function fromDayMonthYear(c: Ctx, ds: string, ms: string, ys: string): Normalized<string> {
  const d = part(ds);
  const m = part(ms);
  // A known day in an unknown month cannot be written as a partial date.
  if (m === undefined && d !== undefined) return fail(unreadable(c));
  const day = m === undefined ? undefined : d;
  if (ys.length === 2) return withCentury(c, Number(ys), m, day);
  return checked(c, { y: Number(ys), m, d: day });
}

const UNKNOWN_PART = '(\\d{1,2}|[xX?]{1,2})';
const DMY = new RegExp(`^${UNKNOWN_PART}\\s*([/.-])\\s*${UNKNOWN_PART}\\s*\\2\\s*(\\d{4}|\\d{2})$`);
const MY = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/;
const YMD = /^(\d{4})([/.-])(\d{1,2})(?:\2(\d{1,2}))?$/;
const ISO_MIDNIGHT = /^(\d{4})-(\d{2})-(\d{2})[T ]00:00(?::00(?:\.0+)?)?Z?$/;

function fromText(c: Ctx, text: string): Normalized<string> {
  let r: RegExpExecArray | null;
  if (/^\d{4}$/.test(text)) return checked(c, { y: Number(text) });
  if ((r = ISO_MIDNIGHT.exec(text)))
    return checked(c, { y: Number(r[1]), m: Number(r[2]), d: Number(r[3]) });
  if ((r = YMD.exec(text)))
    return checked(c, {
      y: Number(r[1]),
      m: Number(r[3]),
      d: r[4] === undefined ? undefined : Number(r[4]),
    });
  if ((r = DMY.exec(text))) return fromDayMonthYear(c, r[1]!, r[3]!, r[4]!);
  if ((r = MY.exec(text))) return checked(c, { y: Number(r[2]), m: Number(r[1]) });
  if (/^\d{5}$/.test(text) && Number(text) <= MAX_SERIAL)
    return fromSerial(c, Number(text), [
      makeIssue(
        'DATE_FROM_EXCEL_SERIAL',
        c.field,
        `${c.label.vi}${quoted(c.raw)} là số ngày kiểu Excel ghi dưới dạng chữ; đã đổi ra ngày. Hãy kiểm tra lại, và định dạng cột này là ngày (Date).`,
        `${c.label.en}${quoted(c.raw)} is an Excel day number stored as text; it was converted to a date. Please check it, and format the column as Date.`,
      ),
    ]);
  // "ngày 5 tháng 3 năm 1948", "tháng 3/1948", "năm 1948"
  const w = foldWords(text);
  if ((r = /^ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})$/.exec(w)))
    return fromDayMonthYear(c, r[1]!, r[2]!, r[3]!);
  if ((r = /^thang (\d{1,2}) (?:nam )?(\d{4})$/.exec(w)))
    return checked(c, { y: Number(r[2]), m: Number(r[1]) });
  if ((r = /^nam (\d{4})$/.exec(w))) return checked(c, { y: Number(r[1]) });
  return fail(unreadable(c));
}

/**
 * Reads a date cell into a partial date.
 *
 * @example
 * normalizeDate('5/3/1948', { kind: 'birth', today: '2025-06-01' }).value // '1948-03-05'
 * normalizeDate(17597, { kind: 'birth', today: '2025-06-01' }).value      // '1948-03-05' (Excel serial)
 * normalizeDate('03/1948', { kind: 'birth', today: '2025-06-01' }).value  // '1948-03'
 */
export function normalizeDate(raw: unknown, opts: DateOptions): Normalized<string> {
  const field = opts.field ?? (opts.kind === 'birth' ? 'birthDate' : 'joinedOn');
  const label =
    field === 'birthDate' || field.startsWith('birthYear')
      ? { vi: 'Ngày sinh', en: 'Birth date' }
      : field === 'joinedOn'
        ? { vi: 'Ngày vào hội', en: 'Joining date' }
        : { vi: 'Ngày', en: 'Date' };
  const c: Ctx = { field, label, today: opts.today, raw };
  const cell = readCell(raw);
  switch (cell.kind) {
    case 'blank':
      return ok(null);
    case 'date':
      return fromDate(c, cell.value);
    case 'number':
      return fromNumber(c, cell.value);
    case 'text':
      return fromText(c, cell.text);
    case 'bool':
    case 'other':
      return fail(unreadable(c));
  }
}

export interface BirthYearOptions {
  today: string;
  field?: ImportField;
}

/**
 * Reads a "Năm sinh" cell: a bare year, as a number or text. Two-digit years take the century
 * that keeps them in the past, with a warning. Anything else is an error (the row falls back to
 * reading the cell as a full date).
 *
 * @example
 * normalizeBirthYearCell('1948', { today: '2025-06-01' }).value // 1948
 */
export function normalizeBirthYearCell(raw: unknown, opts: BirthYearOptions): Normalized<number> {
  const field = opts.field ?? 'birthYear';
  const c: Ctx = { field, label: { vi: 'Năm sinh', en: 'Year of birth' }, today: opts.today, raw };
  const cell = readCell(raw);
  if (cell.kind === 'blank') return ok(null);
  let year: number | null = null;
  let twoDigit = false;
  if (cell.kind === 'number' && Number.isInteger(cell.value) && cell.value >= 0) {
    year = cell.value;
    twoDigit = year < 100;
  } else if (cell.kind === 'text' && /^\d{2}(\d{2})?$/.test(cell.text)) {
    year = Number(cell.text);
    twoDigit = cell.text.length === 2;
  }
  if (year === null || (year < 1000 && !twoDigit))
    return fail(
      makeIssue(
        'BIRTH_YEAR_INVALID',
        field,
        `Năm sinh${quoted(raw)} không phải là một năm: hãy ghi 4 chữ số, ví dụ 1948.`,
        `Year of birth${quoted(raw)} is not a year: write four digits, e.g. 1948.`,
      ),
    );
  const r = twoDigit ? withCentury(c, year) : checked(c, { y: year });
  if (r.error || r.value === null) return fail(r.error ?? unreadable(c), r.warnings);
  return ok(Number(r.value), r.warnings);
}
