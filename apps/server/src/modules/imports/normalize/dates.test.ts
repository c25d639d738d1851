import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeBirthYearCell, normalizeDate } from './dates.js';
import {
  TODAY,
  canonicalPartialDate,
  checkCanonicalUnchanged,
  checkIdempotent,
  checkNeverThrows,
  messyText,
  realDay,
} from './test-arbitraries.js';

const birth = (raw: unknown) => normalizeDate(raw, { kind: 'birth', today: TODAY });
const event = (raw: unknown) => normalizeDate(raw, { kind: 'event', today: TODAY });
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('normalizeDate', () => {
  it.each<[unknown, string, string[]]>([
    ['05/03/1948', '1948-03-05', []],
    ['5/3/1948', '1948-03-05', []],
    ['05-03-1948', '1948-03-05', []],
    ['05.03.1948', '1948-03-05', []],
    [' 5 / 3 / 1948 ', '1948-03-05', []],
    ['5/3/48', '1948-03-05', ['DATE_TWO_DIGIT_YEAR']],
    ['1/1/25', '2025-01-01', ['DATE_TWO_DIGIT_YEAR']],
    ['1/12/25', '1925-12-01', ['DATE_TWO_DIGIT_YEAR']],
    ['03/1948', '1948-03', []],
    ['3/1948', '1948-03', []],
    ['1948', '1948', []],
    [1948, '1948', []],
    ['1948-03-05', '1948-03-05', []],
    ['1948-03', '1948-03', []],
    ['1948/3/5', '1948-03-05', []],
    ['1948-03-05 00:00:00', '1948-03-05', []],
    ['00/00/1948', '1948', []],
    ['xx/03/1948', '1948-03', []],
    ['ngày 5 tháng 3 năm 1948', '1948-03-05', []],
    ['Tháng 3/1948', '1948-03', []],
    ['năm 1948', '1948', []],
    [17597, '1948-03-05', []],
    [17597.75, '1948-03-05', []],
    ['17597', '1948-03-05', ['DATE_FROM_EXCEL_SERIAL']],
    [59, '1900-02-28', []],
    [61, '1900-03-01', []],
    [utc(1948, 3, 5), '1948-03-05', []],
    [new Date('1948-03-05T09:13:00Z'), '1948-03-05', ['DATE_TIME_DROPPED']],
    [new Date('1948-03-04T17:00:00Z'), '1948-03-04', ['DATE_TIME_DROPPED']],
  ])('reads %j as %s', (raw, value, warnings) => {
    const r = birth(raw);
    expect(r.error).toBeUndefined();
    expect(r.value).toBe(value);
    expect(r.warnings.map((w) => w.code)).toEqual(warnings);
  });

  it.each<[unknown, string]>([
    ['13/25/1950', 'DATE_NOT_REAL'],
    ['31/02/1950', 'DATE_NOT_REAL'],
    ['29/02/1951', 'DATE_NOT_REAL'],
    ['12/00/1948', 'DATE_UNREADABLE'],
    ['15/06', 'DATE_UNREADABLE'],
    ['5/48', 'DATE_UNREADABLE'],
    ['khoảng 1948', 'DATE_UNREADABLE'],
    ['1948?', 'DATE_UNREADABLE'],
    [60, 'DATE_UNREADABLE'],
    [0, 'DATE_UNREADABLE'],
    [-5, 'DATE_UNREADABLE'],
    [9_999_999, 'DATE_UNREADABLE'],
    [true, 'DATE_UNREADABLE'],
    [{ error: '#VALUE!' }, 'DATE_UNREADABLE'],
    ['16/06/2025', 'DATE_IN_FUTURE'],
    ['07/2025', 'DATE_IN_FUTURE'],
    ['2026', 'DATE_IN_FUTURE'],
    [2030, 'DATE_IN_FUTURE'],
    [utc(2099, 1, 1), 'DATE_IN_FUTURE'],
    ['1879', 'DATE_TOO_OLD'],
    ['01/01/1850', 'DATE_TOO_OLD'],
    [1234, 'DATE_TOO_OLD'],
  ])('rejects %j with %s', (raw, code) => {
    const r = birth(raw);
    expect(r.value).toBeNull();
    expect(r.error?.code).toBe(code);
    expect(r.error?.field).toBe('birthDate');
  });

  it('never swaps day and month, and says why a month above 12 fails', () => {
    const r = birth('12/25/1950');
    expect(r.error?.code).toBe('DATE_NOT_REAL');
    expect(r.error?.message).toContain('tháng/ngày');
    expect(r.error?.message).toContain('“12/25/1950”');
  });

  it('treats blank cells as no date, without a warning', () => {
    for (const raw of [null, undefined, '', '   ', '\u00a0', '-', '...'])
      expect(birth(raw)).toEqual({ value: null, warnings: [] });
  });

  it('names the field given, and defaults event dates to joinedOn', () => {
    expect(event('32/01/2000').error?.field).toBe('joinedOn');
    expect(normalizeDate('x', { kind: 'event', today: TODAY, field: 'notes' }).error?.field).toBe(
      'notes',
    );
  });

  it('never throws', () => {
    checkNeverThrows(birth);
    checkNeverThrows(event);
  });

  const messyDates = fc.oneof(
    realDay,
    realDay.map((d) => (d.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000),
    fc.integer({ min: 1, max: 80_000 }),
    fc.integer({ min: 1850, max: 2030 }),
    messyText(
      fc
        .tuple(
          fc.integer({ min: 0, max: 35 }),
          fc.integer({ min: 0, max: 14 }),
          fc.oneof(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1870, max: 2030 })),
          fc.constantFrom('/', '-', '.'),
        )
        .map(([d, m, y, s]) => `${d}${s}${m}${s}${y}`),
    ),
    messyText(fc.stringMatching(/^\d{5}$/)),
    fc.string(),
  );

  it('is idempotent', () => {
    checkIdempotent(birth, messyDates);
    checkIdempotent(event, messyDates);
  });

  it('returns a canonical date unchanged, without a warning', () => {
    checkCanonicalUnchanged(birth, canonicalPartialDate);
    checkCanonicalUnchanged(event, canonicalPartialDate);
  });

  it('reads every real day typed as dd/mm/yyyy, d/m/yyyy or as an exceljs Date', () => {
    fc.assert(
      fc.property(realDay, fc.boolean(), (d, padded) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, m, day] = iso.split('-');
        const typed = padded ? `${day}/${m}/${y}` : `${Number(day)}/${Number(m)}/${y}`;
        expect(birth(typed)).toEqual({ value: iso, warnings: [] });
        expect(birth(d)).toEqual({ value: iso, warnings: [] });
      }),
      { numRuns: 200 },
    );
  });
});

describe('normalizeBirthYearCell', () => {
  const year = (raw: unknown) => normalizeBirthYearCell(raw, { today: TODAY });

  it.each<[unknown, number, string[]]>([
    [1948, 1948, []],
    ['1948', 1948, []],
    [' 1948 ', 1948, []],
    ['48', 1948, ['DATE_TWO_DIGIT_YEAR']],
    [48, 1948, ['DATE_TWO_DIGIT_YEAR']],
    ['20', 2020, ['DATE_TWO_DIGIT_YEAR']],
    [2025, 2025, []],
  ])('reads %j as %i', (raw, value, warnings) => {
    const r = year(raw);
    expect(r.error).toBeUndefined();
    expect(r.value).toBe(value);
    expect(r.warnings.map((w) => w.code)).toEqual(warnings);
  });

  it.each<[unknown, string]>([
    ['12/05/1948', 'BIRTH_YEAR_INVALID'],
    [1948.5, 'BIRTH_YEAR_INVALID'],
    ['194', 'BIRTH_YEAR_INVALID'],
    [new Date(Date.UTC(1948, 0, 1)), 'BIRTH_YEAR_INVALID'],
    ['khoảng 1948', 'BIRTH_YEAR_INVALID'],
    [2026, 'DATE_IN_FUTURE'],
    [1870, 'DATE_TOO_OLD'],
  ])('rejects %j with %s', (raw, code) => {
    expect(year(raw).error?.code).toBe(code);
  });

  it('has the three properties', () => {
    checkNeverThrows(year);
    checkIdempotent(
      year,
      fc.oneof(
        fc.integer({ min: 0, max: 2100 }),
        messyText(fc.integer({ min: 0, max: 2100 }).map(String)),
        fc.string(),
      ),
    );
    checkCanonicalUnchanged(year, fc.integer({ min: 1880, max: 2025 }));
  });
});
