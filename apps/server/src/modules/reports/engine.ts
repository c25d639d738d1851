/**
 * Fills automatic indicators from the registry: each registered indicator's own-unit values,
 * summed over a unit's subtree as the tree stood on the period's last day — for one report, or
 * for every unit of the association at once (one query per indicator, not per unit).
 */
import type { Period } from '@hoi/contracts';
import type { Tx } from '../../db/engine.js';
import { automaticIndicator, type UnitValue } from '../../platform/indicators.js';
import { subtreeTotals } from './rollup.js';
import type { TreeNode } from './reports.repo.js';
import type { Slot } from './templates.service.js';

export type SlotValues = Record<string, number | null>;

/** The units under `rootId` (itself included) in a tree. */
export function subtreeOf(tree: readonly TreeNode[], rootId: string): string[] {
  const children = new Map<string, string[]>();
  for (const n of tree) {
    if (!n.parentId) continue;
    const l = children.get(n.parentId) ?? [];
    l.push(n.id);
    children.set(n.parentId, l);
  }
  const out: string[] = [];
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    out.push(id);
    for (const c of children.get(id) ?? []) stack.push(c);
  }
  return out;
}

const slotKeyOf = (code: string, category: string | null, d: string | undefined) =>
  category === null ? code : `${code}|${d === 'sex' ? 'sex' : 'age'}:${category}`;

function automaticSlots(slots: readonly Slot[]) {
  return [...new Set(slots.filter((s) => s.indicator.source === 'automatic').map((s) => s.code))];
}

/** The automatic values of one unit's report: its subtree on the period's last day. */
export async function computeForUnit(
  tx: Tx,
  slots: readonly Slot[],
  period: Period,
  unit: { id: string; path: string },
  tree: readonly TreeNode[],
): Promise<SlotValues> {
  const out: SlotValues = {};
  const units = subtreeOf(tree, unit.id);
  for (const code of automaticSlots(slots)) {
    const ind = automaticIndicator(code);
    if (!ind) continue;
    for (const s of slots) if (s.code === code) out[s.key] = 0;
    if (ind.byUnit) {
      for (const r of await ind.byUnit(tx, units, period)) add(out, code, r, ind.disaggregation);
    } else {
      out[code] = await ind.compute(tx, { paths: [unit.path] }, period);
    }
  }
  return out;
}

function add(out: SlotValues, code: string, r: UnitValue, d: string | undefined) {
  out[code] = (out[code] ?? 0) + r.value;
  if (r.category !== null) {
    const key = slotKeyOf(code, r.category, d);
    if (key in out) out[key] = (out[key] ?? 0) + r.value;
  }
}

/**
 * Every unit's automatic values for a period at once: each indicator's own-unit values for the
 * whole association (one set-based query each), added up the tree as of the period's last day.
 */
export async function computeForAllUnits(
  tx: Tx,
  slots: readonly Slot[],
  period: Period,
  tree: readonly TreeNode[],
  pathOf: (unitId: string) => string | undefined,
): Promise<Map<string, SlotValues>> {
  const parentOf = new Map(tree.map((n) => [n.id, n.parentId] as const));
  const result = new Map<string, SlotValues>(tree.map((n) => [n.id, {}]));
  for (const code of automaticSlots(slots)) {
    const ind = automaticIndicator(code);
    if (!ind) continue;
    const keys = slots.filter((s) => s.code === code);
    if (ind.byUnit) {
      const own = new Map<string, Map<string, number>>(keys.map((k) => [k.key, new Map()]));
      for (const r of await ind.byUnit(tx, null, period)) {
        const total = own.get(code)!;
        total.set(r.unitId, (total.get(r.unitId) ?? 0) + r.value);
        if (r.category !== null) {
          const m = own.get(slotKeyOf(code, r.category, ind.disaggregation));
          if (m) m.set(r.unitId, (m.get(r.unitId) ?? 0) + r.value);
        }
      }
      for (const [key, values] of own) {
        for (const [unitId, v] of subtreeTotals(parentOf, values)) result.get(unitId)![key] = v;
      }
    } else {
      for (const n of tree) {
        const path = pathOf(n.id);
        result.get(n.id)![code] = path ? await ind.compute(tx, { paths: [path] }, period) : null;
      }
    }
  }
  return result;
}
