/**
 * Invitations to the member portal: an officer creates the member's account (role `member` at the
 * member's unit) and a one-time link; the member sets a password through it, then logs in.
 */
import type { z } from 'zod';
import type {
  InvitationInfoSchema,
  InvitationSchema,
  InviteMemberBodySchema,
} from '@hoi/contracts';
import { inTenant } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, found } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { hashPassword } from '../auth/passwords.js';
import { hashToken, randomToken } from '../auth/tokens.js';
import * as membersRepo from '../members/members.repo.js';
import { loadManageable, recordEvent } from '../members/members.service.js';
import * as usersRepo from '../users/users.repo.js';
import * as repo from './portal.repo.js';

type InviteBody = z.infer<typeof InviteMemberBodySchema>;
type Invitation = z.infer<typeof InvitationSchema>;
type InvitationInfo = z.infer<typeof InvitationInfoSchema>;

export const INVITATION_DAYS = 14;
/** Members who may get an account: current ones (an applicant follows the application). */
const INVITABLE = ['applicant', 'active', 'suspended'];

/** `hv` + the member number, lowercased, with characters a username cannot hold replaced. */
export function defaultUsername(memberNumber: string): string {
  return `hv${memberNumber}`.toLowerCase().replace(/[^a-z0-9._-]/g, '-');
}

/**
 * Usernames are unique platform-wide but member numbers only per association: when `hv<number>`
 * belongs to a member of another association on the same server, the association code is added
 * (`hv<number>.<code>`), so an officer never has to invent one.
 */
async function freeDefaultUsername(deps: Deps, memberNumber: string, associationCode: string) {
  const plain = defaultUsername(memberNumber);
  if (!(await usersRepo.usernameTaken(deps.db.system, plain))) return plain;
  return `${plain}.${associationCode}`.toLowerCase().replace(/[^a-z0-9._-]/g, '-');
}

/**
 * Invites a member: creates the account on the first call (unusable password until accepted),
 * links it to the membership and issues a token valid INVITATION_DAYS days; a later call issues
 * a new token for the same account and ends the earlier ones. The plain token is returned once.
 */
export async function inviteMember(
  deps: Deps,
  actor: Actor,
  memberId: string,
  input: InviteBody,
  baseUrl: string,
): Promise<Invitation> {
  // First look (read-only): whether an account exists and which username a new one would get.
  const first = await inTenant(deps.db.app, actor.associationId, async (tx) => {
    const m = await loadManageable(tx, actor, memberId);
    if (!INVITABLE.includes(m.status))
      throw new AppError('MEMBER_NOT_ACTIVE', { status: m.status });
    const association = await tx
      .selectFrom('associations')
      .select('code')
      .where('id', '=', actor.associationId)
      .executeTakeFirstOrThrow();
    return { userId: m.userId, memberNumber: m.memberNumber, associationCode: association.code };
  });
  // Usernames are unique platform-wide: checked as the owner, outside the tenant transaction.
  const newUsername = first.userId
    ? ''
    : (input.username ??
      (await freeDefaultUsername(deps, first.memberNumber, first.associationCode)));
  if (!first.userId && (await usersRepo.usernameTaken(deps.db.system, newUsername)))
    throw new AppError('DUPLICATE_USERNAME', { username: newUsername });
  const unusable = first.userId ? null : await hashPassword(randomToken(32));
  const token = randomToken();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);

  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const m = await loadManageable(tx, actor, memberId);
    if (m.userId !== first.userId)
      throw new AppError('STALE_VERSION', { currentVersion: m.version });
    let userId = m.userId;
    let username: string;
    if (userId) {
      username = found(await repo.findUsername(tx, userId)).username;
      await repo.expireInvitationsOf(tx, userId, now);
    } else {
      userId = newId();
      username = newUsername;
      await usersRepo.insertUser(tx, {
        associationId: actor.associationId,
        id: userId,
        username,
        displayName: m.fullName,
        email: null,
        phone: null,
        passwordHash: unusable!,
      });
      await usersRepo.insertAssignment(tx, {
        associationId: actor.associationId,
        id: newId(),
        userId,
        role: 'member',
        unitId: m.unitId,
        validFrom: todayIn(deps.clock),
        validTo: null,
      });
      await membersRepo.updateMembership(tx, m.id, { userId });
    }
    await repo.insertInvitation(tx, {
      associationId: actor.associationId,
      id: newId(),
      membershipId: m.id,
      userId,
      tokenHash: hashToken(token),
      expiresAt,
    });
    await recordEvent(tx, actor, {
      membershipId: m.id,
      kind: 'invited',
      effectiveDate: todayIn(deps.clock),
      unitId: m.unitId,
      details: { username, reissued: first.userId !== null },
    });
    await recordAudit(tx, deps, actor, {
      action: 'member.invite',
      entityType: 'member',
      entityId: m.id,
      unitId: m.unitId,
      after: {
        username,
        userId,
        expiresAt: expiresAt.toISOString(),
        reissued: first.userId !== null,
      },
    });
    return {
      memberId: m.id,
      username,
      token,
      url: `${baseUrl}/invite/${token}`,
      expiresAt: expiresAt.toISOString(),
    };
  });
}

/** Resolves a token to its invitation, refusing unknown, used and expired ones alike. */
async function openInvitation(deps: Deps, token: string) {
  const hit = await repo.tenantOfInvitation(deps.db.system, hashToken(token));
  if (!hit) throw new AppError('INVITATION_INVALID');
  return hit;
}

function assertUsable(inv: { usedAt: Date | null; expiresAt: Date }, now: Date) {
  if (inv.usedAt || inv.expiresAt <= now) throw new AppError('INVITATION_INVALID');
}

/** What the invitation page shows before the member chooses a password. */
export async function invitationInfo(deps: Deps, token: string): Promise<InvitationInfo> {
  const hit = await openInvitation(deps, token);
  return inTenant(deps.db.app, hit.associationId, async (tx) => {
    const inv = found(await repo.findInvitation(tx, hit.id));
    assertUsable(inv, deps.clock.now());
    return {
      username: inv.username,
      fullName: inv.fullName,
      associationName: inv.associationName,
      expiresAt: inv.expiresAt.toISOString(),
    };
  });
}

/** Sets the account's password from a valid invitation and uses the invitation up. */
export async function acceptInvitation(
  deps: Deps,
  input: { token: string; password: string },
): Promise<void> {
  const hit = await openInvitation(deps, input.token);
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  await inTenant(deps.db.app, hit.associationId, async (tx) => {
    const inv = found(await repo.findInvitation(tx, hit.id, { lock: true }));
    assertUsable(inv, now);
    await usersRepo.updateUser(tx, inv.userId, {
      passwordHash,
      failedAttempts: 0,
      lockedUntil: null,
    });
    await repo.markInvitationUsed(tx, inv.id, now);
    await repo.expireInvitationsOf(tx, inv.userId, now);
    // Whoever held a session of this account before the password was set holds it no longer.
    await usersRepo.deleteSessionsOf(tx, inv.userId);
    await recordAudit(
      tx,
      deps,
      {
        associationId: hit.associationId,
        userId: inv.userId,
        displayName: inv.displayName,
        username: inv.username,
      },
      {
        action: 'member.invitation.accept',
        entityType: 'member',
        entityId: inv.membershipId,
        unitId: inv.unitId,
        after: { username: inv.username },
      },
    );
  });
}
