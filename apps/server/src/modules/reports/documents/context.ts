/**
 * What the report documents need besides the report itself: who issues them, where and when,
 * the register number, recipients, signer, and the names and types of the indicators (a report
 * carries only their codes). Also the indicator helpers shared by the .docx and .xlsx renderers:
 * units of measure, and the category rows of disaggregated indicators (`code|sex:female`).
 */
import { AGE_BANDS, type Disaggregation, type IndicatorType } from '@hoi/contracts';

/** A slot's value in a report, roll-up or dashboard (SlotValueSchema). */
export type SlotValue = number | null;

/** Name and type of an indicator; `unit` overrides the unit of measure derived from code and type. */
export interface IndicatorInfo {
  vi: string;
  en: string;
  type: IndicatorType;
  unit?: string;
  /** Categories to print even when the report has no value for them yet. */
  disaggregation?: readonly Disaggregation[];
}

export interface ReportDocContext {
  /**
   * The association, e.g. { name: 'Hội Nông dân Việt Nam', abbreviation: 'HND' }; its
   * abbreviation makes the symbol "BC-HND". For the oversight comparison: the oversight body.
   */
  association: { name: string; abbreviation: string };
  /** The issuing unit, and the body above it (printed above it in the header), if any. */
  issuer: { superior: string | null; name: string };
  /** Place printed before the date, e.g. 'Hà Nội'. */
  place: string;
  /** YYYY-MM-DD, the date printed. */
  date: string;
  /** Number in the BC register; null leaves a blank to fill by hand. */
  number: number | null;
  /** "Nơi nhận" entries ("Lưu: VT" is added when none is given). */
  recipients: string[];
  signer: { authority: string | null; title: string; name: string };
  /** Indicator code → name and type. Codes missing here print as their code, as counts. */
  indicatorNames: Record<string, IndicatorInfo>;
}

/** The document symbol of a report: "BC-HND". */
export const reportSymbol = (ctx: ReportDocContext): string =>
  `BC-${ctx.association.abbreviation.trim().toLocaleUpperCase('vi-VN')}`;

/** The indicator's name and type, or its code as a count when the context does not know it. */
export function indicatorInfo(ctx: ReportDocContext, code: string): IndicatorInfo {
  return ctx.indicatorNames[code] ?? { vi: code, en: code, type: 'count' };
}

/** Units of count indicators by code prefix; the longest matching prefix wins. */
const COUNT_UNITS: [prefix: string, unit: string][] = [
  ['cases.received', 'đơn'],
  ['cases.', 'vụ việc'],
  ['members.', 'người'],
  ['cadres.', 'người'],
  ['units.', 'đơn vị'],
  ['branches.', 'chi hội'],
  ['models.', 'mô hình'],
  ['events.', 'cuộc'],
];

/**
 * The unit of measure ("Đơn vị tính"): 'đồng' for money, '%' for percentages, '' for text; for
 * counts, by code prefix ("người" for members., "đơn"/"vụ việc" for cases.), '' when unknown.
 * `info.unit` overrides all of these.
 */
export function unitOf(code: string, info: Pick<IndicatorInfo, 'type' | 'unit'>): string {
  if (info.unit !== undefined) return info.unit;
  switch (info.type) {
    case 'money':
      return 'đồng';
    case 'percent':
      return '%';
    case 'text':
      return '';
    case 'count': {
      const match = COUNT_UNITS.filter(([p]) => code === p || code.startsWith(p)).sort(
        (a, b) => b[0].length - a[0].length,
      )[0];
      return match?.[1] ?? '';
    }
  }
}

/** Dimension of a slot key as written in it (`sex`, `age`), and the categories in print order. */
const DIMENSIONS: Record<string, { of: Disaggregation; order: readonly string[] }> = {
  sex: { of: 'sex', order: ['female', 'male'] },
  age: { of: 'age_band', order: AGE_BANDS },
};
const SLOT_DIMENSION: Record<Disaggregation, { key: string; expected: readonly string[] }> = {
  sex: { key: 'sex', expected: ['female'] },
  age_band: { key: 'age', expected: AGE_BANDS },
};

/** "Trong đó: nữ", "Nhóm tuổi 60-69", "Nhóm tuổi dưới 60"… */
export function categoryLabel(dimension: string, category: string): string {
  if (dimension === 'sex')
    return category === 'female'
      ? 'Trong đó: nữ'
      : category === 'male'
        ? 'Trong đó: nam'
        : category;
  if (dimension === 'age') {
    if (category === 'under60') return 'Nhóm tuổi dưới 60';
    if (category === '90plus') return 'Nhóm tuổi từ 90 trở lên';
    return `Nhóm tuổi ${category}`;
  }
  return `${dimension}: ${category}`;
}

/** One row of an indicator table: the indicator's total, or one of its categories under it. */
export interface IndicatorLine {
  /** Slot key: the code, or `code|sex:female`. */
  slot: string;
  code: string;
  category: boolean;
  /** The indicator name, or the category label ("Trong đó: nữ"). */
  label: string;
}

/**
 * The rows of an indicator: its total, then a row per category slot found in any of `sources`
 * (values, roll-up) or declared in `info.disaggregation`, in the categories' natural order.
 */
export function indicatorLines(
  code: string,
  info: IndicatorInfo,
  sources: readonly Record<string, SlotValue>[],
): IndicatorLine[] {
  const found = new Map<string, { dimension: string; category: string }>();
  const add = (dimension: string, category: string) =>
    found.set(`${code}|${dimension}:${category}`, { dimension, category });
  for (const d of info.disaggregation ?? [])
    for (const c of SLOT_DIMENSION[d].expected) add(SLOT_DIMENSION[d].key, c);
  for (const source of sources)
    for (const key of Object.keys(source)) {
      if (!key.startsWith(`${code}|`)) continue;
      const m = /^([^:]+):(.+)$/.exec(key.slice(code.length + 1));
      if (m) add(m[1]!, m[2]!);
    }
  const rank = (d: string, c: string) => {
    const i = DIMENSIONS[d]?.order.indexOf(c) ?? -1;
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const categories = [...found.entries()].sort(
    ([ka, a], [kb, b]) =>
      a.dimension.localeCompare(b.dimension) ||
      rank(a.dimension, a.category) - rank(b.dimension, b.category) ||
      ka.localeCompare(kb),
  );
  return [
    { slot: code, code, category: false, label: info.vi },
    ...categories.map(([slot, { dimension, category }]) => ({
      slot,
      code,
      category: true,
      label: categoryLabel(dimension, category),
    })),
  ];
}

/** The value of a slot, null when absent. */
export const slotValue = (values: Record<string, SlotValue>, slot: string): number | null =>
  values[slot] ?? null;
