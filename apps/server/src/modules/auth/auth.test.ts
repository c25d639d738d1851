import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.js';
import {
  anonymous,
  createTestTree,
  login,
  sessionFor,
  TEST_PASSWORD,
  type TestTree,
} from '../../test/factories.js';
import { LOGINS_PER_ADDRESS } from './auth.routes.js';

let ctx: TestContext;
let t: TestTree;

beforeAll(async () => {
  ctx = await createTestContext();
  t = await createTestTree(ctx.deps);
});
afterAll(async () => ctx.close());

const loginRaw = (username: string, password: string, totp?: string) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password, ...(totp ? { totp } : {}) },
    remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  });

describe('login', () => {
  it('opens an httpOnly SameSite session and returns the user with a CSRF token', async () => {
    const res = await loginRaw(t.users.officerA!, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'hoi_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = res.json();
    expect(me.user.username).toBe(t.users.officerA);
    expect(me.permissions).toContain('unit.manage');
    expect(me.assignments[0].unitId).toBe(t.units.c1a);
    expect(me.csrfToken.length).toBeGreaterThan(10);
  });
  it('refuses a wrong password with INVALID_CREDENTIALS, and an unknown user the same way', async () => {
    const wrong = await loginRaw(t.users.viewer!, 'wrong-password');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: expect.stringContaining('mật khẩu'),
      messageEn: expect.stringContaining('password'),
    });
    const unknown = await loginRaw('no-such-user', 'wrong-password');
    expect(unknown.json().error.code).toBe('INVALID_CREDENTIALS');
  });
  it('locks the account after five failures, even for the right password', async () => {
    const username = t.users.provinceOfficer!;
    for (let i = 0; i < 4; i++)
      expect((await loginRaw(username, 'bad-password')).json().error.code).toBe(
        'INVALID_CREDENTIALS',
      );
    expect((await loginRaw(username, 'bad-password')).json().error.code).toBe('ACCOUNT_LOCKED');
    const right = await loginRaw(username, TEST_PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('ACCOUNT_LOCKED');
  });
  it('rate-limits login attempts for one account name from one address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: i % 2 ? 'Nobody ' : 'nobody', password: 'x' },
        remoteAddress: '10.250.0.1',
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    // Another account name from the same office address is not held back by that.
    const other = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'somebody', password: 'x' },
      remoteAddress: '10.250.0.1',
    });
    expect(other.statusCode).toBe(401);
  });
  it('caps login attempts from one address across account names', async () => {
    const codes: number[] = [];
    for (let i = 0; i < LOGINS_PER_ADDRESS + 1; i++) {
      const r = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `nobody${i}`, password: 'x' },
        remoteAddress: '10.250.0.2',
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, LOGINS_PER_ADDRESS).every((c) => c === 401)).toBe(true);
    const last = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody-else', password: 'x' },
      remoteAddress: '10.250.0.2',
    });
    expect(codes.at(-1)).toBe(429);
    expect(last.json().error.code).toBe('RATE_LIMITED');
  }, 60_000);
  it('rejects an invalid body with VALIDATION_FAILED', async () => {
    const r = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: '' },
      remoteAddress: '10.251.0.1',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('sessions', () => {
  it('requires the CSRF token on state-changing requests', async () => {
    const client = await login(ctx.app, t.users.officerA!);
    const noCsrf = await client.request({
      method: 'POST',
      url: '/api/units',
      payload: { parentId: t.units.c1a, code: 'CSRF1', name: 'x' },
      headers: { 'x-csrf-token': '' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('CSRF_INVALID');
  });
  it('logout ends the session', async () => {
    const client = await sessionFor(ctx.app, ctx.deps, t.users.officerB!);
    expect((await client.get('/api/me')).statusCode).toBe(200);
    expect((await client.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await client.get('/api/me')).statusCode).toBe(401);
  });
  it('changes the password and refuses a wrong current one', async () => {
    const client = await sessionFor(ctx.app, ctx.deps, t.users.member!);
    const bad = await client.post('/api/me/password', {
      currentPassword: 'nope-nope-nope',
      newPassword: 'new-password-2026',
    });
    expect(bad.json().error.code).toBe('PASSWORD_MISMATCH');
    const weak = await client.post('/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
    });
    expect(weak.statusCode).toBe(400);
    const ok = await client.post('/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'new-password-2026',
    });
    expect(ok.statusCode).toBe(200);
    expect((await loginRaw(t.users.member!, 'new-password-2026')).statusCode).toBe(200);
  });
});

describe('two-factor authentication', () => {
  it('enrols, then requires the code at login; policy forces administrators to enrol', async () => {
    const admin = await sessionFor(ctx.app, ctx.deps, t.users.admin!);
    const assoc = await admin.get('/api/association');
    const policy = await admin.patch(
      '/api/association',
      { requireTotpForAdmins: true },
      { 'if-match': assoc.headers.etag as string },
    );
    expect(policy.statusCode).toBe(200);
    const blocked = await admin.get('/api/units');
    expect(blocked.json().error.code).toBe('TOTP_SETUP_REQUIRED');
    expect((await admin.get('/api/me')).json().totpSetupRequired).toBe(true);

    const setup = (await admin.post('/api/me/totp/setup')).json();
    const totp = new TOTP({ secret: Secret.fromBase32(setup.secret), digits: 6, period: 30 });
    expect((await admin.post('/api/me/totp/enable', { code: '000000' })).json().error.code).toBe(
      'TOTP_INVALID',
    );
    expect((await admin.post('/api/me/totp/enable', { code: totp.generate() })).statusCode).toBe(
      200,
    );
    expect((await admin.get('/api/units')).statusCode).toBe(200);

    const noCode = await loginRaw(t.users.admin!, TEST_PASSWORD);
    expect(noCode.json().error.code).toBe('TOTP_REQUIRED');
    const withCode = await loginRaw(t.users.admin!, TEST_PASSWORD, totp.generate());
    expect(withCode.statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  it('authenticates with a bearer token until revoked; only its hash is stored', async () => {
    const officer = await sessionFor(ctx.app, ctx.deps, t.users.officerA!);
    const created = (await officer.post('/api/me/tokens', { name: 'tích hợp' })).json();
    expect(created.token).toMatch(/^hoi_/);
    const stored = await ctx.deps.db.system
      .selectFrom('apiTokens')
      .select('tokenHash')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(stored.tokenHash).not.toContain(created.token);
    const bearer = { authorization: `Bearer ${created.token}` };
    const r = await anonymous(ctx.app).request({
      method: 'GET',
      url: `/api/units/${t.units.c1a}`,
      headers: bearer,
    });
    expect(r.statusCode).toBe(200);
    // Tokens need no CSRF token (no cookie is involved).
    const w = await anonymous(ctx.app).request({
      method: 'POST',
      url: '/api/units',
      headers: bearer,
      payload: { parentId: t.units.c1a, code: `TK-${t.code}`, name: 'Qua API' },
    });
    expect(w.statusCode).toBe(201);
    expect((await officer.delete(`/api/me/tokens/${created.id}`)).statusCode).toBe(200);
    const after = await anonymous(ctx.app).request({
      method: 'GET',
      url: `/api/units/${t.units.c1a}`,
      headers: bearer,
    });
    expect(after.statusCode).toBe(401);
  });
});

describe('health and docs', () => {
  it('reports the engine and version', async () => {
    const r = await anonymous(ctx.app).get('/api/health');
    expect(r.json()).toMatchObject({
      status: 'ok',
      db: ctx.deps.db.kind,
      version: expect.any(String),
    });
  });
  it('serves the OpenAPI document with every API route', async () => {
    const doc = (await anonymous(ctx.app).get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/units', '/api/units/{id}', '/api/auth/login', '/api/users']),
    );
  });
});

describe('web app routes', () => {
  it('unknown API paths answer the 404 envelope, not a server error', async () => {
    const r = await anonymous(ctx.app).get('/api/no-such-thing');
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('NOT_FOUND');
  });
  it('ignores a forged X-Forwarded-For unless HOI_TRUST_PROXY is set', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'nobody', password: 'x' },
        remoteAddress: '10.252.0.1',
        headers: { 'x-forwarded-for': `192.0.2.${i}` },
      });
      codes.push(r.statusCode);
    }
    expect(codes.at(-1)).toBe(429);
  });
});
