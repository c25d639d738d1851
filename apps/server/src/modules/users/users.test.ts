import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.js';
import { createTestTree, sessionFor, TEST_PASSWORD, type Client, type TestTree } from '../../test/factories.js';

let ctx: TestContext;
let t: TestTree;
let admin: Client;
let officerA: Client;

beforeAll(async () => {
  ctx = await createTestContext();
  t = await createTestTree(ctx.deps);
  admin = await sessionFor(ctx.app, ctx.deps, t.users.admin!);
  officerA = await sessionFor(ctx.app, ctx.deps, t.users.officerA!);
});
afterAll(async () => ctx.close());

const newUser = (suffix: string, unitId: string, role = 'viewer') => ({
  username: `u${suffix}.${t.code.toLowerCase()}`,
  displayName: `Người dùng ${suffix}`,
  password: TEST_PASSWORD,
  role,
  unitId,
  phone: '+84 912 345 678',
});

describe('users and roles', () => {
  it('an officer creates a clerk in their commune; the phone is normalized', async () => {
    const r = await officerA.post('/api/users', newUser('clerk', t.units.b1a!, 'data_entry_clerk'));
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ phone: '0912345678', assignments: [{ role: 'data_entry_clerk', unitId: t.units.b1a }] });
  });
  it('refuses a duplicate username', async () => {
    const r = await admin.post('/api/users', { ...newUser('clerk', t.units.c1b!), displayName: 'Trùng' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('DUPLICATE_USERNAME');
  });
  it('refuses a non-Vietnamese phone number', async () => {
    const r = await admin.post('/api/users', { ...newUser('phone', t.units.c1b!), phone: '+1 202 555 0100' });
    expect(r.statusCode).toBe(400);
  });
  it('an officer cannot grant a role with more rights than their own', async () => {
    const r = await officerA.post('/api/users', newUser('boss', t.units.c1a!, 'association_admin'));
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('FORBIDDEN');
    const auditor = await officerA.post('/api/users', newUser('audit', t.units.c1a!, 'inspector'));
    expect(auditor.statusCode).toBe(403);
  });
  it('an officer cannot manage a user who also works outside their subtree', async () => {
    const created = (await admin.post('/api/users', newUser('wide', t.units.c1a!))).json();
    const extra = await admin.post('/api/role-assignments', { userId: created.id, role: 'viewer', unitId: t.units.c2a });
    expect(extra.statusCode).toBe(201);
    const reset = await officerA.post(`/api/users/${created.id}/reset-password`, { newPassword: 'hijacked-password' });
    expect(reset.statusCode).toBe(404);
    const byAdmin = await admin.post(`/api/users/${created.id}/reset-password`, { newPassword: 'admin-set-password' });
    expect(byAdmin.statusCode).toBe(200);
  });
  it('lists only users of the caller subtree', async () => {
    const mine = (await officerA.get('/api/users?limit=200')).json().items.map((u: { username: string }) => u.username);
    expect(mine).toContain(t.users.member);
    expect(mine).not.toContain(t.users.officerB);
    const all = (await admin.get('/api/users?limit=200')).json().items.map((u: { username: string }) => u.username);
    expect(all).toEqual(expect.arrayContaining([t.users.officerB, t.users.member]));
  });
  it('disabling a user ends their sessions; a stale version is refused', async () => {
    const created = (await officerA.post('/api/users', newUser('gone', t.units.b1a!))).json();
    const session = await sessionFor(ctx.app, ctx.deps, created.username);
    expect((await session.get('/api/me')).statusCode).toBe(200);
    const stale = await officerA.patch(`/api/users/${created.id}`, { status: 'disabled' }, { 'if-match': '"7"' });
    expect(stale.json().error.code).toBe('STALE_VERSION');
    const ok = await officerA.patch(`/api/users/${created.id}`, { status: 'disabled' }, { 'if-match': `"${created.version}"` });
    expect(ok.statusCode).toBe(200);
    expect((await session.get('/api/me')).statusCode).toBe(401);
  });
  it('an ended assignment removes access from the next request', async () => {
    const created = (await officerA.post('/api/users', newUser('temp', t.units.b1a!))).json();
    const session = await sessionFor(ctx.app, ctx.deps, created.username);
    expect((await session.get(`/api/units/${t.units.b1a}`)).statusCode).toBe(200);
    expect((await officerA.delete(`/api/role-assignments/${created.assignments[0].id}`)).statusCode).toBe(200);
    expect((await session.get(`/api/units/${t.units.b1a}`)).statusCode).toBe(403);
  });
});
