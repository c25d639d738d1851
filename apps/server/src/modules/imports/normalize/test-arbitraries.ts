/**
 * Shared fast-check arbitraries and property checks for the normalizer tests: cells as exceljs
 * and CSV readers produce them, and the three properties every normalizer must have.
 */
import { OLD_PROVINCE_ID_PREFIXES } from '@hoi/contracts';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Normalized } from './issues.js';

export const TODAY = '2025-06-15';
const THIS_YEAR = 2025;

/** Things that go wrong in text cells: odd spaces, invisible characters, decomposed marks. */
const noise = fc.constantFrom(' ', '  ', '\u00a0', '\t', '\n', '\u200b', '\ufeff', '');

/** Wraps a string the way messy files do (surrounding whitespace, NFD, invisible characters). */
export function messyText(s: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(noise, s, noise, fc.boolean())
    .map(([a, t, b, nfd]) => `${a}${nfd ? t.normalize('NFD') : t}${b}`);
}

/** exceljs value shapes beyond plain values: rich text, formulas, hyperlinks, errors. */
const excelObjects = fc.oneof(
  fc.string().map((t) => ({ richText: [{ text: t }] })),
  fc.oneof(fc.string(), fc.integer()).map((r) => ({ formula: 'A1', result: r })),
  fc.string().map((t) => ({ text: t, hyperlink: `mailto:${t}` })),
  fc.constant({ error: '#N/A' }),
);

/** Any cell value at all, including nonsense, for the "never throws" property. */
export const anyCell: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 2,
    withNullPrototype: true,
    withBigInt: true,
    withDate: true,
    withMap: true,
  }),
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.integer(),
  fc.double(),
  fc.date(),
  fc.date({ noInvalidDate: false }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.stringMatching(/^[0-9 ./\-+E,']{1,16}$/),
  excelObjects,
);

/** A well-formed 12-digit personal ID: province prefix, century/sex digit, year, serial. */
export const validIdArb = fc
  .record({
    prefix: fc.constantFrom(...Object.keys(OLD_PROVINCE_ID_PREFIXES)),
    year: fc.integer({ min: 1900, max: THIS_YEAR }),
    female: fc.boolean(),
    serial: fc.integer({ min: 0, max: 999_999 }),
  })
  .map((r) => {
    const g = (Math.floor(r.year / 100) - 19) * 2 + (r.female ? 1 : 0);
    const id = `${r.prefix}${g}${String(r.year % 100).padStart(2, '0')}${String(r.serial).padStart(6, '0')}`;
    return { ...r, id, gender: r.female ? ('female' as const) : ('male' as const) };
  });

/** A real calendar day between 1880 and TODAY, as UTC midnight. */
export const realDay = fc
  .date({
    min: new Date('1880-01-01T00:00:00Z'),
    max: new Date(`${TODAY}T00:00:00Z`),
    noInvalidDate: true,
  })
  .map((d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())));

/** A canonical partial date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) no later than TODAY. */
export const canonicalPartialDate = fc
  .tuple(realDay, fc.constantFrom(4, 7, 10))
  .map(([d, n]) => d.toISOString().slice(0, n));

/** A valid national phone number: mobile 0[35789]xxxxxxxx or landline 02xxxxxxxxx. */
export const validPhone = fc.oneof(
  fc
    .tuple(fc.constantFrom('3', '5', '7', '8', '9'), fc.stringMatching(/^\d{8}$/))
    .map(([p, r]) => `0${p}${r}`),
  fc.stringMatching(/^\d{9}$/).map((r) => `02${r}`),
);

/** Asserts the result is well formed: an error means no value. */
export function expectWellFormed<T>(r: Normalized<T>): void {
  expect(Array.isArray(r.warnings)).toBe(true);
  if (r.error) expect(r.value).toBeNull();
  for (const i of [...r.warnings, ...(r.error ? [r.error] : [])]) {
    expect(i.code).toMatch(/^[A-Z][A-Z0-9_]*$/);
    expect(i.message.length).toBeGreaterThan(0);
    expect(i.messageEn.length).toBeGreaterThan(0);
  }
}

/** (1) Never throws, whatever the cell. */
export function checkNeverThrows<T>(normalize: (raw: unknown) => Normalized<T>, runs = 100): void {
  fc.assert(
    fc.property(anyCell, (raw) => {
      expectWellFormed(normalize(raw));
    }),
    { numRuns: runs },
  );
}

/** (2) Idempotent: feeding an output back gives it again, with no warning and no error. */
export function checkIdempotent<T>(
  normalize: (raw: unknown) => Normalized<T>,
  inputs: fc.Arbitrary<unknown>,
  feedBack: (value: T) => unknown = (v) => v,
  runs = 100,
): void {
  fc.assert(
    fc.property(inputs, (raw) => {
      const first = normalize(raw);
      if (first.error || first.value === null) return;
      const again = normalize(feedBack(first.value));
      expect(again.error).toBeUndefined();
      expect(again.warnings).toEqual([]);
      expect(again.value).toEqual(first.value);
    }),
    { numRuns: runs },
  );
}

/** (3) A valid canonical value comes back unchanged, with no warning. */
export function checkCanonicalUnchanged<T>(
  normalize: (raw: unknown) => Normalized<T>,
  canonical: fc.Arbitrary<unknown>,
  expected: (raw: unknown) => T = (raw) => raw as T,
  runs = 100,
): void {
  fc.assert(
    fc.property(canonical, (raw) => {
      const r = normalize(raw);
      expect(r.error).toBeUndefined();
      expect(r.warnings).toEqual([]);
      expect(r.value).toEqual(expected(raw));
    }),
    { numRuns: runs },
  );
}
