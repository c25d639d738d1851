/**
 * `hoi calendar`: the national working-day calendar, edited by the installation's operator when
 * the government announces a year's Tết days, the day paired with 2/9 or a swapped Saturday.
 */
import { IsoDateSchema } from '@hoi/contracts';
import type { Db } from '../db/engine.js';
import { ensureCalendarYears } from '../modules/cases/cases-clock.js';
import { calendarDaysOfYear } from '../modules/cases/cases.repo.js';
import { AppError } from '../platform/errors.js';

const WEEKDAYS = ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'];

function checkDate(day: string): string {
  if (!IsoDateSchema.safeParse(day).success) {
    throw new AppError(
      'VALIDATION_FAILED',
      { field: 'date', value: day },
      {
        vi: `Ngày "${day}" không hợp lệ: dùng dạng YYYY-MM-DD, ví dụ 2027-02-05`,
        en: `Invalid date "${day}": use YYYY-MM-DD, e.g. 2027-02-05`,
      },
    );
  }
  return day;
}

/** The stored rows of a year (generating it by rule first if it was never stored). */
export async function calendarList(system: Db, year: number): Promise<string[]> {
  await ensureCalendarYears(system, [year]);
  const rows = await calendarDaysOfYear(system, year);
  return rows.map((r) => {
    const [y, m, d] = r.day.split('-');
    const wd = WEEKDAYS[new Date(`${r.day}T00:00:00Z`).getUTCDay()];
    const kind = r.kind === 'holiday' ? 'nghỉ / day off' : 'làm bù / make-up working day';
    return `${d}/${m}/${y} ${wd}  ${kind.padEnd(30)} ${r.name} (${r.source === 'rule' ? 'theo quy tắc / by rule' : 'nhập tay / manual'})`;
  });
}

/** Sets a day off or a make-up working day (replacing whatever the day had). */
export async function calendarSet(system: Db, day: string, kind: string, name: string) {
  checkDate(day);
  if (kind !== 'holiday' && kind !== 'workday') {
    throw new AppError(
      'VALIDATION_FAILED',
      { field: 'kind' },
      {
        vi: '--kind phải là holiday (ngày nghỉ) hoặc workday (ngày làm bù)',
        en: '--kind must be holiday (day off) or workday (make-up working day)',
      },
    );
  }
  if (!name.trim()) throw new AppError('VALIDATION_FAILED', { field: 'name' });
  await ensureCalendarYears(system, [Number(day.slice(0, 4))]);
  await system
    .insertInto('calendarDays')
    .values({ day, kind, name: name.trim(), source: 'manual' })
    .onConflict((oc) =>
      oc
        .column('day')
        .doUpdateSet({ kind, name: name.trim(), source: 'manual', updatedAt: new Date() }),
    )
    .execute();
}

/** Makes a stored day an ordinary day again (a weekday works, a weekend rests). */
export async function calendarRemove(system: Db, day: string): Promise<boolean> {
  checkDate(day);
  await ensureCalendarYears(system, [Number(day.slice(0, 4))]);
  const r = await system.deleteFrom('calendarDays').where('day', '=', day).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
