import { ROLES, type Me, type Permission, type RoleCode } from '@hoi/contracts';
import { Secret, TOTP } from 'otpauth';
import { inTenant } from '../../db/engine.js';
import type { Actor, ActorAssignment } from '../../platform/actor.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './auth.repo.js';
import { getDummyHash, hashPassword, verifyPassword } from './passwords.js';
import { API_TOKEN_PREFIX, hashToken, randomToken } from './tokens.js';

/** Lock-out policy for password guessing (per account; the route adds per-IP rate limiting). */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

function totpFor(secret: string, label: string) {
  return new TOTP({ issuer: 'Hội', label, secret: Secret.fromBase32(secret), digits: 6, period: 30 });
}

function isTotpValid(secret: string, code: string, now: Date): boolean {
  return totpFor(secret, '').validate({ token: code, timestamp: now.getTime(), window: 1 }) !== null;
}

/**
 * Checks credentials (and the second factor when enabled) and opens a session. Failed attempts
 * are counted and committed even though the call then fails; the account locks after
 * MAX_FAILED_LOGINS for LOCKOUT_MINUTES.
 */
export async function login(
  deps: Deps,
  input: { username: string; password: string; totp?: string | undefined },
  ip: string | null,
): Promise<{ token: string; actor: Actor }> {
  const now = deps.clock.now();
  const user = await repo.findUserByUsername(deps.db.system, input.username.trim());
  if (!user) {
    await verifyPassword(await getDummyHash(), input.password);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    throw new AppError('ACCOUNT_LOCKED', { lockedUntil: user.lockedUntil.toISOString() });
  }
  const auditActor = { associationId: user.associationId, userId: user.id, displayName: user.displayName, username: user.username };
  const fail = async (code: 'INVALID_CREDENTIALS' | 'TOTP_INVALID') => {
    const attempts = user.failedAttempts + 1;
    const locked = attempts >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null;
    await inTenant(deps.db.app, user.associationId, async (tx) => {
      await repo.setLoginFailure(tx, user.id, locked ? 0 : attempts, locked);
      await recordAudit(tx, deps, auditActor, {
        action: locked ? 'auth.locked' : 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        after: { ip, reason: code },
      });
    });
    throw new AppError(locked ? 'ACCOUNT_LOCKED' : code);
  };
  if (!(await verifyPassword(user.passwordHash, input.password))) return fail('INVALID_CREDENTIALS');
  if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
  if (user.totpEnabled && user.totpSecret) {
    if (!input.totp) throw new AppError('TOTP_REQUIRED');
    if (!isTotpValid(user.totpSecret, input.totp, now)) return fail('TOTP_INVALID');
  }
  const token = randomToken();
  const sessionId = newId();
  const csrfToken = randomToken(24);
  await inTenant(deps.db.app, user.associationId, async (tx) => {
    await repo.setLoginFailure(tx, user.id, 0, null);
    await repo.insertSession(tx, {
      associationId: user.associationId,
      id: sessionId,
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken,
      expiresAt: new Date(now.getTime() + deps.config.sessionHours * 3600_000),
    });
    await recordAudit(tx, deps, auditActor, { action: 'auth.login', entityType: 'user', entityId: user.id, after: { ip } });
  });
  const actor = await resolveSession(deps, token, ip);
  if (!actor) throw new AppError('INTERNAL');
  return { token, actor };
}

async function toActor(
  deps: Deps,
  base: Omit<Actor, 'assignments' | 'totpSetupRequired'>,
  totp: { policy: { requireTotpForAdmins?: boolean }; enabled: boolean },
): Promise<Actor> {
  const rows = await repo.activeAssignments(deps.db.system, base.associationId, base.userId, todayIn(deps.clock));
  const assignments: ActorAssignment[] = rows
    .filter((r) => r.role in ROLES)
    .map((r) => ({ ...r, role: r.role as RoleCode, permissions: ROLES[r.role as RoleCode].permissions }));
  const actor = { ...base, assignments, totpSetupRequired: false };
  return { ...actor, totpSetupRequired: mustSetUpTotp(actor, totp.policy, totp.enabled) };
}

/** The actor behind a session cookie, or null when the session is unknown or expired. */
export async function resolveSession(deps: Deps, token: string, ip: string | null): Promise<Actor | null> {
  const now = deps.clock.now();
  const s = await repo.findSessionActor(deps.db.system, hashToken(token), now);
  if (!s) return null;
  if (now.getTime() - s.lastSeenAt.getTime() > 60_000) await repo.touchSession(deps.db.system, s.sessionId, now);
  return toActor(deps, {
    userId: s.userId,
    username: s.username,
    displayName: s.displayName,
    associationId: s.associationId,
    associationKind: s.associationKind,
    via: 'session',
    sessionId: s.sessionId,
    csrfToken: s.csrfToken,
    ip,
  }, { policy: s.settings, enabled: s.totpEnabled });
}

/**
 * The actor of an active user outside any request (a background job the user started): their
 * role assignments as of now, so a job never acts with rights the user has since lost.
 */
export async function actorForUser(deps: Deps, associationId: string, userId: string): Promise<Actor | null> {
  const u = await deps.db.system
    .selectFrom('users as u')
    .innerJoin('associations as a', 'a.id', 'u.associationId')
    .select(['u.id', 'u.username', 'u.displayName', 'u.totpEnabled', 'a.kind', 'a.settings'])
    .where('u.associationId', '=', associationId)
    .where('u.id', '=', userId)
    .where('u.status', '=', 'active')
    .executeTakeFirst();
  if (!u) return null;
  return toActor(deps, {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    associationId,
    associationKind: u.kind,
    via: 'session',
    sessionId: null,
    csrfToken: null,
    ip: null,
  }, { policy: u.settings, enabled: u.totpEnabled });
}

/** The actor behind an `Authorization: Bearer hoi_…` API token. */
export async function resolveApiToken(deps: Deps, token: string, ip: string | null): Promise<Actor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const now = deps.clock.now();
  const t = await repo.findTokenActor(deps.db.system, hashToken(token), now);
  if (!t) return null;
  await repo.touchToken(deps.db.system, t.tokenId, now);
  return toActor(deps, {
    userId: t.userId,
    username: t.username,
    displayName: t.displayName,
    associationId: t.associationId,
    associationKind: t.associationKind,
    via: 'token',
    sessionId: null,
    csrfToken: null,
    ip,
  }, { policy: t.settings, enabled: t.totpEnabled });
}

export async function logout(deps: Deps, actor: Actor): Promise<void> {
  if (!actor.sessionId) return;
  await inTenant(deps.db.app, actor.associationId, async (tx) => {
    await repo.deleteSession(tx, actor.sessionId!);
    await recordAudit(tx, deps, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.userId });
  });
}

/** Administrators must enable TOTP once the association's policy requires it. */
export function mustSetUpTotp(actor: Pick<Actor, 'assignments'>, policy: { requireTotpForAdmins?: boolean }, totpEnabled: boolean) {
  return (
    policy.requireTotpForAdmins === true &&
    !totpEnabled &&
    actor.assignments.some((a) => a.role === 'association_admin')
  );
}

export async function getMe(deps: Deps, actor: Actor): Promise<Me> {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const user = await repo.getUserSecrets(tx, actor.userId);
    const assoc = await repo.getAssociation(tx, actor.associationId);
    if (!user || !assoc) throw new AppError('UNAUTHENTICATED');
    const permissions = [...new Set(actor.assignments.flatMap((a) => a.permissions))] as Permission[];
    return {
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        email: user.email,
        phone: user.phone,
        totpEnabled: user.totpEnabled,
      },
      association: { id: assoc.id, code: assoc.code, name: assoc.name, kind: assoc.kind, levelNames: assoc.levelNames },
      assignments: actor.assignments.map((a) => ({
        id: a.id,
        role: a.role,
        unitId: a.unitId,
        unitName: a.unitName,
        unitCode: a.unitCode,
        validFrom: a.validFrom,
        validTo: a.validTo,
      })),
      permissions,
      csrfToken: actor.csrfToken ?? '',
      totpSetupRequired: mustSetUpTotp(actor, assoc.settings, user.totpEnabled),
    };
  });
}

export async function changePassword(
  deps: Deps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const newHash = await hashPassword(input.newPassword);
  await inTenant(deps.db.app, actor.associationId, async (tx) => {
    const user = await repo.getUserSecrets(tx, actor.userId);
    if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw new AppError('PASSWORD_MISMATCH');
    }
    await repo.updateUserSecrets(tx, actor.userId, { passwordHash: newHash });
    await repo.deleteUserSessions(tx, actor.userId, actor.sessionId);
    await recordAudit(tx, deps, actor, { action: 'user.password_changed', entityType: 'user', entityId: actor.userId });
  });
}

/** Starts TOTP enrolment: stores a fresh secret, not yet enabled until a code is confirmed. */
export async function setUpTotp(deps: Deps, actor: Actor) {
  const secret = new Secret({ size: 20 }).base32;
  await inTenant(deps.db.app, actor.associationId, async (tx) => {
    const user = await repo.getUserSecrets(tx, actor.userId);
    if (user?.totpEnabled) throw new AppError('VALIDATION_FAILED', { reason: 'TOTP already enabled' });
    await repo.updateUserSecrets(tx, actor.userId, { totpSecret: secret, totpEnabled: false });
  });
  return { secret, otpauthUrl: totpFor(secret, actor.username).toString() };
}

export async function enableTotp(deps: Deps, actor: Actor, code: string) {
  await inTenant(deps.db.app, actor.associationId, async (tx) => {
    const user = await repo.getUserSecrets(tx, actor.userId);
    if (!user?.totpSecret || !isTotpValid(user.totpSecret, code, deps.clock.now())) throw new AppError('TOTP_INVALID');
    await repo.updateUserSecrets(tx, actor.userId, { totpEnabled: true });
    await recordAudit(tx, deps, actor, { action: 'user.totp_enabled', entityType: 'user', entityId: actor.userId });
  });
}

export async function disableTotp(deps: Deps, actor: Actor, code: string) {
  await inTenant(deps.db.app, actor.associationId, async (tx) => {
    const user = await repo.getUserSecrets(tx, actor.userId);
    if (!user?.totpEnabled || !user.totpSecret || !isTotpValid(user.totpSecret, code, deps.clock.now())) {
      throw new AppError('TOTP_INVALID');
    }
    const assoc = await repo.getAssociation(tx, actor.associationId);
    if (mustSetUpTotp(actor, assoc?.settings ?? {}, false)) throw new AppError('TOTP_SETUP_REQUIRED');
    await repo.updateUserSecrets(tx, actor.userId, { totpEnabled: false, totpSecret: null });
    await recordAudit(tx, deps, actor, { action: 'user.totp_disabled', entityType: 'user', entityId: actor.userId });
  });
}

export async function listApiTokens(deps: Deps, actor: Actor) {
  return inTenant(deps.db.app, actor.associationId, (tx) => repo.listTokens(tx, actor.userId));
}

export async function createApiToken(deps: Deps, actor: Actor, input: { name: string; expiresAt?: string | undefined }) {
  const token = API_TOKEN_PREFIX + randomToken();
  const row = await inTenant(deps.db.app, actor.associationId, async (tx) => {
    const created = await repo.insertToken(tx, {
      associationId: actor.associationId,
      id: newId(),
      userId: actor.userId,
      name: input.name,
      tokenHash: hashToken(token),
      expiresAt: input.expiresAt ? new Date(`${input.expiresAt}T00:00:00+07:00`) : null,
    });
    await recordAudit(tx, deps, actor, { action: 'token.created', entityType: 'api_token', entityId: created.id, after: { name: input.name } });
    return created;
  });
  return { ...row, token };
}

export async function revokeApiToken(deps: Deps, actor: Actor, tokenId: string) {
  await inTenant(deps.db.app, actor.associationId, async (tx) => {
    if (!(await repo.revokeToken(tx, actor.userId, tokenId, deps.clock.now()))) throw new AppError('NOT_FOUND');
    await recordAudit(tx, deps, actor, { action: 'token.revoked', entityType: 'api_token', entityId: tokenId });
  });
}
