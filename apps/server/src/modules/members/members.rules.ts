/**
 * Member-registry rules that are pure functions: settings with defaults, dues arrears arithmetic,
 * age bands. Services and the list query share them.
 */
import type { AgeBand } from '@hoi/contracts';
import type { AssociationSettings } from '../../db/schema.js';

export interface MemberSettings {
  /** Dues for a year are due by the end of this month (1–12). */
  duesDueMonth: number;
  /** Months past due after which a member in arrears is flagged for review (never removed). */
  duesReviewAfterMonths: number;
  /** Days a receiving unit has to answer a transfer before it escalates to the common parent. */
  transferEscalationDays: number;
}

export const DEFAULT_MEMBER_SETTINGS: MemberSettings = {
  duesDueMonth: 3,
  duesReviewAfterMonths: 12,
  transferEscalationDays: 15,
};

export function memberSettings(settings: AssociationSettings | null | undefined): MemberSettings {
  return {
    duesDueMonth: settings?.duesDueMonth ?? DEFAULT_MEMBER_SETTINGS.duesDueMonth,
    duesReviewAfterMonths:
      settings?.duesReviewAfterMonths ?? DEFAULT_MEMBER_SETTINGS.duesReviewAfterMonths,
    transferEscalationDays:
      settings?.transferEscalationDays ?? DEFAULT_MEMBER_SETTINGS.transferEscalationDays,
  };
}

/**
 * Months since the first unpaid year fell due. The first unpaid year follows the last fully paid
 * (or exempt) one, or is the join year; it falls due at the end of `dueMonth`.
 */
export function duesMonthsOverdue(
  paidThrough: number | null,
  joinedOn: string | null,
  today: string,
  dueMonth: number,
): number {
  if (!joinedOn) return 0;
  const firstUnpaid = (paidThrough ?? Number(joinedOn.slice(0, 4)) - 1) + 1;
  const ty = Number(today.slice(0, 4));
  const tm = Number(today.slice(5, 7));
  return Math.max(0, (ty - firstUnpaid) * 12 + (tm - dueMonth));
}

/**
 * The latest first-unpaid year that is already `reviewAfter` months overdue today: members whose
 * first unpaid year is ≤ this need review.
 */
export function reviewYearLimit(today: string, s: MemberSettings): number {
  const ty = Number(today.slice(0, 4));
  const tm = Number(today.slice(5, 7));
  return ty + Math.floor((tm - s.duesDueMonth - s.duesReviewAfterMonths) / 12);
}

export function needsReview(
  m: { status: string; category: string; duesPaidThrough: number | null; joinedOn: string | null },
  today: string,
  s: MemberSettings,
): boolean {
  if (m.status !== 'active' && m.status !== 'suspended') return false;
  if (m.category === 'honorary') return false;
  return (
    duesMonthsOverdue(m.duesPaidThrough, m.joinedOn, today, s.duesDueMonth) >=
    s.duesReviewAfterMonths
  );
}

/** Birth-year range of an age band this year (by year of birth: elderly members often know only that). */
export function ageBandYears(
  band: AgeBand,
  today: string,
): { from: number | null; to: number | null } {
  const y = Number(today.slice(0, 4));
  switch (band) {
    case 'under60':
      return { from: y - 59, to: null };
    case '60-69':
      return { from: y - 69, to: y - 60 };
    case '70-79':
      return { from: y - 79, to: y - 70 };
    case '80-89':
      return { from: y - 89, to: y - 80 };
    case '90plus':
      return { from: null, to: y - 90 };
  }
}

/** The year of a partial date `YYYY[-MM[-DD]]`. */
export function yearOf(partial: string | null | undefined): number | null {
  return partial ? Number(partial.slice(0, 4)) : null;
}

/** Earliest full date a partial date can mean (for "not before birth" checks). */
export function earliestDateOf(partial: string): string {
  const [y, m, d] = partial.split('-');
  return `${y}-${m ?? '01'}-${d ?? '01'}`;
}
