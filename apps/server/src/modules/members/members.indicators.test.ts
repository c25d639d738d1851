/**
 * The member registry's automatic indicators: for each indicator and period, the per-unit values
 * (`byUnit`, for all units and for a subtree's units), the subtree value (`compute`) and a
 * brute-force recount in plain TypeScript over the registry's rows all agree — on a small tree
 * with admissions, transfers inside the period, departures of every kind, a suspension, a
 * pending transfer and dues paid on time, late and in bulk. Then the same for the case indicators.
 */
import type { Member, MemberAction } from '@hoi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/engine.js';
import { cliActor } from '../../platform/actor.js';
import type { UnitValue } from '../../platform/indicators.js';
import { createTestTree, type TestTree } from '../../test/factories.js';
import { createTestContext, testClock, type TestContext } from '../../test/harness.js';
import { caseFixture } from '../cases/cases.fixtures.js';
import { CASE_INDICATORS } from '../cases/cases.indicators.js';
import * as dues from '../dues/dues.service.js';
import * as transfers from '../transfers/transfers.service.js';
import { MEMBER_INDICATORS } from './members.indicators.js';
import * as members from './members.service.js';

const TODAY = '2026-06-30';
const clock = testClock(new Date(`${TODAY}T03:00:00Z`));
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ clock });
});
afterAll(async () => ctx.close());

type Period = { from: string; to: string };
const PERIODS: Period[] = [
  { from: '2024-01-01', to: '2024-12-31' },
  { from: '2025-01-01', to: '2025-03-31' },
  { from: '2025-04-01', to: '2025-06-30' },
  { from: '2025-01-01', to: '2025-12-31' },
  { from: '2026-01-01', to: TODAY },
];

/** Per unit and category (null: total only), as a plain object for readable diffs. */
type Values = Record<string, Record<string, number>>;
const NONE = '∅';

function tally(rows: readonly UnitValue[], units?: ReadonlySet<string>): Values {
  const out: Values = {};
  for (const r of rows) {
    if (units && !units.has(r.unitId)) continue;
    if (r.value === 0) continue;
    const u = (out[r.unitId] ??= {});
    const k = r.category ?? NONE;
    u[k] = (u[k] ?? 0) + r.value;
  }
  return out;
}

function total(v: Values, units?: ReadonlySet<string>): number {
  let n = 0;
  for (const [unitId, cats] of Object.entries(v)) {
    if (units && !units.has(unitId)) continue;
    for (const x of Object.values(cats)) n += x;
  }
  return n;
}

/** The tree's units with their current paths, and each unit's subtree (itself included). */
async function subtrees(t: TestTree) {
  const rows = await ctx.deps.db.system
    .selectFrom('unitPaths')
    .select(['unitId', (eb) => eb.cast<string>('path', 'text').as('path')])
    .where('associationId', '=', t.associationId)
    .execute();
  return Object.entries(t.units).map(([key, id]) => {
    const path = rows.find((r) => r.unitId === id)!.path;
    const units = new Set(
      rows.filter((r) => r.path === path || r.path.startsWith(`${path}.`)).map((r) => r.unitId),
    );
    return { key, id, path, units };
  });
}

describe('member registry indicators', () => {
  let t: TestTree;
  const actor = () => cliActor(t.associationId);
  const ids: Record<string, string> = {};

  async function version(id: string) {
    const r = await ctx.deps.db.system
      .selectFrom('memberships')
      .select('version')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return r.version;
  }

  async function admit(
    key: string,
    unitKey: string,
    person: { fullName: string; birthDate: string | null; gender: 'male' | 'female' | null },
    appliedOn: string,
    admittedOn: string | null,
    category: 'official' | 'honorary' = 'official',
  ): Promise<Member> {
    const m = await members.createMember(ctx.deps, actor(), {
      person: { ...person, idNumber: null, phone: null },
      unitId: t.units[unitKey]!,
      category,
      appliedOn,
      acknowledgeWarnings: false,
      ...(admittedOn
        ? { admission: { number: `${key}/QĐ-CT`, date: admittedOn, signer: 'Chủ tịch' } }
        : {}),
    });
    ids[key] = m.id;
    return m;
  }

  async function act(key: string, action: MemberAction, effectiveDate: string, unitKey?: string) {
    const needsDecision = ['admit', 'suspend', 'reinstate', 'remove'].includes(action);
    const needsReason = ['reject', 'suspend', 'remove'].includes(action);
    await members.transition(ctx.deps, actor(), ids[key]!, await version(ids[key]!), {
      action,
      effectiveDate,
      ...(needsDecision
        ? {
            decision: {
              number: `${key}-${action}/QĐ`,
              date: effectiveDate,
              signer: 'Chủ tịch',
              ...(unitKey ? { unitId: t.units[unitKey]! } : {}),
            },
          }
        : {}),
      ...(needsReason ? { reason: 'Lý do ghi trong biên bản' } : {}),
    });
  }

  async function transfer(key: string, toKey: string, releasedOn: string, acceptedOn?: string) {
    const tr = await transfers.createTransfer(ctx.deps, actor(), {
      memberId: ids[key]!,
      toUnitId: t.units[toKey]!,
      releasedOn,
    });
    if (acceptedOn) await transfers.acceptTransfer(ctx.deps, actor(), tr.id, { acceptedOn });
  }

  async function pay(key: string, year: number, amount: number, paidOn: string) {
    await dues.createPayment(ctx.deps, actor(), { memberId: ids[key]!, year, amount, paidOn });
  }

  beforeAll(async () => {
    t = await createTestTree(ctx.deps, { founded: '2020-01-01' });
    for (const [year, amount] of [
      [2024, 24_000],
      [2025, 30_000],
      [2026, 36_000],
    ] as const) {
      await dues.createRate(ctx.deps, actor(), {
        unitId: t.rootId,
        year,
        category: null,
        amount,
      });
    }
    // A: pays 2024 late and 2025 on time (both recorded at b1a), then moves to c1b in mid-2025.
    await admit(
      'A',
      'b1a',
      { fullName: 'Nguyễn Văn An', birthDate: '1950-04-12', gender: 'male' },
      '2024-03-01',
      '2024-03-15',
    );
    await pay('A', 2024, 24_000, '2025-05-01');
    await pay('A', 2025, 30_000, '2025-06-10');
    await transfer('A', 'c1b', '2025-06-01', '2025-06-15');
    // B: admitted in the first quarter of 2025, never pays.
    await admit(
      'B',
      'g1a',
      { fullName: 'Trần Thị Bình', birthDate: '1940', gender: 'female' },
      '2025-02-01',
      '2025-02-10',
    );
    // C: sex and birth unknown; pays 2024 at c1b, moves to c2a within Q1 2025, pays 2025 there in bulk.
    await admit(
      'C',
      'c1b',
      { fullName: 'Lê Chưa Rõ', birthDate: null, gender: null },
      '2024-06-01',
      '2024-06-01',
    );
    await pay('C', 2024, 24_000, '2024-07-01');
    await transfer('C', 'c2a', '2025-02-20', '2025-03-05');
    await dues.createBulkPayment(ctx.deps, actor(), {
      unitId: t.units.c2a!,
      year: 2025,
      paidOn: '2025-04-15',
      entries: [{ memberId: ids.C!, amount: 30_000 }],
    });
    // D: removed (xóa tên) in Q1 2025.
    await admit(
      'D',
      'b1a',
      { fullName: 'Phạm Thị Dung', birthDate: '1960-08-01', gender: 'female' },
      '2024-04-20',
      '2024-05-01',
    );
    await pay('D', 2024, 24_000, '2024-06-01');
    await act('D', 'remove', '2025-03-10');
    // E: pays part of 2025 in Q1, dies in July 2025.
    await admit(
      'E',
      'c2a',
      { fullName: 'Hoàng Văn Em', birthDate: '1930', gender: 'male' },
      '2024-01-05',
      '2024-01-10',
    );
    await pay('E', 2025, 10_000, '2025-02-15');
    await act('E', 'decease', '2025-07-01');
    // F: resigns in Q1 2025.
    await admit(
      'F',
      'c1a',
      { fullName: 'Vũ Thị Phương', birthDate: '1970-01-01', gender: 'female' },
      '2024-02-01',
      '2024-02-01',
    );
    await act('F', 'resign', '2025-02-28');
    // G: pays 2024 on the last day of Q1 2025 (paid by then), ages out in September 2025.
    await admit(
      'G',
      'g1a',
      { fullName: 'Đỗ Văn Giang', birthDate: '1955-05-05', gender: 'male' },
      '2024-03-20',
      '2024-04-01',
    );
    await pay('G', 2024, 24_000, '2025-03-31');
    await act('G', 'age_out', '2025-09-01');
    // H: applies in January 2025, admitted in May by the commune (the deciding unit is c1a).
    await admit(
      'H',
      'b1a',
      { fullName: 'Bùi Thị Hoa', birthDate: '1965-03-03', gender: 'female' },
      '2025-01-05',
      null,
    );
    await act('H', 'admit', '2025-05-20', 'c1a');
    // I: suspended over the end of Q1 2025, reinstated in April.
    await admit(
      'I',
      'b1a',
      { fullName: 'Ngô Văn Ích', birthDate: '1945-12-12', gender: 'male' },
      '2024-02-20',
      '2024-03-01',
    );
    await act('I', 'suspend', '2025-01-15');
    await act('I', 'reinstate', '2025-04-10');
    // J: a transfer released in November 2025 and never answered (still counted at c1a).
    await admit(
      'J',
      'c1a',
      { fullName: 'Đinh Văn Khải', birthDate: '1970-06-06', gender: 'male' },
      '2024-09-01',
      '2024-09-01',
    );
    await transfer('J', 'c2a', '2025-11-01');
    // K: an honorary member (owes no dues).
    await admit(
      'K',
      'c2a',
      { fullName: 'Lý Thị Kim', birthDate: '1935', gender: 'female' },
      '2024-02-01',
      '2024-02-01',
      'honorary',
    );
    // L: moves from b1a to c1a in August 2025, then removed there in October.
    await admit(
      'L',
      'b1a',
      { fullName: 'Mai Văn Long', birthDate: '1958-07-07', gender: 'male' },
      '2024-03-01',
      '2024-03-15',
    );
    await transfer('L', 'c1a', '2025-07-20', '2025-08-01');
    await act('L', 'remove', '2025-10-01');
    // M: admitted and moved to c1b the same day (one period: the admission counts at c1b).
    await admit(
      'M',
      'b1a',
      { fullName: 'Cao Thị Mơ', birthDate: '1980-01-01', gender: 'female' },
      '2026-02-01',
      '2026-02-01',
    );
    await transfer('M', 'c1b', '2026-02-01', '2026-02-01');
    // Period boundaries. N: admitted on the first day of 2024, resigns on the last day of Q1 2025
    // (no longer active that day). O: admitted on the first day of Q2 2025 at c1a, moves to b1a
    // on its last day.
    await admit(
      'N',
      'c1b',
      { fullName: 'Trịnh Văn Nam', birthDate: '1952-02-02', gender: 'male' },
      '2024-01-01',
      '2024-01-01',
    );
    await act('N', 'resign', '2025-03-31');
    await admit(
      'O',
      'c1a',
      { fullName: 'Lương Thị Oanh', birthDate: '1964', gender: 'female' },
      '2025-03-20',
      '2025-04-01',
    );
    await transfer('O', 'b1a', '2025-06-20', '2025-06-30');
  });

  /** Brute force: each indicator's per-unit values from the registry's rows, in plain TypeScript. */
  async function bruteForce(): Promise<(code: string, p: Period) => Values> {
    const a = t.associationId;
    const sys = ctx.deps.db.system;
    const periods = await sys
      .selectFrom('membershipPeriods')
      .select(['membershipId', 'personId', 'unitId', 'status', 'category', 'gender'])
      .select(['validFrom', 'validTo'])
      .where('associationId', '=', a)
      .execute();
    const ms = new Map(
      (
        await sys
          .selectFrom('memberships')
          .select(['id', 'birthYear', 'joinedOn', 'duesPaidThrough'])
          .where('associationId', '=', a)
          .execute()
      ).map((m) => [m.id, m]),
    );
    const events = await sys
      .selectFrom('memberEvents')
      .select(['membershipId', 'kind', 'effectiveDate'])
      .where('associationId', '=', a)
      .execute();
    const trs = await sys
      .selectFrom('transfers')
      .select(['status', 'answeredOn', 'fromUnitId', 'toUnitId'])
      .where('associationId', '=', a)
      .execute();
    const payments = await sys
      .selectFrom('duesPayments')
      .select(['membershipId', 'year', 'amount', 'paidOn', 'collectedByUnitId'])
      .where('associationId', '=', a)
      .execute();
    const dueMonth = await inTenant(
      ctx.deps.db.app,
      a,
      async (tx) => (await members.settingsOf(tx, a)).duesDueMonth,
    );

    const inForce = (r: (typeof periods)[number], d: string) =>
      r.validFrom <= d && (r.validTo === null || r.validTo > d);
    const within = (d: string | null, p: Period) => d !== null && d >= p.from && d <= p.to;
    const activeOn = (d: string) => periods.filter((r) => r.status === 'active' && inForce(r, d));
    const band = (birthYear: number | null, d: string) => {
      if (birthYear === null) return null;
      const age = Number(d.slice(0, 4)) - birthYear;
      return age >= 90
        ? '90plus'
        : age >= 80
          ? '80-89'
          : age >= 70
            ? '70-79'
            : age >= 60
              ? '60-69'
              : 'under60';
    };
    // The last year already overdue on d: a year falls due at the end of the due month.
    const lastDue = (d: string) =>
      Number(d.slice(5, 7)) <= dueMonth ? Number(d.slice(0, 4)) - 1 : Number(d.slice(0, 4));

    const count = (pairs: [string, string | null, number?][]): Values => {
      const out: Values = {};
      for (const [unitId, cat, n] of pairs) {
        const u = (out[unitId] ??= {});
        u[cat ?? NONE] = (u[cat ?? NONE] ?? 0) + (n ?? 1);
      }
      return out;
    };
    const ended = (status: string, p: Period) =>
      count(
        periods
          .filter((r) => r.status === status && within(r.validFrom, p))
          .map((r) => [r.unitId, null]),
      );

    return (code, p) => {
      switch (code) {
        case 'members.active':
          return count(activeOn(p.to).map((r) => [r.unitId, r.gender]));
        case 'members.active_by_age':
          return count(
            activeOn(p.to).map((r) => [r.unitId, band(ms.get(r.membershipId)!.birthYear, p.to)]),
          );
        case 'members.people': {
          const people = new Map<string, Set<string>>();
          for (const r of activeOn(p.to)) {
            people.set(r.unitId, (people.get(r.unitId) ?? new Set()).add(r.personId));
          }
          return count([...people].map(([u, s]) => [u, null, s.size]));
        }
        case 'members.admitted':
          return count(
            events
              .filter((e) => e.kind === 'admitted' && within(e.effectiveDate, p))
              .map((e) => {
                const at = periods.find(
                  (r) => r.membershipId === e.membershipId && inForce(r, e.effectiveDate),
                )!;
                return [at.unitId, at.gender];
              }),
          );
        case 'members.transferred_in':
        case 'members.transferred_out':
          return count(
            trs
              .filter((x) => x.status === 'accepted' && within(x.answeredOn, p))
              .map((x) => [code.endsWith('_in') ? x.toUnitId : x.fromUnitId, null]),
          );
        case 'members.removed':
          return ended('removed', p);
        case 'members.resigned':
          return ended('resigned', p);
        case 'members.deceased':
          return ended('deceased', p);
        case 'members.aged_out':
          return ended('aged_out', p);
        case 'members.in_arrears': {
          const ld = lastDue(p.to);
          return count(
            activeOn(p.to)
              .filter((r) => {
                const m = ms.get(r.membershipId)!;
                if (r.category === 'honorary' || !m.joinedOn) return false;
                const paidThrough = m.duesPaidThrough ?? Number(m.joinedOn.slice(0, 4)) - 1;
                const paidLate = payments.some(
                  (x) => x.membershipId === r.membershipId && x.year <= ld && x.paidOn > p.to,
                );
                return paidThrough < ld || paidLate;
              })
              .map((r) => [r.unitId, null]),
          );
        }
        case 'dues.collected':
          return count(
            payments
              .filter((x) => within(x.paidOn, p))
              .map((x) => [x.collectedByUnitId, null, Number(x.amount)]),
          );
        default:
          throw new Error(`no brute force for ${code}`);
      }
    };
  }

  it('registers every indicator with both forms', () => {
    expect(MEMBER_INDICATORS.map((i) => i.code).sort()).toEqual(
      [
        'dues.collected',
        'members.active',
        'members.active_by_age',
        'members.admitted',
        'members.aged_out',
        'members.deceased',
        'members.in_arrears',
        'members.people',
        'members.removed',
        'members.resigned',
        'members.transferred_in',
        'members.transferred_out',
      ].sort(),
    );
    for (const i of MEMBER_INDICATORS) {
      expect(typeof i.byUnit, i.code).toBe('function');
      expect(i.name.vi && i.name.en, i.code).toBeTruthy();
    }
  });

  it('byUnit per unit = brute force; byUnit summed over a subtree = compute = brute force', async () => {
    const expected = await bruteForce();
    const trees = await subtrees(t);
    await inTenant(ctx.deps.db.app, t.associationId, async (tx) => {
      for (const ind of MEMBER_INDICATORS) {
        for (const p of PERIODS) {
          const label = `${ind.code} ${p.from}..${p.to}`;
          const want = expected(ind.code, p);
          const all = tally(await ind.byUnit!(tx, null, p));
          expect(all, label).toEqual(want);
          for (const s of trees) {
            const own = tally(await ind.byUnit!(tx, [...s.units], p));
            expect(own, `${label} byUnit(${s.key})`).toEqual(
              tally(await ind.byUnit!(tx, null, p), s.units),
            );
            const computed = await ind.compute(tx, { paths: [s.path] }, p);
            expect(computed, `${label} compute(${s.key})`).toBe(total(want, s.units));
            expect(total(own), `${label} Σ byUnit(${s.key})`).toBe(computed);
          }
        }
      }
    });
  });

  it('counts what the scenario says (hand-checked)', async () => {
    const [root] = (await subtrees(t)).filter((s) => s.key === 'root');
    const u = t.units;
    const get = async (code: string, p: Period) => {
      const ind = MEMBER_INDICATORS.find((i) => i.code === code)!;
      return inTenant(ctx.deps.db.app, t.associationId, async (tx) => ({
        all: await ind.compute(tx, { paths: [root!.path] }, p),
        byUnit: tally(await ind.byUnit!(tx, null, p)),
      }));
    };
    const q1 = { from: '2025-01-01', to: '2025-03-31' };
    const y25 = { from: '2025-01-01', to: '2025-12-31' };

    // End of Q1 2025: A, L (b1a), B, G (g1a), C (c2a since 5 March), E, K (c2a), J (c1a); not
    // N, who resigned that day, nor I (suspended).
    const active = await get('members.active', q1);
    expect(active.all).toBe(8);
    expect(active.byUnit).toEqual({
      [u.b1a!]: { male: 2 },
      [u.g1a!]: { female: 1, male: 1 },
      [u.c2a!]: { [NONE]: 1, male: 1, female: 1 },
      [u.c1a!]: { male: 1 },
    });
    // End of 2025: A (c1b), B (g1a), C, K (c2a), H, I, O (b1a), J (c1a, transfer pending).
    expect((await get('members.active', y25)).all).toBe(8);
    expect((await get('members.people', y25)).all).toBe(8);
    const ages = await get('members.active_by_age', y25);
    expect(ages.byUnit[u.c2a!]).toEqual({ [NONE]: 1, '90plus': 1 });
    expect(ages.byUnit[u.b1a!]).toEqual({ '60-69': 2, '80-89': 1 });
    expect(ages.byUnit[u.c1a!]).toEqual({ under60: 1 });

    // 2024: N admitted on its first day and C, both at c1b (among others).
    expect((await get('members.admitted', PERIODS[0]!)).byUnit[u.c1b!]).toEqual({
      male: 1,
      [NONE]: 1,
    });
    // Q1 2025: B admitted; C moved c1b → c2a; D removed at b1a; F and N (on its last day) resigned.
    expect((await get('members.admitted', q1)).byUnit).toEqual({ [u.g1a!]: { female: 1 } });
    expect((await get('members.transferred_in', q1)).byUnit).toEqual({ [u.c2a!]: { [NONE]: 1 } });
    expect((await get('members.transferred_out', q1)).byUnit).toEqual({ [u.c1b!]: { [NONE]: 1 } });
    expect((await get('members.removed', q1)).byUnit).toEqual({ [u.b1a!]: { [NONE]: 1 } });
    expect((await get('members.resigned', q1)).byUnit).toEqual({
      [u.c1a!]: { [NONE]: 1 },
      [u.c1b!]: { [NONE]: 1 },
    });
    // Q2 2025: O admitted at c1a on its first day, H at her branch (not at the deciding commune);
    // A moved to c1b, O to b1a on its last day.
    const q2 = PERIODS[2]!;
    expect((await get('members.admitted', q2)).byUnit).toEqual({
      [u.c1a!]: { female: 1 },
      [u.b1a!]: { female: 1 },
    });
    expect((await get('members.transferred_in', q2)).byUnit).toEqual({
      [u.c1b!]: { [NONE]: 1 },
      [u.b1a!]: { [NONE]: 1 },
    });
    expect((await get('members.transferred_out', q2)).byUnit).toEqual({
      [u.b1a!]: { [NONE]: 1 },
      [u.c1a!]: { [NONE]: 1 },
    });
    expect((await get('members.active', q2)).byUnit[u.b1a!]).toEqual({ male: 2, female: 2 });
    // 2025: L removed at c1a, where he had moved; E died at c2a; G aged out at g1a.
    expect((await get('members.admitted', y25)).all).toBe(3);
    expect((await get('members.transferred_in', y25)).all).toBe(4);
    expect((await get('members.removed', y25)).byUnit).toEqual({
      [u.b1a!]: { [NONE]: 1 },
      [u.c1a!]: { [NONE]: 1 },
    });
    expect((await get('members.deceased', y25)).byUnit).toEqual({ [u.c2a!]: { [NONE]: 1 } });
    expect((await get('members.aged_out', y25)).byUnit).toEqual({ [u.g1a!]: { [NONE]: 1 } });
    // 2026: M admitted and moved the same day: one period, at c1b.
    const h26 = { from: '2026-01-01', to: TODAY };
    expect((await get('members.admitted', h26)).byUnit).toEqual({ [u.c1b!]: { female: 1 } });

    // Arrears at the end of Q1 2025 (2024 overdue): A (paid 2024 only in May), E, J, L; not
    // B (joined 2025), C (paid 2024), G (paid on that day), K (honorary). At the end of 2025
    // (2025 overdue): B, H, I, J, O.
    const arrearsQ1 = await get('members.in_arrears', q1);
    expect(arrearsQ1.all).toBe(4);
    expect(arrearsQ1.byUnit[u.b1a!]).toEqual({ [NONE]: 2 });
    expect((await get('members.in_arrears', y25)).all).toBe(5);

    // Dues: E's 10,000 at c2a and G's 24,000 at g1a in Q1; A's two payments at b1a and C's bulk
    // payment at c2a later in 2025.
    expect((await get('dues.collected', q1)).byUnit).toEqual({
      [u.c2a!]: { [NONE]: 10_000 },
      [u.g1a!]: { [NONE]: 24_000 },
    });
    expect((await get('dues.collected', y25)).byUnit).toEqual({
      [u.b1a!]: { [NONE]: 54_000 },
      [u.c2a!]: { [NONE]: 40_000 },
      [u.g1a!]: { [NONE]: 24_000 },
    });
  });
});

describe('case indicators', () => {
  it('byUnit per unit = brute force; summed over a subtree = compute', async () => {
    clock.set('2026-03-20T03:00:00Z');
    try {
      const t = await createTestTree(ctx.deps);
      const mk = (
        unitKey: string,
        receivedOn: string,
        state: 'received' | 'accepted' | 'concluded',
      ) => caseFixture(ctx.deps, t, { unitKey, receivedOn, state, type: 'complaint' });
      await mk('c1a', '2026-01-05', 'received');
      await mk('c1a', '2026-02-10', 'accepted');
      await mk('b1a', '2026-01-20', 'concluded');
      await mk('b1a', '2026-03-02', 'received');
      await mk('g1a', '2025-12-15', 'accepted');
      await mk('c1b', '2026-03-10', 'concluded');
      await mk('c2a', '2025-11-03', 'received');
      await mk('c2a', '2026-02-27', 'accepted');
      const cases = await ctx.deps.db.system
        .selectFrom('cases')
        .select(['unitId', 'receivedOn', 'acceptedOn', 'concludedOn', 'resolutionDue'])
        .select(['isOpen', 'nextDeadline', 'status'])
        .where('associationId', '=', t.associationId)
        .execute();
      const trees = await subtrees(t);
      const periods: Period[] = [
        { from: '2026-01-01', to: '2026-03-20' },
        { from: '2026-03-01', to: '2026-03-20' },
        { from: '2025-10-01', to: '2026-01-31' },
      ];
      const brute = (code: string, p: Period): Values => {
        const within = (d: string | null) => d !== null && d >= p.from && d <= p.to;
        const keep = cases.filter((c) => {
          switch (code) {
            case 'cases.received':
              return within(c.receivedOn);
            case 'cases.accepted':
              return within(c.acceptedOn);
            case 'cases.resolved':
              return within(c.concludedOn);
            case 'cases.resolved_on_time':
              return (
                within(c.concludedOn) &&
                (c.resolutionDue === null || c.concludedOn! <= c.resolutionDue)
              );
            case 'cases.overdue':
              return (
                c.isOpen &&
                c.nextDeadline !== null &&
                c.nextDeadline < p.to &&
                ['received', 'classified', 'accepted', 'verifying'].includes(c.status)
              );
            default:
              throw new Error(code);
          }
        });
        return tally(keep.map((c) => ({ unitId: c.unitId, category: null, value: 1 })));
      };
      const seen: Record<string, number> = {};
      await inTenant(ctx.deps.db.app, t.associationId, async (tx) => {
        for (const ind of CASE_INDICATORS) {
          for (const p of periods) {
            const label = `${ind.code} ${p.from}..${p.to}`;
            const all = tally(await ind.byUnit!(tx, null, p));
            expect(all, label).toEqual(brute(ind.code, p));
            seen[ind.code] = (seen[ind.code] ?? 0) + total(all);
            for (const s of trees) {
              const own = tally(await ind.byUnit!(tx, [...s.units], p));
              expect(own, `${label} byUnit(${s.key})`).toEqual(
                tally(await ind.byUnit!(tx, null, p), s.units),
              );
              const computed = await ind.compute(tx, { paths: [s.path] }, p);
              expect(total(own), `${label} compute(${s.key})`).toBe(computed);
            }
          }
        }
      });
      // Every count is exercised (the overdue ones: acceptance deadlines passed by 20 March).
      for (const ind of CASE_INDICATORS) expect(seen[ind.code], ind.code).toBeGreaterThan(0);
    } finally {
      clock.set(`${TODAY}T03:00:00Z`);
    }
  });
});
