/**
 * The briefing (hội nghị giao ban) and oversight comparison laid out for print, shared by the
 * .docx and the .xlsx renderers: key indicators with their units, the current period's column,
 * child units' status lines, and the completeness figures in words.
 */
import { APPROVED_STATUSES, type Dashboard, type OversightComparison } from '@hoi/contracts';
import { parsePeriod } from '../periods.js';
import { unitOf, type ReportDocContext } from './context.js';
import { formatDecimal, lowerFirst, statusName, timelinessName } from './format.js';

export interface KeyIndicator {
  code: string;
  name: string;
  type: 'count' | 'money' | 'percent';
  unit: string;
}

type Listed = { code: string; name: { vi: string }; type: string; taskArea: number | null };

/** Numeric indicators (text ones have no value to tabulate), by task area, then as listed. */
export function keyIndicators<T extends Listed>(
  list: readonly T[],
  ctx: ReportDocContext,
): (KeyIndicator & { source: T })[] {
  return list
    .map((source, i) => ({ source, i }))
    .filter(({ source }) => source.type !== 'text')
    .sort((a, b) => (a.source.taskArea ?? 99) - (b.source.taskArea ?? 99) || a.i - b.i)
    .map(({ source }) => {
      const type = source.type as KeyIndicator['type'];
      const unit = unitOf(source.code, { type, unit: ctx.indicatorNames[source.code]?.unit });
      return { code: source.code, name: source.name.vi, type, unit, source };
    });
}

/** A column heading for an indicator: "Tổng số hội viên (người)". */
export const indicatorHeading = (k: KeyIndicator): string =>
  k.unit ? `${k.name} (${k.unit})` : k.name;

/** Index of the dashboard's own period among the trend's periods (the last when not found). */
export function currentIndex(d: Dashboard): number {
  const i = d.periods.findIndex((p) => p.key === d.period.key);
  return i >= 0 ? i : d.periods.length - 1;
}

/** "Tổng hợp kết quả công tác hội quý IV/2026". */
export const briefingTitle = (d: Dashboard): string =>
  `Tổng hợp kết quả công tác hội ${lowerFirst(d.period.label.vi)}`;

/** A child unit's name, with the former units it was restated from when the view restates. */
export function childName(d: Dashboard, unit: { id: string; name: string }): string {
  const from = d.heatmap.find((h) => h.unit.id === unit.id)?.unit.restatedFrom ?? [];
  return d.view === 'restated' && from.length
    ? `${unit.name} (quy đổi từ: ${from.join(', ')})`
    : unit.name;
}

/** A child's status in the current period, with its timeliness: "Đã duyệt (đúng hạn)". */
export function childStatus(d: Dashboard, child: Dashboard['children'][number]): string {
  const cell = d.heatmap.find((h) => h.unit.id === child.unit.id)?.cells[currentIndex(d)];
  const status = statusName(child.status);
  return cell ? `${status} (${lowerFirst(timelinessName(cell.timeliness))})` : status;
}

const ratio = (part: number, whole: number) =>
  whole > 0 ? ` (${formatDecimal((100 * part) / whole, 1)}%)` : '';

/** The completeness figures as printed lines, each a label and its value. */
export function completenessLines(d: Dashboard): [label: string, value: number, note: string][] {
  const c = d.completeness;
  return [
    ['Số đơn vị phải báo cáo', c.expected, ''],
    ['Đã gửi báo cáo', c.submitted, ratio(c.submitted, c.expected)],
    ['Trong đó gửi đúng hạn', c.onTime, ''],
    ['Gửi chậm', c.late, ''],
    ['Đã được duyệt', c.approved, ratio(c.approved, c.expected)],
    ['Chưa gửi báo cáo', c.missing, ''],
  ];
}

/** Children whose report has not reached the parent (not started, draft, returned). */
export const childrenNotIn = (d: Dashboard): string[] =>
  d.children
    .filter((c) => c.status === 'missing' || c.status === 'draft' || c.status === 'returned')
    .map((c) => c.unit.name);

/** The period label of an oversight comparison ("Quý IV/2026"), from its key. */
export const oversightPeriodLabel = (c: OversightComparison): string =>
  parsePeriod(c.period).label.vi;

export const oversightTitle = (c: OversightComparison): string =>
  `Tổng hợp kết quả công tác của các hội ${lowerFirst(oversightPeriodLabel(c))}`;

/** "Đã duyệt; đúng hạn, gửi ngày 20/12/2026". */
export function associationStatus(
  a: OversightComparison['associations'][number],
  submitted: string,
): string {
  const t = lowerFirst(timelinessName(a.timeliness));
  return `${statusName(a.status)}; ${t}${submitted ? `, gửi ngày ${submitted}` : ''}`;
}

/** Counts of associations by timeliness and approval, as printed lines. */
export function oversightLines(c: OversightComparison): [label: string, value: number][] {
  const n = (t: string) => c.associations.filter((a) => a.timeliness === t).length;
  const approved = c.associations.filter((a) => APPROVED_STATUSES.includes(a.status)).length;
  return [
    ['Số hội', c.associations.length],
    ['Đã có báo cáo được duyệt', approved],
    ['Gửi đúng hạn', n('on_time')],
    ['Gửi chậm', n('late')],
    ['Quá hạn chưa gửi', n('overdue')],
    ['Chưa đến hạn', n('pending')],
  ];
}
