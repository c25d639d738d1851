/**
 * Roll-up arithmetic, pure: a parent's roll-up aggregates its children's report values slot by
 * slot (sum, average, weighted average, or none); subtree totals add own values up a tree; a
 * restatement carries past units' values onto today's units through the successor records of
 * merges. The property tests hold these equal to brute-force recounts.
 */
import type { Aggregation } from '@hoi/contracts';

export type Values = Readonly<Record<string, number | null | undefined>>;
export interface SlotRule {
  key: string;
  aggregation: Aggregation;
  /** For weighted: the slot whose value weighs each child's value. */
  weightKey?: string | null;
}

/** Aggregates the children's values into one row: missing values are skipped, not zeros. */
export function aggregate(
  children: readonly Values[],
  slots: readonly SlotRule[],
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const s of slots) {
    if (s.aggregation === 'none') {
      out[s.key] = null;
      continue;
    }
    let total = 0;
    let weights = 0;
    let n = 0;
    for (const c of children) {
      const v = c[s.key];
      if (v === null || v === undefined) continue;
      if (s.aggregation === 'weighted') {
        const w = s.weightKey ? c[s.weightKey] : null;
        if (w === null || w === undefined) continue;
        total += v * w;
        weights += w;
      } else total += v;
      n++;
    }
    if (n === 0) out[s.key] = null;
    else if (s.aggregation === 'sum') out[s.key] = total;
    else if (s.aggregation === 'average') out[s.key] = total / n;
    else out[s.key] = weights === 0 ? null : total / weights;
  }
  return out;
}

/** Each unit's subtree total of additive own values, over a parent map (units without values count 0). */
export function subtreeTotals(
  parentOf: ReadonlyMap<string, string | null>,
  own: ReadonlyMap<string, number>,
): Map<string, number> {
  const total = new Map<string, number>();
  for (const id of parentOf.keys()) total.set(id, 0);
  for (const [unit, v] of own) {
    // Walk up from the unit; a unit outside the tree (not in parentOf) is not counted.
    let cur: string | null | undefined = parentOf.has(unit) ? unit : undefined;
    let guard = 0;
    while (cur !== undefined && cur !== null && guard++ < 1000) {
      total.set(cur, (total.get(cur) ?? 0) + v);
      cur = parentOf.get(cur);
    }
  }
  return total;
}

/**
 * Where each past unit's figures go on today's tree: itself when it still exists, otherwise the
 * successor it was merged into (followed to today). A unit split into several successors has no
 * single heir: it maps to itself and is reported as not restatable.
 */
export function restatementMap(
  successorsOf: ReadonlyMap<string, readonly string[]>,
  units: Iterable<string>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const u of units) {
    let cur = u;
    const seen = new Set<string>([u]);
    for (;;) {
      const next = successorsOf.get(cur);
      if (!next || next.length !== 1 || seen.has(next[0]!)) break;
      cur = next[0]!;
      seen.add(cur);
    }
    out.set(u, cur);
  }
  return out;
}

/** Adds additive values of past units into their heirs (restated onto today's tree). */
export function restate(
  values: ReadonlyMap<string, number>,
  heir: ReadonlyMap<string, string>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const [u, v] of values) {
    const h = heir.get(u) ?? u;
    out.set(h, (out.get(h) ?? 0) + v);
  }
  return out;
}
