import type { Case, CaseListItem, CaseStatus, SealedRole } from '@hoi/contracts';
import type { Tx } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { clockOf, nextDeadlineOf, ruleSetsOf, workingCalendar } from './cases-clock.js';
import * as repo from './cases.repo.js';
import type { CaseRow } from './cases.repo.js';

const DAY_MS = 86_400_000;

/** Whole days from `today` to `date` (negative when past). */
export function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(date) - Date.parse(today)) / DAY_MS);
}

const RUNNING: readonly string[] = ['received', 'classified', 'accepted', 'verifying'];

export function isOverdue(status: string, nextDeadline: string | null, today: string) {
  return RUNNING.includes(status) && nextDeadline !== null && nextDeadline < today;
}

/**
 * The full case as its handlers see it: never a sealed value — only how many sealed people
 * there are and their roles, and whether the caller is cleared to open them.
 */
export async function presentCase(tx: Tx, deps: Deps, actor: Actor, c: CaseRow): Promise<Case> {
  const today = todayIn(deps.clock);
  const [
    ruleSets,
    calendar,
    extensions,
    suspensions,
    records,
    documents,
    attachments,
    verifiers,
    events,
    linked,
    parent,
    duplicate,
    clearance,
    anyCleared,
  ] = await Promise.all([
    ruleSetsOf(tx),
    workingCalendar(deps.db, tx),
    repo.extensionsOf(tx, c.id),
    repo.suspensionsOf(tx, c.id),
    repo.recordsOf(tx, c.id),
    repo.documentsOf(tx, c.id),
    repo.attachmentsOf(tx, c.id),
    repo.verifiersOf(tx, c.id),
    repo.eventsOf(tx, c.id),
    repo.linkedTo(tx, c.id),
    repo.numberOf(tx, c.parentCaseId),
    repo.numberOf(tx, c.duplicateOfCaseId),
    repo.clearanceOf(tx, c.id, actor.userId),
    repo.anyClearance(tx, c.id),
  ]);
  const clock = clockOf(c, { extensions, suspensions }, ruleSets, calendar);
  const next = nextDeadlineOf(c.status as CaseStatus, clock, c.publication);
  const verifier = verifiers.some((v) => v.id === actor.userId);
  return {
    id: c.id,
    number: c.number,
    unit: { id: c.unitId, code: c.unitCode, name: c.unitName },
    type: c.type as Case['type'],
    round: c.round,
    channel: c.channel as Case['channel'],
    status: c.status as CaseStatus,
    receivedOn: c.receivedOn,
    subject: c.subject,
    content: c.content,
    accused: c.accused,
    complainant: c.complainant,
    anonymous: c.anonymous,
    sealed: { count: c.sealedRoles.length, roles: c.sealedRoles as SealedRole[] },
    complexity: c.complexity as Case['complexity'],
    remote: c.remote,
    acceptedOn: c.acceptedOn,
    lateReason: c.lateReason,
    notAccepted: c.notAccepted,
    forwarded: c.forwarded,
    withdrawn: c.withdrawn,
    concluded:
      c.concludedOn && c.findings !== null && c.conclusion !== null
        ? { on: c.concludedOn, findings: c.findings, conclusion: c.conclusion }
        : null,
    publication: c.publication,
    closedOn: c.closedOn,
    parentCase: parent,
    duplicateOf: duplicate,
    linkedCases: linked.map((l) => ({
      id: l.id,
      number: l.number,
      relation: l.parentCaseId === c.id ? 'next_round' : 'duplicate',
    })),
    handler: c.handlerUserId && c.handlerName ? { id: c.handlerUserId, name: c.handlerName } : null,
    verifiers,
    extensions: extensions.map((e) => ({
      ordinal: e.ordinal,
      days: e.days,
      decisionNumber: e.decisionNumber,
      decidedOn: e.decidedOn,
      reason: e.reason,
    })),
    suspensions: suspensions.map((s) => ({
      from: s.fromOn,
      to: s.toOn,
      decisionNumber: s.decisionNumber,
      reason: s.reason,
    })),
    records: records.map((r) => ({
      id: r.id,
      kind: r.kind as never,
      on: r.onDate,
      text: r.text,
      by: r.byName,
    })),
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind as never,
      number: `${String(d.number).padStart(2, '0')}/${d.symbol}`,
      issuedOn: d.issuedOn,
    })),
    attachments,
    clock: { ruleSet: clock.ruleSet, milestones: clock.milestones, warnings: clock.warnings },
    nextDeadline: next,
    daysLeft: next ? daysBetween(today, next.date) : null,
    overdue: isOverdue(c.status, next?.date ?? null, today),
    access: {
      clearance: !verifier && clearance !== undefined && c.sealedRoles.length > 0,
      verifier,
      canClaim: c.sealedRoles.length > 0 && !anyCleared && !verifier && actor.via !== 'cli',
    },
    timeline: events.map((e) => ({
      at: e.at.toISOString(),
      kind: e.kind,
      by: e.byName,
      note: e.note,
    })),
    version: c.version,
  };
}

export function presentListItem(
  r: Awaited<ReturnType<typeof repo.listCases>>[number],
  today: string,
): CaseListItem {
  return {
    id: r.id,
    number: r.number,
    unit: { id: r.unitId, code: r.unitCode, name: r.unitName },
    type: r.type as CaseListItem['type'],
    round: r.round,
    status: r.status as CaseStatus,
    subject: r.subject,
    receivedOn: r.receivedOn,
    nextDeadline: r.nextDeadline,
    nextMilestone: r.nextMilestone,
    daysLeft: r.nextDeadline ? daysBetween(today, r.nextDeadline) : null,
    overdue: isOverdue(r.status, r.nextDeadline, today),
    handlerName: r.handlerName,
  };
}
