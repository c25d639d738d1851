import type { CaseComplexity, CaseType, ClockInput, ClockResult, RuleSet } from '@hoi/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween, ruleCalendar, shiftDate } from './calendar.js';
import { ClockInputError, MILESTONE_KEYS, computeClock } from './deadlines.js';
import { NATIONAL_RULE_SETS } from './rules.js';

const cal = ruleCalendar();
const clock = (input: ClockInput, sets: readonly RuleSet[] = NATIONAL_RULE_SETS) =>
  computeClock(input, sets, cal);
const dates = (r: ClockResult) => Object.fromEntries(r.milestones.map((m) => [m.key, m.date]));
const milestone = (r: ClockResult, key: string) => r.milestones.find((m) => m.key === key);
const errorOf = (f: () => unknown): ClockInputError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ClockInputError) return e;
    throw e;
  }
  throw new Error('expected a ClockInputError');
};

describe('computeClock — worked examples', () => {
  it('keeps the documented milestone keys', () => {
    expect(MILESTONE_KEYS).toEqual([
      'acceptance_due',
      'initial_processing_due',
      'forward_due',
      'notify_accused_due',
      'resolution_due',
      'resolution_due_extended',
      'overdue_report_due',
      'publication_until',
      'finality_date',
      'second_round_window_end',
    ]);
  });

  it('a denunciation received just before Tết 2026 (7 working days skip 14–22/2)', () => {
    // Received Tue 10/2. Working days: Wed 11, Thu 12, Fri 13 (3); 14–15 weekend, 16–20 Tết,
    // 21–22 weekend; Mon 23 (4), 24 (5), 25 (6), Thu 26 (7) → initial processing due 26/2.
    // Forwarding, 5 working days: 11, 12, 13, 23, 24 → 24/2.
    // Acceptance not recorded → assumed 26/2. Notices, 5 working days: 27/2, 2, 3, 4, 5/3 → 5/3.
    // Resolution, 30 days from 26/2: 28/3 (Saturday) → Monday 30/3.
    // Overdue report, 5 working days after 30/3: 31/3, 1, 2, 3, 6/4 → 6/4.
    const r = clock({ type: 'denunciation', round: 1, received: '2026-02-10' });
    expect(r.ruleSet.code).toBe('VN-2019');
    expect(dates(r)).toEqual({
      initial_processing_due: '2026-02-26',
      forward_due: '2026-02-24',
      notify_accused_due: '2026-03-05',
      resolution_due: '2026-03-30',
      overdue_report_due: '2026-04-06',
    });
    expect(milestone(r, 'initial_processing_due')).toMatchObject({
      from: 'received',
      fromDate: '2026-02-10',
      days: 7,
      unit: 'working_days',
      assumed: false,
    });
    expect(milestone(r, 'resolution_due')).toMatchObject({ fromDate: '2026-02-26', assumed: true });
    expect(milestone(r, 'resolution_due')?.article).toMatch(/Điều 30 Luật Tố cáo/);
    expect(r.warnings.join()).toMatch(/giả định thụ lý vào ngày 2026-02-26/);
  });

  it('takes 10 working days if several places must be checked', () => {
    // 11, 12, 13, 23, 24, 25, 26, 27/2, 2, 3/3 → 3/3.
    const r = clock({
      type: 'denunciation',
      round: 1,
      received: '2026-02-10',
      severalPlaces: true,
    });
    expect(milestone(r, 'initial_processing_due')).toMatchObject({ date: '2026-03-03', days: 10 });
  });

  it('a complaint received on 30/6/2026 vs 1/7/2026: 10 vs 7 working days to accept', () => {
    // 30/6 (Tue): 1, 2, 3, 6, 7, 8, 9, 10, 13, 14/7 → 14/7 (VN-2019).
    // 1/7 (Wed): 2, 3, 6, 7, 8, 9, 10/7 → 10/7 (VN-2026-07, Decree 155/2026).
    const before = clock({ type: 'complaint', round: 1, received: '2026-06-30' });
    const after = clock({ type: 'complaint', round: 1, received: '2026-07-01' });
    expect(before.ruleSet.code).toBe('VN-2019');
    expect(after.ruleSet.code).toBe('VN-2026-07');
    expect(milestone(before, 'acceptance_due')).toMatchObject({ date: '2026-07-14', days: 10 });
    expect(milestone(after, 'acceptance_due')).toMatchObject({ date: '2026-07-10', days: 7 });
    // Then 30 days: 14/7 → 13/8 (Thu); 10/7 → 9/8 (Sunday) → Monday 10/8.
    expect(dates(before).resolution_due).toBe('2026-08-13');
    expect(dates(after).resolution_due).toBe('2026-08-10');
    // Not concluded: the second-round window runs from the expired deadline (Art. 33), and the
    // decision is projected onto the deadline for finality: 13/8 + 30 = 12/9 (Sat) → 14/9.
    expect(milestone(before, 'second_round_window_end')).toMatchObject({
      date: '2026-09-14',
      from: 'resolution_due',
      assumed: true,
    });
    expect(milestone(before, 'finality_date')).toMatchObject({ date: '2026-09-14', assumed: true });
  });

  it('rolls a calendar-day deadline off a Sunday holiday and its compensatory day', () => {
    // Accepted Fri 27/3/2026; 30 days → Sun 26/4 (Giỗ Tổ), Mon 27/4 compensatory → Tue 28/4.
    const r = clock({
      type: 'complaint',
      round: 1,
      received: '2026-03-20',
      accepted: '2026-03-27',
    });
    expect(dates(r).resolution_due).toBe('2026-04-28');
    // A dispute received Mon 3/8/2026: 30 days → Wed 2/9 (Quốc khánh; 1/9 off too) → Thu 3/9.
    expect(dates(clock({ type: 'dispute', round: 1, received: '2026-08-03' }))).toEqual({
      resolution_due: '2026-09-03',
    });
  });

  it('uses the remote and complex figures; second round 70 days', () => {
    // Round 2, accepted Mon 10/8/2026, remote + complex: 70 days → 19/10 (Monday).
    const r = clock({
      type: 'complaint',
      round: 2,
      received: '2026-08-03',
      accepted: '2026-08-10',
      complexity: 'complex',
      remote: true,
    });
    expect(milestone(r, 'resolution_due')).toMatchObject({ date: '2026-10-19', days: 70 });
    // Finality (remote 45 days) projected from 19/10: 3/12 (Thursday).
    expect(milestone(r, 'finality_date')).toMatchObject({ date: '2026-12-03', days: 45 });
    expect(milestone(r, 'second_round_window_end')).toBeUndefined();
    expect(milestone(r, 'acceptance_due')?.days).toBe(7);
  });

  it('counts finality, the second-round window and publication from the decision', () => {
    // Complaint decided Mon 30/3/2026: + 30 days = Wed 29/4.
    const complaint = clock({
      type: 'complaint',
      round: 1,
      received: '2026-03-02',
      accepted: '2026-03-09',
      concluded: '2026-03-30',
    });
    expect(milestone(complaint, 'finality_date')).toMatchObject({
      date: '2026-04-29',
      assumed: false,
    });
    expect(milestone(complaint, 'second_round_window_end')).toMatchObject({
      date: '2026-04-29',
      from: 'concluded',
    });
    // Denunciation concluded Fri 3/4/2026: published at least 15 days → Sat 18/4 → Mon 20/4; no
    // overdue report once concluded.
    const denunciation = clock({
      type: 'denunciation',
      round: 1,
      received: '2026-03-02',
      accepted: '2026-03-09',
      concluded: '2026-04-03',
    });
    expect(dates(denunciation)).toMatchObject({
      resolution_due: '2026-04-08',
      publication_until: '2026-04-20',
    });
    expect(milestone(denunciation, 'overdue_report_due')).toBeUndefined();
    expect(denunciation.warnings).toEqual([]);
  });

  it('adds each extension as a period after the previous deadline', () => {
    // Very complex denunciation accepted Mon 2/3/2026: due 1/4 (Wed). Extension 1: +30 = 1/5
    // (holiday) → Mon 4/5. Extension 2: +30 from 4/5 = Wed 3/6.
    const r = clock({
      type: 'denunciation',
      round: 1,
      received: '2026-02-23',
      accepted: '2026-03-02',
      complexity: 'very_complex',
      extensions: [30, 30],
    });
    expect(dates(r).resolution_due).toBe('2026-04-01');
    expect(milestone(r, 'resolution_due_extended')).toMatchObject({
      date: '2026-06-03',
      from: 'resolution_due',
      fromDate: '2026-04-01',
      days: 60,
    });
    expect(dates(r).overdue_report_due).toBe('2026-06-10');
  });

  it('does not count suspended days; an open suspension leaves the deadline undated', () => {
    // Petition received Mon 2/3/2026, 10 working days → 16/3; suspended Thu 5–Fri 6/3 → 18/3.
    const plain = clock({ type: 'petition', round: 1, received: '2026-03-02' });
    const held = clock({
      type: 'petition',
      round: 1,
      received: '2026-03-02',
      suspensions: [{ from: '2026-03-05', to: '2026-03-06' }],
    });
    expect(dates(plain).resolution_due).toBe('2026-03-16');
    expect(dates(held).resolution_due).toBe('2026-03-18');
    const open = clock({
      type: 'denunciation',
      round: 1,
      received: '2026-03-02',
      accepted: '2026-03-09',
      extensions: [],
      suspensions: [{ from: '2026-03-20', to: null }],
    });
    expect(milestone(open, 'notify_accused_due')?.date).toBe('2026-03-16');
    expect(milestone(open, 'resolution_due')?.date).toBeNull();
    expect(milestone(open, 'overdue_report_due')).toBeUndefined();
    expect(open.warnings.join()).toMatch(/Đang tạm đình chỉ từ 2026-03-20/);
  });

  it('ignores suspensions, with a warning, where the rule set allows none', () => {
    const r = clock({
      type: 'complaint',
      round: 1,
      received: '2026-03-02',
      accepted: '2026-03-09',
      suspensions: [{ from: '2026-03-10', to: '2026-03-20' }],
    });
    expect(dates(r).resolution_due).toBe('2026-04-08');
    expect(r.warnings.join()).toMatch(/không cho tạm đình chỉ/);
  });

  it('warns on late acceptance and late conclusion', () => {
    const r = clock({
      type: 'complaint',
      round: 1,
      received: '2026-03-02',
      accepted: '2026-03-20',
      concluded: '2026-05-20',
    });
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings[0]).toMatch(/^Thụ lý ngày 2026-03-20, sau hạn 2026-03-16 \/ Accepted/);
    expect(r.warnings[1]).toMatch(/^Kết luận ngày 2026-05-20, sau hạn giải quyết 2026-04-20/);
  });

  it('throws typed errors', () => {
    expect(
      errorOf(() => clock({ type: 'denunciation', round: 2, received: '2026-03-02' })).code,
    ).toBe('CASE_ROUND_INVALID');
    const tooMany = errorOf(() =>
      clock({
        type: 'denunciation',
        round: 1,
        received: '2026-03-02',
        complexity: 'complex',
        extensions: [30, 10],
      }),
    );
    expect(tooMany.code).toBe('CASE_EXTENSION_LIMIT');
    expect(tooMany.details).toMatchObject({ maxCount: 1, maxDaysEach: 30, given: [30, 10] });
    expect(tooMany.vi).toMatch(/Gia hạn/);
    expect(
      errorOf(() =>
        clock({
          type: 'denunciation',
          round: 1,
          received: '2026-03-02',
          complexity: 'very_complex',
          extensions: [31],
        }),
      ).code,
    ).toBe('CASE_EXTENSION_LIMIT');
    expect(
      errorOf(() => clock({ type: 'complaint', round: 1, received: '2026-03-02', extensions: [5] }))
        .code,
    ).toBe('CASE_EXTENSION_LIMIT');
    const bad = errorOf(() =>
      clock({ type: 'petition', round: 1, received: '2026-03-02', accepted: '2026-03-01' }),
    );
    expect(bad.code).toBe('CASE_CLOCK_INPUT');
    expect(bad.details).toMatchObject({ issues: [{ path: ['accepted'] }] });
    expect(errorOf(() => clock({ type: 'petition', round: 1, received: '2026-02-30' })).code).toBe(
      'CASE_CLOCK_INPUT',
    );
    expect(
      errorOf(() => clock({ type: 'petition', round: 1, received: '2018-12-31' })).details,
    ).toMatchObject({
      reason: 'no_rule_set',
    });
  });
});

// ---- properties ----------------------------------------------------------------------------

const START = Date.parse('2019-01-01T00:00:00Z') / 86_400_000;
const dayArb = (from = 0, span = 365 * 16) =>
  fc
    .integer({ min: from, max: from + span })
    .map((n) => new Date((START + n) * 86_400_000).toISOString().slice(0, 10));
const caseArb = fc.record({
  type: fc.constantFrom<CaseType>(
    'complaint',
    'complaint_discipline',
    'denunciation',
    'petition',
    'dispute',
  ),
  second: fc.boolean(),
  complexity: fc.constantFrom<CaseComplexity>('normal', 'complex', 'very_complex'),
  remote: fc.boolean(),
  severalPlaces: fc.boolean(),
});
type CaseShape = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;
const inputOf = (c: CaseShape, received: string): ClockInput => ({
  type: c.type,
  round: c.second && c.type.startsWith('complaint') ? 2 : 1,
  received,
  complexity: c.complexity,
  remote: c.remote,
  severalPlaces: c.severalPlaces,
});

describe('computeClock — properties', () => {
  it('(a) every deadline falls on a working day, never a weekend or holiday', () => {
    fc.assert(
      fc.property(caseArb, dayArb(), (c, received) => {
        const r = clock(inputOf(c, received));
        for (const m of r.milestones) {
          expect(m.date).not.toBeNull();
          expect(cal.isWorkingDay(m.date!)).toBe(true);
        }
        // …and the milestones come in the documented key order.
        const keys: string[] = r.milestones.map((m) => m.key);
        expect(keys).toEqual(MILESTONE_KEYS.filter((k) => keys.includes(k)));
      }),
      { numRuns: 300 },
    );
  });

  it('(b) a suspension shifts a deadline by exactly the suspended days of its unit', () => {
    fc.assert(
      fc.property(
        dayArb(),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 25 }),
        (received, offset, length) => {
          const from = shiftDate(received, offset);
          const suspension = { from, to: shiftDate(from, length - 1) };
          const suspended = (d: string) => d >= suspension.from && d <= suspension.to;
          // Working days (petition, 10 working days): shift = suspended working days in the window.
          const base = clock({ type: 'petition', round: 1, received });
          const held = clock({ type: 'petition', round: 1, received, suspensions: [suspension] });
          const [before, after] = [dates(base).resolution_due!, dates(held).resolution_due!];
          let suspendedWorkingDays = 0;
          for (let d = shiftDate(received, 1); d <= after; d = shiftDate(d, 1))
            if (suspended(d) && cal.isWorkingDay(d)) suspendedWorkingDays++;
          expect(cal.workingDaysBetween(before, after)).toBe(suspendedWorkingDays);
          // Calendar days (dispute, 30 days): inside the window the shift is the suspension length.
          if (suspension.to <= shiftDate(received, 30)) {
            const dispute = clock({
              type: 'dispute',
              round: 1,
              received,
              suspensions: [suspension],
            });
            expect(dates(dispute).resolution_due).toBe(cal.addCalendarDays(received, 30 + length));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('(c) accepts exactly the extension lists the rule allows', () => {
    const maxCount = { normal: 0, complex: 1, very_complex: 2 };
    fc.assert(
      fc.property(
        caseArb,
        dayArb(),
        fc.array(fc.integer({ min: 1, max: 45 }), { maxLength: 4 }),
        (c, received, extensions) => {
          // Only denunciations have extensions in the national sets.
          if (c.type !== 'denunciation' && extensions.length > 0)
            expect(errorOf(() => clock({ ...inputOf(c, received), extensions })).code).toBe(
              'CASE_EXTENSION_LIMIT',
            );
          const input = {
            ...inputOf(c, received),
            type: 'denunciation' as const,
            round: 1 as const,
            extensions,
          };
          const allowed =
            extensions.length <= maxCount[c.complexity] && extensions.every((d) => d <= 30);
          if (!allowed) {
            expect(errorOf(() => clock(input)).code).toBe('CASE_EXTENSION_LIMIT');
            return;
          }
          const r = clock(input);
          const extended = milestone(r, 'resolution_due_extended');
          if (extensions.length === 0) {
            expect(extended).toBeUndefined();
            return;
          }
          const due = dates(r).resolution_due!;
          expect(daysBetween(due, extended!.date!)).toBeGreaterThanOrEqual(extended!.days);
          expect(extended!.days).toBe(extensions.reduce((a, b) => a + b, 0));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('(d) deadlines never move earlier when the case is received later (one rule set)', () => {
    for (const set of NATIONAL_RULE_SETS)
      fc.assert(
        fc.property(caseArb, dayArb(), fc.integer({ min: 0, max: 40 }), (c, received, later) => {
          const a = clock(inputOf(c, received), [{ ...set, effectiveFrom: '2000-01-01' }]);
          const b = clock(inputOf(c, shiftDate(received, later)), [
            { ...set, effectiveFrom: '2000-01-01' },
          ]);
          expect(b.milestones.map((m) => m.key)).toEqual(a.milestones.map((m) => m.key));
          a.milestones.forEach((m, i) => expect(b.milestones[i]!.date! >= m.date!).toBe(true));
        }),
        { numRuns: 200 },
      );
    // Across the 1/7/2026 change they can: 30/6 → 14/7 but 1/7 → 10/7 (see the worked example).
  });
});
