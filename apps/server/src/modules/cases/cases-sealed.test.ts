/**
 * Cases where the sealed identity matters (publication, clearance, verifiers, emergency access,
 * sealed scans, online intake) and the documents issued for them.
 */
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
import { DENOUNCER, userIdOf } from './cases.fixtures.js';
import { caseApi, errorOf } from './cases.test-support.js';
import { docxText } from '../../documents/docx-text.js';

const clock = testClock(new Date('2026-03-20T03:00:00Z')); // Friday 20/03/2026, 10:00 in Hà Nội
let ctx: TestContext;
let t: TestTree;
let admin: Client;
let officerA: Client;
let provinceOfficer: Client;

beforeAll(async () => {
  ctx = await createTestContext({ clock });
  t = await createTestTree(ctx.deps);
  admin = await sessionFor(ctx.app, ctx.deps, t.users.admin!);
  officerA = await sessionFor(ctx.app, ctx.deps, t.users.officerA!);
  provinceOfficer = await sessionFor(ctx.app, ctx.deps, t.users.provinceOfficer!);
});
afterAll(async () => ctx.close());

const { body, create, act, ok } = caseApi(() => t);

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
