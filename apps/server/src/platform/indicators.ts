import type { Tx } from '../db/engine.js';

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
