/**
 * The briefing dashboard and the oversight body's comparison. Values are approved report values
 * only, aggregated from the report rows (never from the registry): as the tree was in each
 * period (`as_was`, by the parent recorded on each report) or restated onto today's tree
 * (`restated`: a merged unit's past reports count for its successor).
 */
import {
  APPROVED_STATUSES,
  REPORT_STATUSES,
  type Dashboard,
  type OversightComparison,
  type Period,
  type RollupView,
} from '@hoi/contracts';
import { inTenant, type Tx } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { authorize, authorizeAny } from '../../platform/authorize.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, found } from '../../platform/errors.js';
import { periodAllowed, trailingPeriods } from './periods.js';
import * as repo from './reports.repo.js';
import { loadContext, summarize, type Loaded } from './reports.view.js';
import { aggregate, restatementMap, type SlotRule } from './rollup.js';
import { ensureDefaults } from './templates.service.js';
import { defaultUnit } from './reports.service.js';

const ORDER = new Map(REPORT_STATUSES.map((s, i) => [s, i] as const));

function rulesOf(ctx: Loaded): SlotRule[] {
  return ctx.slots
    .filter((s) => s.indicator.type !== 'text')
    .map((s) => ({
      key: s.key,
      aggregation: s.indicator.aggregation,
      weightKey: s.indicator.weightCode,
    }));
}

/**
 * The roll-up of approved reports for every parent unit and period at once (the "whole
 * association, a year of months" query): one scan of the report rows with one aggregate per slot.
 */
export async function rollupAll(tx: Tx, ctx: Loaded, periods: readonly Period[]) {
  const slots = rulesOf(ctx);
  const rows = await repo.rollupValues(tx, {
    templateId: ctx.template.id,
    periods: periods.map((p) => p.key),
    parentIds: null,
    statuses: APPROVED_STATUSES,
    slots,
  });
  /** `rows[i].values[j]` is the value of `keys[j]`. */
  return { keys: slots.map((s) => s.key), rows };
}

export async function dashboard(
  deps: Deps,
  actor: Actor,
  q: {
    templateId: string;
    period: string;
    unitId?: string | undefined;
    view: RollupView;
    trend: number;
  },
): Promise<Dashboard> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    await ensureDefaults(tx, actor.associationId);
    const ctx = await loadContext(tx, q.templateId, q.period);
    if (!periodAllowed(ctx.period, ctx.template.periodTypes))
      throw new AppError('PERIOD_INVALID', { period: q.period });
    const unitId = q.unitId ?? (await defaultUnit(tx, actor));
    const unit = found((await repo.unitsById(tx, [unitId]))[0]);
    authorize(actor, 'report.read', { associationId: actor.associationId, path: unit.path });
    const periods = trailingPeriods(ctx.period, q.trend, ctx.template.cutoffDay);
    const keys = periods.map((p) => p.key);
    const rules = rulesOf(ctx);
    const levels = ctx.template.levels;

    // Rows of the heat map and drill-down: the unit's children now; in the as-was view also
    // those that were its children in an earlier period of the trend.
    const byDate = await repo.childrenAsOfDates(tx, unitId, [
      ...new Set([ctx.period.to, ...periods.map((p) => p.to)]),
    ]);
    const current = byDate.get(ctx.period.to)!.filter((c) => levels.includes(c.level));
    const rowsUnits = new Map(current.map((c) => [c.id, c]));
    const pastChildren = new Map<string, Set<string>>();
    for (const p of periods) {
      const kids = byDate.get(p.to)!.filter((c) => levels.includes(c.level));
      pastChildren.set(p.key, new Set(kids.map((k) => k.id)));
      if (q.view === 'as_was')
        for (const k of kids) if (!rowsUnits.has(k.id)) rowsUnits.set(k.id, k);
    }
    const heir =
      q.view === 'restated'
        ? restatementMap(await repo.successors(tx), [
            ...new Set([...pastChildren.values()].flatMap((s) => [...s])),
          ])
        : null;
    const allUnits = new Set([
      ...rowsUnits.keys(),
      ...[...pastChildren.values()].flatMap((s) => [...s]),
    ]);
    const reports = await repo.reportsOfUnits(tx, ctx.template.id, keys, [...allUnits]);
    const restatedFrom = new Map<string, Set<string>>();

    // Which reports belong to which row in each period.
    const cellReports = new Map<string, typeof reports>();
    for (const r of reports) {
      const wasChild = pastChildren.get(r.period)?.has(r.unitId) ?? false;
      if (!wasChild) continue;
      const row = heir ? (heir.get(r.unitId) ?? r.unitId) : r.unitId;
      if (!rowsUnits.has(row)) continue;
      if (row !== r.unitId) {
        const s = restatedFrom.get(row) ?? new Set<string>();
        s.add(r.unitId);
        restatedFrom.set(row, s);
      }
      const k = `${row}|${r.period}`;
      cellReports.set(k, [...(cellReports.get(k) ?? []), r]);
    }
    const names = new Map(
      (
        await repo.unitsById(tx, [...new Set([...restatedFrom.values()].flatMap((s) => [...s]))])
      ).map((u) => [u.id, u.code]),
    );
    const sortedRows = [...rowsUnits.values()].sort((a, b) => a.code.localeCompare(b.code, 'vi'));
    const heatmap = sortedRows.map((u) => ({
      unit: {
        id: u.id,
        code: u.code,
        name: u.name,
        level: u.level,
        restatedFrom: [...(restatedFrom.get(u.id) ?? [])].map((id) => names.get(id) ?? id),
      },
      cells: periods.map((p) => {
        const rs = cellReports.get(`${u.id}|${p.key}`) ?? [];
        if (rs.length === 0) {
          const s = summarize(ctx.template, p, u, undefined, today);
          return { status: s.status, timeliness: s.timeliness };
        }
        // Several predecessors restated into one unit: the least advanced status, the worst timeliness.
        const worst = rs.reduce((a, b) =>
          (ORDER.get(a.status) ?? 0) <= (ORDER.get(b.status) ?? 0) ? a : b,
        );
        const ts = rs.map((r) => summarize(ctx.template, p, u, r, today).timeliness);
        const timeliness = (['overdue', 'late', 'pending', 'on_time'] as const).find((t) =>
          ts.includes(t),
        )!;
        return { status: worst.status, timeliness };
      }),
    }));

    const approvedValues = (unit: string, period: string) =>
      aggregate(
        (cellReports.get(`${unit}|${period}`) ?? [])
          .filter((r) => APPROVED_STATUSES.includes(r.status))
          .map((r) => r.data),
        rules,
      );
    const trendValues = periods.map((p) =>
      aggregate(
        sortedRows.flatMap((u) =>
          (cellReports.get(`${u.id}|${p.key}`) ?? [])
            .filter((r) => APPROVED_STATUSES.includes(r.status))
            .map((r) => r.data),
        ),
        rules,
      ),
    );
    const indicators = ctx.slots
      .filter((s) => s.category === null && s.indicator.type !== 'text')
      .map((s) => ({
        code: s.code,
        name: s.indicator.name,
        type: s.indicator.type,
        taskArea: s.indicator.taskArea,
        values: trendValues.map((v) => v[s.key] ?? null),
      }));

    const currentRows = heatmap.filter((h) => current.some((c) => c.id === h.unit.id));
    const curCells = currentRows.map((h) => h.cells[h.cells.length - 1]!);
    return {
      view: q.view,
      unit: { id: unit.id, code: unit.code, name: unit.name, level: unit.level },
      period: ctx.period,
      periods,
      completeness: {
        expected: currentRows.length,
        submitted: curCells.filter((c) => c.status !== 'missing' && c.status !== 'draft').length,
        approved: curCells.filter((c) => APPROVED_STATUSES.includes(c.status)).length,
        onTime: curCells.filter((c) => c.timeliness === 'on_time').length,
        late: curCells.filter((c) => c.timeliness === 'late').length,
        missing: curCells.filter((c) => c.timeliness === 'pending' || c.timeliness === 'overdue')
          .length,
      },
      indicators,
      heatmap,
      children: currentRows.map((h) => ({
        unit: { id: h.unit.id, code: h.unit.code, name: h.unit.name, level: h.unit.level },
        status: h.cells[h.cells.length - 1]!.status,
        values: approvedValues(h.unit.id, ctx.period.key),
      })),
    };
  });
}

/** The oversight body's comparison of its associations: their top-level approved reports only. */
export async function oversightComparison(
  deps: Deps,
  actor: Actor,
  q: { templateCode: string; period: string },
): Promise<OversightComparison> {
  authorizeAny(actor, 'oversight.read');
  if (actor.associationKind !== 'oversight') throw new AppError('FORBIDDEN');
  const today = todayIn(deps.clock);
  const overseen = await inTenant(deps.db.app, actor.associationId, (tx) =>
    tx
      .selectFrom('associations')
      .select(['id', 'code', 'name'])
      .where('oversightId', '=', actor.associationId)
      .orderBy('code')
      .execute(),
  );
  const indicators = new Map<string, OversightComparison['indicators'][number]>();
  const associations: OversightComparison['associations'] = [];
  for (const a of overseen) {
    // Read inside the overseen association's tenant: its report rows only, no personal data.
    const entry = await inTenant(deps.db.app, a.id, async (tx) => {
      const t = await tx
        .selectFrom('reportTemplates')
        .select('id')
        .where('code', '=', q.templateCode)
        .executeTakeFirst();
      const root = found(
        await tx
          .selectFrom('units')
          .select(['id', 'code', 'name', 'level'])
          .where('parentId', 'is', null)
          .executeTakeFirst(),
      );
      if (!t)
        return {
          status: 'missing' as const,
          timeliness: 'pending' as const,
          submittedAt: null,
          values: {},
        };
      const ctx = await loadContext(tx, t.id, q.period);
      for (const s of ctx.slots)
        if (s.category === null && s.indicator.type !== 'text' && !indicators.has(s.code))
          indicators.set(s.code, {
            code: s.code,
            name: s.indicator.name,
            type: s.indicator.type,
            taskArea: s.indicator.taskArea,
          });
      const row = await repo.findByKey(tx, t.id, ctx.period.key, root.id);
      const summary = summarize(ctx.template, ctx.period, root, row, today);
      const visible = row && APPROVED_STATUSES.includes(row.status);
      const values: Record<string, number | null> = {};
      if (visible)
        for (const s of ctx.slots)
          if (s.category === null && s.indicator.type !== 'text')
            values[s.code] = row.data[s.key] ?? null;
      return {
        status: summary.status,
        timeliness: summary.timeliness,
        submittedAt: summary.firstSubmittedAt,
        values,
      };
    });
    associations.push({ id: a.id, code: a.code, name: a.name, ...entry });
  }
  return { period: q.period, indicators: [...indicators.values()], associations };
}
