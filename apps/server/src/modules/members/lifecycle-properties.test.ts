/**
 * Property tests of the membership lifecycle: for any random sequence of status changes
 * on a few members, (1) an action succeeds exactly when the status machine
 * allows it — no sequence reaches an illegal state — and (2) the counts as of every date equal a
 * brute-force recount from a model replayed independently of the periods table, whether the
 * counts read the yearly bases or every period.
 */
import fc from 'fast-check';
import { actionsFrom, MEMBER_ACTIONS, MemberCountsSchema, type MemberAction, type MemberStatus } from '@hoi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/engine.js';
import { cliActor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { createTestTree, type TestTree } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/harness.js';
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

const ACTIONS = Object.keys(MEMBER_ACTIONS) as MemberAction[];
type Step = { member: number; action: MemberAction; gap: number };

interface ModelMember {
  id: string;
  version: number;
  history: { from: string; status: MemberStatus; category: string }[];
}

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function modelAt(m: ModelMember, date: string) {
  let cur: { status: MemberStatus; category: string } | null = null;
  for (const h of m.history) if (h.from <= date) cur = h;
  return cur;
}

describe('membership lifecycle properties', () => {
  it('only legal transitions succeed; counts as of any date equal a brute-force recount', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            member: fc.integer({ min: 0, max: 2 }),
            action: fc.constantFrom<MemberAction>(...ACTIONS),
            gap: fc.integer({ min: 0, max: 40 }),
          }),
          { minLength: 3, maxLength: 14 },
        ),
        async (steps: Step[]) => {
          run += 1;
          const actor = cliActor(t.associationId);
          const unitKey = ['b1a', 'g1a', 'c1b'][run % 3]!;
          // A fresh unit per run keeps runs independent.
          const unitId = await inTenant(ctx.deps.db.app, t.associationId, async (tx) => {
            const { lockUnits, insertUnit } = await import('../units/units.repo.js');
            const parent = (await lockUnits(tx, [t.units[unitKey]!]))[0]!;
            const row = await insertUnit(tx, {
              associationId: t.associationId,
              id: crypto.randomUUID(),
              code: `LP${run}-${t.code}`,
              name: `Chi hội ${run}`,
              level: parent.level + 1,
              parentId: parent.id,
              parentPath: parent.path,
              adminUnitCode: null,
              validFrom: '2020-01-01',
            });
            return row.id;
          });
          const start = '2024-01-01';
          const model: ModelMember[] = [];
          for (let i = 0; i < 3; i++) {
            const admitted = i !== 2; // the third starts as an applicant
            const m = await members.createMember(ctx.deps, actor, {
              person: {
                fullName: `Người Thử ${run}-${i}`,
                birthDate: '1950',
                gender: i === 1 ? 'female' : 'male',
              },
              unitId,
              category: 'official',
              acknowledgeWarnings: false,
              appliedOn: start,
              ...(admitted
                ? { admission: { number: `${run}${i}/QĐ`, date: start, signer: 'Chủ tịch' } }
                : {}),
            });
            model.push({
              id: m.id,
              version: m.version,
              history: [
                { from: start, status: admitted ? 'active' : 'applicant', category: 'official' },
              ],
            });
          }
          // Yearly count bases (decision 78) are built before the steps and again half-way, so
          // the counts below read bases that later steps, dated before them, made stale.
          await refreshCountBases(ctx.deps, t.associationId);
          let date = start;
          for (const [n, step] of steps.entries()) {
            if (n === steps.length >> 1) await refreshCountBases(ctx.deps, t.associationId);
            date = addDays(date, step.gap);
            const mm = model[step.member]!;
            const current = mm.history[mm.history.length - 1]!;
            const rule = MEMBER_ACTIONS[step.action];
            const legal = actionsFrom(current.status).includes(step.action);
            try {
              const r = await members.transition(ctx.deps, actor, mm.id, mm.version, {
                action: step.action,
                effectiveDate: date,
                ...(rule.decision
                  ? { decision: { number: '1/QĐ', date, signer: 'Chủ tịch' } }
                  : {}),
                ...(rule.reason ? { reason: 'Lý do' } : {}),
              });
              expect(legal, `${current.status} --${step.action}--> succeeded`).toBe(true);
              mm.version = r.version;
              const last = mm.history[mm.history.length - 1]!;
              if (last.from === date) mm.history.pop();
              mm.history.push({ from: date, status: rule.to, category: current.category });
              expect(r.status).toBe(rule.to);
            } catch (e) {
              if (!(e instanceof AppError)) throw e;
              expect(legal, `${current.status} --${step.action}--> refused with ${e.code}`).toBe(
                false,
              );
              expect(e.code).toBe('ILLEGAL_TRANSITION');
            }
          }
          // Brute-force recount from the model versus the service's counts, on every day that matters.
          const days = new Set<string>([addDays(start, -1), start]);
          for (const m of model)
            for (const h of m.history)
              [addDays(h.from, -1), h.from, addDays(h.from, 1)].forEach((d) => days.add(d));
          const checkCounts = async () => {
            for (const d of days) {
              if (d > '2026-06-30') continue;
              // The body the database writes must satisfy the contract.
              const c = MemberCountsSchema.parse(JSON.parse(await search.counts(ctx.deps, actor, { asOf: d, unitId })));
              const got: Record<string, number> = {};
              for (const r of c.rows) got[r.status] = (got[r.status] ?? 0) + r.memberships;
              const want: Record<string, number> = {};
              for (const m of model) {
                const s = modelAt(m, d);
                if (s) want[s.status] = (want[s.status] ?? 0) + 1;
              }
              expect(got, `counts on ${d}`).toEqual(want);
              expect(c.totals.memberships).toBe(want.active ?? 0);
            }
          };
          await checkCounts();
          // Again with every base current.
          await refreshCountBases(ctx.deps, t.associationId);
          await checkCounts();
          // Periods are contiguous and the open one equals the membership row.
          await inTenant(ctx.deps.db.app, t.associationId, async (tx) => {
            for (const m of model) {
              const periods = await tx
                .selectFrom('membershipPeriods')
                .selectAll()
                .where('membershipId', '=', m.id)
                .orderBy('validFrom')
                .execute();
              for (let i = 1; i < periods.length; i++)
                expect(periods[i]!.validFrom).toBe(periods[i - 1]!.validTo);
              const open = periods.filter((p) => p.validTo === null);
              expect(open).toHaveLength(1);
              const row = await tx
                .selectFrom('memberships')
                .select(['status', 'unitId'])
                .where('id', '=', m.id)
                .executeTakeFirstOrThrow();
              expect(open[0]).toMatchObject({ status: row.status, unitId: row.unitId });
            }
          });
        },
      ),
      { numRuns: 12 },
    );
  }, 240_000);
});
