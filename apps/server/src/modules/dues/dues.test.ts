import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testClock, type TestContext } from '../../test/harness.js';
import {
  createTestMember,
  createTestTree,
  sessionFor,
  type Client,
  type TestTree,
} from '../../test/factories.js';

/** Dues tests run on 15 June 2026: the 2026 dues fell due at the end of March (default). */
const TODAY = '2026-06-15';
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ clock: testClock(new Date(`${TODAY}T03:00:00Z`)) });
});
afterAll(async () => ctx.close());

interface World {
  t: TestTree;
  admin: Client;
  officerA: Client;
  officerB: Client;
  provinceOfficer: Client;
}

/** A fresh association per scenario: rates apply association-wide. */
async function world(): Promise<World> {
  const t = await createTestTree(ctx.deps);
  return {
    t,
    admin: await sessionFor(ctx.app, ctx.deps, t.users.admin!),
    officerA: await sessionFor(ctx.app, ctx.deps, t.users.officerA!),
    officerB: await sessionFor(ctx.app, ctx.deps, t.users.officerB!),
    provinceOfficer: await sessionFor(ctx.app, ctx.deps, t.users.provinceOfficer!),
  };
}

/** An active official member admitted on 2024-03-15 (join year 2024). */
const member = (w: World, unitKey: string, fullName: string) =>
  createTestMember(ctx.deps, w.t, unitKey, { idNumber: null, fullName });

async function rate(
  client: Client,
  unitId: string,
  year: number,
  amount: number,
  category: string | null = null,
) {
  const r = await client.post('/api/dues/rates', { unitId, year, amount, category });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<{ id: string }>();
}

async function pay(client: Client, memberId: string, year: number, amount: number) {
  return client.post('/api/dues/payments', {
    memberId,
    year,
    amount,
    paidOn: '2026-04-02',
    receiptNumber: `BL-${year}`,
  });
}

async function paidThrough(client: Client, memberId: string): Promise<number | null> {
  const r = await client.get(`/api/members/${memberId}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json<{ duesPaidThrough: number | null }>().duesPaidThrough;
}

async function setCategory(client: Client, m: { id: string; version: number }, category: string) {
  const r = await client.patch(
    `/api/members/${m.id}`,
    { category },
    { 'if-match': `"${m.version}"` },
  );
  expect(r.statusCode, r.body).toBe(200);
}

describe('rates', () => {
  it('resolves the nearest unit’s rate, category-specific over generic at the same unit', async () => {
    const w = await world();
    const { t } = w;
    await rate(w.admin, t.units.root!, 2026, 30_000);
    await rate(w.admin, t.units.root!, 2026, 10_000, 'associate');
    await rate(w.provinceOfficer, t.units.p1!, 2026, 40_000);
    const official1 = await member(w, 'b1a', 'An Văn Một');
    const associate1 = await member(w, 'g1a', 'Bùi Thị Hai');
    await setCategory(w.officerA, associate1, 'associate');
    const official2 = await member(w, 'c2a', 'Cù Văn Ba');
    const associate2 = await member(w, 'c2a', 'Dương Thị Bốn');
    await setCategory(w.officerB, associate2, 'associate');
    const honorary = await member(w, 'c2a', 'Giáp Văn Năm');
    await setCategory(w.officerB, honorary, 'honorary');

    const sheet = await w.admin.get(`/api/dues/collection?unitId=${t.units.root}&year=2026`);
    expect(sheet.statusCode, sheet.body).toBe(200);
    const due = new Map(
      sheet
        .json<{ lines: { memberId: string; due: number; exempt: string | null }[] }>()
        .lines.map((l) => [l.memberId, [l.due, l.exempt]]),
    );
    // Province p1 overrides the association for everyone below it, whatever the category.
    expect(due.get(official1.id)).toEqual([40_000, null]);
    expect(due.get(associate1.id)).toEqual([40_000, null]);
    // Elsewhere the association's rates apply; its associate rate beats its generic one.
    expect(due.get(official2.id)).toEqual([30_000, null]);
    expect(due.get(associate2.id)).toEqual([10_000, null]);
    // Honorary members owe nothing without an exemption row.
    expect(due.get(honorary.id)).toEqual([0, 'honorary']);
    expect(sheet.json()).toMatchObject({
      rateFound: true,
      totals: { due: 120_000, paid: 0, outstanding: 120_000, exempt: 1 },
    });
  });

  it('refuses a second rate for the same unit, year and category; scope and inactive units', async () => {
    const w = await world();
    const { t } = w;
    await rate(w.admin, t.units.root!, 2026, 30_000);
    const dup = await w.admin.post('/api/dues/rates', {
      unitId: t.units.root,
      year: 2026,
      amount: 35_000,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE_CODE');
    // Another category for the same unit and year is another rate.
    await rate(w.admin, t.units.root!, 2026, 0, 'honorary');
    expect(
      (await w.officerB.post('/api/dues/rates', { unitId: t.units.p1, year: 2026, amount: 1 }))
        .statusCode,
    ).toBe(404);
    expect(
      (await w.officerA.post('/api/dues/rates', { unitId: t.units.root, year: 2026, amount: 1 }))
        .statusCode,
    ).toBe(404);
    await rate(w.officerB, t.units.c2a!, 2026, 25_000);
    const created = await w.admin.post('/api/units', {
      parentId: t.units.c2a,
      code: `OLD-${t.code}`,
      name: 'Chi hội cũ',
    });
    expect(created.statusCode, created.body).toBe(201);
    const old = created.json<{ id: string }>().id;
    expect((await w.admin.post(`/api/units/${old}/dissolve`, { reason: 'thử' })).statusCode).toBe(
      200,
    );
    const inactive = await w.admin.post('/api/dues/rates', { unitId: old, year: 2026, amount: 1 });
    expect(inactive.statusCode).toBe(422);
    expect(inactive.json().error.code).toBe('UNIT_INACTIVE');

    const list = (await w.officerA.get('/api/dues/rates?year=2026')).json();
    // Officer A sees the rates its units are subject to (the association's), not commune c2a's.
    expect(list.items.map((r: { unitId: string }) => r.unitId).sort()).toEqual(
      [t.units.root, t.units.root].sort(),
    );
    const forC2a = (await w.officerB.get(`/api/dues/rates?unitId=${t.units.c2a}`)).json();
    expect(forC2a.items).toHaveLength(3);
    expect((await w.officerB.get(`/api/dues/rates?unitId=${t.units.b1a}`)).statusCode).toBe(404);
  });
});

describe('payments and paid-through', () => {
  it('counts settled years without gaps from the join year; years before the first rate count as settled', async () => {
    const w = await world();
    const { t } = w;
    const m = await member(w, 'b1a', 'Đào Văn Đóng');
    const gap = await member(w, 'b1a', 'Đào Thị Thiếu');
    expect(await paidThrough(w.officerA, m.id)).toBeNull();
    // No rate before 2025: 2024 (the join year) was not levied, so it counts as settled.
    await rate(w.admin, t.units.root!, 2025, 24_000);
    expect(await paidThrough(w.officerA, m.id)).toBe(2024);
    await rate(w.admin, t.units.root!, 2026, 30_000);

    const p = await pay(w.officerA, m.id, 2025, 24_000);
    expect(p.statusCode, p.body).toBe(201);
    expect(p.json()).toMatchObject({
      memberId: m.id,
      year: 2025,
      amount: 24_000,
      paidOn: '2026-04-02',
      receiptNumber: 'BL-2025',
      batchId: null,
      collectedByUnitId: t.units.b1a,
    });
    expect(await paidThrough(w.officerA, m.id)).toBe(2025);
    // Partial payments add up.
    expect((await pay(w.officerA, m.id, 2026, 10_000)).statusCode).toBe(201);
    expect(await paidThrough(w.officerA, m.id)).toBe(2025);
    expect((await pay(w.officerA, m.id, 2026, 20_000)).statusCode).toBe(201);
    expect(await paidThrough(w.officerA, m.id)).toBe(2026);

    // A gap stops the count: 2026 paid, 2025 not.
    expect((await pay(w.officerA, gap.id, 2026, 30_000)).statusCode).toBe(201);
    expect(await paidThrough(w.officerA, gap.id)).toBe(2024);

    const mine = (await w.officerA.get(`/api/members/${gap.id}/dues`)).json();
    expect(
      mine.years.map((y: { year: number; outstanding: number }) => [y.year, y.outstanding]),
    ).toEqual([
      [2024, 0],
      [2025, 24_000],
      [2026, 0],
    ]);
    expect(mine.payments).toHaveLength(1);
    const tl = (await w.officerA.get(`/api/members/${m.id}/timeline`)).json();
    expect(
      tl.items
        .filter((e: { kind: string }) => e.kind === 'dues_paid')
        .map((e: { details: unknown }) => e.details),
    ).toEqual([
      { year: 2025, amount: 24_000 },
      { year: 2026, amount: 10_000 },
      { year: 2026, amount: 20_000 },
    ]);
  });

  it('refuses years without a rate or before joining, future payment dates and members who left', async () => {
    const w = await world();
    const { t } = w;
    await rate(w.admin, t.units.root!, 2026, 30_000);
    const m = await member(w, 'b1a', 'Hà Văn Chưa');
    const noRate = await pay(w.officerA, m.id, 2027, 30_000);
    expect(noRate.statusCode).toBe(422);
    expect(noRate.json().error).toMatchObject({
      code: 'DUES_RATE_MISSING',
      details: { year: 2027 },
    });
    const beforeJoin = await pay(w.officerA, m.id, 2023, 30_000);
    expect(beforeJoin.json().error).toMatchObject({
      code: 'MEMBER_DATE_INVALID',
      details: { reason: 'before_join' },
    });
    const future = await w.officerA.post('/api/dues/payments', {
      memberId: m.id,
      year: 2026,
      amount: 30_000,
      paidOn: '2026-06-16',
    });
    expect(future.json().error.code).toBe('MEMBER_DATE_INVALID');
    const zero = await pay(w.officerA, m.id, 2026, 0);
    expect(zero.statusCode).toBe(400);

    const gone = await member(w, 'b1a', 'Hà Văn Đi');
    const resigned = await w.officerA.post(
      `/api/members/${gone.id}/transitions`,
      { action: 'resign', effectiveDate: '2026-01-10' },
      { 'if-match': `"${gone.version}"` },
    );
    expect(resigned.statusCode, resigned.body).toBe(200);
    const r = await pay(w.officerA, gone.id, 2026, 30_000);
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('MEMBER_NOT_ACTIVE');
  });

  it('keeps dues inside the officer’s scope', async () => {
    const w = await world();
    await rate(w.admin, w.t.units.root!, 2026, 30_000);
    const m = await member(w, 'b1a', 'Kiều Văn Riêng');
    expect((await pay(w.officerB, m.id, 2026, 30_000)).statusCode).toBe(404);
    expect((await w.officerB.get(`/api/members/${m.id}/dues`)).statusCode).toBe(404);
    expect(
      (await w.officerB.get(`/api/dues/collection?unitId=${w.t.units.b1a}&year=2026`)).statusCode,
    ).toBe(404);
    const ex = await w.officerB.post('/api/dues/exemptions', {
      memberId: m.id,
      reason: 'elderly',
      fromYear: 2026,
    });
    expect(ex.statusCode).toBe(404);
    expect((await pay(w.officerA, m.id, 2026, 30_000)).statusCode).toBe(201);
  });
});

describe('exemptions', () => {
  it('an exemption settles its years; ending it keeps this year and no later one', async () => {
    const w = await world();
    const { t } = w;
    for (const y of [2024, 2025, 2026, 2027]) await rate(w.admin, t.units.root!, y, 20_000);
    const m = await member(w, 'b1a', 'Lâm Văn Già');
    expect((await pay(w.officerA, m.id, 2024, 20_000)).statusCode).toBe(201);
    expect(await paidThrough(w.officerA, m.id)).toBe(2024);

    const r = await w.officerA.post('/api/dues/exemptions', {
      memberId: m.id,
      reason: 'elderly',
      fromYear: 2025,
      note: 'Trên 90 tuổi',
    });
    expect(r.statusCode, r.body).toBe(201);
    const ex = r.json();
    expect(ex).toMatchObject({ reason: 'elderly', fromYear: 2025, toYear: null, endedAt: null });
    // Open-ended: settled through the last year with a rate.
    expect(await paidThrough(w.officerA, m.id)).toBe(2027);
    const sheet = (
      await w.officerA.get(`/api/dues/collection?unitId=${t.units.b1a}&year=2026`)
    ).json();
    expect(sheet.lines.find((l: { memberId: string }) => l.memberId === m.id)).toMatchObject({
      due: 0,
      exempt: 'elderly',
      outstanding: 0,
    });

    const end = await w.officerA.post(`/api/dues/exemptions/${ex.id}/end`);
    expect(end.statusCode, end.body).toBe(200);
    expect(end.json()).toMatchObject({ toYear: 2026, endedAt: expect.any(String) });
    expect(await paidThrough(w.officerA, m.id)).toBe(2026);
    const again = await w.officerA.post(`/api/dues/exemptions/${ex.id}/end`);
    expect(again.json().toYear).toBe(2026);
    expect((await w.officerB.post(`/api/dues/exemptions/${ex.id}/end`)).statusCode).toBe(404);

    const kinds = (await w.officerA.get(`/api/members/${m.id}/timeline`))
      .json()
      .items.map((e: { kind: string }) => e.kind);
    expect(kinds.filter((k: string) => k === 'exemption')).toHaveLength(2);
    const dues = (await w.officerA.get(`/api/members/${m.id}/dues`)).json();
    expect(dues.exemptions).toHaveLength(1);
    expect(
      dues.years.map((y: { year: number; exempt: string | null }) => [y.year, y.exempt]),
    ).toEqual([
      [2024, null],
      [2025, 'elderly'],
      [2026, 'elderly'],
    ]);
    const bad = await w.officerA.post('/api/dues/exemptions', {
      memberId: m.id,
      reason: 'other',
      fromYear: 2026,
      toYear: 2025,
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('bulk payments', () => {
  it('writes every entry or none, and names the entry at fault', async () => {
    const w = await world();
    const { t } = w;
    await rate(w.admin, t.units.root!, 2026, 30_000);
    const m1 = await member(w, 'b1a', 'Mạc Văn Một');
    const m2 = await member(w, 'g1a', 'Mạc Văn Hai');
    const outside = await member(w, 'c1b', 'Mạc Văn Ngoài');
    const bulk = (entries: { memberId: string; amount: number }[], extra = {}) =>
      w.officerA.post('/api/dues/payments/bulk', {
        unitId: t.units.b1a,
        year: 2026,
        paidOn: '2026-04-10',
        receiptNumber: 'NP-01',
        entries,
        ...extra,
      });
    const notInBranch = await bulk([
      { memberId: m1.id, amount: 30_000 },
      { memberId: outside.id, amount: 30_000 },
    ]);
    expect(notInBranch.statusCode).toBe(404);
    expect(notInBranch.json().error.details).toMatchObject({ index: 1, memberId: outside.id });
    const dup = await bulk([
      { memberId: m1.id, amount: 30_000 },
      { memberId: m1.id, amount: 30_000 },
    ]);
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details.index).toBe(1);
    const noRate = await bulk([{ memberId: m1.id, amount: 30_000 }], { year: 2025 });
    expect(noRate.statusCode).toBe(422);
    expect(noRate.json().error.details).toMatchObject({ index: 0, year: 2025 });
    const count = async () =>
      (
        await ctx.deps.db.system
          .selectFrom('duesPayments')
          .select('id')
          .where('membershipId', 'in', [m1.id, m2.id, outside.id])
          .execute()
      ).length;
    expect(await count()).toBe(0);
    // Another commune's officer may not collect for this branch.
    const foreign = await w.officerB.post('/api/dues/payments/bulk', {
      unitId: t.units.b1a,
      year: 2026,
      paidOn: '2026-04-10',
      entries: [{ memberId: m1.id, amount: 30_000 }],
    });
    expect(foreign.statusCode).toBe(404);

    const ok = await bulk([
      { memberId: m1.id, amount: 30_000 },
      { memberId: m2.id, amount: 15_000 },
    ]);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ count: 2, total: 45_000, batchId: expect.any(String) });
    expect(await count()).toBe(2);
    // 2024 and 2025 had no rate (nothing levied); 2026 paid in full only by m1.
    expect(await paidThrough(w.officerA, m1.id)).toBe(2026);
    expect(await paidThrough(w.officerA, m2.id)).toBe(2025);
    const sheet = (
      await w.officerA.get(`/api/dues/collection?unitId=${t.units.b1a}&year=2026`)
    ).json();
    expect(sheet.totals).toEqual({ due: 60_000, paid: 45_000, outstanding: 15_000, exempt: 0 });
    const payments = (await w.officerA.get(`/api/members/${m2.id}/dues`)).json().payments;
    expect(payments).toEqual([
      expect.objectContaining({
        batchId: ok.json().batchId,
        collectedByUnitId: t.units.b1a,
        receiptNumber: 'NP-01',
      }),
    ]);
  });
});

describe('arrears', () => {
  it('lists members whose first unpaid year is overdue, flags review after the threshold, never changes status', async () => {
    const w = await world();
    const { t } = w;
    for (const y of [2024, 2025, 2026]) await rate(w.admin, t.units.root!, y, 20_000);
    const late = await member(w, 'b1a', 'Nông Văn Lâu');
    const recent = await member(w, 'b1a', 'Nông Thị Gần');
    const paidUp = await member(w, 'b1a', 'Nông Văn Đủ');
    for (const y of [2024, 2025]) await pay(w.officerA, recent.id, y, 20_000);
    for (const y of [2024, 2025, 2026]) await pay(w.officerA, paidUp.id, y, 20_000);
    await pay(w.officerA, late.id, 2025, 5_000);

    const r = await w.officerA.get(`/api/dues/arrears?unitId=${t.units.c1a}`);
    expect(r.statusCode, r.body).toBe(200);
    const list = r.json();
    expect(list.reviewAfterMonths).toBe(12);
    const byId = new Map(list.items.map((i: { memberId: string }) => [i.memberId, i]));
    expect(byId.has(paidUp.id)).toBe(false);
    expect(byId.get(late.id)).toMatchObject({
      unpaidYears: [2024, 2025, 2026],
      outstanding: 55_000,
      monthsOverdue: 27,
      needsReview: true,
    });
    expect(byId.get(recent.id)).toMatchObject({
      unpaidYears: [2026],
      outstanding: 20_000,
      monthsOverdue: 3,
      needsReview: false,
    });
    // Vietnamese name order (given name first), then keyset pages.
    expect(list.items.map((i: { fullName: string }) => i.fullName)).toEqual([
      'Nông Thị Gần',
      'Nông Văn Lâu',
    ]);
    const p1 = (await w.officerA.get(`/api/dues/arrears?unitId=${t.units.c1a}&limit=1`)).json();
    expect(p1.items).toHaveLength(1);
    const p2 = (
      await w.officerA.get(
        `/api/dues/arrears?unitId=${t.units.c1a}&limit=1&cursor=${p1.nextCursor}`,
      )
    ).json();
    expect(p2.items.map((i: { memberId: string }) => i.memberId)).not.toContain(
      p1.items[0].memberId,
    );
    // Before 2026 fell due (end of March) the recent payer is not yet overdue.
    const march = (
      await w.officerA.get(`/api/dues/arrears?unitId=${t.units.c1a}&asOf=2026-03-31`)
    ).json();
    expect(march.items.map((i: { memberId: string }) => i.memberId)).toEqual([late.id]);
    // A review flag only: the member is still active, and the list flags them too.
    expect((await w.officerA.get(`/api/members/${late.id}`)).json()).toMatchObject({
      status: 'active',
      needsReview: true,
    });
    // Scope: another commune's officer sees none of them.
    const other = (await w.officerB.get('/api/dues/arrears')).json();
    expect(other.items).toEqual([]);
  });
});
