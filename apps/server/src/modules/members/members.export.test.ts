import { PassThrough } from 'node:stream';
import { compareVietnameseNames, type PersonInput } from '@hoi/contracts';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../platform/actor.js';
import { createTestContext, type TestContext } from '../../test/harness.js';
import {
  createTestTree,
  ensureTestAdminUnits,
  sessionFor,
  type Client,
  type TestTree,
} from '../../test/factories.js';
import {
  EXPORT_COLUMNS,
  memberExportPages,
  writeMembersXlsx,
  type ExportRow,
} from './members.export.js';
import { createMember } from './members.service.js';

let ctx: TestContext;
let t: TestTree;
let admin: Client;
let officerA: Client;
let officerB: Client;

const admission = { number: '07/QĐ-CH', date: '2024-03-15', signer: 'Trần Văn Chủ' };

async function admit(unitKey: string, person: PersonInput, notes?: string) {
  return createMember(ctx.deps, cliActor(t.associationId), {
    person,
    unitId: t.units[unitKey]!,
    category: 'official',
    acknowledgeWarnings: true,
    appliedOn: '2024-03-01',
    admission,
    ...(notes ? { notes } : {}),
  });
}

beforeAll(async () => {
  ctx = await createTestContext();
  t = await createTestTree(ctx.deps);
  await ensureTestAdminUnits(ctx.deps);
  admin = await sessionFor(ctx.app, ctx.deps, t.users.admin!);
  officerA = await sessionFor(ctx.app, ctx.deps, t.users.officerA!);
  officerB = await sessionFor(ctx.app, ctx.deps, t.users.officerB!);
  await admit('b1a', { fullName: 'Trần Thị Đào', gender: 'female', birthDate: '1948-05' });
  await admit(
    'g1a',
    {
      fullName: 'Nguyễn Văn An',
      gender: 'male',
      birthDate: '1950',
      idNumber: '001050123457',
      legacyIdNumber: '123456789',
      phone: '0912345678',
      email: 'an@example.vn',
      address: {
        provinceCode: '99',
        communeCode: '99001',
        detail: 'Thôn 3, xóm Đình',
        legacyText: 'Xóm Cũ, xã Cũ',
      },
    },
    '=1+2 ghi chú',
  );
  await admit('b1a', { fullName: 'Lê Văn Bình', gender: 'male', birthDate: '1952-07-15' });
  await admit('c1b', { fullName: 'Ngoài Phạm Vi', gender: 'male', birthDate: '1951' });
});
afterAll(async () => ctx.close());

const headers = EXPORT_COLUMNS.map((c) => c.header);
const col = (h: string) => headers.findIndex((x) => x.startsWith(h));

describe('member export (CSV, .xlsx)', () => {
  it('exports every registry field of the subtree as CSV, Vietnamese order, formulas defused, audited', async () => {
    const r = await officerA.get(`/api/members/export?format=csv&unitId=${t.units.c1a}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    expect(r.body.startsWith('\uFEFF')).toBe(true);
    const rows: string[][] = parse(r.body.slice(1));
    expect(rows[0]).toEqual(headers);
    const names = rows.slice(1).map((row) => row[col('Họ và tên')]!);
    expect(names).toEqual(['Nguyễn Văn An', 'Lê Văn Bình', 'Trần Thị Đào']);
    expect([...names].sort(compareVietnameseNames)).toEqual(names);
    expect(rows.slice(1).map((row) => row[0])).toEqual(['1', '2', '3']);

    const an = rows[1]!;
    const cell = (h: string) => an[col(h)];
    expect(cell('Ngày sinh')).toBe('1950');
    expect(cell('Giới tính')).toBe('Nam');
    expect(cell('Số định danh')).toBe('001050123457');
    expect(cell('Số CMND cũ')).toBe('123456789');
    expect(cell('Điện thoại')).toBe('0912345678');
    expect(cell('Email')).toBe('an@example.vn');
    expect(cell('Tỉnh, thành phố')).toBe('Tỉnh Thử Nghiệm');
    expect(cell('Mã tỉnh')).toBe('99');
    expect(cell('Xã, phường')).toBe('Xã Thử Một');
    expect(cell('Mã xã')).toBe('99001');
    expect(cell('Thôn/xóm')).toBe('Thôn 3, xóm Đình');
    expect(cell('Địa chỉ cũ')).toBe('Xóm Cũ, xã Cũ');
    expect(cell('Đơn vị /')).toBe('Tổ hội 1');
    expect(cell('Mã đơn vị')).toBe(`G1A-${t.code.slice(2)}`);
    expect(cell('Loại hội viên')).toBe('Hội viên chính thức');
    expect(cell('Trạng thái')).toBe('Đang sinh hoạt');
    expect(cell('Ngày làm đơn')).toBe('01/03/2024');
    expect(cell('Ngày vào hội')).toBe('15/03/2024');
    expect(cell('Số quyết định')).toBe('07/QĐ-CH');
    expect(cell('Ngày quyết định')).toBe('15/03/2024');
    expect(cell('Người ký')).toBe('Trần Văn Chủ');
    expect(cell('Ghi chú')).toBe("'=1+2 ghi chú");
    expect(rows[2]![col('Ngày sinh')]).toBe('15/07/1952');
    expect(rows[3]![col('Ngày sinh')]).toBe('05/1948');
    expect(rows[3]![col('Giới tính')]).toBe('Nữ');

    const audit = await ctx.deps.db.system
      .selectFrom('auditLog')
      .select(['action', 'unitId', 'after'])
      .where('associationId', '=', t.associationId)
      .where('action', '=', 'member.export')
      .execute();
    expect(audit).toContainEqual(
      expect.objectContaining({
        unitId: t.units.c1a,
        after: expect.objectContaining({ rows: 3, complete: true, format: 'csv' }),
      }),
    );
  });

  it('exports .xlsx readable by Excel tools: bold frozen header, numbers and text cells', async () => {
    const r = await admin.get(`/api/members/export?format=xlsx&unitId=${t.units.p1}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-disposition']).toMatch(/danh-sach-hoi-vien-\d{8}\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Hội viên')!;
    expect(ws.getRow(1).values).toEqual([undefined, ...headers]);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.rowCount).toBe(5);
    expect(ws.getCell('A2').value).toBe(1);
    expect(ws.getCell(2, col('Họ và tên') + 1).value).toBe('Nguyễn Văn An');
    expect(ws.getCell(2, col('Mã xã') + 1).value).toBe('99001');
    expect(ws.getCell(2, col('Ghi chú') + 1).value).toBe('=1+2 ghi chú');
    expect(ws.getCell(5, col('Họ và tên') + 1).value).toBe('Ngoài Phạm Vi');
  });

  it('reads plain filters straight from the index: the same rows as through the list search', async () => {
    // inTransit=false matches every member here but only the list search applies it.
    for (const q of [
      `unitId=${t.units.c1a}`,
      `unitId=${t.units.p1}&status=active&gender=male`,
      '',
    ]) {
      const plain = await admin.get(`/api/members/export?format=csv&${q}`);
      const searched = await admin.get(`/api/members/export?format=csv&${q}&inTransit=false`);
      expect(plain.statusCode).toBe(200);
      expect(plain.body.split('\r\n').length).toBeGreaterThan(2);
      expect(plain.body).toBe(searched.body);
    }
  });

  it('exports the rows of a name search, whole words or a fragment, in Vietnamese order', async () => {
    const names = async (q: string) => {
      const r = await admin.get(`/api/members/export?format=csv&q=${q}`);
      expect(r.statusCode).toBe(200);
      const rows: string[][] = parse(r.body.slice(1));
      return rows.slice(1).map((row) => row[col('Họ và tên')]);
    };
    expect(await names('van')).toEqual(['Nguyễn Văn An', 'Lê Văn Bình']);
    expect(await names('van%20bi')).toEqual(['Lê Văn Bình']);
  });

  it('answers 404 for a unit outside the caller’s scope, before sending any byte', async () => {
    const r = await officerB.get(`/api/members/export?format=xlsx&unitId=${t.units.c1a}`);
    expect(r.statusCode).toBe(404);
  });

  it('records an export stopped half-way as incomplete', async () => {
    const actor = cliActor(t.associationId);
    for await (const page of memberExportPages(ctx.deps, actor, { unitId: t.units.b1a })) {
      expect(page.length).toBeGreaterThan(0);
      break;
    }
    const audit = await ctx.deps.db.system
      .selectFrom('auditLog')
      .select(['after'])
      .where('associationId', '=', t.associationId)
      .where('action', '=', 'member.export')
      .where('unitId', '=', t.units.b1a!)
      .execute();
    expect(audit.map((a) => a.after)).toContainEqual(
      expect.objectContaining({ rows: 3, complete: false }),
    );
  });
});

describe('streaming .xlsx writer', () => {
  const row = (i: number, fullName: string, notes: string | null): ExportRow => ({
    id: `id-${i}`,
    personId: `p-${i}`,
    sortKey: String(i),
    memberNumber: String(1000 + i),
    fullName,
    birthDate: '1950',
    gender: 'female',
    idNumber: null,
    phone: null,
    unitId: 'u-1',
    unitName: 'Chi hội <Thôn 1> & 2',
    unitCode: 'CH-1',
    category: 'official',
    status: 'active',
    appliedOn: null,
    joinedOn: '2024-03-15',
    endedOn: null,
    admissionNumber: null,
    admissionDate: null,
    admissionSigner: null,
    notes,
    legacyIdNumber: null,
    email: null,
    provinceCode: null,
    provinceName: null,
    communeCode: null,
    communeName: null,
    addressDetail: null,
    addressLegacy: null,
  });

  it('starts a new sheet past the row limit, escapes markup and drops characters XML cannot hold', async () => {
    async function* pages() {
      yield [row(1, 'Đỗ Thị "Một"', 'A & B <c>'), row(2, 'Hai', ' lề trái')];
      yield [row(3, 'Ba', 'bell\u0007 here')];
    }
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const progress: number[] = [];
    const n = await writeMembersXlsx(pages(), out, (rows) => progress.push(rows), {
      maxRowsPerSheet: 2,
    });
    expect(n).toBe(3);
    expect(progress).toEqual([2, 3]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Hội viên', 'Hội viên (2)']);
    const [first, second] = wb.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    const notes = col('Ghi chú') + 1;
    expect(first.getCell(2, col('Họ và tên') + 1).value).toBe('Đỗ Thị "Một"');
    expect(first.getCell(2, notes).value).toBe('A & B <c>');
    expect(first.getCell(2, col('Đơn vị /') + 1).value).toBe('Chi hội <Thôn 1> & 2');
    expect(first.getCell(3, notes).value).toBe(' lề trái');
    expect(second.getRow(1).getCell(1).value).toBe('STT / No.');
    expect(second.getCell('A2').value).toBe(3);
    expect(second.getCell(2, notes).value).toBe('bell here');
  });
});
