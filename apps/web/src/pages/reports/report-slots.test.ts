import { describe, expect, it } from 'vitest';
import type { Indicator, Period, Template, TemplateSection } from '@hoi/contracts';
import {
  buildSaveBody,
  buildSectionRows,
  completenessRates,
  defaultPeriodKey,
  defaultTemplateId,
  formatIndicatorValue,
  lastEndedQuarterKey,
  periodKeysOfYear,
} from './report-slots';

function indicator(partial: Partial<Indicator> & Pick<Indicator, 'code'>): Indicator {
  return {
    name: { vi: partial.code, en: partial.code },
    type: 'count',
    aggregation: 'sum',
    weightCode: null,
    disaggregation: [],
    source: 'manual',
    taskArea: 3,
    basis: null,
    ...partial,
  };
}

const catalogue = new Map(
  [
    indicator({ code: 'members.total', source: 'automatic', disaggregation: ['sex'] }),
    indicator({ code: 'members.by_age', source: 'automatic', disaggregation: ['age_band'] }),
    indicator({ code: 'care.visits' }),
    indicator({ code: 'care.money', type: 'money', disaggregation: ['sex'] }),
    indicator({ code: 'models.good', type: 'text' }),
  ].map((item) => [item.code, item]),
);

const section = (partial: Partial<TemplateSection>): TemplateSection => ({
  key: 'org',
  title: { vi: 'Tổ chức', en: 'Organization' },
  taskArea: 3,
  indicators: [],
  narrative: false,
  ...partial,
});

describe('buildSectionRows', () => {
  it('lists each indicator total first, then its categories, in template order', () => {
    const rows = buildSectionRows(
      section({ indicators: ['care.visits', 'members.total', 'members.by_age'] }),
      catalogue,
    );
    expect(rows.map((row) => row.key)).toEqual([
      'care.visits',
      'members.total',
      'members.total|sex:male',
      'members.total|sex:female',
      'members.by_age',
      'members.by_age|age:under60',
      'members.by_age|age:60-69',
      'members.by_age|age:70-79',
      'members.by_age|age:80-89',
      'members.by_age|age:90plus',
    ]);
    expect(rows[0]?.category).toBeNull();
    expect(rows[2]?.category).toEqual({ kind: 'sex', value: 'male' });
  });

  it('keeps an unknown code as a single row without an indicator', () => {
    const rows = buildSectionRows(section({ indicators: ['unknown.code'] }), catalogue);
    expect(rows).toEqual([
      { key: 'unknown.code', code: 'unknown.code', indicator: undefined, category: null },
    ]);
  });
});

describe('buildSaveBody', () => {
  const template: Pick<Template, 'sections'> = {
    sections: [
      section({ indicators: ['members.total', 'care.visits', 'care.money'] }),
      section({ key: 'good_models', indicators: ['models.good'], narrative: true }),
    ],
  };

  it('sends every manual numeric slot (null when empty) and the texts, never automatic slots', () => {
    const body = buildSaveBody(template, catalogue, {
      values: {
        'members.total': 120,
        'members.total|sex:male': 50,
        'care.visits': 7,
        'care.money|sex:female': 1_500_000,
      },
      texts: { good_models: 'Mô hình "Tổ hội viên giúp nhau"', 'models.good': 'Tổ tự quản' },
    });
    expect(body.values).toEqual({
      'care.visits': 7,
      'care.money': null,
      'care.money|sex:male': null,
      'care.money|sex:female': 1_500_000,
    });
    expect(body.texts).toEqual({
      'models.good': 'Tổ tự quản',
      good_models: 'Mô hình "Tổ hội viên giúp nhau"',
    });
  });

  it('sends an empty text for a narrative section left blank', () => {
    const body = buildSaveBody(template, catalogue, { values: {}, texts: {} });
    expect(body.texts).toEqual({ 'models.good': '', good_models: '' });
  });
});

describe('formatIndicatorValue', () => {
  it('groups Vietnamese numbers with dots and shows money in whole dong', () => {
    expect(formatIndicatorValue(1234567, 'count', 'vi', 'đ')).toBe('1.234.567');
    expect(formatIndicatorValue(1234567.6, 'money', 'vi', 'đ')).toBe('1.234.568 đ');
    expect(formatIndicatorValue(12.5, 'percent', 'vi', 'đ')).toBe('12,5 %');
    expect(formatIndicatorValue(null, 'count', 'vi', 'đ')).toBe('—');
  });

  it('groups English numbers with commas', () => {
    expect(formatIndicatorValue(1234567, 'money', 'en', 'VND')).toBe('1,234,567 VND');
  });
});

describe('defaultPeriodKey', () => {
  const period = (key: string, type: Period['type'], from: string, to: string): Period => ({
    key,
    type,
    year: 2026,
    from,
    to,
    label: { vi: key, en: key },
  });
  const periods = [
    period('2026-Q1', 'quarter', '2025-12-15', '2026-03-14'),
    period('2026-Q2', 'quarter', '2026-03-15', '2026-06-14'),
    period('2026-H1', 'half', '2025-12-15', '2026-06-14'),
    period('2026-Q3', 'quarter', '2026-06-15', '2026-09-14'),
  ];

  it('takes the latest ended period, the longer one on a tie', () => {
    expect(defaultPeriodKey(periods, '2026-07-01')).toBe('2026-H1');
    expect(defaultPeriodKey(periods, '2026-03-14')).toBe('2026-Q1');
  });

  it('takes the first period when none has ended', () => {
    expect(defaultPeriodKey(periods, '2026-01-10')).toBe('2026-Q1');
    expect(defaultPeriodKey([], '2026-01-10')).toBeUndefined();
  });
});

describe('other defaults and figures', () => {
  it('presets the first active template', () => {
    const templates = [
      { id: 'a', active: false },
      { id: 'b', active: true },
    ] as Template[];
    expect(defaultTemplateId(templates)).toBe('b');
  });

  it('computes reporting and on-time rates of the expected reports', () => {
    expect(completenessRates({ expected: 8, submitted: 6, onTime: 5 })).toEqual({
      reporting: 75,
      onTime: 62.5,
    });
    expect(completenessRates({ expected: 0, submitted: 0, onTime: 0 })).toEqual({
      reporting: null,
      onTime: null,
    });
  });

  it('labels a year of period keys like the server', () => {
    const keys = periodKeysOfYear(2026);
    expect(keys).toHaveLength(20);
    expect(keys.find((key) => key.key === '2026-Q4')?.label.vi).toBe('Quý IV/2026');
    expect(keys.find((key) => key.key === '2026-M11')?.label.vi).toBe('Tháng 11/2026');
  });

  it('presets the latest ended quarter', () => {
    expect(lastEndedQuarterKey('2026-07-20')).toBe('2026-Q2');
    expect(lastEndedQuarterKey('2026-02-01')).toBe('2025-Q4');
  });
});
