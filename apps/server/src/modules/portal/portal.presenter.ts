import type { z } from 'zod';
import type {
  ChangeRequestSchema,
  DataRequestSchema,
  ExemptionReason,
  MemberDuesSchema,
  MemberEventSchema,
} from '@hoi/contracts';
import type * as membersRepo from '../members/members.repo.js';
import type * as repo from './portal.repo.js';

type ChangeRequest = z.infer<typeof ChangeRequestSchema>;
type DataRequest = z.infer<typeof DataRequestSchema>;
type MemberEvent = z.infer<typeof MemberEventSchema>;
type MemberDues = z.infer<typeof MemberDuesSchema>;

export function presentChangeRequest(r: repo.ChangeRequestRow): ChangeRequest {
  return {
    id: r.id,
    memberId: r.membershipId,
    fullName: r.fullName,
    unitName: r.unitName,
    fields: r.fields,
    current: r.current,
    note: r.note,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedBy: r.decidedBy,
    decisionNote: r.decisionNote,
  };
}

export function presentDataRequest(r: repo.DataRequestRow, today: string): DataRequest {
  return {
    id: r.id,
    memberId: r.membershipId,
    fullName: r.fullName,
    kind: r.kind as DataRequest['kind'],
    details: r.details,
    receivedAt: r.receivedAt.toISOString(),
    dueOn: r.dueOn,
    status: r.status,
    overdue: r.status === 'open' && today > r.dueOn,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    resolvedBy: r.resolvedBy,
    response: r.response,
  };
}

export function presentEvent(
  e: Awaited<ReturnType<typeof membersRepo.eventsOf>>[number],
): MemberEvent {
  return {
    id: e.id,
    kind: e.kind as MemberEvent['kind'],
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
  };
}

/**
 * A member's dues as the portal shows them: payments, exemptions and one line per year from the
 * join year to this year (or the end of the membership). The rate of a year is the one set
 * nearest the member's unit, a rate for the member's category before one for all categories.
 * Minimal on purpose: the dues module owns the rules and replaces this once it offers a member's
 * dues.
 */
export function presentDues(
  m: Pick<
    membersRepo.MembershipRow,
    'id' | 'memberNumber' | 'fullName' | 'unitId' | 'category' | 'joinedOn' | 'endedOn'
  > & { unitName: string },
  payments: Awaited<ReturnType<typeof repo.duesPaymentsOf>>,
  exemptions: Awaited<ReturnType<typeof repo.duesExemptionsOf>>,
  rates: Awaited<ReturnType<typeof repo.duesRatesFor>>,
  years: number[],
): MemberDues {
  const rateOf = (year: number) =>
    rates
      .filter((r) => r.year === year)
      .sort(
        (a, b) => b.depth - a.depth || Number(b.category !== null) - Number(a.category !== null),
      )[0]?.amount ?? 0;
  const exemptionOf = (year: number): ExemptionReason | null =>
    exemptions.find(
      (e) =>
        e.fromYear <= year &&
        (e.toYear === null || year <= e.toYear) &&
        (e.endedAt === null || year <= e.endedAt.getFullYear()),
    )?.reason ?? null;
  return {
    memberId: m.id,
    payments: payments.map((p) => ({
      id: p.id,
      memberId: p.membershipId,
      year: p.year,
      amount: p.amount,
      paidOn: p.paidOn,
      receiptNumber: p.receiptNumber,
      batchId: p.batchId,
      collectedByUnitId: p.collectedByUnitId,
      recordedBy: p.recordedBy,
      createdAt: p.createdAt.toISOString(),
    })),
    exemptions: exemptions.map((e) => ({
      id: e.id,
      memberId: e.membershipId,
      reason: e.reason,
      fromYear: e.fromYear,
      toYear: e.toYear,
      note: e.note,
      endedAt: e.endedAt?.toISOString() ?? null,
    })),
    years: years.map((year) => {
      const exempt = m.category === 'honorary' ? 'honorary' : exemptionOf(year);
      const due = exempt ? 0 : rateOf(year);
      const paid = payments.filter((p) => p.year === year).reduce((s, p) => s + p.amount, 0);
      return {
        memberId: m.id,
        memberNumber: m.memberNumber,
        fullName: m.fullName,
        unitId: m.unitId,
        unitName: m.unitName,
        category: m.category,
        year,
        due,
        paid,
        exempt,
        outstanding: Math.max(0, due - paid),
      };
    }),
  };
}

/** The dues years of a membership: join year through this year, or through the year it ended. */
export function duesYears(m: { joinedOn: string | null; endedOn: string | null }, today: string) {
  if (!m.joinedOn) return [];
  const from = Number(m.joinedOn.slice(0, 4));
  const to = Number((m.endedOn ?? today).slice(0, 4));
  const years: number[] = [];
  for (let y = from; y <= to; y++) years.push(y);
  return years;
}
