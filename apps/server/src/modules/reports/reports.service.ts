/**
 * The periodic-report workflow: list a unit's own and children's reports for a period with
 * completeness, open a report (automatic values filled from the registry), save manual values
 * and narratives, refresh, and the checked transitions submit → approve → accept → lock with
 * return, un-approve and un-accept. Every change is one transaction: an event, an audit entry.
 */
import {
  APPROVED_STATUSES,
  REPORT_STATUS_NAMES,
  REPORT_TRANSITIONS,
  type Report,
  type ReportAction,
} from '@hoi/contracts';
import type { z } from 'zod';
import type { ReportListSchema } from '@hoi/contracts';
import { inTenant, type Tx } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { authorize, scopePaths } from '../../platform/authorize.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, found } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { notify } from '../notifications/notifications.service.js';
import { computeForUnit } from './engine.js';
import { dueDate, periodAllowed } from './periods.js';
import { permissionsOn } from './reports.policy.js';
import * as repo from './reports.repo.js';
import type { ReportRow } from './reports.repo.js';
import type { StoredReportStatus } from '../../db/schema.js';
import {
  loadContext,
  placeOf,
  reportView,
  summarize,
  validate,
  type Loaded,
} from './reports.view.js';
import { ensureDefaults } from './templates.service.js';

type ReportList = z.infer<typeof ReportListSchema>;

async function context(
  tx: Tx,
  actor: Actor,
  templateId: string,
  periodKey: string,
): Promise<Loaded> {
  await ensureDefaults(tx, actor.associationId);
  const ctx = await loadContext(tx, templateId, periodKey);
  if (!periodAllowed(ctx.period, ctx.template.periodTypes))
    throw new AppError('PERIOD_INVALID', { period: periodKey });
  return ctx;
}

/** The actor's top unit for reading reports (the shallowest assignment with report.read). */
export async function defaultUnit(tx: Tx, actor: Actor): Promise<string> {
  const paths = scopePaths(actor, 'report.read').sort(
    (a, b) => a.split('.').length - b.split('.').length,
  );
  const a = actor.assignments.find((x) => x.unitPath === paths[0]);
  if (a) return a.unitId;
  if (actor.via === 'cli')
    return found(
      await tx.selectFrom('units').select('id').where('parentId', 'is', null).executeTakeFirst(),
    ).id;
  throw new AppError('FORBIDDEN');
}

export async function listReports(
  deps: Deps,
  actor: Actor,
  q: { templateId: string; period: string; unitId?: string | undefined },
): Promise<ReportList> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const ctx = await context(tx, actor, q.templateId, q.period);
    const unitId = q.unitId ?? (await defaultUnit(tx, actor));
    const unit = found((await repo.unitsById(tx, [unitId]))[0]);
    authorize(actor, 'report.read', { associationId: actor.associationId, path: unit.path });
    const children = (await repo.childrenAsOf(tx, unitId, ctx.period.to)).filter((c) =>
      ctx.template.levels.includes(c.level),
    );
    const ownExpected = ctx.template.levels.includes(unit.level);
    const rows = await repo.reportsOfUnits(
      tx,
      ctx.template.id,
      [ctx.period.key],
      [...children.map((c) => c.id), unitId],
    );
    const byUnit = new Map(rows.map((r) => [r.unitId, r]));
    const childSummaries = children.map((c) =>
      summarize(ctx.template, ctx.period, c, byUnit.get(c.id), today),
    );
    const approved = childSummaries.filter((s) => APPROVED_STATUSES.includes(s.status)).length;
    const submitted = childSummaries.filter((s) => s.firstSubmittedAt !== null).length;
    return {
      period: ctx.period,
      own:
        ownExpected || byUnit.has(unitId)
          ? summarize(ctx.template, ctx.period, unit, byUnit.get(unitId), today)
          : null,
      children: childSummaries,
      completeness: {
        expected: children.length,
        submitted,
        approved,
        onTime: childSummaries.filter((s) => s.timeliness === 'on_time').length,
        late: childSummaries.filter((s) => s.timeliness === 'late').length,
        missing: children.length - submitted,
      },
    };
  });
}

/** Opens the unit's report for the period: the existing one, or a new draft filled from the registry. */
export async function openReport(
  deps: Deps,
  actor: Actor,
  input: { templateId: string; period: string; unitId: string },
): Promise<Report> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const ctx = await context(tx, actor, input.templateId, input.period);
    const unit = found((await repo.unitsById(tx, [input.unitId]))[0]);
    authorize(actor, 'report.read', { associationId: actor.associationId, path: unit.path });
    const existing = await repo.findByKey(tx, ctx.template.id, ctx.period.key, unit.id);
    if (existing) return reportView(tx, actor, existing, today);
    authorize(actor, 'report.submit', { associationId: actor.associationId, path: unit.path });
    if (!ctx.template.levels.includes(unit.level))
      throw new AppError('REPORT_NOT_EXPECTED', { level: unit.level });
    const parent = await repo.parentAsOf(tx, unit.id, ctx.period.to);
    if (!parent)
      throw new AppError('REPORT_NOT_EXPECTED', { reason: 'unit did not exist at the period end' });
    const tree = await repo.treeAsOf(tx, ctx.period.to);
    const data = await computeForUnit(
      tx,
      ctx.slots,
      ctx.period,
      { id: unit.id, path: unit.path },
      tree,
    );
    const id = newId();
    const now = deps.clock.now();
    await repo.insertReport(tx, {
      associationId: actor.associationId,
      id,
      templateId: ctx.template.id,
      period: ctx.period.key,
      periodFrom: ctx.period.from,
      periodTo: ctx.period.to,
      unitId: unit.id,
      parentUnitId: parent.parentId,
      unitLevel: unit.level,
      status: 'draft',
      data: JSON.stringify(data),
      texts: '{}',
      computedAt: now,
      dueDate: dueDate(ctx.period, unit.level, ctx.template.deadlines),
    });
    await repo.insertEvent(tx, {
      associationId: actor.associationId,
      id: newId(),
      reportId: id,
      action: 'create',
      fromStatus: null,
      toStatus: 'draft',
      comment: null,
      actorUserId: actor.userId,
      actorName: actor.displayName,
      at: now,
    });
    await recordAudit(tx, deps, actor, {
      action: 'report.create',
      entityType: 'report',
      entityId: id,
      unitId: unit.id,
      after: { template: ctx.template.code, period: ctx.period.key, automatic: data },
    });
    return reportView(tx, actor, found(await repo.findReport(tx, id)), today);
  });
}

async function loadForRead(tx: Tx, actor: Actor, id: string) {
  const row = found(await repo.findReport(tx, id));
  const unit = found((await repo.unitsById(tx, [row.unitId]))[0]);
  authorize(actor, 'report.read', { associationId: actor.associationId, path: unit.path });
  return row;
}

export async function getReport(deps: Deps, actor: Actor, id: string): Promise<Report> {
  return inTenant(deps.db.app, actor.associationId, async (tx) =>
    reportView(tx, actor, await loadForRead(tx, actor, id), todayIn(deps.clock)),
  );
}

function checkVersion(row: ReportRow, expected: number) {
  if (row.version !== expected)
    throw new AppError('STALE_VERSION', { currentVersion: row.version });
}

function changed(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)) {
      b[k] = before[k] ?? null;
      a[k] = after[k] ?? null;
    }
  }
  return { before: b, after: a, any: Object.keys(a).length > 0 };
}

/** Saves manual values and narratives of an editable report (automatic values are not typed in). */
export async function saveValues(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number,
  input: { values: Record<string, number | null>; texts: Record<string, string> },
): Promise<Report> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const row = await loadForRead(tx, actor, id);
    const ctx = await loadContext(tx, row.templateId, row.period);
    const place = await placeOf(tx, row);
    if (!permissionsOn(actor, row.status, place).edit) {
      authorize(actor, 'report.submit', {
        associationId: actor.associationId,
        path: place.unitPath,
      });
      throw new AppError('REPORT_NOT_EDITABLE', { status: row.status });
    }
    checkVersion(row, version);
    const slots = new Map(ctx.slots.map((s) => [s.key, s]));
    const problems: { key: string; reason: string }[] = [];
    for (const [key, v] of Object.entries(input.values)) {
      const s = slots.get(key);
      if (!s) problems.push({ key, reason: 'không có trong biểu mẫu / not in the template' });
      else if (s.indicator.source === 'automatic')
        problems.push({ key, reason: 'chỉ tiêu tự động / automatic indicator' });
      else if (s.indicator.type === 'text')
        problems.push({
          key,
          reason: 'chỉ tiêu văn bản: gửi trong texts / text indicator: send it in texts',
        });
      else if (v !== null && v < 0) problems.push({ key, reason: 'số âm / negative' });
      else if (
        v !== null &&
        (s.indicator.type === 'count' || s.indicator.type === 'money') &&
        !Number.isInteger(v)
      )
        problems.push({ key, reason: 'phải là số nguyên / must be a whole number' });
      else if (v !== null && s.indicator.type === 'percent' && v > 100)
        problems.push({ key, reason: 'tỷ lệ tối đa 100 / at most 100%' });
    }
    const textKeys = new Set([
      ...ctx.template.sections.filter((s) => s.narrative).map((s) => s.key),
      ...ctx.slots
        .filter((s) => s.indicator.type === 'text' && s.indicator.source === 'manual')
        .map((s) => s.code),
    ]);
    for (const key of Object.keys(input.texts))
      if (!textKeys.has(key))
        problems.push({ key, reason: 'không có trong biểu mẫu / not in the template' });
    if (problems.length) throw new AppError('REPORT_VALUE_INVALID', { problems });
    const data = { ...row.data, ...input.values };
    const texts = { ...row.texts, ...input.texts };
    const diff = changed({ ...row.data, ...row.texts }, { ...data, ...texts });
    if (diff.any) {
      if (
        !(await repo.updateReport(tx, id, version, {
          data: JSON.stringify(data),
          texts: JSON.stringify(texts),
        }))
      )
        throw new AppError('STALE_VERSION', {});
      await recordAudit(tx, deps, actor, {
        action: 'report.values',
        entityType: 'report',
        entityId: id,
        unitId: row.unitId,
        before: diff.before,
        after: diff.after,
      });
    }
    return reportView(tx, actor, found(await repo.findReport(tx, id)), today);
  });
}

/** Recomputes the automatic values of an editable report from the registry. */
export async function refreshReport(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number,
): Promise<Report> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const row = await loadForRead(tx, actor, id);
    const ctx = await loadContext(tx, row.templateId, row.period);
    const place = await placeOf(tx, row);
    if (!permissionsOn(actor, row.status, place).edit) {
      authorize(actor, 'report.submit', {
        associationId: actor.associationId,
        path: place.unitPath,
      });
      throw new AppError('REPORT_NOT_EDITABLE', { status: row.status });
    }
    checkVersion(row, version);
    const tree = await repo.treeAsOf(tx, ctx.period.to);
    const fresh = await computeForUnit(
      tx,
      ctx.slots,
      ctx.period,
      { id: row.unitId, path: place.unitPath },
      tree,
    );
    const data = { ...row.data, ...fresh };
    const diff = changed(row.data, data);
    if (
      !(await repo.updateReport(tx, id, version, {
        data: JSON.stringify(data),
        computedAt: deps.clock.now(),
      }))
    )
      throw new AppError('STALE_VERSION', {});
    if (diff.any)
      await recordAudit(tx, deps, actor, {
        action: 'report.refresh',
        entityType: 'report',
        entityId: id,
        unitId: row.unitId,
        before: diff.before,
        after: diff.after,
      });
    return reportView(tx, actor, found(await repo.findReport(tx, id)), today);
  });
}

/** One checked workflow transition (If-Match), with its event, audit entry and notices. */
export async function actOnReport(
  deps: Deps,
  actor: Actor,
  id: string,
  action: ReportAction,
  version: number,
  comment: string | undefined,
): Promise<Report> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const row = await loadForRead(tx, actor, id);
    const place = await placeOf(tx, row);
    const t = REPORT_TRANSITIONS[action];
    if (!t.from.includes(row.status))
      throw new AppError('REPORT_ILLEGAL_TRANSITION', { status: row.status, action });
    if (!permissionsOn(actor, row.status, place)[action]) throw new AppError('FORBIDDEN');
    checkVersion(row, version);
    const note = comment?.trim() || null;
    if (action === 'return' && !note) throw new AppError('REPORT_COMMENT_REQUIRED');
    const now = deps.clock.now();
    const set: Parameters<typeof repo.updateReport>[3] = { status: t.to as StoredReportStatus };
    if (action === 'submit') {
      const ctx = await loadContext(tx, row.templateId, row.period);
      const blocking = validate(ctx.template, row.data).filter(
        (r) => !r.ok && r.severity === 'blocking',
      );
      if (blocking.length)
        throw new AppError('REPORT_BLOCKING_ERRORS', {
          rules: blocking.map((b) => ({
            code: b.code,
            message: b.message.vi,
            messageEn: b.message.en,
            left: b.left,
            right: b.right,
          })),
        });
      Object.assign(set, {
        submittedAt: now,
        firstSubmittedAt: row.firstSubmittedAt ?? now,
        returnComment: null,
      });
      if (row.docNumber === null)
        set.docNumber = await repo.nextDocNumber(
          tx,
          actor.associationId,
          row.unitId,
          Number(today.slice(0, 4)),
        );
    }
    if (action === 'return') set.returnComment = note;
    if (action === 'approve') Object.assign(set, { approvedAt: now, approvedBy: actor.userId });
    if (action === 'unapprove') Object.assign(set, { approvedAt: null, approvedBy: null });
    if (action === 'accept') set.acceptedAt = now;
    if (action === 'unaccept') set.acceptedAt = null;
    if (action === 'lock') set.lockedAt = now;
    if (!(await repo.updateReport(tx, id, version, set))) throw new AppError('STALE_VERSION', {});
    await repo.insertEvent(tx, {
      associationId: actor.associationId,
      id: newId(),
      reportId: id,
      action,
      fromStatus: row.status,
      toStatus: t.to,
      comment: note,
      actorUserId: actor.userId,
      actorName: actor.displayName,
      at: now,
    });
    await recordAudit(tx, deps, actor, {
      action: `report.${action}`,
      entityType: 'report',
      entityId: id,
      unitId: row.unitId,
      before: { status: row.status },
      after: { status: t.to, comment: note },
    });
    const toParent = action === 'submit';
    const targets = toParent ? (row.parentUnitId ? [row.parentUnitId] : []) : [row.unitId];
    const users = (await repo.officersAt(tx, targets, today)).filter((u) => u !== actor.userId);
    const name = REPORT_STATUS_NAMES[t.to];
    await notify(tx, deps, users, {
      kind: `report.${action}`,
      title: `Báo cáo ${place.unit.name} kỳ ${row.period}: ${name.vi}`,
      titleEn: `Report of ${place.unit.name} for ${row.period}: ${name.en}`,
      body: note,
      link: `/reports/${id}`,
    });
    return reportView(tx, actor, found(await repo.findReport(tx, id)), today);
  });
}
