import { ETHNICITIES, MEMBER_CATEGORIES, MEMBER_CATEGORY_NAMES, RELIGIONS } from '@hoi/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldCompact } from './cells.js';
import {
  normalizeCategory,
  normalizeEthnicity,
  normalizeGender,
  normalizeReligion,
} from './codes.js';
import {
  checkCanonicalUnchanged,
  checkIdempotent,
  checkNeverThrows,
  messyText,
} from './test-arbitraries.js';

/** Random case, optionally without diacritics: what officers type. */
const spellings = (words: readonly string[]) =>
  messyText(
    fc
      .tuple(fc.constantFrom(...words), fc.constantFrom('as is', 'upper', 'lower', 'unaccented'))
      .map(([w, how]) =>
        how === 'upper'
          ? w.toUpperCase()
          : how === 'lower'
            ? w.toLowerCase()
            : how === 'unaccented'
              ? w
                  .normalize('NFD')
                  .replace(/[\u0300-\u036f]/g, '')
                  .replace(/đ/g, 'd')
                  .replace(/Đ/g, 'D')
              : w,
      ),
  );

describe('normalizeGender', () => {
  it.each<[unknown, 'male' | 'female', string[]]>([
    ['Nam', 'male', []],
    ['nam', 'male', []],
    ['NAM', 'male', []],
    ['Nữ', 'female', []],
    ['nu', 'female', []],
    ['NỮ', 'female', []],
    ['Nu\u0303', 'female', []],
    ['Nam giới', 'male', []],
    ['M', 'male', []],
    ['F', 'female', []],
    ['Male', 'male', []],
    ['female', 'female', []],
    ['Ông', 'male', ['GENDER_FROM_TITLE']],
    ['Bà', 'female', ['GENDER_FROM_TITLE']],
  ])('reads %j', (raw, value, warnings) => {
    const r = normalizeGender(raw);
    expect(r.value).toBe(value);
    expect(r.warnings.map((w) => w.code)).toEqual(warnings);
  });

  it.each<unknown>(['N', 'x', 'X', '?', 1, 0, '1', '0', true, 'khác', new Date()])(
    'rejects the ambiguous %j',
    (raw) => {
      const r = normalizeGender(raw);
      expect(r.value).toBeNull();
      expect(r.error?.code).toBe('GENDER_UNKNOWN');
    },
  );

  it('has the three properties', () => {
    checkNeverThrows(normalizeGender);
    checkIdempotent(
      normalizeGender,
      fc.oneof(spellings(['Nam', 'Nữ', 'Ông', 'Bà', 'M', 'F']), fc.string()),
    );
    checkCanonicalUnchanged(normalizeGender, fc.constantFrom('male', 'female'));
  });
});

describe('normalizeEthnicity', () => {
  it.each<[unknown, string, string[]]>([
    ['Kinh', '01', []],
    ['KINH', '01', []],
    ['Dân tộc Kinh', '01', []],
    ['Kinh (Việt)', '01', []],
    ['Việt', '01', []],
    ['01', '01', []],
    [1, '01', []],
    ['Tày', '02', []],
    ['Khơ-me', '05', []],
    ['Khơ Me', '05', []],
    ['Khmer', '05', []],
    ["H'Mông", '08', []],
    ['Hmông', '08', []],
    ['Mông', '08', []],
    ['Mèo', '08', ['ETHNICITY_OLD_NAME']],
    ['Ê Đê', '12', []],
    ['Êđê', '12', []],
    ['Gia Rai', '10', []],
    ['Bru - Vân Kiều', '23', []],
    ['Người Hoa', '04', []],
    ['Sán Chay', '15', []],
    ['Rơ Măm', '54', []],
  ])('reads %j', (raw, value, warnings) => {
    const r = normalizeEthnicity(raw);
    expect(r.error).toBeUndefined();
    expect(r.value).toBe(value);
    expect(r.warnings.map((w) => w.code)).toEqual(warnings);
  });

  it.each<unknown>(['Thượng', 'Nước ngoài', '55', 0, 'x', true])('rejects %j', (raw) => {
    expect(normalizeEthnicity(raw).error?.code).toBe('ETHNICITY_UNKNOWN');
  });

  it('tells every official name apart once folded', () => {
    const keys = Object.values(ETHNICITIES).map(foldCompact);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reads every official name, in any case and without diacritics', () => {
    fc.assert(
      fc.property(spellings(Object.values(ETHNICITIES)), (name) => {
        const r = normalizeEthnicity(name);
        expect(r.error).toBeUndefined();
        expect(r.warnings).toEqual([]);
        expect(foldCompact(ETHNICITIES[r.value!]!)).toBe(foldCompact(name));
      }),
      { numRuns: 150 },
    );
  });

  it('has the three properties', () => {
    checkNeverThrows(normalizeEthnicity);
    checkIdempotent(
      normalizeEthnicity,
      fc.oneof(
        spellings([...Object.values(ETHNICITIES), 'Mèo', 'Mán', 'Việt']),
        fc.string(),
        fc.integer({ min: 0, max: 60 }),
      ),
    );
    checkCanonicalUnchanged(normalizeEthnicity, fc.constantFrom(...Object.keys(ETHNICITIES)));
  });
});

describe('normalizeReligion', () => {
  it.each<[unknown, string]>([
    ['Không', '00'],
    ['không theo tôn giáo', '00'],
    ['Phật', '01'],
    ['Phật giáo', '01'],
    ['Đạo Phật', '01'],
    ['PHAT GIAO', '01'],
    ['Công giáo', '02'],
    ['Thiên Chúa giáo', '02'],
    ['Đạo Thiên Chúa', '02'],
    ['Phật giáo Hòa Hảo', '03'],
    ['Hòa Hảo', '03'],
    ['Cao Đài', '05'],
    ['Tin Lành', '08'],
    ["Baha'i", '12'],
    ['Tôn giáo khác', '99'],
    ['Khác', '99'],
    [2, '02'],
  ])('reads %j as %s', (raw, value) => {
    const r = normalizeReligion(raw);
    expect(r.error).toBeUndefined();
    expect(r.value).toBe(value);
    expect(r.warnings).toEqual([]);
  });

  it.each<[unknown, string]>([
    ['Kitô giáo', 'RELIGION_AMBIGUOUS'],
    ['Cơ Đốc giáo', 'RELIGION_AMBIGUOUS'],
    ['Thờ cúng ông bà', 'RELIGION_UNKNOWN'],
    [50, 'RELIGION_UNKNOWN'],
  ])('rejects %j with %s', (raw, code) => {
    expect(normalizeReligion(raw).error?.code).toBe(code);
  });

  it('has the three properties', () => {
    checkNeverThrows(normalizeReligion);
    checkIdempotent(normalizeReligion, fc.oneof(spellings(Object.values(RELIGIONS)), fc.string()));
    checkCanonicalUnchanged(normalizeReligion, fc.constantFrom(...Object.keys(RELIGIONS)));
  });
});

describe('normalizeCategory', () => {
  it.each<[unknown, string | null]>([
    ['Chính thức', 'official'],
    ['chinh thuc', 'official'],
    ['HỘI VIÊN CHÍNH THỨC', 'official'],
    ['Liên kết', 'associate'],
    ['Hội viên liên kết', 'associate'],
    ['Danh dự', 'honorary'],
    ['danh du', 'honorary'],
    ['official', 'official'],
    ['Honorary', 'honorary'],
    ['', null],
    [null, null],
  ])('reads %j', (raw, value) => {
    const r = normalizeCategory(raw);
    expect(r.error).toBeUndefined();
    expect(r.value).toBe(value);
  });

  it.each<unknown>(['Dự bị', 'x', 1])('rejects %j', (raw) => {
    expect(normalizeCategory(raw).error?.code).toBe('CATEGORY_UNKNOWN');
  });

  it('has the three properties', () => {
    checkNeverThrows(normalizeCategory);
    checkIdempotent(
      normalizeCategory,
      fc.oneof(
        spellings(MEMBER_CATEGORIES.map((c) => MEMBER_CATEGORY_NAMES[c].vi)),
        spellings(['Chính thức', 'Liên kết', 'Danh dự']),
        fc.string(),
      ),
    );
    checkCanonicalUnchanged(normalizeCategory, fc.constantFrom(...MEMBER_CATEGORIES));
  });
});
