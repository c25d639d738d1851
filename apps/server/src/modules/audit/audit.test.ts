import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.js';
import { createTestTree, sessionFor, type TestTree } from '../../test/factories.js';
import { verifyAudit } from './audit.service.js';

let ctx: TestContext;
let t: TestTree;

beforeAll(async () => {
  ctx = await createTestContext();
  t = await createTestTree(ctx.deps);
  const admin = await sessionFor(ctx.app, ctx.deps, t.users.admin!);
  for (let i = 0; i < 4; i++) {
    const r = await admin.post('/api/units', {
      parentId: t.units.c1a,
      code: `AU${i}-${t.code}`,
      name: `Chi hội ${i}`,
    });
    expect(r.statusCode).toBe(201);
  }
});
afterAll(async () => ctx.close());

/** Tampering needs the owner to lift the append-only trigger, as an intruder with DB access would. */
async function tamper(statement: string) {
  await ctx.deps.db.system.transaction().execute(async (tx) => {
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(tx);
    await sql.raw(statement).execute(tx);
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(tx);
  });
}

describe('audit log', () => {
  it('records who did what, with before/after, readable by the administrator', async () => {
    const admin = await sessionFor(ctx.app, ctx.deps, t.users.admin!);
    const r = await admin.get('/api/audit?limit=10');
    expect(r.statusCode).toBe(200);
    const create = r.json().items.find((e: { action: string }) => e.action === 'unit.create');
    expect(create).toMatchObject({
      actorName: 'Người dùng admin',
      entityType: 'unit',
      after: { name: expect.stringMatching(/^Chi hội/) },
    });
  });

  it('is append-only for the application role and even for the owner', async () => {
    await expect(
      sql`update audit_log set action = 'x'`.execute(ctx.deps.db.system),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(ctx.deps.db.system)).rejects.toThrow(
      /append-only/,
    );
  });

  it('verifies an intact chain', async () => {
    const r = await verifyAudit(ctx.deps.db.system, t.associationId);
    expect(r.ok).toBe(true);
    expect(r.checked).toBeGreaterThanOrEqual(5);
  });

  it('verifies entries whose values have snake_case and dotted keys, and shows them unchanged', async () => {
    const t5 = await createTestTree(ctx.deps);
    const { recordAudit } = await import('./audit.service.js');
    const { inTenant } = await import('../../db/engine.js');
    const actor = {
      associationId: t5.associationId,
      userId: '00000000-0000-0000-0000-000000000000',
      displayName: 'CLI',
      username: 'cli',
    };
    const after = {
      'members.transferred_in': 2,
      tuyen_truyen: 'Ba buổi',
      nested: { snake_key: 1 },
    };
    await inTenant(ctx.deps.db.app, t5.associationId, (tx) =>
      recordAudit(tx, ctx.deps, actor, { action: 'report.values', entityType: 'report', after }),
    );
    expect((await verifyAudit(ctx.deps.db.system, t5.associationId)).ok).toBe(true);
    const admin = await sessionFor(ctx.app, ctx.deps, t5.users.admin!);
    const entry = (await admin.get('/api/audit?limit=5'))
      .json()
      .items.find((e: { action: string }) => e.action === 'report.values');
    expect(entry.after).toEqual(after);
  });

  it('detects a modified row', async () => {
    const t2 = await createTestTree(ctx.deps);
    const admin = await sessionFor(ctx.app, ctx.deps, t2.users.admin!);
    await admin.post('/api/units', {
      parentId: t2.units.c1a,
      code: `MOD-${t2.code}`,
      name: 'Ban đầu',
    });
    await tamper(
      `update audit_log set after = jsonb_set(after, '{name}', '"Đã sửa"') where association_id = '${t2.associationId}' and action = 'unit.create'`,
    );
    const r = await verifyAudit(ctx.deps.db.system, t2.associationId);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.problem)).toContain('content was modified');
  });

  it('detects a deleted row in the middle and a truncated tail', async () => {
    const t3 = await createTestTree(ctx.deps);
    const admin = await sessionFor(ctx.app, ctx.deps, t3.users.admin!);
    for (let i = 0; i < 3; i++)
      await admin.post('/api/units', {
        parentId: t3.units.c1a,
        code: `DEL${i}-${t3.code}`,
        name: `Xóa ${i}`,
      });
    await tamper(`delete from audit_log where association_id = '${t3.associationId}' and seq = 2`);
    const mid = await verifyAudit(ctx.deps.db.system, t3.associationId);
    expect(mid.problems.some((p) => p.problem.startsWith('missing entries'))).toBe(true);

    const t4 = await createTestTree(ctx.deps);
    const admin4 = await sessionFor(ctx.app, ctx.deps, t4.users.admin!);
    await admin4.post('/api/units', {
      parentId: t4.units.c1a,
      code: `TAIL-${t4.code}`,
      name: 'Cuối',
    });
    await tamper(
      `delete from audit_log where association_id = '${t4.associationId}' and seq = (select max(seq) from audit_log where association_id = '${t4.associationId}')`,
    );
    const tail = await verifyAudit(ctx.deps.db.system, t4.associationId);
    expect(tail.ok).toBe(false);
    expect(tail.problems.some((p) => p.problem.includes('head records'))).toBe(true);
  });

  it('never stores secrets in clear', async () => {
    const admin = await sessionFor(ctx.app, ctx.deps, t.users.admin!);
    const created = await admin.post('/api/users', {
      username: `sec.${t.code.toLowerCase()}`,
      displayName: 'Bí mật',
      password: 'very-secret-password-1',
      role: 'viewer',
      unitId: t.units.c1a,
    });
    expect(created.statusCode).toBe(201);
    await admin.post(`/api/users/${created.json().id}/reset-password`, {
      newPassword: 'another-secret-pass-2',
    });
    const rows = await ctx.deps.db.system
      .selectFrom('auditLog')
      .select(['before', 'after'])
      .where('associationId', '=', t.associationId)
      .execute();
    const text = JSON.stringify(rows);
    expect(text).not.toContain('very-secret-password-1');
    expect(text).not.toContain('another-secret-pass-2');
    expect(text).not.toMatch(/\$argon2id\$/);
  });
});
