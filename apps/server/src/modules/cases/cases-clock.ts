/**
 * The clock of a stored case: the editable calendar and rule sets from the database, the
 * milestones from the pure engine in clock/, and the one "next deadline" the inbox sorts on.
 */
import { OPEN_CASE_STATUSES, RuleSetSchema, type CaseStatus, type RuleSet } from '@hoi/contracts';
import type { Database, Db, Tx } from '../../db/engine.js';
import { AppError } from '../../platform/errors.js';
import { WorkingCalendar, holidaysByRule } from './clock/calendar.js';
import { ClockInputError, computeClock, type ClockResult } from './clock/deadlines.js';
import { NATIONAL_RULE_SETS } from './clock/rules.js';
import * as repo from './cases.repo.js';
import type { CaseRow } from './cases.repo.js';

const CALENDAR_TTL_MS = 60_000;
const calendars = new WeakMap<Database, { at: number; calendar: WorkingCalendar }>();

/**
 * The working-day calendar (cached a minute; `hoi calendar` edits show up within that). Inside a
 * transaction pass it as `tx`: the embedded engine has one connection, held by the transaction.
 */
export async function workingCalendar(db: Database, tx?: Tx): Promise<WorkingCalendar> {
  const hit = calendars.get(db);
  if (hit && Date.now() - hit.at < CALENDAR_TTL_MS) return hit.calendar;
  const rows = await repo.calendarRows(tx ?? db.system);
  const calendar = new WorkingCalendar(rows.days, rows.years);
  calendars.set(db, { at: Date.now(), calendar });
  return calendar;
}
export function forgetCalendar(db: Database) {
  calendars.delete(db);
}

/**
 * Writes the rule-generated holidays of each year not yet in the calendar, so they can be
 * edited; years already there are left as edited. Runs at server start for the years around
 * today, and before any edit of a year.
 */
export async function ensureCalendarYears(system: Db, years: number[]): Promise<number> {
  let added = 0;
  for (const year of years) {
    await system.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto('calendarYears')
        .values({ year })
        .onConflict((oc) => oc.column('year').doNothing())
        .returning('year')
        .execute();
      if (inserted.length === 0) return;
      added++;
      const days = holidaysByRule(year);
      if (days.length > 0) {
        await tx
          .insertInto('calendarDays')
          .values(
            days.map((d) => ({ day: d.day, kind: d.kind, name: d.name, source: 'rule' as const })),
          )
          .onConflict((oc) => oc.column('day').doNothing())
          .execute();
      }
    });
  }
  return added;
}

/** National rule sets, then the association's own (later wins on the same effective date). */
export async function ruleSetsOf(tx: Tx): Promise<RuleSet[]> {
  const own = await repo.ruleSetRows(tx);
  return [
    ...NATIONAL_RULE_SETS,
    ...own.flatMap((r) => {
      const parsed = RuleSetSchema.safeParse(r.body);
      return parsed.success ? [parsed.data] : [];
    }),
  ];
}

export interface ClockExtras {
  extensions: { days: number }[];
  suspensions: { fromOn: string; toOn: string | null }[];
}

/** The case's milestones under the rule set in force on its receipt date. */
export function clockOf(
  row: Pick<
    CaseRow,
    | 'type'
    | 'round'
    | 'receivedOn'
    | 'acceptedOn'
    | 'concludedOn'
    | 'complexity'
    | 'remote'
    | 'publication'
  >,
  extras: ClockExtras,
  ruleSets: RuleSet[],
  calendar: WorkingCalendar,
): ClockResult {
  try {
    return computeClock(
      {
        type: row.type as never,
        round: row.round as 1 | 2,
        received: row.receivedOn,
        accepted: row.acceptedOn,
        concluded: row.concludedOn,
        complexity: row.complexity as never,
        remote: row.remote,
        extensions: extras.extensions.map((e) => e.days),
        suspensions: extras.suspensions.map((s) => ({ from: s.fromOn, to: s.toOn })),
      },
      ruleSets,
      calendar,
    );
  } catch (e) {
    throw asAppError(e);
  }
}

export function asAppError(e: unknown): unknown {
  if (e instanceof ClockInputError) {
    const code =
      e.code === 'CASE_EXTENSION_LIMIT'
        ? 'CASE_EXTENSION_LIMIT'
        : e.code === 'CASE_ROUND_INVALID'
          ? 'CASE_ROUND_INVALID'
          : 'CASE_DATE_INVALID';
    return new AppError(code, e.details);
  }
  return e;
}

/** Which milestones bound each open status, in order of preference. */
const BOUNDING: Partial<Record<CaseStatus, string[]>> = {
  received: ['acceptance_due', 'initial_processing_due', 'resolution_due'],
  classified: ['acceptance_due', 'initial_processing_due', 'resolution_due'],
  accepted: ['resolution_due_extended', 'resolution_due'],
  verifying: ['resolution_due_extended', 'resolution_due'],
};

/**
 * The deadline the case is working against now: for a case not yet accepted, the acceptance
 * (or initial processing) deadline; once accepted, the resolution deadline with extensions and
 * suspensions; while a conclusion is published, its last day. Null once nothing is due.
 */
export function nextDeadlineOf(
  status: CaseStatus,
  clock: ClockResult,
  publication: { until: string } | null,
): { key: string; vi: string; en: string; date: string } | null {
  if (status === 'published' && publication) {
    return {
      key: 'publication_until',
      vi: 'Hết thời gian công khai',
      en: 'End of publication',
      date: publication.until,
    };
  }
  for (const key of BOUNDING[status] ?? []) {
    const m = clock.milestones.find((x) => x.key === key && x.date);
    if (m?.date) return { key: m.key, vi: m.vi, en: m.en, date: m.date };
  }
  return null;
}

/** The resolution deadline in force: the extended one when extensions were granted. */
export function resolutionDueOf(clock: ClockResult): string | null {
  const m = ['resolution_due_extended', 'resolution_due']
    .map((k) => clock.milestones.find((x) => x.key === k && x.date))
    .find(Boolean);
  return m?.date ?? null;
}

/** Statuses whose clock still runs. */
export const OPEN = OPEN_CASE_STATUSES;
