/**
 * An administrative document laid out per Decree 30/2020/NĐ-CP, Appendix I, as .docx: A4
 * portrait, Times New Roman, national motto and issuer in a borderless two-column header,
 * number and place/date on one row, document type and summary (trích yếu), body, then
 * recipients (Nơi nhận) on the left and the signature block on the right. Page numbers sit
 * centred in the top margin from page 2 on. Reused by the case notices and the periodic reports.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { AppError } from '../platform/errors.js';

/** A run of text inside a paragraph. */
export interface Inline {
  text: string;
  bold?: boolean;
  italics?: boolean;
}

/** One piece of the body, in reading order. */
export type Block =
  /** A body paragraph: justified, first-line indent 1.27 cm, 6 pt after, unless told otherwise. */
  | {
      kind: 'paragraph';
      text: string | Inline[];
      align?: 'justify' | 'center' | 'left' | 'right';
      bold?: boolean;
      italics?: boolean;
      /** First-line indent; default true for justified text, false otherwise. */
      indent?: boolean;
    }
  /** "Điều 1." or "1. Nội dung…": the label bold, then the text in regular weight. */
  | { kind: 'heading'; label: string; text?: string }
  /** A dash line ("- …"), as Vietnamese documents list items. */
  | { kind: 'bullet'; text: string | Inline[] }
  /** A bordered table: a bold header row, then the rows; widths are relative weights. */
  | { kind: 'table'; header: string[]; rows: string[][]; widths?: number[] };

/** Everything a Decree-30 document prints. */
export interface Decree30Doc {
  /** Issuing body, printed in capitals: the superior (not bold) above the issuer (bold). */
  issuer: { superior: string | null; name: string };
  /** Number in the register, or null to leave a blank to fill by hand. */
  number: number | null;
  /** Type and body abbreviations, e.g. "TB-HND". */
  symbol: string;
  place: string;
  /** YYYY-MM-DD */
  date: string;
  /** Document type heading, e.g. "THÔNG BÁO", "QUYẾT ĐỊNH", "BÁO CÁO" (printed in capitals). */
  type: string;
  /** Trích yếu: one line under the type, bold, with a short rule below. */
  summary: string;
  /** "Kính gửi:" lines; none for documents that are not addressed (decisions, conclusions). */
  addressee?: string[];
  body: Block[];
  /** "Nơi nhận:" entries without the leading dash; "Lưu: VT." is added when no "Lưu" entry is given. */
  recipients: string[];
  /** authority: "TM. BAN THƯỜNG VỤ", "KT. CHỦ TỊCH"…; title: "CHỦ TỊCH"; name printed as given. */
  signature: { authority: string | null; title: string; name: string };
  language?: 'vi';
}

// Measures: twips (1/1440 inch, 56.7 per mm) for the page, half-points for type sizes.
const FONT = 'Times New Roman';
const A4 = { width: 11906, height: 16838 } as const;
/** Top/bottom 20 mm, left 30 mm, right 15 mm (Appendix I: 20–25, 30–35, 15–20 mm). */
export const DECREE30_MARGIN = { top: 1134, bottom: 1134, left: 1701, right: 851 } as const;
const TEXT_WIDTH = A4.width - DECREE30_MARGIN.left - DECREE30_MARGIN.right;
const HEADER_COLUMNS = [3600, TEXT_WIDTH - 3600];
const SIGNATURE_COLUMNS = [4400, TEXT_WIDTH - 4400];
const CELL_PADDING = 108;
/** Half-points: national title 12, motto 13, issuer 12, number 13, date/type/body 14 pt… */
const SIZE = { nation: 24, motto: 26, issuer: 24, number: 26, date: 28, type: 28, body: 28 };
const SIZE_MINOR = { table: 26, recipientsHead: 24, recipients: 22 };
const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
const FIRST_LINE_INDENT = 720; // 1.27 cm
const AFTER = 120; // 6 pt

const upper = (s: string) => s.trim().toLocaleUpperCase('vi-VN');
const pad2 = (n: number) => String(n).padStart(2, '0');

function invalid(field: string, vi: string, en: string): never {
  throw new AppError('VALIDATION_FAILED', { field }, { vi, en });
}

/**
 * "Số: 05/TB-HND": numbers under 10 get a leading zero, the symbol is in capitals with no
 * spaces; a null number leaves a blank to fill by hand ("Số:      /TB-HND").
 *
 * @example formatDocNumber(5, 'TB-HND') // "Số: 05/TB-HND"
 */
export function formatDocNumber(number: number | null, symbol: string): string {
  const sym = upper(symbol);
  if (!sym || /\s/.test(sym))
    invalid('symbol', 'Ký hiệu văn bản không hợp lệ', 'The document symbol is invalid');
  if (number === null) return `Số:      /${sym}`;
  if (!Number.isInteger(number) || number < 1)
    invalid('number', 'Số văn bản không hợp lệ', 'The document number is invalid');
  return `Số: ${number < 10 ? pad2(number) : String(number)}/${sym}`;
}

/** The day, month and year of an ISO date, or a validation error. */
export function parseIsoDate(iso: string): { day: number; month: number; year: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (!m || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    invalid('date', `Ngày không hợp lệ: ${iso}`, `Invalid date: ${iso}`);
  return { day, month, year };
}

/**
 * "Ninh Bình, ngày 05 tháng 02 năm 2026": days under 10 and the months 1 and 2 get a leading
 * zero (Decree 30, Appendix I); months 3 to 9 do not ("ngày 15 tháng 3 năm 2026").
 *
 * @example formatPlaceDate('Ninh Bình', '2026-11-15') // "Ninh Bình, ngày 15 tháng 11 năm 2026"
 */
export function formatPlaceDate(place: string, iso: string): string {
  const { day, month, year } = parseIsoDate(iso);
  if (!place.trim()) invalid('place', 'Thiếu địa danh', 'The place is missing');
  const mm = month <= 2 ? pad2(month) : String(month);
  return `${place.trim()}, ngày ${pad2(day)} tháng ${mm} năm ${year}`;
}

/** Rough printed width in twips of `text` in bold Times New Roman (for the short rules). */
function boldWidth(text: string, halfPoints: number): number {
  let em = 0;
  for (const ch of text.normalize('NFC')) {
    if (ch === ' ') em += 0.25;
    else if (/\p{Lu}/u.test(ch)) em += 0.72;
    else if (/[0-9]/.test(ch)) em += 0.5;
    else if (/[.,:;!'"()\-–/]/.test(ch)) em += 0.3;
    else em += 0.5;
  }
  return Math.round(em * halfPoints * 10);
}

/** An empty paragraph whose bottom border is a centred rule 2/5 as long as the line above it. */
function rule(text: string, halfPoints: number, available: number): Paragraph {
  const line = Math.min(boldWidth(text, halfPoints), available);
  const length = Math.max(600, Math.round(line * 0.4));
  const side = Math.max(0, Math.floor((available - length) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after: 0, line: 60, lineRule: 'exact' },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
  });
}

interface ParaOptions {
  size?: number;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  align?: 'justify' | 'center' | 'left' | 'right';
  indent?: boolean;
  /** Left indent in twips (lists under "Kính gửi:"). */
  left?: number;
  before?: number;
  after?: number;
  keepNext?: boolean;
}

const ALIGN = {
  justify: AlignmentType.JUSTIFIED,
  center: AlignmentType.CENTER,
  left: AlignmentType.LEFT,
  right: AlignmentType.RIGHT,
} as const;

function para(content: string | Inline[], o: ParaOptions = {}): Paragraph {
  const size = o.size ?? SIZE.body;
  const inlines = typeof content === 'string' ? [{ text: content }] : content;
  return new Paragraph({
    alignment: ALIGN[o.align ?? 'center'],
    spacing: { before: o.before ?? 0, after: o.after ?? 0 },
    ...(o.indent ? { indent: { firstLine: FIRST_LINE_INDENT } } : {}),
    ...(o.left ? { indent: { left: o.left } } : {}),
    ...(o.keepNext ? { keepNext: true } : {}),
    children: inlines
      .filter((i) => i.text !== '')
      .map(
        (i) =>
          new TextRun({
            text: i.text,
            font: FONT,
            size,
            ...(i.bold || o.bold ? { bold: true } : {}),
            ...(i.italics || o.italics ? { italics: true } : {}),
            ...(o.underline ? { underline: {} } : {}),
          }),
      ),
  });
}

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};

/** A fixed-layout table across the text width: borderless for layout, or a bordered data grid. */
function grid(widths: number[], rows: Paragraph[][][], bordered = false, headerRows = 0): Table {
  const cellLook = bordered
    ? { verticalAlign: VerticalAlign.CENTER, margins: { left: 57, right: 57, top: 28, bottom: 28 } }
    : { borders: NO_BORDERS };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    ...(bordered ? {} : { borders: NO_BORDERS }),
    rows: rows.map(
      (cells, r) =>
        new TableRow({
          cantSplit: true,
          ...(r < headerRows ? { tableHeader: true } : {}),
          children: cells.map(
            (children, i) =>
              new TableCell({
                width: { size: widths[i] ?? 0, type: WidthType.DXA },
                ...cellLook,
                children,
              }),
          ),
        }),
    ),
  });
}

/** Issuer block on the left, national motto on the right; number and place/date on the next row. */
function headerBlock(doc: Decree30Doc): Table {
  const issuerName = upper(doc.issuer.name);
  const left: Paragraph[] = [];
  if (doc.issuer.superior?.trim())
    left.push(para(upper(doc.issuer.superior), { size: SIZE.issuer }));
  left.push(para(issuerName, { size: SIZE.issuer, bold: true }));
  const leftInner = (HEADER_COLUMNS[0] ?? 0) - 2 * CELL_PADDING;
  left.push(rule(issuerName, SIZE.issuer, leftInner));
  const right = [
    para(NATION, { size: SIZE.nation, bold: true }),
    para(MOTTO, { size: SIZE.motto, bold: true, underline: true }),
  ];
  return grid(HEADER_COLUMNS, [
    [left, right],
    [
      [para(formatDocNumber(doc.number, doc.symbol), { size: SIZE.number, before: 120 })],
      [para(formatPlaceDate(doc.place, doc.date), { size: SIZE.date, italics: true, before: 120 })],
    ],
  ]);
}

function addresseeBlock(addressee: string[]): Paragraph[] {
  const names = addressee.map((a) => a.trim()).filter(Boolean);
  if (names.length === 0) return [];
  if (names.length === 1)
    return [para([{ text: 'Kính gửi: ' }, { text: names[0]! }], { before: 120, after: 240 })];
  return [
    para('Kính gửi:', { align: 'left', before: 120 }),
    ...names.map((n, i) => {
      const last = i === names.length - 1;
      return para(`- ${n}${last ? '.' : ';'}`, {
        align: 'left',
        left: 2268,
        after: last ? 240 : 0,
      });
    }),
  ];
}

function dataTable(b: Extract<Block, { kind: 'table' }>): Table {
  const weights = b.widths?.length === b.header.length ? b.widths : b.header.map(() => 1);
  const total = weights.reduce((a, w) => a + w, 0);
  const widths = weights.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  const cell = (text: string, bold: boolean) => [
    para(text, { size: SIZE_MINOR.table, bold, align: bold ? 'center' : 'left' }),
  ];
  const rows = b.rows.map((r) => b.header.map((_, i) => cell(r[i] ?? '', false)));
  return grid(widths, [b.header.map((h) => cell(h, true)), ...rows], true, 1);
}

function blockOf(b: Block): (Paragraph | Table)[] {
  const body = { align: 'justify' as const, indent: true, after: AFTER };
  switch (b.kind) {
    case 'paragraph': {
      const align = b.align ?? 'justify';
      const o = { align, bold: b.bold ?? false, italics: b.italics ?? false, after: AFTER };
      return [para(b.text, { ...o, indent: b.indent ?? align === 'justify' })];
    }
    case 'heading': {
      const label = { text: b.label, bold: true };
      return [para([label, { text: b.text ? ` ${b.text}` : '' }], { ...body, keepNext: true })];
    }
    case 'bullet':
      return [
        para([{ text: '- ' }, ...(typeof b.text === 'string' ? [{ text: b.text }] : b.text)], body),
      ];
    case 'table':
      return [dataTable(b), para('', { after: AFTER })];
  }
}

/** "Nơi nhận:" on the left, the signature block on the right. */
function closingBlock(doc: Decree30Doc): Table {
  const entries = doc.recipients.map((r) => r.trim().replace(/[;.]$/, '')).filter(Boolean);
  if (!entries.some((e) => /^Lưu\b/i.test(e))) entries.push('Lưu: VT');
  const left = [
    para('Nơi nhận:', {
      size: SIZE_MINOR.recipientsHead,
      bold: true,
      italics: true,
      align: 'left',
    }),
    ...entries.map((e, i) =>
      para(`- ${e}${i === entries.length - 1 ? '.' : ';'}`, {
        size: SIZE_MINOR.recipients,
        align: 'left',
      }),
    ),
  ];
  const s = doc.signature;
  const right = [
    ...(s.authority?.trim() ? [para(upper(s.authority), { bold: true })] : []),
    para(upper(s.title), { bold: true, after: 1560 }),
    para(s.name.trim(), { bold: true }),
  ];
  return grid(SIGNATURE_COLUMNS, [[left, right]]);
}

/**
 * The document as .docx bytes. Throws VALIDATION_FAILED on a bad date, number or symbol.
 *
 * @example
 * const bytes = await renderDecree30({
 *   issuer: { superior: 'Hội Nông dân Việt Nam', name: 'Hội Nông dân tỉnh Ninh Bình' },
 *   number: 5, symbol: 'TB-HND', place: 'Ninh Bình', date: '2026-02-05',
 *   type: 'Thông báo', summary: 'Về việc thụ lý giải quyết khiếu nại',
 *   body: [{ kind: 'paragraph', text: '…' }], recipients: ['Như trên'],
 *   signature: { authority: 'TM. Ban Thường vụ', title: 'Chủ tịch', name: 'Nguyễn Văn A' },
 * });
 */
export async function renderDecree30(doc: Decree30Doc): Promise<Buffer> {
  const summary = doc.summary.trim();
  const titleBlock = [
    para(upper(doc.type), { size: SIZE.type, bold: true, before: 360, keepNext: true }),
    ...(summary
      ? [
          para(summary, { size: SIZE.type, bold: true, keepNext: true }),
          rule(summary, SIZE.type, TEXT_WIDTH),
        ]
      : []),
    para('', { after: 120 }),
  ];
  const pageNumber = new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SIZE.body })],
  });
  const document = new Document({
    creator: 'Hội',
    title: `${upper(doc.type)} ${formatDocNumber(doc.number, doc.symbol)}`,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: SIZE.body, language: { value: 'vi-VN' } },
          paragraph: { spacing: { line: 240 } },
        },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { ...A4, orientation: PageOrientation.PORTRAIT },
            margin: { ...DECREE30_MARGIN, header: 567, footer: 567 },
          },
        },
        headers: {
          default: new Header({ children: [pageNumber] }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children: [
          headerBlock(doc),
          ...titleBlock,
          ...addresseeBlock(doc.addressee ?? []),
          ...doc.body.flatMap(blockOf),
          para('', { after: 120 }),
          closingBlock(doc),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
