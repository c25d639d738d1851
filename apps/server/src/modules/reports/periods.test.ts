import { describe, expect, it } from 'vitest';
import {
  dueDate,
  parsePeriod,
  periodContaining,
  periodsOfYear,
  trailingPeriods,
} from './periods.js';

describe('report periods (Decree 09/2019 Art. 12 cut-offs)', () => {
  it('runs each period from the 15th to the 14th', () => {
    expect(parsePeriod('2026-M11')).toMatchObject({
      type: 'month',
      from: '2026-10-15',
      to: '2026-11-14',
      label: { vi: 'Tháng 11/2026' },
    });
    expect(parsePeriod('2026-M01')).toMatchObject({ from: '2025-12-15', to: '2026-01-14' });
    expect(parsePeriod('2026-Q1')).toMatchObject({
      from: '2025-12-15',
      to: '2026-03-14',
      label: { vi: 'Quý I/2026' },
    });
    expect(parsePeriod('2026-Q4')).toMatchObject({ from: '2026-09-15', to: '2026-12-14' });
    expect(parsePeriod('2026-H1')).toMatchObject({
      from: '2025-12-15',
      to: '2026-06-14',
      label: { vi: '6 tháng đầu năm 2026' },
    });
    expect(parsePeriod('2026-H2')).toMatchObject({ from: '2026-06-15', to: '2026-12-14' });
    expect(parsePeriod('2026-N9')).toMatchObject({ from: '2025-12-15', to: '2026-09-14' });
    expect(parsePeriod('2026-Y')).toMatchObject({
      from: '2025-12-15',
      to: '2026-12-14',
      label: { vi: 'Năm 2026' },
    });
  });

  it('a cut-off day of 1 gives calendar months, leap years included', () => {
    expect(parsePeriod('2028-M02', 1)).toMatchObject({ from: '2028-02-01', to: '2028-02-29' });
    expect(parsePeriod('2026-Y', 1)).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('refuses periods that do not exist', () => {
    for (const k of ['2026-M13', '2026-M00', '2026-Q5', '2026-H3', '26-M01', '2026-N8', '1999-Y'])
      expect(() => parsePeriod(k), k).toThrow(expect.objectContaining({ code: 'PERIOD_INVALID' }));
  });

  it('months tile the year without gaps or overlaps', () => {
    const months = periodsOfYear(2026, ['month']);
    expect(months).toHaveLength(12);
    for (let i = 1; i < months.length; i++) {
      const next = new Date(`${months[i - 1]!.to}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      expect(months[i]!.from).toBe(next.toISOString().slice(0, 10));
    }
    expect(months[0]!.from).toBe(parsePeriod('2026-Y').from);
    expect(months[11]!.to).toBe(parsePeriod('2026-Y').to);
  });

  it('trails back across years and finds the period holding a date', () => {
    expect(trailingPeriods(parsePeriod('2026-M02'), 4).map((p) => p.key)).toEqual([
      '2025-M11',
      '2025-M12',
      '2026-M01',
      '2026-M02',
    ]);
    expect(trailingPeriods(parsePeriod('2026-Q1'), 2).map((p) => p.key)).toEqual([
      '2025-Q4',
      '2026-Q1',
    ]);
    expect(periodContaining('2026-12-20', 'month').key).toBe('2027-M01');
    expect(periodContaining('2026-11-14', 'month').key).toBe('2026-M11');
  });

  it('the deadline counts working days after the cut-off, per level, skipping Tết', () => {
    const deadlines = [
      { level: 3, workingDays: 3 },
      { level: 2, workingDays: 5 },
    ];
    // 14/11/2026 is a Saturday: Mon 16 … Fri 20.
    expect(dueDate(parsePeriod('2026-M11'), 2, deadlines)).toBe('2026-11-20');
    // Deeper levels without their own rule take the nearest shallower one.
    expect(dueDate(parsePeriod('2026-M11'), 4, deadlines)).toBe('2026-11-18');
    // 14/02/2026 is in Tết (16–20 Feb 2026 are holidays): three working days run to 25/02.
    expect(dueDate(parsePeriod('2026-M02'), 3, deadlines)).toBe('2026-02-25');
  });
});
