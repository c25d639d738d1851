/**
 * Cases: intake, classification, acceptance, verification, conclusion, publication and closing,
 * each a checked transition with an event on the case's timeline and an audit entry. Free text
 * is checked against the sealed identities before it is stored (sealed-text.ts).
 */
import {
  NOT_ACCEPTED_GROUNDS,
  type Case,
  type CaseStatus,
  type CreateCaseBodySchema,
  type SealedParty,
} from '@hoi/contracts';
import type { z } from 'zod';
import { inTenant, type Tx } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/authorize.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, found } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import * as unitsRepo from '../units/units.repo.js';
import {
  clockOf,
  nextDeadlineOf,
  OPEN,
  resolutionDueOf,
  ruleSetsOf,
  workingCalendar,
} from './cases-clock.js';
import { presentCase } from './cases.presenter.js';
import { assertCanHandle, assertTransition, type CaseAction } from './cases.policy.js';
import * as repo from './cases.repo.js';
import type { CaseRow } from './cases.repo.js';
import { sealAad, sealedPartiesOf } from './sealed-parties.js';
import { sealJson, sealKey } from './sealed.js';
import { needlesOf, sealedHits } from './sealed-text.js';

type CreateCaseBody = z.infer<typeof CreateCaseBodySchema>;

/** The case the actor handles (case.manage over its unit), locked when changing it. */
export async function loadHandled(
  tx: Tx,
  actor: Actor,
  id: string,
  opts: { lock?: boolean; version?: number } = {},
): Promise<CaseRow> {
  const c = found(await repo.findCase(tx, id, { lock: opts.lock }));
  assertCanHandle(actor, c);
  if (opts.version !== undefined && c.version !== opts.version) {
    throw new AppError('STALE_VERSION', { currentVersion: c.version });
  }
  return c;
}

export async function caseEvent(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  c: { associationId: string; id: string },
  kind: string,
  note: string | null = null,
) {
  await repo.insertEvent(tx, {
    associationId: c.associationId,
    id: newId(),
    caseId: c.id,
    kind,
    byUserId: actor.via === 'cli' ? null : actor.userId,
    byName: actor.displayName,
    note,
    at: deps.clock.now(),
  });
}

/** One audit entry about a case (never with a sealed value). */
export async function audit(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  c: { id: string; unitId: string },
  action: string,
  after: Record<string, unknown>,
) {
  await recordAudit(tx, deps, actor, {
    action: `case.${action}`,
    entityType: 'case',
    entityId: c.id,
    unitId: c.unitId,
    after,
  });
}

/** Recomputes the clock after a change and stores the next deadline the inbox sorts on. */
export async function refreshDeadline(tx: Tx, deps: Deps, id: string) {
  const c = found(await repo.findCase(tx, id));
  const [ruleSets, calendar, extensions, suspensions] = await Promise.all([
    ruleSetsOf(tx),
    workingCalendar(deps.db, tx),
    repo.extensionsOf(tx, id),
    repo.suspensionsOf(tx, id),
  ]);
  const clock = clockOf(c, { extensions, suspensions }, ruleSets, calendar);
  const status = c.status as CaseStatus;
  const next = nextDeadlineOf(status, clock, c.publication);
  await tx
    .updateTable('cases')
    .set({
      nextDeadline: next?.date ?? null,
      nextMilestone: next?.key ?? null,
      isOpen: OPEN.includes(status),
      resolutionDue: resolutionDueOf(clock),
    })
    .where('id', '=', id)
    .execute();
  return clock;
}

/** Free texts must not carry a sealed value of the case (names the field, never the value). */
export async function assertNoSealedText(
  tx: Tx,
  deps: Deps,
  c: { associationId: string; id: string; sealedRoles: string[] },
  texts: Record<string, string | null | undefined>,
) {
  if (c.sealedRoles.length === 0) return;
  const parties = await sealedPartiesOf(tx, deps, c);
  assertTextsClean(texts, parties);
}

function assertTextsClean(
  texts: Record<string, string | null | undefined>,
  parties: SealedParty[],
) {
  const hits = sealedHits(texts, needlesOf(parties));
  if (hits.length > 0) throw new AppError('CASE_TEXT_CONTAINS_SEALED', { hits });
}

function assertDate(on: string, c: { receivedOn: string }, today: string, field: string) {
  if (on > today) throw new AppError('CASE_DATE_IN_FUTURE', { field });
  if (on < c.receivedOn)
    throw new AppError('CASE_DATE_INVALID', { field, receivedOn: c.receivedOn });
}

async function view(tx: Tx, deps: Deps, actor: Actor, id: string): Promise<Case> {
  return presentCase(tx, deps, actor, found(await repo.findCase(tx, id)));
}

/** Intake: the officer records a case received in person, by letter or online. */
export async function createCase(deps: Deps, actor: Actor, input: CreateCaseBody): Promise<Case> {
  const today = todayIn(deps.clock);
  if (input.receivedOn > today) throw new AppError('CASE_DATE_IN_FUTURE', { field: 'receivedOn' });
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const unit = found(await unitsRepo.findUnit(tx, input.unitId));
    authorize(actor, 'case.manage', { associationId: unit.associationId, path: unit.path });
    if (unit.status !== 'active') throw new AppError('UNIT_INACTIVE');

    let type = input.type;
    let note: string | null = null;
    const sealedParties = input.sealedParties;
    if (type === 'denunciation') {
      if (input.complainant) {
        throw new AppError('VALIDATION_FAILED', {
          issues: [
            {
              path: ['body', 'complainant'],
              message: 'Người tố cáo nhập ở phần niêm phong / the denouncer goes in sealedParties',
            },
          ],
        });
      }
      if (input.anonymous) {
        // Law on Denunciations Art. 25: not processed as a denunciation; checked if concrete.
        type = 'petition';
        note =
          'Thông tin tố cáo nặc danh (Điều 25 Luật Tố cáo): không xử lý như đơn tố cáo; kiểm tra nếu nội dung cụ thể / anonymous denunciation handled as information';
      } else if (!sealedParties.some((p) => p.role === 'denouncer')) {
        throw new AppError('CASE_DENOUNCER_REQUIRED');
      }
    } else if (sealedParties.length > 0 && !(input.type === 'denunciation')) {
      throw new AppError('VALIDATION_FAILED', {
        issues: [
          {
            path: ['body', 'sealedParties'],
            message:
              'Chỉ đơn tố cáo có thông tin niêm phong / only denunciations have sealed identities',
          },
        ],
      });
    }
    const sealed = type === 'denunciation' ? sealedParties : [];
    assertTextsClean(
      { subject: input.subject, content: input.content, accused: input.accused },
      sealed,
    );

    if (input.round === 2 && !['complaint', 'complaint_discipline'].includes(type)) {
      throw new AppError('CASE_ROUND_INVALID', { type });
    }
    let parent: CaseRow | null = null;
    if (input.parentCaseId) {
      parent = found(await repo.findCase(tx, input.parentCaseId));
      assertCanHandle(actor, parent);
    }
    if (input.round === 2) {
      if (!parent || parent.type !== type || parent.round !== 1) {
        throw new AppError('CASE_ROUND_INVALID', { reason: 'first_round_missing' });
      }
      await assertAppealable(tx, deps, parent, input.receivedOn);
    }
    if (input.duplicateOfCaseId) {
      assertCanHandle(actor, found(await repo.findCase(tx, input.duplicateOfCaseId)));
    }

    const id = newId();
    const year = Number(input.receivedOn.slice(0, 4));
    const seq = await repo.nextNumber(tx, actor.associationId, unit.id, year, 'SO');
    await repo.insertCase(tx, {
      associationId: actor.associationId,
      id,
      number: `${seq}/${year}/${unit.code}`,
      unitId: unit.id,
      type,
      round: input.round,
      channel: input.channel,
      status: 'received',
      receivedOn: input.receivedOn,
      subject: input.subject,
      content: input.content ?? null,
      accused: input.accused ?? null,
      complainant: input.complainant ? JSON.stringify(input.complainant) : null,
      anonymous: input.anonymous,
      sealedRoles: sealed.map((p) => p.role),
      remote: input.remote,
      parentCaseId: input.parentCaseId ?? null,
      duplicateOfCaseId: input.duplicateOfCaseId ?? null,
      handlerUserId: actor.via === 'cli' ? null : actor.userId,
      createdBy: actor.via === 'cli' ? null : actor.userId,
      isOpen: true,
    });
    if (sealed.length > 0) {
      const key = sealKey(deps.config);
      for (const p of sealed) {
        const rowId = newId();
        const s = sealJson(key, p, sealAad(actor.associationId, id, rowId));
        await repo.insertSealed(tx, {
          associationId: actor.associationId,
          id: rowId,
          caseId: id,
          role: p.role,
          ...s,
        });
      }
      // Whoever recorded the identity has seen it: they hold the case's first clearance.
      if (actor.via !== 'cli') {
        await repo.insertClearance(tx, {
          associationId: actor.associationId,
          id: newId(),
          caseId: id,
          userId: actor.userId,
          kind: 'intake',
          reason: null,
          grantedBy: actor.userId,
        });
      }
    }
    await caseEvent(tx, deps, actor, { associationId: actor.associationId, id }, 'received', note);
    await audit(tx, deps, actor, { id, unitId: unit.id }, 'create', {
      type,
      round: input.round,
      channel: input.channel,
      receivedOn: input.receivedOn,
      sealedRoles: sealed.map((p) => p.role),
    });
    await refreshDeadline(tx, deps, id);
    return view(tx, deps, actor, id);
  });
}

/**
 * A second round may start once the first has a decision, or once its resolution deadline has
 * passed without one (Law on Complaints Art. 33).
 */
async function assertAppealable(tx: Tx, deps: Deps, first: CaseRow, receivedOn: string) {
  if (first.concludedOn) return;
  const [ruleSets, calendar, extensions, suspensions] = await Promise.all([
    ruleSetsOf(tx),
    workingCalendar(deps.db, tx),
    repo.extensionsOf(tx, first.id),
    repo.suspensionsOf(tx, first.id),
  ]);
  const clock = clockOf(first, { extensions, suspensions }, ruleSets, calendar);
  const due = resolutionDueOf(clock);
  if (first.status === 'not_accepted' || first.status === 'forwarded') return;
  if (!first.acceptedOn || !due || receivedOn <= due) {
    throw new AppError('CASE_SECOND_ROUND_TOO_EARLY', { resolutionDue: due ?? null });
  }
}

export async function getCase(deps: Deps, actor: Actor, id: string): Promise<Case> {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const c = await loadHandled(tx, actor, id);
    return presentCase(tx, deps, actor, c);
  });
}

/**
 * Runs one workflow action: loads and locks the case, checks scope, version and the transition,
 * applies `fn`, records the event and audit entry, recomputes the deadline, and answers the case.
 */
export async function act(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number | undefined,
  action: CaseAction,
  fn: (
    tx: Tx,
    c: CaseRow,
    today: string,
  ) => Promise<{ note?: string | null; audit?: Record<string, unknown> } | void>,
): Promise<Case> {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const c = await loadHandled(tx, actor, id, { lock: true, version });
    assertTransition(action, c.status);
    const r = (await fn(tx, c, today)) ?? {};
    await caseEvent(tx, deps, actor, c, action, r.note ?? null);
    await audit(tx, deps, actor, c, action, r.audit ?? {});
    await repo.bumpVersion(tx, id);
    await refreshDeadline(tx, deps, id);
    return view(tx, deps, actor, id);
  });
}

export function classifyCase(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: {
    type?: string;
    complexity?: string;
    remote?: boolean;
    duplicateOfCaseId?: string | null;
  },
) {
  return act(deps, actor, id, version, 'classify', async (tx, c) => {
    if (input.type && input.type !== c.type) {
      if (input.type === 'denunciation' || c.type === 'denunciation') {
        // Sealed identities exist only for denunciations: re-record instead of reclassifying.
        throw new AppError('CASE_ILLEGAL_TRANSITION', {
          action: 'classify',
          reason: 'denunciation_type',
        });
      }
      if (c.round === 2 && !['complaint', 'complaint_discipline'].includes(input.type)) {
        throw new AppError('CASE_ROUND_INVALID', { type: input.type });
      }
    }
    if (input.duplicateOfCaseId) {
      if (input.duplicateOfCaseId === c.id)
        throw new AppError('CASE_DATE_INVALID', { field: 'duplicateOfCaseId' });
      assertCanHandle(actor, found(await repo.findCase(tx, input.duplicateOfCaseId)));
    }
    await repo.updateCase(tx, id, {
      status: 'classified',
      ...(input.type ? { type: input.type } : {}),
      ...(input.complexity ? { complexity: input.complexity } : {}),
      ...(input.remote !== undefined ? { remote: input.remote } : {}),
      ...(input.duplicateOfCaseId !== undefined
        ? { duplicateOfCaseId: input.duplicateOfCaseId }
        : {}),
    });
    return { audit: { ...input } };
  });
}

export function acceptCase(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: { acceptedOn: string; complexity?: string; lateReason?: string | null },
) {
  return act(deps, actor, id, version, 'accept', async (tx, c, today) => {
    assertDate(input.acceptedOn, c, today, 'acceptedOn');
    const [ruleSets, calendar] = await Promise.all([ruleSetsOf(tx), workingCalendar(deps.db, tx)]);
    const clock = clockOf(c, { extensions: [], suspensions: [] }, ruleSets, calendar);
    const due = nextDeadlineOf(c.status as CaseStatus, clock, null);
    const late = due !== null && input.acceptedOn > due.date;
    if (late && !input.lateReason) {
      throw new AppError('CASE_ACCEPTANCE_LATE', { deadline: due.date, milestone: due.key });
    }
    if (input.lateReason) await assertNoSealedText(tx, deps, c, { lateReason: input.lateReason });
    await repo.updateCase(tx, id, {
      status: 'accepted',
      acceptedOn: input.acceptedOn,
      lateReason: late ? (input.lateReason ?? null) : null,
      ...(input.complexity ? { complexity: input.complexity } : {}),
    });
    return {
      note: late ? `Thụ lý muộn / accepted late: ${input.lateReason}` : null,
      audit: { acceptedOn: input.acceptedOn, late },
    };
  });
}

export function rejectCase(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: { decidedOn: string; ground: keyof typeof NOT_ACCEPTED_GROUNDS; note?: string | null },
) {
  return act(deps, actor, id, version, 'reject', async (tx, c, today) => {
    assertDate(input.decidedOn, c, today, 'decidedOn');
    const family = input.ground.split('_')[0];
    const fits =
      input.ground === 'other' ||
      (family === 'complaint' && c.type.startsWith('complaint')) ||
      (family === 'denunciation' && c.type === 'denunciation');
    if (!fits) {
      throw new AppError('VALIDATION_FAILED', {
        issues: [
          {
            path: ['body', 'ground'],
            message: 'Căn cứ không áp dụng cho loại đơn này / ground does not apply to this type',
          },
        ],
      });
    }
    if (input.ground === 'other' && !input.note) throw new AppError('REASON_REQUIRED');
    await assertNoSealedText(tx, deps, c, { note: input.note });
    await repo.updateCase(tx, id, {
      status: 'not_accepted',
      notAccepted: JSON.stringify({
        ground: input.ground,
        note: input.note ?? null,
        on: input.decidedOn,
      }),
    });
    return { note: NOT_ACCEPTED_GROUNDS[input.ground].vi, audit: { ground: input.ground } };
  });
}

export function forwardCase(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: { forwardedOn: string; forwardedTo: string },
) {
  return act(deps, actor, id, version, 'forward', async (tx, c, today) => {
    assertDate(input.forwardedOn, c, today, 'forwardedOn');
    await assertNoSealedText(tx, deps, c, { forwardedTo: input.forwardedTo });
    await repo.updateCase(tx, id, {
      status: 'forwarded',
      forwarded: JSON.stringify({ to: input.forwardedTo, on: input.forwardedOn }),
    });
    return { note: input.forwardedTo, audit: { forwardedTo: input.forwardedTo } };
  });
}

export function addRecord(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: { kind: string; on: string; text: string },
) {
  return act(deps, actor, id, version, 'record', async (tx, c, today) => {
    assertDate(input.on, c, today, 'on');
    await assertNoSealedText(tx, deps, c, { text: input.text });
    await repo.insertRecord(tx, {
      associationId: c.associationId,
      id: newId(),
      caseId: c.id,
      kind: input.kind,
      onDate: input.on,
      text: input.text,
      byUserId: actor.via === 'cli' ? null : actor.userId,
      byName: actor.displayName,
    });
    return { note: input.kind, audit: { kind: input.kind, on: input.on } };
  });
}

export function extendCase(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: { days: number; decisionNumber: string; decidedOn: string; reason: string },
) {
  return act(deps, actor, id, version, 'extend', async (tx, c, today) => {
    assertDate(input.decidedOn, c, today, 'decidedOn');
    if (c.acceptedOn && input.decidedOn < c.acceptedOn) {
      throw new AppError('CASE_DATE_INVALID', { field: 'decidedOn', acceptedOn: c.acceptedOn });
    }
    await assertNoSealedText(tx, deps, c, { reason: input.reason });
    const [extensions, suspensions, ruleSets, calendar] = await Promise.all([
      repo.extensionsOf(tx, id),
      repo.suspensionsOf(tx, id),
      ruleSetsOf(tx),
      workingCalendar(deps.db, tx),
    ]);
    // The engine refuses one extension too many or too long for the case's complexity.
    clockOf(
      c,
      { extensions: [...extensions, { days: input.days }], suspensions },
      ruleSets,
      calendar,
    );
    const ordinal = extensions.length + 1;
    await repo.insertExtension(tx, {
      associationId: c.associationId,
      caseId: c.id,
      ordinal,
      ...input,
    });
    return {
      note: `Gia hạn lần ${ordinal}: ${input.days} ngày (${input.decisionNumber})`,
      audit: { ordinal, days: input.days },
    };
  });
}

export function suspendCase(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: { from: string; decisionNumber: string; reason: string },
) {
  return act(deps, actor, id, version, 'suspend', async (tx, c, today) => {
    assertDate(input.from, c, today, 'from');
    const open = (await repo.suspensionsOf(tx, id)).find((s) => s.toOn === null);
    if (open)
      throw new AppError('CASE_ILLEGAL_TRANSITION', {
        action: 'suspend',
        reason: 'already_suspended',
      });
    await assertNoSealedText(tx, deps, c, { reason: input.reason });
    await repo.insertSuspension(tx, {
      associationId: c.associationId,
      id: newId(),
      caseId: c.id,
      fromOn: input.from,
      decisionNumber: input.decisionNumber,
      reason: input.reason,
    });
    return { note: `${input.decisionNumber}: ${input.reason}`, audit: { from: input.from } };
  });
}

export function resumeCase(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: { to: string },
) {
  return act(deps, actor, id, version, 'resume', async (tx, c, today) => {
    const open = (await repo.suspensionsOf(tx, id)).find((s) => s.toOn === null);
    if (!open)
      throw new AppError('CASE_ILLEGAL_TRANSITION', { action: 'resume', reason: 'not_suspended' });
    if (input.to > today) throw new AppError('CASE_DATE_IN_FUTURE', { field: 'to' });
    if (input.to < open.fromOn)
      throw new AppError('CASE_DATE_INVALID', { field: 'to', from: open.fromOn });
    await repo.endSuspension(tx, open.id, input.to);
    return { audit: { from: open.fromOn, to: input.to } };
  });
}

export function withdrawCase(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: { withdrawnOn: string; continueHandling: boolean; reason?: string | null },
) {
  return act(deps, actor, id, version, 'withdraw', async (tx, c, today) => {
    assertDate(input.withdrawnOn, c, today, 'withdrawnOn');
    await assertNoSealedText(tx, deps, c, { reason: input.reason });
    // A withdrawn denunciation is still resolved when there are signs of a violation (Art. 33).
    const goOn = input.continueHandling && c.type === 'denunciation';
    await repo.updateCase(tx, id, {
      withdrawn: JSON.stringify({
        on: input.withdrawnOn,
        continueHandling: goOn,
        reason: input.reason ?? null,
      }),
      ...(goOn ? {} : { status: 'withdrawn' }),
    });
    return {
      note: goOn
        ? 'Rút đơn nhưng tiếp tục giải quyết (Điều 33 Luật Tố cáo)'
        : (input.reason ?? null),
      audit: { continueHandling: goOn },
    };
  });
}

export function concludeCase(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: { concludedOn: string; findings: string; conclusion: string },
) {
  return act(deps, actor, id, version, 'conclude', async (tx, c, today) => {
    assertDate(input.concludedOn, c, today, 'concludedOn');
    if (c.acceptedOn && input.concludedOn < c.acceptedOn) {
      throw new AppError('CASE_DATE_INVALID', { field: 'concludedOn', acceptedOn: c.acceptedOn });
    }
    if ((await repo.suspensionsOf(tx, id)).some((s) => s.toOn === null)) {
      throw new AppError('CASE_ILLEGAL_TRANSITION', { action: 'conclude', reason: 'suspended' });
    }
    if (c.round === 2 && c.type.startsWith('complaint')) {
      const records = await repo.recordsOf(tx, id);
      if (!records.some((r) => r.kind === 'dialogue')) throw new AppError('CASE_DIALOGUE_REQUIRED');
    }
    await assertNoSealedText(tx, deps, c, {
      findings: input.findings,
      conclusion: input.conclusion,
    });
    await repo.updateCase(tx, id, {
      status: 'concluded',
      concludedOn: input.concludedOn,
      findings: input.findings,
      conclusion: input.conclusion,
    });
    return { audit: { concludedOn: input.concludedOn } };
  });
}

const PUBLICATION_MIN_DAYS = 15;

export function publishCase(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: { from: string; until: string; place: string; text: string },
) {
  return act(deps, actor, id, version, 'publish', async (tx, c) => {
    if (c.type !== 'denunciation') {
      throw new AppError('CASE_ILLEGAL_TRANSITION', {
        action: 'publish',
        reason: 'not_a_denunciation',
      });
    }
    if (c.concludedOn && input.from < c.concludedOn) {
      throw new AppError('CASE_DATE_INVALID', { field: 'from', concludedOn: c.concludedOn });
    }
    const days = (Date.parse(input.until) - Date.parse(input.from)) / 86_400_000 + 1;
    if (days < PUBLICATION_MIN_DAYS) throw new AppError('CASE_PUBLICATION_TOO_SHORT', { days });
    await assertNoSealedText(tx, deps, c, { text: input.text, place: input.place });
    await repo.updateCase(tx, id, { status: 'published', publication: JSON.stringify(input) });
    return { audit: { from: input.from, until: input.until } };
  });
}

export function closeCase(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: { closedOn: string; note?: string | null },
) {
  return act(deps, actor, id, version, 'close', async (tx, c, today) => {
    assertDate(input.closedOn, c, today, 'closedOn');
    if (c.status === 'concluded' && c.type === 'denunciation') {
      // A denunciation's conclusion is published before the file closes (Decree 31/2019 Art. 6).
      throw new AppError('CASE_ILLEGAL_TRANSITION', { action: 'close', reason: 'publish_first' });
    }
    if (c.status === 'published' && c.publication && input.closedOn <= c.publication.until) {
      throw new AppError('CASE_PUBLICATION_TOO_SHORT', { until: c.publication.until });
    }
    await assertNoSealedText(tx, deps, c, { note: input.note });
    await repo.updateCase(tx, id, { status: 'closed', closedOn: input.closedOn });
    return { note: input.note ?? null, audit: { closedOn: input.closedOn } };
  });
}
