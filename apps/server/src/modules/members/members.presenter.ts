import {
  actionsFrom,
  type Member,
  type MemberSummary,
  type Person,
} from '@hoi/contracts';
import type { Tx } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import * as repo from './members.repo.js';
import { memberSettings, needsReview, type MemberSettings } from './members.rules.js';

export function presentSummary(
  r: repo.SummaryRow,
  today: string,
  s: MemberSettings,
): MemberSummary {
  return {
    id: r.id,
    personId: r.personId,
    memberNumber: r.memberNumber,
    fullName: r.fullName,
    birthDate: r.birthDate,
    gender: r.gender,
    phone: r.phone,
    unitId: r.unitId,
    unitName: r.unitName,
    unitCode: r.unitCode,
    category: r.category,
    status: r.status,
    joinedOn: r.joinedOn,
    inTransit: r.transitToUnitId !== null,
    duesPaidThrough: r.duesPaidThrough,
    needsReview: needsReview(r, today, s),
  };
}

export async function presentPerson(tx: Tx, p: repo.PersonRow): Promise<Person> {
  const names = await repo.adminUnitNames(tx, [p.provinceCode, p.communeCode]);
  return {
    id: p.id,
    fullName: p.fullName,
    birthDate: p.birthDate,
    gender: p.gender,
    idNumber: p.idNumber,
    legacyIdNumber: p.legacyIdNumber,
    phone: p.phone,
    email: p.email,
    address: {
      provinceCode: p.provinceCode,
      provinceName: p.provinceCode ? (names.get(p.provinceCode) ?? null) : null,
      communeCode: p.communeCode,
      communeName: p.communeCode ? (names.get(p.communeCode) ?? null) : null,
      detail: p.addressDetail,
      legacyText: p.addressLegacy,
    },
  };
}

/**
 * What the caller already knows of a membership it created in this transaction: its units, and
 * whether its person is new. Such a membership has no photo and no transfer yet, and a new
 * person has no other membership: on the embedded engine each query skipped is 0.4–1 ms of an
 * admission's ~20 (bench/src/members.bench.ts).
 */
export interface CreatedHere {
  units: { id: string; name: string; code: string }[];
  /** Whether this transaction created the person too. */
  newPerson: boolean;
}

/** The full member record as officers (and the member, in the portal) see it. */
export async function presentMember(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  m: repo.MembershipRow,
  created?: CreatedHere,
): Promise<Member> {
  const today = todayIn(deps.clock);
  // Sequential on purpose: one transaction is one connection.
  const person = await repo.findPerson(tx, m.personId);
  const others = created?.newPerson ? [] : await repo.membershipsOfPerson(tx, m.personId);
  const unitIds = [m.unitId, ...(m.admissionUnitId ? [m.admissionUnitId] : [])];
  const units =
    created && unitIds.every((id) => created.units.some((u) => u.id === id))
      ? new Map(created.units.map((u) => [u.id, { name: u.name, code: u.code }]))
      : await repo.unitNames(tx, unitIds);
  const photo = created ? false : await repo.hasPhoto(tx, m.id);
  const pending = created
    ? undefined
    : await tx
        .selectFrom('transfers')
        .select('id')
        .where('membershipId', '=', m.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
  const assoc = await tx
    .selectFrom('associations')
    .select('settings')
    .where('id', '=', m.associationId)
    .executeTakeFirst();
  const s = memberSettings(assoc?.settings);
  const unit = units.get(m.unitId)!;
  void actor;
  return {
    ...presentSummary({ ...m, unitName: unit.name, unitCode: unit.code }, today, s),
    person: await presentPerson(tx, person!),
    appliedOn: m.appliedOn,
    admission: m.admissionNumber
      ? {
          number: m.admissionNumber,
          date: m.admissionDate ?? '',
          signer: m.admissionSigner ?? '',
          unitId: m.admissionUnitId ?? m.unitId,
          unitName: units.get(m.admissionUnitId ?? m.unitId)?.name ?? '',
        }
      : null,
    endedOn: m.endedOn,
    notes: m.notes,
    hasPhoto: photo,
    hasAccount: m.userId !== null,
    pendingTransferId: pending?.id ?? null,
    allowedActions: m.transitToUnitId ? [] : actionsFrom(m.status),
    otherMemberships: others
      .filter((o) => o.id !== m.id)
      .map((o) => ({
        id: o.id,
        memberNumber: o.memberNumber,
        status: o.status,
        joinedOn: o.joinedOn,
        endedOn: o.endedOn,
      })),
    warnings: m.warnings,
    version: m.version,
  };
}
