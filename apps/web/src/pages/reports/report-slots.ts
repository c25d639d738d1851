import type {
  AgeBand,
  Indicator,
  IndicatorType,
  Period,
  Template,
  TemplateSection,
} from '@hoi/contracts';
import { AGE_BANDS, SEX_CATEGORIES } from '@hoi/contracts';

/** A disaggregation category of a sub-row: `code|sex:female`, `code|age:60-69`. */
export type SlotCategory =
  { kind: 'sex'; value: (typeof SEX_CATEGORIES)[number] } | { kind: 'age'; value: AgeBand };

/** One row of a section's indicator table: an indicator's total slot or one of its categories. */
export interface SlotRow {
  /** The slot key the values, roll-up and mismatches use (`code` or `code|sex:male`). */
  key: string;
  code: string;
  /** Undefined when the catalogue does not know the code (shown by its code, read-only). */
  indicator: Indicator | undefined;
  /** Null for the total row. */
  category: SlotCategory | null;
}

/** `code|sex:male` for a category, `code` for the total. */
export function slotKey(code: string, category: SlotCategory | null): string {
  if (!category) return code;
  return `${code}|${category.kind}:${category.value}`;
}

/** The categories an indicator is broken down by (at most one disaggregation). */
export function categoriesOf(indicator: Indicator | undefined): SlotCategory[] {
  if (!indicator || indicator.type === 'text') return [];
  const [disaggregation] = indicator.disaggregation;
  if (disaggregation === 'sex')
    return SEX_CATEGORIES.map((value) => ({ kind: 'sex' as const, value }));
  if (disaggregation === 'age_band')
    return AGE_BANDS.map((value) => ({ kind: 'age' as const, value }));
  return [];
}

/** Every slot of an indicator: the total first, then its categories in contract order. */
export function slotRowsOf(code: string, indicator: Indicator | undefined): SlotRow[] {
  return [
    { key: code, code, indicator, category: null },
    ...categoriesOf(indicator).map((category) => ({
      key: slotKey(code, category),
      code,
      indicator,
      category,
    })),
  ];
}

/** The rows of a section's indicator table, in the template's order. */
export function buildSectionRows(
  section: TemplateSection,
  indicators: ReadonlyMap<string, Indicator>,
): SlotRow[] {
  return section.indicators.flatMap((code) => slotRowsOf(code, indicators.get(code)));
}

/** Whether the officer types this row's value (manual indicators the catalogue knows). */
export function isManualRow(row: SlotRow): boolean {
  return row.indicator?.source === 'manual';
}

export interface ReportEdits {
  values: Record<string, number | null>;
  texts: Record<string, string>;
}

/**
 * The body of PUT /api/reports/:id/values: every manual numeric slot of the template (null when
 * empty) and every text the report holds (narrative sections by section key, text indicators by
 * code). Automatic slots are never sent: the server computes them.
 */
export function buildSaveBody(
  template: Pick<Template, 'sections'>,
  indicators: ReadonlyMap<string, Indicator>,
  current: ReportEdits,
): ReportEdits {
  const values: Record<string, number | null> = {};
  const texts: Record<string, string> = {};
  for (const section of template.sections) {
    if (section.narrative) texts[section.key] = current.texts[section.key] ?? '';
    for (const row of buildSectionRows(section, indicators)) {
      if (!isManualRow(row)) continue;
      if (row.indicator?.type === 'text') {
        if (row.category === null) texts[row.code] = current.texts[row.code] ?? '';
        continue;
      }
      values[row.key] = current.values[row.key] ?? null;
    }
  }
  return { values, texts };
}

/** InputNumber bounds: counts and money are whole and ≥ 0, percentages 0–100 with decimals. */
export function inputBounds(type: IndicatorType): { min: number; max?: number; precision: number } {
  switch (type) {
    case 'percent':
      return { min: 0, max: 100, precision: 2 };
    case 'count':
    case 'money':
    case 'text':
      return { min: 0, precision: 0 };
  }
}

function localeOf(lang: string): string {
  return lang.startsWith('en') ? 'en-US' : 'vi-VN';
}

/**
 * A slot value as shown: counts `1.234.567`, money `1.234.567 đ` (whole dong), percentages
 * `12,5 %` (at most two decimals); null → an em dash. English groups with commas.
 */
export function formatIndicatorValue(
  value: number | null | undefined,
  type: IndicatorType | undefined,
  lang: string,
  currency: string,
): string {
  if (value === null || value === undefined) return '—';
  const locale = localeOf(lang);
  switch (type) {
    case 'money':
      return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.round(value))} ${currency}`;
    case 'percent':
      return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value)} %`;
    case 'count':
    case 'text':
    case undefined:
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  }
}

/**
 * The period to preset: the latest one (by last day) that has ended by `today`, else the first
 * of the list. Ties on the last day go to the longer period, as the server orders them.
 */
export function defaultPeriodKey(periods: readonly Period[], today: string): string | undefined {
  const ordered = [...periods].sort(
    (a, b) => a.to.localeCompare(b.to) || b.from.localeCompare(a.from),
  );
  const ended = ordered.filter((period) => period.to <= today);
  return (ended.at(-1) ?? ordered[0])?.key;
}

/** The template to preset: the first active one, else the first. */
export function defaultTemplateId(templates: readonly Template[]): string | undefined {
  return (templates.find((template) => template.active) ?? templates[0])?.id;
}

/** Reporting rate (submitted / expected) and on-time rate (on time / expected), in percent. */
export function completenessRates(completeness: {
  expected: number;
  submitted: number;
  onTime: number;
}): { reporting: number | null; onTime: number | null } {
  if (completeness.expected <= 0) return { reporting: null, onTime: null };
  const rate = (count: number) => Math.round((count / completeness.expected) * 1000) / 10;
  return { reporting: rate(completeness.submitted), onTime: rate(completeness.onTime) };
}

/** The year of a period key (`2026-Q4` → 2026). */
export function yearOfPeriodKey(key: string | null | undefined): number | undefined {
  const match = /^(\d{4})-/.exec(key ?? '');
  return match ? Number(match[1]) : undefined;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export interface PeriodKeyOption {
  key: string;
  type: Period['type'];
  label: { vi: string; en: string };
}

/**
 * Every period key of a year with the server's labels, for screens without a template to ask
 * the periods of (the oversight body's comparison): months, quarters, halves, nine months, year.
 */
export function periodKeysOfYear(year: number): PeriodKeyOption[] {
  const months = Array.from({ length: 12 }, (_, index) => {
    const month = String(index + 1).padStart(2, '0');
    return {
      key: `${year}-M${month}`,
      type: 'month' as const,
      label: { vi: `Tháng ${month}/${year}`, en: `${EN_MONTHS[index]} ${year}` },
    };
  });
  const quarters = ROMAN.map((roman, index) => ({
    key: `${year}-Q${index + 1}`,
    type: 'quarter' as const,
    label: { vi: `Quý ${roman}/${year}`, en: `Q${index + 1} ${year}` },
  }));
  return [
    ...months,
    ...quarters,
    {
      key: `${year}-H1`,
      type: 'half',
      label: { vi: `6 tháng đầu năm ${year}`, en: `First half of ${year}` },
    },
    {
      key: `${year}-H2`,
      type: 'half',
      label: { vi: `6 tháng cuối năm ${year}`, en: `Second half of ${year}` },
    },
    {
      key: `${year}-N9`,
      type: 'nine_months',
      label: { vi: `9 tháng năm ${year}`, en: `Nine months of ${year}` },
    },
    { key: `${year}-Y`, type: 'year', label: { vi: `Năm ${year}`, en: `Year ${year}` } },
  ];
}

/**
 * The quarter to preset where no period list is at hand: the latest quarter whose data ended
 * (Decree 09/2019: quarter q ends on the 14th of month 3q) before `today` (`YYYY-MM-DD`).
 */
export function lastEndedQuarterKey(today: string): string {
  const year = Number(today.slice(0, 4));
  for (let quarter = 4; quarter >= 1; quarter--) {
    const end = `${year}-${String(quarter * 3).padStart(2, '0')}-14`;
    if (end < today) return `${year}-Q${quarter}`;
  }
  return `${year - 1}-Q4`;
}
