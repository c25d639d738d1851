import type { Tx } from '../db/engine.js';

/** One unit's own value of an automatic indicator (its members only, not its subtree's). */
export interface UnitValue {
  unitId: string;
  /** The disaggregation category (`male`/`female`, an age band), or null (total only). */
  category: string | null;
  value: number;
}

/**
 * Automatic indicators: named computations over the platform's data for a unit subtree and a
 * period, registered by the modules that own the data. The periodic-reports module composes
 * report templates from them (values come from the registry instead of being re-keyed).
 */
export interface AutomaticIndicator {
  code: string;
  name: { vi: string; en: string };
  type: 'count' | 'money' | 'percent';
  /** The directive's task area it reports on (DIRECTIVE.md task number). */
  taskArea: number;
  /** Counted within the period (`period`) or at its cut-off, the period's last day (`cutoff`). */
  basis: 'period' | 'cutoff';
  /** A disaggregation the indicator can be broken down by (slot `code|sex:female`). */
  disaggregation?: 'sex' | 'age_band';
  /**
   * Set-based, additive form: each unit's own value (rows per category when disaggregated;
   * a row with category null counts in the total only), for the listed units or all (null).
   * A subtree's value is the sum over its units, with the subtree taken as the tree was at the
   * period's last day. Indicators without it are computed per subtree with `compute`.
   */
  byUnit?(
    tx: Tx,
    units: readonly string[] | null,
    period: { from: string; to: string },
  ): Promise<UnitValue[]>;
  /** The value for the subtrees under `paths` (current materialized paths). */
  compute(
    tx: Tx,
    scope: { paths: string[] },
    period: { from: string; to: string },
  ): Promise<number>;
}

const registry = new Map<string, AutomaticIndicator>();

export function registerIndicators(list: readonly AutomaticIndicator[]) {
  for (const i of list) registry.set(i.code, i);
}

export function automaticIndicators(): AutomaticIndicator[] {
  return [...registry.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export function automaticIndicator(code: string): AutomaticIndicator | undefined {
  return registry.get(code);
}
