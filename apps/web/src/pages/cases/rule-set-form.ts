import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { CaseType, MilestoneRule, RuleSet, TypeRule } from '@hoi/contracts';
import { CASE_TYPE_ROUNDS, CASE_TYPES } from '@hoi/contracts';
import { toIsoDate } from '../../lib/format';

/** The TypeRule fields that are deadlines (MilestoneRule), in the order a case meets them. */
export const MILESTONE_KEYS = [
  'acceptance',
  'initialProcessing',
  'forwarding',
  'notifyAccused',
  'resolution',
  'finality',
  'secondRoundWindow',
  'publication',
  'reDenunciationReview',
  'overdueReport',
] as const satisfies readonly (keyof TypeRule)[];
export type MilestoneKey = (typeof MILESTONE_KEYS)[number];

/** The optional day counts of a deadline that replace `days` in some cases. */
export const VARIANT_KEYS = [
  'complex',
  'veryComplex',
  'remote',
  'remoteComplex',
  'severalPlaces',
] as const satisfies readonly (keyof MilestoneRule)[];
export type VariantKey = (typeof VARIANT_KEYS)[number];

/** The extension counts by complexity (ExtensionRule.maxCount). */
export const EXTENSION_COUNT_KEYS = ['normal', 'complex', 'veryComplex'] as const;

/** One case type and round of a set. */
export interface TypeRound {
  type: CaseType;
  round: 1 | 2;
  rule: TypeRule;
}

/** Every case type and round a set holds, in the contracts' order of types. */
export function typeRoundsOf(set: RuleSet): TypeRound[] {
  return CASE_TYPES.flatMap((type) => {
    const rounds: Partial<Record<1 | 2, TypeRule>> = set.rules[type];
    return CASE_TYPE_ROUNDS[type].flatMap((round) => {
      const rule = rounds[round];
      return rule ? [{ type, round, rule }] : [];
    });
  });
}

/** The deadlines a type and round has, in MILESTONE_KEYS order. */
export function milestonesOf(rule: TypeRule): { key: MilestoneKey; milestone: MilestoneRule }[] {
  return MILESTONE_KEYS.flatMap((key) => {
    const milestone = rule[key];
    return milestone ? [{ key, milestone }] : [];
  });
}

/** A path inside RuleSet.rules, as the copy form names its fields: `[type, '1', …]`. */
export type RulePath = [CaseType, '1' | '2', ...string[]];

/** The form path of a number in a type and round: `['rules', type, round, ...field]`. */
export function fieldName(type: CaseType, round: 1 | 2, ...field: string[]): string[] {
  return ['rules', type, String(round), ...field];
}

/** Every number of a set's rules (day counts, variants, extension counts and lengths). */
export function numberPathsOf(set: RuleSet): RulePath[] {
  return typeRoundsOf(set).flatMap(({ type, round, rule }) => {
    const base = [type, String(round)] as [CaseType, '1' | '2'];
    const paths: RulePath[] = milestonesOf(rule).flatMap(({ key, milestone }) => [
      [...base, key, 'days'] as RulePath,
      ...VARIANT_KEYS.filter((variant) => milestone[variant] !== undefined).map(
        (variant) => [...base, key, variant] as RulePath,
      ),
    ]);
    if (rule.extensions) {
      for (const count of EXTENSION_COUNT_KEYS)
        paths.push([...base, 'extensions', 'maxCount', count]);
      paths.push([...base, 'extensions', 'maxDaysEach']);
    }
    return paths;
  });
}

/** What the copy form holds; its `rules` tree has only the numbers as fields. */
export interface RuleSetFormValues {
  code: string;
  effectiveFrom: Dayjs | null;
  name: { vi: string; en: string };
  citation: string;
  rules: RuleSet['rules'];
}

const CODE_MAX = 60;
const COPY_SUFFIX = '-HOI';

/** A code not in `taken`: `<source>-HOI`, then `<source>-HOI-2`, … (at most 60 characters). */
export function suggestCopyCode(sourceCode: string, taken: readonly string[]): string {
  const used = new Set(taken.map((code) => code.toUpperCase()));
  const base = `${sourceCode.slice(0, CODE_MAX - COPY_SUFFIX.length - 4)}${COPY_SUFFIX}`;
  if (!used.has(base.toUpperCase())) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate.toUpperCase())) return candidate;
  }
}

/**
 * The copy form's starting values: a fresh code, cases received from tomorrow (a set starting
 * today would change the clocks of cases already received today), the source's texts and numbers.
 */
export function copyFormValues(
  source: RuleSet,
  takenCodes: readonly string[],
  today: Dayjs = dayjs(),
): RuleSetFormValues {
  return {
    code: suggestCopyCode(source.code, takenCodes),
    effectiveFrom: today.startOf('day').add(1, 'day'),
    name: {
      vi: `Quy định của hội (sao từ ${source.code})`,
      en: `Association rules (copied from ${source.code})`,
    },
    citation: source.citation,
    rules: structuredClone(source.rules),
  };
}

function valueAt(tree: unknown, path: readonly string[]): unknown {
  let node = tree;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function setValueAt(tree: object, path: readonly string[], value: unknown): void {
  const parents = path.slice(0, -1);
  let node = tree as Record<string, unknown>;
  for (const key of parents) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
}

/**
 * The rule set to POST: the source's rules with the form's numbers laid over them (articles,
 * units and triggers stay the source's), and the form's code, date, name and citation.
 */
export function ruleSetFromForm(source: RuleSet, values: Partial<RuleSetFormValues>): RuleSet {
  const rules = structuredClone(source.rules);
  for (const path of numberPathsOf(source)) {
    const value = valueAt(values.rules, path);
    if (typeof value === 'number') setValueAt(rules, path, value);
  }
  return {
    code: (values.code ?? '').trim(),
    name: { vi: (values.name?.vi ?? '').trim(), en: (values.name?.en ?? '').trim() },
    effectiveFrom: toIsoDate(values.effectiveFrom) ?? '',
    citation: (values.citation ?? '').trim(),
    rules,
  };
}

/**
 * The set the server applies to a case received on `day`: the latest effective date on or
 * before it, the later in the list on a tie (as `selectRuleSet` on the server). Null if none.
 */
export function ruleSetInForce<T extends RuleSet>(sets: readonly T[], day: string): T | null {
  let best: T | null = null;
  for (const set of sets)
    if (set.effectiveFrom <= day && (!best || set.effectiveFrom >= best.effectiveFrom)) best = set;
  return best;
}
