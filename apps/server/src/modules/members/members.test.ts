import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.js';
import {
  createTestMember,
  createTestTree,
  sessionFor,
  testPerson,
  type Client,
  type TestTree,
} from '../../test/factories.js';

let ctx: TestContext;
let t: TestTree;
let admin: Client;
let officerA: Client;
let officerB: Client;

beforeAll(async () => {
  ctx = await createTestContext();
  t = await createTestTree(ctx.deps);
  admin = await sessionFor(ctx.app, ctx.deps, t.users.admin!);
  officerA = await sessionFor(ctx.app, ctx.deps, t.users.officerA!);
  officerB = await sessionFor(ctx.app, ctx.deps, t.users.officerB!);
});
afterAll(async () => ctx.close());

const admission = { number: '12/QĐ-HNCT', date: '2025-05-10', signer: 'Trần Văn Bình' };

describe('admission and profile', () => {
  it('an officer admits a member with a decision; the timeline shows application and admission', async () => {
    const r = await officerA.post('/api/members', {
      person: testPerson({
        fullName: 'Đặng Thị Hường',
        gender: 'female',
        idNumber: '001150123456',
        birthDate: '1950',
      }),
      unitId: t.units.b1a,
      appliedOn: '2025-05-01',
      admission,
    });
    expect(r.statusCode, r.body).toBe(201);
    const m = r.json();
    expect(m).toMatchObject({
      status: 'active',
      category: 'official',
      joinedOn: '2025-05-10',
      admission: { number: '12/QĐ-HNCT' },
      memberNumber: expect.stringMatching(/^\d{7}$/),
    });
    expect(r.headers.etag).toBe(`"${m.version}"`);
    // The answer to the admission is built from what the transaction knows (no photo, no
    // transfer, a new person): it is the member as read afterwards.
    expect((await officerA.get(`/api/members/${m.id}`)).json()).toEqual(m);
    const tl = await officerA.get(`/api/members/${m.id}/timeline`);
    expect(tl.json().items.map((e: { kind: string }) => e.kind)).toEqual(['applied', 'admitted']);
  });

  it('rejects a wrong ID number, and warns on a century digit that contradicts the birth year', async () => {
    const bad = await officerA.post('/api/members', {
      person: testPerson({ idNumber: '003050123456' }),
      unitId: t.units.b1a,
    });
    expect(bad.statusCode).toBe(400);
    const warn = await officerA.post('/api/members', {
      person: testPerson({ idNumber: '001200654321', birthDate: '1950' }),
      unitId: t.units.b1a,
    });
    expect(warn.statusCode).toBe(422);
    expect(warn.json().error).toMatchObject({
      code: 'ID_NUMBER_WARNING',
      details: { warnings: ['id_number.birth_year_mismatch'] },
    });
    const ok = await officerA.post('/api/members', {
      person: testPerson({ idNumber: '001200654321', birthDate: '1950' }),
      unitId: t.units.b1a,
      acknowledgeWarnings: true,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      status: 'applicant',
      warnings: ['id_number.birth_year_mismatch'],
    });
  });

  it('refuses admitting a person who already holds a current membership', async () => {
    const first = await officerA.post('/api/members', {
      person: testPerson({ idNumber: '001050111111' }),
      unitId: t.units.b1a,
      admission,
    });
    expect(first.statusCode, first.body).toBe(201);
    expect((await officerA.get(`/api/members/${first.json().id}`)).json()).toEqual(first.json());
    const again = await admin.post('/api/members', {
      person: testPerson({ idNumber: '001050111111' }),
      unitId: t.units.c2a,
      admission,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('MEMBER_ALREADY_ACTIVE');
  });

  it('an officer of another commune neither reads nor finds the member', async () => {
    const m = await createTestMember(ctx.deps, t, 'b1a', {
      fullName: 'Lê Văn Kín',
      idNumber: '001050222222',
    });
    expect((await officerB.get(`/api/members/${m.id}`)).statusCode).toBe(404);
    const list = await officerB.get('/api/members?q=le%20van%20kin');
    expect(list.json().items).toEqual([]);
    const mine = await officerA.get('/api/members?q=le%20van%20kin');
    expect(mine.json().items.map((i: { id: string }) => i.id)).toEqual([m.id]);
  });
});

describe('search and list', () => {
  it('finds names without diacritics and d for đ, by phone and by member number, in Vietnamese order', async () => {
    const a = await createTestMember(ctx.deps, t, 'g1a', {
      fullName: 'Nguyễn Văn Đức',
      idNumber: '001050333333',
      phone: '0987000111',
    });
    await createTestMember(ctx.deps, t, 'g1a', {
      fullName: 'Trần Thị Đào',
      gender: 'female',
      idNumber: '001150444444',
      phone: '0987000112',
    });
    const r = await officerA.get('/api/members?q=van%20duc');
    expect(r.json().items.map((i: { fullName: string }) => i.fullName)).toContain('Nguyễn Văn Đức');
    // Whole words first; a fragment ("uc", a name being typed) falls back to substring matching.
    const found = async (q: string) =>
      (await officerA.get(`/api/members?q=${q}`))
        .json()
        .items.map((i: { fullName: string }) => i.fullName);
    expect(await found('NGUYEN%20duc'), 'words').toContain('Nguyễn Văn Đức');
    expect(await found('van%20du'), 'fragment').toContain('Nguyễn Văn Đức');
    expect(await found('dao')).toEqual(['Trần Thị Đào']);
    expect(
      (await officerA.get('/api/members?q=%2B84987000111'))
        .json()
        .items.map((i: { id: string }) => i.id),
    ).toEqual([a.id]);
    expect(
      (await officerA.get(`/api/members?q=${a.memberNumber}`))
        .json()
        .items.map((i: { id: string }) => i.id),
    ).toEqual([a.id]);
    const csv = await officerA.get(`/api/members/export?format=csv&unitId=${t.units.g1a}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Họ và tên / Full name');
    expect(csv.body).toMatch(/Nguyễn Văn Đức,[^\n]*001050333333/);
    const list = (await officerA.get(`/api/members?unitId=${t.units.g1a}&limit=10`)).json();
    const names = list.items.map((i: { fullName: string }) => i.fullName);
    expect(names.indexOf('Trần Thị Đào')).toBeLessThan(names.indexOf('Nguyễn Văn Đức'));
  });

  it('in a subtree, prefers whole-word matches and keeps the fragment mode across pages', async () => {
    await createTestMember(ctx.deps, t, 'g1a', { fullName: 'Phạm Văn An', idNumber: '001050555551', phone: '0987000121' });
    await createTestMember(ctx.deps, t, 'g1a', { fullName: 'Phạm Văn Anh', idNumber: '001050555552', phone: '0987000122' });
    const names = async (url: string) => {
      const body = (await officerA.get(url)).json();
      return { names: body.items.map((i: { fullName: string }) => i.fullName), next: body.nextCursor as string | null };
    };
    // "an" is a whole word of one name only: the fragment match "Anh" is not mixed in.
    expect((await names('/api/members?q=pham%20van%20an')).names).toEqual(['Phạm Văn An']);
    expect((await names('/api/members?q=pham%20van%20anh')).names).toEqual(['Phạm Văn Anh']);
    // "a" is no word: fragments, one per page, and the second page stays in fragment mode.
    const p1 = await names('/api/members?q=pham%20van%20a&limit=1');
    expect(p1.names).toEqual(['Phạm Văn An']);
    const p2 = await names(`/api/members?q=pham%20van%20a&limit=1&cursor=${p1.next}`);
    expect(p2.names).toEqual(['Phạm Văn Anh']);
    // The whole association (the administrator): the words are searched first and the fragment
    // only when they find nothing, a second query inside the same call (decision 76).
    const whole = async (url: string) => {
      const body = (await admin.get(url)).json();
      return { names: body.items.map((i: { fullName: string }) => i.fullName), next: body.nextCursor as string | null };
    };
    expect((await whole('/api/members?q=pham%20van%20an')).names).toEqual(['Phạm Văn An']);
    const w1 = await whole('/api/members?q=pham%20van%20a&limit=1');
    expect(w1.names).toEqual(['Phạm Văn An']);
    expect((await whole(`/api/members?q=pham%20van%20a&limit=1&cursor=${w1.next}`)).names).toEqual(['Phạm Văn Anh']);
    expect((await whole('/api/members?q=pham%20van%20zz')).names).toEqual([]);
    expect((await names('/api/members?q=pham%20van%20zz')).names).toEqual([]);
  });

  it('pages with a cursor and filters by status and gender', async () => {
    const p1 = (await admin.get('/api/members?limit=2')).json();
    expect(p1.items).toHaveLength(2);
    const p2 = (await admin.get(`/api/members?limit=2&cursor=${p1.nextCursor}`)).json();
    expect(p2.items[0].id).not.toBe(p1.items[0].id);
    const women = (await admin.get('/api/members?gender=female&status=active')).json();
    expect(
      women.items.every(
        (i: { gender: string; status: string }) => i.gender === 'female' && i.status === 'active',
      ),
    ).toBe(true);
  });
});

describe('lifecycle', () => {
  it('suspends with a decision, refuses illegal moves, records death; counts as of dates follow', async () => {
    const m = await createTestMember(ctx.deps, t, 'b1a', {
      fullName: 'Phạm Văn Tư',
      idNumber: '001050555555',
    });
    const etag = `"${m.version}"`;
    const noDecision = await officerA.post(
      `/api/members/${m.id}/transitions`,
      { action: 'suspend', effectiveDate: '2025-01-10', reason: 'Vắng sinh hoạt' },
      { 'if-match': etag },
    );
    expect(noDecision.json().error.code).toBe('DECISION_REQUIRED');
    const s = await officerA.post(
      `/api/members/${m.id}/transitions`,
      {
        action: 'suspend',
        effectiveDate: '2025-01-10',
        reason: 'Vắng sinh hoạt',
        decision: { number: '3/QĐ', date: '2025-01-09', signer: 'Chủ tịch' },
      },
      { 'if-match': etag },
    );
    expect(s.statusCode, s.body).toBe(200);
    const stale = await officerA.post(
      `/api/members/${m.id}/transitions`,
      { action: 'decease', effectiveDate: '2025-02-01' },
      { 'if-match': etag },
    );
    expect(stale.json().error.code).toBe('STALE_VERSION');
    const illegal = await officerA.post(
      `/api/members/${m.id}/transitions`,
      {
        action: 'suspend',
        effectiveDate: '2025-02-01',
        reason: 'x',
        decision: { number: '4', date: '2025-02-01', signer: 'x' },
      },
      { 'if-match': `"${s.json().version}"` },
    );
    expect(illegal.json().error.code).toBe('ILLEGAL_TRANSITION');
    const before = await officerA.post(
      `/api/members/${m.id}/transitions`,
      { action: 'decease', effectiveDate: '2024-12-01' },
      { 'if-match': `"${s.json().version}"` },
    );
    expect(before.json().error.code).toBe('MEMBER_DATE_INVALID');
    const d = await officerA.post(
      `/api/members/${m.id}/transitions`,
      { action: 'decease', effectiveDate: '2025-03-01' },
      { 'if-match': `"${s.json().version}"` },
    );
    expect(d.json()).toMatchObject({
      status: 'deceased',
      endedOn: '2025-03-01',
      allowedActions: [],
    });
    const at = async (date: string) => {
      const res = await officerA.get(`/api/members/counts?asOf=${date}&unitId=${t.units.b1a}`);
      expect(res.statusCode, res.body).toBe(200);
      const c = res.json();
      return c.rows.filter((r: { unitId: string }) => r.unitId === t.units.b1a);
    };
    const status = (rows: { status: string; memberships: number }[], s: string) =>
      rows.filter((r) => r.status === s).reduce((n, r) => n + r.memberships, 0);
    expect(status(await at('2025-01-20'), 'suspended')).toBeGreaterThanOrEqual(1);
    expect(status(await at('2025-03-02'), 'deceased')).toBeGreaterThanOrEqual(1);
  });
});
