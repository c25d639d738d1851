import type { Case, CaseListItem, RuleSet } from '@hoi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testClock, type TestContext } from '../../test/harness.js';
import { createTestTree, sessionFor, type Client, type TestTree } from '../../test/factories.js';
import { DENOUNCER, addDays } from './cases.fixtures.js';
import { escalateOverdueCases } from './cases-inbox.service.js';
import { automaticIndicators } from '../../platform/indicators.js';
import { inTenant } from '../../db/engine.js';
import * as repo from './cases.repo.js';
import { caseApi, errorOf } from './cases.test-support.js';

const clock = testClock(new Date('2026-03-20T03:00:00Z')); // Friday 20/03/2026, 10:00 in Hà Nội
let ctx: TestContext;
let t: TestTree;
let officerA: Client;
let officerB: Client;
let provinceOfficer: Client;

beforeAll(async () => {
  ctx = await createTestContext({ clock });
  t = await createTestTree(ctx.deps);
  officerA = await sessionFor(ctx.app, ctx.deps, t.users.officerA!);
  officerB = await sessionFor(ctx.app, ctx.deps, t.users.officerB!);
  provinceOfficer = await sessionFor(ctx.app, ctx.deps, t.users.provinceOfficer!);
});
afterAll(async () => ctx.close());

const { body, create, act, ok } = caseApi(() => t);

async function countCases() {
  const r = await ctx.deps.db.system
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('associationId', '=', t.associationId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('intake and the clock', () => {
  it('records a complaint with its register number, the rule set in force and the acceptance deadline across Tết', async () => {
    const c = await create(officerA);
    expect(c.status).toBe('received');
    expect(c.number).toMatch(/^\d+\/2026\/C1A-/);
    expect(c.clock.ruleSet.effectiveFrom < '2026-07-01').toBe(true);
    // 10 working days after Tue 10/02/2026, skipping the Tết days off 16–20/02 and two weekends.
    expect(c.nextDeadline).toMatchObject({ key: 'acceptance_due', date: '2026-03-03' });
    expect(c.overdue).toBe(true); // 20/03 is after 03/03
    expect(c.timeline.map((e) => e.kind)).toEqual(['received']);
    expect(c.version).toBe(1);
    const k = await ok(officerA, c, 'classify', { complexity: 'complex' });
    expect(k.version).toBe(2);
  });

  it('refuses a receipt date in the future and writes nothing', async () => {
    const before = await countCases();
    const r = await officerA.post('/api/cases', body({ receivedOn: '2026-03-21' }));
    expect(r.statusCode).toBe(422);
    expect(errorOf(r).code).toBe('CASE_DATE_IN_FUTURE');
    expect(errorOf(r).message).toMatch(/sau ngày hôm nay/);
    expect(errorOf(r).messageEn).toMatch(/future/);
    expect(await countCases()).toBe(before);
  });

  it('refuses a wrongly formatted date and an over-long summary with a validation error', async () => {
    const r1 = await officerA.post('/api/cases', body({ receivedOn: '10/02/2026' }));
    expect(r1.statusCode).toBe(400);
    expect(errorOf(r1).code).toBe('VALIDATION_FAILED');
    const r2 = await officerA.post('/api/cases', body({ subject: 'x'.repeat(301) }));
    expect(r2.statusCode).toBe(400);
  });

  it('a case outside the officer’s subtree does not exist for them', async () => {
    const c = await create(officerA);
    expect((await officerB.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
    expect((await officerB.post('/api/cases', body())).statusCode).toBe(404);
  });

  it('an anonymous denunciation is handled as information, not as a denunciation (Art. 25)', async () => {
    const c = await create(officerA, { type: 'denunciation', anonymous: true, complainant: null });
    expect(c.type).toBe('petition');
    expect(c.anonymous).toBe(true);
    expect(c.timeline[0]!.note).toMatch(/Điều 25/);
  });

  it('a denunciation needs the denouncer unless anonymous', async () => {
    const r = await officerA.post('/api/cases', body({ type: 'denunciation', complainant: null }));
    expect(errorOf(r).code).toBe('CASE_DENOUNCER_REQUIRED');
  });
});

describe('acceptance', () => {
  it('accepting after the deadline needs the reason; with it the lateness is recorded', async () => {
    const c = await create(officerA);
    const late = await act(officerA, c, 'accept', { acceptedOn: '2026-03-10' });
    expect(late.statusCode).toBe(422);
    expect(errorOf(late).code).toBe('CASE_ACCEPTANCE_LATE');
    expect((await officerA.get(`/api/cases/${c.id}`)).json<Case>().status).toBe('received');
    const a = await ok(officerA, c, 'accept', {
      acceptedOn: '2026-03-10',
      lateReason: 'Chờ bổ sung chữ ký',
    });
    expect(a.status).toBe('accepted');
    expect(a.lateReason).toBe('Chờ bổ sung chữ ký');
    expect(a.nextDeadline?.key).toBe('resolution_due');
  });

  it('a stale If-Match is refused and changes nothing', async () => {
    const c = await create(officerA);
    const r = await officerA.post(
      `/api/cases/${c.id}/classify`,
      { complexity: 'complex' },
      { 'if-match': `"${c.version + 5}"` },
    );
    expect(r.statusCode).toBe(409);
    expect(errorOf(r).code).toBe('STALE_VERSION');
  });

  it('an action out of order is refused (conclude a case not accepted)', async () => {
    const c = await create(officerA);
    const r = await act(officerA, c, 'conclude', {
      concludedOn: '2026-03-15',
      findings: 'x',
      conclusion: 'y',
    });
    expect(errorOf(r).code).toBe('CASE_ILLEGAL_TRANSITION');
  });

  it('not accepting needs a statutory ground of the case’s type', async () => {
    const c = await create(officerA);
    const wrong = await act(officerA, c, 'reject', {
      decidedOn: '2026-02-12',
      ground: 'denunciation_no_basis',
    });
    expect(wrong.statusCode).toBe(400);
    const r = await ok(officerA, c, 'reject', {
      decidedOn: '2026-02-12',
      ground: 'complaint_unsigned',
    });
    expect(r.status).toBe('not_accepted');
    expect(r.nextDeadline).toBeNull();
  });
});

describe('extensions and suspensions', () => {
  const denunciation = async (complexity: 'normal' | 'complex' | 'very_complex') => {
    const c = await create(officerA, {
      type: 'denunciation',
      complainant: null,
      sealedParties: [DENOUNCER],
      receivedOn: '2026-03-02',
    });
    return ok(officerA, c, 'accept', { acceptedOn: '2026-03-04', complexity });
  };
  const extend = (c: Case, days: number) =>
    act(officerA, c, 'extensions', {
      days,
      decisionNumber: '05/QĐ-GH',
      decidedOn: '2026-03-20',
      reason: 'Cần xác minh nhiều nơi',
    });

  it('an ordinary denunciation cannot be extended', async () => {
    const c = await denunciation('normal');
    const r = await extend(c, 30);
    expect(r.statusCode).toBe(422);
    expect(errorOf(r).code).toBe('CASE_EXTENSION_LIMIT');
    expect((await officerA.get(`/api/cases/${c.id}`)).json<Case>().extensions).toEqual([]);
  });

  it('a complex one once by ≤ 30 days, an especially complex one twice; never longer', async () => {
    const c = await denunciation('complex');
    expect(errorOf(await extend(c, 31)).code).toBe('CASE_EXTENSION_LIMIT');
    const due = c.nextDeadline!.date;
    const e1 = await ok(officerA, c, 'extensions', {
      days: 30,
      decisionNumber: '05/QĐ-GH',
      decidedOn: '2026-03-20',
      reason: 'Phức tạp',
    });
    expect(e1.nextDeadline!.date > due).toBe(true);
    expect(errorOf(await extend(e1, 10)).code).toBe('CASE_EXTENSION_LIMIT');

    const v = await denunciation('very_complex');
    const v1 = await ok(officerA, v, 'extensions', {
      days: 30,
      decisionNumber: '06/QĐ-GH',
      decidedOn: '2026-03-20',
      reason: 'Đặc biệt phức tạp',
    });
    const v2 = await ok(officerA, v1, 'extensions', {
      days: 30,
      decisionNumber: '07/QĐ-GH',
      decidedOn: '2026-03-20',
      reason: 'Đặc biệt phức tạp',
    });
    expect(v2.extensions.map((e) => e.ordinal)).toEqual([1, 2]);
    expect(errorOf(await extend(v2, 1)).code).toBe('CASE_EXTENSION_LIMIT');
  });

  it('a suspension stops the clock and moves the deadline by the suspended days', async () => {
    const c = await denunciation('normal');
    const before = c.nextDeadline!.date;
    const s = await ok(officerA, c, 'suspend', {
      from: '2026-03-09',
      decisionNumber: '08/QĐ-TĐC',
      reason: 'Chờ giám định',
    });
    const r = await ok(officerA, s, 'resume', { to: '2026-03-13' });
    // Five days stood still (9–13/03): a calendar-day rule moves by 5 days (then rolls off a rest day).
    const after = r.nextDeadline!.date;
    expect(after >= addDays(before, 5)).toBe(true);
    expect(after <= addDays(before, 7)).toBe(true);
    expect(r.suspensions).toEqual([
      {
        from: '2026-03-09',
        to: '2026-03-13',
        decisionNumber: '08/QĐ-TĐC',
        reason: 'Chờ giám định',
      },
    ]);
  });
});

describe('second rounds', () => {
  it('a second round before the first can be appealed is refused; after the decision it links to the first', async () => {
    const first = await create(officerA, { receivedOn: '2026-03-02' });
    const accepted = await ok(officerA, first, 'accept', { acceptedOn: '2026-03-03' });
    const early = await officerA.post(
      '/api/cases',
      body({ round: 2, parentCaseId: first.id, receivedOn: '2026-03-20' }),
    );
    expect(errorOf(early).code).toBe('CASE_SECOND_ROUND_TOO_EARLY');
    await ok(officerA, accepted, 'conclude', {
      concludedOn: '2026-03-16',
      findings: 'Đã xác minh',
      conclusion: 'Giữ nguyên quyết định',
    });
    const second = await create(officerA, {
      round: 2,
      parentCaseId: first.id,
      receivedOn: '2026-03-20',
    });
    expect(second.parentCase).toEqual({ id: first.id, number: first.number });
    const again = (await officerA.get(`/api/cases/${first.id}`)).json<Case>();
    expect(again.linkedCases).toEqual([
      { id: second.id, number: second.number, relation: 'next_round' },
    ]);

    // A second-round decision needs dialogue minutes (Law on Complaints Art. 30).
    const acc = await ok(officerA, second, 'accept', { acceptedOn: '2026-03-20' });
    const noDialogue = await act(officerA, acc, 'conclude', {
      concludedOn: '2026-03-20',
      findings: 'x',
      conclusion: 'y',
    });
    expect(errorOf(noDialogue).code).toBe('CASE_DIALOGUE_REQUIRED');
    const d = await ok(officerA, acc, 'records', {
      kind: 'dialogue',
      on: '2026-03-20',
      text: 'Đối thoại với người khiếu nại',
    });
    expect(
      (
        await ok(officerA, d, 'conclude', {
          concludedOn: '2026-03-20',
          findings: 'x',
          conclusion: 'y',
        })
      ).status,
    ).toBe('concluded');
  });

  it('a denunciation has no second round', async () => {
    const r = await officerA.post(
      '/api/cases',
      body({ type: 'denunciation', round: 2, complainant: null, sealedParties: [DENOUNCER] }),
    );
    expect(errorOf(r).code).toBe('CASE_ROUND_INVALID');
  });
});

describe('inbox, escalation and statistics', () => {
  it('lists open cases by nearest deadline in the caller’s subtree, and the overdue box', async () => {
    const r = await provinceOfficer.get('/api/cases?box=open&limit=200');
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json<{ items: CaseListItem[] }>().items;
    expect(items.length).toBeGreaterThan(3);
    const dates = items.map((i) => i.nextDeadline ?? '9999');
    expect(dates).toEqual([...dates].sort());
    expect((await officerB.get('/api/cases?box=open')).json<{ items: unknown[] }>().items).toEqual(
      [],
    );
    const overdue = (await provinceOfficer.get('/api/cases?box=overdue&limit=200')).json<{
      items: CaseListItem[];
    }>().items;
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((i) => i.overdue && i.nextDeadline! < '2026-03-20')).toBe(true);
    // Pages follow each other without gaps or repeats.
    const p1 = (await provinceOfficer.get('/api/cases?box=open&limit=2')).json<{
      items: CaseListItem[];
      nextCursor: string;
    }>();
    const p2 = (
      await provinceOfficer.get(`/api/cases?box=open&limit=2&cursor=${p1.nextCursor}`)
    ).json<{ items: CaseListItem[] }>();
    expect([...p1.items, ...p2.items].map((i) => i.id)).toEqual(items.slice(0, 4).map((i) => i.id));
  });

  it('the large-subtree plan answers the same pages as the join', async () => {
    const path = await ctx.deps.db.system
      .selectFrom('unitPaths')
      .select((eb) => eb.cast<string>('path', 'text').as('path'))
      .where('unitId', '=', t.units.p1!)
      .executeTakeFirstOrThrow();
    await inTenant(ctx.deps.db.app, t.associationId, async (tx) => {
      for (const box of ['open', 'overdue'] as const) {
        const base = {
          box,
          paths: [path.path],
          today: '2026-03-20',
          after: null,
          afterReceived: null,
          limit: 3,
        };
        const a = await repo.listCases(tx, { ...base, largeScope: false });
        const b = await repo.listCases(tx, { ...base, largeScope: true });
        expect(b.map((r) => r.id)).toEqual(a.map((r) => r.id));
        const last = a.at(-1)!;
        const after = { deadline: last.nextDeadline, id: last.id };
        expect(
          (await repo.listCases(tx, { ...base, after, largeScope: true })).map((r) => r.id),
        ).toEqual(
          (await repo.listCases(tx, { ...base, after, largeScope: false })).map((r) => r.id),
        );
      }
    });
  });

  it('escalates overdue cases once to the parent unit’s officers', async () => {
    // On the PostgreSQL lane other test files share the database and add overdue cases of their
    // own associations at any time, so "once" is checked on this association's events, not on
    // the count, which covers every association.
    const escalatedHere = async () =>
      (
        await ctx.deps.db.system
          .selectFrom('caseEvents')
          .select('caseId')
          .where('associationId', '=', t.associationId)
          .where('kind', '=', 'escalated')
          .execute()
      ).map((e) => e.caseId);
    const n = await escalateOverdueCases(ctx.deps, '2026-03-20');
    expect(n).toBeGreaterThan(0);
    const first = await escalatedHere();
    expect(first.length).toBeGreaterThan(0);
    expect(new Set(first).size).toBe(first.length);
    await escalateOverdueCases(ctx.deps, '2026-03-20');
    expect((await escalatedHere()).sort()).toEqual(first.sort());
    const notes = (await provinceOfficer.get('/api/notifications')).json<{
      items: { kind: string }[];
    }>();
    expect(notes.items.some((i) => i.kind === 'case.overdue')).toBe(true);
  });

  it('counts received, accepted, resolved and overdue by type and child unit', async () => {
    const r = await provinceOfficer.get(
      `/api/cases/stats?unitId=${t.units.p1}&from=2026-01-01&to=2026-03-20`,
    );
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json<{
      total: { received: number; overdue: number };
      byUnit: { unit: { id: string }; received: number }[];
    }>();
    const direct = await ctx.deps.db.system
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('associationId', '=', t.associationId)
      .where('receivedOn', '>=', '2026-01-01')
      .executeTakeFirstOrThrow();
    expect(s.total.received).toBe(Number(direct.n));
    expect(s.byUnit.find((u) => u.unit.id === t.units.c1a)!.received).toBe(Number(direct.n));
  });
});

describe('automatic indicators for the periodic reports', () => {
  it('equal a direct recount of the registry of cases', async () => {
    const rows = await ctx.deps.db.system
      .selectFrom('cases')
      .select([
        'receivedOn',
        'acceptedOn',
        'concludedOn',
        'resolutionDue',
        'isOpen',
        'nextDeadline',
        'status',
      ])
      .where('associationId', '=', t.associationId)
      .execute();
    const [from, to] = ['2026-03-01', '2026-03-20'];
    const within = (d: string | null) => d !== null && d >= from && d <= to;
    const expected: Record<string, number> = {
      'cases.received': rows.filter((r) => within(r.receivedOn)).length,
      'cases.accepted': rows.filter((r) => within(r.acceptedOn)).length,
      'cases.resolved': rows.filter((r) => within(r.concludedOn)).length,
      'cases.resolved_on_time': rows.filter(
        (r) => within(r.concludedOn) && (!r.resolutionDue || r.concludedOn! <= r.resolutionDue),
      ).length,
      'cases.overdue': rows.filter(
        (r) =>
          r.isOpen &&
          r.nextDeadline !== null &&
          r.nextDeadline < to &&
          ['received', 'classified', 'accepted', 'verifying'].includes(r.status),
      ).length,
    };
    const root = await ctx.deps.db.system
      .selectFrom('unitPaths')
      .select((eb) => eb.cast<string>('path', 'text').as('path'))
      .where('unitId', '=', t.rootId)
      .executeTakeFirstOrThrow();
    const got: Record<string, number> = {};
    await inTenant(ctx.deps.db.app, t.associationId, async (tx) => {
      for (const i of automaticIndicators().filter((x) => x.code.startsWith('cases.'))) {
        got[i.code] = await i.compute(tx, { paths: [root.path] }, { from, to });
      }
    });
    expect(got).toEqual(expected);
    expect(expected['cases.received']).toBeGreaterThan(5);
    expect(expected['cases.resolved']).toBeGreaterThan(0);
  });
});

describe('the association’s own rule sets', () => {
  it('are listed intact and govern the cases received from their effective date', async () => {
    // Last in this file: the set applies to every case of the association received from 16/03.
    const admin = await sessionFor(ctx.app, ctx.deps, t.users.admin!);
    const national = (await admin.get('/api/cases/rule-sets')).json<{
      items: (RuleSet & { source: string })[];
    }>().items;
    const listedNational: Partial<RuleSet & { source: string }> = structuredClone(
      national.find((r) => r.code === 'VN-2019')!,
    );
    delete listedNational.source;
    const own = listedNational as RuleSet;
    own.code = 'HOI-2026-03';
    own.effectiveFrom = '2026-03-16';
    own.rules.complaint[1].acceptance!.days = 5;
    const saved = await admin.post('/api/cases/rule-sets', own);
    expect(saved.statusCode, saved.body).toBe(201);

    // Read back as stored: nested keys such as complaint_discipline are not rewritten.
    const listed = await admin.get('/api/cases/rule-sets');
    expect(listed.statusCode, listed.body).toBe(200);
    const mine = listed.json<{ items: (RuleSet & { source: string })[] }>().items.find(
      (r) => r.code === own.code,
    );
    expect(mine).toEqual({ ...own, source: 'association' });

    // Received Monday 16/03: 5 working days → Monday 23/03, by the association's set.
    const c = await create(officerA, { receivedOn: '2026-03-16' });
    expect(c.clock.ruleSet.code).toBe('HOI-2026-03');
    expect(c.nextDeadline).toMatchObject({ key: 'acceptance_due', date: '2026-03-23' });
    // The day before, the national set still applies (10 working days).
    const before = await create(officerA, { receivedOn: '2026-03-13' });
    expect(before.clock.ruleSet.code).toBe('VN-2019');

    const again = await admin.post('/api/cases/rule-sets', own);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('DUPLICATE_CODE');
  });
});
