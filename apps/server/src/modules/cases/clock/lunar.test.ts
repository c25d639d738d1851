import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lunarToSolar, solarToLunar } from './lunar.js';

const DAY_MS = 86_400_000;
const isoFromEpochDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const epochDayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

describe('Vietnamese lunar calendar (UTC+7)', () => {
  it.each([
    // Vietnam, not China: the new moon fell between 23:00 and 24:00 Vietnam time.
    [1985, '1985-01-21'], // China: 1985-02-20 (the Chinese leap month moved a month)
    [2007, '2007-02-17'], // China: 2007-02-18
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2029, '2029-02-13'],
    // New moon 2030-02-02 16:07 UT = 23:07 in Vietnam, 00:07 on 3 Feb in China: Vietnam's Tết
    // is 2 Feb (China's Spring Festival 3 Feb).
    [2030, '2030-02-02'],
  ])('Tết %i is %s', (year, iso) => {
    expect(lunarToSolar(1, 1, year)).toBe(iso);
    expect(solarToLunar(iso)).toEqual({ day: 1, month: 1, year, leap: false });
  });

  it('puts Giỗ Tổ Hùng Vương (10/3 lunar) on 7/4/2025 and 26/4/2026', () => {
    expect(lunarToSolar(10, 3, 2025)).toBe('2025-04-07');
    expect(lunarToSolar(10, 3, 2026)).toBe('2026-04-26');
    expect(solarToLunar('2026-04-26')).toEqual({ day: 10, month: 3, year: 2026, leap: false });
  });

  it('names the last day of the old year by the old lunar year', () => {
    expect(solarToLunar('2026-02-16')).toEqual({ day: 29, month: 12, year: 2025, leap: false });
    expect(solarToLunar('2025-01-28')).toEqual({ day: 29, month: 12, year: 2024, leap: false });
  });

  it('finds leap months (2020: 4th, 2023: 2nd) and refuses ones that do not exist', () => {
    expect(solarToLunar('2020-05-23')).toEqual({ day: 1, month: 4, year: 2020, leap: true });
    expect(lunarToSolar(1, 4, 2020, true)).toBe('2020-05-23');
    expect(lunarToSolar(1, 4, 2020)).toBe('2020-04-23');
    expect(solarToLunar('2023-03-22')).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(() => lunarToSolar(1, 3, 2023, true)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 1, 2026, true)).toThrow(RangeError);
    expect(() => lunarToSolar(0, 1, 2026)).toThrow(RangeError);
    expect(() => solarToLunar('2026-02-30')).toThrow(RangeError);
  });

  it('refuses day 30 of a 29-day month', () => {
    // Tháng Chạp Ất Tỵ (2025) has 29 days: 29 Chạp is 16/2/2026, Tết the next day.
    expect(lunarToSolar(29, 12, 2025)).toBe('2026-02-16');
    expect(() => lunarToSolar(30, 12, 2025)).toThrow(RangeError);
  });

  it('finds the month start even when the mean-month estimate is a lunation off', () => {
    // The textbook estimate of the lunation number overshoots here and gave "day 0 of month 4".
    expect(solarToLunar('2054-05-07')).toEqual({ day: 30, month: 3, year: 2054, leap: false });
    expect(solarToLunar('2054-05-08')).toEqual({ day: 1, month: 4, year: 2054, leap: false });
  });

  it('runs day by day without gaps 1990–2060: each day is the next lunar day or a new month', () => {
    const start = epochDayOf('1990-01-01');
    const end = epochDayOf('2060-12-31');
    let previous = solarToLunar(isoFromEpochDay(start - 1));
    for (let n = start; n <= end; n++) {
      const today = solarToLunar(isoFromEpochDay(n));
      if (today.day === 1) {
        expect([29, 30]).toContain(previous.day);
        if (today.leap) expect(today.month).toBe(previous.month);
        else expect(today.month).toBe((previous.month % 12) + 1);
      } else {
        expect(today).toEqual({ ...previous, day: previous.day + 1 });
      }
      previous = today;
    }
  });

  it('round-trips solar → lunar → solar for any day 1990–2060', () => {
    const start = epochDayOf('1990-01-01');
    const end = epochDayOf('2060-12-31');
    fc.assert(
      fc.property(fc.integer({ min: start, max: end }), (n) => {
        const iso = isoFromEpochDay(n);
        const l = solarToLunar(iso);
        expect(lunarToSolar(l.day, l.month, l.year, l.leap)).toBe(iso);
      }),
      { numRuns: 3000 },
    );
  });
});
