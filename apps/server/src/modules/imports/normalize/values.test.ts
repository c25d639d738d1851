import { NOTES_MAX, PERSON_NAME_MAX } from '@hoi/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, readCell } from './cells.js';
import {
  checkCanonicalUnchanged,
  checkIdempotent,
  checkNeverThrows,
  messyText,
} from './test-arbitraries.js';
import { normalizeEmail, normalizeMemberNumber, normalizeName, normalizeText } from './values.js';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Ngọc', 'Thanh', 'Xuân', 'Minh'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hoa', 'Hương', 'Lan', 'Nguyệt', 'Quý', 'Ước', 'Ỷ'];

/** A properly written Vietnamese full name. */
const properName = fc
  .tuple(
    fc.constantFrom(...FAMILY),
    fc.subarray(MIDDLE, { maxLength: 2 }),
    fc.constantFrom(...GIVEN),
  )
  .map(([f, m, g]) => [f, ...m, g].join(' '));

/** The same name as found in files: any case, extra spaces, decomposed marks. */
const typedName = messyText(
  fc
    .tuple(properName, fc.constantFrom('as is', 'upper', 'lower'), fc.constantFrom(' ', '  '))
    .map(([n, how, sep]) => {
      const cased = how === 'upper' ? n.toUpperCase() : how === 'lower' ? n.toLowerCase() : n;
      return cased.split(' ').join(sep);
    }),
);

describe('cleanText', () => {
  it('composes, trims and collapses, and is idempotent', () => {
    expect(cleanText(' Nguye\u0302\u0303n\u00a0\u00a0Văn\u200b  An\n')).toBe('Nguyễn Văn An');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(cleanText(cleanText(s))).toBe(cleanText(s));
      }),
      { numRuns: 200 },
    );
  });

  it('unwraps exceljs rich text, formula and hyperlink values', () => {
    expect(readCell({ richText: [{ text: 'Nguyễn ' }, { text: 'An' }] })).toEqual({
      kind: 'text',
      text: 'Nguyễn An',
    });
    expect(readCell({ formula: 'A1', result: 1948 })).toEqual({ kind: 'number', value: 1948 });
    expect(readCell({ text: 'an@example.vn', hyperlink: 'mailto:an@example.vn' })).toEqual({
      kind: 'text',
      text: 'an@example.vn',
    });
    expect(readCell({ error: '#N/A' })).toEqual({ kind: 'other' });
    expect(readCell(' — ')).toEqual({ kind: 'blank' });
  });
});

describe('normalizeName', () => {
  it.each<[unknown, string, string[]]>([
    ['Nguyễn Văn An', 'Nguyễn Văn An', []],
    ['  Nguyễn   Văn  An ', 'Nguyễn Văn An', []],
    ['Nguye\u0302\u0303n Va\u0306n An', 'Nguyễn Văn An', []],
    ['NGUYỄN VĂN AN', 'Nguyễn Văn An', ['NAME_CASE_CHANGED']],
    ['nguyễn thị hoa', 'Nguyễn Thị Hoa', ['NAME_CASE_CHANGED']],
    ['ĐẶNG THỊ Ỷ', 'Đặng Thị Ỷ', ['NAME_CASE_CHANGED']],
    ["H'HEN NIÊ", "H'Hen Niê", ['NAME_CASE_CHANGED']],
    ['nguyễn Văn an', 'nguyễn Văn an', []],
    ['Y Moan Ênuôl', 'Y Moan Ênuôl', []],
    ['Lê A', 'Lê A', []],
  ])('reads %j as %j', (raw, value, warnings) => {
    const r = normalizeName(raw);
    expect(r.error).toBeUndefined();
    expect(r.value).toBe(value);
    expect(r.warnings.map((w) => w.code)).toEqual(warnings);
  });

  it.each<[unknown, string]>([
    [null, 'NAME_MISSING'],
    ['   ', 'NAME_MISSING'],
    ['-', 'NAME_MISSING'],
    ['Nguyễn Văn An 1948', 'NAME_HAS_DIGITS'],
    ['1. Trần Thị Bình', 'NAME_HAS_DIGITS'],
    [1948, 'NAME_HAS_DIGITS'],
    ['???', 'NAME_INVALID'],
    [new Date(), 'NAME_INVALID'],
    ['A', 'NAME_TOO_SHORT'],
    ['Nguyễn '.repeat(20), 'NAME_TOO_LONG'],
    ['NguyÔn V¨n An', 'NAME_LEGACY_ENCODING'],
  ])('rejects %j with %s', (raw, code) => {
    const r = normalizeName(raw);
    expect(r.value).toBeNull();
    expect(r.error?.code).toBe(code);
    expect(r.error?.field).toBe('fullName');
  });

  it('accepts exactly PERSON_NAME_MAX characters', () => {
    const name = `Nguyễn ${'a'.repeat(PERSON_NAME_MAX - 7)}`;
    expect(normalizeName(name).value).toBe(name);
  });

  it('never throws', () => checkNeverThrows(normalizeName));

  it('is idempotent', () => {
    checkIdempotent(normalizeName, fc.oneof(typedName, fc.string(), fc.string({ unit: 'binary' })));
  });

  it('returns a properly written name unchanged, without a warning', () => {
    checkCanonicalUnchanged(normalizeName, properName);
  });

  it('title-cases any all-capitals name back to its proper form', () => {
    fc.assert(
      fc.property(properName, (n) => {
        expect(normalizeName(n.toUpperCase()).value).toBe(n);
        expect(normalizeName(n.toLowerCase()).value).toBe(n);
      }),
    );
  });
});

describe('normalizeText', () => {
  const hamlet = (raw: unknown) => normalizeText(raw, { max: 300, field: 'hamlet' });

  it('cleans whitespace and writes out numbers and dates', () => {
    expect(hamlet('  Thôn   3 ')).toEqual({ value: 'Thôn 3', warnings: [] });
    expect(hamlet(3)).toEqual({ value: '3', warnings: [] });
    expect(hamlet(new Date(Date.UTC(2024, 0, 5)))).toEqual({ value: '05/01/2024', warnings: [] });
    expect(hamlet('')).toEqual({ value: null, warnings: [] });
  });

  it('rejects over-long text instead of cutting it', () => {
    const r = normalizeText('x'.repeat(NOTES_MAX + 1), { max: NOTES_MAX, field: 'notes' });
    expect(r.value).toBeNull();
    expect(r.error?.code).toBe('TEXT_TOO_LONG');
    expect(r.error?.field).toBe('notes');
    expect(normalizeText('x'.repeat(NOTES_MAX), { max: NOTES_MAX, field: 'notes' }).error).toBe(
      undefined,
    );
  });

  it('rejects unreadable cells', () => {
    expect(hamlet(true).error?.code).toBe('TEXT_UNREADABLE');
    expect(hamlet({ error: '#REF!' }).error?.code).toBe('TEXT_UNREADABLE');
  });

  it('has the three properties', () => {
    checkNeverThrows(hamlet);
    checkIdempotent(hamlet, fc.oneof(messyText(fc.string()), fc.double(), fc.date()));
    checkCanonicalUnchanged(
      hamlet,
      fc
        .string({ maxLength: 300 })
        .map(cleanText)
        .filter((s) => readCell(s).kind === 'text'),
    );
  });
});

describe('normalizeEmail', () => {
  it.each<[unknown, string]>([
    ['an.nguyen@example.vn', 'an.nguyen@example.vn'],
    [' An.Nguyen@Example.vn ', 'An.Nguyen@Example.vn'],
    ['mailto:an@example.vn', 'an@example.vn'],
    [{ text: 'an@example.vn', hyperlink: 'mailto:an@example.vn' }, 'an@example.vn'],
  ])('reads %j', (raw, value) => {
    expect(normalizeEmail(raw)).toEqual({ value, warnings: [] });
  });

  it.each<unknown>(['an@', 'an example.vn', 'a@b.vn; c@d.vn', 12, true])('rejects %j', (raw) => {
    expect(normalizeEmail(raw).error?.code).toBe('EMAIL_INVALID');
  });

  it('has the three properties', () => {
    const emails = fc
      .tuple(
        fc.stringMatching(/^[a-z][a-z0-9]{0,10}([._][a-z0-9]{1,8})?$/),
        fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/),
        fc.constantFrom('vn', 'com', 'com.vn', 'org.vn', 'gov.vn'),
      )
      .map(([local, host, tld]) => `${local}@${host}.${tld}`)
      .filter((e) => normalizeEmail(e).error === undefined);
    checkNeverThrows(normalizeEmail);
    checkIdempotent(
      normalizeEmail,
      fc.oneof(
        messyText(emails),
        emails.map((e) => `mailto:${e}`),
        fc.string(),
      ),
    );
    checkCanonicalUnchanged(normalizeEmail, emails);
  });
});

describe('normalizeMemberNumber', () => {
  it.each<[unknown, string]>([
    [1234, '1234'],
    ['HV-0012', 'HV-0012'],
    ["'00123", '00123'],
    ['12/2024', '12/2024'],
  ])('reads %j as %s', (raw, value) => {
    expect(normalizeMemberNumber(raw)).toEqual({ value, warnings: [] });
  });

  it.each<unknown>(['HV 001', 'Số 12', 12.5, 'x'.repeat(31), true])('rejects %j', (raw) => {
    expect(normalizeMemberNumber(raw).error?.code).toBe('MEMBER_NUMBER_INVALID');
  });

  it('has the three properties', () => {
    const valid = fc
      .stringMatching(/^[A-Za-z0-9./-]{1,30}$/)
      .filter((s) => readCell(s).kind === 'text');
    checkNeverThrows(normalizeMemberNumber);
    checkIdempotent(
      normalizeMemberNumber,
      fc.oneof(valid, fc.nat(), messyText(valid), fc.string()),
    );
    checkCanonicalUnchanged(normalizeMemberNumber, valid);
  });
});
