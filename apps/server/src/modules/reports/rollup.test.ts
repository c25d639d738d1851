import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare, evaluate, parseExpression, referencedKeys } from './expressions.js';
import { aggregate, restate, restatementMap, subtreeTotals } from './rollup.js';

/** A random tree: node i > 0 hangs under a node with a smaller index. */
const treeArb = fc
  .integer({ min: 1, max: 40 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(fc.nat(), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: n, maxLength: n }),
    ),
  )
  .map(([n, picks, values]) => {
    const parentOf = new Map<string, string | null>();
    for (let i = 0; i < n; i++) parentOf.set(`u${i}`, i === 0 ? null : `u${picks[i]! % i}`);
    const own = new Map<string, number>(values.map((v, i) => [`u${i}`, v]));
    return { parentOf, own };
  });

function descendants(parentOf: ReadonlyMap<string, string | null>, id: string): string[] {
  return [...parentOf.keys()].filter((u) => {
    for (let cur: string | null | undefined = u; cur; cur = parentOf.get(cur))
      if (cur === id) return true;
    return false;
  });
}

/** Each unit reports its own value plus the roll-up of its children's reports, bottom-up. */
function reportsBottomUp(
  parentOf: ReadonlyMap<string, string | null>,
  own: ReadonlyMap<string, number>,
) {
  const reports = new Map<string, number>();
  const order = [...parentOf.keys()].sort((a, b) => Number(b.slice(1)) - Number(a.slice(1)));
  for (const u of order) {
    const kids = [...parentOf].filter(([, p]) => p === u).map(([k]) => ({ v: reports.get(k)! }));
    const up = aggregate(kids, [{ key: 'v', aggregation: 'sum' }]).v ?? 0;
    reports.set(u, (own.get(u) ?? 0) + up);
  }
  return reports;
}

describe('roll-up', () => {
  it('a parent’s roll-up of its children’s reports equals a brute-force recount of its subtree', () => {
    fc.assert(
      fc.property(treeArb, ({ parentOf, own }) => {
        const reports = reportsBottomUp(parentOf, own);
        const totals = subtreeTotals(parentOf, own);
        for (const u of parentOf.keys()) {
          const brute = descendants(parentOf, u).reduce((s, d) => s + own.get(d)!, 0);
          expect(reports.get(u)).toBe(brute);
          expect(totals.get(u)).toBe(brute);
        }
      }),
    );
  });

  it('across a merge: the as-was and restated views both recount correctly and keep the total', () => {
    fc.assert(
      fc.property(treeArb, fc.nat(), fc.nat(), ({ parentOf, own }, a, b) => {
        const ids = [...parentOf.keys()].filter(
          (u) => u !== 'u0' && descendants(parentOf, u).length === 1,
        );
        fc.pre(ids.length >= 2);
        const A = ids[a % ids.length]!;
        const B = ids[(a + 1 + (b % (ids.length - 1))) % ids.length]!;
        // Past period: the tree as it was. Today: A and B merged into C under A's parent.
        const asWas = reportsBottomUp(parentOf, own);
        const today = new Map(parentOf);
        today.delete(A);
        today.delete(B);
        today.set('C', parentOf.get(A)!);
        const heir = restatementMap(
          new Map([
            [A, ['C']],
            [B, ['C']],
          ]),
          parentOf.keys(),
        );
        const restatedOwn = restate(own, heir);
        const restated = subtreeTotals(today, restatedOwn);
        for (const u of today.keys()) {
          const brute = [...own]
            .filter(
              ([k]) =>
                descendants(today, heir.get(k)!).length > 0 &&
                descendants(today, u).includes(heir.get(k)!),
            )
            .reduce((s, [, v]) => s + v, 0);
          expect(restated.get(u)).toBe(brute);
        }
        expect(restated.get('C')).toBe(own.get(A)! + own.get(B)!);
        // As-was keeps A and B apart; the root's total is the same in both views.
        expect(asWas.get(A)).toBe(own.get(A));
        expect(restated.get('u0')).toBe(asWas.get('u0'));
      }),
    );
  });

  it('averages and weighted averages skip missing values; a split unit is not restated', () => {
    const rows = [
      { r: 50, n: 10 },
      { r: 100, n: 30 },
      { r: null, n: 5 },
    ];
    expect(aggregate(rows, [{ key: 'r', aggregation: 'average' }]).r).toBe(75);
    expect(aggregate(rows, [{ key: 'r', aggregation: 'weighted', weightKey: 'n' }]).r).toBe(87.5);
    expect(aggregate(rows, [{ key: 'r', aggregation: 'none' }]).r).toBeNull();
    expect(aggregate([], [{ key: 'r', aggregation: 'sum' }]).r).toBeNull();
    expect(
      restatementMap(
        new Map([
          ['A', ['B', 'C']],
          ['D', ['E']],
          ['E', ['F']],
        ]),
        ['A', 'D'],
      ).get('A'),
    ).toBe('A');
    expect(
      restatementMap(
        new Map([
          ['D', ['E']],
          ['E', ['F']],
        ]),
        ['D'],
      ).get('D'),
    ).toBe('F');
  });
});

describe('validation expressions', () => {
  it('parses arithmetic over slot keys and evaluates with missing values as 0', () => {
    const e = parseExpression('members.admitted + members.active|sex:female * 2 - (3)');
    expect([...referencedKeys(e)].sort()).toEqual([
      'members.active|sex:female',
      'members.admitted',
    ]);
    expect(evaluate(e, { 'members.admitted': 4, 'members.active|sex:female': 5 })).toBe(11);
    expect(evaluate(e, { 'members.admitted': 4 })).toBe(1);
    expect(evaluate(e, {})).toBeNull();
    expect(evaluate(parseExpression('a / b'), { a: 1, b: 0 })).toBeNull();
    expect(compare(1, '<=', 1)).toBe(true);
    expect(compare(2, '<', 1)).toBe(false);
    for (const bad of ['a +', '(a', 'a $ b', '', 'a b'])
      expect(() => parseExpression(bad), bad).toThrow();
  });
});
