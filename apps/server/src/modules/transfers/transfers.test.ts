import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, todayIn } from '../../platform/clock.js';
import { createTestContext, type TestContext } from '../../test/harness.js';
import {
  createTestMember,
  createTestTree,
  sessionFor,
  testPerson,
  type Client,
  type TestTree,
} from '../../test/factories.js';
import { escalateOverdue } from './escalate-transfers.service.js';
import { addDays } from './transfers.service.js';

let ctx: TestContext;
let t: TestTree;
let admin: Client;
let officerA: Client;
let officerB: Client;
let provinceOfficer: Client;
const today = todayIn(systemClock);

beforeAll(async () => {
  ctx = await createTestContext();
  t = await createTestTree(ctx.deps);
  admin = await sessionFor(ctx.app, ctx.deps, t.users.admin!);
  officerA = await sessionFor(ctx.app, ctx.deps, t.users.officerA!);
  officerB = await sessionFor(ctx.app, ctx.deps, t.users.officerB!);
  provinceOfficer = await sessionFor(ctx.app, ctx.deps, t.users.provinceOfficer!);
});
afterAll(async () => ctx.close());

const member = (unitKey: string, fullName: string, tree = t) =>
  createTestMember(ctx.deps, tree, unitKey, { idNumber: null, fullName });

async function release(client: Client, memberId: string, toUnitId: string, extra = {}) {
  return client.post('/api/transfers', { memberId, toUnitId, ...extra });
}

/** The member's periods, oldest first. */
async function periodsOf(membershipId: string) {
  return ctx.deps.db.system
    .selectFrom('membershipPeriods')
    .select(['unitId', 'status', 'validFrom', 'validTo'])
    .where('membershipId', '=', membershipId)
    .orderBy('validFrom')
    .execute();
}

async function membershipRow(id: string) {
  return ctx.deps.db.system
    .selectFrom('memberships')
    .select(['unitId', 'transitToUnitId', 'version'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

async function timelineKinds(client: Client, memberId: string): Promise<string[]> {
  const r = await client.get(`/api/members/${memberId}/timeline`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json<{ items: { kind: string }[] }>().items.map((e) => e.kind);
}

/** The member is in exactly one unit, with exactly one open period there, and not in transit. */
async function expectSettledIn(memberId: string, unitId: string) {
  const row = await membershipRow(memberId);
  expect(row.unitId).toBe(unitId);
  expect(row.transitToUnitId).toBeNull();
  const open = (await periodsOf(memberId)).filter((p) => p.validTo === null);
  expect(open).toEqual([expect.objectContaining({ unitId, status: 'active' })]);
}

describe('the handshake', () => {
  it('releases across provinces, the receiver accepts: unit, periods, timeline and counts follow', async () => {
    // A tree of its own, so unit counts hold only this member.
    const tree = await createTestTree(ctx.deps);
    const a = await sessionFor(ctx.app, ctx.deps, tree.users.officerA!);
    const b = await sessionFor(ctx.app, ctx.deps, tree.users.officerB!);
    const boss = await sessionFor(ctx.app, ctx.deps, tree.users.admin!);
    const m = await member('b1a', 'Trần Văn Chuyển', tree);

    const r = await release(a, m.id, tree.units.c2a!, { reason: 'Chuyển nơi cư trú' });
    expect(r.statusCode, r.body).toBe(201);
    const tr = r.json();
    expect(tr).toMatchObject({
      memberId: m.id,
      memberNumber: m.memberNumber,
      fromUnit: { id: tree.units.b1a },
      toUnit: { id: tree.units.c2a },
      status: 'pending',
      releasedOn: today,
      dueOn: addDays(today, 15),
      overdue: false,
      escalatedTo: null,
      reason: 'Chuyển nơi cư trú',
    });
    // In transit: still at the sender, visible to the receiver, version moved.
    const row = await membershipRow(m.id);
    expect(row).toMatchObject({ unitId: tree.units.b1a, transitToUnitId: tree.units.c2a });
    expect(row.version).toBeGreaterThan(m.version);
    const seen = await b.get(`/api/members/${m.id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ inTransit: true, pendingTransferId: tr.id });
    // The receiver's searches find the member in transit (the transit arm of the subtree read),
    // by whole words and by a fragment being typed; the sender's too.
    const ids = async (c: Client, q: string) =>
      (await c.get(`/api/members?q=${encodeURIComponent(q)}`)).json().items.map((i: { id: string }) => i.id);
    expect(await ids(b, 'tran van chuyen')).toEqual([m.id]);
    expect(await ids(b, 'van chuy')).toEqual([m.id]);
    expect(await ids(a, 'tran van chuyen')).toEqual([m.id]);
    const incoming = (await b.get('/api/transfers?box=incoming')).json();
    expect(incoming.items.map((i: { id: string }) => i.id)).toEqual([tr.id]);
    const outgoing = (await a.get('/api/transfers?box=outgoing')).json();
    expect(outgoing.items.map((i: { id: string }) => i.id)).toEqual([tr.id]);
    expect((await a.get('/api/transfers?box=incoming')).json().items).toEqual([]);

    const acc = await b.post(`/api/transfers/${tr.id}/accept`, {});
    expect(acc.statusCode, acc.body).toBe(200);
    expect(acc.json()).toMatchObject({ status: 'accepted', answeredOn: today });
    await expectSettledIn(m.id, tree.units.c2a!);
    expect(await periodsOf(m.id)).toEqual([
      {
        unitId: tree.units.b1a,
        status: 'applicant',
        validFrom: '2024-03-01',
        validTo: '2024-03-15',
      },
      { unitId: tree.units.b1a, status: 'active', validFrom: '2024-03-15', validTo: today },
      { unitId: tree.units.c2a, status: 'active', validFrom: today, validTo: null },
    ]);
    expect(await timelineKinds(b, m.id)).toEqual([
      'applied',
      'admitted',
      'transfer_requested',
      'transfer_accepted',
    ]);
    // The sender no longer sees the member; the receiver does.
    expect((await a.get(`/api/members/${m.id}`)).statusCode).toBe(404);
    expect((await b.get(`/api/members/${m.id}`)).json()).toMatchObject({
      unitId: tree.units.c2a,
      inTransit: false,
      pendingTransferId: null,
    });

    // Counted at the sender until the day before acceptance, at the receiver from it — never both.
    const activeAt = async (asOf: string, unitId: string) => {
      const res = await boss.get(`/api/members/counts?asOf=${asOf}&unitId=${unitId}`);
      expect(res.statusCode, res.body).toBe(200);
      return res
        .json<{ rows: { unitId: string; status: string; memberships: number }[] }>()
        .rows.filter((x) => x.unitId === unitId && x.status === 'active')
        .reduce((n, x) => n + x.memberships, 0);
    };
    const yesterday = addDays(today, -1);
    expect(await activeAt(yesterday, tree.units.b1a!)).toBe(1);
    expect(await activeAt(yesterday, tree.units.c2a!)).toBe(0);
    expect(await activeAt(today, tree.units.b1a!)).toBe(0);
    expect(await activeAt(today, tree.units.c2a!)).toBe(1);
    const total = async (asOf: string) =>
      (await boss.get(`/api/members/counts?asOf=${asOf}`)).json<{
        totals: { memberships: number };
      }>().totals.memberships;
    expect(await total(yesterday)).toBe(1);
    expect(await total(today)).toBe(1);
  });

  it('the receiver refuses with a reason: the member stays, no longer in transit', async () => {
    const m = await member('b1a', 'Lê Thị Ở Lại');
    const tr = (await release(officerA, m.id, t.units.c2a!)).json();
    const noReason = await officerB.post(`/api/transfers/${tr.id}/refuse`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    const r = await officerB.post(`/api/transfers/${tr.id}/refuse`, {
      reason: 'Không cư trú tại địa bàn',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      status: 'refused',
      refusalReason: 'Không cư trú tại địa bàn',
      answeredOn: today,
    });
    await expectSettledIn(m.id, t.units.b1a!);
    expect((await officerB.get(`/api/members/${m.id}`)).statusCode).toBe(404);
    const tl = (await officerA.get(`/api/members/${m.id}/timeline`)).json();
    expect(tl.items.at(-1)).toMatchObject({
      kind: 'transfer_refused',
      reason: 'Không cư trú tại địa bàn',
    });
  });

  it('the sender cancels; the receiver may not', async () => {
    const m = await member('g1a', 'Phạm Văn Hủy');
    const tr = (await release(officerA, m.id, t.units.c2a!)).json();
    const notTheirs = await officerB.post(`/api/transfers/${tr.id}/cancel`);
    expect(notTheirs.statusCode).toBe(403);
    const r = await officerA.post(`/api/transfers/${tr.id}/cancel`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('cancelled');
    await expectSettledIn(m.id, t.units.g1a!);
    expect((await timelineKinds(officerA, m.id)).at(-1)).toBe('transfer_cancelled');
    // Answered transfers stay readable to both sides.
    expect((await officerB.get(`/api/transfers/${tr.id}`)).json().status).toBe('cancelled');
  });
});

describe('refusals', () => {
  it('refuses a transfer to the same unit, to another association and to a dissolved unit', async () => {
    const m = await member('b1a', 'Võ Văn Đứng Yên');
    const same = await release(officerA, m.id, t.units.b1a!);
    expect(same.statusCode).toBe(422);
    expect(same.json().error.code).toBe('TRANSFER_SAME_UNIT');

    const other = await createTestTree(ctx.deps);
    const foreign = await release(officerA, m.id, other.units.c2a!);
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error.code).toBe('TRANSFER_TARGET_INVALID');

    const created = await admin.post('/api/units', {
      parentId: t.units.c2a,
      code: `GONE-${t.code}`,
      name: 'Chi hội giải thể',
    });
    expect(created.statusCode, created.body).toBe(201);
    const gone = created.json().id as string;
    const dissolved = await admin.post(`/api/units/${gone}/dissolve`, { reason: 'thử' });
    expect(dissolved.statusCode, dissolved.body).toBe(200);
    const dead = await release(officerA, m.id, gone);
    expect(dead.json().error).toMatchObject({
      code: 'TRANSFER_TARGET_INVALID',
      details: { reason: 'inactive' },
    });
    await expectSettledIn(m.id, t.units.b1a!);
  });

  it('refuses a second release while one is pending, a non-active member, and officers out of scope', async () => {
    const m = await member('b1a', 'Đỗ Văn Hai Lần');
    const first = await release(officerA, m.id, t.units.c2a!);
    expect(first.statusCode, first.body).toBe(201);
    const second = await release(officerA, m.id, t.units.c1b!);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('MEMBER_IN_TRANSIT');
    // The receiving side may read the member in transit, not release it (the member module's
    // policy reports a unit out of manage scope as not found).
    expect((await release(officerB, m.id, t.units.c1b!)).statusCode).toBe(404);

    const applicant = await officerA.post('/api/members', {
      person: testPerson({ idNumber: null, fullName: 'Ngô Thị Mới Nộp' }),
      unitId: t.units.b1a,
    });
    expect(applicant.statusCode, applicant.body).toBe(201);
    const r = await release(officerA, applicant.json().id, t.units.c2a!);
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatchObject({
      code: 'MEMBER_NOT_ACTIVE',
      details: { status: 'applicant' },
    });

    const far = await member('c2a', 'Hồ Văn Xa');
    expect((await release(officerA, far.id, t.units.b1a!)).statusCode).toBe(404);
  });

  it('refuses release dates in the future or before the latest change, and acceptance before release', async () => {
    const m = await member('b1a', 'Trịnh Văn Ngày');
    const future = await release(officerA, m.id, t.units.c2a!, { releasedOn: addDays(today, 2) });
    expect(future.json().error.code).toBe('MEMBER_DATE_INVALID');
    const early = await release(officerA, m.id, t.units.c2a!, { releasedOn: '2024-03-01' });
    expect(early.json().error).toMatchObject({
      code: 'MEMBER_DATE_INVALID',
      details: { reason: 'before_latest_change' },
    });
    const tr = (await release(officerA, m.id, t.units.c2a!, { releasedOn: '2025-02-01' })).json();
    const before = await officerB.post(`/api/transfers/${tr.id}/accept`, {
      acceptedOn: '2025-01-31',
    });
    expect(before.json().error).toMatchObject({
      code: 'MEMBER_DATE_INVALID',
      details: { reason: 'before_release' },
    });
    const ok = await officerB.post(`/api/transfers/${tr.id}/accept`, { acceptedOn: '2025-02-10' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await periodsOf(m.id)).map((p) => [p.unitId, p.validFrom, p.validTo])).toEqual([
      [t.units.b1a, '2024-03-01', '2024-03-15'],
      [t.units.b1a, '2024-03-15', '2025-02-10'],
      [t.units.c2a, '2025-02-10', null],
    ]);
  });

  it('a second accept gets TRANSFER_NOT_PENDING', async () => {
    const m = await member('b1a', 'Cao Văn Hai Nhận');
    const tr = (await release(officerA, m.id, t.units.c2a!)).json();
    expect((await officerB.post(`/api/transfers/${tr.id}/accept`, {})).statusCode).toBe(200);
    const again = await officerB.post(`/api/transfers/${tr.id}/accept`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'TRANSFER_NOT_PENDING',
      details: { status: 'accepted' },
    });
    const refuse = await officerB.post(`/api/transfers/${tr.id}/refuse`, { reason: 'muộn' });
    expect(refuse.json().error.code).toBe('TRANSFER_NOT_PENDING');
    await expectSettledIn(m.id, t.units.c2a!);
  });
});

describe('races', () => {
  it('accept and cancel at once: exactly one wins, the member is in exactly one unit', async () => {
    for (let i = 0; i < 3; i++) {
      const m = await member('b1a', `Lý Văn Đua ${i}`);
      const tr = (await release(officerA, m.id, t.units.c2a!)).json();
      const [acc, can] = await Promise.all([
        officerB.post(`/api/transfers/${tr.id}/accept`, {}),
        officerA.post(`/api/transfers/${tr.id}/cancel`),
      ]);
      const statuses = [acc.statusCode, can.statusCode].sort();
      expect(statuses, `${acc.body} ${can.body}`).toEqual([200, 409]);
      const loser = acc.statusCode === 409 ? acc : can;
      expect(loser.json().error.code).toBe('TRANSFER_NOT_PENDING');
      await expectSettledIn(m.id, acc.statusCode === 200 ? t.units.c2a! : t.units.b1a!);
    }
  });

  it('two accepts at once: exactly one wins, one open period', async () => {
    for (let i = 0; i < 3; i++) {
      const m = await member('b1a', `Lý Thị Hai Tay ${i}`);
      const tr = (await release(officerA, m.id, t.units.c2a!)).json();
      const results = await Promise.all([
        officerB.post(`/api/transfers/${tr.id}/accept`, {}),
        admin.post(`/api/transfers/${tr.id}/accept`, {}),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.statusCode === 409)!.json().error.code).toBe(
        'TRANSFER_NOT_PENDING',
      );
      await expectSettledIn(m.id, t.units.c2a!);
      const kinds = await timelineKinds(admin, m.id);
      expect(kinds.filter((k) => k === 'transfer_accepted')).toHaveLength(1);
    }
  });

  it('two releases at once: one transfer, the other MEMBER_IN_TRANSIT', async () => {
    const m = await member('b1a', 'Lý Văn Hai Nơi');
    const results = await Promise.all([
      release(officerA, m.id, t.units.c2a!),
      release(admin, m.id, t.units.c1b!),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().error.code).toBe('MEMBER_IN_TRANSIT');
    const pending = await ctx.deps.db.system
      .selectFrom('transfers')
      .select('id')
      .where('membershipId', '=', m.id)
      .where('status', '=', 'pending')
      .execute();
    expect(pending).toHaveLength(1);
  });
});

describe('overdue transfers go up to the common parent', () => {
  it('the common parent sees an overdue transfer in its box and accepts it; others do not see it', async () => {
    // From a group of commune c1a to commune c1b: the common parent is province p1.
    const m = await member('g1a', 'Mai Văn Quá Hạn');
    const r = await release(officerA, m.id, t.units.c1b!, { releasedOn: '2025-01-10' });
    expect(r.statusCode, r.body).toBe(201);
    const tr = r.json();
    expect(tr).toMatchObject({
      dueOn: '2025-01-25',
      overdue: true,
      escalatedTo: { id: t.units.p1 },
    });
    const box = (await provinceOfficer.get('/api/transfers?box=overdue')).json();
    expect(box.items.map((i: { id: string }) => i.id)).toContain(tr.id);
    // The sending commune is not the common parent: not in its overdue box, and it may not accept.
    const senderBox = (await officerA.get('/api/transfers?box=overdue')).json();
    expect(senderBox.items.map((i: { id: string }) => i.id)).not.toContain(tr.id);
    expect((await officerA.post(`/api/transfers/${tr.id}/accept`, {})).statusCode).toBe(403);
    // An officer of another province sees nothing of it.
    expect((await officerB.get(`/api/transfers/${tr.id}`)).statusCode).toBe(404);
    expect((await officerB.post(`/api/transfers/${tr.id}/accept`, {})).statusCode).toBe(404);
    const all = (await officerB.get('/api/transfers?box=all')).json();
    expect(all.items.map((i: { id: string }) => i.id)).not.toContain(tr.id);

    const acc = await provinceOfficer.post(`/api/transfers/${tr.id}/accept`, {});
    expect(acc.statusCode, acc.body).toBe(200);
    expect(acc.json()).toMatchObject({ status: 'accepted', overdue: false });
    await expectSettledIn(m.id, t.units.c1b!);
    const overdueAfter = (await provinceOfficer.get('/api/transfers?box=overdue')).json();
    expect(overdueAfter.items.map((i: { id: string }) => i.id)).not.toContain(tr.id);
  });

  it('across provinces the association is the common parent: the admin sees and answers it', async () => {
    const m = await member('b1a', 'Mai Thị Lên Hội');
    const tr = (await release(officerA, m.id, t.units.c2a!, { releasedOn: '2025-03-01' })).json();
    expect(tr.escalatedTo).toMatchObject({ id: t.units.root });
    expect(
      (await admin.get('/api/transfers?box=overdue')).json().items.map((i: { id: string }) => i.id),
    ).toContain(tr.id);
    expect(
      (await provinceOfficer.get('/api/transfers?box=overdue'))
        .json()
        .items.map((i: { id: string }) => i.id),
    ).not.toContain(tr.id);
    const refused = await admin.post(`/api/transfers/${tr.id}/refuse`, { reason: 'Hồ sơ thiếu' });
    expect(refused.statusCode, refused.body).toBe(200);
    await expectSettledIn(m.id, t.units.b1a!);
  });

  it('escalateOverdue marks each overdue transfer once and adds one timeline event', async () => {
    const m = await member('b1a', 'Đinh Văn Nhắc');
    const tr = (await release(officerA, m.id, t.units.c1b!, { releasedOn: '2025-04-01' })).json();
    const fresh = await member('b1a', 'Đinh Văn Chưa Hạn');
    const notDue = (await release(officerA, fresh.id, t.units.c1b!)).json();
    expect(await escalateOverdue(ctx.deps, today)).toBeGreaterThanOrEqual(1);
    const escalatedAt = async () =>
      (
        await ctx.deps.db.system
          .selectFrom('transfers')
          .select('escalatedAt')
          .where('id', '=', tr.id)
          .executeTakeFirstOrThrow()
      ).escalatedAt;
    const firstAt = await escalatedAt();
    // The second run may escalate other test files' transfers (the PostgreSQL lane shares one
    // database); this one is not touched again.
    await escalateOverdue(ctx.deps, today);
    expect(await escalatedAt()).toEqual(firstAt);
    const kinds = await timelineKinds(admin, m.id);
    expect(kinds.filter((k) => k === 'transfer_escalated')).toHaveLength(1);
    expect(await timelineKinds(admin, fresh.id)).not.toContain('transfer_escalated');
    const row = await ctx.deps.db.system
      .selectFrom('transfers')
      .select(['id', 'escalatedAt'])
      .where('id', 'in', [tr.id, notDue.id])
      .execute();
    const at = new Map(row.map((x) => [x.id, x.escalatedAt]));
    expect(at.get(tr.id)).not.toBeNull();
    expect(at.get(notDue.id)).toBeNull();
    // Still pending: the common parent answers as before.
    const acc = await provinceOfficer.post(`/api/transfers/${tr.id}/accept`, {});
    expect(acc.statusCode, acc.body).toBe(200);
    expect(acc.json().escalatedTo).toMatchObject({ id: t.units.p1 });
  });
});

describe('lists', () => {
  it('filters by status and unit, pages with a cursor, and refuses units out of scope', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const m = await member('g1a', `Quách Văn Trang ${i}`);
      ids.push((await release(officerA, m.id, t.units.c2a!)).json().id);
    }
    const p1 = (
      await officerA.get(`/api/transfers?box=outgoing&unitId=${t.units.g1a}&status=pending&limit=2`)
    ).json();
    expect(p1.items).toHaveLength(2);
    expect(p1.items.every((i: { status: string }) => i.status === 'pending')).toBe(true);
    expect(p1.nextCursor).not.toBeNull();
    const p2 = (
      await officerA.get(
        `/api/transfers?box=outgoing&unitId=${t.units.g1a}&status=pending&limit=2&cursor=${p1.nextCursor}`,
      )
    ).json();
    const seen = [...p1.items, ...p2.items].map((i: { id: string }) => i.id);
    for (const id of ids) expect(seen).toContain(id);
    expect(new Set(seen).size).toBe(seen.length);
    expect((await officerB.get(`/api/transfers?unitId=${t.units.g1a}`)).statusCode).toBe(404);
  });
});
