import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testClock, type TestContext } from '../../test/harness.js';
import {
  anonymous,
  createTestMember,
  createTestTree,
  ensureTestAdminUnits,
  sessionFor,
  type Client,
  type TestTree,
} from '../../test/factories.js';
import { acceptInvitation } from './invitations.service.js';
import { invite } from './portal.fixtures.js';

/** Friday 14 March 2025, 10:00 in Vietnam. */
const FRIDAY = '2025-03-14T03:00:00Z';
const clock = testClock(new Date(FRIDAY));
let ctx: TestContext;
let t: TestTree;
let officerA: Client;
let officerB: Client;

beforeAll(async () => {
  ctx = await createTestContext({ clock });
  t = await createTestTree(ctx.deps);
  await ensureTestAdminUnits(ctx.deps);
  officerA = await sessionFor(ctx.app, ctx.deps, t.users.officerA!);
  officerB = await sessionFor(ctx.app, ctx.deps, t.users.officerB!);
});
afterAll(async () => ctx.close());

const newMember = (fullName: string, phone = '0912345678') =>
  createTestMember(ctx.deps, t, 'b1a', { idNumber: null, fullName, phone });

/** A member with an accepted invitation, and a session of their account. */
async function memberWithAccount(fullName: string) {
  const m = await newMember(fullName);
  const inv = await invite(ctx.deps, t, m.id);
  await acceptInvitation(ctx.deps, { token: inv.token, password: 'mat-khau-rieng-2025' });
  return { member: m, client: await sessionFor(ctx.app, ctx.deps, inv.username) };
}

const put = (c: Client, url: string, payload: unknown) =>
  c.request({ method: 'PUT', url, payload: payload as object });

describe('invitation', () => {
  it('a member number that is already a username in another association gets the association code', async () => {
    const t2 = await createTestTree(ctx.deps);
    const here = await newMember('Lê Văn Trùng');
    const there = await createTestMember(ctx.deps, t2, 'b1a', {
      idNumber: null,
      fullName: 'Lê Văn Khác',
      phone: '0912345678',
    });
    // Both associations number their members on their own: give them the same number, one no
    // other test file uses (test files may share a PostgreSQL database, and `hv0000001` with it).
    const shared = `T${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    await ctx.deps.db.system
      .updateTable('memberships')
      .set({ memberNumber: shared })
      .where('id', 'in', [here.id, there.id])
      .execute();
    const first = await invite(ctx.deps, t, here.id);
    const second = await invite(ctx.deps, t2, there.id);
    expect(first.username).toBe(`hv${shared.toLowerCase()}`);
    expect(second.username).toBe(`${first.username}.${t2.code.toLowerCase()}`);
    expect(second.username).not.toBe(first.username);
  });

  it('an officer invites, the member sets a password, logs in and sees only their own record', async () => {
    const m = await newMember('Ngô Thị Mời');
    const other = await newMember('Đinh Văn Khác');
    const r = await officerA.post(`/api/members/${m.id}/invite`, {});
    expect(r.statusCode, r.body).toBe(200);
    const inv = r.json();
    // Another association on a shared test server may already hold `hv<number>`.
    expect(
      [`hv${m.memberNumber}`, `hv${m.memberNumber}.${t.code}`].map((u) => u.toLowerCase()),
    ).toContain(inv.username);
    expect(inv).toMatchObject({
      memberId: m.id,
      expiresAt: '2025-03-28T03:00:00.000Z',
    });
    expect(inv.url).toBe(`http://localhost:80/invite/${inv.token}`);
    const stored = await ctx.deps.db.system
      .selectFrom('memberInvitations')
      .select('tokenHash')
      .where('membershipId', '=', m.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(inv.token);
    expect((await officerA.get(`/api/members/${m.id}`)).json().hasAccount).toBe(true);

    const anon = anonymous(ctx.app);
    const info = await anon.get(`/api/invitations/${inv.token}`);
    expect(info.statusCode).toBe(200);
    expect(info.json()).toMatchObject({ username: inv.username, fullName: 'Ngô Thị Mời' });

    // Before accepting, the account has no usable password.
    const early = await anon.post('/api/auth/login', {
      username: inv.username,
      password: inv.token,
    });
    expect(early.statusCode).toBe(401);

    const weak = await anon.post('/api/invitations/accept', { token: inv.token, password: 'ngan' });
    expect(weak.statusCode).toBe(400);
    const accepted = await anon.post('/api/invitations/accept', {
      token: inv.token,
      password: 'mat-khau-moi-cua-toi',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const again = await anon.post('/api/invitations/accept', {
      token: inv.token,
      password: 'mat-khau-khac-nua-1',
    });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('INVITATION_INVALID');
    expect((await anon.get(`/api/invitations/${inv.token}`)).statusCode).toBe(410);

    const login = await anon.post('/api/auth/login', {
      username: inv.username,
      password: 'mat-khau-moi-cua-toi',
    });
    expect(login.statusCode, login.body).toBe(200);
    const session = login.cookies.find((c) => c.name === 'hoi_session')!.value;
    const me = await ctx.app.inject({
      method: 'GET',
      url: '/api/portal/me',
      cookies: { hoi_session: session },
    });
    expect(me.statusCode, me.body).toBe(200);
    const body = me.json();
    expect(body.member).toMatchObject({ id: m.id, fullName: 'Ngô Thị Mời', hasAccount: true });
    expect(body.associationName).toContain('Hội thử');
    expect(body.history.map((e: { kind: string }) => e.kind)).toEqual([
      'applied',
      'admitted',
      'invited',
    ]);
    expect(body.consents).toHaveLength(6);
    expect(body.dues).toMatchObject({ memberId: m.id, payments: [], exemptions: [] });
    expect(body.dues.years.map((y: { year: number }) => y.year)).toEqual([2024, 2025]);
    expect(me.body).not.toContain(other.id);
    expect(me.body).not.toContain('Đinh Văn Khác');

    // The portal account reads no one through the officers' routes, itself included.
    for (const id of [other.id, m.id]) {
      const res = await ctx.app.inject({
        method: 'GET',
        url: `/api/members/${id}`,
        cookies: { hoi_session: session },
      });
      expect(res.statusCode).toBe(403);
    }
    const actions = await ctx.deps.db.system
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', m.id)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['member.invite', 'member.invitation.accept']),
    );
  });

  it('a second invitation re-issues a token for the same account and ends the first', async () => {
    const m = await newMember('Lý Văn Lại');
    const name = `ly.van.lai.${t.code.toLowerCase()}`;
    const first = await invite(ctx.deps, t, m.id, name);
    const second = (await officerA.post(`/api/members/${m.id}/invite`, {})).json();
    expect(second.username).toBe(name);
    expect(second.token).not.toBe(first.token);
    const users = await ctx.deps.db.system
      .selectFrom('users')
      .select('id')
      .where('username', '=', name)
      .execute();
    expect(users).toHaveLength(1);
    const old = await anonymous(ctx.app).post('/api/invitations/accept', {
      token: first.token,
      password: 'mat-khau-moi-cua-toi',
    });
    expect(old.json().error.code).toBe('INVITATION_INVALID');
  });

  it('refuses a taken username, an expired token and an unknown one', async () => {
    const a = await newMember('Tạ Văn Trùng');
    const b = await newMember('Tạ Văn Trùng');
    const name = `ta.van.trung.${t.code.toLowerCase()}`;
    await invite(ctx.deps, t, a.id, name);
    const dup = await officerA.post(`/api/members/${b.id}/invite`, { username: name });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE_USERNAME');

    const inv = await invite(ctx.deps, t, b.id);
    clock.set(new Date(Date.parse(FRIDAY) + 15 * 86_400_000));
    try {
      const late = await anonymous(ctx.app).post('/api/invitations/accept', {
        token: inv.token,
        password: 'mat-khau-moi-cua-toi',
      });
      expect(late.statusCode).toBe(410);
    } finally {
      clock.set(FRIDAY);
    }
    const unknown = await anonymous(ctx.app).get(`/api/invitations/${'x'.repeat(43)}`);
    expect(unknown.json().error.code).toBe('INVITATION_INVALID');
    expect((await officerB.post(`/api/members/${b.id}/invite`, {})).statusCode).toBe(404);
  });
});

describe('portal', () => {
  it('an account without a membership is not a member', async () => {
    const c = await sessionFor(ctx.app, ctx.deps, t.users.member!);
    const r = await c.get('/api/portal/me');
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('NOT_A_MEMBER');
  });

  it('the member downloads their own card and gives or withdraws consents', async () => {
    const { member, client } = await memberWithAccount('Châu Thị Thẻ');
    const card = await client.get('/api/portal/card?format=png');
    expect(card.statusCode).toBe(200);
    expect(card.headers['content-type']).toBe('image/png');
    expect(card.headers['content-disposition']).toContain(
      `the-hoi-vien-${member.memberNumber}.png`,
    );

    const give = await put(client, '/api/portal/consents', {
      consents: [{ purpose: 'photo_on_card', granted: true }],
    });
    expect(give.statusCode, give.body).toBe(200);
    const withdraw = await put(client, '/api/portal/consents', {
      consents: [{ purpose: 'photo_on_card', granted: false }],
    });
    const photo = withdraw
      .json()
      .items.find((c: { purpose: string }) => c.purpose === 'photo_on_card');
    expect(photo).toMatchObject({ granted: false, source: 'member' });
    const officerView = await officerA.get(`/api/members/${member.id}/consents`);
    expect(officerView.json().items).toContainEqual(photo);
  });
});

describe('correction requests', () => {
  it('the member asks, an officer in scope approves, the phone changes', async () => {
    const { member, client } = await memberWithAccount('Kiều Văn Sửa');
    const bad = await client.post('/api/portal/change-requests', { fields: { phone: '12345' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: ['body', 'fields', 'phone'] }] },
    });
    const unknownCommune = await client.post('/api/portal/change-requests', {
      fields: { address: { communeCode: '00000' } },
    });
    expect(unknownCommune.json().error.code).toBe('ADMIN_UNIT_UNKNOWN');

    const r = await client.post('/api/portal/change-requests', {
      fields: { phone: '+84 987 111 222', address: { provinceCode: '99', communeCode: '99001' } },
      note: 'Tôi đổi số',
    });
    expect(r.statusCode, r.body).toBe(201);
    const cr = r.json();
    expect(cr).toMatchObject({
      memberId: member.id,
      status: 'pending',
      fields: { phone: '0987111222', address: { provinceCode: '99', communeCode: '99001' } },
      current: { phone: '0912345678', address: { provinceCode: null, communeCode: null } },
    });
    expect((await client.get('/api/portal/me')).json().pendingCorrections).toHaveLength(1);

    const queue = await officerA.get('/api/change-requests');
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(cr.id);
    const elsewhere = await officerB.get('/api/change-requests');
    expect(elsewhere.json().items.map((i: { id: string }) => i.id)).not.toContain(cr.id);
    expect((await officerB.post(`/api/change-requests/${cr.id}/approve`, {})).statusCode).toBe(404);

    const ok = await officerA.post(`/api/change-requests/${cr.id}/approve`, {
      note: 'Đã xác minh',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', decisionNote: 'Đã xác minh' });
    const rec = (await officerA.get(`/api/members/${member.id}`)).json();
    expect(rec.phone).toBe('0987111222');
    expect(rec.person.address).toMatchObject({ communeCode: '99001', communeName: 'Xã Thử Một' });
    const found = await officerA.get('/api/members?q=0987111222');
    expect(found.json().items.map((i: { id: string }) => i.id)).toEqual([member.id]);

    const twice = await officerA.post(`/api/change-requests/${cr.id}/reject`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('REQUEST_CLOSED');
    const kinds = (await officerA.get(`/api/members/${member.id}/timeline`))
      .json()
      .items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['correction_requested', 'correction_applied']));
  });

  it('a rejected request changes nothing', async () => {
    const { member, client } = await memberWithAccount('Mai Văn Giữ');
    const cr = (
      await client.post('/api/portal/change-requests', { fields: { email: 'giu@example.vn' } })
    ).json();
    const no = await officerA.post(`/api/change-requests/${cr.id}/reject`, { note: 'Không rõ' });
    expect(no.json().status).toBe('rejected');
    expect((await officerA.get(`/api/members/${member.id}`)).json().person.email).toBeNull();
    const rejected = await officerA.get('/api/change-requests?status=rejected');
    expect(rejected.json().items.map((i: { id: string }) => i.id)).toContain(cr.id);
  });
});

describe('data-subject requests', () => {
  it('are due two working days after receipt, skipping the weekend, and go overdue after', async () => {
    const { member, client } = await memberWithAccount('Quách Thị Hỏi');
    const r = await client.post('/api/portal/data-requests', {
      kind: 'access',
      details: 'Cho tôi xem dữ liệu hội đang lưu',
    });
    expect(r.statusCode, r.body).toBe(201);
    const dr = r.json();
    // Received Friday 14/3 → Monday 17/3 is the first working day, Tuesday 18/3 the second.
    expect(dr).toMatchObject({
      memberId: member.id,
      dueOn: '2025-03-18',
      status: 'open',
      overdue: false,
    });
    expect((await client.get('/api/portal/data-requests')).json().items).toHaveLength(1);

    clock.set('2025-03-19T03:00:00Z');
    try {
      const open = await officerA.get('/api/data-requests?status=open');
      const mine = open.json().items.find((i: { id: string }) => i.id === dr.id);
      expect(mine).toMatchObject({ overdue: true });
      expect(
        (await officerB.get('/api/data-requests')).json().items.map((i: { id: string }) => i.id),
      ).not.toContain(dr.id);
      const done = await officerA.post(`/api/data-requests/${dr.id}/resolve`, {
        outcome: 'done',
        response: 'Đã gửi bản sao qua email',
      });
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json()).toMatchObject({ status: 'done', overdue: false });
      const again = await officerA.post(`/api/data-requests/${dr.id}/resolve`, {
        outcome: 'refused',
        response: 'x',
      });
      expect(again.json().error.code).toBe('REQUEST_CLOSED');
    } finally {
      clock.set(FRIDAY);
    }
    const history = (await client.get('/api/portal/me')).json().history;
    expect(history.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['data_requested', 'data_request_resolved']),
    );
  });
});
