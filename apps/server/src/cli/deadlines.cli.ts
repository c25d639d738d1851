/**
 * `hoi deadlines`: the statutory clock of a case computed from the command line, with the
 * national rule sets and the rule calendar — no database is opened.
 */
import { CASE_TYPES, type CaseType, type ClockInput, type ClockResult } from '@hoi/contracts';
import { ruleCalendar } from '../modules/cases/clock/calendar.js';
import { ClockInputError, computeClock } from '../modules/cases/clock/deadlines.js';
import { NATIONAL_RULE_SETS, selectRuleSet, typeRuleOf } from '../modules/cases/clock/rules.js';

/** The options as commander parses them. */
export interface DeadlinesOptions {
  type?: string;
  round?: string;
  received?: string;
  accepted?: string;
  concluded?: string;
  complex?: boolean;
  veryComplex?: boolean;
  remote?: boolean;
  severalPlaces?: boolean;
  extensions?: string;
  suspended?: string[];
}

/** A command-line mistake, with its message in Vietnamese and English. */
export class DeadlinesArgError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'DeadlinesArgError';
  }
}

/** Commander collector for the repeatable `--suspended FROM:TO`. */
export function collectSuspended(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseType(raw: string | undefined): CaseType {
  const type = raw?.trim().replace(/-/g, '_');
  const known = CASE_TYPES.find((t) => t === type);
  if (!known) {
    const list = CASE_TYPES.map((t) => t.replace(/_/g, '-')).join(', ');
    throw new DeadlinesArgError(
      `--type phải là một trong: ${list}`,
      `--type must be one of: ${list}`,
    );
  }
  return known;
}

function parseSuspension(raw: string): { from: string; to: string | null } {
  const parts = raw.split(':');
  const [from = '', to = ''] = parts;
  if (parts.length !== 2 || !DATE.test(from) || (to !== '' && !DATE.test(to)))
    throw new DeadlinesArgError(
      `--suspended phải có dạng YYYY-MM-DD:YYYY-MM-DD (để trống ngày cuối, YYYY-MM-DD:, nếu còn tạm đình chỉ): "${raw}"`,
      `--suspended must be YYYY-MM-DD:YYYY-MM-DD (YYYY-MM-DD: while still suspended): "${raw}"`,
    );
  return { from, to: to === '' ? null : to };
}

/**
 * The clock input the options describe. `--extensions N` means N extensions of the longest
 * length the rule set in force allows.
 */
export function clockInputOf(o: DeadlinesOptions): ClockInput {
  const type = parseType(o.type);
  if (o.round !== '1' && o.round !== '2')
    throw new DeadlinesArgError('--round phải là 1 hoặc 2', '--round must be 1 or 2');
  const round = o.round === '1' ? 1 : 2;
  if (!o.received)
    throw new DeadlinesArgError('Thiếu --received YYYY-MM-DD', '--received YYYY-MM-DD is missing');
  if (o.complex && o.veryComplex)
    throw new DeadlinesArgError(
      'Chỉ chọn một trong --complex và --very-complex',
      'Choose only one of --complex and --very-complex',
    );
  const count = o.extensions === undefined ? 0 : Number(o.extensions);
  if (!Number.isInteger(count) || count < 0 || count > 10)
    throw new DeadlinesArgError(
      '--extensions phải là số nguyên từ 0 đến 10',
      '--extensions must be a whole number from 0 to 10',
    );
  let extensions: number[] = [];
  if (count > 0) {
    const set = selectRuleSet(NATIONAL_RULE_SETS, o.received);
    const rule = set && typeRuleOf(set, type, round);
    extensions = Array<number>(count).fill(rule?.extensions?.maxDaysEach ?? 1);
  }
  return {
    type,
    round,
    received: o.received,
    accepted: o.accepted ?? null,
    concluded: o.concluded ?? null,
    complexity: o.veryComplex ? 'very_complex' : o.complex ? 'complex' : 'normal',
    remote: o.remote ?? false,
    severalPlaces: o.severalPlaces ?? false,
    extensions,
    suspensions: (o.suspended ?? []).map(parseSuspension),
  };
}

/** The case's clock under the national rule sets and the rule calendar. */
export function cliDeadlines(o: DeadlinesOptions): ClockResult {
  return computeClock(clockInputOf(o), NATIONAL_RULE_SETS, ruleCalendar());
}

/**
 * Runs the command: the ClockResult as pretty JSON on `out` and exit code 0, or a message
 * (Vietnamese, then English) on `err` and exit code 1.
 */
export function runDeadlines(
  o: DeadlinesOptions,
  io: { out: (s: string) => void; err: (s: string) => void } = {
    out: (s) => console.log(s),
    err: (s) => console.error(s),
  },
): number {
  try {
    io.out(JSON.stringify(cliDeadlines(o), null, 2));
    return 0;
  } catch (e) {
    if (e instanceof DeadlinesArgError) {
      io.err(`Lỗi / error: ${e.vi} / ${e.en}`);
    } else if (e instanceof ClockInputError) {
      io.err(`Lỗi / error ${e.code}: ${e.vi} / ${e.en}\n${JSON.stringify(e.details)}`);
    } else {
      throw e;
    }
    return 1;
  }
}
