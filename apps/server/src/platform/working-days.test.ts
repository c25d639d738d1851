import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, publicHolidays } from './working-days.js';

describe('working days', () => {
  it('skip the weekend', () => {
    expect(addWorkingDays('2025-03-14', 2)).toBe('2025-03-18');
    expect(addWorkingDays('2025-03-12', 2)).toBe('2025-03-14');
    expect(addWorkingDays('2025-03-15', 1)).toBe('2025-03-17');
  });

  it('skip public holidays: Tết, 30/4–1/5, Giỗ Tổ, Quốc khánh with its paired day', () => {
    // Tết Bính Ngọ: 16–20/2/2026 between two weekends.
    expect(addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(addWorkingDays('2025-04-29', 2)).toBe('2025-05-05');
    expect(isWorkingDay('2025-04-07')).toBe(false);
    expect(isWorkingDay('2025-09-01')).toBe(false);
    expect(isWorkingDay('2025-09-03')).toBe(true);
  });

  it('move a holiday that falls on a weekend to the next working day', () => {
    // 2/9/2028 is a Saturday: Monday 4/9 is off.
    expect(isWorkingDay('2028-09-04')).toBe(false);
    // Mùng 4 Tết 2025 (1/2) is a Saturday: Monday 3/2 is off.
    expect(publicHolidays(2025).has('2025-02-03')).toBe(true);
    // Outside the seed table only the solar holidays are known.
    expect(publicHolidays(2031).has('2031-01-01')).toBe(true);
  });
});
