/**
 * A small row-by-row writer for the report workbooks (ExcelJS): Times New Roman, A4 fitted to
 * the page width, merged title rows, a bold bordered header row repeated on every printed page
 * and frozen on screen, bordered data rows with numeric cells and their number formats.
 */
import ExcelJS from 'exceljs';

export const FONT = 'Times New Roman';
const THIN = { style: 'thin' as const };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFE7E6E6' },
};
const MISMATCH_FONT_COLOR = 'FFC00000';

export interface CellSpec {
  value: string | number | Date | null;
  numFmt?: string;
  bold?: boolean;
  italic?: boolean;
  /** Indent level (Excel's, about 3 characters each). */
  indent?: number;
  align?: 'left' | 'center' | 'right';
  /** Printed in red (a value that differs from the roll-up). */
  flagged?: boolean;
}
export type Cell = string | number | null | CellSpec;

const spec = (c: Cell): CellSpec =>
  c !== null && typeof c === 'object' ? c : { value: c === '' ? null : c };

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hội';
  return wb;
}

export class SheetWriter {
  readonly ws: ExcelJS.Worksheet;
  /** The next row to write. */
  row = 1;

  constructor(
    wb: ExcelJS.Workbook,
    name: string,
    readonly widths: number[],
    landscape = false,
  ) {
    this.ws = wb.addWorksheet(name, {
      pageSetup: {
        paperSize: 9,
        orientation: landscape ? 'landscape' : 'portrait',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        horizontalCentered: true,
        margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      },
      headerFooter: { oddFooter: `&C&"${FONT}"Trang &P/&N` },
    });
    this.ws.columns = widths.map((width) => ({ width }));
  }

  get cols(): number {
    return this.widths.length;
  }

  /** A line of text across the sheet (merged), centred unless told otherwise. */
  title(
    text: string,
    o: { bold?: boolean; italic?: boolean; size?: number; align?: 'left' | 'center' } = {},
  ): number {
    const r = this.row++;
    this.ws.mergeCells(r, 1, r, this.cols);
    const c = this.ws.getCell(r, 1);
    c.value = text;
    c.font = { name: FONT, size: o.size ?? 12, bold: o.bold ?? false, italic: o.italic ?? false };
    c.alignment = { horizontal: o.align ?? 'center', vertical: 'middle', wrapText: true };
    return r;
  }

  blank(): void {
    this.row++;
  }

  /** The bold, shaded header row: repeated on every printed page and frozen on screen. */
  header(headings: string[]): number {
    const r = this.row++;
    const row = this.ws.getRow(r);
    headings.forEach((h, i) => {
      const c = row.getCell(i + 1);
      c.value = h;
      c.font = { name: FONT, size: 12, bold: true };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = BORDER;
      c.fill = HEADER_FILL;
    });
    this.ws.pageSetup.printTitlesRow = `${r}:${r}`;
    this.ws.views = [{ state: 'frozen', ySplit: r, xSplit: 0 }];
    return r;
  }

  /** A bordered data row, one cell per column (missing cells stay empty but bordered). */
  data(cells: Cell[], o: { bold?: boolean } = {}): number {
    const r = this.row++;
    const row = this.ws.getRow(r);
    for (let i = 0; i < this.cols; i++) {
      const s = spec(cells[i] ?? null);
      const c = row.getCell(i + 1);
      c.value = s.value;
      if (s.numFmt && (typeof s.value === 'number' || s.value instanceof Date)) c.numFmt = s.numFmt;
      c.font = {
        name: FONT,
        size: 12,
        bold: s.bold ?? o.bold ?? false,
        italic: s.italic ?? false,
        ...(s.flagged ? { color: { argb: MISMATCH_FONT_COLOR } } : {}),
      };
      c.alignment = {
        horizontal:
          s.align ??
          (typeof s.value === 'number' ? 'right' : s.value instanceof Date ? 'center' : 'left'),
        vertical: 'middle',
        wrapText: true,
        ...(s.indent ? { indent: s.indent } : {}),
      };
      c.border = BORDER;
    }
    return r;
  }

  /** A group row: `label` in the first column, `text` bold across the others (merged). */
  group(label: string, text: string): number {
    const r = this.data([
      { value: label, bold: true, align: 'center' },
      { value: text, bold: true },
    ]);
    this.ws.mergeCells(r, 2, r, this.cols);
    return r;
  }
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
