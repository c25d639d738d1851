import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readTable, type RawRow } from './read.js';
import { createReportWriter, REPORT_COLUMNS, type ReportRow } from './write.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-files-write-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function rowsOf(p: string, format: 'csv' | 'xlsx'): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const r of readTable(p, format)) rows.push(r);
  return rows;
}

const headings = [
  'STT',
  'Họ và tên',
  'Ngày sinh',
  'Số định danh cá nhân',
  'Số điện thoại',
  'Ghi chú',
];
const born = new Date('1948-03-05T00:00:00Z');
const report: ReportRow[] = [
  {
    rowNumber: 7,
    cells: [1, 'Nguyễn Thị Hoa', born, '001148012345', 912345678, '=HYPERLINK("x")'],
    errors: ['Số định danh trùng với dòng 12', 'Thiếu chi hội'],
    warnings: ['Số điện thoại thiếu số 0 ở đầu'],
  },
  {
    rowNumber: 9,
    cells: [2, 'Trần "Văn" Ba, con', '5/3/48', null, '+84 912 345 678'],
    errors: ['Năm sinh hai chữ số'],
    warnings: [],
  },
  // More cells than headings: the extras are dropped so the issue columns stay aligned.
  {
    rowNumber: 12,
    cells: [3, 'Lê Thị Tư', null, null, null, 'x', 'extra'],
    errors: [],
    warnings: ['w'],
  },
];

async function writeReport(p: string, format: 'csv' | 'xlsx') {
  const writer = await createReportWriter(p, format, { headings });
  for (const r of report) await writer.add(r);
  await writer.close();
}

describe('the error report', () => {
  it('xlsx: re-reads as the original headings and cells plus source row and issues', async () => {
    const p = path.join(dir, 'report.xlsx');
    await writeReport(p, 'xlsx');
    const rows = await rowsOf(p, 'xlsx');
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 2, 3, 4]);
    expect(rows[0]!.cells).toEqual([...headings, ...REPORT_COLUMNS]);
    expect(rows[1]!.cells).toEqual([
      ...report[0]!.cells,
      7,
      'Số định danh trùng với dòng 12; Thiếu chi hội',
      'Số điện thoại thiếu số 0 ở đầu',
    ]);
    expect(rows[2]!.cells).toEqual([
      2,
      'Trần "Văn" Ba, con',
      '5/3/48',
      null,
      '+84 912 345 678',
      null,
      9,
      'Năm sinh hai chữ số',
    ]);
    expect(rows[3]!.cells).toEqual([3, 'Lê Thị Tư', null, null, null, 'x', 12, null, 'w']);
  });

  it('xlsx: bold frozen header, red errors, dd/mm/yyyy dates and text IDs', async () => {
    const p = path.join(dir, 'report.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(p);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('A1').font?.bold).toBe(true);
    const errors = ws.getCell(2, headings.length + 2);
    expect(errors.font?.color?.argb).toBe('FFC00000');
    expect(ws.getCell('C2').numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('C2').value).toEqual(born);
    expect(ws.getCell('D2').numFmt).toBe('@');
    expect(ws.getCell('D2').value).toBe('001148012345');
    expect(ws.getCell('F2').value).toBe('=HYPERLINK("x")');
    expect(ws.getCell('F2').formula).toBeUndefined();
  });

  it('csv: UTF-8 with BOM, CRLF, quoting and formula guard, and it reads back', async () => {
    const p = path.join(dir, 'report.csv');
    await writeReport(p, 'csv');
    const bytes = fs.readFileSync(p);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe([...headings, ...REPORT_COLUMNS].join(','));
    expect(lines[1]).toBe(
      '1,Nguyễn Thị Hoa,05/03/1948,001148012345,912345678,"\'=HYPERLINK(""x"")",7,Số định danh trùng với dòng 12; Thiếu chi hội,Số điện thoại thiếu số 0 ở đầu',
    );
    expect(lines[2]).toBe(
      '2,"Trần ""Văn"" Ba, con",5/3/48,,"\'+84 912 345 678",,9,Năm sinh hai chữ số,',
    );
    expect(lines[4]).toBe('');
    const rows = await rowsOf(p, 'csv');
    expect(rows[0]!.cells).toEqual([...headings, ...REPORT_COLUMNS]);
    // CSV is text: numbers and dates come back as the text Excel shows; the guard is undone.
    expect(rows[1]!.cells).toEqual([
      '1',
      'Nguyễn Thị Hoa',
      '05/03/1948',
      '001148012345',
      '912345678',
      '=HYPERLINK("x")',
      '7',
      'Số định danh trùng với dòng 12; Thiếu chi hội',
      'Số điện thoại thiếu số 0 ở đầu',
    ]);
    expect(rows[2]!.cells).toEqual([
      '2',
      'Trần "Văn" Ba, con',
      '5/3/48',
      null,
      '+84 912 345 678',
      null,
      '9',
      'Năm sinh hai chữ số',
    ]);
  });

  it('streams large reports', async () => {
    const p = path.join(dir, 'big.xlsx');
    const writer = await createReportWriter(p, 'xlsx', { headings });
    for (let i = 0; i < 10_000; i++) {
      await writer.add({
        rowNumber: i + 2,
        cells: [i + 1, `Hội viên ${i}`, born],
        errors: ['Lỗi'],
        warnings: [],
      });
    }
    await writer.close();
    let n = 0;
    for await (const r of readTable(p, 'xlsx')) n += r.rowNumber > 1 ? 1 : 0;
    expect(n).toBe(10_000);
  });
});
