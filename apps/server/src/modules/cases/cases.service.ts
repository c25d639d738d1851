/**
 * Cases: intake and reading, and what every workflow action shares (act: lock, scope, version,
 * transition, event, audit, deadline). The actions themselves are in cases-workflow.service.ts. Free text
 * is checked against the sealed identities before it is stored (sealed-text.ts).
 */
import {
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

export function assertDate(on: string, c: { receivedOn: string }, today: string, field: string) {
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
