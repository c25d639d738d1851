/**
 * Vietnamese formatting for the report documents: numbers with a dot between thousands and a
 * comma before decimals ("1.234.567", "12,5%"), money in whole đồng, dates as dd/mm/yyyy, status
 * and timeliness in words, Roman section numbers. Written by hand rather than through
 * `toLocaleString('vi-VN')` (what the CLI uses) so the output does not depend on the ICU data
 * Node was built with.
 */
import {
  REPORT_STATUS_NAMES,
  type IndicatorType,
  type ReportStatus,
  type RollupView,
  type Timeliness,
} from '@hoi/contracts';
import { parseIsoDate } from '../../../documents/decree30.js';

/**
 * `n` with at most `maxFraction` decimals (trailing zeros dropped), dots between thousands and
 * a decimal comma; '' for a non-finite number.
 *
 * @example formatDecimal(1234567.5, 2) // "1.234.567,5"
 */
export function formatDecimal(n: number, maxFraction = 2): string {
  if (!Number.isFinite(n)) return '';
  const [whole = '0', fraction = ''] = Math.abs(n).toFixed(maxFraction).split('.');
  const frac = fraction.replace(/0+$/, '');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const sign = n < 0 && (/[1-9]/.test(whole) || frac !== '') ? '-' : '';
  return `${sign}${grouped}${frac ? `,${frac}` : ''}`;
}

/** A whole number of đồng, rounded: "1.234.567" (the unit is printed in its own column). */
export const formatMoney = (n: number): string => formatDecimal(Math.round(n), 0);

/** A percentage given in points (12.5 means 12,5%): "12,5%". */
export const formatPercent = (n: number): string => `${formatDecimal(n, 2)}%`;

/**
 * An indicator's value as printed in a table cell: counts grouped ("1.234.567", decimals only
 * for averages), money in whole đồng, percentages with "%"; null (and text indicators) → ''.
 */
export function formatValue(value: number | null | undefined, type: IndicatorType): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  switch (type) {
    case 'money':
      return formatMoney(value);
    case 'percent':
      return formatPercent(value);
    case 'count':
      return formatDecimal(value, 2);
    case 'text':
      return '';
  }
}

/**
 * The Excel number format of a numeric cell: `#,##0` for money and whole numbers (Excel shows
 * the reader's own thousands separator), two optional decimals otherwise.
 */
export function excelNumFmt(value: number, type: IndicatorType): string {
  return type === 'money' || Number.isInteger(value) ? NUM_FMT_INTEGER : NUM_FMT_DECIMAL;
}
export const NUM_FMT_INTEGER = '#,##0';
export const NUM_FMT_DECIMAL = '#,##0.0#';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "2026-02-05" → "05/02/2026" (throws VALIDATION_FAILED on an impossible date). */
export function formatDate(iso: string): string {
  const { day, month, year } = parseIsoDate(iso);
  return `${pad2(day)}/${pad2(month)}/${year}`;
}

/** The period's data range, "15/10/2026 – 14/11/2026". */
export const formatRange = (p: { from: string; to: string }): string =>
  `${formatDate(p.from)} – ${formatDate(p.to)}`;

/** The calendar day in Việt Nam (UTC+7, no daylight saving) of an instant, as dd/mm/yyyy. */
export function formatInstantDate(instant: string | null): string {
  const d = instantDay(instant);
  return d ? `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}` : '';
}

/** The calendar day in Việt Nam of an instant, as a UTC-midnight Date for a date cell. */
export function instantDay(instant: string | null): Date | null {
  if (!instant) return null;
  const t = Date.parse(instant);
  if (Number.isNaN(t)) return null;
  const d = new Date(t + 7 * 3600_000);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}
export const NUM_FMT_DATE = 'dd/mm/yyyy';

/** A period label inside a sentence: "Quý IV/2026" → "quý IV/2026", "6 tháng…" unchanged. */
export const lowerFirst = (s: string): string =>
  s ? s.charAt(0).toLocaleLowerCase('vi-VN') + s.slice(1) : s;

export const upper = (s: string): string => s.trim().toLocaleUpperCase('vi-VN');

export const statusName = (s: ReportStatus): string => REPORT_STATUS_NAMES[s].vi;

export const TIMELINESS_NAMES: Record<Timeliness, { vi: string; en: string }> = {
  on_time: { vi: 'Đúng hạn', en: 'On time' },
  late: { vi: 'Chậm', en: 'Late' },
  pending: { vi: 'Chưa đến hạn', en: 'Not yet due' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
};
export const timelinessName = (t: Timeliness): string => TIMELINESS_NAMES[t].vi;

/** The sentence printed under the title and with every table of a briefing document. */
export const VIEW_SENTENCES: Record<RollupView, string> = {
  as_was: 'Số liệu theo cơ cấu tổ chức tại thời điểm từng kỳ',
  restated: 'Số liệu các kỳ trước quy đổi về cơ cấu tổ chức hiện nay',
};

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** 1 → "I", 4 → "IV", 14 → "XIV" (section numbers of the documents). */
export function toRoman(n: number): string {
  let rest = Math.max(1, Math.floor(n));
  let out = '';
  for (const [v, s] of ROMAN)
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  return out;
}

/** `items` in consecutive groups of at most `max`, as even as possible (7 by 4 → 4 + 3). */
export function chunkEvenly<T>(items: readonly T[], max: number): T[][] {
  if (items.length === 0) return [];
  const groups = Math.ceil(items.length / max);
  const size = Math.ceil(items.length / groups);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
