import type { z } from 'zod';
import type {
  BulkPaymentBodySchema,
  CreateDuesRateBodySchema,
  CreateExemptionBodySchema,
  CreatePaymentBodySchema,
  DuesRateQuerySchema,
} from '@hoi/contracts';
import { inTenant, type Tx } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { authorize, scopePaths } from '../../platform/authorize.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, found } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { loadVisible, recordEvent } from '../members/members.service.js';
import * as unitsRepo from '../units/units.repo.js';
import { assertCanManageDues, isDuesPayer } from './dues.policy.js';
import { presentExemption, presentPayment, presentRate } from './dues.presenter.js';
import * as repo from './dues.repo.js';

type DuesRateQuery = z.infer<typeof DuesRateQuerySchema>;
type CreateDuesRateBody = z.infer<typeof CreateDuesRateBodySchema>;
type CreateExemptionBody = z.infer<typeof CreateExemptionBodySchema>;
type CreatePaymentBody = z.infer<typeof CreatePaymentBodySchema>;
type BulkPaymentBody = z.infer<typeof BulkPaymentBodySchema>;

/**
 * Recomputes memberships.dues_paid_through for these members inside the caller's transaction.
 * Other modules call it after a change that moves a member's rates (unit, category, join date).
 */
export async function refreshDuesPaidThrough(tx: Tx, membershipIds: string[]): Promise<void> {
  await repo.refreshPaidThrough(tx, { ids: membershipIds });
}

/** Rates the actor's scope (or `unitId`'s subtree) is subject to or has set. */
export async function listRates(deps: Deps, actor: Actor, q: DuesRateQuery) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    let paths: string[] | null;
    if (q.unitId) {
      const unit = found(await unitsRepo.findUnit(tx, q.unitId));
      authorize(actor, 'member.read', unit);
      paths = [unit.path];
    } else if (actor.via === 'cli') {
      paths = null;
    } else {
      paths = scopePaths(actor, 'member.read');
      if (paths.length === 0) throw new AppError('FORBIDDEN');
    }
    const rows = await repo.listRates(tx, paths, q.year ?? null);
    return { items: rows.map(presentRate) };
  });
}

/**
 * Sets the rate of a unit's subtree for a year (and optionally one category). A rate is never
 * replaced: a second one for the same unit, year and category is refused (DUPLICATE_CODE), as
 * payments already recorded against it would silently change meaning.
 */
export async function createRate(deps: Deps, actor: Actor, input: CreateDuesRateBody) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const unit = found(await unitsRepo.findUnit(tx, input.unitId));
    authorize(actor, 'dues.manage', unit);
    if (unit.status !== 'active') throw new AppError('UNIT_INACTIVE');
    const existing = await repo.rateAt(tx, unit.id, input.year, input.category);
    if (existing) throw new AppError('DUPLICATE_CODE', { rateId: existing.id });
    const id = newId();
    await repo.insertRate(tx, {
      associationId: actor.associationId,
      id,
      unitId: unit.id,
      year: input.year,
      category: input.category,
      amount: input.amount,
      createdBy: actor.displayName,
    });
    await recordAudit(tx, deps, actor, {
      action: 'dues.rate_create',
      entityType: 'dues_rate',
      entityId: id,
      unitId: unit.id,
      after: {
        unitCode: unit.code,
        year: input.year,
        category: input.category,
        amount: input.amount,
      },
    });
    // A new rate can settle or unsettle years of every member below the unit.
    await repo.refreshPaidThrough(tx, { subtreePaths: [unit.path] });
    return presentRate(found(await repo.findRate(tx, id)));
  });
}

/** Loads a member for a dues write: visible, dues.manage over the member's unit, locked. */
async function loadForDues(tx: Tx, actor: Actor, memberId: string) {
  const m = await loadVisible(tx, actor, memberId, { lock: true });
  assertCanManageDues(actor, m);
  return m;
}

/**
 * Exempts a current member from dues for `fromYear`..`toYear` (open-ended when null); the
 * member's paid-through is recomputed.
 */
export async function createExemption(deps: Deps, actor: Actor, input: CreateExemptionBody) {
  const today = todayIn(deps.clock);
  if (input.toYear !== null && input.toYear < input.fromYear)
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: ['body', 'toYear'], message: 'toYear < fromYear' }],
    });
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const m = await loadForDues(tx, actor, input.memberId);
    if (!isDuesPayer(m)) throw new AppError('MEMBER_NOT_ACTIVE', { status: m.status });
    const id = newId();
    await repo.insertExemption(tx, {
      associationId: actor.associationId,
      id,
      membershipId: m.id,
      reason: input.reason,
      fromYear: input.fromYear,
      toYear: input.toYear,
      note: input.note || null,
      endedAt: null,
      createdBy: actor.displayName,
    });
    const details = {
      exemptionId: id,
      reason: input.reason,
      fromYear: input.fromYear,
      toYear: input.toYear,
    };
    await recordEvent(tx, actor, {
      membershipId: m.id,
      kind: 'exemption',
      effectiveDate: today,
      unitId: m.unitId,
      reason: input.note || null,
      details,
    });
    await recordAudit(tx, deps, actor, {
      action: 'dues.exemption_create',
      entityType: 'member',
      entityId: m.id,
      unitId: m.unitId,
      after: details,
    });
    await repo.refreshPaidThrough(tx, { ids: [m.id] });
    return presentExemption(found(await repo.findExemption(tx, id)));
  });
}

/**
 * Ends an exemption: it keeps covering the years up to this one (already due or being
 * collected), and no later year. Ending an ended exemption changes nothing.
 */
export async function endExemption(deps: Deps, actor: Actor, id: string) {
  const today = todayIn(deps.clock);
  const thisYear = Number(today.slice(0, 4));
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const e = found(await repo.findExemption(tx, id, { lock: true }));
    const m = await loadForDues(tx, actor, e.membershipId);
    if (e.endedAt) return presentExemption(e);
    // Starting after this year: it never applied (toYear < fromYear covers no year).
    const toYear = Math.max(e.fromYear - 1, Math.min(e.toYear ?? thisYear, thisYear));
    await repo.endExemption(tx, id, toYear, deps.clock.now());
    const details = { exemptionId: id, reason: e.reason, ended: true, toYear };
    await recordEvent(tx, actor, {
      membershipId: m.id,
      kind: 'exemption',
      effectiveDate: today,
      unitId: m.unitId,
      details,
    });
    await recordAudit(tx, deps, actor, {
      action: 'dues.exemption_end',
      entityType: 'member',
      entityId: m.id,
      unitId: m.unitId,
      before: { toYear: e.toYear },
      after: details,
    });
    await repo.refreshPaidThrough(tx, { ids: [m.id] });
    return presentExemption(found(await repo.findExemption(tx, id)));
  });
}

/**
 * Why a member cannot pay for `year`, as an error: not active or suspended, a year before
 * joining, or a year without a rate.
 */
function assertPayable(
  m: { status: string; joinedOn: string | null },
  year: number,
  fact: repo.YearFact | undefined,
) {
  if (!isDuesPayer(m) || !m.joinedOn) throw new AppError('MEMBER_NOT_ACTIVE', { status: m.status });
  if (year < Number(m.joinedOn.slice(0, 4)))
    throw new AppError('MEMBER_DATE_INVALID', {
      year,
      reason: 'before_join',
      joinedOn: m.joinedOn,
    });
  if (!fact || fact.rate === null) throw new AppError('DUES_RATE_MISSING', { year });
}

function assertPaidOn(paidOn: string, today: string) {
  if (paidOn > today) throw new AppError('MEMBER_DATE_INVALID', { date: paidOn, reason: 'future' });
}

/** Records one payment for one member and year (partial payments add up). */
export async function createPayment(deps: Deps, actor: Actor, input: CreatePaymentBody) {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const m = await loadForDues(tx, actor, input.memberId);
    assertPaidOn(input.paidOn, today);
    const [fact] = await repo.yearFacts(tx, [m.id], input.year, input.year);
    assertPayable(m, input.year, fact);
    const id = newId();
    await repo.insertPayments(tx, [
      {
        associationId: actor.associationId,
        id,
        membershipId: m.id,
        year: input.year,
        amount: input.amount,
        paidOn: input.paidOn,
        receiptNumber: input.receiptNumber || null,
        batchId: null,
        collectedByUnitId: m.unitId,
        recordedBy: actor.displayName,
      },
    ]);
    await recordEvent(tx, actor, {
      membershipId: m.id,
      kind: 'dues_paid',
      effectiveDate: input.paidOn,
      unitId: m.unitId,
      details: { year: input.year, amount: input.amount },
    });
    await recordAudit(tx, deps, actor, {
      action: 'dues.pay',
      entityType: 'dues_payment',
      entityId: id,
      unitId: m.unitId,
      after: {
        memberId: m.id,
        year: input.year,
        amount: input.amount,
        paidOn: input.paidOn,
        receiptNumber: input.receiptNumber ?? null,
      },
    });
    await repo.refreshPaidThrough(tx, { ids: [m.id] });
    return presentPayment(found(await repo.findPayment(tx, id)));
  });
}

/** Re-raises an entry's error with its position, so the form can point at the line. */
function atEntry(index: number, memberId: string, e: unknown): never {
  if (!(e instanceof AppError)) throw e;
  const details = typeof e.details === 'object' && e.details !== null ? e.details : {};
  throw new AppError(e.code, { index, memberId, ...details });
}

/**
 * What a branch collected for one year, as one batch: all entries are written or none. Every
 * member must be in the collecting unit's subtree (and so in the actor's dues.manage scope).
 */
export async function createBulkPayment(deps: Deps, actor: Actor, input: BulkPaymentBody) {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const unit = found(await unitsRepo.findUnit(tx, input.unitId));
    authorize(actor, 'dues.manage', unit);
    assertPaidOn(input.paidOn, today);
    const seen = new Map<string, number>();
    input.entries.forEach((entry, index) => {
      const first = seen.get(entry.memberId);
      if (first !== undefined)
        throw new AppError('VALIDATION_FAILED', {
          index,
          memberId: entry.memberId,
          issues: [
            {
              path: ['body', 'entries', String(index), 'memberId'],
              message: `duplicate of entry ${first}`,
            },
          ],
        });
      seen.set(entry.memberId, index);
    });
    const ids = [...seen.keys()];
    const members = new Map((await repo.lockMembers(tx, ids)).map((m) => [m.id, m]));
    const facts = new Map(
      (await repo.yearFacts(tx, ids, input.year, input.year)).map((f) => [f.id, f]),
    );
    input.entries.forEach((entry, index) => {
      try {
        const m = members.get(entry.memberId);
        const inUnit = m && (m.unitPath === unit.path || m.unitPath.startsWith(`${unit.path}.`));
        if (!m || !inUnit) throw new AppError('NOT_FOUND');
        authorize(actor, 'dues.manage', { associationId: m.associationId, path: m.unitPath });
        assertPayable(m, input.year, facts.get(m.id));
      } catch (e) {
        atEntry(index, entry.memberId, e);
      }
    });
    const batchId = newId();
    const receiptNumber = input.receiptNumber || null;
    await repo.insertPayments(
      tx,
      input.entries.map((entry) => ({
        associationId: actor.associationId,
        id: newId(),
        membershipId: entry.memberId,
        year: input.year,
        amount: entry.amount,
        paidOn: input.paidOn,
        receiptNumber,
        batchId,
        collectedByUnitId: unit.id,
        recordedBy: actor.displayName,
      })),
    );
    // The same row recordEvent writes, for many members in one statement.
    await repo.insertEvents(
      tx,
      input.entries.map((entry) => ({
        associationId: actor.associationId,
        id: newId(),
        membershipId: entry.memberId,
        kind: 'dues_paid',
        effectiveDate: input.paidOn,
        actorUserId: actor.userId,
        actorName: actor.displayName,
        unitId: members.get(entry.memberId)!.unitId,
        decisionNumber: null,
        decisionDate: null,
        decisionSigner: null,
        reason: null,
        details: JSON.stringify({ year: input.year, amount: entry.amount, batchId }),
      })),
    );
    const total = input.entries.reduce((sum, entry) => sum + entry.amount, 0);
    await recordAudit(tx, deps, actor, {
      action: 'dues.pay_bulk',
      entityType: 'dues_batch',
      entityId: batchId,
      unitId: unit.id,
      after: {
        unitCode: unit.code,
        year: input.year,
        paidOn: input.paidOn,
        receiptNumber,
        count: input.entries.length,
        total,
        memberIds: ids,
      },
    });
    await repo.refreshPaidThrough(tx, { ids });
    return { batchId, count: input.entries.length, total };
  });
}
