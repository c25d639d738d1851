/**
 * The error report of an import: the rows that could not be imported, exactly as they were,
 * with their source row and issues in three extra columns. Fixed in Excel, it imports again:
 * row 1 holds the file's own headings, and the extra columns are ignored on re-import.
 * Written as a stream, a row at a time.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { TableFormat } from './read.js';

export interface ReportRow {
  rowNumber: number;
  cells: unknown[];
  errors: string[];
  warnings: string[];
}

export interface ReportWriter {
  add(row: ReportRow): Promise<void>;
  close(): Promise<void>;
}

/** Headings of the three columns after the file's own. */
export const REPORT_COLUMNS = ['Dòng gốc / Source row', 'Lỗi / Errors', 'Cảnh báo / Warnings'];

const ISSUE_SEPARATOR = '; ';
/** Digit strings this long are identifiers (personal ID, phone), never numbers. */
const LONG_DIGITS = /^\d{6,}$/;

/** Shared style objects: exceljs caches a style's id by object identity (5× faster writes). */
const STYLES: Record<'plain' | 'date' | 'text' | 'error', Partial<ExcelJS.Style>> = {
  plain: {},
  date: { numFmt: 'dd/mm/yyyy' },
  text: { numFmt: '@' },
  error: { font: { color: { argb: 'FFC00000' } } },
};

const dmy = (d: Date) =>
  `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;

/**
 * A CSV field: quoted when needed, and a leading = + - @ neutralized with an apostrophe so
 * Excel never runs it as a formula (the rule of members.export.ts; readTable removes it again).
 */
export function csvCell(v: string): string {
  return /[",\n\r]/.test(v) || /^[=+\-@]/.test(v)
    ? `"${v.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"`
    : v;
}

function csvValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : dmy(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return csvCell(typeof v === 'string' ? v : JSON.stringify(v));
}

/** The file's cells padded (or cut) to its headings, then the source row and the issues. */
function reportCells(width: number, row: ReportRow): unknown[] {
  const cells = row.cells.slice(0, width);
  while (cells.length < width) cells.push(null);
  return [
    ...cells,
    row.rowNumber,
    row.errors.join(ISSUE_SEPARATOR) || null,
    row.warnings.join(ISSUE_SEPARATOR) || null,
  ];
}

/**
 * Opens a report file. `headings` are the file's header row as found (pass '' for a column
 * without heading: the report has exactly one column per heading, cells beyond are dropped).
 * CSV is UTF-8 with BOM and CRLF; XLSX has a bold, frozen header and errors in red.
 *
 * @example
 * const report = await createReportWriter(file, 'xlsx', { headings: ['Họ và tên', 'Ngày sinh'] });
 * await report.add({ rowNumber: 7, cells: ['Lê Thị Hoa', '31/02/1950'], errors: ['Ngày sinh không có thật'], warnings: [] });
 * await report.close();
 */
export async function createReportWriter(
  path: string,
  format: TableFormat,
  header: { headings: string[] },
): Promise<ReportWriter> {
  const width = header.headings.length;
  const headings = [...header.headings, ...REPORT_COLUMNS];
  return format === 'csv' ? csvWriter(path, width, headings) : xlsxWriter(path, width, headings);
}

async function csvWriter(path: string, width: number, headings: string[]): Promise<ReportWriter> {
  const out = fs.createWriteStream(path);
  await once(out, 'open');
  let buffer = '\uFEFF' + headings.map(csvCell).join(',') + '\r\n';
  const flush = async () => {
    const ok = out.write(buffer);
    buffer = '';
    if (!ok) await once(out, 'drain');
  };
  return {
    async add(row) {
      buffer += reportCells(width, row).map(csvValue).join(',') + '\r\n';
      if (buffer.length > 64 * 1024) await flush();
    },
    async close() {
      await flush();
      out.end();
      await finished(out);
    },
  };
}

async function xlsxWriter(path: string, width: number, headings: string[]): Promise<ReportWriter> {
  // Inline strings: a shared-strings table would keep every distinct text in memory.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet('Báo cáo lỗi', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = headings.map((h, i) => ({
    width:
      i === width + 1 || i === width + 2
        ? 60
        : i === width
          ? 10
          : Math.min(Math.max(h.length + 2, 12), 40),
  }));
  const errorColumn = width + 2;
  const head = ws.getRow(1);
  headings.forEach((h, i) => (head.getCell(i + 1).value = h));
  head.font = { bold: true };
  head.getCell(errorColumn).font = { bold: true, color: { argb: 'FFC00000' } };
  head.commit();
  let next = 2;
  return {
    async add(row) {
      const r = ws.getRow(next++);
      reportCells(width, row).forEach((v, i) => {
        if (v === null || v === undefined) return;
        const cell = r.getCell(i + 1);
        if (v instanceof Date) {
          if (Number.isNaN(v.getTime())) return;
          cell.value = v;
          cell.style = STYLES.date;
        } else if (typeof v === 'number' || typeof v === 'boolean') {
          cell.value = v;
          cell.style = STYLES.plain;
        } else {
          const text = typeof v === 'string' ? v : JSON.stringify(v);
          cell.value = text;
          cell.style =
            i + 1 === errorColumn
              ? STYLES.error
              : LONG_DIGITS.test(text)
                ? STYLES.text
                : STYLES.plain;
        }
      });
      r.commit();
    },
    async close() {
      ws.commit();
      await wb.commit();
    },
  };
}
