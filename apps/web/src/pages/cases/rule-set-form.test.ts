import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { RuleSet, TypeRule } from '@hoi/contracts';
import { RuleSetSchema } from '@hoi/contracts';
import {
  copyFormValues,
  milestonesOf,
  numberPathsOf,
  ruleSetFromForm,
  ruleSetInForce,
  suggestCopyCode,
  typeRoundsOf,
} from './rule-set-form';

const simple: TypeRule = {
  resolution: { days: 30, unit: 'calendar_days', from: 'received', article: 'Quy định của hội' },
  suspension: { allowed: true, article: 'Quy định của hội' },
};

function complaint(round: 1 | 2): TypeRule {
  return {
    acceptance: { days: 10, unit: 'working_days', from: 'received', article: 'Điều 27' },
    resolution: {
      days: round === 1 ? 30 : 45,
      unit: 'calendar_days',
      from: 'accepted',
      complex: 45,
      remote: 45,
      remoteComplex: 60,
      article: 'Điều 28',
    },
    suspension: { allowed: false, article: 'Điều 35' },
  };
}

const source: RuleSet = {
  code: 'VN-2019',
  name: { vi: 'Quy định quốc gia', en: 'National rules' },
  effectiveFrom: '2019-01-01',
  citation: 'Luật Khiếu nại 2011; Luật Tố cáo 2018',
  rules: {
    complaint: { 1: complaint(1), 2: complaint(2) },
    complaint_discipline: { 1: simple, 2: simple },
    denunciation: {
      1: {
        initialProcessing: {
          days: 7,
          unit: 'working_days',
          from: 'received',
          severalPlaces: 10,
          article: 'Điều 24',
        },
        resolution: { days: 30, unit: 'calendar_days', from: 'accepted', article: 'Điều 30' },
        extensions: {
          maxCount: { normal: 0, complex: 1, veryComplex: 2 },
          maxDaysEach: 30,
          decidedBy: 'Người giải quyết tố cáo',
          article: 'Điều 30',
        },
        suspension: { allowed: true, article: 'Điều 34' },
      },
    },
    petition: { 1: simple },
    dispute: { 1: simple },
  },
};

describe('the rules of a set, by type and round', () => {
  it('lists every type and round in order, and a round’s deadlines in the order of a case', () => {
    expect(typeRoundsOf(source).map(({ type, round }) => `${type}/${round}`)).toEqual([
      'complaint/1',
      'complaint/2',
      'complaint_discipline/1',
      'complaint_discipline/2',
      'denunciation/1',
      'petition/1',
      'dispute/1',
    ]);
    expect(milestonesOf(complaint(1)).map((m) => m.key)).toEqual(['acceptance', 'resolution']);
  });

  it('finds every number: days, the variants present, extension counts and length', () => {
    const paths = numberPathsOf(source).map((path) => path.join('.'));
    expect(paths).toContain('complaint.1.acceptance.days');
    expect(paths).toContain('complaint.2.resolution.remoteComplex');
    expect(paths).not.toContain('complaint.1.resolution.veryComplex');
    expect(paths).toContain('denunciation.1.initialProcessing.severalPlaces');
    expect(paths).toContain('denunciation.1.extensions.maxCount.veryComplex');
    expect(paths).toContain('denunciation.1.extensions.maxDaysEach');
    expect(paths).toHaveLength(5 + 5 + 1 + 1 + 7 + 1 + 1);
  });
});

describe('copying a set', () => {
  it('suggests a code no listed set uses', () => {
    expect(suggestCopyCode('VN-2019', ['VN-2019'])).toBe('VN-2019-HOI');
    expect(suggestCopyCode('VN-2019', ['vn-2019-hoi', 'VN-2019-HOI-2'])).toBe('VN-2019-HOI-3');
    expect(suggestCopyCode('X'.repeat(60), []).length).toBeLessThanOrEqual(60);
  });

  it('starts from tomorrow with the source’s citation and numbers', () => {
    const values = copyFormValues(source, ['VN-2019'], dayjs('2026-03-10'));
    expect(values.code).toBe('VN-2019-HOI');
    expect(values.effectiveFrom?.format('YYYY-MM-DD')).toBe('2026-03-11');
    expect(values.citation).toBe(source.citation);
    expect(values.rules).toEqual(source.rules);
    expect(values.rules).not.toBe(source.rules);
  });

  it('lays the edited numbers over the source and keeps its texts, units and triggers', () => {
    const values = copyFormValues(source, [], dayjs('2026-03-10'));
    values.rules.complaint[1].resolution.days = 35;
    values.rules.denunciation[1].extensions!.maxDaysEach = 20;
    // What validateFields answers: only the fields on the form, not the whole tree.
    const body = ruleSetFromForm(source, {
      code: ' HOI-2026 ',
      effectiveFrom: dayjs('2026-04-01'),
      name: values.name,
      citation: values.citation,
      rules: {
        complaint: { 1: { resolution: { days: 35 } } },
        denunciation: { 1: { extensions: { maxDaysEach: 20 } } },
      } as unknown as RuleSet['rules'],
    });
    expect(RuleSetSchema.parse(body)).toEqual(body);
    expect(body.code).toBe('HOI-2026');
    expect(body.effectiveFrom).toBe('2026-04-01');
    expect(body.rules.complaint[1].resolution).toEqual({ ...complaint(1).resolution, days: 35 });
    expect(body.rules.complaint[2]).toEqual(complaint(2));
    expect(body.rules.denunciation[1].extensions?.maxDaysEach).toBe(20);
    expect(source.rules.complaint[1].resolution.days).toBe(30);
  });
});

describe('the set in force', () => {
  const own = { ...source, code: 'HOI-2026', effectiveFrom: '2026-07-01' };
  const later = { ...source, code: 'VN-2026-07', effectiveFrom: '2026-07-01' };

  it('is the latest started on or before the day, the later listed on a tie', () => {
    expect(ruleSetInForce([source, later], '2026-06-30')?.code).toBe('VN-2019');
    expect(ruleSetInForce([source, later, own], '2026-07-01')?.code).toBe('HOI-2026');
    expect(ruleSetInForce([later], '2026-01-01')).toBeNull();
  });
});
