/**
 * The briefing summary (hội nghị giao ban) and the oversight comparison as .xlsx workbooks,
 * numbers as numeric cells (`#,##0`). Every briefing sheet states under its title whether past
 * periods are shown as the tree was then or restated onto today's tree. Pure: no database.
 */
import type { Dashboard, OversightComparison } from '@hoi/contracts';
import { slotValue, type ReportDocContext } from './context.js';
import {
  excelNumFmt,
  formatRange,
  instantDay,
  lowerFirst,
  NUM_FMT_DATE,
  NUM_FMT_INTEGER,
  statusName,
  timelinessName,
  upper,
  VIEW_SENTENCES,
} from './format.js';
import {
  briefingTitle,
  childName,
  childStatus,
  completenessLines,
  currentIndex,
  indicatorHeading,
  keyIndicators,
  oversightLines,
  oversightPeriodLabel,
  oversightTitle,
  type KeyIndicator,
} from './briefing-model.js';
import { newWorkbook, SheetWriter, workbookBuffer, type Cell } from './sheet.js';

export const BRIEFING_XLSX_SHEETS = {
  completeness: 'Tình hình báo cáo',
  trend: 'Chỉ tiêu qua các kỳ',
  children: 'Theo đơn vị',
  heatmap: 'Tiến độ báo cáo',
} as const;
export const OVERSIGHT_XLSX_SHEET = 'So sánh các hội';

const num = (v: number | null | undefined, k: Pick<KeyIndicator, 'type'>): Cell =>
  v === null || v === undefined
    ? null
    : { value: v, numFmt: excelNumFmt(v, k.type), align: 'right' };

/** Association, issuer, title and the lines under it; then a blank row. */
function titleBlock(s: SheetWriter, ctx: ReportDocContext, title: string, lines: string[]) {
  s.title(upper(ctx.association.name));
  s.title(upper(ctx.issuer.name), { bold: true });
  s.blank();
  s.title(upper(title), { bold: true, size: 14 });
  for (const l of lines) s.title(l, { italic: true });
  s.blank();
}

/**
 * The briefing as .xlsx bytes: sheets "Tình hình báo cáo" (completeness), "Chỉ tiêu qua các
 * kỳ" (key indicators × periods), "Theo đơn vị" (children × key indicators, current period,
 * with status) and "Tiến độ báo cáo" (children × periods: status and timeliness).
 *
 * @example const bytes = await renderBriefingXlsx(dashboard, ctx);
 */
export async function renderBriefingXlsx(d: Dashboard, ctx: ReportDocContext): Promise<Buffer> {
  const wb = newWorkbook();
  const title = briefingTitle(d);
  const lines = [
    `Kỳ báo cáo: ${d.period.label.vi} (${formatRange(d.period)})`,
    VIEW_SENTENCES[d.view],
  ];
  const indicators = keyIndicators(d.indicators, ctx);
  const current = currentIndex(d);

  const c = new SheetWriter(wb, BRIEFING_XLSX_SHEETS.completeness, [6, 44, 14, 14]);
  titleBlock(c, ctx, title, lines);
  c.header(['STT', 'Nội dung', 'Số đơn vị', 'Tỷ lệ (%)']);
  const expected = d.completeness.expected;
  completenessLines(d).forEach(([label, v, ratio], i) => {
    const pct = ratio && expected > 0 ? Math.round((1000 * v) / expected) / 10 : null;
    c.data([
      { value: i + 1, align: 'center' },
      label,
      { value: v, numFmt: NUM_FMT_INTEGER },
      pct === null ? null : { value: pct, numFmt: excelNumFmt(pct, 'percent') },
    ]);
  });

  const t = new SheetWriter(wb, BRIEFING_XLSX_SHEETS.trend, [
    6,
    24,
    44,
    12,
    ...d.periods.map(() => 16),
  ]);
  titleBlock(t, ctx, title, lines);
  t.header(['STT', 'Mã', 'Chỉ tiêu', 'Đơn vị tính', ...d.periods.map((p) => p.label.vi)]);
  indicators.forEach((k, i) =>
    t.data([
      { value: i + 1, align: 'center' },
      k.code,
      k.name,
      { value: k.unit, align: 'center' },
      ...d.periods.map((_, j) => num(k.source.values[j], k)),
    ]),
  );

  const u = new SheetWriter(
    wb,
    BRIEFING_XLSX_SHEETS.children,
    [6, 14, 36, 24, ...indicators.map(() => 18)],
    indicators.length > 3,
  );
  titleBlock(u, ctx, `${title} — theo đơn vị trực thuộc`, lines);
  u.header(['STT', 'Mã đơn vị', 'Đơn vị', 'Tình trạng', ...indicators.map(indicatorHeading)]);
  d.children.forEach((child, i) =>
    u.data([
      { value: i + 1, align: 'center' },
      child.unit.code,
      childName(d, child.unit),
      childStatus(d, child),
      ...indicators.map((k) => num(slotValue(child.values, k.code), k)),
    ]),
  );
  u.data(
    [
      null,
      null,
      'Tổng hợp (đã duyệt)',
      null,
      ...indicators.map((k) => num(k.source.values[current], k)),
    ],
    { bold: true },
  );

  const h = new SheetWriter(
    wb,
    BRIEFING_XLSX_SHEETS.heatmap,
    [6, 14, 36, ...d.periods.map(() => 22)],
    d.periods.length > 3,
  );
  titleBlock(h, ctx, `${title} — tiến độ báo cáo của đơn vị trực thuộc`, lines);
  h.header(['STT', 'Mã đơn vị', 'Đơn vị', ...d.periods.map((p) => p.label.vi)]);
  d.heatmap.forEach((row, i) =>
    h.data([
      { value: i + 1, align: 'center' },
      row.unit.code,
      childName(d, row.unit),
      ...d.periods.map((_, j) => {
        const cell = row.cells[j];
        return cell
          ? `${statusName(cell.status)} (${lowerFirst(timelinessName(cell.timeliness))})`
          : null;
      }),
    ]),
  );
  return workbookBuffer(wb);
}

/**
 * The oversight comparison as .xlsx bytes: one sheet, associations as rows (status, timeliness,
 * submission date), indicators as columns, then the counts by timeliness.
 *
 * @example const bytes = await renderOversightXlsx(comparison, ctx);
 */
export async function renderOversightXlsx(
  c: OversightComparison,
  ctx: ReportDocContext,
): Promise<Buffer> {
  const wb = newWorkbook();
  const indicators = keyIndicators(c.indicators, ctx);
  const s = new SheetWriter(
    wb,
    OVERSIGHT_XLSX_SHEET,
    [6, 12, 40, 20, 14, 13, ...indicators.map(() => 18)],
    true,
  );
  titleBlock(s, ctx, oversightTitle(c), [
    `Kỳ báo cáo: ${oversightPeriodLabel(c)}`,
    'Số liệu báo cáo đã được duyệt của cấp trung ương các hội',
  ]);
  s.header([
    'STT',
    'Mã',
    'Hội',
    'Tình trạng',
    'Thời hạn',
    'Ngày gửi',
    ...indicators.map(indicatorHeading),
  ]);
  c.associations.forEach((a, i) =>
    s.data([
      { value: i + 1, align: 'center' },
      a.code,
      a.name,
      statusName(a.status),
      timelinessName(a.timeliness),
      { value: instantDay(a.submittedAt), numFmt: NUM_FMT_DATE },
      ...indicators.map((k) => num(slotValue(a.values, k.code), k)),
    ]),
  );
  s.blank();
  for (const [label, v] of oversightLines(c))
    s.data([null, null, label, { value: v, numFmt: NUM_FMT_INTEGER }]);
  return workbookBuffer(wb);
}
