/**
 * The SQL roll-up (`rollupAll` over `reports.vals`, decision 65) equals a brute-force
 * aggregation of the stored jsonb values, for random values, missing values and statuses, with
 * sum, average, weighted and no aggregation; and `vals` follows `data` whoever writes it.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVED_STATUSES, type Indicator, type TemplateBody } from '@hoi/contracts';
import { inTenant } from '../../db/engine.js';
import { cliActor } from '../../platform/actor.js';
import { newId } from '../../platform/ids.js';
import { createTestContext, type TestContext } from '../../test/harness.js';
import { createTestTree, type TestTree } from '../../test/factories.js';
import { rollupAll } from './dashboard.service.js';
import { DEFAULT_TEMPLATE } from './defaults.js';
import { periodsOfYear } from './periods.js';
import { loadContext } from './reports.view.js';
import { aggregate, type SlotRule } from './rollup.js';
import { createIndicator, saveTemplate } from './templates.service.js';

let ctx: TestContext;
let t: TestTree;
let templateId: string;
const cli = () => cliActor(t.associationId);
const PERIODS = periodsOfYear(2026, ['month']).slice(0, 3);
const STORED = ['draft', 'submitted', 'returned', 'approved', 'accepted', 'locked'] as const;

beforeAll(async () => {
  ctx = await createTestContext();
  t = await createTestTree(ctx.deps, { founded: '2020-01-01' });
  const base = { disaggregation: [] as Indicator['disaggregation'], taskArea: 6 };
  await createIndicator(ctx.deps, cli(), {
    ...base,
    code: 'test.members',
    name: { vi: 'Số hội viên', en: 'Members' },
    type: 'count',
    aggregation: 'sum',
    weightCode: null,
    disaggregation: ['sex'],
  });
  await createIndicator(ctx.deps, cli(), {
    ...base,
    code: 'test.rate',
    name: { vi: 'Tỷ lệ bình quân', en: 'Average rate' },
    type: 'percent',
    aggregation: 'average',
    weightCode: null,
  });
  await createIndicator(ctx.deps, cli(), {
    ...base,
    code: 'test.weighted',
    name: { vi: 'Tỷ lệ theo số hội viên', en: 'Rate weighted by members' },
    type: 'percent',
    aggregation: 'weighted',
    weightCode: 'test.members',
  });
  await createIndicator(ctx.deps, cli(), {
    ...base,
    code: 'test.none',
    name: { vi: 'Không cộng dồn', en: 'Not aggregated' },
    type: 'count',
    aggregation: 'none',
    weightCode: null,
  });
  const body: TemplateBody = {
    ...DEFAULT_TEMPLATE,
    code: 'TEST-ROLLUP',
    rules: [],
    levels: [0, 1, 2, 3],
    sections: [
      {
        key: 'test',
        title: { vi: 'Chỉ tiêu thử', en: 'Test indicators' },
        taskArea: 6,
        indicators: ['test.members', 'test.rate', 'test.weighted', 'test.none'],
        narrative: false,
      },
    ],
  };
  templateId = (await saveTemplate(ctx.deps, cli(), null, body, null)).id;
});
afterAll(async () => ctx.close());

const KEYS = [
  'test.members',
  'test.members|sex:male',
  'test.members|sex:female',
  'test.rate',
  'test.weighted',
  'test.none',
] as const;

/** One report's stored values: a key is present with a number, present as null, or absent. */
const valuesArb = fc.record(
  Object.fromEntries(KEYS.map((k) => [k, fc.option(fc.integer({ min: 0, max: 1000 }))])),
  { requiredKeys: [] },
) as fc.Arbitrary<Record<string, number | null>>;

async function storeReports(
  rows: { unit: string; period: number; status: string; data: Record<string, number | null> }[],
) {
  await ctx.deps.db.system.deleteFrom('reports').where('templateId', '=', templateId).execute();
  const units = await ctx.deps.db.system
    .selectFrom('units')
    .select(['id', 'parentId', 'level'])
    .where('associationId', '=', t.associationId)
    .execute();
  const byId = new Map(units.map((u) => [u.id, u]));
  const seen = new Set<string>();
  for (const r of rows) {
    const p = PERIODS[r.period]!;
    if (seen.has(`${r.unit}|${p.key}`)) continue;
    seen.add(`${r.unit}|${p.key}`);
    const u = byId.get(r.unit)!;
    await sql`
      insert into reports (association_id, id, template_id, period, period_from, period_to, unit_id,
                           parent_unit_id, unit_level, status, data, due_date)
      values (${t.associationId}, ${newId()}, ${templateId}, ${p.key}, ${p.from}::date, ${p.to}::date,
              ${u.id}, ${u.parentId}, ${u.level}, ${r.status}, ${JSON.stringify(r.data)}::jsonb, ${p.to}::date)`.execute(
      ctx.deps.db.system,
    );
  }
}

describe('the SQL roll-up', () => {
  it('equals a brute-force aggregation of the stored values (property)', async () => {
    const unitIds = Object.values(t.units);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            unit: fc.constantFrom(...unitIds),
            period: fc.integer({ min: 0, max: PERIODS.length - 1 }),
            status: fc.constantFrom(...STORED),
            data: valuesArb,
          }),
          { minLength: 1, maxLength: 40 },
        ),
        async (rows) => {
          await storeReports(rows);
          const got = await inTenant(ctx.deps.db.app, t.associationId, async (tx) => {
            const c = await loadContext(tx, templateId, PERIODS[0]!.key);
            const rules: SlotRule[] = c.slots
              .filter((s) => s.indicator.type !== 'text')
              .map((s) => ({
                key: s.key,
                aggregation: s.indicator.aggregation,
                weightKey: s.indicator.weightCode,
              }));
            const all = await rollupAll(tx, c, PERIODS);
            expect(all.keys).toEqual(rules.map((r) => r.key));
            return { rows: all.rows, rules };
          });
          const stored = await sql<{
            parent: string | null;
            period: string;
            status: string;
            data: string;
          }>`select parent_unit_id as parent, period, status, data::text as data
               from reports where template_id = ${templateId}`.execute(ctx.deps.db.system);
          const groups = new Map<string, Record<string, number | null>[]>();
          for (const r of stored.rows) {
            if (!APPROVED_STATUSES.includes(r.status as never)) continue;
            const k = `${r.parent}|${r.period}`;
            groups.set(k, [...(groups.get(k) ?? []), JSON.parse(r.data)]);
          }
          expect(got.rows.length).toBe(groups.size);
          for (const row of got.rows) {
            const children = groups.get(`${row.parentUnitId}|${row.period}`)!;
            expect(row.reports).toBe(children.length);
            const want = aggregate(children, got.rules);
            for (const [j, rule] of got.rules.entries()) {
              const w = want[rule.key] ?? null;
              const g = row.values[j] ?? null;
              if (w === null) expect(g).toBeNull();
              else expect(g).toBeCloseTo(w, 9);
            }
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it('keeps vals equal to data on every write; a new key takes a new position, old ones stay', async () => {
    await storeReports([
      { unit: t.units.c1a!, period: 0, status: 'draft', data: { 'test.members': 5 } },
    ]);
    const read = () =>
      sql<{ vals: (number | null)[] }>`select vals from reports where template_id = ${templateId}`
        .execute(ctx.deps.db.system)
        .then((r) => r.rows[0]!.vals);
    const pos = async () =>
      new Map(
        (
          await ctx.deps.db.system
            .selectFrom('reportSlots')
            .select(['key', 'pos'])
            .where('associationId', '=', t.associationId)
            .execute()
        ).map((r) => [r.key, r.pos]),
      );
    const before = await pos();
    expect((await read())[before.get('test.members')! - 1]).toBe(5);

    await sql`update reports set data = ${JSON.stringify({ 'test.members': 7, 'test.brand_new': 3 })}::jsonb
               where template_id = ${templateId}`.execute(ctx.deps.db.system);
    const after = await pos();
    for (const [k, p] of before) expect(after.get(k)).toBe(p);
    const fresh = after.get('test.brand_new')!;
    expect(fresh).toBeGreaterThan(Math.max(...before.values()));
    const vals = await read();
    expect(vals[after.get('test.members')! - 1]).toBe(7);
    expect(vals[fresh - 1]).toBe(3);
    expect(vals.filter((v) => v !== null)).toHaveLength(2);

    // A write that leaves data alone keeps the array.
    await sql`update reports set status = 'submitted' where template_id = ${templateId}`.execute(
      ctx.deps.db.system,
    );
    expect(await read()).toEqual(vals);
  });
});
