import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.js';
import { excelSerial, fixtureColumns, headingOf, memberCells } from './fixtures-cells.js';
import { fixtureMembers, writeCsv, writeMessyXlsx } from './fixtures.js';
import { formatOf, readTable, tableInfo, type RawRow } from './read.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-files-read-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, name);

async function rowsOf(p: string, format: 'csv' | 'xlsx', sheet?: string): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const r of readTable(p, format, sheet ? { sheet } : {})) rows.push(r);
  return rows;
}

async function failure(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an AppError');
}

/** A minimal deflated ZIP, for workbooks no library writes (prefixed XML, odd part names). */
async function writeZip(p: string, parts: Record<string, string>) {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(parts)) {
    const raw = Buffer.from(text);
    const data = zlib.deflateRawSync(raw);
    const crc = zlib.crc32(raw);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(raw.length, 22);
    head.writeUInt16LE(Buffer.byteLength(name), 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(raw.length, 24);
    entry.writeUInt16LE(Buffer.byteLength(name), 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(head, Buffer.from(name), data);
    central.push(entry, Buffer.from(name));
    offset += 30 + Buffer.byteLength(name) + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  await fs.promises.writeFile(p, Buffer.concat([...locals, cd, end]));
}

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('formatOf', () => {
  it('knows .xlsx and CSV-like names, whatever their case', () => {
    expect(formatOf('Danh sách hội viên.XLSX')).toBe('xlsx');
    expect(formatOf('ds.xlsm')).toBe('xlsx');
    expect(formatOf('ds.csv')).toBe('csv');
    expect(formatOf('Unicode text.txt')).toBe('csv');
    expect(formatOf('ds.tsv')).toBe('csv');
  });

  it('refuses .xls with advice to save as .xlsx, and unknown types', async () => {
    const xls = await failure(async () => formatOf('DS hoi vien 2024.xls'));
    expect(xls.code).toBe('IMPORT_FORMAT_UNSUPPORTED');
    expect(xls.toEnvelope().error.message).toBe(
      'Tệp .xls (Excel 97-2003) chưa được hỗ trợ; hãy mở tệp trong Excel và lưu lại dạng .xlsx',
    );
    expect(xls.status).toBe(415);
    for (const name of ['ds.ods', 'ds.pdf', 'danh-sach']) {
      expect((await failure(async () => formatOf(name))).code).toBe('IMPORT_FORMAT_UNSUPPORTED');
    }
  });
});

describe('readTable on a messy .xlsx', () => {
  const members = [...fixtureMembers(120, { seed: 7 })];

  it.each([
    ['inline strings', false],
    ['shared strings', true],
  ])('gives real row numbers, typed cells and merges filled down (%s)', async (_, shared) => {
    const p = file(`messy-${shared}.xlsx`);
    const layout = await writeMessyXlsx(p, members, {
      titleRows: true,
      mergedHeader: true,
      numberingRow: true,
      mergedBranch: true,
      duplicateEvery: 10,
      totalsRow: true,
      legacyAddress: true,
      sharedStrings: shared,
      emptySheetFirst: true,
    });
    const rows = await rowsOf(p, 'xlsx');
    const at = (n: number) => rows.find((r) => r.rowNumber === n)!.cells;

    // Row 4 is empty, so absent; the list is on the second sheet.
    expect(rows.map((r) => r.rowNumber).slice(0, 6)).toEqual([1, 2, 3, 5, 6, 7]);
    expect(at(2)).toEqual(['DANH SÁCH HỘI VIÊN']);
    // Two-level header: "Năm sinh" spans Nam | Nữ; the other headings are filled down.
    expect(at(5).slice(0, 5)).toEqual([
      'STT',
      'Họ và tên',
      'Năm sinh',
      null,
      'Số định danh cá nhân',
    ]);
    expect(at(6)).toEqual(layout.headings);
    expect(at(7)[0]).toBe('(1)');
    expect(at(layout.totalsRow!)).toEqual(['Tổng cộng', layout.dataRows]);

    const data = rows.filter(
      (r) => r.rowNumber >= layout.firstDataRow && r.rowNumber <= layout.lastDataRow,
    );
    expect(data).toHaveLength(layout.dataRows);
    // Data rows follow the members in order; a duplicate repeats the row above (STT renumbered).
    let k = -1;
    for (const [i, { rowNumber, cells }] of data.entries()) {
      if (!layout.duplicateRows.includes(rowNumber)) k++;
      const expected = memberCells(members[k]!, layout.columns);
      expected[0] = i + 1;
      // The merged "Chi hội" is on every row, not only the first of its branch.
      expect(cells).toEqual(expected.slice(0, lastValue(expected)));
    }
    expect(k).toBe(members.length - 1);
  });

  it('reads dates, serials, text dates and numbers as stored', async () => {
    const p = file('kinds.xlsx');
    const kinds = ['date', 'serial', 'text-date', 'two-digit-year', 'year'] as const;
    // index 11: a year written as a number (every fifth member writes it as text).
    const ms = kinds.map((k, i) => ({
      ...members[i]!,
      birthKind: k,
      idAsNumber: true,
      index: i + 7,
    }));
    const layout = await writeMessyXlsx(p, ms, {});
    const rows = await rowsOf(p, 'xlsx');
    const birth = layout.columns.indexOf('birth');
    const id = layout.columns.indexOf('idNumber');
    const data = rows.slice(1);
    expect(data[0]!.cells[birth]).toEqual(utc(ms[0]!.birthDate));
    expect(data[1]!.cells[birth]).toBe(excelSerial(ms[1]!.birthDate));
    expect(data[2]!.cells[birth]).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}$/);
    expect(data[3]!.cells[birth]).toMatch(/^\d{1,2}\/\d{1,2}\/\d{2}$/);
    expect(data[4]!.cells[birth]).toBe(Number(ms[4]!.birthDate.slice(0, 4)));
    for (const [i, m] of ms.entries()) {
      if (m.idNumber) expect(data[i]!.cells[id]).toBe(Number(m.idNumber));
    }
  });

  it('lists sheets and merges, and reads a named sheet', async () => {
    const p = file('messy-true.xlsx');
    const info = await tableInfo(p, 'xlsx');
    expect(info.sheetNames).toEqual(['Sheet1', 'Danh sách']);
    expect(info.sheet).toBe('Danh sách');
    expect(info.merges).toEqual(expect.arrayContaining(['A2:R2', 'C5:D5', 'B5:B6']));
    expect(info.merges.some((m) => /^M\d+:M\d+$/.test(m) && !m.startsWith('M5'))).toBe(true);
    expect(await rowsOf(p, 'xlsx', 'Sheet1')).toEqual([]);
    expect((await rowsOf(p, 'xlsx', ' danh sách ')).length).toBeGreaterThan(100);
    const missing = await failure(() => rowsOf(p, 'xlsx', 'Hội viên'));
    expect(missing.details).toMatchObject({ reason: 'sheet', sheetNames: ['Sheet1', 'Danh sách'] });
  });
});

function lastValue(cells: unknown[]) {
  let n = cells.length;
  while (n > 0 && (cells[n - 1] === null || cells[n - 1] === undefined)) n--;
  return n;
}

describe('readTable on workbooks from other writers', () => {
  it('simplifies rich text, formulas, hyperlinks, errors and booleans (exceljs, 1904 dates)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('DS');
    ws.addRow(['Họ và tên', 'Ngày sinh', 'Tuổi', 'Ghi chú', 'Mã', 'Đảng viên', 'Web']);
    ws.addRow([
      { richText: [{ text: 'Nguyễn ' }, { font: { bold: true }, text: 'Thị Hoa' }] },
      utc('1948-03-05'),
      { formula: '2025-1948', result: 77 },
      { formula: 'A2&" (mẹ)"', result: 'Nguyễn Thị Hoa (mẹ)' },
      { error: '#N/A' },
      true,
      { text: 'hoi.vn', hyperlink: 'https://hoi.vn' },
    ]);
    ws.getCell('B2').numFmt = 'dd/mm/yyyy';
    ws.addRow([
      { sharedFormula: 'C2', result: 78 } as never,
      { formula: 'B2+1', result: utc('1948-03-06') },
    ]);
    ws.getCell('B3').numFmt = 'dd/mm/yyyy';
    const p = file('exceljs-plain.xlsx');
    await wb.xlsx.writeFile(p);
    const rows = await rowsOf(p, 'xlsx');
    expect(rows[1]!.cells).toEqual([
      'Nguyễn Thị Hoa',
      utc('1948-03-05'),
      77,
      'Nguyễn Thị Hoa (mẹ)',
      null,
      true,
      'hoi.vn',
    ]);
    expect(rows[2]!.cells).toEqual([78, utc('1948-03-06')]);
  });

  it('keeps Vietnamese text whole across chunk boundaries of a large shared-strings part', async () => {
    const names = Array.from(
      { length: 20_000 },
      (_, i) => `Nguyễn Thị Phượng Hường Ưng Ỷ Đặng Ngọc Ánh ${i} — “ghi chú” & <ký tự>`,
    );
    const p = file('utf8-chunks.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: p, useSharedStrings: true });
    const ws = wb.addWorksheet('S');
    for (const n of names) ws.addRow([n]).commit();
    ws.commit();
    await wb.commit();
    const rows = await rowsOf(p, 'xlsx');
    expect(rows.map((r) => r.cells[0])).toEqual(names);
  });

  it('reads prefixed XML, inline rich text, ISO and escaped cells, rows without r', async () => {
    const p = file('hand-made.xlsx');
    const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const r = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    await writeZip(p, {
      '[Content_Types].xml': '<Types/>',
      '_rels/.rels':
        '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>',
      'xl/_rels/workbook.xml.rels':
        '<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/list.xml"/>' +
        '<Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/hidden.xml"/>' +
        '<Relationship Id="r3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
      'xl/workbook.xml': `<x:workbook ${ns} ${r}><x:workbookPr date1904="true"/><x:sheets><x:sheet name="Ẩn" sheetId="2" state="hidden" r:id="r2"/><x:sheet name="D&amp;S" sheetId="1" r:id="r1"/></x:sheets></x:workbook>`,
      'xl/styles.xml': `<x:styleSheet ${ns}><x:numFmts count="1"><x:numFmt numFmtId="170" formatCode="[$-42A]dd/mm/yyyy;@"/></x:numFmts><x:cellXfs count="3"><x:xf numFmtId="0"/><x:xf numFmtId="170" applyNumberFormat="1"/><x:xf numFmtId="14"><x:alignment/></x:xf></x:cellXfs></x:styleSheet>`,
      'xl/worksheets/hidden.xml': `<x:worksheet ${ns}><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>ẩn</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`,
      'xl/worksheets/list.xml':
        `<x:worksheet ${ns}><x:sheetData>` +
        '<x:row><x:c t="inlineStr"><x:is><x:r><x:t xml:space="preserve">Trần </x:t></x:r><x:r><x:t>Văn Ba</x:t></x:r><x:rPh><x:t>phonetic</x:t></x:rPh></x:is></x:c><x:c s="1"><x:v>17597</x:v></x:c><x:c t="d"><x:v>1948-03-05</x:v></x:c></x:row>' +
        '<x:row r="4" spans="1:4"><x:c r="B4" t="str"><x:v>Dòng 1_x000D_\nDòng 2 &amp; &#273;</x:v></x:c><x:c r="D4" s=\'2\'><x:v>0</x:v></x:c></x:row>' +
        '<x:row r="5"/>' +
        '<x:row r="6"><x:c r="A6" t="e"><x:v>#REF!</x:v></x:c><x:c r="C6"><x:v></x:v></x:c></x:row>' +
        '</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="B4:B7"/></x:mergeCells></x:worksheet>',
    });
    const info = await tableInfo(p, 'xlsx');
    expect(info).toEqual({ sheetNames: ['Ẩn', 'D&S'], sheet: 'D&S', merges: ['B4:B7'] });
    // 1904 system: 17597 is 1952-03-06; the date-formatted 0 is 1904-01-01.
    expect(await rowsOf(p, 'xlsx')).toEqual([
      { rowNumber: 1, cells: ['Trần Văn Ba', utc('1952-03-06'), utc('1948-03-05')] },
      { rowNumber: 4, cells: [null, 'Dòng 1\r\nDòng 2 & đ', null, utc('1904-01-01')] },
    ]);
    expect(await rowsOf(p, 'xlsx', 'Ẩn')).toEqual([{ rowNumber: 1, cells: ['ẩn'] }]);
  });

  it('refuses damaged, password-protected and .xls-in-disguise files', async () => {
    const damaged = file('damaged.xlsx');
    fs.writeFileSync(damaged, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 7)]));
    expect((await failure(() => rowsOf(damaged, 'xlsx'))).details).toMatchObject({
      reason: 'xlsx',
    });
    const ole = file('old.xlsx');
    fs.writeFileSync(ole, Buffer.from('d0cf11e0a1b11ae1000000000000', 'hex'));
    const e = await failure(() => rowsOf(ole, 'xlsx'));
    expect(e.details).toEqual({ reason: 'ole' });
    expect(e.toEnvelope().error.message).toContain('.xlsx');
    const text = file('text.xlsx');
    fs.writeFileSync(text, 'Họ và tên,Ngày sinh\r\n');
    expect((await failure(() => rowsOf(text, 'xlsx'))).code).toBe('IMPORT_FILE_UNREADABLE');
  });
});

describe('readTable on CSV', () => {
  const headings = ['Họ và tên', 'Ngày sinh', 'Địa chỉ'];

  it('yields every record with its ordinal; blank records are empty', async () => {
    const p = file('comma.csv');
    await writeCsv(p, headings, [
      ['Nguyễn Văn "Tý"', '05/3/1948', 'Số 3, phố Quán Thánh'],
      [],
      ['Lê Thị Hoa', null, 'Thôn Đông\nxã Tân Tiến'],
      ["'=1+2", '', ''],
    ]);
    expect(await rowsOf(p, 'csv')).toEqual([
      { rowNumber: 1, cells: headings },
      { rowNumber: 2, cells: ['Nguyễn Văn "Tý"', '05/3/1948', 'Số 3, phố Quán Thánh'] },
      { rowNumber: 3, cells: [] },
      { rowNumber: 4, cells: ['Lê Thị Hoa', null, 'Thôn Đông\nxã Tân Tiến'] },
      { rowNumber: 5, cells: ['=1+2'] },
    ]);
  });

  it('detects semicolons despite a comma in a title line, and the sep= hint', async () => {
    const p = file('semicolon.csv');
    fs.writeFileSync(
      p,
      'DANH SÁCH HỘI VIÊN, PHƯỜNG BA ĐÌNH\n\nHọ và tên;Năm sinh;Địa chỉ\nTrần Văn Ba;1948;Số 3, Quán Thánh\nLê Thị Tư;1950;\n',
    );
    expect((await tableInfo(p, 'csv')).delimiter).toBe(';');
    const rows = await rowsOf(p, 'csv');
    expect(rows[3]).toEqual({ rowNumber: 4, cells: ['Trần Văn Ba', '1948', 'Số 3, Quán Thánh'] });
    expect(rows[4]).toEqual({ rowNumber: 5, cells: ['Lê Thị Tư', '1950'] });
    const hinted = file('hint.csv');
    fs.writeFileSync(hinted, 'sep=|\r\nHọ và tên|Năm sinh\r\nTrần Văn Ba|1948\r\n');
    expect(await rowsOf(hinted, 'csv')).toEqual([
      { rowNumber: 2, cells: ['Họ và tên', 'Năm sinh'] },
      { rowNumber: 3, cells: ['Trần Văn Ba', '1948'] },
    ]);
  });

  it("reads Excel's Unicode text (UTF-16LE with BOM, tabs)", async () => {
    const p = file('unicode.txt');
    await writeCsv(p, headings, [['Đặng Thị Ửng', '1/1/1940', 'Ấp 3']], {
      delimiter: '\t',
      encoding: 'utf16le',
    });
    expect(await tableInfo(p, formatOf(p))).toMatchObject({ delimiter: '\t', encoding: 'utf16le' });
    expect((await rowsOf(p, 'csv'))[1]!.cells).toEqual(['Đặng Thị Ửng', '1/1/1940', 'Ấp 3']);
  });

  it('refuses bytes that are not UTF-8 with the line, early or mid-stream', async () => {
    // "Nguyễn" in Windows-1258: ê (0xEA) + combining tilde (0xDE).
    const legacy = Buffer.from('Nguy\xea\xden V\xe3n A', 'latin1');
    const early = file('win1258.csv');
    fs.writeFileSync(
      early,
      Buffer.concat([Buffer.from('Họ và tên\r\n'), legacy, Buffer.from('\r\n')]),
    );
    const e = await failure(() => rowsOf(early, 'csv'));
    expect(e.code).toBe('IMPORT_FILE_UNREADABLE');
    expect(e.details).toEqual({ reason: 'encoding', line: 2 });
    expect(e.toEnvelope().error.message).toContain('CSV UTF-8');

    const late = file('late.csv');
    const good = 'Trần Văn Ba,1948\r\n'.repeat(20_000);
    fs.writeFileSync(late, Buffer.concat([Buffer.from(good), legacy, Buffer.from('\r\n')]));
    const seen: number[] = [];
    const e2 = await failure(async () => {
      for await (const r of readTable(late, 'csv')) seen.push(r.rowNumber);
    });
    expect(e2.details).toEqual({ reason: 'encoding', line: 20_001 });
    expect(seen.length).toBeLessThan(20_001);
  });

  it('refuses a quote that is never closed', async () => {
    const p = file('quote.csv');
    fs.writeFileSync(p, 'Họ và tên,Ghi chú\r\nTrần Văn Ba,"chưa đóng\r\nLê Thị Tư,x\r\n');
    expect((await failure(() => rowsOf(p, 'csv'))).details).toMatchObject({ reason: 'quote' });
  });

  it('reads a workbook whose name says .csv', async () => {
    const p = file('really-xlsx.csv');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').addRow(['Họ và tên', 1948]);
    await wb.xlsx.writeFile(p);
    expect(await rowsOf(p, formatOf(p))).toEqual([{ rowNumber: 1, cells: ['Họ và tên', 1948] }]);
  });

  it('streams member lists written by the fixtures', async () => {
    const columns = fixtureColumns({ legacyAddress: true });
    const members = [...fixtureMembers(300, { seed: 3 })];
    const p = file('members.csv');
    await writeCsv(
      p,
      columns.map((c) => headingOf(c)),
      members.map((m) => memberCells(m, columns, 'csv')),
      {
        delimiter: ';',
      },
    );
    const rows = await rowsOf(p, 'csv');
    expect(rows).toHaveLength(301);
    const expected = memberCells(members[41]!, columns, 'csv');
    expect(rows[42]!.cells).toEqual(expected.slice(0, lastValue(expected)));
  });
});
