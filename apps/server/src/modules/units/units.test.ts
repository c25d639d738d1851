import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.js';
import { anonymous, createTestTree, login, type Client, type TestTree } from '../../test/factories.js';

let ctx: TestContext;
let t: TestTree;
let admin: Client;
let officerA: Client;

beforeAll(async () => {
  ctx = await createTestContext();
  t = await createTestTree(ctx.deps);
  admin = await login(ctx.app, t.users.admin!);
  officerA = await login(ctx.app, t.users.officerA!);
});
afterAll(async () => ctx.close());

describe('GET /api/units', () => {
  it('refuses anonymous callers', async () => {
    const res = await anonymous(ctx.app).get('/api/units');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });
  it('lists the caller scope roots and children', async () => {
    const roots = await officerA.get('/api/units');
    expect(roots.json().items.map((u: { id: string }) => u.id)).toEqual([t.units.c1a]);
    const children = await admin.get(`/api/units?parentId=${t.units.p1}`);
    expect(children.json().items.map((u: { name: string }) => u.name).sort()).toEqual(['Xã Tây Sơn', 'Xã Đông Hưng'].sort());
  });
  it('finds units by name without diacritics, within scope only', async () => {
    const r = await admin.get('/api/units?q=dong%20hung');
    expect(r.json().items.map((u: { id: string }) => u.id)).toEqual([t.units.c1a]);
    const r2 = await officerA.get('/api/units?q=ben%20nghe');
    expect(r2.json().items).toEqual([]);
  });
  it('paginates with a cursor', async () => {
    const first = await admin.get(`/api/units?parentId=${t.units.root}&limit=1`);
    expect(first.json().items).toHaveLength(1);
    const next = await admin.get(`/api/units?parentId=${t.units.root}&limit=1&cursor=${first.json().nextCursor}`);
    expect(next.json().items).toHaveLength(1);
    expect(next.json().items[0].id).not.toBe(first.json().items[0].id);
    expect(next.json().nextCursor).toBeNull();
  });
});

describe('GET /api/units/:id', () => {
  it('hides out-of-scope units as 404', async () => {
    const res = await officerA.get(`/api/units/${t.units.c2a}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
  it('returns the unit with an ETag', async () => {
    const res = await officerA.get(`/api/units/${t.units.b1a}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json().levelName).toBe('Chi hội');
  });
  it('rejects a malformed id with VALIDATION_FAILED', async () => {
    const res = await admin.get('/api/units/not-a-uuid');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('tree changes', () => {
  it('creates, renames with If-Match, and keeps the history', async () => {
    const created = await officerA.post('/api/units', { parentId: t.units.c1a, code: `NEW-${t.code}`, name: 'Chi hội Thôn 2' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const noMatch = await officerA.patch(`/api/units/${id}`, { name: 'Chi hội Thôn Hai' });
    expect(noMatch.statusCode).toBe(428);
    const ok = await officerA.patch(`/api/units/${id}`, { name: 'Chi hội Thôn Hai' }, { 'if-match': '"1"' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().name).toBe('Chi hội Thôn Hai');
    const stale = await officerA.patch(`/api/units/${id}`, { name: 'X' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    const history = await officerA.get(`/api/units/${id}/history`);
    expect(history.json().events.map((e: { kind: string }) => e.kind)).toEqual(['create', 'rename']);
  });
  it('refuses a duplicate code, an over-long name and a future date without writing', async () => {
    const dup = await admin.post('/api/units', { parentId: t.units.p1, code: `C1A-${t.code.slice(2)}`, name: 'Trùng mã' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE_CODE');
    const long = await admin.post('/api/units', { parentId: t.units.p1, code: 'LONG1', name: 'x'.repeat(201) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details.issues[0].path).toContain('name');
    const future = await admin.post('/api/units', { parentId: t.units.p1, code: 'FUT1', name: 'Tương lai', effectiveDate: '2999-01-01' });
    expect(future.json().error.code).toBe('UNIT_DATE_INVALID');
    const list = await admin.get(`/api/units?parentId=${t.units.p1}`);
    expect(list.json().items.map((u: { code: string }) => u.code)).not.toContain('FUT1');
  });
  it('refuses moving a unit under its own descendant', async () => {
    const res = await admin.post(`/api/units/${t.units.c1a}/move`, { newParentId: t.units.g1a });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('UNIT_MOVE_CYCLE');
  });
  it('refuses changes outside the officer subtree as 404', async () => {
    const res = await officerA.post('/api/units', { parentId: t.units.c2a, code: 'OUT1', name: 'Ngoài phạm vi' });
    expect(res.statusCode).toBe(404);
  });
  it('rejects malformed JSON', async () => {
    const res = await admin.request({ method: 'POST', url: '/api/units', payload: '{"parentId":', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MALFORMED_JSON');
  });
});

describe('as-of views and generation from administrative units', () => {
  it('GET /api/units/tree shows the old name before a rename and the new one after', async () => {
    const { ensureTestAdminUnits } = await import('../../test/factories.js');
    await ensureTestAdminUnits(ctx.deps);
    const unit = (await admin.get(`/api/units/${t.units.c1b}`)).json();
    // Warm the tree-view cache first: the rename must invalidate it.
    const warm = (await admin.get('/api/units/tree?asOf=2025-06-01')).json();
    expect(warm.nodes.find((n: { id: string }) => n.id === t.units.c1b).name).toBe('Xã Tây Sơn');
    const warmToday = (await admin.get('/api/units/tree')).json();
    expect(warmToday.nodes.find((n: { id: string }) => n.id === t.units.c1b).name).toBe('Xã Tây Sơn');
    const renamed = await admin.patch(`/api/units/${t.units.c1b}`, { name: 'Xã Tây Sơn Mới', effectiveDate: '2025-06-01' }, { 'if-match': `"${unit.version}"` });
    expect(renamed.statusCode).toBe(200);
    const before = (await admin.get('/api/units/tree?asOf=2025-05-31')).json();
    const after = (await admin.get('/api/units/tree?asOf=2025-06-01')).json();
    expect(before.nodes.find((n: { id: string }) => n.id === t.units.c1b).name).toBe('Xã Tây Sơn');
    expect(after.nodes.find((n: { id: string }) => n.id === t.units.c1b).name).toBe('Xã Tây Sơn Mới');
    const today = (await admin.get('/api/units/tree')).json();
    expect(today.nodes.find((n: { id: string }) => n.id === t.units.c1b).name).toBe('Xã Tây Sơn Mới');
    expect((await admin.get('/api/units/tree?asOf=2023-12-31')).json().nodes).toEqual([]);
    const scoped = (await officerA.get('/api/units/tree')).json();
    expect(scoped.nodes.find((n: { id: string }) => n.id === t.units.c1a).parentId).toBeNull();
    expect(scoped.nodes.map((n: { id: string }) => n.id)).not.toContain(t.units.c2a);
    const bad = await admin.get('/api/units/tree?asOf=31/12/2025');
    expect(bad.statusCode).toBe(400);
  });
  it('GET /api/units/tree keeps quotes, backslashes and any script in names exact, as ASCII JSON', async () => {
    const unit = (await admin.get(`/api/units/${t.units.c2a}`)).json();
    const name = 'Chi hội "Đoàn Kết" \\ Ấp 3 — 𠀋 ✓';
    const renamed = await admin.patch(`/api/units/${t.units.c2a}`, { name }, { 'if-match': `"${unit.version}"` });
    expect(renamed.statusCode).toBe(200);
    const r = await admin.get('/api/units/tree');
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    // The whole-tree view escapes every non-ASCII character (decision 69).
    expect([...r.body].every((c) => c.charCodeAt(0) < 0x7f)).toBe(true);
    expect(r.json().nodes.find((n: { id: string }) => n.id === t.units.c2a).name).toBe(name);
    const past = (await admin.get('/api/units/tree?asOf=2025-01-01')).json();
    expect(past.nodes.find((n: { id: string }) => n.id === t.units.c2a).name).not.toBe(name);
  });
  it('generates communes from the administrative list once, skipping existing ones', async () => {
    const first = await admin.post(`/api/units/${t.units.p2}/generate-communes`, { provinceCode: '99', codePrefix: `${t.code}-` });
    expect(first.json()).toEqual({ created: 2, skipped: 0 });
    const again = await admin.post(`/api/units/${t.units.p2}/generate-communes`, { provinceCode: '99', codePrefix: `${t.code}-` });
    expect(again.json()).toEqual({ created: 0, skipped: 2 });
    const children = (await admin.get(`/api/units?parentId=${t.units.p2}`)).json().items;
    expect(children.map((c: { adminUnitCode: string | null }) => c.adminUnitCode)).toEqual(expect.arrayContaining(['99001', '99002']));
    const unknown = await admin.post(`/api/units/${t.units.p2}/generate-communes`, { provinceCode: '98', codePrefix: 'X' });
    expect(unknown.json().error.code).toBe('ADMIN_UNIT_UNKNOWN');
    const badAdmin = await admin.post('/api/units', { parentId: t.units.p2, code: `AD-${t.code}`, name: 'Xã sai mã', adminUnitCode: '12345' });
    expect(badAdmin.json().error.code).toBe('ADMIN_UNIT_UNKNOWN');
  });
  it('merges, splits and dissolves through the API, recording successors', async () => {
    const mk = async (code: string) => (await admin.post('/api/units', { parentId: t.units.p2, code: `${code}-${t.code}`, name: `Xã ${code}`, effectiveDate: '2025-01-01' })).json().id as string;
    const [x, y] = [await mk('MX'), await mk('MY')];
    const merged = await admin.post('/api/units/merge', { sourceIds: [x, y], target: { code: `MXY-${t.code}`, name: 'Xã XY', parentId: t.units.p2 } });
    expect(merged.statusCode).toBe(200);
    const xHistory = (await admin.get(`/api/units/${x}/history`)).json();
    expect(xHistory.events.at(-1).successors[0].id).toBe(merged.json().id);
    expect((await admin.get(`/api/units/${x}`)).json().status).toBe('merged');
    const again = await admin.post('/api/units/merge', { sourceIds: [x, y], target: { existingId: merged.json().id } });
    expect(again.json().error.code).toBe('UNIT_INACTIVE');
    const split = await admin.post(`/api/units/${merged.json().id}/split`, { parts: [{ code: `S1-${t.code}`, name: 'Xã S1' }, { code: `S2-${t.code}`, name: 'Xã S2' }] });
    expect(split.json().items).toHaveLength(2);
    const hasKids = await admin.post(`/api/units/${t.units.c1a}/dissolve`, {});
    expect(hasKids.json().error.code).toBe('UNIT_HAS_CHILDREN');
    const root = await admin.post(`/api/units/${t.units.root}/dissolve`, {});
    expect(root.json().error.code).toBe('UNIT_IS_ROOT');
    const dissolved = await admin.post(`/api/units/${split.json().items[1].id}/dissolve`, { reason: 'Sáp nhập địa giới' });
    expect(dissolved.json().status).toBe('dissolved');
  });
});
