import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSealed, needlesOf, sealedHits } from './sealed-text.js';
import { seal, sealKey, sealJson, unseal, unsealJson } from './sealed.js';

const party = {
  role: 'denouncer' as const,
  fullName: 'Nguyễn Văn An',
  idNumber: '001190012345',
  phone: '0912345678',
  email: 'An.Nguyen@Example.vn',
  address: 'Số 5 ngõ 7 phố Huế, Hai Bà Trưng',
};
const needles = needlesOf([party]);

describe('sealed-value detection in free text', () => {
  it('finds a name in any case and without diacritics, but not a longer name', () => {
    expect(findSealed('Theo đơn của ông NGUYEN VAN AN,', needles).map((n) => n.field)).toEqual([
      'fullName',
    ]);
    expect(findSealed('Ông Nguyễn Văn Anh là người bị tố cáo', needles)).toEqual([]);
  });
  it('finds numbers written with separators and phones in international form', () => {
    expect(findSealed('ĐT: +84 912.345.678', needles).map((n) => n.field)).toEqual(['phone']);
    expect(findSealed('CCCD 001 190 012 345', needles).map((n) => n.field)).toEqual(['idNumber']);
    expect(findSealed('Số 0912-345-679', needles)).toEqual([]);
  });
  it('finds e-mails and addresses; reports fields and kinds, never values', () => {
    const hits = sealedHits(
      { text: 'liên hệ an.nguyen@example.vn, số 5 ngõ 7 phố Huế, Hai Bà Trưng' },
      needles,
    );
    expect(hits).toEqual([
      { field: 'text', found: 'email', role: 'denouncer' },
      { field: 'text', found: 'address', role: 'denouncer' },
    ]);
    expect(JSON.stringify(hits)).not.toMatch(/Huế|example/);
  });
  it('ignores one-word names (too common to block on)', () => {
    expect(needlesOf([{ role: 'child', fullName: 'Bống' }])).toEqual([]);
  });
});

describe('sealing', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-seal-'));
  const config = { sealKey: null, sealKeyFile: null, dataDir: dir };

  it('creates the key file once, readable by its owner only', () => {
    const k = sealKey(config);
    const file = path.join(dir, 'seal.key');
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(sealKey(config).id).toBe(k.id);
  });
  it('round-trips, and refuses a tampered ciphertext or another row’s associated data', () => {
    const k = sealKey(config);
    const s = sealJson(k, party, 'a/c/r1');
    expect(Buffer.from(s.ciphertext).includes(Buffer.from('Nguyễn'))).toBe(false);
    expect(unsealJson(k, s, 'a/c/r1')).toEqual(party);
    expect(() => unseal(k, s, 'a/c/r2')).toThrow(/CASE_SEAL_UNAVAILABLE/);
    const bad = { ...s, ciphertext: Buffer.from(s.ciphertext).fill(1, 0, 1) };
    expect(() => unseal(k, bad, 'a/c/r1')).toThrow(/CASE_SEAL_UNAVAILABLE/);
  });
  it('takes the key from HOI_SEAL_KEY and refuses a key of the wrong length', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const k = sealKey({ sealKey: key, sealKeyFile: null, dataDir: '/nonexistent' });
    const s = seal(k, Buffer.from('x'), 'aad');
    expect(unseal(k, s, 'aad').toString()).toBe('x');
    const other = sealKey({
      sealKey: Buffer.alloc(32, 8).toString('base64'),
      sealKeyFile: null,
      dataDir: '/nonexistent',
    });
    expect(() => unseal(other, s, 'aad')).toThrow(/CASE_SEAL_UNAVAILABLE/);
    expect(() => sealKey({ sealKey: 'c2hvcnQ=', sealKeyFile: null, dataDir: '/x' })).toThrow(
      /CASE_SEAL_UNAVAILABLE/,
    );
    expect(() =>
      sealKey({ sealKey: null, sealKeyFile: path.join(dir, 'missing.key'), dataDir: dir }),
    ).toThrow(/CASE_SEAL_UNAVAILABLE/);
  });
});
