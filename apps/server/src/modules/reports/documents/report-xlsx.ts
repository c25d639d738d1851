/**
 * A periodic report as an .xlsx workbook. Sheet "Số liệu": title rows (association, unit,
 * period and its data range, status, roll-up coverage), then the indicator tables of all
 * sections under one header STT | Mã | Chỉ tiêu | Đơn vị tính | Kết quả | Tổng hợp cấp dưới |
 * Chênh lệch, numbers as numeric cells (`#,##0`), category rows indented under their indicator,
 * slots that differ from the approved roll-up in red. Sheet "Thuyết minh": the narrative of each
 * section and the text indicators. Pure: no database.
 */
import type { Report } from '@hoi/contracts';
import { slotValue, type ReportDocContext } from './context.js';
import { excelNumFmt, formatRange, statusName, upper } from './format.js';
import { PLACEHOLDER, reportSections, reportTitle } from './model.js';
import { FONT, newWorkbook, SheetWriter, workbookBuffer, type Cell } from './sheet.js';

export const REPORT_XLSX_HEADER = [
  'STT',
  'Mã',
  'Chỉ tiêu',
  'Đơn vị tính',
  'Kết quả',
  'Tổng hợp cấp dưới',
  'Chênh lệch',
];
export const REPORT_XLSX_SHEETS = { values: 'Số liệu', narrative: 'Thuyết minh' } as const;

/**
 * The report as .xlsx bytes.
 *
 * @example const bytes = await renderReportXlsx(report, ctx);
 */
export async function renderReportXlsx(report: Report, ctx: ReportDocContext): Promise<Buffer> {
  const wb = newWorkbook();
  const sections = reportSections(report, ctx);
  const p = report.periodInfo;
  const title = `BÁO CÁO ${upper(reportTitle(report))}`;

  const s = new SheetWriter(wb, REPORT_XLSX_SHEETS.values, [6, 26, 48, 12, 16, 18, 14], true);
  s.title(upper(ctx.association.name));
  s.title(upper(ctx.issuer.name), { bold: true });
  s.blank();
  s.title(title, { bold: true, size: 14 });
  s.title(`Kỳ báo cáo: ${p.label.vi} (${formatRange(p)})`, { italic: true });
  s.title(`Đơn vị báo cáo: ${report.unit.name}`, { align: 'left' });
  s.title(`Trạng thái: ${statusName(report.status)}`, { align: 'left' });
  s.title(
    `Tổng hợp cấp dưới: số liệu đã duyệt của ${report.rollup.childrenApproved}/${report.rollup.childrenExpected} đơn vị trực thuộc`,
    { align: 'left' },
  );
  if (report.valuesHidden)
    s.title('Số liệu của báo cáo chưa được duyệt nên không hiển thị ở cấp này.', {
      italic: true,
      align: 'left',
    });
  s.blank();
  s.header(REPORT_XLSX_HEADER);

  const values = report.valuesHidden ? {} : report.values;
  const mismatches = new Set(report.rollup.mismatches);
  for (const section of sections) {
    if (!section.indicators.length) continue;
    s.group(section.number, section.title);
    section.indicators.forEach((ind, i) => {
      for (const line of ind.lines) {
        const own = slotValue(values, line.slot);
        const rolled = slotValue(report.rollup.values, line.slot);
        const diff = own !== null && rolled !== null ? own - rolled : null;
        const flagged = mismatches.has(line.slot);
        const num = (v: number | null): Cell =>
          v === null
            ? null
            : { value: v, numFmt: excelNumFmt(v, ind.info.type), flagged, align: 'right' };
        s.data([
          { value: line.category ? null : i + 1, align: 'center' },
          line.slot,
          line.category ? { value: `- ${line.label}`, indent: 2 } : line.label,
          { value: ind.unit, align: 'center' },
          num(own),
          num(rolled),
          num(diff),
        ]);
      }
    });
  }

  const n = new SheetWriter(wb, REPORT_XLSX_SHEETS.narrative, [7, 110]);
  n.title(`THUYẾT MINH ${title}`, { bold: true, size: 14 });
  n.title(`${report.unit.name} — ${p.label.vi} (${formatRange(p)})`, { italic: true });
  n.blank();
  const put = (label: string | null, text: string, o: { bold?: boolean } = {}) => {
    const row = n.ws.getRow(n.row++);
    if (label !== null) {
      const a = row.getCell(1);
      a.value = label;
      a.font = { name: FONT, size: 12, bold: true };
      a.alignment = { horizontal: 'center', vertical: 'top' };
    }
    const b = row.getCell(2);
    b.value = text;
    b.font = { name: FONT, size: 12, bold: o.bold ?? false };
    b.alignment = { vertical: 'top', wrapText: true };
  };
  for (const section of sections) {
    put(section.number, section.title, { bold: true });
    if (section.paragraphs.length) for (const l of section.paragraphs) put(null, l);
    else if (section.expectsText) put(null, PLACEHOLDER);
    for (const t of section.texts) {
      const [first = PLACEHOLDER, ...rest] = t.text;
      put(null, `${t.name}: ${first}`);
      for (const l of rest) put(null, l);
    }
  }
  return workbookBuffer(wb);
}
