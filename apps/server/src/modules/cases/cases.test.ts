import type { Case, CaseListItem } from '@hoi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testClock, type TestContext } from '../../test/harness.js';
import {
  anonymous,
  createTestMember,
  createTestTree,
  sessionFor,
  type Client,
  type TestTree,
} from '../../test/factories.js';
import { invite } from '../portal/portal.fixtures.js';
import { acceptInvitation } from '../portal/invitations.service.js';
import { DENOUNCER, addDays, userIdOf } from './cases.fixtures.js';
import { docxText } from '../../documents/docx-text.js';
import { escalateOverdueCases } from './cases-inbox.service.js';
import { automaticIndicators } from '../../platform/indicators.js';
import { inTenant } from '../../db/engine.js';
import * as repo from './cases.repo.js';

const clock = testClock(new Date('2026-03-20T03:00:00Z')); // Friday 20/03/2026, 10:00 in Hà Nội
let ctx: TestContext;
let t: TestTree;
let admin: Client;
let officerA: Client;
let officerB: Client;
let provinceOfficer: Client;

beforeAll(async () => {
  ctx = await createTestContext({ clock });
  t = await createTestTree(ctx.deps);
  admin = await sessionFor(ctx.app, ctx.deps, t.users.admin!);
  officerA = await sessionFor(ctx.app, ctx.deps, t.users.officerA!);
  officerB = await sessionFor(ctx.app, ctx.deps, t.users.officerB!);
  provinceOfficer = await sessionFor(ctx.app, ctx.deps, t.users.provinceOfficer!);
});
afterAll(async () => ctx.close());

const body = (over: Record<string, unknown> = {}) => ({
  unitId: t.units.c1a,
  type: 'complaint',
  channel: 'in_person',
  receivedOn: '2026-02-10',
  subject: 'Khiếu nại quyết định không cho vay vốn',
  complainant: { fullName: 'Phạm Văn Khiếu', phone: '0987654321' },
  ...over,
});

async function create(client: Client, over: Record<string, unknown> = {}): Promise<Case> {
  const r = await client.post('/api/cases', body(over));
  expect(r.statusCode, r.body).toBe(201);
  return r.json<Case>();
}

async function act(client: Client, c: Case, name: string, payload: unknown) {
  return client.post(`/api/cases/${c.id}/${name}`, payload, { 'if-match': `"${c.version}"` });
}
async function ok(client: Client, c: Case, name: string, payload: unknown): Promise<Case> {
  const r = await act(client, c, name, payload);
  expect(r.statusCode, r.body).toBe(200);
  return r.json<Case>();
}
function errorOf(r: { json: <T>() => T }) {
  return r.json<{
    error: { code: string; message: string; messageEn: string; details?: unknown };
  }>().error;
}
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

describe('publication', () => {
  it('refuses a conclusion text naming the denouncer and a period under 15 days; publishes a clean one', async () => {
    const c = await create(officerA, {
      type: 'denunciation',
      complainant: null,
      sealedParties: [DENOUNCER],
      receivedOn: '2026-03-02',
    });
    const a = await ok(officerA, c, 'accept', { acceptedOn: '2026-03-03' });
    const con = await ok(officerA, a, 'conclude', {
      concludedOn: '2026-03-19',
      findings: 'Đã xác minh',
      conclusion: 'Tố cáo đúng một phần',
    });
    const leaky = await act(officerA, con, 'publish', {
      from: '2026-03-20',
      until: '2026-04-10',
      place: 'Trụ sở hội',
      text: 'Theo đơn của bà TRẦN THỊ BÍ MẬT (ĐT 0919.876.012), kết luận…',
    });
    expect(leaky.statusCode).toBe(422);
    expect(errorOf(leaky).code).toBe('CASE_TEXT_CONTAINS_SEALED');
    expect(JSON.stringify(errorOf(leaky).details)).not.toMatch(/Bí Mật|0919/i);
    expect(JSON.stringify(errorOf(leaky).details)).toMatch(/fullName/);
    const short = await act(officerA, con, 'publish', {
      from: '2026-03-20',
      until: '2026-04-02',
      place: 'Trụ sở',
      text: 'Kết luận',
    });
    expect(errorOf(short).code).toBe('CASE_PUBLICATION_TOO_SHORT');
    const p = await ok(officerA, con, 'publish', {
      from: '2026-03-20',
      until: '2026-04-03',
      place: 'Trụ sở hội',
      text: 'Tố cáo đúng một phần.',
    });
    expect(p.status).toBe('published');
    expect(p.nextDeadline).toMatchObject({ key: 'publication_until', date: '2026-04-03' });
    const early = await act(officerA, p, 'close', { closedOn: '2026-03-20' });
    expect(errorOf(early).code).toBe('CASE_PUBLICATION_TOO_SHORT');
  });

  it('text with the denouncer’s details is refused at intake too', async () => {
    const r = await officerA.post(
      '/api/cases',
      body({
        type: 'denunciation',
        complainant: null,
        sealedParties: [DENOUNCER],
        content: 'Bà Trần Thị Bí Mật, số 001190054321, tố cáo…',
      }),
    );
    expect(errorOf(r).code).toBe('CASE_TEXT_CONTAINS_SEALED');
  });
});

describe('sealed identity', () => {
  it('the officer who recorded it may read it (audited without values); others need clearance; verifiers never', async () => {
    const c = await create(officerA, {
      type: 'denunciation',
      complainant: null,
      sealedParties: [DENOUNCER],
      receivedOn: '2026-03-02',
    });
    expect(c.sealed).toEqual({ count: 1, roles: ['denouncer'] });
    expect(c.access.clearance).toBe(true);
    const r = await officerA.get(`/api/cases/${c.id}/sealed`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<{ parties: { fullName: string }[] }>().parties[0]!.fullName).toBe(
      DENOUNCER.fullName,
    );
    const audit = await ctx.deps.db.system
      .selectFrom('auditLog')
      .select(['action', 'after'])
      .where('entityId', '=', c.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('case.sealed.read');
    expect(JSON.stringify(audit)).not.toContain('Bí Mật');

    const noClearance = await provinceOfficer.get(`/api/cases/${c.id}/sealed`);
    expect(errorOf(noClearance).code).toBe('CASE_CLEARANCE_REQUIRED');

    const a = await ok(officerA, c, 'accept', { acceptedOn: '2026-03-03' });
    const verifierId = await userIdOf(ctx.deps, t.users.provinceOfficer!);
    const v = await ok(officerA, a, 'verifiers', { userId: verifierId });
    expect(v.status).toBe('verifying');
    const asVerifier = await provinceOfficer.get(`/api/cases/${c.id}/sealed`);
    expect(asVerifier.statusCode).toBe(403);
    expect(errorOf(asVerifier).code).toBe('CASE_SEALED_VERIFIER');
    const grant = await officerA.post(`/api/cases/${c.id}/clearances`, { userId: verifierId });
    expect(errorOf(grant).code).toBe('CASE_SEALED_VERIFIER');
    const emergency = await provinceOfficer.post(`/api/cases/${c.id}/sealed/emergency`, {
      reason: 'Cần liên hệ gấp để bảo vệ người tố cáo',
    });
    expect(errorOf(emergency).code).toBe('CASE_SEALED_VERIFIER');
  });

  it('emergency access needs a written reason and notifies the administrators', async () => {
    const c = await create(officerA, {
      type: 'denunciation',
      complainant: null,
      sealedParties: [DENOUNCER],
      receivedOn: '2026-03-02',
    });
    const short = await provinceOfficer.post(`/api/cases/${c.id}/sealed/emergency`, {
      reason: 'gấp',
    });
    expect(short.statusCode).toBe(400);
    const r = await provinceOfficer.post(`/api/cases/${c.id}/sealed/emergency`, {
      reason: 'Người tố cáo báo bị đe dọa, cần liên hệ ngay',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<{ emergency: boolean }>().emergency).toBe(true);
    const n = (await admin.get('/api/notifications')).json<{
      items: { kind: string; title: string; body: string }[];
      unread: number;
    }>();
    const notice = n.items.find(
      (i) => i.kind === 'case.sealed.emergency' && i.title.includes(c.number),
    );
    expect(notice?.body).toMatch(/đe dọa/);
    expect(JSON.stringify(n)).not.toContain('Bí Mật');
    // Whoever has seen the identity cannot be its verifier (Art. 56).
    const acc = await ok(officerA, c, 'accept', { acceptedOn: '2026-03-03' });
    const v = await act(officerA, acc, 'verifiers', {
      userId: await userIdOf(ctx.deps, t.users.provinceOfficer!),
    });
    expect(errorOf(v).code).toBe('CASE_SEALED_VERIFIER');
    // The emergency read does not become a lasting clearance.
    expect(errorOf(await provinceOfficer.get(`/api/cases/${c.id}/sealed`)).code).toBe(
      'CASE_CLEARANCE_REQUIRED',
    );
  });

  it('identity-bearing scans are sealed at rest and follow the identity’s rules', async () => {
    const c = await create(officerA, {
      type: 'denunciation',
      complainant: null,
      sealedParties: [DENOUNCER],
      receivedOn: '2026-03-02',
    });
    const scan = Buffer.from('%PDF-1.4 chữ viết tay của Trần Thị Bí Mật');
    const up = await officerA.request({
      method: 'POST',
      url: `/api/cases/${c.id}/attachments?name=don-to-cao.pdf&identityBearing=true`,
      headers: { 'content-type': 'application/pdf' },
      payload: scan,
    });
    expect(up.statusCode, up.body).toBe(201);
    const { id } = up.json<{ id: string }>();
    const row = await ctx.deps.db.system
      .selectFrom('caseAttachments')
      .select(['body', 'keyId'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(row.body).includes(Buffer.from('Bí Mật'))).toBe(false);
    expect(row.keyId).toBeTruthy();
    const mine = await officerA.get(`/api/cases/${c.id}/attachments/${id}`);
    expect(mine.rawPayload.equals(scan)).toBe(true);
    expect(errorOf(await provinceOfficer.get(`/api/cases/${c.id}/attachments/${id}`)).code).toBe(
      'CASE_CLEARANCE_REQUIRED',
    );
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
    const n = await escalateOverdueCases(ctx.deps, '2026-03-20');
    expect(n).toBeGreaterThan(0);
    expect(await escalateOverdueCases(ctx.deps, '2026-03-20')).toBe(0);
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

describe('online intake', () => {
  it('the public form records a case at the association’s top unit; a denouncer is sealed and nobody is cleared until a handler takes it', async () => {
    const pub = anonymous(ctx.app);
    const r = await pub.post('/api/public/cases', {
      association: t.code,
      type: 'denunciation',
      subject: 'Tố cáo qua cổng trực tuyến',
      content: 'Cán bộ chi hội thu tiền sai quy định.',
      sender: { fullName: 'Vũ Thị Gửi Mạng', phone: '0977123456' },
    });
    expect(r.statusCode, r.body).toBe(201);
    const receipt = r.json<{ number: string; type: string }>();
    expect(receipt.type).toBe('denunciation');
    const list = (
      await admin.get(`/api/cases?box=all&q=${encodeURIComponent(receipt.number)}`)
    ).json<{ items: CaseListItem[] }>();
    const c = (await admin.get(`/api/cases/${list.items[0]!.id}`)).json<Case>();
    expect(c).toMatchObject({
      channel: 'online',
      sealed: { count: 1, roles: ['denouncer'] },
      complainant: null,
    });
    expect(c.unit.id).toBe(t.rootId);
    expect(errorOf(await admin.get(`/api/cases/${c.id}/sealed`)).code).toBe(
      'CASE_CLEARANCE_REQUIRED',
    );
    // The first handler takes the clearance for themselves; after that only a cleared handler grants it.
    const adminId = await userIdOf(ctx.deps, t.users.admin!);
    const provinceId = await userIdOf(ctx.deps, t.users.provinceOfficer!);
    expect(
      errorOf(await admin.post(`/api/cases/${c.id}/clearances`, { userId: provinceId })).code,
    ).toBe('CASE_CLEARANCE_REQUIRED');
    expect(
      (await admin.post(`/api/cases/${c.id}/clearances`, { userId: adminId })).statusCode,
    ).toBe(200);
    expect(
      (await admin.get(`/api/cases/${c.id}/sealed`)).json<{ parties: { fullName: string }[] }>()
        .parties[0]!.fullName,
    ).toBe('Vũ Thị Gửi Mạng');
  });

  it('the public form refuses an unknown association and a sender-less letter that is not marked anonymous', async () => {
    const pub = anonymous(ctx.app);
    const base = { type: 'petition', subject: 'Kiến nghị', content: 'Nội dung' };
    expect(
      (await pub.post('/api/public/cases', { ...base, association: 'KHONG-CO' })).statusCode,
    ).toBe(404);
    const r = await pub.post('/api/public/cases', { ...base, association: t.code });
    expect(errorOf(r).code).toBe('VALIDATION_FAILED');
    expect(
      (await pub.post('/api/public/cases', { ...base, association: t.code, anonymous: true }))
        .statusCode,
    ).toBe(201);
  });

  it('a member sends a complaint from the portal; it reaches their own unit with them as complainant', async () => {
    const m = await createTestMember(ctx.deps, t, 'b1a', {
      idNumber: null,
      fullName: 'Hội Viên Gửi Đơn',
      phone: '0911222333',
    });
    const inv = await invite(ctx.deps, t, m.id);
    await acceptInvitation(ctx.deps, { token: inv.token, password: 'mat-khau-rieng-2025' });
    const member = await sessionFor(ctx.app, ctx.deps, inv.username);
    const r = await member.post('/api/portal/cases', {
      type: 'complaint',
      subject: 'Khiếu nại việc xét hội phí',
      content: 'Tôi đã nộp đủ hội phí nhưng bị ghi nợ.',
    });
    expect(r.statusCode, r.body).toBe(201);
    const list = (
      await officerA.get(
        `/api/cases?box=all&q=${encodeURIComponent(r.json<{ number: string }>().number)}`,
      )
    ).json<{ items: CaseListItem[] }>();
    const c = (await officerA.get(`/api/cases/${list.items[0]!.id}`)).json<Case>();
    expect(c.unit.id).toBe(t.units.b1a);
    expect(c.complainant).toMatchObject({ fullName: 'Hội Viên Gửi Đơn', phone: '0911222333' });
    expect(c.timeline[0]!.by).toMatch(/Cổng hội viên/);
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

describe('documents', () => {
  it('issues numbered notices as .docx without the complainant’s name for a denunciation', async () => {
    const c = await create(officerA, {
      type: 'denunciation',
      complainant: null,
      sealedParties: [DENOUNCER],
      receivedOn: '2026-03-02',
    });
    const a = await ok(officerA, c, 'accept', { acceptedOn: '2026-03-03' });
    const d1 = await officerA.post(`/api/cases/${a.id}/documents`, {
      kind: 'acceptance_notice',
      date: '2026-03-03',
    });
    expect(d1.statusCode, d1.body).toBe(201);
    const d2 = await officerA.post(`/api/cases/${a.id}/documents`, {
      kind: 'acceptance_notice',
      date: '2026-03-04',
    });
    const n1 = d1.json<{ number: string }>().number;
    const n2 = d2.json<{ number: string }>().number;
    expect(Number(n2.split('/')[0])).toBe(Number(n1.split('/')[0]) + 1);
    expect(n1).toMatch(/^\d{2,}\/TB-/);
    const file = await officerA.get(`/api/cases/${a.id}/documents/${d1.json<{ id: string }>().id}`);
    expect(file.headers['content-type']).toMatch(/wordprocessingml/);
    const text = await docxText(file.rawPayload);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain(n1);
    expect(text).not.toContain('Bí Mật');
    const none = await officerA.post(`/api/cases/${a.id}/documents`, {
      kind: 'denunciation_conclusion',
    });
    expect(errorOf(none).code).toBe('CASE_ILLEGAL_TRANSITION');
  });
});
