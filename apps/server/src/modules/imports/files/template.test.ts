import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { ETHNICITIES, RELIGIONS } from '@hoi/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from './read.js';
import {
  GUIDE_SHEET,
  LIST_SHEET,
  TEMPLATE_COLUMNS,
  TEMPLATE_ROWS,
  TEMPLATE_SHEET,
  writeImportTemplate,
} from './template.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-files-template-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ethnicities = Object.values(ETHNICITIES);
const religions = Object.values(RELIGIONS);
// Long enough that an inline list (255 characters at most) could not hold it.
const units = Array.from({ length: 40 }, (_, i) => ({
  code: `CH${String(i + 1).padStart(2, '0')}`,
  name: `Chi hội Tổ dân phố số ${i + 1} phường Ba Đình`,
}));

describe('the import template', () => {
  const file = path.join(dir, 'mau.xlsx');
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    await writeImportTemplate(file, { units, ethnicities, religions });
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
  });
  const sheet = (name: string) => wb.getWorksheet(name)!;
  const column = (heading: string) =>
    sheet(TEMPLATE_SHEET).getColumn(TEMPLATE_COLUMNS.findIndex((c) => c.heading === heading) + 1)
      .letter;

  it('has the member sheet first, the guide, and the lists hidden', () => {
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      [TEMPLATE_SHEET, 'visible'],
      [GUIDE_SHEET, 'visible'],
      [LIST_SHEET, 'hidden'],
    ]);
  });

  it('has the standard headings, bold and frozen', () => {
    const ws = sheet(TEMPLATE_SHEET);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      'STT',
      'Họ và tên',
      'Ngày sinh',
      'Giới tính',
      'Số định danh cá nhân',
      'Dân tộc',
      'Tôn giáo',
      'Số điện thoại',
      'Thôn/xóm',
      'Địa chỉ',
      'Chi hội',
      'Mã chi hội',
      'Ngày vào hội',
      'Số thẻ',
      'Loại hội viên',
      'Ghi chú',
    ]);
    expect(ws.getCell('B1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('keeps IDs, phones and dates as typed (text columns)', () => {
    const ws = sheet(TEMPLATE_SHEET);
    for (const h of ['Số định danh cá nhân', 'Số điện thoại', 'Ngày sinh', 'Ngày vào hội']) {
      expect(ws.getColumn(column(h)).numFmt, h).toBe('@');
    }
  });

  it('has dropdowns on rows 2..5001 fed by the hidden lists', () => {
    const ws = sheet(TEMPLATE_SHEET);
    const lists = sheet(LIST_SHEET);
    const cases: [string, string[], string][] = [
      ['Giới tính', ['Nam', 'Nữ'], 'stop'],
      ['Dân tộc', ethnicities, 'warning'],
      ['Tôn giáo', religions, 'warning'],
      ['Chi hội', units.map((u) => u.name), 'warning'],
      ['Mã chi hội', units.map((u) => u.code), 'warning'],
      ['Loại hội viên', ['Chính thức', 'Liên kết', 'Danh dự'], 'stop'],
    ];
    for (const [heading, values, errorStyle] of cases) {
      const at = column(heading);
      const v = ws.getCell(`${at}2`).dataValidation;
      expect(v, heading).toMatchObject({ type: 'list', allowBlank: true, errorStyle });
      const ref = /^'Danh mục'!\$([A-Z])\$2:\$\1\$(\d+)$/.exec(String(v.formulae[0]));
      expect(ref, heading).not.toBeNull();
      expect(Number(ref![2])).toBe(values.length + 1);
      const listed = values.map((_, i) => lists.getCell(`${ref![1]}${i + 2}`).value);
      expect(listed, heading).toEqual(values);
      expect(ws.getCell(`${at}${TEMPLATE_ROWS + 1}`).dataValidation, heading).toEqual(v);
      expect(ws.getCell(`${at}${TEMPLATE_ROWS + 2}`).dataValidation, heading).toBeUndefined();
    }
    expect(units.map((u) => u.name).join(',').length).toBeGreaterThan(255);
  });

  it('explains the ID column in an input message', () => {
    const v = sheet(TEMPLATE_SHEET).getCell(`${column('Số định danh cá nhân')}2`).dataValidation;
    expect(v).toMatchObject({ showInputMessage: true, promptTitle: 'Số định danh cá nhân' });
    expect(v.prompt).toContain('12 chữ số');
    expect(v.prompt!.length).toBeLessThanOrEqual(255);
  });

  it('has instructions in Vietnamese and English', () => {
    const text = (sheet(GUIDE_SHEET).getColumn(1).values as unknown[]).filter(Boolean).join('\n');
    expect(text).toContain('Mỗi hội viên một dòng');
    expect(text).toContain('One member per row');
  });

  it('reads back as its header row, and writes to a stream too', async () => {
    const rows = [];
    for await (const r of readTable(file, 'xlsx')) rows.push(r);
    expect(rows).toEqual([{ rowNumber: 1, cells: TEMPLATE_COLUMNS.map((c) => c.heading) }]);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeImportTemplate(out, { units: [], ethnicities, religions });
    const streamed = new ExcelJS.Workbook();
    await streamed.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    // No units: no branch dropdown rather than one pointing at an empty list.
    expect(
      streamed.getWorksheet(TEMPLATE_SHEET)!.getCell(`${column('Chi hội')}2`).dataValidation,
    ).toBeUndefined();
  });
});
