/**
 * The sealed side of a case: reading the denouncer's identity (clearance, audited), emergency
 * access (written reason, administrators notified), clearances, verifiers (who never see the
 * identity) and attachments (identity-bearing scans are sealed like the identity).
 */
import { ROLES, type RoleCode } from '@hoi/contracts';
import { inTenant, type Tx } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, found } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../notifications/notifications.service.js';
import * as usersRepo from '../users/users.repo.js';
import { act, audit, caseEvent, loadHandled } from './cases.service.js';
import { assertNotVerifier } from './cases.policy.js';
import * as repo from './cases.repo.js';
import { sealAad as aad, sealedPartiesOf } from './sealed-parties.js';
import { seal, sealKey, unseal } from './sealed.js';

export async function isVerifier(tx: Tx, caseId: string, userId: string) {
  return (await repo.verifiersOf(tx, caseId)).some((v) => v.id === userId);
}

/** The identity, for a cleared handler; every read is audited (without values). */
export async function readSealed(deps: Deps, actor: Actor, id: string) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const c = await loadHandled(tx, actor, id);
    assertNotVerifier(await isVerifier(tx, id, actor.userId));
    if (actor.via !== 'cli' && !(await repo.clearanceOf(tx, id, actor.userId))) {
      throw new AppError('CASE_CLEARANCE_REQUIRED');
    }
    const parties = await sealedPartiesOf(tx, deps, c);
    await audit(tx, deps, actor, c, 'sealed.read', {
      roles: parties.map((p) => p.role),
    });
    await caseEvent(tx, deps, actor, c, 'sealed_read');
    return { parties, emergency: false };
  });
}

/** Break-glass access: a written reason, an audit entry and a notice to every administrator. */
export async function emergencyRead(deps: Deps, actor: Actor, id: string, reason: string) {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const c = await loadHandled(tx, actor, id);
    assertNotVerifier(await isVerifier(tx, id, actor.userId));
    const parties = await sealedPartiesOf(tx, deps, c);
    await repo.insertClearance(tx, {
      associationId: c.associationId,
      id: newId(),
      caseId: id,
      userId: actor.userId,
      kind: 'emergency',
      reason,
      grantedBy: null,
    });
    await audit(tx, deps, actor, c, 'sealed.emergency', {
      reason,
      roles: parties.map((p) => p.role),
    });
    await caseEvent(tx, deps, actor, c, 'sealed_emergency', reason);
    const admins = await adminsOf(tx, today);
    await notify(tx, deps, admins, {
      kind: 'case.sealed.emergency',
      title: `Truy cập khẩn cấp thông tin niêm phong vụ việc ${c.number} bởi ${actor.displayName}`,
      titleEn: `Emergency access to the sealed identity of case ${c.number} by ${actor.displayName}`,
      body: reason,
      link: `/cases/${id}`,
    });
    return { parties, emergency: true };
  });
}

/** Users holding the association-administrator role today (they hear of emergency access). */
async function adminsOf(tx: Tx, today: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('roleAssignments')
    .select('userId')
    .distinct()
    .where('role', '=', 'association_admin')
    .where('validFrom', '<=', today)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>', today)]))
    .execute();
  return rows.map((r) => r.userId);
}

/** Does the user hold case.manage over the unit at `path` today? */
async function userHandles(tx: Tx, userId: string, path: string, today: string) {
  const assignments = await usersRepo.assignmentsOf(tx, [userId], today);
  return assignments.some(
    (a) =>
      a.validFrom <= today &&
      ROLES[a.role as RoleCode]?.permissions.includes('case.manage') &&
      (path === a.unitPath || path.startsWith(`${a.unitPath}.`)),
  );
}

/**
 * Who may handle the case (case.manage over its unit): for the verifier picker and clearance
 * grants, with whether each is cleared, a verifier, or has ever seen the identity.
 */
export async function listHandlers(deps: Deps, actor: Actor, id: string) {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const c = await loadHandled(tx, actor, id);
    const roles = Object.entries(ROLES)
      .filter(([, r]) => r.permissions.includes('case.manage'))
      .map(([code]) => code);
    const [users, verifiers] = await Promise.all([
      repo.handlersOf(tx, c.unitPath, roles, today),
      repo.verifiersOf(tx, id),
    ]);
    const items = [];
    for (const u of users) {
      items.push({
        id: u.id,
        name: u.name,
        unitName: u.unitName,
        cleared: (await repo.clearanceOf(tx, id, u.id)) !== undefined,
        verifier: verifiers.some((v) => v.id === u.id),
        seenIdentity: await repo.hasSeenIdentity(tx, id, u.id),
      });
    }
    return { items: items.sort((a, b) => a.name.localeCompare(b.name, 'vi')) };
  });
}

/** A cleared handler hands clearance to another handler of the unit who is not a verifier. */
export async function grantClearance(deps: Deps, actor: Actor, id: string, userId: string) {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const c = await loadHandled(tx, actor, id, { lock: true });
    if (actor.via !== 'cli' && !(await repo.clearanceOf(tx, id, actor.userId))) {
      // A case recorded by the system (online, CLI) has no cleared handler yet: a handler of
      // the unit takes the first clearance for themselves, as if receiving the letter.
      const first = userId === actor.userId && !(await repo.anyClearance(tx, id));
      if (!first) throw new AppError('CASE_CLEARANCE_REQUIRED');
    }
    found(await usersRepo.findUser(tx, userId));
    if (!(await userHandles(tx, userId, c.unitPath, today)))
      throw new AppError('FORBIDDEN', { reason: 'not_a_handler' });
    assertNotVerifier(await isVerifier(tx, id, userId));
    if (!(await repo.clearanceOf(tx, id, userId))) {
      await repo.insertClearance(tx, {
        associationId: c.associationId,
        id: newId(),
        caseId: id,
        userId,
        kind: 'granted',
        reason: null,
        grantedBy: actor.userId,
      });
    }
    await audit(tx, deps, actor, c, 'clearance.grant', { userId });
    await caseEvent(tx, deps, actor, c, 'clearance_granted');
    return { ok: true as const };
  });
}

export async function revokeClearance(deps: Deps, actor: Actor, id: string, userId: string) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const c = await loadHandled(tx, actor, id, { lock: true });
    if (actor.via !== 'cli' && !(await repo.clearanceOf(tx, id, actor.userId))) {
      throw new AppError('CASE_CLEARANCE_REQUIRED');
    }
    await repo.revokeClearances(tx, id, userId);
    await audit(tx, deps, actor, c, 'clearance.revoke', { userId });
    await caseEvent(tx, deps, actor, c, 'clearance_revoked');
    return { ok: true as const };
  });
}

/** Assigns a verifier: a handler of the unit without clearance (verifiers work on the redacted file). */
export function assignVerifier(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number | undefined,
  userId: string,
) {
  const today = todayIn(deps.clock);
  return act(deps, actor, id, version, 'assignVerifier', async (tx, c) => {
    const user = found(await usersRepo.findUser(tx, userId));
    if (!(await userHandles(tx, userId, c.unitPath, today)))
      throw new AppError('FORBIDDEN', { reason: 'not_a_handler' });
    // Anyone who has seen the identity (cleared, emergency, even revoked) cannot verify (Art. 56).
    if (await repo.hasSeenIdentity(tx, id, userId))
      throw new AppError('CASE_SEALED_VERIFIER', { reason: 'holds_clearance' });
    await repo.insertVerifier(tx, {
      associationId: c.associationId,
      caseId: id,
      userId,
      assignedBy: actor.via === 'cli' ? null : actor.userId,
    });
    await repo.updateCase(tx, id, { status: 'verifying' });
    return { note: user.displayName, audit: { verifier: userId } };
  });
}

const MAX_ATTACHMENT = 10 * 1024 * 1024;

export async function addAttachment(
  deps: Deps,
  actor: Actor,
  id: string,
  file: { name: string; mime: string; body: Buffer; identityBearing: boolean },
) {
  if (file.body.length === 0 || file.body.length > MAX_ATTACHMENT) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: ['body'], message: 'Tệp rỗng hoặc quá 10 MB / empty or over 10 MB' }],
    });
  }
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const c = await loadHandled(tx, actor, id, { lock: true });
    const rowId = newId();
    const sealed = file.identityBearing
      ? seal(sealKey(deps.config), file.body, aad(c.associationId, id, rowId))
      : null;
    await repo.insertAttachment(tx, {
      associationId: c.associationId,
      id: rowId,
      caseId: id,
      name: file.name,
      mime: file.mime,
      size: file.body.length,
      identityBearing: file.identityBearing,
      keyId: sealed?.keyId ?? null,
      iv: sealed?.iv ?? null,
      tag: sealed?.tag ?? null,
      body: sealed?.ciphertext ?? file.body,
      createdBy: actor.via === 'cli' ? null : actor.userId,
    });
    await audit(tx, deps, actor, c, 'attachment.add', {
      attachmentId: rowId,
      identityBearing: file.identityBearing,
      size: file.body.length,
    });
    await caseEvent(
      tx,
      deps,
      actor,
      c,
      'attachment_added',
      file.identityBearing ? null : file.name,
    );
    return {
      id: rowId,
      name: file.name,
      size: file.body.length,
      identityBearing: file.identityBearing,
    };
  });
}

/** An attachment's bytes; an identity-bearing scan needs clearance (and is audited) like the identity. */
export async function readAttachment(deps: Deps, actor: Actor, id: string, attachmentId: string) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const c = await loadHandled(tx, actor, id);
    const a = found(await repo.findAttachment(tx, id, attachmentId));
    if (!a.identityBearing) return { name: a.name, mime: a.mime, body: Buffer.from(a.body) };
    assertNotVerifier(await isVerifier(tx, id, actor.userId));
    if (actor.via !== 'cli' && !(await repo.clearanceOf(tx, id, actor.userId)))
      throw new AppError('CASE_CLEARANCE_REQUIRED');
    const body = unseal(
      sealKey(deps.config),
      { keyId: a.keyId!, iv: a.iv!, tag: a.tag!, ciphertext: a.body },
      aad(c.associationId, id, a.id),
    );
    await audit(tx, deps, actor, c, 'sealed.read', { attachmentId: a.id });
    return { name: a.name, mime: a.mime, body };
  });
}
