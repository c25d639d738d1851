import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testClock, type TestContext } from '../test/harness.js';
import { embeddedMaintenanceTask, vacuumDatabase } from './maintenance.js';

const clock = testClock(new Date('2026-11-30T10:00:00Z')); // 17:00 in Vietnam
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ clock });
});
afterAll(async () => ctx.close());

describe('embedded database upkeep', () => {
  it('vacuums once a day in the quiet hour, on PGlite only', async () => {
    const task = embeddedMaintenanceTask(ctx.deps);
    expect(await task.run()).toBe(0); // 17:00
    clock.set(new Date('2026-11-30T19:30:00Z')); // 02:30 on 1/12 in Vietnam
    const expected = ctx.deps.db.kind === 'pglite' ? 1 : 0;
    expect(await task.run()).toBe(expected);
    expect(await task.run()).toBe(0); // already done today
  });

  it('leaves a table vacuumed: its visibility map covers the pages', async () => {
    await sql`create table if not exists hoi_vacuum_probe (id int primary key, v text)`.execute(
      ctx.deps.db.system,
    );
    await sql`insert into hoi_vacuum_probe select g, repeat('x', 50) from generate_series(1, 2000) g
              on conflict do nothing`.execute(ctx.deps.db.system);
    const seconds = await vacuumDatabase(ctx.deps);
    expect(seconds).toBeGreaterThanOrEqual(0);
    const r = await sql<{ pages: number; visible: number }>`
      select relpages as pages, relallvisible as visible from pg_class where relname = 'hoi_vacuum_probe'`.execute(
      ctx.deps.db.system,
    );
    expect(r.rows[0]!.pages).toBeGreaterThan(0);
    expect(r.rows[0]!.visible).toBe(r.rows[0]!.pages);
    await sql`drop table hoi_vacuum_probe`.execute(ctx.deps.db.system);
  });
});
