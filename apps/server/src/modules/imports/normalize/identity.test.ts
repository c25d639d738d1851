import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeIdNumber, normalizePhone, type IdNumbers } from './identity.js';
import {
  checkCanonicalUnchanged,
  checkIdempotent,
  checkNeverThrows,
  messyText,
  validIdArb,
  validPhone,
} from './test-arbitraries.js';

const id = (raw: unknown) => normalizeIdNumber(raw);
const feedId = (v: IdNumbers) => v.idNumber ?? v.legacyIdNumber;
const cccd = (n: string): IdNumbers => ({ idNumber: n, legacyIdNumber: null });
const cmnd = (n: string): IdNumbers => ({ idNumber: null, legacyIdNumber: n });

describe('normalizeIdNumber', () => {
  it.each<[unknown, IdNumbers, string[]]>([
    ['001094012345', cccd('001094012345'), []],
    ["'001094012345", cccd('001094012345'), []],
    ['001 094 012 345', cccd('001094012345'), []],
    ['001.094.012.345', cccd('001094012345'), []],
    ['0010 9401 2345', cccd('001094012345'), []],
    [79194012345, cccd('079194012345'), ['ID_LEADING_ZERO_RESTORED']],
    ['79194012345', cccd('079194012345'), ['ID_LEADING_ZERO_RESTORED']],
    ['79194012345.0', cccd('079194012345'), ['ID_LEADING_ZERO_RESTORED']],
    // Hà Nội (001) and the other 00x provinces lose two zeros in a number cell.
    [1094012345, cccd('001094012345'), ['ID_LEADING_ZERO_RESTORED']],
    [123456789, cmnd('123456789'), []],
    ['012345678', cmnd('012345678'), []],
    [12345678, cmnd('012345678'), ['ID_LEADING_ZERO_RESTORED']],
  ])('reads %j', (raw, value, warnings) => {
    const r = id(raw);
    expect(r.error).toBeUndefined();
    expect(r.value).toEqual(value);
    expect(r.warnings.map((w) => w.code)).toEqual(warnings);
  });

  it.each<[unknown, string]>([
    ['1,23457E+11', 'ID_SCIENTIFIC_NOTATION'],
    ['1.23457E+11', 'ID_SCIENTIFIC_NOTATION'],
    ['7.91940E11', 'ID_SCIENTIFIC_NOTATION'],
    ['123456789012', 'ID_INVALID_PREFIX'],
    ['003094012345', 'ID_INVALID_PREFIX'],
    ['001894012345', 'ID_INVALID_CENTURY'],
    ['12345678901', 'ID_INVALID_LENGTH'],
    ['0010940123456', 'ID_INVALID_LENGTH'],
    ['1234', 'ID_INVALID_LENGTH'],
    ['0912345678', 'ID_INVALID_LENGTH'],
    [79194012345.5, 'ID_UNREADABLE'],
    ['CCCD 001094012345', 'ID_UNREADABLE'],
    ['chưa làm thẻ', 'ID_UNREADABLE'],
    [new Date(), 'ID_UNREADABLE'],
    [true, 'ID_UNREADABLE'],
  ])('rejects %j with %s', (raw, code) => {
    const r = id(raw);
    expect(r.value).toBeNull();
    expect(r.error?.code).toBe(code);
  });

  it('asks to re-format the column as text when Excel used scientific notation', () => {
    const r = id('1,23457E+11');
    expect(r.error?.message).toContain('Văn bản (Text)');
    expect(r.error?.messageEn).toContain('Text');
  });

  it('warns when the ID disagrees with the birth year or sex given in the row', () => {
    const r = normalizeIdNumber('001094012345', { birthYear: 1950, gender: 'female' });
    expect(r.value).toEqual(cccd('001094012345'));
    expect(r.warnings.map((w) => w.code)).toEqual(['ID_BIRTH_YEAR_MISMATCH', 'ID_GENDER_MISMATCH']);
    expect(normalizeIdNumber('001094012345', { birthYear: 1994, gender: 'male' }).warnings).toEqual(
      [],
    );
  });

  it('reads "none" words as blank, with a warning, and blanks as nothing', () => {
    expect(id('không').value).toBeNull();
    expect(id('Chưa có').warnings.map((w) => w.code)).toEqual(['NONE_WORD_READ_AS_BLANK']);
    expect(id(null)).toEqual({ value: null, warnings: [] });
    expect(id(' - ')).toEqual({ value: null, warnings: [] });
  });

  it('uses the field given', () => {
    expect(normalizeIdNumber('12', { field: 'legacyIdNumber' }).error?.field).toBe(
      'legacyIdNumber',
    );
  });

  it('never throws', () => checkNeverThrows(id));

  it('is idempotent', () => {
    checkIdempotent(
      id,
      fc.oneof(
        validIdArb.map((r) => r.id),
        validIdArb.map((r) => Number(r.id)),
        validIdArb.map((r) => r.id.replace(/(\d{3})(?=\d)/g, '$1 ')),
        fc.integer({ min: 0, max: 999_999_999_999 }),
        messyText(fc.stringMatching(/^[0-9 .']{6,16}$/)),
      ),
      feedId,
    );
  });

  it('returns a valid 12-digit ID or 9-digit CMND unchanged, without a warning', () => {
    checkCanonicalUnchanged(
      id,
      validIdArb.map((r) => r.id),
      (raw) => cccd(raw as string),
    );
    checkCanonicalUnchanged(id, fc.stringMatching(/^\d{9}$/), (raw) => cmnd(raw as string));
  });

  it('accepts any valid ID consistent with its own birth year and sex, without a warning', () => {
    fc.assert(
      fc.property(validIdArb, (r) => {
        const out = normalizeIdNumber(r.id, { birthYear: r.year, gender: r.gender });
        expect(out).toEqual({ value: cccd(r.id), warnings: [] });
      }),
      { numRuns: 200 },
    );
  });
});

describe('normalizePhone', () => {
  it.each<[unknown, string, string[]]>([
    ['0912345678', '0912345678', []],
    ['0912 345 678', '0912345678', []],
    ['0912.345.678', '0912345678', []],
    ['+84 912 345 678', '0912345678', []],
    ['84912345678', '0912345678', []],
    [84912345678, '0912345678', []],
    ["'0912345678", '0912345678', []],
    ['(024) 3825 1234', '02438251234', []],
    [912345678, '0912345678', ['PHONE_LEADING_ZERO_RESTORED']],
    ['912345678', '0912345678', ['PHONE_LEADING_ZERO_RESTORED']],
    [2438251234, '02438251234', ['PHONE_LEADING_ZERO_RESTORED']],
    ['01681234567', '0381234567', ['PHONE_OLD_PREFIX_CONVERTED']],
    ['0126.123.4567', '0761234567', ['PHONE_OLD_PREFIX_CONVERTED']],
    [1681234567, '0381234567', ['PHONE_LEADING_ZERO_RESTORED', 'PHONE_OLD_PREFIX_CONVERTED']],
  ])('reads %j as %s', (raw, value, warnings) => {
    const r = normalizePhone(raw);
    expect(r.error).toBeUndefined();
    expect(r.value).toBe(value);
    expect(r.warnings.map((w) => w.code)).toEqual(warnings);
  });

  it.each<[unknown, string]>([
    ['0123', 'PHONE_INVALID'],
    ['0112345678', 'PHONE_INVALID'],
    ['01301234567', 'PHONE_INVALID'],
    ['0043 12345678', 'PHONE_INVALID'],
    [123456789, 'PHONE_INVALID'],
    [912345678.5, 'PHONE_INVALID'],
    ['gọi qua con trai', 'PHONE_INVALID'],
    [new Date(), 'PHONE_INVALID'],
    ['0912345678 - 0987654321', 'PHONE_MULTIPLE'],
    ['0912345678; 0241 382 5123', 'PHONE_MULTIPLE'],
    ['0912345678/0987654321', 'PHONE_MULTIPLE'],
    ['0912345678 0987654321', 'PHONE_MULTIPLE'],
  ])('rejects %j with %s', (raw, code) => {
    const r = normalizePhone(raw);
    expect(r.value).toBeNull();
    expect(r.error?.code).toBe(code);
    expect(r.error?.field).toBe('phone');
  });

  it('reads "none" words as blank with a warning', () => {
    expect(normalizePhone('Không có').value).toBeNull();
    expect(normalizePhone('ko').warnings.map((w) => w.code)).toEqual(['NONE_WORD_READ_AS_BLANK']);
    expect(normalizePhone('')).toEqual({ value: null, warnings: [] });
  });

  it('never throws', () => checkNeverThrows((raw) => normalizePhone(raw)));

  it('is idempotent', () => {
    checkIdempotent(
      (raw) => normalizePhone(raw),
      fc.oneof(
        validPhone,
        validPhone.map((p) => Number(p)),
        validPhone.map((p) => `+84 ${p.slice(1, 4)} ${p.slice(4)}`),
        fc.integer({ min: 0, max: 99_999_999_999 }),
        messyText(fc.stringMatching(/^[0-9 .+()-]{8,16}$/)),
      ),
    );
  });

  it('returns a valid number unchanged, without a warning', () => {
    checkCanonicalUnchanged((raw) => normalizePhone(raw), validPhone);
  });
});
