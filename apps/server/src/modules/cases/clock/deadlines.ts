/**
 * The statutory clock of a case: from its dates, complexity, extensions and suspensions, the
 * dates of its milestones under the rule set in force on the day it was received. Pure: the
 * calendar and the rule sets are passed in.
 *
 * Milestone keys (stable; the UI, notifications and stored filters use them), in output order:
 * - `acceptance_due`          complaints: last day to accept (thụ lý) or refuse
 * - `initial_processing_due`  denunciations: last day of initial processing (7/10 working days)
 * - `forward_due`             denunciations: last day to forward one that is not ours
 * - `notify_accused_due`      denunciations: last day to notify both sides after acceptance
 * - `resolution_due`          last day to resolve (decision / conclusion), before extensions
 * - `resolution_due_extended` the same with the extensions granted (only when there are some)
 * - `overdue_report_due`      denunciations not concluded: report due if overdue (assumed trigger)
 * - `publication_until`       denunciations concluded: earliest end of publishing the conclusion
 * - `finality_date`           complaints: the decision becomes final (legally effective)
 * - `second_round_window_end` first-round complaints: last day to file the second round
 *
 * A milestone is listed only when its rule exists in the set and its trigger is known or can be
 * assumed; `assumed` says the date rests on an assumed trigger (acceptance not recorded →
 * assumed on the acceptance deadline; not concluded → assumed on the resolution deadline).
 * `date` is null while an open-ended suspension holds the clock.
 */
import type {
  CaseComplexity,
  ClockInput,
  ClockResult,
  ClockTrigger,
  Milestone,
  MilestoneRule,
  RuleSet,
  TypeRule,
} from '@hoi/contracts';
import { ClockInputSchema } from '@hoi/contracts';
import type { WorkingCalendar } from './calendar.js';
import { selectRuleSet, typeRuleOf } from './rules.js';

export type { ClockInput, ClockResult, Milestone } from '@hoi/contracts';

export type ClockErrorCode = 'CASE_EXTENSION_LIMIT' | 'CASE_ROUND_INVALID' | 'CASE_CLOCK_INPUT';

const ERROR_TEXT: Record<ClockErrorCode, { vi: string; en: string }> = {
  CASE_EXTENSION_LIMIT: {
    vi: 'Gia hạn vượt quá số lần hoặc số ngày quy định',
    en: 'The extensions exceed the number or length the rules allow',
  },
  CASE_ROUND_INVALID: {
    vi: 'Loại đơn này không có giải quyết lần hai',
    en: 'This case type has no second round',
  },
  CASE_CLOCK_INPUT: {
    vi: 'Dữ liệu để tính thời hạn không hợp lệ',
    en: 'The data to compute the deadlines is invalid',
  },
};

/** Input the clock cannot compute from; `vi`/`en` give the message in both languages. */
export class ClockInputError extends Error {
  constructor(
    public code: ClockErrorCode,
    public details: Record<string, unknown>,
  ) {
    super(`${code}: ${ERROR_TEXT[code].en}`);
    this.name = 'ClockInputError';
  }
  get vi(): string {
    return ERROR_TEXT[this.code].vi;
  }
  get en(): string {
    return ERROR_TEXT[this.code].en;
  }
}

/** Labels of the milestone keys, in output order. */
export const MILESTONE_LABELS = {
  acceptance_due: { vi: 'Hạn thụ lý', en: 'Acceptance due' },
  initial_processing_due: { vi: 'Hạn xử lý ban đầu', en: 'Initial processing due' },
  forward_due: {
    vi: 'Hạn chuyển đơn (nếu không thuộc thẩm quyền)',
    en: 'Forwarding due (if not competent)',
  },
  notify_accused_due: {
    vi: 'Hạn thông báo thụ lý và nội dung tố cáo',
    en: 'Notices after acceptance due',
  },
  resolution_due: { vi: 'Hạn giải quyết', en: 'Resolution due' },
  resolution_due_extended: {
    vi: 'Hạn giải quyết sau gia hạn',
    en: 'Resolution due after extensions',
  },
  overdue_report_due: { vi: 'Hạn báo cáo khi quá hạn giải quyết', en: 'Overdue report due' },
  publication_until: {
    vi: 'Công khai kết luận ít nhất đến',
    en: 'Publish the conclusion at least until',
  },
  finality_date: { vi: 'Quyết định có hiệu lực pháp luật', en: 'Decision becomes final' },
  second_round_window_end: { vi: 'Hạn khiếu nại lần hai', en: 'Second-round filing window ends' },
} as const satisfies Record<string, { vi: string; en: string }>;
export type MilestoneKey = keyof typeof MILESTONE_LABELS;
export const MILESTONE_KEYS = Object.keys(MILESTONE_LABELS) as MilestoneKey[];

/** Days of a rule for the case's circumstances; the larger figure wins where two variants apply. */
export function daysFor(
  rule: MilestoneRule,
  c: { complexity?: CaseComplexity; remote?: boolean; severalPlaces?: boolean },
): number {
  const complexity = c.complexity ?? 'normal';
  const complexDays =
    complexity === 'very_complex'
      ? (rule.veryComplex ?? rule.complex ?? rule.days)
      : complexity === 'complex'
        ? (rule.complex ?? rule.days)
        : rule.days;
  let days = complexDays;
  if (c.remote)
    days =
      complexity !== 'normal' && rule.remoteComplex !== undefined
        ? rule.remoteComplex
        : Math.max(rule.remote ?? rule.days, complexDays);
  if (c.severalPlaces && rule.severalPlaces !== undefined)
    days = Math.max(days, rule.severalPlaces);
  return days;
}

/** The end of a period of `days` in `unit` after `from`, skipping days for which `skip` holds. */
export function periodEnd(
  calendar: WorkingCalendar,
  unit: MilestoneRule['unit'],
  from: string,
  days: number,
  skip?: (iso: string) => boolean,
): string {
  return unit === 'working_days'
    ? calendar.addWorkingDays(from, days, skip)
    : calendar.addCalendarDays(from, days, skip);
}

interface Trigger {
  name: ClockTrigger;
  date: string;
  assumed: boolean;
}

function warn(vi: string, en: string): string {
  return `${vi} / ${en}`;
}

function checkExtensions(rule: TypeRule, complexity: CaseComplexity, extensions: number[]): void {
  if (extensions.length === 0) return;
  const limit = rule.extensions;
  const maxCount = !limit
    ? 0
    : complexity === 'very_complex'
      ? limit.maxCount.veryComplex
      : complexity === 'complex'
        ? limit.maxCount.complex
        : limit.maxCount.normal;
  const tooLong = extensions.filter((d) => !limit || d > limit.maxDaysEach);
  if (extensions.length > maxCount || tooLong.length > 0)
    throw new ClockInputError('CASE_EXTENSION_LIMIT', {
      complexity,
      given: extensions,
      maxCount,
      maxDaysEach: limit?.maxDaysEach ?? 0,
      article: limit?.article ?? null,
    });
}

/**
 * The milestones of a case.
 *
 * Working-day rules count working days of `calendar`; calendar-day rules count every day and end
 * on the next working day if the last one is off (Civil Code Arts. 147–148). Suspended days
 * (inclusive ranges, when the rule set allows suspension) do not count towards the handling
 * milestones, so a suspension shifts them by the suspended days of their unit inside the window.
 * Each extension is a further period of its days after the previous deadline, in the unit of
 * the resolution rule.
 *
 * @throws ClockInputError CASE_CLOCK_INPUT (bad dates, no rule set), CASE_ROUND_INVALID,
 *   CASE_EXTENSION_LIMIT (more or longer extensions than the rule allows).
 * @example computeClock({ type: 'denunciation', round: 1, received: '2026-02-10' },
 *   [...NATIONAL_RULE_SETS], ruleCalendar()).milestones[0] // initial_processing_due 2026-02-26
 */
export function computeClock(
  input: ClockInput,
  ruleSets: readonly RuleSet[],
  calendar: WorkingCalendar,
): ClockResult {
  const parsed = ClockInputSchema.safeParse(input);
  if (!parsed.success)
    throw new ClockInputError('CASE_CLOCK_INPUT', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    });
  const c = parsed.data;
  const complexity = c.complexity ?? 'normal';
  const ruleSet = selectRuleSet(ruleSets, c.received);
  if (!ruleSet)
    throw new ClockInputError('CASE_CLOCK_INPUT', { reason: 'no_rule_set', received: c.received });
  const rule = typeRuleOf(ruleSet, c.type, c.round);
  if (!rule)
    throw new ClockInputError('CASE_ROUND_INVALID', {
      type: c.type,
      round: c.round,
      ruleSet: ruleSet.code,
    });
  const extensions = c.extensions ?? [];
  checkExtensions(rule, complexity, extensions);

  const warnings: string[] = [];
  const suspensions = c.suspensions ?? [];
  if (suspensions.length > 0 && !rule.suspension.allowed) {
    warnings.push(
      warn(
        `Bộ quy tắc không cho tạm đình chỉ (${rule.suspension.article}); bỏ qua các khoảng tạm đình chỉ`,
        'The rule set allows no suspension; the suspended periods are ignored',
      ),
    );
  }
  const active = rule.suspension.allowed ? suspensions : [];
  const closed = active.filter((s) => s.to !== null);
  const openFrom = active
    .filter((s) => s.to === null)
    .map((s) => s.from)
    .sort()[0];
  const skip = closed.length
    ? (d: string) => closed.some((s) => s.from <= d && d <= (s.to ?? d))
    : undefined;
  if (openFrom)
    warnings.push(
      warn(
        `Đang tạm đình chỉ từ ${openFrom}: chưa xác định được các hạn còn chạy`,
        `Suspended since ${openFrom}: deadlines still running cannot be dated yet`,
      ),
    );

  const milestones: Milestone[] = [];
  /** Adds a milestone; returns its date (null while an open suspension holds it). */
  const add = (
    key: MilestoneKey,
    r: MilestoneRule,
    trigger: Trigger,
    opts: { suspendable: boolean },
  ): string | null => {
    const days = daysFor(r, { complexity, remote: c.remote, severalPlaces: c.severalPlaces });
    let date: string | null = periodEnd(
      calendar,
      r.unit,
      trigger.date,
      days,
      opts.suspendable ? skip : undefined,
    );
    if (opts.suspendable && openFrom && date >= openFrom) date = null;
    milestones.push({
      key,
      ...MILESTONE_LABELS[key],
      date,
      from: trigger.name,
      fromDate: trigger.date,
      days,
      unit: r.unit,
      article: r.article,
      assumed: trigger.assumed,
    });
    return date;
  };

  const received: Trigger = { name: 'received', date: c.received, assumed: false };
  const acceptDue = rule.acceptance
    ? add('acceptance_due', rule.acceptance, received, { suspendable: true })
    : undefined;
  const initialDue = rule.initialProcessing
    ? add('initial_processing_due', rule.initialProcessing, received, { suspendable: true })
    : undefined;
  if (rule.forwarding) add('forward_due', rule.forwarding, received, { suspendable: true });

  // Acceptance: recorded, else assumed on the acceptance (or initial processing) deadline;
  // undefined = no such rule, null = held by an open suspension.
  const acceptanceDeadline = rule.acceptance ? acceptDue : initialDue;
  let accepted: Trigger | null = null;
  if (c.accepted) {
    accepted = { name: 'accepted', date: c.accepted, assumed: false };
    if (acceptanceDeadline && c.accepted > acceptanceDeadline)
      warnings.push(
        warn(
          `Thụ lý ngày ${c.accepted}, sau hạn ${acceptanceDeadline}`,
          `Accepted on ${c.accepted}, after the deadline ${acceptanceDeadline}`,
        ),
      );
  } else if (acceptanceDeadline) {
    accepted = { name: 'accepted', date: acceptanceDeadline, assumed: true };
    warnings.push(
      warn(
        `Chưa ghi ngày thụ lý: giả định thụ lý vào ngày ${acceptanceDeadline}`,
        `Acceptance not recorded: assumed on ${acceptanceDeadline}`,
      ),
    );
  } else if (acceptanceDeadline === undefined) {
    accepted = { name: 'accepted', date: c.received, assumed: true };
  }

  const concluded: Trigger | null = c.concluded
    ? { name: 'concluded', date: c.concluded, assumed: false }
    : null;
  const triggers: Partial<Record<ClockTrigger, Trigger | null>> = { received, accepted, concluded };

  if (rule.notifyAccused && accepted)
    add('notify_accused_due', rule.notifyAccused, accepted, { suspendable: true });

  let resolutionDue: Trigger | null = null;
  const resolutionFrom = triggers[rule.resolution.from];
  if (resolutionFrom) {
    let due = add('resolution_due', rule.resolution, resolutionFrom, { suspendable: true });
    if (due && extensions.length > 0) {
      const start: Trigger = { name: 'resolution_due', date: due, assumed: resolutionFrom.assumed };
      for (const days of extensions) {
        due = periodEnd(calendar, rule.resolution.unit, due, days, skip);
        if (openFrom && due >= openFrom) {
          due = null;
          break;
        }
      }
      milestones.push({
        key: 'resolution_due_extended',
        ...MILESTONE_LABELS.resolution_due_extended,
        date: due,
        from: start.name,
        fromDate: start.date,
        days: extensions.reduce((a, b) => a + b, 0),
        unit: rule.resolution.unit,
        article: rule.extensions?.article ?? rule.resolution.article,
        assumed: start.assumed,
      });
    }
    if (due) resolutionDue = { name: 'resolution_due', date: due, assumed: resolutionFrom.assumed };
  }
  triggers.resolution_due = resolutionDue;
  triggers.concluded_or_resolution_due = concluded ?? resolutionDue;

  if (concluded && resolutionDue && concluded.date > resolutionDue.date && !resolutionDue.assumed)
    warnings.push(
      warn(
        `Kết luận ngày ${concluded.date}, sau hạn giải quyết ${resolutionDue.date}`,
        `Concluded on ${concluded.date}, after the deadline ${resolutionDue.date}`,
      ),
    );

  if (rule.overdueReport && !concluded && resolutionDue) {
    const from = triggers[rule.overdueReport.from];
    if (from)
      add(
        'overdue_report_due',
        rule.overdueReport,
        { ...from, assumed: true },
        { suspendable: false },
      );
  }
  if (rule.publication && concluded) {
    const from = triggers[rule.publication.from];
    if (from) add('publication_until', rule.publication, from, { suspendable: false });
  }
  // Not concluded yet: project the decision onto the resolution deadline.
  const projected: Trigger | null = resolutionDue && {
    ...resolutionDue,
    name: 'concluded',
    assumed: true,
  };
  if (rule.finality) {
    const from =
      rule.finality.from === 'concluded' ? (concluded ?? projected) : triggers[rule.finality.from];
    if (from) add('finality_date', rule.finality, from, { suspendable: false });
  }
  if (rule.secondRoundWindow) {
    const from = triggers[rule.secondRoundWindow.from];
    if (from) add('second_round_window_end', rule.secondRoundWindow, from, { suspendable: false });
  }

  return {
    type: c.type,
    round: c.round,
    received: c.received,
    ruleSet: {
      code: ruleSet.code,
      effectiveFrom: ruleSet.effectiveFrom,
      citation: ruleSet.citation,
    },
    milestones,
    warnings,
  };
}
