/**
 * Working days in Vietnam: Monday to Friday except public holidays (Labor Code 45/2019/QH14
 * Art. 112), for statutory deadlines such as the 2-working-day answer to a data-subject request
 * (Decree 356/2025).
 *
 * A thin view of the rule calendar of the case clock (modules/cases/clock/calendar.ts): holidays
 * are generated for any year from the Vietnamese lunar calendar (UTC+7) — Tết (the last day of
 * the old year and lunar 1/1–4/1), Giỗ Tổ Hùng Vương (10/3 lunar), 1/1, 30/4, 1/5, 2/9 with its
 * paired day — and a holiday on a weekend gives a compensatory day on the next working day.
 * Edited calendar rows (published schedules, swapped Saturdays) are not seen here: callers that
 * need them use the WorkingCalendar the cases module builds from the database.
 */
import { holidaysByRule, ruleCalendar } from '../modules/cases/clock/calendar.js';

const calendar = ruleCalendar();
const cache = new Map<number, ReadonlySet<string>>();

/** The days off for public holidays in `year` (including compensatory days), as `YYYY-MM-DD`. */
export function publicHolidays(year: number): ReadonlySet<string> {
  let off = cache.get(year);
  if (!off) {
    off = new Set(holidaysByRule(year).map((d) => d.day));
    cache.set(year, off);
  }
  return off;
}

/** Is `date` (`YYYY-MM-DD`) a working day: a weekday that is not a public holiday? */
export function isWorkingDay(date: string): boolean {
  return calendar.isWorkingDay(date);
}

/**
 * The `n`-th working day after `date` (the day of receipt does not count); `date` itself when
 * `n` ≤ 0.
 *
 * @example addWorkingDays('2025-03-14', 2) // Friday → '2025-03-18' (Tuesday)
 */
export function addWorkingDays(date: string, n: number): string {
  return n <= 0 ? date : calendar.addWorkingDays(date, Math.ceil(n));
}
