import { compareVietnameseNames, type PersonInput } from '@hoi/contracts';
import ExcelJS from 'exceljs';
// JSZip arrives with ExcelJS; here it only opens the .docx (a zip) to read its XML.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../platform/actor.js';
import { createTestContext, type TestContext } from '../../test/harness.js';
import { createTestTree, sessionFor, type Client, type TestTree } from '../../test/factories.js';
import { createMember, transition } from './members.service.js';

let ctx: TestContext;
let t: TestTree;
let officerA: Client;
let officerB: Client;

async function admit(unitKey: string, person: PersonInput) {
  return createMember(ctx.deps, cliActor(t.associationId), {
    person,
    unitId: t.units[unitKey]!,
    category: 'official',
    acknowledgeWarnings: true,
    appliedOn: '2024-03-01',
    admission: { number: '01/QĐ', date: '2024-03-15', signer: 'Chủ tịch' },
  });
}

/** The members listed as of today, in the order they must appear. */
const TODAY = ['Lê Văn Bình', 'Trần Thị Đào', 'Nguyễn Thị Hà', 'Phạm Văn Úc'];

beforeAll(async () => {
  ctx = await createTestContext();
  t = await createTestTree(ctx.deps);
  officerA = await sessionFor(ctx.app, ctx.deps, t.users.officerA!);
  officerB = await sessionFor(ctx.app, ctx.deps, t.users.officerB!);
  await admit('b1a', { fullName: 'Trần Thị Đào', gender: 'female', birthDate: '1948-05' });
  await admit('b1a', {
    fullName: 'Lê Văn Bình',
    gender: 'male',
    birthDate: '1952-07-15',
    address: { detail: 'Thôn 1' },
  });
  await admit('g1a', { fullName: 'Nguyễn Thị Hà', gender: 'female', birthDate: '1950' });
  await admit('b1a', { fullName: 'Phạm Văn Úc', gender: 'male', birthDate: '1949' });
  const gone = await admit('b1a', { fullName: 'Đỗ Văn An', gender: 'male', birthDate: '1945' });
  await transition(ctx.deps, cliActor(t.associationId), gone.id, gone.version, {
    action: 'resign',
    effectiveDate: '2025-01-01',
  });
  await admit('c1b', { fullName: 'Ngoài Phạm Vi', gender: 'male', birthDate: '1951' });
});
afterAll(async () => ctx.close());

const url = (format: string, asOf?: string) =>
  `/api/members/branch-list?unitId=${t.units.b1a}&format=${format}${asOf ? `&asOf=${asOf}` : ''}`;

describe('printable branch list (danh sách hội viên)', () => {
  it('is an A4 .xlsx with heading, two header rows repeated on each page, Vietnamese order, totals and signatures', async () => {
    const r = await officerA.get(url('xlsx'));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-disposition']).toMatch(
      new RegExp(`danh-sach-hoi-vien-B1A-${t.code.slice(2)}-\\d{8}\\.xlsx`),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToWidth: 1 });
    expect(ws.pageSetup.printTitlesRow).toBe('7:8');
    const book = await (
      await JSZip.loadAsync(r.rawPayload)
    )
      .file('xl/workbook.xml')!
      .async('string');
    expect(book).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="0">');
    expect(book).toContain('!$7:$8</definedName>');
    expect(ws.getCell('A2').value).toBe('CHI HỘI THÔN 1');
    expect(ws.getCell('E1').value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(ws.getCell('A4').value).toBe('DANH SÁCH HỘI VIÊN');
    expect(ws.getCell('A5').value).toMatch(/^Chi hội Thôn 1 — tính đến ngày \d{2}\/\d{2}\/\d{4}$/);
    expect(ws.getCell('A4').isMerged).toBe(true);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => ws.getCell(7, c).value)).toEqual([
      'STT',
      'Họ và tên',
      'Năm sinh',
      'Năm sinh',
      'Số thẻ',
      'Địa chỉ (thôn/xóm)',
      'Ngày vào hội',
      'Ghi chú',
    ]);
    expect([ws.getCell('C8').value, ws.getCell('D8').value]).toEqual(['Nam', 'Nữ']);
    expect(ws.getCell('B9').border?.left?.style).toBe('thin');
    const names = TODAY.map((_, i) => ws.getCell(9 + i, 2).value);
    expect(names).toEqual(TODAY);
    expect([...TODAY].sort(compareVietnameseNames)).toEqual(TODAY);
    // The birth year goes in the column of the member's sex.
    expect([ws.getCell('C9').value, ws.getCell('D9').value]).toEqual(['1952', null]);
    expect([ws.getCell('C10').value, ws.getCell('D10').value]).toEqual([null, '1948']);
    expect(ws.getCell('F9').value).toBe('Thôn 1');
    expect(ws.getCell('G9').value).toBe('15/03/2024');
    expect(ws.getCell('H11').value).toBe('Tổ hội 1');
    expect(ws.getCell('A13').value).toBe('Tổng số: 4 hội viên, trong đó nữ: 2');
    expect(ws.getCell('E15').value).toBe('…………, ngày …… tháng …… năm ………');
    expect([ws.getCell('A16').value, ws.getCell('E16').value]).toEqual([
      'NGƯỜI LẬP BIỂU',
      'CHI HỘI TRƯỞNG',
    ]);
  });

  it('lists the unit as it was on a past date', async () => {
    const r = await officerA.get(url('xlsx', '2024-12-31'));
    expect(r.statusCode, r.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A5').value).toBe('Chi hội Thôn 1 — tính đến ngày 31/12/2024');
    expect(ws.getCell('B9').value).toBe('Đỗ Văn An');
    expect(ws.getCell('A14').value).toBe('Tổng số: 5 hội viên, trong đó nữ: 2');
  });

  it('is a real Word document: A4, Times New Roman 13, header rows repeated, Vietnamese order', async () => {
    const r = await officerA.get(url('docx'));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml.document');
    const zip = await JSZip.loadAsync(r.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(xml.match(/<w:tblHeader\/>/g)?.length).toBe(2);
    expect(xml).toContain('DANH SÁCH HỘI VIÊN');
    expect(xml).toContain('Tổng số: 4 hội viên, trong đó nữ: 2');
    expect(xml).toContain('CHI HỘI TRƯỞNG');
    expect(xml).not.toContain('Ngoài Phạm Vi');
    const at = TODAY.map((n) => xml.indexOf(`>${n}<`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toMatch(/w:ascii="Times New Roman"/);
    expect(styles).toContain('<w:sz w:val="26"/>');
  });

  it('is refused outside the caller’s scope and with a bad format', async () => {
    expect((await officerB.get(url('xlsx'))).statusCode).toBe(404);
    expect((await officerA.get(url('pdf'))).statusCode).toBe(400);
  });
});
