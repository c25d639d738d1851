import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminUnitImportSummary } from '@hoi/contracts';
import type { Database } from '../../db/engine.js';
import { createTestContext, openTestDatabase, type TestContext } from '../../test/harness.js';
import { importAdminUnitSources, importAdminUnits } from './admin-units.import.js';
import { foldVietnamese } from './admin-units.names.js';
import {
  findAdminUnit,
  listCommunesOfProvince,
  lookupOldAddress,
  searchAdminUnits,
} from './admin-units.service.js';

// The official files live beside the checkout (shared/), never inside the project.
const DATA = path.resolve(import.meta.dirname, '../../../../../../shared/data/vn-admin-units-2025');
const UNITS_JSON = path.join(DATA, 'nested-divisions.json');
const CONVERSIONS_CSV = path.join(DATA, 'old-to-new-communes.csv');
const SEED = path.resolve(import.meta.dirname, '../../seed');
/** 34 provinces + 3,321 communes + 10,565 usable conversion rows. */
const OFFICIAL_ROWS = 34 + 3321 + 10565;

describe('admin units imported from the official files', () => {
  let db: Database;
  let first: AdminUnitImportSummary;

  beforeAll(async () => {
    db = await openTestDatabase();
    // Conversion table first on purpose: the importer must still write the units before it.
    first = await importAdminUnits(db.system, [CONVERSIONS_CSV, UNITS_JSON]);
  }, 120_000);
  afterAll(async () => db.close());

  it('imports 34 provinces and 3,321 communes with their conversions', async () => {
    expect(first).toMatchObject({ provinces: 34, communes: 3321, conversions: 10565 });
    expect(first.inserted + first.updated + first.unchanged).toBe(OFFICIAL_ROWS);
    // Six rows convert a whole old district (no old commune code) into a special zone.
    expect(first.skippedRows).toHaveLength(6);
    expect(first.skippedRows.every((r) => r.reason === 'no old commune code')).toBe(true);
    expect(first.skippedRows[0]).toMatchObject({ file: 'old-to-new-communes.csv', line: 3969 });

    expect(await listCommunesOfProvince(db.app, '01')).toHaveLength(126);
    const hcm = await listCommunesOfProvince(db.app, '79');
    expect(hcm).toHaveLength(168);
    expect(hcm.map((u) => u.code)).toEqual([...hcm.map((u) => u.code)].sort());
    expect(await findAdminUnit(db.app, '00004')).toEqual({
      code: '00004',
      name: 'Phường Ba Đình',
      level: 'commune',
      divisionType: 'phường',
      provinceCode: '01',
    });
    expect(await findAdminUnit(db.app, '99999')).toBeUndefined();
  });

  it('changes nothing when the same files are imported again', async () => {
    const again = await importAdminUnits(db.system, [UNITS_JSON, CONVERSIONS_CSV]);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: OFFICIAL_ROWS });
  }, 60_000);

  it('ships a demo sample that agrees with the official files', async () => {
    const sample = await importAdminUnits(db.system, [
      path.join(SEED, 'admin-units-sample.json'),
      path.join(SEED, 'admin-units-sample-conversions.csv'),
    ]);
    expect(sample).toMatchObject({
      provinces: 2,
      communes: 12,
      inserted: 0,
      updated: 0,
      skippedRows: [],
    });
    expect(sample.conversions).toBeGreaterThanOrEqual(15);
  });

  it('searches names without diacritics, case or prefix', async () => {
    const hanoi = await searchAdminUnits(db.app, { q: 'ha noi', limit: 5 });
    expect(hanoi[0]).toMatchObject({ code: '01', name: 'Thành phố Hà Nội', level: 'province' });
    // "Xã Ba Đình" (Thanh Hóa) and "Xã Ba Dinh" (Quảng Ngãi) also match, after the exact name.
    const badinh = await searchAdminUnits(db.app, {
      q: 'PHUONG BA DINH',
      level: 'commune',
      limit: 5,
    });
    expect(badinh[0]?.code).toBe('00004');
    expect(badinh.every((u) => foldVietnamese(u.name).endsWith('ba dinh'))).toBe(true);
    const byCode = await searchAdminUnits(db.app, { q: '4', level: 'commune', limit: 1 });
    expect(byCode.map((u) => u.code)).toEqual(['00004']);
    const inHcm = await searchAdminUnits(db.app, { q: 'sai gon', provinceCode: '79', limit: 10 });
    expect(inHcm[0]).toMatchObject({ code: '26740', name: 'Phường Sài Gòn' });
    expect(inHcm.every((u) => u.provinceCode === '79')).toBe(true);
    expect(await searchAdminUnits(db.app, { q: '100%_', limit: 5 })).toEqual([]);
  });

  it('translates a wholly merged commune', async () => {
    const r = await lookupOldAddress(db.app, {
      province: 'Thành phố Hà Nội',
      district: 'Quận Ba Đình',
      commune: 'Phường Trúc Bạch',
    });
    expect(r).toEqual({
      matches: [
        {
          oldCommuneCode: '00004',
          oldCommuneName: 'Phường Trúc Bạch',
          oldDistrictName: 'Quận Ba Đình',
          oldProvinceName: 'Thành phố Hà Nội',
          newCommuneCode: '00004',
          newCommuneName: 'Phường Ba Đình',
          newProvinceCode: '01',
          newProvinceName: 'Thành phố Hà Nội',
          note: 'Nhập toàn bộ',
        },
      ],
      isSplit: false,
      isAmbiguous: false,
    });
  });

  it('flags a commune split across several new communes', async () => {
    // Old Phường Ngọc Hà (00016) went partly to Phường Ba Đình, partly to Phường Ngọc Hà.
    const r = await lookupOldAddress(db.app, {
      province: 'Hà Nội',
      district: 'Ba Đình',
      commune: 'Ngọc Hà',
    });
    expect(r.isSplit).toBe(true);
    expect(r.isAmbiguous).toBe(false);
    expect(r.matches.map((m) => [m.oldCommuneCode, m.newCommuneCode, m.newCommuneName])).toEqual([
      ['00016', '00004', 'Phường Ba Đình'],
      ['00016', '00008', 'Phường Ngọc Hà'],
    ]);
    expect(r.matches.every((m) => m.note === 'Nhập một phần')).toBe(true);
  });

  it('accepts input without diacritics, with prefixes, code suffixes or codes', async () => {
    const expected = ['00004'];
    const spellings = [
      { province: 'ha noi', district: 'ba dinh', commune: 'truc bach' },
      { province: 'TP. Hà Nội', district: 'Q. Ba Đình', commune: 'P. Trúc Bạch' },
      {
        province: 'Thành phố Hà Nội (01)',
        district: 'Quận Ba Đình (001)',
        commune: 'phường trúc bạch',
      },
      { province: '1', district: '001', commune: '4' },
      // Decomposed diacritics (as some rows of the official CSV are typed) and a missing district.
      { province: 'Hà Nội'.normalize('NFD'), commune: 'Trúc Bạch'.normalize('NFD') },
    ];
    for (const input of spellings) {
      const r = await lookupOldAddress(db.app, input);
      expect(
        r.matches.map((m) => m.newCommuneCode),
        JSON.stringify(input),
      ).toEqual(expected);
    }
    // The old table spells "Tỉnh Hoà Bình"; people type "Hòa Bình". The new commune is in Phú Thọ.
    const hoaBinh = await lookupOldAddress(db.app, { province: 'Hòa Bình', commune: 'Yên Mông' });
    expect(hoaBinh.matches.map((m) => [m.newCommuneCode, m.newProvinceName])).toEqual([
      ['04792', 'Tỉnh Phú Thọ'],
    ]);
    const apostrophe = await lookupOldAddress(db.app, {
      province: 'lam dong',
      commune: "Thị trấn Đạ M'ri",
    });
    expect(apostrophe.matches.map((m) => m.newCommuneName)).toEqual(['Xã Đạ Huoai 2']);
  });

  it('reports ambiguity when several old communes match', async () => {
    // Every district of old Hồ Chí Minh City had a "Phường 1".
    const r = await lookupOldAddress(db.app, { province: 'Hồ Chí Minh', commune: 'Phường 1' });
    expect(r.isAmbiguous).toBe(true);
    expect(new Set(r.matches.map((m) => m.oldDistrictName)).size).toBeGreaterThan(1);
    const narrowed = await lookupOldAddress(db.app, {
      province: 'Hồ Chí Minh',
      district: 'Quận 3',
      commune: 'Phường 1',
    });
    expect(narrowed.isAmbiguous).toBe(false);
    expect(narrowed.matches.length).toBeGreaterThan(0);
    expect(narrowed.matches.every((m) => m.oldDistrictName === 'Quận 3')).toBe(true);
  });

  it('returns no match for an unknown commune or a wrong province', async () => {
    const none = { matches: [], isSplit: false, isAmbiguous: false };
    expect(
      await lookupOldAddress(db.app, { province: 'Hà Nội', commune: 'Phường Không Có Thật' }),
    ).toEqual(none);
    expect(await lookupOldAddress(db.app, { province: 'Đà Nẵng', commune: 'Trúc Bạch' })).toEqual(
      none,
    );
    expect(
      await lookupOldAddress(db.app, {
        province: 'Hà Nội',
        district: 'Hoàn Kiếm',
        commune: 'Trúc Bạch',
      }),
    ).toEqual(none);
    // LIKE wildcards in the input are plain characters.
    expect(await lookupOldAddress(db.app, { province: 'Hà Nội', commune: '%' })).toEqual(none);
  });

  it('refuses malformed files and writes nothing', async () => {
    // Province 97 (not 99, which other test files add to a shared PostgreSQL database).
    const newProvince = JSON.stringify([
      {
        name: 'Tỉnh Thử Nghiệm',
        code: 97,
        division_type: 'tỉnh',
        wards: [{ name: 'Xã Thử', code: 97999, division_type: 'xã' }],
      },
    ]);
    const cases = [
      { name: 'notes.txt', text: 'hello, world\n1,2,3\n' },
      { name: 'broken.json', text: '[{"name": "Tỉnh' },
      { name: 'shape.json', text: '[{"name": "Tỉnh A", "code": "1"}]' },
      { name: 'quotes.csv', text: 'a,"b\n' },
    ];
    for (const bad of cases) {
      const attempt = importAdminUnitSources(db.system, [
        { name: 'units.json', text: newProvince },
        bad,
      ]);
      await expect(attempt, bad.name).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { file: bad.name },
      });
    }
    await expect(
      importAdminUnits(db.system, [path.join(DATA, 'missing.json')]),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await findAdminUnit(db.app, '97')).toBeUndefined();
    expect(await findAdminUnit(db.app, '97999')).toBeUndefined();
  });

  it('skips conversion rows whose new commune is unknown instead of failing', async () => {
    const csv = [
      'Đơn vị hành chính từ ngày 01/7/2025,,,Đơn vị hành chính trước ngày 01/7/2025,,,,,',
      '"Tỉnh, thành phố",Tên Xã mới,Mã Xã mới,Tên Xã cũ,Mã Xã cũ,Ghi chú,Quận/huyện,Tỉnh cũ,',
      'THÀNH PHỐ HÀ NỘI  ,,,,,,,,',
      'Thành phố Hà Nội (01),Phường Ba Đình,00004,Phường Trúc Bạch,00004,Nhập toàn bộ,Quận Ba Đình (001),Thành phố Hà Nội (01),',
      'Thành phố Hà Nội (01),Phường Không Có,98765,Phường Trúc Bạch,00004,Nhập toàn bộ,Quận Ba Đình (001),Thành phố Hà Nội (01),',
      'Thành phố Hà Nội (01),Phường Ba Đình,4,Phường Trúc Bạch,4,Nhập toàn bộ,Quận Ba Đình (001),Thành phố Hà Nội (01),',
    ].join('\n');
    const r = await importAdminUnitSources(db.system, [{ name: 'few.csv', text: csv }]);
    expect(r).toMatchObject({ conversions: 1, inserted: 0, updated: 0, unchanged: 1 });
    expect(r.skippedRows).toEqual([
      {
        file: 'few.csv',
        line: 5,
        reason: 'unknown new commune code 98765 (import the list of units first)',
      },
      { file: 'few.csv', line: 6, reason: 'duplicate of line 4 (old 00004 → new 00004)' },
    ]);
  });
});

describe('admin-units HTTP routes', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  }, 120_000);
  afterAll(async () => ctx.close());

  it('declares both routes for signed-in users only', () => {
    const mine = ctx.routes.filter((r) => r.url.startsWith('/api/admin-units'));
    expect(mine.map((r) => [r.method, r.url, r.access.kind]).sort()).toEqual([
      ['GET', '/api/admin-units', 'authenticated'],
      ['GET', '/api/admin-units/lookup-old', 'authenticated'],
    ]);
  });

  it('refuses anonymous callers', async () => {
    for (const url of [
      '/api/admin-units?q=ha%20noi',
      '/api/admin-units/lookup-old?province=01&commune=4',
    ]) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('rejects an invalid query with 400', async () => {
    for (const url of [
      '/api/admin-units?limit=0',
      '/api/admin-units?provinceCode=abc',
      '/api/admin-units?level=district',
      '/api/admin-units/lookup-old?province=01',
    ]) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});
