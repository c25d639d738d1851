/**
 * Report periods with Decree 09/2019 Art. 12 cut-offs: a month runs from the 15th of the month
 * before to the 14th (the cut-off day is configurable per template; 1 gives calendar months);
 * a quarter, half year, nine months and year run from the start of their first month's period
 * to the end of their last month's. Pure functions, no database.
 */
import type { Period, PeriodType } from '@hoi/contracts';
import { AppError } from '../../platform/errors.js';
import { addWorkingDays } from '../../platform/working-days.js';

const ROMAN = ['I', 'II', 'III', 'IV'];
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const iso = (y: number, m: number, d: number) =>
  new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/** First day of month `m`'s period. */
function monthStart(year: number, m: number, cutoffDay: number): string {
  return cutoffDay === 1 ? iso(year, m, 1) : iso(year, m - 1, cutoffDay);
}
/** Last day of month `m`'s period. */
function monthEnd(year: number, m: number, cutoffDay: number): string {
  return cutoffDay === 1 ? iso(year, m + 1, 0) : iso(year, m, cutoffDay - 1);
}

function build(
  key: string,
  type: PeriodType,
  year: number,
  first: number,
  last: number,
  cutoffDay: number,
  vi: string,
  en: string,
): Period {
  return {
    key,
    type,
    year,
    from: monthStart(year, first, cutoffDay),
    to: monthEnd(year, last, cutoffDay),
    label: { vi, en },
  };
}

/** The period a key names (`2026-M11`, `2026-Q4`, `2026-H1`, `2026-N9`, `2026-Y`), or PERIOD_INVALID. */
export function parsePeriod(key: string, cutoffDay = 15): Period {
  const m = /^(\d{4})-(M(\d{2})|Q([1-4])|H([12])|N9|Y)$/.exec(key);
  const year = m ? Number(m[1]) : NaN;
  if (!m || year < 2000 || year > 2100) throw new AppError('PERIOD_INVALID', { period: key });
  if (m[3]) {
    const month = Number(m[3]);
    if (month < 1 || month > 12) throw new AppError('PERIOD_INVALID', { period: key });
    return build(
      key,
      'month',
      year,
      month,
      month,
      cutoffDay,
      `Tháng ${String(month).padStart(2, '0')}/${year}`,
      `${EN_MONTHS[month - 1]} ${year}`,
    );
  }
  if (m[4]) {
    const q = Number(m[4]);
    return build(
      key,
      'quarter',
      year,
      3 * q - 2,
      3 * q,
      cutoffDay,
      `Quý ${ROMAN[q - 1]}/${year}`,
      `Q${q} ${year}`,
    );
  }
  if (m[5] === '1')
    return build(
      key,
      'half',
      year,
      1,
      6,
      cutoffDay,
      `6 tháng đầu năm ${year}`,
      `First half of ${year}`,
    );
  if (m[5] === '2')
    return build(
      key,
      'half',
      year,
      7,
      12,
      cutoffDay,
      `6 tháng cuối năm ${year}`,
      `Second half of ${year}`,
    );
  if (m[2] === 'N9')
    return build(
      key,
      'nine_months',
      year,
      1,
      9,
      cutoffDay,
      `9 tháng năm ${year}`,
      `Nine months of ${year}`,
    );
  return build(key, 'year', year, 1, 12, cutoffDay, `Năm ${year}`, `Year ${year}`);
}

/** Every period of the given types in a year, in calendar order of their last day. */
export function periodsOfYear(
  year: number,
  types: readonly PeriodType[],
  cutoffDay = 15,
): Period[] {
  const keys: string[] = [];
  for (const t of types) {
    if (t === 'month')
      for (let i = 1; i <= 12; i++) keys.push(`${year}-M${String(i).padStart(2, '0')}`);
    if (t === 'quarter') for (let i = 1; i <= 4; i++) keys.push(`${year}-Q${i}`);
    if (t === 'half') keys.push(`${year}-H1`, `${year}-H2`);
    if (t === 'nine_months') keys.push(`${year}-N9`);
    if (t === 'year') keys.push(`${year}-Y`);
  }
  return keys
    .map((k) => parsePeriod(k, cutoffDay))
    .sort((a, b) => a.to.localeCompare(b.to) || b.from.localeCompare(a.from));
}

/** The `n` periods of the same type ending with `period` (oldest first). */
export function trailingPeriods(period: Period, n: number, cutoffDay = 15): Period[] {
  const out: Period[] = [period];
  let cur = period;
  while (out.length < n) {
    const prev = previousKey(cur);
    if (!prev) break;
    cur = parsePeriod(prev, cutoffDay);
    out.unshift(cur);
  }
  return out;
}

function previousKey(p: Period): string | null {
  const y = p.year;
  const suffix = p.key.slice(5);
  if (p.type === 'month') {
    const m = Number(suffix.slice(1));
    return m === 1 ? `${y - 1}-M12` : `${y}-M${String(m - 1).padStart(2, '0')}`;
  }
  if (p.type === 'quarter') {
    const q = Number(suffix.slice(1));
    return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
  }
  if (p.type === 'half') return suffix === 'H2' ? `${y}-H1` : `${y - 1}-H2`;
  if (p.type === 'nine_months') return `${y - 1}-N9`;
  return `${y - 1}-Y`;
}

/** Does the period's key belong to the types a template reports on? */
export function periodAllowed(period: Period, types: readonly PeriodType[]) {
  return types.includes(period.type);
}

/**
 * The submission deadline of a unit of `level`: the configured number of working days after the
 * period's last day (the deepest configured level's rule applies to deeper levels; 5 if none).
 */
export function dueDate(
  period: Period,
  level: number,
  deadlines: readonly { level: number; workingDays: number }[],
): string {
  const exact = deadlines.find((d) => d.level === level);
  const shallower = [...deadlines]
    .filter((d) => d.level <= level)
    .sort((a, b) => b.level - a.level)[0];
  const days = (exact ?? shallower)?.workingDays ?? 5;
  return addWorkingDays(period.to, days);
}

/** The period of `type` whose range holds `date` (for "the current period"). */
export function periodContaining(date: string, type: PeriodType, cutoffDay = 15): Period {
  const year = Number(date.slice(0, 4));
  for (const y of [year, year + 1]) {
    const hit = periodsOfYear(y, [type], cutoffDay).find((p) => p.from <= date && date <= p.to);
    if (hit) return hit;
  }
  throw new AppError('PERIOD_INVALID', { date });
}
