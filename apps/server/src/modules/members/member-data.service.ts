/**
 * A member's protected data and documents: sensitive personal data (read audited), consents per
 * purpose, the photo, the printable card and its public verification.
 */
import {
  CONSENT_PURPOSES,
  MEMBER_CATEGORY_NAMES,
  MEMBER_STATUS_NAMES,
  type ConsentPurpose,
  type MemberStatus,
} from '@hoi/contracts';
import type { z } from 'zod';
import type {
  CardVerificationSchema,
  ConsentSchema,
  SensitiveDataOutSchema,
  SensitiveDataSchema,
  SetConsentsBodySchema,
} from '@hoi/contracts';
import { inTenant, type Tx } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, found } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { imageInfo, renderCardPdf, renderCardPng, type CardData } from './card/render.js';
import * as repo from './member-data.repo.js';
import { assertCanReadSensitive } from './members.policy.js';
import * as membersRepo from './members.repo.js';
import { loadManageable, loadVisible, recordEvent } from './members.service.js';

type SensitiveInput = z.infer<typeof SensitiveDataSchema>;
type SensitiveOut = z.infer<typeof SensitiveDataOutSchema>;
type Consent = z.infer<typeof ConsentSchema>;
type SetConsentsBody = z.infer<typeof SetConsentsBodySchema>;
type CardVerification = z.infer<typeof CardVerificationSchema>;
type Membership = membersRepo.MembershipRow;

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
export type CardFormat = 'pdf' | 'png';
/** Statuses a card is issued for: a suspended member is still a member. */
const CARD_STATUSES: readonly MemberStatus[] = ['active', 'suspended'];

const SENSITIVE_FIELDS = [
  'ethnicityCode',
  'religionCode',
  'partyMember',
  'partyJoinedOn',
  'healthNotes',
] as const;

function presentSensitive(row: repo.SensitiveRow | undefined): SensitiveOut {
  return {
    ethnicityCode: row?.ethnicityCode ?? null,
    religionCode: row?.religionCode ?? null,
    partyMember: row?.partyMember ?? null,
    partyJoinedOn: row?.partyJoinedOn ?? null,
    healthNotes: row?.healthNotes ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

/**
 * Reads a member's protected personal data. Every read leaves an audit entry naming who read
 * whose data — never the values.
 */
export async function getSensitive(deps: Deps, actor: Actor, id: string): Promise<SensitiveOut> {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const m = await loadVisible(tx, actor, id);
    assertCanReadSensitive(actor, m);
    const row = await repo.findSensitive(tx, id);
    await recordAudit(tx, deps, actor, {
      action: 'member.sensitive.read',
      entityType: 'member',
      entityId: id,
      unitId: m.unitId,
    });
    return presentSensitive(row);
  });
}

/**
 * Records protected personal data; fields left out keep their value, `null` clears one. The audit
 * entry and the timeline name the changed fields only.
 */
export async function setSensitive(
  deps: Deps,
  actor: Actor,
  id: string,
  input: SensitiveInput,
): Promise<SensitiveOut> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const m = await loadManageable(tx, actor, id);
    assertCanReadSensitive(actor, m);
    const current = presentSensitive(await repo.findSensitive(tx, id));
    const next = { ...current };
    const changed: string[] = [];
    for (const key of SENSITIVE_FIELDS) {
      const value = input[key];
      if (value === undefined || value === current[key]) continue;
      (next as Record<string, unknown>)[key] = value;
      changed.push(key);
    }
    if (changed.length) {
      await repo.upsertSensitive(tx, {
        associationId: actor.associationId,
        membershipId: id,
        ethnicityCode: next.ethnicityCode,
        religionCode: next.religionCode,
        partyMember: next.partyMember,
        partyJoinedOn: next.partyJoinedOn,
        healthNotes: next.healthNotes,
        updatedBy: actor.displayName,
      });
      await recordEvent(tx, actor, {
        membershipId: id,
        kind: 'sensitive_updated',
        effectiveDate: today,
        unitId: m.unitId,
        details: { fields: changed },
      });
      await recordAudit(tx, deps, actor, {
        action: 'member.sensitive.update',
        entityType: 'member',
        entityId: id,
        unitId: m.unitId,
        after: { fields: changed },
      });
    }
    return presentSensitive(await repo.findSensitive(tx, id));
  });
}

/** Every purpose with the consent in force, or `granted: null` where the member was never asked. */
export async function consentsOf(tx: Tx, membershipId: string): Promise<Consent[]> {
  const latest = new Map((await repo.latestConsents(tx, membershipId)).map((r) => [r.purpose, r]));
  return CONSENT_PURPOSES.map((purpose) => {
    const r = latest.get(purpose);
    return {
      purpose,
      granted: r?.granted ?? null,
      recordedAt: r?.recordedAt.toISOString() ?? null,
      source: r?.source ?? null,
    };
  });
}

/**
 * Appends the stated consents (a withdrawal is a new row with `granted: false`), with the
 * timeline event and the audit entry, inside the caller's transaction.
 */
export async function recordConsents(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  m: Pick<Membership, 'id' | 'unitId'>,
  input: SetConsentsBody,
  source: 'member' | 'officer',
): Promise<Consent[]> {
  const purposes = input.consents.map((c) => c.purpose);
  if (new Set(purposes).size !== purposes.length) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [
        { path: ['body', 'consents'], message: 'Mỗi mục đích chỉ một lần / each purpose once' },
      ],
    });
  }
  const evidence = input.evidence ?? null;
  await repo.insertConsents(
    tx,
    input.consents.map((c) => ({
      associationId: actor.associationId,
      membershipId: m.id,
      purpose: c.purpose,
      granted: c.granted,
      source,
      evidence,
      recordedBy: actor.displayName,
    })),
  );
  const changes = input.consents.map((c) => ({ purpose: c.purpose, granted: c.granted }));
  await recordEvent(tx, actor, {
    membershipId: m.id,
    kind: 'consent_changed',
    effectiveDate: todayIn(deps.clock),
    unitId: m.unitId,
    details: { source, changes },
  });
  await recordAudit(tx, deps, actor, {
    action: 'member.consent.update',
    entityType: 'member',
    entityId: m.id,
    unitId: m.unitId,
    after: { source, evidence, changes },
  });
  return consentsOf(tx, m.id);
}

export async function getConsents(deps: Deps, actor: Actor, id: string): Promise<Consent[]> {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    await loadVisible(tx, actor, id);
    return consentsOf(tx, id);
  });
}

/** Consents recorded by an officer (from a signed form: `evidence` says which). */
export async function setConsents(
  deps: Deps,
  actor: Actor,
  id: string,
  input: SetConsentsBody,
): Promise<Consent[]> {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const m = await loadManageable(tx, actor, id);
    return recordConsents(tx, deps, actor, m, input, 'officer');
  });
}

/** Checks an uploaded photo by its bytes: a PNG or JPEG whose format matches the declared type. */
export function checkPhoto(
  body: unknown,
  declared: string | undefined,
): { mime: PhotoType; bytes: Buffer } {
  const mime = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  if (!Buffer.isBuffer(body) || !(PHOTO_TYPES as readonly string[]).includes(mime))
    throw new AppError('PHOTO_INVALID', { reason: 'type', allowed: PHOTO_TYPES });
  if (body.length > PHOTO_MAX_BYTES)
    throw new AppError('PHOTO_INVALID', { reason: 'too_large', maxBytes: PHOTO_MAX_BYTES });
  const info = imageInfo(body);
  if (!info || info.mime !== mime) throw new AppError('PHOTO_INVALID', { reason: 'content' });
  return { mime: info.mime, bytes: body };
}

export async function setPhoto(
  deps: Deps,
  actor: Actor,
  id: string,
  photo: { mime: PhotoType; bytes: Buffer },
): Promise<void> {
  await inTenant(deps.db.app, actor.associationId, async (tx) => {
    const m = await loadManageable(tx, actor, id);
    await repo.upsertPhoto(tx, {
      associationId: actor.associationId,
      membershipId: id,
      mime: photo.mime,
      bytes: photo.bytes,
    });
    // `hasPhoto` is part of the record: a new version (and ETag) tells clients to reload it.
    await membersRepo.updateMembership(tx, id, {});
    await recordEvent(tx, actor, {
      membershipId: id,
      kind: 'photo_changed',
      effectiveDate: todayIn(deps.clock),
      unitId: m.unitId,
    });
    await recordAudit(tx, deps, actor, {
      action: 'member.photo.update',
      entityType: 'member',
      entityId: id,
      unitId: m.unitId,
      after: { mime: photo.mime, bytes: photo.bytes.length },
    });
  });
}

export async function getPhoto(deps: Deps, actor: Actor, id: string) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    await loadVisible(tx, actor, id);
    const p = found(await repo.findPhoto(tx, id));
    return { mime: p.mime, bytes: Buffer.from(p.bytes) };
  });
}

/**
 * What the card shows, read inside the caller's transaction. The photo is printed only while the
 * member's consent for `photo_on_card` is granted: never asked is not consent (Law 91/2025 Art. 9).
 */
export async function cardDataOf(tx: Tx, m: Membership, baseUrl: string): Promise<CardData> {
  if (!CARD_STATUSES.includes(m.status))
    throw new AppError('MEMBER_NOT_ACTIVE', { status: m.status });
  const consents = await consentsOf(tx, m.id);
  const photoAllowed = consents.some(
    (c) => c.purpose === ('photo_on_card' satisfies ConsentPurpose) && c.granted === true,
  );
  const photo = photoAllowed ? await repo.findPhoto(tx, m.id) : undefined;
  const units = await membersRepo.unitNames(tx, [m.unitId]);
  return {
    associationName: await repo.associationName(tx, m.associationId),
    fullName: m.fullName,
    memberNumber: m.memberNumber,
    unitName: units.get(m.unitId)?.name ?? '',
    categoryLabel: MEMBER_CATEGORY_NAMES[m.category].vi,
    joinedOn: m.joinedOn,
    birthDate: m.birthDate,
    photo: photo ? { mime: photo.mime as PhotoType, bytes: photo.bytes } : null,
    verifyUrl: `${baseUrl}/verify/${m.cardToken}`,
  };
}

/** A rendered card file, named after the member number. */
export async function renderCard(data: CardData, format: CardFormat) {
  const bytes = format === 'pdf' ? await renderCardPdf(data) : await renderCardPng(data);
  const safeNumber = data.memberNumber.replace(/[^A-Za-z0-9._-]/g, '-');
  return {
    bytes,
    contentType: format === 'pdf' ? 'application/pdf' : 'image/png',
    fileName: `the-hoi-vien-${safeNumber}.${format}`,
  };
}

/** The card of a member the actor may read. The data is read first; rendering needs no transaction. */
export async function memberCard(
  deps: Deps,
  actor: Actor,
  id: string,
  format: CardFormat,
  baseUrl: string,
) {
  const data = await inTenant(deps.db.app, actor.associationId, async (tx) =>
    cardDataOf(tx, await loadVisible(tx, actor, id), baseUrl),
  );
  return renderCard(data, format);
}

/**
 * The public check of a card's QR code: name, association, unit and status only. The token is
 * resolved to its association (as the owner) before the tenant transaction opens.
 */
export async function verifyCard(deps: Deps, token: string): Promise<CardVerification> {
  const hit = found(await repo.tenantOfCardToken(deps.db.system, token));
  return inTenant(deps.db.app, hit.associationId, async (tx) => {
    const r = found(await repo.cardVerification(tx, hit.id));
    return {
      fullName: r.fullName,
      associationName: r.associationName,
      unitName: r.unitName,
      status: r.status,
      statusName: MEMBER_STATUS_NAMES[r.status],
    };
  });
}
