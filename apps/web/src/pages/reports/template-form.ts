import type {
  Aggregation,
  Disaggregation,
  IndicatorType,
  PeriodType,
  TemplateBody,
  ValidationRule,
} from '@hoi/contracts';
import { PERIOD_TYPES } from '@hoi/contracts';
import type { CreateIndicatorBody } from '../../api/reports-api';

/** The "no task area" choice of the task-area selects (antd selects do not hold `null` well). */
export const NO_TASK_AREA = 0;

/** Levels the editor always offers (0 = the association's top unit). */
export const DEFAULT_LEVEL_COUNT = 5;

export interface SectionFormValues {
  key: string;
  title: { vi: string; en: string };
  /** 1–6, or NO_TASK_AREA. */
  taskArea: number;
  indicators: string[];
  narrative: boolean;
}

/** The template editor's form: the TemplateBody, with deadlines keyed by level for the inputs. */
export interface TemplateFormValues {
  code: string;
  name: { vi: string; en: string };
  periodTypes: PeriodType[];
  levels: number[];
  cutoffDay: number;
  /** Working days by level (`'0'`…); empty = the nearest shallower level's deadline applies. */
  deadlines: Record<string, number | null | undefined>;
  hideUnapproved: boolean;
  sections: SectionFormValues[];
  rules: ValidationRule[];
}

/** `prefix_1`, `prefix_2`, … : the first one not taken. */
export function freshKey(prefix: string, taken: readonly (string | undefined)[]): string {
  for (let n = 1; ; n++) {
    const key = `${prefix}_${n}`;
    if (!taken.includes(key)) return key;
  }
}

/** A new narrative section with a key no other section has. */
export const emptySection = (
  takenKeys: readonly (string | undefined)[] = [],
): SectionFormValues => ({
  key: freshKey('phan', takenKeys),
  title: { vi: '', en: '' },
  taskArea: NO_TASK_AREA,
  indicators: [],
  narrative: true,
});

/** A new warning rule with a code no other rule has. */
export const emptyRule = (takenCodes: readonly (string | undefined)[] = []) => ({
  code: freshKey('rule', takenCodes),
  left: '',
  operator: '<=' as const,
  right: '',
  severity: 'warning' as const,
  message: { vi: '', en: '' },
});

/** A new template: quarterly, Decree 09/2019 cut-off on the 15th, one narrative section. */
export function emptyTemplateForm(): TemplateFormValues {
  return {
    code: '',
    name: { vi: '', en: '' },
    periodTypes: ['quarter'],
    levels: [],
    cutoffDay: 15,
    deadlines: {},
    hideUnapproved: false,
    sections: [emptySection()],
    rules: [],
  };
}

export function templateToForm(template: TemplateBody): TemplateFormValues {
  return {
    code: template.code,
    name: { ...template.name },
    periodTypes: [...template.periodTypes],
    levels: [...template.levels].sort((a, b) => a - b),
    cutoffDay: template.cutoffDay,
    deadlines: Object.fromEntries(
      template.deadlines.map((deadline) => [String(deadline.level), deadline.workingDays]),
    ),
    hideUnapproved: template.hideUnapproved,
    sections: template.sections.map((section) => ({
      key: section.key,
      title: { ...section.title },
      taskArea: section.taskArea ?? NO_TASK_AREA,
      indicators: [...section.indicators],
      narrative: section.narrative,
    })),
    rules: template.rules.map((rule) => ({ ...rule, message: { ...rule.message } })),
  };
}

const text = (value: string | undefined | null) => (value ?? '').trim();

/**
 * The body to POST / PUT: strings trimmed, period types in calendar order, levels sorted and
 * unique, a deadline only for each selected level that has one, "no task area" as null, each
 * section's indicators once in the order chosen.
 */
export function formToTemplateBody(values: TemplateFormValues): TemplateBody {
  const levels = [...new Set(values.levels)].sort((a, b) => a - b);
  const deadlines = levels.flatMap((level) => {
    const days = values.deadlines[String(level)];
    return typeof days === 'number' ? [{ level, workingDays: days }] : [];
  });
  return {
    code: text(values.code),
    name: { vi: text(values.name.vi), en: text(values.name.en) },
    periodTypes: PERIOD_TYPES.filter((type) => values.periodTypes.includes(type)),
    levels,
    cutoffDay: values.cutoffDay,
    deadlines,
    hideUnapproved: values.hideUnapproved,
    sections: (values.sections ?? []).map((section) => ({
      key: text(section.key),
      title: { vi: text(section.title.vi), en: text(section.title.en) },
      taskArea: section.taskArea === NO_TASK_AREA ? null : section.taskArea,
      indicators: [...new Set(section.indicators ?? [])],
      narrative: Boolean(section.narrative),
    })),
    rules: (values.rules ?? []).map((rule) => ({
      code: text(rule.code),
      left: text(rule.left),
      operator: rule.operator,
      right: text(rule.right),
      severity: rule.severity,
      message: { vi: text(rule.message.vi), en: text(rule.message.en) },
    })),
  };
}

/** The levels the editor offers: 0–4, or as many as the association names, plus any in use. */
export function levelChoices(levelNames: readonly string[], inUse: readonly number[]): number[] {
  const last = Math.max(DEFAULT_LEVEL_COUNT - 1, levelNames.length - 1, ...inUse);
  return Array.from({ length: last + 1 }, (_, level) => level);
}

export type DisaggregationChoice = 'none' | Disaggregation;

/** The manual-indicator dialog's form. */
export interface IndicatorFormValues {
  code: string;
  name: { vi: string; en: string };
  type: IndicatorType;
  aggregation: Aggregation;
  weightCode?: string | null;
  disaggregation: DisaggregationChoice;
  /** 1–6, or NO_TASK_AREA. */
  taskArea: number;
}

export function indicatorFormToBody(values: IndicatorFormValues): CreateIndicatorBody {
  return {
    code: text(values.code),
    name: { vi: text(values.name.vi), en: text(values.name.en) },
    type: values.type,
    aggregation: values.aggregation,
    weightCode: values.aggregation === 'weighted' ? (values.weightCode ?? null) : null,
    disaggregation: values.disaggregation === 'none' ? [] : [values.disaggregation],
    taskArea: values.taskArea === NO_TASK_AREA ? null : values.taskArea,
  };
}

/** The aggregation a type usually takes: texts are not added up, rates are averaged. */
export function defaultAggregation(type: IndicatorType): Aggregation {
  if (type === 'text') return 'none';
  if (type === 'percent') return 'average';
  return 'sum';
}
