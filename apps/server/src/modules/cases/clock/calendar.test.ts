import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  WorkingCalendar,
  holidaysByRule,
  isWeekend,
  ruleCalendar,
  shiftDate,
  type CalendarDay,
} from './calendar.js';

const cal = ruleCalendar();
const daysOff = (year: number) => holidaysByRule(year).map((d) => d.day);
const manual = (day: string, kind: CalendarDay['kind'], name = 'Theo quyết định'): CalendarDay => ({
  day,
  kind,
  name,
  source: 'manual',
});

describe('holidaysByRule', () => {
  it('2026: Tết 16–20/2, Giỗ Tổ on Sunday 26/4 with Monday 27/4 off, 30/4–1/5, 1–2/9', () => {
    expect(daysOff(2026)).toEqual([
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ]);
    const names = holidaysByRule(2026);
    expect(names.find((d) => d.day === '2026-02-16')?.name).toBe('Tết Nguyên Đán (29 tháng Chạp)');
    expect(names.find((d) => d.day === '2026-04-27')?.name).toBe(
      'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)',
    );
    expect(names.every((d) => d.kind === 'holiday' && d.source === 'rule')).toBe(true);
  });

  it('2025 by rule: Tết 28/1–1/2, mùng 4 on a Saturday gives Monday 3/2', () => {
    // The Government's 2025 schedule was 27–31/1 instead (see the covered-year test below).
    expect(daysOff(2025).slice(0, 7)).toEqual([
      '2025-01-01',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-03',
    ]);
    expect(daysOff(2025)).toContain('2025-04-07');
  });

  it('pairs 2/9 with 1/9, or with 3/9 when 2/9 is a Thursday (published 2021–2025)', () => {
    const september = (y: number) => daysOff(y).filter((d) => d.slice(5, 7) === '09');
    expect(september(2021)).toEqual(['2021-09-02', '2021-09-03']); // Thu → Fri
    expect(september(2022)).toEqual(['2022-09-01', '2022-09-02']); // Fri
    expect(september(2023)).toEqual(['2023-09-01', '2023-09-02', '2023-09-04']); // Sat → Mon off
    expect(september(2024)).toEqual(['2024-09-01', '2024-09-02', '2024-09-03']); // Sun 1/9 → Tue
    expect(september(2025)).toEqual(['2025-09-01', '2025-09-02']);
    expect(september(2027)).toEqual(['2027-09-02', '2027-09-03']);
  });

  it('gives one compensatory day per weekend holiday, on consecutive free days', () => {
    // Tết 2027: mùng 1–2 on Saturday–Sunday 6–7/2 → Wednesday–Thursday 10–11/2.
    expect(daysOff(2027).filter((d) => d.startsWith('2027-02'))).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
    ]);
    // 30/4/2028 is a Sunday and 1/5 a Monday: Tuesday 2/5 is off.
    expect(daysOff(2028)).toEqual(expect.arrayContaining(['2028-01-03', '2028-05-02']));
  });

  it('produces 11 statutory days plus one compensatory day per weekend holiday, any year', () => {
    for (let year = 1995; year <= 2060; year++) {
      const days = holidaysByRule(year);
      const statutory = days.filter((d) => !d.name.startsWith('Nghỉ bù'));
      expect(statutory).toHaveLength(11);
      expect(days.length - 11).toBe(statutory.filter((d) => isWeekend(d.day)).length);
      expect(new Set(days.map((d) => d.day)).size).toBe(days.length);
      expect(days.every((d) => d.day.startsWith(`${year}-`))).toBe(true);
    }
  });
});

describe('WorkingCalendar', () => {
  it('counts working days after the trigger day, skipping weekends and Tết', () => {
    expect(cal.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(cal.addWorkingDays('2026-02-10', 7)).toBe('2026-02-26');
    expect(cal.addWorkingDays('2026-03-14', 1)).toBe('2026-03-16'); // from a Saturday
    expect(cal.addWorkingDays('2026-03-16', 0)).toBe('2026-03-16');
    expect(() => cal.addWorkingDays('2026-03-16', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-13-01', 1)).toThrow(RangeError);
  });

  it('does not count skipped (suspended) days', () => {
    const skip = (d: string) => d >= '2026-03-18' && d <= '2026-03-19';
    expect(cal.addWorkingDays('2026-03-16', 3)).toBe('2026-03-19');
    expect(cal.addWorkingDays('2026-03-16', 3, skip)).toBe('2026-03-23');
    expect(cal.addCalendarDays('2026-03-16', 3, skip)).toBe('2026-03-23'); // 17, 20, 21 → Sat → Mon
  });

  it('rolls a calendar-day period ending on a rest day or holiday to the next working day', () => {
    // 27/3 + 30 = Sunday 26/4 (Giỗ Tổ); Monday 27/4 is its compensatory day → Tuesday 28/4.
    expect(cal.addCalendarDays('2026-03-27', 30)).toBe('2026-04-28');
    // 31/3 + 30 = 30/4; 1/5 holiday; 2–3/5 weekend → Monday 4/5.
    expect(cal.addCalendarDays('2026-03-31', 30)).toBe('2026-05-04');
    expect(cal.addCalendarDays('2026-03-02', 30)).toBe('2026-04-01');
    expect(cal.nextWorkingDayOnOrAfter('2026-02-14')).toBe('2026-02-23');
    expect(cal.nextWorkingDayOnOrAfter('2026-02-23')).toBe('2026-02-23');
  });

  it('counts working days between two dates, signed', () => {
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-24')).toBe(2);
    expect(cal.workingDaysBetween('2026-02-24', '2026-02-13')).toBe(-2);
    expect(cal.workingDaysBetween('2026-02-24', '2026-02-24')).toBe(0);
  });

  it('uses only the rows in a covered year: the 2025 Tết schedule 27–31/1', () => {
    const rows = [
      ...holidaysByRule(2025).filter(
        (d) => !d.day.startsWith('2025-01-2') && d.day.slice(5, 7) !== '02',
      ),
      ...['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'].map((d) =>
        manual(d, 'holiday', 'Tết Nguyên Đán'),
      ),
    ];
    const official = new WorkingCalendar(rows, [2025]);
    expect(official.isWorkingDay('2025-01-27')).toBe(false);
    expect(official.isWorkingDay('2025-02-03')).toBe(true);
    expect(cal.isWorkingDay('2025-01-27')).toBe(true);
    expect(cal.isWorkingDay('2025-02-03')).toBe(false);
    // 2025 rows say nothing of 2026: the rule applies there.
    expect(official.isWorkingDay('2026-02-16')).toBe(false);
    expect(official.specialDays(2025).map((d) => d.day)).toContain('2025-01-27');
  });

  it('counts a make-up Saturday and lays rows over the rule in an uncovered year', () => {
    const swapped = new WorkingCalendar(
      [manual('2027-02-12', 'holiday', 'Nghỉ hoán đổi'), manual('2027-02-20', 'workday', 'Làm bù')],
      [],
    );
    expect(swapped.isWorkingDay('2027-02-12')).toBe(false);
    expect(swapped.isWorkingDay('2027-02-20')).toBe(true); // a Saturday
    expect(swapped.isWorkingDay('2027-02-08')).toBe(false); // rule holiday still there
    expect(swapped.addWorkingDays('2027-02-11', 1)).toBe('2027-02-15');
    expect(swapped.addWorkingDays('2027-02-19', 1)).toBe('2027-02-20');
    expect(swapped.specialDays(2027).find((d) => d.day === '2027-02-20')?.kind).toBe('workday');
  });

  it('always lands on a working day, exactly n working days later (property)', () => {
    const start = Date.parse('2020-01-01') / 86_400_000;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 * 15 }),
        fc.integer({ min: 1, max: 60 }),
        (o, n) => {
          const from = shiftDate(new Date(start * 86_400_000).toISOString().slice(0, 10), o);
          const due = cal.addWorkingDays(from, n);
          expect(cal.isWorkingDay(due)).toBe(true);
          expect(cal.workingDaysBetween(from, due)).toBe(n);
          const end = cal.addCalendarDays(from, n);
          expect(cal.isWorkingDay(end)).toBe(true);
          expect(end >= shiftDate(from, n)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
