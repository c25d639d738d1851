/**
 * The briefing summary (hội nghị giao ban) and the oversight body's comparison as Decree-30
 * "BÁO CÁO" documents (.docx). The briefing prints, under its title and above every table,
 * whether past periods are shown as the tree was then or restated onto today's tree. Tables
 * are split to keep at most four value columns on a portrait A4 page (the .xlsx has them all
 * side by side). Pure: no database.
 */
import type { Dashboard, OversightComparison } from '@hoi/contracts';
import { renderDecree30, type Block } from '../../../documents/decree30.js';
import { reportSymbol, slotValue, type ReportDocContext } from './context.js';
import {
  chunkEvenly,
  formatDecimal,
  formatInstantDate,
  formatRange,
  formatValue,
  lowerFirst,
  VIEW_SENTENCES,
} from './format.js';
import {
  associationStatus,
  briefingTitle,
  childName,
  childrenNotIn,
  childStatus,
  completenessLines,
  currentIndex,
  indicatorHeading,
  keyIndicators,
  oversightLines,
  oversightPeriodLabel,
  oversightTitle,
} from './briefing-model.js';

/** Value columns per printed table. */
export const MAX_VALUE_COLUMNS = 4;

const heading = (label: string): Block => ({ kind: 'heading', label });
const caption = (text: string): Block => ({
  kind: 'paragraph',
  text,
  align: 'center',
  bold: true,
});
const note = (text: string): Block => ({
  kind: 'paragraph',
  text: `(${text})`,
  align: 'center',
  italics: true,
});
const count = (n: number) => formatDecimal(n, 0);
const continued = (title: string, i: number) => (i === 0 ? title : `${title} (tiếp theo)`);

/**
 * The briefing across the unit's children as .docx bytes: completeness, the key indicators over
 * the trend's periods, and the children × key indicators for the current period with each
 * child's status.
 *
 * @example const bytes = await renderBriefingDocx(dashboard, ctx);
 */
export async function renderBriefingDocx(d: Dashboard, ctx: ReportDocContext): Promise<Buffer> {
  const view = VIEW_SENTENCES[d.view];
  const indicators = keyIndicators(d.indicators, ctx);
  const current = currentIndex(d);
  const body: Block[] = [
    note(view),
    {
      kind: 'paragraph',
      text: `Kỳ báo cáo: ${d.period.label.vi}, số liệu từ ${formatRange(d.period)}; chỉ tổng hợp báo cáo đã được duyệt.`,
      align: 'center',
      italics: true,
    },
    heading('I. Tình hình báo cáo'),
    ...completenessLines(d).map(([label, v, extra]): Block => ({
      kind: 'bullet',
      text: `${label}: ${count(v)}${extra}.`,
    })),
  ];
  const notIn = childrenNotIn(d);
  if (notIn.length)
    body.push({ kind: 'bullet', text: `Đơn vị chưa gửi báo cáo: ${notIn.join(', ')}.` });

  body.push(heading('II. Các chỉ tiêu chủ yếu qua các kỳ'));
  if (!indicators.length) body.push({ kind: 'paragraph', text: 'Chưa có chỉ tiêu chủ yếu.' });
  else
    chunkEvenly(
      d.periods.map((p, i) => ({ p, i })),
      MAX_VALUE_COLUMNS,
    ).forEach((periods, t) => {
      body.push(caption(continued('Bảng 1. Các chỉ tiêu chủ yếu qua các kỳ', t)), note(view), {
        kind: 'table',
        header: ['STT', 'Chỉ tiêu', 'Đơn vị tính', ...periods.map(({ p }) => p.label.vi)],
        rows: indicators.map((k, n) => [
          String(n + 1),
          k.name,
          k.unit,
          ...periods.map(({ i }) => formatValue(k.source.values[i] ?? null, k.type)),
        ]),
        widths: [1, 5, 2, ...periods.map(() => 2.4)],
      });
    });

  body.push(heading(`III. Kết quả của các đơn vị trực thuộc ${lowerFirst(d.period.label.vi)}`));
  if (!d.children.length) body.push({ kind: 'paragraph', text: 'Không có đơn vị trực thuộc.' });
  else
    chunkEvenly(indicators.length ? indicators : [null], MAX_VALUE_COLUMNS).forEach((group, t) => {
      const shown = group.filter((k) => k !== null);
      body.push(caption(continued('Bảng 2. Kết quả theo đơn vị trực thuộc', t)), note(view), {
        kind: 'table',
        header: ['STT', 'Đơn vị', 'Tình trạng', ...shown.map(indicatorHeading)],
        rows: [
          ...d.children.map((c, n) => [
            String(n + 1),
            childName(d, c.unit),
            childStatus(d, c),
            ...shown.map((k) => formatValue(slotValue(c.values, k.code), k.type)),
          ]),
          [
            '',
            'Tổng hợp (đã duyệt)',
            '',
            ...shown.map((k) => formatValue(k.source.values[current] ?? null, k.type)),
          ],
        ],
        widths: [1, 4, 3, ...shown.map(() => 2.6)],
      });
    });

  return renderDecree30({
    issuer: ctx.issuer,
    number: ctx.number,
    symbol: reportSymbol(ctx),
    place: ctx.place,
    date: ctx.date,
    type: 'Báo cáo',
    summary: briefingTitle(d),
    body,
    recipients: ctx.recipients,
    signature: ctx.signer,
  });
}

/**
 * The oversight body's comparison across associations as .docx bytes: report status and
 * timeliness counts, then associations × indicators with each one's status and timeliness.
 *
 * @example const bytes = await renderOversightDocx(comparison, ctx);
 */
export async function renderOversightDocx(
  c: OversightComparison,
  ctx: ReportDocContext,
): Promise<Buffer> {
  const indicators = keyIndicators(c.indicators, ctx);
  const body: Block[] = [
    note(
      `Kỳ báo cáo: ${oversightPeriodLabel(c)}; số liệu báo cáo đã được duyệt của cấp trung ương các hội`,
    ),
    heading('I. Tình hình báo cáo của các hội'),
    ...oversightLines(c).map(([label, v]): Block => ({
      kind: 'bullet',
      text: `${label}: ${count(v)}.`,
    })),
  ];
  const overdue = c.associations.filter((a) => a.timeliness === 'overdue').map((a) => a.name);
  if (overdue.length)
    body.push({ kind: 'bullet', text: `Các hội quá hạn chưa gửi báo cáo: ${overdue.join(', ')}.` });

  body.push(heading('II. Số liệu so sánh giữa các hội'));
  if (!c.associations.length) body.push({ kind: 'paragraph', text: 'Chưa có hội nào báo cáo.' });
  else
    chunkEvenly(indicators.length ? indicators : [null], MAX_VALUE_COLUMNS).forEach((group, t) => {
      const shown = group.filter((k) => k !== null);
      body.push(caption(continued('Bảng 1. Số liệu các chỉ tiêu theo hội', t)), {
        kind: 'table',
        header: ['STT', 'Hội', 'Tình trạng báo cáo', ...shown.map(indicatorHeading)],
        rows: c.associations.map((a, n) => [
          String(n + 1),
          a.name,
          associationStatus(a, formatInstantDate(a.submittedAt)),
          ...shown.map((k) => formatValue(slotValue(a.values, k.code), k.type)),
        ]),
        widths: [1, 4, 3, ...shown.map(() => 2.6)],
      });
    });

  return renderDecree30({
    issuer: ctx.issuer,
    number: ctx.number,
    symbol: reportSymbol(ctx),
    place: ctx.place,
    date: ctx.date,
    type: 'Báo cáo',
    summary: oversightTitle(c),
    body,
    recipients: ctx.recipients,
    signature: ctx.signer,
  });
}
