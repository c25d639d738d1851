import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from './engine.js';
import { createTestContext, type TestContext } from '../test/harness.js';
import { createTestTree, type TestTree } from '../test/factories.js';

let ctx: TestContext;
let a: TestTree;
let b: TestTree;

beforeAll(async () => {
  ctx = await createTestContext();
  a = await createTestTree(ctx.deps);
  b = await createTestTree(ctx.deps);
});
afterAll(async () => ctx.close());

describe('row-level security (the second wall)', () => {
  it('runs the application as a non-superuser role', async () => {
    const r = await inTenant(ctx.deps.db.app, a.associationId, (tx) => sql<{ u: string; s: boolean }>`select current_user as u, (select rolsuper from pg_roles where rolname = current_user) as s`.execute(tx));
    expect(r.rows[0]).toEqual({ u: 'hoi_app', s: false });
  });
  it('shows a tenant only its own rows, even for a query without any filter', async () => {
    const seenByA = await inTenant(ctx.deps.db.app, a.associationId, (tx) => tx.selectFrom('units').select('associationId').distinct().execute());
    expect(seenByA.map((r) => r.associationId)).toEqual([a.associationId]);
    const usersOfB = await inTenant(ctx.deps.db.app, a.associationId, (tx) => tx.selectFrom('users').select('id').where('associationId', '=', b.associationId).execute());
    expect(usersOfB).toEqual([]);
  });
  it('shows nothing outside a tenant transaction', async () => {
    expect(await ctx.deps.db.app.selectFrom('units').select('id').execute()).toEqual([]);
  });
  it('refuses writing a row for another association', async () => {
    await expect(
      inTenant(ctx.deps.db.app, a.associationId, (tx) =>
        tx.updateTable('units').set({ name: 'hijack' }).where('id', '=', b.rootId).returning('id').execute(),
      ),
    ).resolves.toEqual([]);
    await expect(
      inTenant(ctx.deps.db.app, a.associationId, (tx) =>
        tx.insertInto('unitNames').values({ associationId: b.associationId, unitId: b.rootId, name: 'x', validFrom: '2025-01-01' }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });
  it('merging units of two associations is refused as CROSS_ASSOCIATION', async () => {
    const { sessionFor } = await import('../test/factories.js');
    const admin = await sessionFor(ctx.app, ctx.deps, a.users.admin!);
    const r = await admin.post('/api/units/merge', { sourceIds: [a.units.c1a, b.units.c1b], target: { existingId: a.units.c1a } });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('CROSS_ASSOCIATION');
  });
});
