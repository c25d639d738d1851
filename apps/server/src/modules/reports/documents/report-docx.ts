/**
 * A periodic report as a Decree-30 "BÁO CÁO" (.docx): "Kết quả công tác hội <kỳ>", the data
 * range, then each template section in order: "I. <title>" in bold, its narrative (a dotted
 * line when not written), its indicator table STT | Chỉ tiêu | Đơn vị tính | Kết quả with the
 * categories of disaggregated indicators as "- Trong đó: nữ" rows under them, and its text
 * indicators as paragraphs. Pure: no database.
 */
import type { Report } from '@hoi/contracts';
import { renderDecree30, type Block } from '../../../documents/decree30.js';
import { reportSymbol, slotValue, type ReportDocContext } from './context.js';
import { formatDate, formatValue, lowerFirst } from './format.js';
import { PLACEHOLDER, reportSections, reportTitle, type SectionModel } from './model.js';

export const REPORT_TABLE_HEADER = ['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Kết quả'];
/** Leading spaces that indent a category row under its indicator in the "Chỉ tiêu" column. */
export const CATEGORY_INDENT = '    ';

/** Narrative lines as blocks: "- …" lines become dash items, the rest body paragraphs. */
export function narrativeBlocks(lines: string[]): Block[] {
  return lines.map((l) =>
    /^[-–]\s+/.test(l)
      ? { kind: 'bullet', text: l.replace(/^[-–]\s+/, '') }
      : { kind: 'paragraph', text: l },
  );
}

export const placeholderBlock = (): Block => ({
  kind: 'paragraph',
  text: PLACEHOLDER,
  align: 'left',
  indent: false,
});

function sectionBlocks(s: SectionModel, report: Report): Block[] {
  const blocks: Block[] = [{ kind: 'heading', label: `${s.number}. ${s.title}` }];
  if (s.paragraphs.length) blocks.push(...narrativeBlocks(s.paragraphs));
  else if (s.expectsText) blocks.push(placeholderBlock());
  if (s.indicators.length) {
    const values = report.valuesHidden ? {} : report.values;
    const rows: string[][] = [];
    s.indicators.forEach((ind, i) => {
      for (const line of ind.lines) {
        const value = formatValue(slotValue(values, line.slot), ind.info.type);
        rows.push(
          line.category
            ? ['', `${CATEGORY_INDENT}- ${line.label}`, ind.unit, value]
            : [String(i + 1), line.label, ind.unit, value],
        );
      }
    });
    blocks.push({ kind: 'table', header: REPORT_TABLE_HEADER, rows, widths: [1, 7, 2, 3] });
  }
  for (const t of s.texts) {
    const [first = PLACEHOLDER, ...rest] = t.text;
    blocks.push({
      kind: 'paragraph',
      text: [{ text: `${t.name}: `, bold: true }, { text: first }],
    });
    blocks.push(...narrativeBlocks(rest));
  }
  return blocks;
}

/**
 * The report as .docx bytes. Values hidden from the reader (`valuesHidden`) print blank with a
 * note. Throws VALIDATION_FAILED on a bad date or number in `ctx`.
 *
 * @example
 * const bytes = await renderReportDocx(report, { association: { name: 'Hội Nông dân Việt Nam',
 *   abbreviation: 'HND' }, issuer: { superior: 'Hội Nông dân Việt Nam', name: 'Hội Nông dân
 *   tỉnh Ninh Bình' }, place: 'Ninh Bình', date: '2026-12-20', number: 12, recipients: […],
 *   signer: { authority: 'TM. Ban Thường vụ', title: 'Chủ tịch', name: '…' }, indicatorNames });
 */
export async function renderReportDocx(report: Report, ctx: ReportDocContext): Promise<Buffer> {
  const p = report.periodInfo;
  const body: Block[] = [
    {
      kind: 'paragraph',
      text: `(Số liệu tính từ ngày ${formatDate(p.from)} đến ngày ${formatDate(p.to)})`,
      align: 'center',
      italics: true,
    },
  ];
  if (report.valuesHidden)
    body.push({
      kind: 'paragraph',
      text: 'Số liệu của báo cáo chưa được duyệt nên không hiển thị ở cấp này.',
      italics: true,
    });
  for (const s of reportSections(report, ctx)) body.push(...sectionBlocks(s, report));
  body.push({
    kind: 'paragraph',
    text: `Trên đây là báo cáo kết quả công tác hội ${lowerFirst(p.label.vi)} của ${ctx.issuer.name.trim()}./.`,
  });
  return renderDecree30({
    issuer: ctx.issuer,
    number: ctx.number,
    symbol: reportSymbol(ctx),
    place: ctx.place,
    date: ctx.date,
    type: 'Báo cáo',
    summary: reportTitle(report),
    body,
    recipients: ctx.recipients,
    signature: ctx.signer,
  });
}
