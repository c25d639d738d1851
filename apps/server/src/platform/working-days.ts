/**
 * Working days in Vietnam: Monday to Friday except public holidays (Labor Code 45/2019/QH14
 * Art. 112), for statutory deadlines such as the 2-working-day answer to a data-subject request
 * (Decree 356/2025).
 *
 * This is a SEED: a code table for 2025–2028. The editable holiday calendar of the complaints
 * issue (where the Prime Minister's yearly decisions and swapped working Saturdays can be
 * entered) will replace it; until then make-up working Saturdays are not modelled, which can
 * only make a deadline later by a day, never earlier.
 *
 * Holidays (Art. 112(1)): 1/1; Tết Nguyên Đán, 5 days; Giỗ Tổ Hùng Vương (10/3 lunar); 30/4;
 * 1/5; Quốc khánh 2/9 and one adjacent day. A holiday on a Saturday or Sunday moves to the next
 * working day (Art. 112(3)). Outside the table only the solar holidays are known.
 */

/**
 * Lunar holidays as solar dates (Vietnamese lunar calendar, UTC+7): the first day of Tết and
 * Giỗ Tổ Hùng Vương; and the day the government pairs with 2/9. Tết off days are taken as the
 * last day of the old year plus the first four of the new one — the usual choice of the Prime
 * Minister's yearly decision (2025 and 2026 match the published schedules; 2027–2028 are
 * estimates until those decisions are issued).
 */
const YEARLY: Readonly<
  Record<number, { tet: string; hungKings: string; nationalDayPair: string }>
> = {
  2025: { tet: '2025-01-29', hungKings: '2025-04-07', nationalDayPair: '2025-09-01' },
  2026: { tet: '2026-02-17', hungKings: '2026-04-26', nationalDayPair: '2026-09-01' },
  2027: { tet: '2027-02-06', hungKings: '2027-04-16', nationalDayPair: '2027-09-03' },
  2028: { tet: '2028-01-26', hungKings: '2028-04-04', nationalDayPair: '2028-09-01' },
};

const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}
function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
function shift(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}
function isWeekend(date: string): boolean {
  const d = new Date(toUtc(date)).getUTCDay();
  return d === 0 || d === 6;
}

const cache = new Map<number, ReadonlySet<string>>();

/** The days off for public holidays in `year` (including days moved off a weekend), as `YYYY-MM-DD`. */
export function publicHolidays(year: number): ReadonlySet<string> {
  const hit = cache.get(year);
  if (hit) return hit;
  const days = [`${year}-01-01`, `${year}-04-30`, `${year}-05-01`, `${year}-09-02`];
  const y = YEARLY[year];
  if (y) {
    for (let i = -1; i <= 3; i++) days.push(shift(y.tet, i));
    days.push(y.hungKings, y.nationalDayPair);
  }
  const off = new Set(days);
  for (const day of [...off].sort()) {
    if (!isWeekend(day)) continue;
    let next = shift(day, 1);
    while (isWeekend(next) || off.has(next)) next = shift(next, 1);
    off.add(next);
  }
  cache.set(year, off);
  return off;
}

/** Is `date` (`YYYY-MM-DD`) a working day: a weekday that is not a public holiday? */
export function isWorkingDay(date: string): boolean {
  return !isWeekend(date) && !publicHolidays(Number(date.slice(0, 4))).has(date);
}

/**
 * The `n`-th working day after `date` (the day of receipt does not count).
 *
 * @example addWorkingDays('2025-03-14', 2) // Friday → '2025-03-18' (Tuesday)
 */
export function addWorkingDays(date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0;) {
    d = shift(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}
