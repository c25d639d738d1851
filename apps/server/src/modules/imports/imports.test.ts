import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.js';
import { createTestTree, sessionFor, type Client, type TestTree } from '../../test/factories.js';
import { importAdminUnits } from '../admin-units/admin-units.import.js';

const DATA = path.resolve(import.meta.dirname, '../../../../../../shared/data/vn-admin-units-2025');
const SLOW = { timeout: 120_000 };

let ctx: TestContext;
let t: TestTree;
let admin: Client;
let officerB: Client;

beforeAll(async () => {
  ctx = await createTestContext();
  t = await createTestTree(ctx.deps);
  admin = await sessionFor(ctx.app, ctx.deps, t.users.admin!);
  officerB = await sessionFor(ctx.app, ctx.deps, t.users.officerB!);
  // The real old → new commune table, as shipped beside the checkout.
  await importAdminUnits(ctx.deps.db.system, [
    path.join(DATA, 'nested-divisions.json'),
    path.join(DATA, 'old-to-new-communes.csv'),
  ]);
}, 180_000);
afterAll(async () => {
  await ctx?.close();
});

async function upload(client: Client, fileName: string, body: Buffer, unitId: string) {
  return client.post(
    `/api/imports/members?unitId=${unitId}&fileName=${encodeURIComponent(fileName)}`,
    body,
    {
      'content-type': 'application/octet-stream',
    },
  );
}

async function waitForJob(client: Client, id: string) {
  for (let i = 0; i < 600; i++) {
    const r = await client.get(`/api/jobs/${id}`);
    const job = r.json();
    if (job.status !== 'queued' && job.status !== 'running') return job;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('job did not finish');
}

async function run(client: Client, uploadId: string, body: Record<string, unknown>) {
  const r = await client.post(`/api/imports/members/${uploadId}/runs`, body);
  expect(r.statusCode, r.body).toBe(202);
  return waitForJob(client, r.json().id);
}

let serial = Date.now() % 900000;
/** A valid personal ID for a person born in `year` (Hà Nội prefix 001). */
function idFor(year: number, gender: 'male' | 'female'): string {
  const century = Math.floor(year / 100) - 19;
  serial = (serial + 7919) % 1000000;
  return `001${century * 2 + (gender === 'female' ? 1 : 0)}${String(year % 100).padStart(2, '0')}${String(serial).padStart(6, '0')}`;
}

/** A unique tag made of letters only (names may not contain digits). */
function letters(): string {
  return Date.now()
    .toString(26)
    .split('')
    .map((c) => String.fromCharCode(97 + parseInt(c, 26)))
    .join('');
}

function csv(rows: (string | number)[][]): Buffer {
  return Buffer.from(
    '\uFEFF' +
      rows
        .map((r) =>
          r
            .map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : c))
            .join(','),
        )
        .join('\r\n'),
  );
}

async function memberCount(unitKey = 'c1a') {
  const r = await admin.get(`/api/members?unitId=${t.units[unitKey]}&limit=200&status=active`);
  return r.json().items as { fullName: string; memberNumber: string; id: string }[];
}

describe('member import, end to end on a CSV with title rows', () => {
  const tag = letters();
  const a = { idNumber: idFor(1950, 'female') };
  const b = { idNumber: idFor(1948, 'male') };
  const rows = [
    ['HỘI NGƯỜI CAO TUỔI XÃ ĐÔNG HƯNG', '', '', '', '', ''],
    ['DANH SÁCH HỘI VIÊN', '', '', '', '', ''],
    ['', '', '', '', '', ''],
    ['STT', 'Ho va ten', 'Ngay sinh', 'Gioi tinh', 'So CCCD', 'Dien thoai'],
    [1, `Nguyễn Thị Nhập ${tag}`, '03/04/1950', 'Nữ', a.idNumber, '912345678'],
    [2, `Trần Văn Nhập ${tag}`, '1948', 'nam', b.idNumber, '0987654321'],
    [3, `Lê Văn Không Số ${tag}`, '5/6/47', 'Nam', '', ''],
    [4, `Phạm Sai Số ${tag}`, '01/01/1950', 'Nam', '12345', ''],
    [5, `Nguyễn Thị Nhập ${tag}`, '03/04/1950', 'Nữ', a.idNumber, ''],
  ];
  let uploadId = '';
  let commitJob = '';

  it('finds the header below the title rows and maps headings written without diacritics', async () => {
    const r = await upload(admin, 'danh-sach.csv', csv(rows), t.units.c1a!);
    expect(r.statusCode, r.body).toBe(201);
    const u = r.json();
    uploadId = u.id;
    expect(u.headerRow).toBe(4);
    expect(u.columns.map((c: { field: string | null }) => c.field)).toEqual([
      'rowNumber',
      'fullName',
      'birthDate',
      'gender',
      'idNumber',
      'phone',
    ]);
    expect(u.sample[0][1]).toBe(`Nguyễn Thị Nhập ${tag}`);
  });

  it('previews every row with its class and writes nothing', SLOW, async () => {
    const before = (await memberCount()).length;
    const job = await run(admin, uploadId, { mode: 'preview' });
    expect(job.status, JSON.stringify(job.error)).toBe('done');
    expect(job.result.counts).toMatchObject({ rows: 5, new: 3, error: 1, duplicate: 1 });
    expect((await memberCount()).length).toBe(before);
    const errors = (await admin.get(`/api/imports/runs/${job.id}/rows?outcome=error`)).json();
    expect(errors.items.map((i: { rowNumber: number }) => i.rowNumber)).toEqual([8]);
    expect(errors.items[0].issues[0].message).toMatch(/số định danh|CCCD|12 chữ số/i);
    const warned = (await admin.get(`/api/imports/runs/${job.id}/rows?outcome=warning`)).json();
    // The phone without its leading 0 and the two-digit year are fixed, and said.
    expect(warned.items.map((i: { rowNumber: number }) => i.rowNumber)).toEqual(
      expect.arrayContaining([5, 7]),
    );
  });

  it(
    'commits: valid rows into the registry, the rest into a re-importable report',
    SLOW,
    async () => {
      const job = await run(admin, uploadId, { mode: 'commit' });
      expect(job.status, JSON.stringify(job.error)).toBe('done');
      commitJob = job.id;
      expect(job.result.counts).toMatchObject({ rows: 5, new: 3, error: 1, duplicate: 1 });
      const names = (await memberCount()).map((m) => m.fullName);
      expect(names.filter((n) => n.endsWith(tag)).sort()).toEqual(
        [`Lê Văn Không Số ${tag}`, `Nguyễn Thị Nhập ${tag}`, `Trần Văn Nhập ${tag}`].sort(),
      );
      const imported = (await memberCount()).find((m) => m.fullName === `Nguyễn Thị Nhập ${tag}`)!;
      const profile = (await admin.get(`/api/members/${imported.id}`)).json();
      expect(profile.person.phone).toBe('0912345678');
      expect(profile.person.birthDate).toBe('1950-04-03');
      const timeline = (await admin.get(`/api/members/${imported.id}/timeline`)).json();
      expect(JSON.stringify(timeline)).toContain('imported');

      const report = await admin.get(`/api/imports/runs/${commitJob}/report?format=xlsx`);
      expect(report.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
      expect(header.slice(0, 6)).toEqual([
        'STT',
        'Ho va ten',
        'Ngay sinh',
        'Gioi tinh',
        'So CCCD',
        'Dien thoai',
      ]);
      expect(ws.rowCount).toBe(3);
      expect(ws.getRow(2).getCell(2).text).toBe(`Phạm Sai Số ${tag}`);
      expect(ws.getRow(3).getCell(2).text).toBe(`Nguyễn Thị Nhập ${tag}`);
    },
  );

  it('re-importing the same file creates no duplicates', SLOW, async () => {
    const before = (await memberCount()).length;
    const again = (await upload(admin, 'danh-sach.csv', csv(rows), t.units.c1a!)).json();
    const job = await run(admin, again.id, { mode: 'commit' });
    expect(job.result.counts).toMatchObject({ new: 0, duplicate: 4, error: 1 });
    expect((await memberCount()).length).toBe(before);
  });

  it('an officer of another province can neither upload into nor read this import', async () => {
    const r = await upload(officerB, 'x.csv', csv(rows), t.units.c1a!);
    expect(r.statusCode).toBe(404);
    expect((await officerB.get(`/api/jobs/${commitJob}`)).statusCode).toBe(404);
    expect((await officerB.get(`/api/imports/runs/${commitJob}/rows`)).statusCode).toBe(404);
    expect((await officerB.get(`/api/imports/members/${uploadId}`)).statusCode).toBe(404);
  });
});

describe('legacy addresses through the official conversion table', () => {
  it('converts an old commune, and flags a split one for the user to choose', SLOW, async () => {
    const tag = letters();
    const rows = [
      ['Họ và tên', 'Năm sinh', 'Xã cũ', 'Huyện cũ', 'Tỉnh cũ'],
      [`Đỗ Văn Trúc Bạch ${tag}`, '1951', 'Phường Trúc Bạch', 'Quận Ba Đình', 'Hà Nội'],
      [`Đỗ Thị Kim Mã ${tag}`, '1952', 'Kim Mã', 'Ba Đình', 'Thành phố Hà Nội'],
    ];
    const u = (await upload(admin, 'dia-chi-cu.csv', csv(rows), t.units.c1b!)).json();
    expect(u.columns.map((c: { field: string | null }) => c.field)).toEqual([
      'fullName',
      'birthYear',
      'oldCommune',
      'oldDistrict',
      'oldProvince',
    ]);
    const preview = await run(admin, u.id, { mode: 'preview' });
    expect(preview.result.counts).toMatchObject({ new: 1, error: 1 });
    const split = preview.result.splitCommunes;
    expect(split).toHaveLength(1);
    expect(split[0].oldCommune).toBe('Phường Kim Mã');
    expect(split[0].candidates.map((c: { code: string }) => c.code).sort()).toEqual([
      '00004',
      '00008',
      '00025',
    ]);

    const commit = await run(admin, u.id, {
      mode: 'commit',
      communeChoices: { [split[0].key]: '00025' },
    });
    expect(commit.result.counts).toMatchObject({ new: 2, error: 0 });
    const list = (
      await admin.get(`/api/members?unitId=${t.units.c1b}&q=${encodeURIComponent(tag)}&limit=10`)
    ).json().items;
    const byName = new Map<string, string>(
      list.map((m: { fullName: string; id: string }) => [m.fullName, m.id]),
    );
    const truc = (await admin.get(`/api/members/${byName.get(`Đỗ Văn Trúc Bạch ${tag}`)}`)).json();
    expect(truc.person.address.communeCode).toBe('00004');
    expect(truc.person.address.legacyText).toContain('Trúc Bạch');
    const kim = (await admin.get(`/api/members/${byName.get(`Đỗ Thị Kim Mã ${tag}`)}`)).json();
    expect(kim.person.address.communeCode).toBe('00025');
  });
});

describe('column mappings saved as templates', () => {
  it(
    'a corrected mapping, saved under a name, is applied to the next file with the same headings',
    SLOW,
    async () => {
      const rows = [
        ['Họ và tên', 'Năm sinh', 'Nơi sinh hoạt'],
        [`Vũ Văn Mẫu ${letters()}`, '1950', 'Tổ 3'],
      ];
      const first = (await upload(admin, 'mau.csv', csv(rows), t.units.c1a!)).json();
      expect(first.columns[2].field).toBeNull();
      const columns = first.columns.map(
        (c: { index: number; heading: string; field: string | null }) =>
          c.index === 2 ? { ...c, field: 'address' } : c,
      );
      const job = await run(admin, first.id, {
        mode: 'preview',
        columns,
        saveTemplate: 'Mẫu của xã',
      });
      expect(job.status).toBe('done');
      const saved = (await admin.get('/api/imports/mappings')).json();
      expect(saved.map((m: { name: string }) => m.name)).toContain('Mẫu của xã');
      const second = (await upload(admin, 'mau-2.csv', csv(rows), t.units.c1a!)).json();
      expect(second.columns.map((c: { field: string | null }) => c.field)).toEqual([
        'fullName',
        'birthYear',
        'address',
      ]);
    },
  );
  it('a mapping to an unknown field is refused', async () => {
    const u = (
      await upload(
        admin,
        'x.csv',
        csv([
          ['Họ và tên', 'Năm sinh'],
          ['Vũ Thị Sai', '1950'],
        ]),
        t.units.c1a!,
      )
    ).json();
    const r = await admin.post(`/api/imports/members/${u.id}/runs`, {
      mode: 'preview',
      columns: [{ index: 0, heading: 'Họ và tên', field: 'salary' }],
    });
    expect(r.statusCode).toBe(400);
    const none = await admin.post(`/api/imports/members/${u.id}/runs`, {
      mode: 'preview',
      columns: [{ index: 1, heading: 'Năm sinh', field: 'birthYear' }],
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toContain('Họ và tên');
  });
});

describe('bad files', () => {
  it('a file without a header row is refused and nothing is kept', async () => {
    const r = await upload(
      admin,
      'rac.csv',
      csv([
        ['a', 'b'],
        ['1', '2'],
      ]),
      t.units.c1a!,
    );
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('IMPORT_HEADER_NOT_FOUND');
  });
  it('a legacy .xls is refused with a message asking for .xlsx', async () => {
    const r = await upload(admin, 'cu.xls', Buffer.from('not really'), t.units.c1a!);
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.json().error.message).toMatch(/xlsx/);
  });
});
