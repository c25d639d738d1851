/**
 * The yearly count bases (decision 78): counts read from a current base equal the counts from
 * every period; a write dated before a base marks it stale at once (in the writer's
 * transaction), and a stale base is never read; a base is not backed up.
 */
import { sql } from 'kysely';
import { MemberCountsSchema } from '@hoi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/engine.js';
import { cliActor } from '../../platform/actor.js';
import { createTestMember, createTestTree, type TestTree } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/harness.js';
import * as countsRepo from './member-counts.repo.js';
import { refreshCountBases } from './member-counts.service.js';
import * as search from './members-search.service.js';
import * as members from './members.service.js';

let ctx: TestContext;
let t: TestTree;

beforeAll(async () => {
  ctx = await createTestContext({ clock: { now: () => new Date('2026-06-30T03:00:00Z') } });
  t = await createTestTree(ctx.deps, { founded: '2020-01-01' });
});
afterAll(async () => ctx.close());

const currentBases = () =>
  inTenant(ctx.deps.db.app, t.associationId, async (tx) =>
    (await sql<{ asOf: string }>`select to_char(as_of, 'YYYY-MM-DD') as as_of from member_count_base_state order by as_of`.execute(tx)).rows.map((r) => r.asOf),
  );

const countsAt = async (asOf: string) => {
  const c = MemberCountsSchema.parse(JSON.parse(await search.counts(ctx.deps, cliActor(t.associationId), { asOf })));
  const byKey: Record<string, number> = {};
  for (const r of c.rows) byKey[`${r.unitId}|${r.status}|${r.category}|${r.gender}`] = r.memberships;
  return { byKey, active: c.totals.memberships };
};

/** The same counts from every period, bypassing the bases. */
const fullCount = (asOf: string) =>
  inTenant(ctx.deps.db.app, t.associationId, async (tx) => {
    const r = await sql<{ k: string; n: number }>`
      select concat(unit_id, '|', status, '|', category, '|', gender) as k, count(*)::int as n
        from membership_periods where valid_from <= ${asOf} and (valid_to is null or valid_to > ${asOf})
       group by 1`.execute(tx);
    return Object.fromEntries(r.rows.map((row) => [row.k, row.n]));
  });

describe('yearly membership count bases', () => {
  it('are built for every year, read when current, and marked stale by a past-dated write', async () => {
    // Admitted 15/03/2024; one resigns on 10/02/2025, one is suspended 01/06/2026.
    const a = await createTestMember(ctx.deps, t, 'b1a', { fullName: 'Lê Văn Một' });
    await createTestMember(ctx.deps, t, 'b1a', { fullName: 'Trần Văn Hai' });
    const c = await createTestMember(ctx.deps, t, 'g1a', { fullName: 'Phạm Văn Ba' });
    const actor = cliActor(t.associationId);
    await members.transition(ctx.deps, actor, a.id, a.version, { action: 'resign', effectiveDate: '2025-02-10', reason: 'Chuyển nơi ở' });
    const dates = ['2024-03-14', '2024-03-15', '2024-12-31', '2025-01-01', '2025-02-09', '2025-02-10', '2025-12-31', '2026-01-01', '2026-06-30'];

    expect(await currentBases()).toEqual([]);
    const withoutBases = await Promise.all(dates.map(countsAt));
    expect(await refreshCountBases(ctx.deps, t.associationId)).toBe(3);
    expect(await currentBases()).toEqual(['2024-01-01', '2025-01-01', '2026-01-01']);
    expect(await refreshCountBases(ctx.deps, t.associationId)).toBe(0);
    for (const [i, d] of dates.entries()) {
      const got = await countsAt(d);
      expect(got, d).toEqual(withoutBases[i]);
      expect(got.byKey, d).toEqual(await fullCount(d));
    }

    // The base is what is read: a row altered behind the service's back shows in the counts…
    const key = `${t.units.b1a}|active|official|male`;
    await ctx.deps.db.system.updateTable('memberCountBases').set({ n: 100 })
      .where('associationId', '=', t.associationId).where('asOf', '=', '2026-01-01').where('unitId', '=', t.units.b1a!)
      .where('status', '=', 'active').where('gender', '=', 'male').execute();
    expect((await countsAt('2026-03-01')).byKey[key]).toBe(100);
    // The nearest base: 1 January 2026 for 31/12/2025 (counted back), 2025's for 03/2025.
    expect((await countsAt('2025-12-31')).byKey[key]).toBe(100);
    expect((await countsAt('2025-03-01')).byKey[key]).toBe(1);

    // …until a write dated before it (a suspension from 01/01/2026) marks it, and only it, stale.
    const cur = await members.getMember(ctx.deps, actor, c.id);
    await members.transition(ctx.deps, actor, c.id, cur.version, {
      action: 'suspend', effectiveDate: '2026-01-01', reason: 'Vắng sinh hoạt', decision: { number: '7/QĐ', date: '2025-12-30', signer: 'Chủ tịch' },
    });
    expect(await currentBases()).toEqual(['2024-01-01', '2025-01-01']);
    for (const d of dates) expect((await countsAt(d)).byKey, d).toEqual(await fullCount(d));
    expect((await countsAt('2026-03-01')).byKey[key]).toBe(1);

    // A write dated today (an admission) leaves every past base current.
    await members.createMember(ctx.deps, actor, {
      person: { fullName: 'Võ Thị Bốn', birthDate: '1960', gender: 'female' }, unitId: t.units.b1a!, category: 'official',
      acknowledgeWarnings: false, appliedOn: '2026-06-30', admission: { number: '9/QĐ', date: '2026-06-30', signer: 'Chủ tịch' },
    });
    expect(await refreshCountBases(ctx.deps, t.associationId)).toBe(1);
    expect(await currentBases()).toEqual(['2024-01-01', '2025-01-01', '2026-01-01']);
    for (const d of [...dates, '2026-06-29']) expect((await countsAt(d)).byKey, d).toEqual(await fullCount(d));
  });

  it('waits for writers of periods: a base is not built while one holds the lock', async () => {
    if (ctx.deps.db.kind !== 'postgres') return; // one connection on PGlite: nothing runs alongside
    const writer = ctx.deps.db.app.transaction().execute(async (tx) => {
      await sql`select set_config('hoi.association_id', ${t.associationId}, true)`.execute(tx);
      await sql`select pg_advisory_xact_lock_shared(hashtext('hoi_member_count_bases'), hashtext(hoi_tenant()::text))`.execute(tx);
      const built = await inTenant(ctx.deps.db.app, t.associationId, (tx2) => countsRepo.buildBase(tx2, '2024-01-01'));
      expect(built).toBe(false);
    });
    await writer;
    expect(await inTenant(ctx.deps.db.app, t.associationId, (tx) => countsRepo.buildBase(tx, '2024-01-01'))).toBe(true);
  });
});
