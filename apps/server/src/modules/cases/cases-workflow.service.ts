/**
 * The workflow actions on a case after intake: classification, acceptance or not, forwarding,
 * records, extensions, suspensions, withdrawal, conclusion, publication and closing. Each runs
 * through `act` (cases.service.ts), which checks the transition and records event and audit.
 */
import { NOT_ACCEPTED_GROUNDS, type CaseStatus } from '@hoi/contracts';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, found } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { clockOf, nextDeadlineOf, ruleSetsOf, workingCalendar } from './cases-clock.js';
import { assertCanHandle } from './cases.policy.js';
import * as repo from './cases.repo.js';
import { act, assertDate, assertNoSealedText } from './cases.service.js';

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
