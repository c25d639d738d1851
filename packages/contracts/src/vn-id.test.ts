import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPersonalId, normalizeVnPhone, OLD_PROVINCE_ID_PREFIXES } from './vn-id.js';
import { compareVietnameseNames, foldVietnamese, vietnameseNameSortKey } from './vn-text.js';
import { isRealPartialDate, parseVnPartialDate } from './members.js';

const prefixes = Object.keys(OLD_PROVINCE_ID_PREFIXES);
const thisYear = new Date().getUTCFullYear();

/** A well-formed personal ID for someone born in `year` with `gender`. */
const idArb = fc
  .record({
    prefix: fc.constantFrom(...prefixes),
    year: fc.integer({ min: 1900, max: thisYear }),
    female: fc.boolean(),
    serial: fc.integer({ min: 0, max: 999_999 }),
  })
  .map((r) => {
    const g = (Math.floor(r.year / 100) - 19) * 2 + (r.female ? 1 : 0);
    return {
      ...r,
      id: `${r.prefix}${g}${String(r.year % 100).padStart(2, '0')}${String(r.serial).padStart(6, '0')}`,
    };
  });

describe('personal ID numbers', () => {
  it('accepts every well-formed ID and decodes birth year and sex from it', () => {
    fc.assert(
      fc.property(idArb, (r) => {
        const c = checkPersonalId(r.id, {
          birthYear: r.year,
          gender: r.female ? 'female' : 'male',
        });
        expect(c).toMatchObject({
          ok: true,
          warnings: [],
          birthYear: r.year,
          gender: r.female ? 'female' : 'male',
        });
      }),
    );
  });
  it('warns (never fails) when the birth year or sex entered disagree', () => {
    fc.assert(
      fc.property(idArb, fc.integer({ min: 1, max: 50 }), (r, shift) => {
        const c = checkPersonalId(r.id, {
          birthYear: r.year - shift,
          gender: r.female ? 'male' : 'female',
        });
        expect(c.ok).toBe(true);
        expect(c.warnings).toEqual(['birth_year_mismatch', 'gender_mismatch']);
      }),
    );
  });
  it('rejects wrong lengths, non-digits and unknown province prefixes', () => {
    fc.assert(
      fc.property(idArb, fc.integer({ min: 1, max: 11 }), (r, cut) => {
        expect(checkPersonalId(r.id.slice(0, cut)).error).toBe('length');
        expect(checkPersonalId(`${r.id}7`).error).toBe('length');
        expect(checkPersonalId(`${r.id.slice(0, 11)}x`).error).toBe('digits');
      }),
    );
    const unknown = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0')).filter(
      (p) => !prefixes.includes(p),
    );
    fc.assert(
      fc.property(fc.constantFrom(...unknown), (p) => {
        expect(checkPersonalId(`${p}050123456`).error).toBe('prefix');
      }),
    );
  });
  it('rejects a century digit that gives a birth year in the future', () => {
    expect(checkPersonalId('001450123456').error).toBe('century'); // 2150
    expect(checkPersonalId('001299123456').error).toBe('century'); // 2099
    // The new 34-province code 24 (Bắc Ninh) is not an ID prefix question: 024 is old Bắc Giang.
    expect(OLD_PROVINCE_ID_PREFIXES['024']).toBe('Bắc Giang');
  });
});

describe('phones', () => {
  it('normalizes +84, 84 and 0 forms with separators to the same national number', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('3', '5', '7', '8', '9'),
        fc.integer({ min: 0, max: 99_999_999 }),
        (p, n) => {
          const rest = `${p}${String(n).padStart(8, '0')}`;
          const want = `0${rest}`;
          expect(normalizeVnPhone(want)).toBe(want);
          expect(normalizeVnPhone(`+84${rest}`)).toBe(want);
          expect(
            normalizeVnPhone(`84 ${rest.slice(0, 2)} ${rest.slice(2, 5)} ${rest.slice(5)}`),
          ).toBe(want);
          expect(
            normalizeVnPhone(`0${rest.slice(0, 3)}.${rest.slice(3, 6)}.${rest.slice(6)}`),
          ).toBe(want);
        },
      ),
    );
    expect(normalizeVnPhone('+1 202 555 0100')).toBeNull();
    expect(normalizeVnPhone('0123456789')).toBeNull();
    expect(normalizeVnPhone('091234567')).toBeNull();
  });
});

describe('Vietnamese names', () => {
  it('folds diacritics and đ for search', () => {
    expect(foldVietnamese('Nguyễn Văn Đức')).toBe('nguyen van duc');
    expect(foldVietnamese('ĐẶNG THỊ HƯỜNG')).toBe('dang thi huong');
  });
  it('sorts by given name first, in the Vietnamese alphabet, tones second', () => {
    const names = [
      'Trần Văn Đức',
      'Nguyễn Thị Dung',
      'Lê Văn An',
      'Phạm Ăn',
      'Nguyễn Văn Ân',
      'Hoàng Văn Bình',
      'Lê Thị Hưng',
      'Nguyễn Hùng',
      'Trần Hưng',
      'Vũ Văn Hủng',
      'Ngô Hung',
    ];
    const sorted = [...names].sort(compareVietnameseNames);
    expect(sorted).toEqual([
      'Lê Văn An',
      'Phạm Ăn',
      'Nguyễn Văn Ân',
      'Hoàng Văn Bình',
      'Nguyễn Thị Dung',
      'Trần Văn Đức',
      'Ngô Hung',
      'Nguyễn Hùng',
      'Vũ Văn Hủng',
      'Lê Thị Hưng',
      'Trần Hưng',
    ]);
  });
  it('is a total order consistent with the key, shorter names first', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            'An',
            'Ân',
            'Anh',
            'Bình',
            'Đức',
            'Dũng',
            'Hưng',
            'Hùng',
            'Nguyễn',
            'Lê',
            'Thị',
            'Văn',
          ),
          { minLength: 1, maxLength: 4 },
        ),
        (words) => {
          const a = words.join(' ');
          const b = `${a} An`;
          // Same family/middle prefix, extra given name: ordering is by the given name, so compare keys directly.
          expect(vietnameseNameSortKey(a) === vietnameseNameSortKey(a)).toBe(true);
          expect(compareVietnameseNames(a, a)).toBe(0);
          expect(Math.sign(compareVietnameseNames(a, b))).toBe(
            -Math.sign(compareVietnameseNames(b, a)),
          );
        },
      ),
    );
    expect(compareVietnameseNames('Lê An', 'Nguyễn Văn An')).toBeLessThan(0);
  });
});

describe('partial dates', () => {
  it('parses yyyy, mm/yyyy and dd/mm/yyyy and refuses impossible dates', () => {
    expect(parseVnPartialDate('1948')).toBe('1948');
    expect(parseVnPartialDate('5/1948')).toBe('1948-05');
    expect(parseVnPartialDate('12/05/1948')).toBe('1948-05-12');
    expect(parseVnPartialDate('31/02/1948')).toBeNull();
    expect(parseVnPartialDate('13/1948')).toBeNull();
    expect(isRealPartialDate('1948-02-29')).toBe(true);
    expect(isRealPartialDate('1949-02-29')).toBe(false);
  });
});
