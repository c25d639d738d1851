/**
 * Dues arithmetic that needs no database: which years are already due on a date, and the
 * numbers a dues line shows. Which years are settled is decided in SQL (dues.repo settledYears).
 */
import type { YearFact } from './dues.repo.js';

/**
 * The latest year whose dues are already overdue on `today`: a year falls due at the end of
 * `dueMonth` of that year, so before then it is last year.
 *
 * @example
 *   lastOverdueYear('2025-03-31', 3); // 2024
 *   lastOverdueYear('2025-04-01', 3); // 2025
 */
export function lastOverdueYear(today: string, dueMonth: number): number {
  const ty = Number(today.slice(0, 4));
  const tm = Number(today.slice(5, 7));
  return ty + Math.floor((tm - dueMonth - 1) / 12);
}

/** Due, paid and outstanding of one year: exempt years owe nothing; no rate means nothing due. */
export function amountsOf(f: YearFact): { due: number; paid: number; outstanding: number } {
  const due = f.exempt ? 0 : (f.rate ?? 0);
  return { due, paid: f.paid, outstanding: Math.max(0, due - f.paid) };
}
