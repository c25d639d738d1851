import { CASE_TYPE_ROUNDS, CASE_TYPES, RuleSetSchema, type RuleSet } from '@hoi/contracts';
import { describe, expect, it } from 'vitest';
import { NATIONAL_RULE_SETS, selectRuleSet, typeRuleOf } from './rules.js';

const [VN_2019, VN_2026] = NATIONAL_RULE_SETS as [RuleSet, RuleSet];
const clone = (): RuleSet => structuredClone(VN_2019);

describe('national rule sets', () => {
  it('pass the schema admins submit edited sets through', () => {
    for (const set of NATIONAL_RULE_SETS) expect(RuleSetSchema.parse(set)).toEqual(set);
  });

  it('seed the statutory numbers of VIETNAM_RULES §3 (2019 set)', () => {
    const complaint1 = typeRuleOf(VN_2019, 'complaint', 1)!;
    expect(complaint1.acceptance).toMatchObject({
      days: 10,
      unit: 'working_days',
      from: 'received',
    });
    expect(complaint1.resolution).toMatchObject({
      days: 30,
      complex: 45,
      remote: 45,
      remoteComplex: 60,
      unit: 'calendar_days',
      from: 'accepted',
    });
    expect(complaint1.secondRoundWindow).toMatchObject({ days: 30, remote: 45 });
    expect(complaint1.finality).toMatchObject({ days: 30, remote: 45, from: 'concluded' });
    const complaint2 = typeRuleOf(VN_2019, 'complaint', 2)!;
    expect(complaint2.resolution).toMatchObject({
      days: 45,
      complex: 60,
      remote: 60,
      remoteComplex: 70,
    });
    expect(complaint2.secondRoundWindow).toBeUndefined();

    const denunciation = typeRuleOf(VN_2019, 'denunciation', 1)!;
    expect(denunciation.initialProcessing).toMatchObject({
      days: 7,
      severalPlaces: 10,
      unit: 'working_days',
    });
    expect(denunciation.forwarding).toMatchObject({ days: 5, unit: 'working_days' });
    expect(denunciation.notifyAccused).toMatchObject({
      days: 5,
      unit: 'working_days',
      from: 'accepted',
    });
    expect(denunciation.resolution).toMatchObject({ days: 30, unit: 'calendar_days' });
    expect(denunciation.extensions).toMatchObject({
      maxCount: { normal: 0, complex: 1, veryComplex: 2 },
      maxDaysEach: 30,
    });
    expect(denunciation.suspension.allowed).toBe(true);
    expect(denunciation.publication?.days).toBe(15);
    expect(denunciation.reDenunciationReview?.days).toBe(20);
    expect(denunciation.overdueReport).toMatchObject({ days: 5, unit: 'working_days' });

    expect(typeRuleOf(VN_2019, 'petition', 1)!.resolution).toMatchObject({
      days: 10,
      unit: 'working_days',
    });
    expect(typeRuleOf(VN_2019, 'petition', 1)!.resolution.article).toMatch(/05\/2021\/TT-TTCP/);
    expect(typeRuleOf(VN_2019, 'dispute', 1)!.resolution.article).toMatch(
      /Quy định của hội \(mặc định\)/,
    );
    expect(typeRuleOf(VN_2019, 'complaint_discipline', 1)!.secondRoundWindow?.days).toBe(10);
  });

  it('change only complaint acceptance (7 working days) and complaint suspension from 1/7/2026', () => {
    expect(VN_2026.effectiveFrom).toBe('2026-07-01');
    expect(VN_2026.citation).toMatch(/155\/2026.*NGUỒN THỨ CẤP/);
    for (const round of [1, 2] as const) {
      const rule = typeRuleOf(VN_2026, 'complaint', round)!;
      expect(rule.acceptance).toMatchObject({ days: 7, unit: 'working_days' });
      expect(rule.acceptance?.article).toMatch(/nguồn thứ cấp/);
    }
    const strip = (set: RuleSet) => {
      const s = structuredClone(set);
      for (const type of ['complaint', 'complaint_discipline'] as const)
        for (const round of [1, 2] as const) {
          const r = s.rules[type][round];
          delete r.acceptance;
          r.suspension.allowed = false;
          r.suspension.article = '';
          delete r.withdrawal;
        }
      return s.rules;
    };
    expect(strip(VN_2026)).toEqual(strip(VN_2019));
    expect(typeRuleOf(VN_2026, 'complaint_discipline', 1)!.acceptance).toEqual(
      typeRuleOf(VN_2019, 'complaint_discipline', 1)!.acceptance,
    );
  });

  it('are frozen', () => {
    expect(() => {
      (VN_2019 as { code: string }).code = 'X';
    }).toThrow(TypeError);
  });

  it('have a second round only for complaints', () => {
    for (const set of NATIONAL_RULE_SETS)
      for (const type of CASE_TYPES) {
        expect(typeRuleOf(set, type, 1)).not.toBeNull();
        expect(typeRuleOf(set, type, 2) !== null).toBe(CASE_TYPE_ROUNDS[type].includes(2));
      }
  });
});

describe('selectRuleSet', () => {
  it('takes the latest set in force on the receipt date', () => {
    expect(selectRuleSet(NATIONAL_RULE_SETS, '2018-12-31')).toBeNull();
    expect(selectRuleSet(NATIONAL_RULE_SETS, '2019-01-01')?.code).toBe('VN-2019');
    expect(selectRuleSet(NATIONAL_RULE_SETS, '2026-06-30')?.code).toBe('VN-2019');
    expect(selectRuleSet(NATIONAL_RULE_SETS, '2026-07-01')?.code).toBe('VN-2026-07');
    expect(selectRuleSet([...NATIONAL_RULE_SETS].reverse(), '2027-01-01')?.code).toBe('VN-2026-07');
  });

  it('lets a later set in the list win a tie (an association overriding the national set)', () => {
    const own = { ...clone(), code: 'HOI-2026', effectiveFrom: '2026-07-01' };
    expect(selectRuleSet([...NATIONAL_RULE_SETS, own], '2026-08-01')?.code).toBe('HOI-2026');
    expect(selectRuleSet([own, ...NATIONAL_RULE_SETS], '2026-08-01')?.code).toBe('VN-2026-07');
  });
});

describe('RuleSetSchema', () => {
  const issues = (set: unknown) =>
    RuleSetSchema.safeParse(set).error?.issues.map((i) => i.path.join('.')) ?? [];

  it('accepts an edited copy', () => {
    const set = clone();
    set.code = 'HOI-CUSTOM';
    set.rules.petition[1].resolution.days = 15;
    expect(issues(set)).toEqual([]);
  });

  it('rejects day counts that are not whole numbers in 1..365', () => {
    for (const days of [0, -3, 366, 2.5]) {
      const set = clone();
      set.rules.complaint[1].resolution.days = days;
      expect(issues(set)).toEqual(['rules.complaint.1.resolution.days']);
    }
    const set = clone();
    set.rules.denunciation[1].extensions!.maxDaysEach = 400;
    expect(issues(set)).toEqual(['rules.denunciation.1.extensions.maxDaysEach']);
  });

  it('is strict: unknown keys, a second round of a denunciation, a missing type, bad units', () => {
    const extra = clone() as RuleSet & { note?: string };
    extra.note = 'x';
    expect(issues(extra)).toEqual(['']);
    const round2 = clone();
    (round2.rules.denunciation as Record<number, unknown>)[2] = round2.rules.denunciation[1];
    expect(issues(round2)).toEqual(['rules.denunciation']);
    const missing = clone() as { rules: Partial<RuleSet['rules']> };
    delete missing.rules.dispute;
    expect(issues(missing)).toEqual(['rules.dispute']);
    const unit = clone();
    (unit.rules.petition[1].resolution as { unit: string }).unit = 'weeks';
    expect(issues(unit)).toEqual(['rules.petition.1.resolution.unit']);
    const date = clone();
    date.effectiveFrom = '2026-02-30';
    expect(issues(date)).toEqual(['effectiveFrom']);
  });
});
