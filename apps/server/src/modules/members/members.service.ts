import crypto from 'node:crypto';
import {
  checkPersonalId,
  MEMBER_ACTIONS,
  vietnameseNameSortKey,
  type CreateMemberBody,
  type Member,
  type MemberStatus,
  type PersonInput,
} from '@hoi/contracts';
import type { z } from 'zod';
import type { TransitionBodySchema, UpdateMemberBodySchema } from '@hoi/contracts';
import { inTenant, type Tx } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/authorize.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, found } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { refreshDuesPaidThrough } from '../dues/dues.service.js';
import * as unitsRepo from '../units/units.repo.js';
import { assertCanManageMember, assertCanSeeMember } from './members.policy.js';
import { presentMember, presentPerson } from './members.presenter.js';
import * as repo from './members.repo.js';
import { earliestDateOf, memberSettings, yearOf, type MemberSettings } from './members.rules.js';

type TransitionBody = z.infer<typeof TransitionBodySchema>;
type UpdateMemberBody = z.infer<typeof UpdateMemberBodySchema>;

export async function settingsOf(tx: Tx, associationId: string): Promise<MemberSettings> {
  const row = await tx
    .selectFrom('associations')
    .select('settings')
    .where('id', '=', associationId)
    .executeTakeFirst();
  return memberSettings(row?.settings);
}

/** Loads a member the actor may see (404 otherwise, so existence never leaks). */
export async function loadVisible(tx: Tx, actor: Actor, id: string, opts: { lock?: boolean } = {}) {
  const m = found(await repo.findMembership(tx, id, opts));
  assertCanSeeMember(actor, m);
  return m;
}

/** Loads a member the actor may change, locked for the rest of the transaction. */
export async function loadManageable(tx: Tx, actor: Actor, id: string, expectedVersion?: number) {
  const m = found(await repo.findMembership(tx, id, { lock: true }));
  assertCanManageMember(actor, m);
  if (expectedVersion !== undefined && m.version !== expectedVersion)
    throw new AppError('STALE_VERSION', { currentVersion: m.version });
  return m;
}

/** Dates of a member's change: not in the future, not before the latest change or birth. */
export function assertMemberDate(
  date: string,
  today: string,
  m: { lastEventDate: string | null; birthDate: string | null },
) {
  if (date > today) throw new AppError('MEMBER_DATE_INVALID', { date, reason: 'future' });
  if (m.lastEventDate && date < m.lastEventDate)
    throw new AppError('MEMBER_DATE_INVALID', {
      date,
      reason: 'before_latest_change',
      latest: m.lastEventDate,
    });
  if (m.birthDate && date < earliestDateOf(m.birthDate))
    throw new AppError('MEMBER_DATE_INVALID', { date, reason: 'before_birth' });
}

/**
 * Moves a membership to a new state from `date` on: updates the row and closes the open period,
 * opening a new one (or amending the open one when it starts the same day). The one primitive
 * every status change, category change and accepted transfer goes through.
 */
export async function applyChange(
  tx: Tx,
  m: {
    associationId: string;
    id: string;
    personId: string;
    unitId: string;
    status: string;
    category: string;
    gender: string | null;
  },
  change: {
    status?: MemberStatus;
    unitId?: string;
    category?: 'official' | 'associate' | 'honorary';
  },
  date: string,
  extra: Parameters<typeof repo.updateMembership>[2] = {},
) {
  const next = {
    unitId: change.unitId ?? m.unitId,
    status: change.status ?? m.status,
    category: change.category ?? m.category,
  };
  const open = await repo.openPeriod(tx, m.id);
  if (open && open.validFrom === date) {
    await repo.updatePeriod(tx, open.id, next);
  } else {
    if (open) await repo.updatePeriod(tx, open.id, { validTo: date });
    await repo.insertPeriod(tx, {
      associationId: m.associationId,
      membershipId: m.id,
      personId: m.personId,
      gender: m.gender,
      validFrom: date,
      ...next,
    });
  }
  await repo.updateMembership(tx, m.id, {
    unitId: next.unitId,
    status: next.status as MemberStatus,
    category: next.category as 'official',
    lastEventDate: date,
    ...extra,
  });
}

/** Appends one event to the member's timeline. */
export async function recordEvent(
  tx: Tx,
  actor: Pick<Actor, 'associationId' | 'userId' | 'displayName'>,
  e: {
    membershipId: string;
    kind: string;
    effectiveDate: string;
    unitId?: string | null;
    decision?: { number: string; date: string; signer: string } | null;
    reason?: string | null;
    details?: Record<string, unknown> | null;
  },
) {
  await repo.insertEvent(tx, {
    associationId: actor.associationId,
    id: newId(),
    membershipId: e.membershipId,
    kind: e.kind,
    effectiveDate: e.effectiveDate,
    actorUserId: actor.userId,
    actorName: actor.displayName,
    unitId: e.unitId ?? null,
    decisionNumber: e.decision?.number ?? null,
    decisionDate: e.decision?.date ?? null,
    decisionSigner: e.decision?.signer ?? null,
    reason: e.reason ?? null,
    details: e.details ? JSON.stringify(e.details) : null,
  });
}

/** ID-number warnings (century/sex digit vs entered birth year and sex), as codes. */
function idWarnings(p: {
  idNumber?: string | null;
  birthDate?: string | null;
  gender?: 'male' | 'female' | null;
}): string[] {
  if (!p.idNumber) return [];
  const r = checkPersonalId(p.idNumber, {
    birthYear: yearOf(p.birthDate),
    gender: p.gender ?? null,
  });
  if (!r.ok) throw new AppError('INVALID_ID_NUMBER', { reason: r.error });
  return r.warnings.map((w) => `id_number.${w}`);
}

function personColumns(p: PersonInput) {
  return {
    fullName: p.fullName,
    birthDate: p.birthDate ?? null,
    birthYear: yearOf(p.birthDate),
    gender: p.gender ?? null,
    idNumber: p.idNumber ?? null,
    legacyIdNumber: p.legacyIdNumber ?? null,
    phone: p.phone ?? null,
    email: p.email ?? null,
    provinceCode: p.address?.provinceCode ?? null,
    communeCode: p.address?.communeCode ?? null,
    addressDetail: p.address?.detail ?? null,
    addressLegacy: p.address?.legacyText ?? null,
  };
}

async function assertAdminUnits(tx: Tx, address: PersonInput['address']) {
  const codes = [address?.provinceCode, address?.communeCode].filter((c): c is string => !!c);
  if (codes.length === 0) return;
  const known = await repo.adminUnitNames(tx, codes);
  const missing = codes.filter((c) => !known.has(c));
  if (missing.length) throw new AppError('ADMIN_UNIT_UNKNOWN', { codes: missing });
}

export async function getMember(deps: Deps, actor: Actor, id: string): Promise<Member> {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const m = await loadVisible(tx, actor, id);
    return presentMember(tx, deps, actor, m);
  });
}

export async function createMember(
  deps: Deps,
  actor: Actor,
  input: CreateMemberBody,
): Promise<Member> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const unit = found(await unitsRepo.findUnit(tx, input.unitId));
    authorize(actor, 'member.manage', unit);
    if (unit.status !== 'active') throw new AppError('UNIT_INACTIVE');
    const p = input.person;
    const warnings = idWarnings(p);
    if (warnings.length && !input.acknowledgeWarnings)
      throw new AppError('ID_NUMBER_WARNING', { warnings });
    await assertAdminUnits(tx, p.address);

    const appliedOn = input.appliedOn ?? input.admission?.date ?? today;
    const birth = { lastEventDate: null, birthDate: p.birthDate ?? null };
    assertMemberDate(appliedOn, today, birth);
    if (input.admission) {
      assertMemberDate(input.admission.date, today, { ...birth, lastEventDate: appliedOn });
    }
    let admittingUnit = unit;
    if (input.admission?.unitId && input.admission.unitId !== unit.id) {
      admittingUnit = found(await unitsRepo.findUnit(tx, input.admission.unitId));
      authorize(actor, 'member.read', admittingUnit);
    }

    // One person platform-wide per personal ID: link, never duplicate.
    let personId = p.idNumber ? await repo.personIdByIdNumber(tx, p.idNumber) : null;
    const linked = personId !== null;
    if (personId) {
      const current = await repo.currentMembershipOf(tx, personId);
      if (current)
        throw new AppError('MEMBER_ALREADY_ACTIVE', {
          memberId: current.id,
          memberNumber: current.memberNumber,
        });
      // Memberships of one person in one association never overlap in time.
      const earlier = (await repo.membershipsOfPerson(tx, personId)).filter(
        (m) => m.endedOn && m.endedOn > appliedOn,
      );
      if (earlier.length)
        throw new AppError('MEMBER_DATE_INVALID', {
          date: appliedOn,
          reason: 'overlaps_previous_membership',
          latest: earlier[0]!.endedOn,
        });
    } else {
      personId = newId();
      await repo.insertPerson(tx, { id: personId, ...personColumns(p) });
    }

    let memberNumber = input.memberNumber;
    if (memberNumber) {
      if (await repo.memberNumberTaken(tx, memberNumber))
        throw new AppError('DUPLICATE_MEMBER_NUMBER', { memberNumber });
    } else {
      do
        memberNumber = String(await repo.nextMemberNumber(tx, actor.associationId)).padStart(
          7,
          '0',
        );
      while (await repo.memberNumberTaken(tx, memberNumber));
    }

    const id = newId();
    const admitted = input.admission;
    const status: MemberStatus = admitted ? 'active' : 'applicant';
    const cols = personColumns(p);
    const inserted = await repo.insertMembership(tx, {
      associationId: actor.associationId,
      id,
      personId,
      memberNumber,
      unitId: unit.id,
      category: input.category,
      status,
      appliedOn,
      joinedOn: admitted?.date ?? null,
      endedOn: null,
      admissionNumber: admitted?.number ?? null,
      admissionDate: admitted?.date ?? null,
      admissionSigner: admitted?.signer ?? null,
      admissionUnitId: admitted ? admittingUnit.id : null,
      notes: input.notes ?? null,
      warnings,
      fullName: cols.fullName,
      sortKey: vietnameseNameSortKey(cols.fullName),
      gender: cols.gender,
      birthYear: cols.birthYear,
      birthDate: cols.birthDate,
      phone: cols.phone,
      idNumber: cols.idNumber,
      transitToUnitId: null,
      duesPaidThrough: null,
      userId: null,
      cardToken: crypto.randomBytes(18).toString('base64url'),
      lastEventDate: admitted?.date ?? appliedOn,
    });
    if (linked) {
      // The shared identity stays as recorded; this association's copy follows it.
      const person = found(await repo.findPerson(tx, personId));
      await repo.syncPerson(tx, personId, vietnameseNameSortKey(person.fullName));
    }
    const gender = linked ? ((await repo.findPerson(tx, personId))?.gender ?? null) : cols.gender;
    const base = {
      associationId: actor.associationId,
      membershipId: id,
      personId,
      unitId: unit.id,
      category: input.category,
      gender,
    };
    const applicantPeriod = !admitted || appliedOn < admitted.date;
    if (applicantPeriod) {
      await repo.insertPeriod(tx, { ...base, status: 'applicant', validFrom: appliedOn });
    }
    await recordEvent(tx, actor, {
      membershipId: id,
      kind: 'applied',
      effectiveDate: appliedOn,
      unitId: unit.id,
      details: linked ? { linkedPerson: true } : null,
    });
    if (admitted) {
      if (applicantPeriod) {
        const open = await repo.openPeriod(tx, id);
        if (open) await repo.updatePeriod(tx, open.id, { validTo: admitted.date });
      }
      await repo.insertPeriod(tx, { ...base, status: 'active', validFrom: admitted.date });
      await recordEvent(tx, actor, {
        membershipId: id,
        kind: 'admitted',
        effectiveDate: admitted.date,
        unitId: admittingUnit.id,
        decision: admitted,
      });
    }
    await recordAudit(tx, deps, actor, {
      action: admitted ? 'member.admit' : 'member.apply',
      entityType: 'member',
      entityId: id,
      unitId: unit.id,
      after: {
        memberNumber,
        fullName: cols.fullName,
        unitCode: unit.code,
        status,
        category: input.category,
        linkedPerson: linked,
        warnings,
      },
    });
    // Nothing after the insert changes a new person's membership row; a linked person's copy
    // was brought in step by syncPerson above.
    const m = linked
      ? found(await repo.findMembership(tx, id))
      : { ...inserted, unitPath: unit.path, transitPath: null };
    return presentMember(tx, deps, actor, m, {
      units: [unit, admittingUnit],
      newPerson: !linked,
    });
  });
}

export async function updateMember(
  deps: Deps,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: UpdateMemberBody,
): Promise<Member> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const m = await loadManageable(tx, actor, id, expectedVersion);
    const person = found(await repo.findPerson(tx, m.personId));
    const changed: string[] = [];
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    let warnings = m.warnings;
    if (input.person && Object.keys(input.person).length) {
      const p = input.person;
      const merged = {
        idNumber: p.idNumber !== undefined ? p.idNumber : person.idNumber,
        birthDate: p.birthDate !== undefined ? p.birthDate : person.birthDate,
        gender: p.gender !== undefined ? p.gender : person.gender,
      };
      warnings = idWarnings(merged);
      if (
        warnings.length &&
        !input.acknowledgeWarnings &&
        (p.idNumber !== undefined || p.birthDate !== undefined || p.gender !== undefined)
      ) {
        throw new AppError('ID_NUMBER_WARNING', { warnings });
      }
      if (p.idNumber && p.idNumber !== person.idNumber) {
        const other = await repo.personIdByIdNumber(tx, p.idNumber);
        if (other && other !== person.id) throw new AppError('DUPLICATE_ID_NUMBER');
      }
      if (p.address) await assertAdminUnits(tx, p.address);
      const set: Record<string, unknown> = {};
      const assign = (key: keyof typeof person, value: unknown) => {
        if (value === undefined || value === person[key]) return;
        set[key] = value;
        changed.push(key);
        before[key] = person[key];
        after[key] = value;
      };
      assign('fullName', p.fullName);
      if (p.birthDate !== undefined) {
        assign('birthDate', p.birthDate);
        assign('birthYear', yearOf(p.birthDate));
      }
      assign('gender', p.gender);
      assign('idNumber', p.idNumber);
      assign('legacyIdNumber', p.legacyIdNumber);
      assign('phone', p.phone);
      assign('email', p.email);
      if (p.address) {
        assign('provinceCode', p.address.provinceCode);
        assign('communeCode', p.address.communeCode);
        assign('addressDetail', p.address.detail);
        assign('addressLegacy', p.address.legacyText);
      }
      if (Object.keys(set).length) {
        await repo.updatePerson(tx, person.id, set);
        const fullName = (set.fullName as string | undefined) ?? person.fullName;
        await repo.syncPerson(tx, person.id, vietnameseNameSortKey(fullName));
      }
    }
    if (input.notes !== undefined && input.notes !== m.notes) {
      changed.push('notes');
      await repo.updateMembership(tx, id, { notes: input.notes });
    }
    if (input.category && input.category !== m.category) {
      if (m.status !== 'active' && m.status !== 'suspended' && m.status !== 'applicant')
        throw new AppError('ILLEGAL_TRANSITION', { status: m.status, action: 'category' });
      assertMemberDate(today, today, m);
      await applyChange(tx, m, { category: input.category }, today);
      // Dues owed depend on the category (honorary members owe nothing; rates may differ).
      await refreshDuesPaidThrough(tx, [id]);
      await recordEvent(tx, actor, {
        membershipId: id,
        kind: 'category_changed',
        effectiveDate: today,
        unitId: m.unitId,
        details: { from: m.category, to: input.category },
      });
      before.category = m.category;
      after.category = input.category;
    }
    if (warnings.join() !== m.warnings.join()) await repo.updateMembership(tx, id, { warnings });
    if (changed.length) {
      await recordEvent(tx, actor, {
        membershipId: id,
        kind: 'updated',
        effectiveDate: today,
        unitId: m.unitId,
        details: { fields: changed },
      });
    }
    if (changed.length || before.category !== undefined) {
      await repo.updateMembership(tx, id, {});
      await recordAudit(tx, deps, actor, {
        action: 'member.update',
        entityType: 'member',
        entityId: id,
        unitId: m.unitId,
        before,
        after,
      });
    }
    return presentMember(tx, deps, actor, found(await repo.findMembership(tx, id)));
  });
}

export async function transition(
  deps: Deps,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: TransitionBody,
): Promise<Member> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const m = await loadManageable(tx, actor, id, expectedVersion);
    const rule = MEMBER_ACTIONS[input.action];
    if (!(rule.from as readonly string[]).includes(m.status)) {
      throw new AppError('ILLEGAL_TRANSITION', {
        status: m.status,
        action: input.action,
        allowed: [...rule.from],
      });
    }
    if (m.transitToUnitId) throw new AppError('MEMBER_IN_TRANSIT');
    if (rule.decision && !input.decision)
      throw new AppError('DECISION_REQUIRED', { action: input.action });
    if (rule.reason && !input.reason)
      throw new AppError('REASON_REQUIRED', { action: input.action });
    assertMemberDate(input.effectiveDate, today, m);
    if (input.decision && input.decision.date > today)
      throw new AppError('MEMBER_DATE_INVALID', { date: input.decision.date, reason: 'future' });
    let decidingUnitId = m.unitId;
    if (input.decision?.unitId && input.decision.unitId !== m.unitId) {
      const u = found(await unitsRepo.findUnit(tx, input.decision.unitId));
      authorize(actor, 'member.read', u);
      decidingUnitId = u.id;
    }
    const terminal = ['resigned', 'aged_out', 'removed', 'deceased', 'rejected'].includes(rule.to);
    const extra: Parameters<typeof repo.updateMembership>[2] = {};
    if (input.action === 'admit') {
      Object.assign(extra, {
        joinedOn: input.effectiveDate,
        admissionNumber: input.decision!.number,
        admissionDate: input.decision!.date,
        admissionSigner: input.decision!.signer,
        admissionUnitId: decidingUnitId,
      });
    }
    if (terminal) extra.endedOn = input.effectiveDate;
    await applyChange(tx, m, { status: rule.to }, input.effectiveDate, extra);
    const kind = (
      {
        admit: 'admitted',
        reject: 'rejected',
        suspend: 'suspended',
        reinstate: 'reinstated',
        resign: 'resigned',
        age_out: 'aged_out',
        remove: 'removed',
        decease: 'deceased',
      } as const
    )[input.action];
    await recordEvent(tx, actor, {
      membershipId: id,
      kind,
      effectiveDate: input.effectiveDate,
      unitId: decidingUnitId,
      decision: input.decision ?? null,
      reason: input.reason ?? null,
    });
    await recordAudit(tx, deps, actor, {
      action: `member.${input.action}`,
      entityType: 'member',
      entityId: id,
      unitId: m.unitId,
      before: { status: m.status },
      after: {
        status: rule.to,
        effectiveDate: input.effectiveDate,
        decision: input.decision ?? null,
        reason: input.reason ?? null,
      },
    });
    return presentMember(tx, deps, actor, found(await repo.findMembership(tx, id)));
  });
}

export async function timeline(deps: Deps, actor: Actor, id: string) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    await loadVisible(tx, actor, id);
    const rows = await repo.eventsOf(tx, [id]);
    return rows.map((e) => ({
      id: e.id,
      kind: e.kind as never,
      effectiveDate: e.effectiveDate,
      at: e.at.toISOString(),
      actorName: e.actorName,
      unitId: e.unitId,
      unitName: e.unitName,
      decision: e.decisionNumber
        ? { number: e.decisionNumber, date: e.decisionDate ?? '', signer: e.decisionSigner ?? '' }
        : null,
      reason: e.reason,
      details: e.details,
    }));
  });
}

export async function getPerson(deps: Deps, actor: Actor, personId: string) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const person = found(await repo.findPerson(tx, personId));
    const memberships = await repo.membershipsOfPerson(tx, personId);
    // Visible if the actor may see at least one of the person's memberships here.
    let visible = false;
    for (const ms of memberships) {
      const m = await repo.findMembership(tx, ms.id);
      try {
        if (m) assertCanSeeMember(actor, m);
        visible = true;
        break;
      } catch {
        // keep looking
      }
    }
    if (!visible) throw new AppError('NOT_FOUND');
    return { person: await presentPerson(tx, person), memberships };
  });
}
