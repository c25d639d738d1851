import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_MESSAGES } from './errors.js';

describe('error catalogue', () => {
  it('docs/errors.md documents every code', () => {
    const doc = fs.readFileSync(
      path.resolve(import.meta.dirname, '../../../docs/errors.md'),
      'utf8',
    );
    const missing = ERROR_CODES.filter((c) => !doc.includes(`| \`${c}\` |`));
    expect(missing).toEqual([]);
  });
  it('every message exists in Vietnamese and English', () => {
    for (const c of ERROR_CODES) {
      expect(ERROR_MESSAGES[c].vi.length, c).toBeGreaterThan(3);
      expect(ERROR_MESSAGES[c].en.length, c).toBeGreaterThan(3);
      expect(ERROR_MESSAGES[c].vi, c).not.toBe(ERROR_MESSAGES[c].en);
    }
  });
});
