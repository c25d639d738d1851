/** Builds what the API returns about reports: summaries with timeliness, the full report view. */
import {
  APPROVED_STATUSES,
  type Indicator,
  type Period,
  type Report,
  type ReportStatus,
  type ReportSummary,
  type Template,
  type Timeliness,
  type ValidationResult,
} from '@hoi/contracts';
import type { Tx } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { compare, evaluate, parseExpression } from './expressions.js';
import { dueDate, parsePeriod } from './periods.js';
import { permissionsOn, valuesHiddenFor, type ReportPlace } from './reports.policy.js';
import * as repo from './reports.repo.js';
import type { ReportRow } from './reports.repo.js';
import { aggregate } from './rollup.js';
import { catalog, loadTemplate, slotsOf, type Slot } from './templates.service.js';

/** The Vietnamese calendar day of a timestamp (UTC+7). */
export function vnDay(t: Date | string): string {
  return new Date(new Date(t).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** On time / late by the first submission; pending until the due date passes, then overdue. */
export function timelinessOf(
  firstSubmittedAt: Date | string | null,
  due: string,
  today: string,
): Timeliness {
  if (firstSubmittedAt) return vnDay(firstSubmittedAt) <= due ? 'on_time' : 'late';
  return today <= due ? 'pending' : 'overdue';
}

export interface UnitInfo {
  id: string;
  code: string;
  name: string;
  level: number;
}

type SummaryRow = Pick<ReportRow, 'id' | 'status' | 'version' | 'firstSubmittedAt'>;

export function summarize(
  template: Template,
  period: Period,
  unit: UnitInfo,
  row: SummaryRow | undefined,
  today: string,
): ReportSummary {
  const due = dueDate(period, unit.level, template.deadlines);
  const first = row?.firstSubmittedAt ?? null;
  return {
    id: row?.id ?? null,
    templateId: template.id,
    period: period.key,
    unit: { id: unit.id, code: unit.code, name: unit.name, level: unit.level },
    status: (row?.status ?? 'missing'),
    version: row?.version ?? null,
    dueDate: due,
    firstSubmittedAt: first ? new Date(first).toISOString() : null,
    timeliness: timelinessOf(first, due, today),
  };
}

export function validate(
  template: Template,
  values: Readonly<Record<string, number | null>>,
): ValidationResult[] {
  return template.rules.map((r) => {
    const left = evaluate(parseExpression(r.left), values);
    const right = evaluate(parseExpression(r.right), values);
    const ok = left === null || right === null ? true : compare(left, r.operator, right);
    return { code: r.code, severity: r.severity, message: r.message, left, right, ok };
  });
}

export interface Loaded {
  template: Template;
  period: Period;
  cat: Map<string, Indicator>;
  slots: Slot[];
}

export async function loadContext(tx: Tx, templateId: string, periodKey: string): Promise<Loaded> {
  const template = await loadTemplate(tx, templateId);
  const period = parsePeriod(periodKey, template.cutoffDay);
  const cat = await catalog(tx);
  return { template, period, cat, slots: slotsOf(template, cat) };
}

/** The report's unit, parent and grandparent paths (the parent as of the period's last day). */
export async function placeOf(
  tx: Tx,
  row: Pick<ReportRow, 'unitId' | 'parentUnitId'>,
): Promise<ReportPlace & { unit: UnitInfo }> {
  const unit = (await repo.unitsById(tx, [row.unitId]))[0]!;
  const parent = row.parentUnitId ? (await repo.unitsById(tx, [row.parentUnitId]))[0] : undefined;
  const grand = parent?.parentId ? (await repo.unitsById(tx, [parent.parentId]))[0] : undefined;
  return {
    unit,
    unitPath: unit.path,
    parentPath: parent?.path ?? null,
    grandparentPath: grand?.path ?? null,
  };
}

/** Approved children's roll-up of one report, and where it differs from the report's own values. */
async function rollupOf(tx: Tx, row: ReportRow, ctx: Loaded) {
  const expected = (await repo.childrenAsOf(tx, row.unitId, ctx.period.to)).filter((c) =>
    ctx.template.levels.includes(c.level),
  );
  const children = (await repo.reportsByParent(tx, row.templateId, row.period, row.unitId)).filter(
    (c) => APPROVED_STATUSES.includes(c.status),
  );
  const rules = ctx.slots.map((s) => ({
    key: s.key,
    aggregation: s.indicator.type === 'text' ? ('none' as const) : s.indicator.aggregation,
    weightKey: s.indicator.weightCode,
  }));
  const values = aggregate(
    children.map((c) => c.data),
    rules,
  );
  const mismatches =
    children.length === 0
      ? []
      : ctx.slots
          .filter((s) => {
            const own = row.data[s.key];
            const up = values[s.key];
            return (
              s.indicator.aggregation === 'sum' &&
              own !== null &&
              own !== undefined &&
              up !== null &&
              up !== undefined &&
              Math.abs(own - up) > 1e-9
            );
          })
          .map((s) => s.key);
  return {
    values,
    childrenExpected: expected.length,
    childrenApproved: children.length,
    mismatches,
  };
}

export async function reportView(
  tx: Tx,
  actor: Actor,
  row: ReportRow,
  today: string,
): Promise<Report> {
  const ctx = await loadContext(tx, row.templateId, row.period);
  const place = await placeOf(tx, row);
  const status = row.status as ReportStatus;
  const hidden = valuesHiddenFor(actor, status, place, ctx.template.hideUnapproved);
  const values: Record<string, number | null> = {};
  for (const s of ctx.slots)
    if (s.indicator.type !== 'text') values[s.key] = hidden ? null : (row.data[s.key] ?? null);
  const events = await repo.eventsOf(tx, row.id);
  const rollup = await rollupOf(tx, row, ctx);
  const summary = summarize(
    ctx.template,
    ctx.period,
    { ...place.unit, level: row.unitLevel },
    row,
    today,
  );
  return {
    ...summary,
    id: row.id,
    version: row.version,
    dueDate: row.dueDate,
    timeliness: timelinessOf(row.firstSubmittedAt, row.dueDate, today),
    periodInfo: ctx.period,
    template: ctx.template,
    values,
    texts: hidden ? {} : row.texts,
    computedAt: row.computedAt ? new Date(row.computedAt).toISOString() : null,
    valuesHidden: hidden,
    validation: hidden ? [] : validate(ctx.template, row.data),
    rollup,
    returnComment: row.returnComment,
    events: events.map((e) => ({
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      comment: e.comment,
      actorName: e.actorName,
      at: new Date(e.at).toISOString(),
    })),
    can: permissionsOn(actor, status, place),
  };
}

/** Re-reads a report's period (for callers holding only the row). */
export function periodOfRow(row: Pick<ReportRow, 'period'>, template: Template) {
  return parsePeriod(row.period, template.cutoffDay);
}
