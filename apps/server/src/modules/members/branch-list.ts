/**
 * The printable member list of a unit (danh sách hội viên chi hội) as of a date: heading block,
 * a table in Vietnamese name order with the birth year in the column of the member's sex,
 * totals and signature block; as .xlsx (ExcelJS) or .docx (docx), A4, the header row repeated
 * on every printed page.
 */
import { formatPartialDate, IdSchema, IsoDateSchema, MEMBER_STATUS_NAMES } from '@hoi/contracts';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ITableCellOptions,
} from 'docx';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { inTenant } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, found } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import * as unitsRepo from '../units/units.repo.js';
import * as repo from './members-export.repo.js';
import { scopeUnits } from './members-search.service.js';

/** More rows than a printed list is for: a province is exported, not printed. */
export const BRANCH_LIST_MAX_ROWS = 20_000;

export const BranchListQuerySchema = z.object({
  unitId: IdSchema.describe(
    'Chi hội (hoặc đơn vị bất kỳ, gồm cả cây con) / the unit, with its subtree',
  ),
  format: z.enum(['xlsx', 'docx']).default('xlsx').describe('Định dạng tệp / file format'),
  asOf: IsoDateSchema.optional().describe(
    'Tính đến ngày (mặc định hôm nay) / as of (default today)',
  ),
});
export type BranchListQuery = z.infer<typeof BranchListQuerySchema>;

/** One line of the printed table. */
export interface BranchListLine {
  no: number;
  fullName: string;
  /** Birth year in the column of the member's sex. */
  maleYear: string;
  femaleYear: string;
  memberNumber: string;
  address: string;
  joinedOn: string;
  note: string;
}

/** Everything the printed list shows. */
export interface BranchList {
  associationName: string;
  unitName: string;
  unitCode: string;
  /** dd/mm/yyyy */
  asOf: string;
  /** Title of the signer on the right: "CHI HỘI TRƯỞNG" for a branch. */
  headTitle: string;
  lines: BranchListLine[];
  total: number;
  female: number;
}

function headTitleOf(levelName: string, unitName: string): string {
  const s = `${levelName} ${unitName}`.toLowerCase();
  if (s.includes('chi hội')) return 'CHI HỘI TRƯỞNG';
  if (s.includes('tổ')) return 'TỔ TRƯỞNG';
  return 'CHỦ TỊCH';
}

function lineOf(
  r: repo.BranchListRow,
  p: repo.PersonDetails | null | undefined,
  no: number,
  unitId: string,
): BranchListLine {
  const year = r.birthYear !== null ? String(r.birthYear) : (r.birthDate?.slice(0, 4) ?? '');
  const notes: string[] = [];
  if (r.gender === null && year) notes.push(`Năm sinh ${year}`);
  if (r.status === 'suspended') notes.push(MEMBER_STATUS_NAMES.suspended.vi);
  // A list of a commune or wider says which branch each member belongs to.
  if (r.unitId !== unitId) notes.push(r.unitName);
  return {
    no,
    fullName: r.fullName,
    maleYear: r.gender === 'male' ? year : '',
    femaleYear: r.gender === 'female' ? year : '',
    memberNumber: r.memberNumber,
    address: p?.addressDetail ?? p?.addressLegacy ?? '',
    joinedOn: formatPartialDate(r.joinedOn),
    note: notes.join('; '),
  };
}

/**
 * The members of `unitId`'s subtree on `asOf` (default today): active or suspended that day, in
 * Vietnamese name order. Needs member.read over the unit (outside the scope: NOT_FOUND); more
 * than BRANCH_LIST_MAX_ROWS members is VALIDATION_FAILED.
 */
export async function loadBranchList(
  deps: Deps,
  actor: Actor,
  q: { unitId: string; asOf?: string | undefined },
): Promise<BranchList> {
  const asOf = q.asOf ?? todayIn(deps.clock);
  const list = await inTenant(deps.db.app, actor.associationId, async (tx) => {
    const unit = found(await unitsRepo.findUnit(tx, q.unitId));
    const units = await scopeUnits(tx, actor, unit.id);
    const rows = await repo.membersOfUnitsAsOf(tx, units, asOf, BRANCH_LIST_MAX_ROWS + 1);
    if (rows.length > BRANCH_LIST_MAX_ROWS)
      throw new AppError(
        'VALIDATION_FAILED',
        { maxRows: BRANCH_LIST_MAX_ROWS },
        {
          vi: `Đơn vị có hơn ${BRANCH_LIST_MAX_ROWS.toLocaleString('vi-VN')} hội viên, quá dài để in: chọn chi hội hoặc dùng Xuất Excel`,
          en: `The unit has over ${BRANCH_LIST_MAX_ROWS.toLocaleString('en')} members, too many to print: choose a branch or use the export`,
        },
      );
    const heading = await repo.associationHeading(tx, actor.associationId);
    return { unit, rows, heading };
  });
  const { unit, rows, heading } = list;
  // The people of memberships just read under the tenant's scope (see personDetails).
  const people = await repo.personDetails(
    deps.db.system,
    rows.map((r) => r.personId),
  );
  return {
    associationName: heading.name,
    unitName: unit.name,
    unitCode: unit.code,
    asOf: formatPartialDate(asOf),
    headTitle: headTitleOf(heading.levelNames[unit.level] ?? '', unit.name),
    lines: rows.map((r, i) => lineOf(r, people[i], i + 1, unit.id)),
    total: rows.length,
    female: rows.filter((r) => r.gender === 'female').length,
  };
}

const HEADERS = [
  'STT',
  'Họ và tên',
  'Nam',
  'Nữ',
  'Số thẻ',
  'Địa chỉ (thôn/xóm)',
  'Ngày vào hội',
  'Ghi chú',
] as const;
const cellsOf = (l: BranchListLine) => [
  l.no,
  l.fullName,
  l.maleYear,
  l.femaleYear,
  l.memberNumber,
  l.address,
  l.joinedOn,
  l.note,
];
const totalsText = (b: BranchList) => `Tổng số: ${b.total} hội viên, trong đó nữ: ${b.female}`;
const PLACE_DATE = '…………, ngày …… tháng …… năm ………';
const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
const FONT = 'Times New Roman';

/** The list as an .xlsx workbook: merged headings, borders, A4, header rows printed on every page. */
export async function branchListXlsx(b: BranchList): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách hội viên', {
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: '7:8',
    },
    headerFooter: { oddFooter: '&C&"Times New Roman"Trang &P/&N' },
  });
  ws.columns = [5, 26, 7, 7, 11, 20, 12, 16].map((width) => ({ width }));
  const font = (size: number, extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({
    name: FONT,
    size,
    ...extra,
  });
  const put = (
    range: string,
    value: string,
    f: Partial<ExcelJS.Font>,
    horizontal: 'left' | 'center' = 'center',
  ) => {
    ws.mergeCells(range);
    const c = ws.getCell(range.split(':')[0]!);
    c.value = value;
    c.font = f;
    c.alignment = { horizontal, vertical: 'middle', wrapText: true };
  };
  put('A1:D1', b.associationName.toUpperCase(), font(12));
  put('E1:H1', NATION, font(12, { bold: true }));
  put('A2:D2', b.unitName.toUpperCase(), font(12, { bold: true }));
  put('E2:H2', MOTTO, font(12, { bold: true, underline: true }));
  put('A4:H4', 'DANH SÁCH HỘI VIÊN', font(14, { bold: true }));
  put('A5:H5', `${b.unitName} — tính đến ngày ${b.asOf}`, font(12, { italic: true }));
  const thin = { style: 'thin' as const };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  // Two header rows: "Năm sinh" spans Nam | Nữ; every other heading spans both rows.
  for (const [i, h] of HEADERS.entries()) {
    const col = String.fromCharCode(65 + i);
    if (i === 2 || i === 3) {
      ws.getCell(`${col}8`).value = h;
    } else {
      ws.mergeCells(`${col}7:${col}8`);
      ws.getCell(`${col}7`).value = h;
    }
  }
  ws.mergeCells('C7:D7');
  ws.getCell('C7').value = 'Năm sinh';
  for (const r of [7, 8]) {
    const row = ws.getRow(r);
    for (let c = 1; c <= 8; c++) {
      const cell = row.getCell(c);
      cell.font = font(12, { bold: true });
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = border;
    }
  }
  let r = 9;
  for (const l of b.lines) {
    const row = ws.getRow(r++);
    row.values = cellsOf(l).map((v) => (v === '' ? null : v));
    for (let c = 1; c <= 8; c++) {
      const cell = row.getCell(c);
      cell.font = font(12);
      cell.border = border;
      cell.alignment = {
        vertical: 'middle',
        wrapText: true,
        horizontal: c === 2 || c === 6 || c === 8 ? 'left' : 'center',
      };
    }
  }
  put(`A${r}:H${r}`, totalsText(b), font(12, { bold: true }), 'left');
  r += 2;
  put(`E${r}:H${r}`, PLACE_DATE, font(12, { italic: true }));
  r += 1;
  put(`A${r}:D${r}`, 'NGƯỜI LẬP BIỂU', font(12, { bold: true }));
  put(`E${r}:H${r}`, b.headTitle, font(12, { bold: true }));
  r += 1;
  put(`A${r}:D${r}`, '(Ký, ghi rõ họ tên)', font(11, { italic: true }));
  put(`E${r}:H${r}`, '(Ký, ghi rõ họ tên)', font(11, { italic: true }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// .docx measures: twips (1/1440 inch; 567 per cm) for the page, half-points for type sizes.
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1134, bottom: 1134, left: 1134, right: 851 };
const WIDTHS = [510, 2381, 794, 794, 1247, 1701, 1304, 1190];
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};

function para(
  text: string,
  o: {
    bold?: boolean;
    italics?: boolean;
    underline?: boolean;
    size?: number;
    align?: 'left' | 'center';
    after?: number;
  } = {},
): Paragraph {
  return new Paragraph({
    alignment: o.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
    spacing: { before: 0, after: o.after ?? 0 },
    children: [
      new TextRun({
        text,
        font: FONT,
        size: o.size ?? 26,
        ...(o.bold ? { bold: true } : {}),
        ...(o.italics ? { italics: true } : {}),
        ...(o.underline ? { underline: {} } : {}),
      }),
    ],
  });
}

function cell(
  text: string,
  o: Partial<ITableCellOptions> & { bold?: boolean; left?: boolean } = {},
) {
  const { bold, left, ...rest } = o;
  return new TableCell({
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 57, right: 57 },
    children: [para(text, { size: 24, bold: bold ?? false, align: left ? 'left' : 'center' })],
    ...rest,
  });
}

/** The list as a Word document: A4, Times New Roman 13, the table's header rows repeated on each page. */
export async function branchListDocx(b: BranchList): Promise<Buffer> {
  const heading = new Table({
    width: { size: A4.width - MARGIN.left - MARGIN.right, type: WidthType.DXA },
    columnWidths: [4200, 5721],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            borders: NO_BORDERS,
            children: [
              para(b.associationName.toUpperCase(), { size: 24 }),
              para(b.unitName.toUpperCase(), { size: 24, bold: true }),
            ],
          }),
          new TableCell({
            borders: NO_BORDERS,
            children: [
              para(NATION, { size: 24, bold: true }),
              para(MOTTO, { bold: true, underline: true }),
            ],
          }),
        ],
      }),
    ],
  });
  const head1 = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: HEADERS.flatMap((h, i) =>
      i === 3
        ? []
        : i === 2
          ? [cell('Năm sinh', { bold: true, columnSpan: 2 })]
          : [cell(h, { bold: true, rowSpan: 2 })],
    ),
  });
  const head2 = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [cell('Nam', { bold: true }), cell('Nữ', { bold: true })],
  });
  const body = b.lines.map(
    (l) =>
      new TableRow({
        cantSplit: true,
        children: cellsOf(l).map((v, i) =>
          cell(String(v), { left: i === 1 || i === 5 || i === 7 }),
        ),
      }),
  );
  const table = new Table({
    width: { size: WIDTHS.reduce((a, w) => a + w, 0), type: WidthType.DXA },
    columnWidths: WIDTHS,
    rows: [head1, head2, ...body],
  });
  const signatures = new Table({
    width: { size: A4.width - MARGIN.left - MARGIN.right, type: WidthType.DXA },
    columnWidths: [4200, 5721],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({ borders: NO_BORDERS, children: [para('')] }),
          new TableCell({ borders: NO_BORDERS, children: [para(PLACE_DATE, { italics: true })] }),
        ],
      }),
      new TableRow({
        children: ['NGƯỜI LẬP BIỂU', b.headTitle].map(
          (t) =>
            new TableCell({
              borders: NO_BORDERS,
              children: [
                para(t, { bold: true }),
                para('(Ký, ghi rõ họ tên)', { italics: true, size: 24 }),
              ],
            }),
        ),
      }),
    ],
  });
  const doc = new Document({
    creator: 'Hội',
    title: `Danh sách hội viên — ${b.unitName}`,
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { ...A4, orientation: PageOrientation.PORTRAIT },
            margin: MARGIN,
          },
        },
        children: [
          heading,
          para('', { after: 120 }),
          para('DANH SÁCH HỘI VIÊN', { bold: true, size: 28 }),
          para(`${b.unitName} — tính đến ngày ${b.asOf}`, { italics: true, after: 200 }),
          table,
          para(totalsText(b), { bold: true, align: 'left', after: 200 }),
          signatures,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/**
 * The printable list of a unit as a file, with one `member.export` audit entry (it carries
 * names and member numbers out of the registry).
 */
export async function printBranchList(
  deps: Deps,
  actor: Actor,
  q: BranchListQuery,
): Promise<{ bytes: Buffer; contentType: string; fileName: string }> {
  const list = await loadBranchList(deps, actor, q);
  const bytes = q.format === 'docx' ? await branchListDocx(list) : await branchListXlsx(list);
  await inTenant(deps.db.app, actor.associationId, (tx) =>
    recordAudit(tx, deps, actor, {
      action: 'member.export',
      entityType: 'member',
      entityId: null,
      unitId: q.unitId,
      after: { kind: 'branch_list', format: q.format, asOf: q.asOf ?? null, rows: list.total },
    }),
  );
  const safeCode = list.unitCode.replace(/[^A-Za-z0-9._-]/g, '-');
  const stamp = list.asOf.split('/').reverse().join('');
  return {
    bytes,
    contentType: CONTENT_TYPES[q.format],
    fileName: `danh-sach-hoi-vien-${safeCode}-${stamp}.${q.format}`,
  };
}
