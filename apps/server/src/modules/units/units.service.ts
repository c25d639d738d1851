import type { Unit, UnitHistory } from '@hoi/contracts';
import { inTenant, type Tx } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { scopePaths } from '../../platform/authorize.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, found } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { findAdminUnit } from '../admin-units/admin-units.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertCanManageUnits, assertCanReadUnit, isDescendantOrSelf } from './units.policy.js';
import { presentUnit } from './units.presenter.js';
import * as repo from './units.repo.js';
import { cacheKey, getCachedTree, putCachedTree } from './tree-cache.js';
import { treeHistory, wholeTreeAsOf } from './tree-history.js';

async function levelNamesOf(tx: Tx, associationId: string): Promise<string[]> {
  const a = await tx.selectFrom('associations').select('levelNames').where('id', '=', associationId).executeTakeFirst();
  return a?.levelNames ?? [];
}

/** Locks the units; ids unknown in this association are NOT_FOUND, or CROSS_ASSOCIATION if they exist elsewhere. */
export async function lockExisting(deps: Deps, tx: Tx, ids: string[]) {
  const rows = await repo.lockUnits(tx, [...new Set(ids)]);
  for (const id of ids) {
    if (!rows.some((r) => r.id === id)) {
      throw new AppError((await repo.unitExistsAnywhere(tx, id)) ? 'CROSS_ASSOCIATION' : 'NOT_FOUND', { unitId: id });
    }
  }
  return (id: string) => rows.find((r) => r.id === id)!;
}

/**
 * The effective date of a tree change: today by default; never in the future, and never before
 * the latest recorded change of the units involved (history is appended, never rewritten).
 */
async function resolveDate(deps: Deps, tx: Tx, requested: string | undefined, unitIds: string[]) {
  const today = todayIn(deps.clock);
  const date = requested ?? today;
  if (date > today) throw new AppError('UNIT_DATE_INVALID', { effectiveDate: date, today });
  const latest = await repo.latestChangeDate(tx, unitIds);
  if (latest && date < latest) throw new AppError('UNIT_DATE_INVALID', { effectiveDate: date, latestChange: latest });
  return date;
}

function assertActive(u: repo.UnitRow) {
  if (u.status !== 'active') throw new AppError('UNIT_INACTIVE', { unitId: u.id, code: u.code });
}

async function assertAdminUnit(tx: Tx, code: string | null | undefined) {
  if (code && !(await findAdminUnit(tx, code))) throw new AppError('ADMIN_UNIT_UNKNOWN', { adminUnitCode: code });
}

async function assertCodeFree(tx: Tx, code: string, exceptId?: string) {
  if (await repo.codeExists(tx, code, exceptId)) throw new AppError('DUPLICATE_CODE', { code });
}

async function present(tx: Tx, associationId: string, id: string): Promise<Unit> {
  const row = found(await repo.findUnit(tx, id));
  return presentUnit(row, await levelNamesOf(tx, associationId));
}

export async function getUnit(deps: Deps, actor: Actor, id: string): Promise<Unit> {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const row = found(await repo.findUnit(tx, id));
    assertCanReadUnit(actor, row);
    return presentUnit(row, await levelNamesOf(tx, actor.associationId));
  });
}

/**
 * The caller's reading scope: subtree paths and their outermost units. The CLI (system) reads
 * the whole association from its root.
 */
async function readScope(tx: Tx, actor: Actor): Promise<{ paths: string[]; rootIds: string[] }> {
  if (actor.via === 'cli') {
    const root = await tx
      .selectFrom('units as u')
      .innerJoin('unitPaths as up', 'up.unitId', 'u.id')
      .select(['u.id'])
      .select((eb) => eb.cast<string>('up.path', 'text').as('path'))
      .where('u.parentId', 'is', null)
      .executeTakeFirst();
    return root ? { paths: [root.path], rootIds: [root.id] } : { paths: [], rootIds: [] };
  }
  const paths = scopePaths(actor, 'unit.read');
  const outermost = actor.assignments.filter(
    (a) => paths.includes(a.unitPath) && !paths.some((p) => p !== a.unitPath && isDescendantOrSelf(a.unitPath, p)),
  );
  return { paths, rootIds: [...new Set(outermost.map((a) => a.unitId))] };
}

export async function listUnits(
  deps: Deps,
  actor: Actor,
  input: { parentId?: string | undefined; q?: string | undefined; includeInactive: boolean; after: { code: string; id: string } | null; limit: number },
) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const levelNames = await levelNamesOf(tx, actor.associationId);
    const scope = await readScope(tx, actor);
    const paths = scope.paths;
    let rows;
    if (input.parentId) {
      const parent = found(await repo.findUnit(tx, input.parentId));
      assertCanReadUnit(actor, parent);
      rows = await repo.listUnits(tx, { parentId: input.parentId, scopePaths: paths, q: input.q, includeInactive: input.includeInactive, ...(input.after ? { after: input.after } : {}), limit: input.limit });
    } else if (input.q) {
      rows = await repo.listUnits(tx, { scopePaths: paths, q: input.q, includeInactive: input.includeInactive, ...(input.after ? { after: input.after } : {}), limit: input.limit });
    } else {
      const all = await Promise.all(scope.rootIds.map((id) => repo.findUnit(tx, id)));
      rows = all.filter((r) => r !== undefined).sort((a, b) => a.code.localeCompare(b.code));
      return { items: rows.map((r) => presentUnit(r, levelNames)), next: null };
    }
    const hasMore = rows.length > input.limit;
    const page = rows.slice(0, input.limit);
    const last = page[page.length - 1];
    return { items: page.map((r) => presentUnit(r, levelNames)), next: hasMore && last ? { code: last.code, id: last.id } : null };
  });
}

/**
 * The tree (or the caller's subtrees) as it stood on a date, as the UTF-8 bytes of the
 * TreeSchema JSON, ready to send: the whole tree from its history in memory (decision 69),
 * subtrees built as JSON text by the database.
 */
export async function treeAsOf(deps: Deps, actor: Actor, input: { asOf?: string | undefined; rootId?: string | undefined }): Promise<Buffer> {
  const today = todayIn(deps.clock);
  // A future date shows today's tree (changes are never dated ahead).
  const asOf = input.asOf ?? today;
  const date = asOf > today ? today : asOf;
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    let roots: repo.UnitRow[];
    if (input.rootId) {
      const root = found(await repo.findUnit(tx, input.rootId));
      assertCanReadUnit(actor, root);
      roots = [root];
    } else {
      const ids = (await readScope(tx, actor)).rootIds;
      roots = (await Promise.all(ids.map((id) => repo.findUnit(tx, id)))).filter((r) => r !== undefined);
    }
    const before = `{"asOf":${JSON.stringify(asOf)},"nodes":`;
    if (roots.length === 0) return Buffer.from(`${before}[]}`);
    const version = await repo.treeVersion(tx, actor.associationId);
    const key = cacheKey(actor.associationId, version, asOf, roots.map((r) => r.id));
    let body = getCachedTree(key);
    if (body === undefined) {
      // The whole tree, on any date, from the history in memory (decision 69); a subtree from
      // the materialized paths (today) or the recursive walk of the parent history (past dates).
      if (roots.length === 1 && roots[0]!.parentId === null) body = wholeTreeAsOf(await treeHistory(tx, actor.associationId, version), date, before, '}');
      else {
        const nodes = date === today
          ? await repo.currentSubtreesJson(tx, roots.filter((r) => r.status === 'active').map((r) => r.path))
          : await repo.subtreeAsOfJson(tx, roots.map((r) => r.id), date);
        body = Buffer.from(`${before}${nodes}}`);
      }
      putCachedTree(key, body);
    }
    return body;
  });
}

export async function unitHistory(deps: Deps, actor: Actor, id: string): Promise<UnitHistory> {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const unit = found(await repo.findUnit(tx, id));
    assertCanReadUnit(actor, unit);
    const [names, parents, events] = await Promise.all([repo.nameHistory(tx, id), repo.parentHistory(tx, id), repo.eventsOfUnit(tx, id)]);
    return {
      names,
      parents,
      events: events.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
    };
  });
}

async function audit(deps: Deps, tx: Tx, actor: Actor, action: string, unitId: string, before: unknown, after: unknown) {
  await recordAudit(tx, deps, actor, { action, entityType: 'unit', entityId: unitId, unitId, before, after });
}

export async function createUnit(
  deps: Deps,
  actor: Actor,
  input: { parentId: string; code: string; name: string; level?: number | undefined; adminUnitCode?: string | undefined; effectiveDate?: string | undefined },
): Promise<Unit> {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const get = await lockExisting(deps, tx, [input.parentId]);
    const parent = get(input.parentId);
    assertCanManageUnits(actor, [parent]);
    assertActive(parent);
    const levelNames = await levelNamesOf(tx, actor.associationId);
    const level = input.level ?? parent.level + 1;
    if (level <= parent.level || level >= levelNames.length) {
      throw new AppError('UNIT_LEVEL_INVALID', { level, parentLevel: parent.level, maxLevel: levelNames.length - 1 });
    }
    await assertCodeFree(tx, input.code);
    await assertAdminUnit(tx, input.adminUnitCode);
    const date = await resolveDate(deps, tx, input.effectiveDate, [parent.id]);
    const id = newId();
    const row = await repo.insertUnit(tx, {
      associationId: actor.associationId,
      id,
      code: input.code,
      name: input.name,
      level,
      parentId: parent.id,
      parentPath: parent.path,
      adminUnitCode: input.adminUnitCode ?? null,
      validFrom: date,
    });
    await repo.insertEvent(tx, {
      associationId: actor.associationId, id: newId(), kind: 'create', effectiveDate: date,
      actorUserId: actor.userId, actorName: actor.displayName,
      details: { code: input.code, name: input.name, parentId: parent.id, parentName: parent.name },
      subjects: [id, parent.id],
    });
    await audit(deps, tx, actor, 'unit.create', id, null, { code: row.code, name: row.name, parentId: parent.id, level });
    return present(tx, actor.associationId, id);
  });
}

export async function updateUnit(
  deps: Deps,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: { name?: string | undefined; code?: string | undefined; adminUnitCode?: string | null | undefined; effectiveDate?: string | undefined },
): Promise<Unit> {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const unit = (await lockExisting(deps, tx, [id]))(id);
    assertCanManageUnits(actor, [unit]);
    if (unit.version !== expectedVersion) throw new AppError('STALE_VERSION', { currentVersion: unit.version });
    assertActive(unit);
    const date = await resolveDate(deps, tx, input.effectiveDate, [id]);
    const before = { name: unit.name, code: unit.code, adminUnitCode: unit.adminUnitCode };
    const base = { associationId: actor.associationId, effectiveDate: date, actorUserId: actor.userId, actorName: actor.displayName, subjects: [id] };
    if (input.name !== undefined && input.name !== unit.name) {
      await repo.recordName(tx, actor.associationId, id, input.name, date);
      await repo.insertEvent(tx, { ...base, id: newId(), kind: 'rename', details: { from: unit.name, to: input.name } });
    }
    if (input.code !== undefined && input.code !== unit.code) {
      await assertCodeFree(tx, input.code, id);
      await repo.insertEvent(tx, { ...base, id: newId(), kind: 'recode', details: { from: unit.code, to: input.code } });
    }
    if (input.adminUnitCode !== undefined && input.adminUnitCode !== unit.adminUnitCode) {
      await assertAdminUnit(tx, input.adminUnitCode);
      await repo.insertEvent(tx, { ...base, id: newId(), kind: 'admin_unit', details: { from: unit.adminUnitCode, to: input.adminUnitCode } });
    }
    await repo.updateUnitRow(tx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.code !== undefined ? { code: input.code } : {}),
      ...(input.adminUnitCode !== undefined ? { adminUnitCode: input.adminUnitCode } : {}),
    });
    await audit(deps, tx, actor, 'unit.update', id, before, input);
    return present(tx, actor.associationId, id);
  });
}

export async function moveUnit(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { newParentId: string; effectiveDate?: string | undefined },
): Promise<Unit> {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const get = await lockExisting(deps, tx, [id, input.newParentId]);
    const unit = get(id);
    const parent = get(input.newParentId);
    assertCanManageUnits(actor, [unit, parent]);
    assertActive(unit);
    assertActive(parent);
    if (unit.parentId === null) throw new AppError('UNIT_IS_ROOT');
    if (isDescendantOrSelf(parent.path, unit.path)) throw new AppError('UNIT_MOVE_CYCLE');
    if (unit.level <= parent.level) throw new AppError('UNIT_LEVEL_INVALID', { level: unit.level, parentLevel: parent.level });
    if (unit.parentId === parent.id) return present(tx, actor.associationId, id);
    const oldParentId = unit.parentId;
    const date = await resolveDate(deps, tx, input.effectiveDate, [id]);
    await repo.recordParent(tx, actor.associationId, [id], parent.id, date);
    await repo.moveSubtrees(tx, [unit], repo.parentPathOf(unit.path), parent.id, parent.path);
    await repo.insertEvent(tx, {
      associationId: actor.associationId, id: newId(), kind: 'move', effectiveDate: date,
      actorUserId: actor.userId, actorName: actor.displayName,
      details: { fromParentId: oldParentId, toParentId: parent.id, toParentName: parent.name },
      subjects: [id, oldParentId, parent.id],
    });
    await audit(deps, tx, actor, 'unit.move', id, { parentId: oldParentId }, { parentId: parent.id });
    return present(tx, actor.associationId, id);
  });
}

/** Ends a unit: closes its intervals and role assignments, keeps every row for history. */
async function retire(tx: Tx, associationId: string, unit: repo.UnitRow, status: 'dissolved' | 'merged' | 'split', date: string) {
  await repo.updateUnitRow(tx, unit.id, { status, validTo: date });
  await repo.closeNames(tx, unit.id, date);
  await repo.recordParent(tx, associationId, [unit.id], undefined, date);
  await repo.endAssignmentsAt(tx, [unit.id], date);
}

export async function mergeUnits(
  deps: Deps,
  actor: Actor,
  input: {
    sourceIds: string[];
    target: { existingId: string } | { code: string; name: string; parentId: string };
    effectiveDate?: string | undefined;
  },
): Promise<Unit> {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const sourceIds = [...new Set(input.sourceIds)];
    if (sourceIds.length < 2) throw new AppError('MERGE_INVALID', { reason: 'at least two distinct units' });
    const anchorId = 'existingId' in input.target ? input.target.existingId : input.target.parentId;
    const get = await lockExisting(deps, tx, [...sourceIds, anchorId]);
    const sources = sourceIds.map(get);
    const anchor = get(anchorId);
    assertCanManageUnits(actor, [...sources, anchor]);
    for (const s of sources) {
      assertActive(s);
      if (s.parentId === null) throw new AppError('UNIT_IS_ROOT');
    }
    assertActive(anchor);
    for (const a of sources) {
      for (const b of sources) {
        if (a.id !== b.id && isDescendantOrSelf(a.path, b.path)) {
          throw new AppError('MERGE_INVALID', { reason: `${a.code} lies inside ${b.code}` });
        }
      }
    }
    const level = sources[0]!.level;
    if (sources.some((s) => s.level !== level)) throw new AppError('MERGE_INVALID', { reason: 'units of different levels' });
    const date = await resolveDate(deps, tx, input.effectiveDate, [...sourceIds, anchorId]);

    let target: repo.UnitRow;
    if ('existingId' in input.target) {
      target = anchor;
      if (target.level !== level) throw new AppError('MERGE_INVALID', { reason: 'target level differs' });
      if (sources.some((s) => s.id !== target.id && isDescendantOrSelf(target.path, s.path))) {
        throw new AppError('MERGE_INVALID', { reason: 'target lies inside a merged unit' });
      }
    } else {
      if (sources.some((s) => isDescendantOrSelf(anchor.path, s.path))) {
        throw new AppError('MERGE_INVALID', { reason: 'new parent lies inside a merged unit' });
      }
      if (anchor.level >= level) throw new AppError('UNIT_LEVEL_INVALID', { level, parentLevel: anchor.level });
      await assertCodeFree(tx, input.target.code);
      target = await repo.insertUnit(tx, {
        associationId: actor.associationId, id: newId(), code: input.target.code, name: input.target.name,
        level, parentId: anchor.id, parentPath: anchor.path, adminUnitCode: null, validFrom: date,
      });
    }
    const retiring = sources.filter((s) => s.id !== target.id);
    let movedChildren = 0;
    for (const s of retiring) {
      const children = await repo.activeChildren(tx, s.id);
      await repo.recordParent(tx, actor.associationId, children.map((c) => c.id), target.id, date);
      await repo.moveSubtrees(tx, children, s.path, target.id, target.path);
      await retire(tx, actor.associationId, s, 'merged', date);
      movedChildren += children.length;
    }
    await repo.updateUnitRow(tx, target.id, {});
    await repo.insertEvent(tx, {
      associationId: actor.associationId, id: newId(), kind: 'merge', effectiveDate: date,
      actorUserId: actor.userId, actorName: actor.displayName,
      details: { sources: sources.map((s) => ({ id: s.id, code: s.code, name: s.name })), target: { id: target.id, code: target.code, name: target.name }, movedChildren },
      subjects: [target.id],
      predecessors: sources.map((s) => s.id),
      successors: [target.id],
    });
    await audit(deps, tx, actor, 'unit.merge', target.id, { sources: sources.map((s) => s.code) }, { target: target.code, movedChildren });
    return present(tx, actor.associationId, target.id);
  });
}

export async function splitUnit(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { parts: { code: string; name: string; childIds: string[] }[]; effectiveDate?: string | undefined },
): Promise<Unit[]> {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const unit = (await lockExisting(deps, tx, [id]))(id);
    assertCanManageUnits(actor, [unit]);
    assertActive(unit);
    if (unit.parentId === null) throw new AppError('UNIT_IS_ROOT');
    const parent = (await lockExisting(deps, tx, [unit.parentId]))(unit.parentId);
    const codes = input.parts.map((p) => p.code);
    if (new Set(codes).size !== codes.length) throw new AppError('DUPLICATE_CODE', { codes });
    for (const c of codes) await assertCodeFree(tx, c);
    const childRows = await repo.activeChildren(tx, id);
    const children = new Set(childRows.map((c) => c.id));
    const claimed = input.parts.flatMap((p) => p.childIds);
    if (new Set(claimed).size !== claimed.length) throw new AppError('SPLIT_INVALID', { reason: 'a child is given to two parts' });
    const foreign = claimed.filter((c) => !children.has(c));
    if (foreign.length) throw new AppError('SPLIT_INVALID', { reason: 'not a child of the split unit', childIds: foreign });
    const date = await resolveDate(deps, tx, input.effectiveDate, [id]);
    const created: repo.UnitRow[] = [];
    for (const [i, part] of input.parts.entries()) {
      const row = await repo.insertUnit(tx, {
        associationId: actor.associationId, id: newId(), code: part.code, name: part.name, level: unit.level,
        parentId: parent.id, parentPath: parent.path, adminUnitCode: null, validFrom: date,
      });
      // Children nobody claimed go with the first part, so no unit is ever orphaned.
      const taken = i === 0 ? [...part.childIds, ...[...children].filter((c) => !claimed.includes(c))] : part.childIds;
      await repo.recordParent(tx, actor.associationId, taken, row.id, date);
      await repo.moveSubtrees(tx, childRows.filter((c) => taken.includes(c.id)), unit.path, row.id, row.path);
      created.push(row);
    }
    await retire(tx, actor.associationId, unit, 'split', date);
    await repo.insertEvent(tx, {
      associationId: actor.associationId, id: newId(), kind: 'split', effectiveDate: date,
      actorUserId: actor.userId, actorName: actor.displayName,
      details: { source: { id: unit.id, code: unit.code, name: unit.name }, parts: created.map((c) => ({ id: c.id, code: c.code, name: c.name })) },
      subjects: [unit.id],
      predecessors: [unit.id],
      successors: created.map((c) => c.id),
    });
    await audit(deps, tx, actor, 'unit.split', unit.id, { code: unit.code }, { parts: codes });
    return Promise.all(created.map((c) => present(tx, actor.associationId, c.id)));
  });
}

export async function dissolveUnit(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { reason?: string | undefined; effectiveDate?: string | undefined },
): Promise<Unit> {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const unit = (await lockExisting(deps, tx, [id]))(id);
    assertCanManageUnits(actor, [unit]);
    assertActive(unit);
    if (unit.parentId === null) throw new AppError('UNIT_IS_ROOT');
    const children = await repo.activeChildren(tx, id);
    if (children.length) throw new AppError('UNIT_HAS_CHILDREN', { childCount: children.length });
    const date = await resolveDate(deps, tx, input.effectiveDate, [id]);
    await retire(tx, actor.associationId, unit, 'dissolved', date);
    await repo.insertEvent(tx, {
      associationId: actor.associationId, id: newId(), kind: 'dissolve', effectiveDate: date,
      actorUserId: actor.userId, actorName: actor.displayName,
      details: { reason: input.reason ?? null }, subjects: [id, unit.parentId],
    });
    await audit(deps, tx, actor, 'unit.dissolve', id, { status: 'active' }, { status: 'dissolved', reason: input.reason });
    return present(tx, actor.associationId, id);
  });
}
