/**
 * The member portal: what a member sees and asks for about themselves. Every function works on
 * the caller's own membership (the one linked to their account), never on an id from the request.
 */
import { normalizeVnPhone } from '@hoi/contracts';
import type { z } from 'zod';
import type {
  ChangeRequestSchema,
  CreateChangeRequestBodySchema,
  CreateDataRequestBodySchema,
  DataRequestSchema,
  PortalMeSchema,
  SetConsentsBodySchema,
} from '@hoi/contracts';
import { inTenant, type Tx } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, found } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { addWorkingDays } from '../../platform/working-days.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  cardDataOf,
  consentsOf,
  recordConsents,
  renderCard,
  type CardFormat,
} from '../members/member-data.service.js';
import { assertSelf } from '../members/members.policy.js';
import { presentMember } from '../members/members.presenter.js';
import * as membersRepo from '../members/members.repo.js';
import { recordEvent } from '../members/members.service.js';
import {
  duesYears,
  presentChangeRequest,
  presentDataRequest,
  presentDues,
  presentEvent,
} from './portal.presenter.js';
import * as repo from './portal.repo.js';

type PortalMe = z.infer<typeof PortalMeSchema>;
type ChangeRequest = z.infer<typeof ChangeRequestSchema>;
type DataRequest = z.infer<typeof DataRequestSchema>;
type CreateChangeRequestBody = z.infer<typeof CreateChangeRequestBodySchema>;
type CreateDataRequestBody = z.infer<typeof CreateDataRequestBodySchema>;
type SetConsentsBody = z.infer<typeof SetConsentsBodySchema>;

/** Days (working) to answer a data-subject request: Decree 356/2025. */
export const DATA_REQUEST_WORKING_DAYS = 2;
const LIST_LIMIT = 200;

/** The caller's membership: current, else the latest; an account without one is NOT_A_MEMBER. */
export async function ownMembership(tx: Tx, actor: Actor) {
  const id = await repo.ownMembershipId(tx, actor.userId);
  const m = id ? await membersRepo.findMembership(tx, id) : undefined;
  if (!m) throw new AppError('NOT_A_MEMBER');
  assertSelf(actor, m);
  return m;
}

export async function getMe(deps: Deps, actor: Actor): Promise<PortalMe> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const m = await ownMembership(tx, actor);
    const member = await presentMember(tx, deps, actor, m);
    const assoc = found(
      await tx
        .selectFrom('associations')
        .select('name')
        .where('id', '=', actor.associationId)
        .executeTakeFirst(),
    );
    const events = await membersRepo.eventsOf(tx, [m.id]);
    const years = duesYears(m, today);
    const dues = presentDues(
      { ...m, unitName: member.unitName },
      await repo.duesPaymentsOf(tx, m.id),
      await repo.duesExemptionsOf(tx, m.id),
      await repo.duesRatesFor(tx, m.unitId, m.category, years),
      years,
    );
    const pending = await repo.listChangeRequests(tx, {
      membershipId: m.id,
      status: 'pending',
      limit: LIST_LIMIT,
    });
    return {
      member,
      associationName: assoc.name,
      history: events.map(presentEvent),
      dues,
      consents: await consentsOf(tx, m.id),
      pendingCorrections: pending.map(presentChangeRequest),
    };
  });
}

/** The caller's own card. */
export async function ownCard(deps: Deps, actor: Actor, format: CardFormat, baseUrl: string) {
  const data = await inTenant(deps.db.app, actor.associationId, async (tx) =>
    cardDataOf(tx, await ownMembership(tx, actor), baseUrl),
  );
  return renderCard(data, format);
}

export async function setOwnConsents(deps: Deps, actor: Actor, input: SetConsentsBody) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const m = await ownMembership(tx, actor);
    return recordConsents(tx, deps, actor, m, input, 'member');
  });
}

const fieldIssue = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', { issues: [{ path: ['body', 'fields', field], message }] });

/**
 * Asks for a correction of contact data. The values asked for and the values on record are both
 * kept, so the officer decides on what the member saw; nothing changes until approval.
 */
export async function requestCorrection(
  deps: Deps,
  actor: Actor,
  input: CreateChangeRequestBody,
): Promise<ChangeRequest> {
  const f = input.fields;
  const fields: Record<string, unknown> = {};
  if (f.phone !== undefined) {
    const phone = f.phone === null || f.phone === '' ? null : normalizeVnPhone(f.phone);
    if (phone === null && f.phone)
      throw fieldIssue(
        'phone',
        'Số điện thoại không phải số Việt Nam / not a Vietnamese phone number',
      );
    fields.phone = phone;
  }
  if (f.email !== undefined) fields.email = f.email;
  if (f.address) {
    const address: Record<string, string | null> = {};
    for (const key of ['provinceCode', 'communeCode', 'detail'] as const) {
      const v = f.address[key];
      if (v !== undefined) address[key] = v === '' ? null : v;
    }
    if (Object.keys(address).length) fields.address = address;
  }
  if (Object.keys(fields).length === 0)
    throw fieldIssue('fields', 'Cần ít nhất một trường / at least one field');
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const m = await ownMembership(tx, actor);
    const address = fields.address as Record<string, string | null> | undefined;
    const codes = [address?.provinceCode, address?.communeCode].filter((c): c is string => !!c);
    if (codes.length) {
      const known = await membersRepo.adminUnitNames(tx, codes);
      const missing = codes.filter((c) => !known.has(c));
      if (missing.length) throw new AppError('ADMIN_UNIT_UNKNOWN', { codes: missing });
    }
    const p = found(await membersRepo.findPerson(tx, m.personId));
    const current: Record<string, unknown> = {};
    if ('phone' in fields) current.phone = p.phone;
    if ('email' in fields) current.email = p.email;
    if (address) {
      const now: Record<string, string | null> = {};
      if ('provinceCode' in address) now.provinceCode = p.provinceCode;
      if ('communeCode' in address) now.communeCode = p.communeCode;
      if ('detail' in address) now.detail = p.addressDetail;
      current.address = now;
    }
    const id = newId();
    await repo.insertChangeRequest(tx, {
      associationId: actor.associationId,
      id,
      membershipId: m.id,
      fields,
      current,
      note: input.note ?? null,
    });
    await recordEvent(tx, actor, {
      membershipId: m.id,
      kind: 'correction_requested',
      effectiveDate: todayIn(deps.clock),
      unitId: m.unitId,
      details: { requestId: id, fields: Object.keys(fields) },
    });
    await recordAudit(tx, deps, actor, {
      action: 'member.correction.request',
      entityType: 'member',
      entityId: m.id,
      unitId: m.unitId,
      after: { requestId: id, fields },
    });
    return presentChangeRequest(found(await repo.findChangeRequest(tx, id)));
  });
}

export async function listOwnDataRequests(deps: Deps, actor: Actor): Promise<DataRequest[]> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const m = await ownMembership(tx, actor);
    const rows = await repo.listDataRequests(tx, { membershipId: m.id, limit: LIST_LIMIT });
    return rows.map((r) => presentDataRequest(r, today));
  });
}

/**
 * Files a data-subject request (Law 91/2025 Art. 4). It is due DATA_REQUEST_WORKING_DAYS working
 * days after the day of receipt (Decree 356/2025).
 */
export async function createDataRequest(
  deps: Deps,
  actor: Actor,
  input: CreateDataRequestBody,
): Promise<DataRequest> {
  const now = deps.clock.now();
  const today = todayIn(deps.clock);
  const dueOn = addWorkingDays(today, DATA_REQUEST_WORKING_DAYS);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const m = await ownMembership(tx, actor);
    const id = newId();
    await repo.insertDataRequest(tx, {
      associationId: actor.associationId,
      id,
      membershipId: m.id,
      kind: input.kind,
      details: input.details,
      receivedAt: now,
      dueOn,
    });
    await recordEvent(tx, actor, {
      membershipId: m.id,
      kind: 'data_requested',
      effectiveDate: today,
      unitId: m.unitId,
      details: { requestId: id, kind: input.kind, dueOn },
    });
    await recordAudit(tx, deps, actor, {
      action: 'member.data_request.create',
      entityType: 'member',
      entityId: m.id,
      unitId: m.unitId,
      after: { requestId: id, kind: input.kind, dueOn },
    });
    return presentDataRequest(found(await repo.findDataRequest(tx, id)), today);
  });
}
