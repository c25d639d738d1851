/**
 * The inbox (sorted by the nearest deadline), the statistics behind the dashboard and the
 * automatic indicators, and the escalation of overdue cases to the parent unit.
 */
import type { CaseListItem, CaseListQuerySchema, CaseStatsSchema, CaseType } from '@hoi/contracts';
import { sql } from 'kysely';
import type { z } from 'zod';
import { inTenant, type Tx } from '../../db/engine.js';
import { cliActor, type Actor } from '../../platform/actor.js';
import { authorize, authorizeAny, scopePaths } from '../../platform/authorize.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import type { PeriodicTask } from '../../platform/periodic.js';
import { ensureCalendarYears } from './cases-clock.js';
import { found } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { notify } from '../notifications/notifications.service.js';
import * as unitsRepo from '../units/units.repo.js';
import { caseEvent } from './cases.service.js';
import { presentListItem } from './cases.presenter.js';
import * as repo from './cases.repo.js';

type ListQuery = z.infer<typeof CaseListQuerySchema>;
type Stats = z.infer<typeof CaseStatsSchema>;

function encode(v: unknown[]): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}
function decode(c: string | undefined): unknown[] | null {
  if (!c) return null;
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as unknown;
    return Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

/** The subtree paths to look in: one unit the actor handles, or the actor's whole scope. */
async function scopeFor(
  tx: Tx,
  actor: Actor,
  unitId: string | undefined,
): Promise<string[] | null> {
  if (unitId) {
    const u = found(await unitsRepo.findUnit(tx, unitId));
    authorize(actor, 'case.manage', { associationId: u.associationId, path: u.path });
    // The association's top unit is the whole association: row-level security bounds it.
    return u.path.includes('.') ? [u.path] : null;
  }
  if (actor.via === 'cli') return null;
  authorizeAny(actor, 'case.manage');
  const paths = scopePaths(actor, 'case.manage');
  // A scope at the association's top unit is the whole association: row-level security bounds it.
  return paths.some((p) => !p.includes('.')) ? null : paths;
}

/** Subtrees of at least this many units are read through the inbox index (see listCases). */
const LARGE_SCOPE_UNITS = 1000;

export async function listCases(
  deps: Deps,
  actor: Actor,
  query: ListQuery,
): Promise<{ items: CaseListItem[]; nextCursor: string | null }> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const paths = await scopeFor(tx, actor, query.unitId);
    const largeScope =
      paths !== null && (await repo.subtreeSize(tx, paths, LARGE_SCOPE_UNITS)) >= LARGE_SCOPE_UNITS;
    const cursor = decode(query.cursor);
    const byDeadline = query.box === 'open' || query.box === 'overdue';
    const rows = await repo.listCases(tx, {
      box: query.box,
      paths,
      largeScope,
      today,
      type: query.type,
      round: query.round,
      status: query.status,
      q: query.q,
      after:
        byDeadline && cursor
          ? { deadline: (cursor[0] as string | null) ?? null, id: String(cursor[1]) }
          : null,
      afterReceived:
        !byDeadline && cursor ? { receivedOn: String(cursor[0]), id: String(cursor[1]) } : null,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > query.limit && last
        ? encode(byDeadline ? [last.nextDeadline, last.id] : [last.receivedOn, last.id])
        : null;
    return { items: page.map((r) => presentListItem(r, today)), nextCursor };
  });
}

/**
 * Received / accepted / resolved (on time) / open / overdue cases in a subtree and period, by
 * type and by the unit's direct children. "Resolved on time" compares the conclusion date with
 * the resolution deadline stored when the case was last changed.
 */
export async function caseStats(
  deps: Deps,
  actor: Actor,
  q: { unitId?: string; from?: string; to?: string },
): Promise<Stats> {
  const today = todayIn(deps.clock);
  const to = q.to ?? today;
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    // The subtrees to count: the unit asked for, else every unit where the caller handles cases.
    let roots: { id: string; code: string; name: string; path: string }[];
    if (q.unitId) {
      const u = found(await unitsRepo.findUnit(tx, q.unitId));
      authorize(actor, 'case.manage', { associationId: u.associationId, path: u.path });
      roots = [u];
    } else {
      authorizeAny(actor, 'case.manage');
      const ids = actor.assignments
        .filter((x) => x.permissions.includes('case.manage'))
        .map((x) => x.unitId);
      const units: { id: string; code: string; name: string; path: string }[] = [];
      for (const id of ids.length > 0 ? ids : [await rootUnit(tx)])
        units.push(found(await unitsRepo.findUnit(tx, id)));
      // A unit inside another of the caller's subtrees is already counted there.
      roots = units.filter(
        (u, i) =>
          !units.some((o, j) => j !== i && u.path.startsWith(`${o.path}.`)) &&
          units.findIndex((o) => o.id === u.id) === i,
      );
    }
    const rows = await countCases(
      tx,
      roots.map((r) => r.path),
      from,
      to,
      today,
    );
    // By unit: the children of a single subtree, or the caller's several subtrees side by side.
    const parts =
      roots.length === 1
        ? await tx
            .selectFrom('units as u')
            .innerJoin('unitPaths as up', (j) =>
              j.onRef('up.associationId', '=', 'u.associationId').onRef('up.unitId', '=', 'u.id'),
            )
            .select(['u.id', 'u.code', 'u.name', sql<string>`up.path::text`.as('path')])
            .where('u.parentId', '=', roots[0]!.id)
            .where('u.status', '=', 'active')
            .orderBy('u.code')
            .execute()
        : roots;
    const byUnit = [];
    for (const part of parts) {
      const r = await countCases(tx, [part.path], from, to, today);
      byUnit.push({ unit: { id: part.id, code: part.code, name: part.name }, ...sum(r) });
    }
    const types = [...new Set(rows.map((r) => r.type))].sort();
    return {
      from,
      to,
      total: sum(rows),
      byType: types.map((type) => ({
        type: type as CaseType,
        ...sum(rows.filter((r) => r.type === type)),
      })),
      byUnit,
    };
  });
}

async function rootUnit(tx: Tx): Promise<string> {
  const r = await tx
    .selectFrom('units')
    .select('id')
    .where('parentId', 'is', null)
    .executeTakeFirstOrThrow();
  return r.id;
}

interface CountRow {
  type: string;
  received: number;
  accepted: number;
  resolved: number;
  resolvedOnTime: number;
  open: number;
  overdue: number;
}

function sum(rows: CountRow[]) {
  const z = { received: 0, accepted: 0, resolved: 0, resolvedOnTime: 0, open: 0, overdue: 0 };
  for (const r of rows) {
    z.received += r.received;
    z.accepted += r.accepted;
    z.resolved += r.resolved;
    z.resolvedOnTime += r.resolvedOnTime;
    z.open += r.open;
    z.overdue += r.overdue;
  }
  return z;
}

/** Counts per case type over the subtrees (one indexed pass; also the reports' automatic indicators). */
export async function countCases(
  tx: Tx,
  paths: string[],
  from: string,
  to: string,
  today: string,
): Promise<CountRow[]> {
  const r = await sql<CountRow>`
    select type,
      count(*) filter (where received_on between ${from} and ${to})::int as received,
      count(*) filter (where accepted_on between ${from} and ${to})::int as accepted,
      count(*) filter (where concluded_on between ${from} and ${to})::int as resolved,
      count(*) filter (where concluded_on between ${from} and ${to}
        and (resolution_due is null or concluded_on <= resolution_due))::int as "resolvedOnTime",
      count(*) filter (where is_open and received_on <= ${to})::int as open,
      count(*) filter (where is_open and next_deadline < ${today}
        and status in ('received', 'classified', 'accepted', 'verifying'))::int as overdue
    from cases
    where unit_id in (select hoi_subtree_units(cast(${paths} as text[])))
    group by type`.execute(tx);
  return r.rows;
}

/**
 * Marks open cases past their deadline as escalated, once each, and tells the officers who
 * handle cases at the parent unit (Law on Denunciations Art. 38: the superior asks for a report).
 */
export async function escalateOverdueCases(deps: Deps, today: string): Promise<number> {
  const associations = await repo.associationsWithOverdueCases(deps.db.system, today);
  let count = 0;
  for (const associationId of associations) {
    const actor = {
      ...cliActor(associationId),
      displayName: 'Hệ thống (quá hạn) / system escalation',
    };
    count += await inTenant(deps.db.app, associationId, async (tx) => {
      const rows = await repo.markOverdueEscalated(tx, today);
      for (const c of rows) {
        await caseEvent(
          tx,
          deps,
          actor,
          { associationId, id: c.id },
          'escalated',
          `${c.nextMilestone ?? ''} ${c.nextDeadline ?? ''}`.trim(),
        );
        await recordAudit(tx, deps, actor, {
          action: 'case.escalate',
          entityType: 'case',
          entityId: c.id,
          unitId: c.unitId,
          after: { deadline: c.nextDeadline },
        });
        const unit = await unitsRepo.findUnit(tx, c.unitId);
        const parentId = unit?.parentId ?? c.unitId;
        const users = await repo.usersWithPermissionAt(
          tx,
          [parentId],
          ['association_admin', 'unit_officer', 'case_officer'],
          today,
        );
        await notify(
          tx,
          deps,
          users.map((u) => u.userId),
          {
            kind: 'case.overdue',
            title: `Vụ việc ${c.number} đã quá hạn (${c.nextDeadline ?? ''}) — cấp trên theo dõi`,
            titleEn: `Case ${c.number} is overdue (${c.nextDeadline ?? ''}) — escalated to the parent unit`,
            link: `/cases/${c.id}`,
          },
        );
      }
      return rows.length;
    });
  }
  return count;
}

/** The server's hourly escalation of overdue cases (see platform/periodic.ts). */
export function caseEscalationTask(deps: Deps): PeriodicTask {
  return {
    name: 'overdue cases escalated',
    everyMs: 60 * 60 * 1000,
    run: () => escalateOverdueCases(deps, todayIn(deps.clock)),
  };
}

/** Five years either side of today are stored in the calendar (generated by rule the first time). */
export async function ensureCalendarAroundToday(deps: Deps): Promise<number> {
  const year = Number(todayIn(deps.clock).slice(0, 4));
  return ensureCalendarYears(
    deps.db.system,
    Array.from({ length: 11 }, (_, i) => year - 5 + i),
  );
}
