import { ROLES, type RoleCode, type User } from '@hoi/contracts';
import { inTenant, type Tx } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { scopePaths } from '../../platform/authorize.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, found } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { hashPassword } from '../auth/passwords.js';
import { lockExisting } from '../units/units.service.js';
import { assertCanGrant, assertCanManageUser, assertCanReadUser } from './users.policy.js';
import * as repo from './users.repo.js';

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.findUser>>>;
type AssignmentRow = Awaited<ReturnType<typeof repo.assignmentsOf>>[number];

function present(u: UserRow, assignments: AssignmentRow[]): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    phone: u.phone,
    status: u.status,
    totpEnabled: u.totpEnabled,
    lockedUntil: u.lockedUntil?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    version: u.version,
    assignments: assignments
      .filter((a) => a.userId === u.id)
      .map((a) => ({ id: a.id, role: a.role as RoleCode, unitId: a.unitId, unitName: a.unitName, unitCode: a.unitCode, validFrom: a.validFrom, validTo: a.validTo })),
  };
}

async function loadUser(deps: Deps, tx: Tx, id: string) {
  const user = found(await repo.findUser(tx, id));
  const assignments = await repo.assignmentsOf(tx, [id], todayIn(deps.clock));
  return { user, assignments };
}

export async function listUsers(
  deps: Deps,
  actor: Actor,
  input: { q?: string | undefined; unitId?: string | undefined; after: string | null; limit: number },
) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const paths = scopePaths(actor, 'user.read');
    let unitPath: string | undefined;
    if (input.unitId) {
      const unit = (await lockExisting(deps, tx, [input.unitId]))(input.unitId);
      if (!paths.some((p) => unit.path === p || unit.path.startsWith(`${p}.`))) throw new AppError('NOT_FOUND');
      unitPath = unit.path;
    }
    const includeUnassigned = paths.some((p) => !p.includes('.'));
    const rows = await repo.listUsers(tx, { scopePaths: paths, includeUnassigned, q: input.q, unitPath, after: input.after ? { username: input.after } : undefined, limit: input.limit });
    const page = rows.slice(0, input.limit);
    const assignments = await repo.assignmentsOf(tx, page.map((u) => u.id), todayIn(deps.clock));
    return { items: page.map((u) => present(u, assignments)), next: rows.length > input.limit ? page[page.length - 1]!.username : null };
  });
}

export async function getUser(deps: Deps, actor: Actor, id: string) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const { user, assignments } = await loadUser(deps, tx, id);
    const all = await repo.assignmentsOf(tx, [id], todayIn(deps.clock), true);
    assertCanReadUser(actor, actor.associationId, all.map((a) => a.unitPath));
    return present(user, assignments);
  });
}

export async function createUser(
  deps: Deps,
  actor: Actor,
  input: { username: string; displayName: string; email?: string | undefined; phone?: string | undefined; password: string; role: RoleCode; unitId: string },
) {
  const passwordHash = await hashPassword(input.password);
  if (await repo.usernameTaken(deps.db.system, input.username)) throw new AppError('DUPLICATE_USERNAME', { username: input.username });
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const unit = (await lockExisting(deps, tx, [input.unitId]))(input.unitId);
    assertCanGrant(actor, input.role, unit);
    if (unit.status !== 'active') throw new AppError('UNIT_INACTIVE');
    const id = newId();
    await repo.insertUser(tx, {
      associationId: actor.associationId, id, username: input.username, displayName: input.displayName,
      email: input.email ?? null, phone: input.phone ?? null, passwordHash,
    });
    await repo.insertAssignment(tx, {
      associationId: actor.associationId, id: newId(), userId: id, role: input.role, unitId: unit.id,
      validFrom: todayIn(deps.clock), validTo: null,
    });
    await recordAudit(tx, deps, actor, {
      action: 'user.create', entityType: 'user', entityId: id, unitId: unit.id,
      after: { username: input.username, displayName: input.displayName, role: input.role, unitCode: unit.code },
    });
    const { user, assignments } = await loadUser(deps, tx, id);
    return present(user, assignments);
  });
}

async function loadManageable(deps: Deps, tx: Tx, actor: Actor, id: string) {
  const loaded = await loadUser(deps, tx, id);
  const all = await repo.assignmentsOf(tx, [id], todayIn(deps.clock), true);
  assertCanReadUser(actor, actor.associationId, all.map((a) => a.unitPath));
  assertCanManageUser(actor, actor.associationId, loaded.assignments.map((a) => a.unitPath));
  return loaded;
}

export async function updateUser(
  deps: Deps,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: { displayName?: string | undefined; email?: string | null | undefined; phone?: string | null | undefined; status?: 'active' | 'disabled' | undefined },
) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const { user } = await loadManageable(deps, tx, actor, id);
    if (user.version !== expectedVersion) throw new AppError('STALE_VERSION', { currentVersion: user.version });
    if (input.status === 'disabled' && id === actor.userId) throw new AppError('FORBIDDEN', { reason: 'cannot disable yourself' });
    await repo.updateUser(tx, id, {
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
    });
    if (input.status === 'disabled') await repo.deleteSessionsOf(tx, id);
    await recordAudit(tx, deps, actor, {
      action: 'user.update', entityType: 'user', entityId: id,
      before: { displayName: user.displayName, email: user.email, phone: user.phone, status: user.status }, after: input,
    });
    const reloaded = await loadUser(deps, tx, id);
    return present(reloaded.user, reloaded.assignments);
  });
}

export async function resetPassword(deps: Deps, actor: Actor, id: string, newPassword: string) {
  const passwordHash = await hashPassword(newPassword);
  await inTenant(deps.db.app, actor.associationId, async (tx) => {
    await loadManageable(deps, tx, actor, id);
    await repo.updateUser(tx, id, { passwordHash, failedAttempts: 0, lockedUntil: null });
    await repo.deleteSessionsOf(tx, id);
    await recordAudit(tx, deps, actor, { action: 'user.reset_password', entityType: 'user', entityId: id, after: { passwordHash: 'changed' } });
  });
}

export async function createAssignment(
  deps: Deps,
  actor: Actor,
  input: { userId: string; role: RoleCode; unitId: string; validFrom?: string | undefined; validTo?: string | undefined },
) {
  if (!(input.role in ROLES)) throw new AppError('ROLE_UNKNOWN');
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const user = found(await repo.findUser(tx, input.userId));
    const unit = (await lockExisting(deps, tx, [input.unitId]))(input.unitId);
    assertCanGrant(actor, input.role, unit);
    if (unit.status !== 'active') throw new AppError('UNIT_INACTIVE');
    const validFrom = input.validFrom ?? todayIn(deps.clock);
    if (input.validTo && input.validTo <= validFrom) throw new AppError('VALIDATION_FAILED', { issues: [{ path: ['body', 'validTo'], message: 'validTo must be after validFrom' }] });
    const id = newId();
    await repo.insertAssignment(tx, { associationId: actor.associationId, id, userId: user.id, role: input.role, unitId: unit.id, validFrom, validTo: input.validTo ?? null });
    await recordAudit(tx, deps, actor, {
      action: 'role.assign', entityType: 'user', entityId: user.id, unitId: unit.id,
      after: { role: input.role, unitCode: unit.code, validFrom, validTo: input.validTo ?? null },
    });
    const reloaded = await loadUser(deps, tx, user.id);
    return present(reloaded.user, reloaded.assignments);
  });
}

export async function endAssignment(deps: Deps, actor: Actor, id: string) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const a = found(await repo.findAssignment(tx, id));
    assertCanGrant(actor, a.role as RoleCode, { associationId: a.associationId, path: a.unitPath });
    const today = todayIn(deps.clock);
    await repo.endAssignment(tx, id, a.validFrom > today ? a.validFrom : today);
    await recordAudit(tx, deps, actor, { action: 'role.end', entityType: 'user', entityId: a.userId, unitId: a.unitId, before: { role: a.role, validTo: a.validTo }, after: { validTo: today } });
  });
}
