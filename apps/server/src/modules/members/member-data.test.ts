import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/engine.js';
import { createTestContext, type TestContext } from '../../test/harness.js';
import {
  anonymous,
  createTestMember,
  createTestTree,
  sessionFor,
  type Client,
  type TestTree,
} from '../../test/factories.js';
import { cardTokenOf, givePhoto, TINY_JPEG_HEAD, TINY_PNG } from '../portal/portal.fixtures.js';
import { cardDataOf } from './member-data.service.js';
import { findMembership } from './members.repo.js';

let ctx: TestContext;
let t: TestTree;
let admin: Client;
let officerA: Client;
let officerB: Client;
let viewer: Client;

beforeAll(async () => {
  ctx = await createTestContext();
  t = await createTestTree(ctx.deps);
  admin = await sessionFor(ctx.app, ctx.deps, t.users.admin!);
  officerA = await sessionFor(ctx.app, ctx.deps, t.users.officerA!);
  officerB = await sessionFor(ctx.app, ctx.deps, t.users.officerB!);
  viewer = await sessionFor(ctx.app, ctx.deps, t.users.viewer!);
});
afterAll(async () => ctx.close());

const member = (fullName = 'Phạm Thị Lan') =>
  createTestMember(ctx.deps, t, 'b1a', { idNumber: null, fullName, gender: 'female' });

const put = (c: Client, url: string, payload: unknown, headers?: Record<string, string>) =>
  c.request({ method: 'PUT', url, payload: payload as object, ...(headers ? { headers } : {}) });

async function auditOf(entityId: string) {
  return ctx.deps.db.system
    .selectFrom('auditLog')
    .select(['action', 'before', 'after'])
    .where('entityId', '=', entityId)
    .orderBy('seq')
    .execute();
}

describe('protected personal data', () => {
  const secret = {
    ethnicityCode: '05',
    religionCode: '02',
    partyMember: true,
    partyJoinedOn: '1975-05-19',
    healthNotes: 'Tiểu đường, cần đưa đón khi sinh hoạt',
  };

  it('is written and read by a holder of member.sensitive.read; every read is audited without values', async () => {
    const m = await member();
    const empty = await admin.get(`/api/members/${m.id}/sensitive`);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toEqual({
      ethnicityCode: null,
      religionCode: null,
      partyMember: null,
      partyJoinedOn: null,
      healthNotes: null,
      updatedAt: null,
    });
    const saved = await put(admin, `/api/members/${m.id}/sensitive`, secret);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject(secret);
    const read = await admin.get(`/api/members/${m.id}/sensitive`);
    expect(read.json()).toMatchObject(secret);
    expect(read.headers['cache-control']).toContain('no-store');

    const audit = await auditOf(m.id);
    expect(audit.filter((a) => a.action === 'member.sensitive.read')).toHaveLength(2);
    const update = audit.find((a) => a.action === 'member.sensitive.update');
    expect(update?.after).toEqual({ fields: Object.keys(secret) });
    const json = JSON.stringify(audit);
    for (const value of ['Tiểu đường', '1975-05-19', '"05"', '"02"'])
      expect(json).not.toContain(value);

    const timeline = await officerA.get(`/api/members/${m.id}/timeline`);
    const event = timeline
      .json()
      .items.find((e: { kind: string }) => e.kind === 'sensitive_updated');
    expect(event.details).toEqual({ fields: Object.keys(secret) });
    expect(JSON.stringify(timeline.json())).not.toContain('Tiểu đường');
  });

  it('changes only the fields sent and records only real changes', async () => {
    const m = await member();
    await put(admin, `/api/members/${m.id}/sensitive`, secret);
    const r = await put(admin, `/api/members/${m.id}/sensitive`, {
      healthNotes: null,
      ethnicityCode: '05',
    });
    expect(r.json()).toMatchObject({ ...secret, healthNotes: null });
    const updates = (await auditOf(m.id)).filter((a) => a.action === 'member.sensitive.update');
    expect(updates.map((a) => a.after)).toEqual([
      { fields: Object.keys(secret) },
      { fields: ['healthNotes'] },
    ]);
  });

  it('is refused to officers and viewers without member.sensitive.read, and validated', async () => {
    const m = await member();
    for (const c of [officerA, viewer, officerB]) {
      expect((await c.get(`/api/members/${m.id}/sensitive`)).statusCode).toBe(403);
      expect((await put(c, `/api/members/${m.id}/sensitive`, secret)).statusCode).toBe(403);
    }
    expect((await anonymous(ctx.app).get(`/api/members/${m.id}/sensitive`)).statusCode).toBe(401);
    const bad = await put(admin, `/api/members/${m.id}/sensitive`, { ethnicityCode: '77' });
    expect(bad.statusCode).toBe(400);
    expect((await auditOf(m.id)).map((a) => a.action)).not.toContain('member.sensitive.read');
  });

  it('never appears in the member record or the list', async () => {
    const m = await member('Vũ Thị Kín Đáo');
    await put(admin, `/api/members/${m.id}/sensitive`, secret);
    const rec = await admin.get(`/api/members/${m.id}`);
    const list = await admin.get('/api/members?q=vu%20thi%20kin');
    for (const body of [rec.body, list.body]) {
      expect(body).not.toContain('Tiểu đường');
      expect(body).not.toContain('ethnicity');
    }
  });
});

describe('consents', () => {
  it('are "not asked" (null) for every purpose until recorded; a withdrawal is a new row', async () => {
    const m = await member();
    const initial = await officerA.get(`/api/members/${m.id}/consents`);
    expect(initial.statusCode).toBe(200);
    expect(initial.json().items).toHaveLength(6);
    for (const c of initial.json().items) expect(c).toMatchObject({ granted: null, source: null });

    const granted = await put(officerA, `/api/members/${m.id}/consents`, {
      consents: [
        { purpose: 'photo_on_card', granted: true },
        { purpose: 'contact_sms', granted: true },
      ],
      evidence: 'Phiếu đồng ý ký ngày 02/03/2025',
    });
    expect(granted.statusCode, granted.body).toBe(200);
    const byPurpose = (items: { purpose: string }[]) =>
      Object.fromEntries(items.map((i) => [i.purpose, i]));
    expect(byPurpose(granted.json().items)).toMatchObject({
      photo_on_card: { granted: true, source: 'officer' },
      contact_sms: { granted: true, source: 'officer' },
      sensitive_data: { granted: null },
    });

    const withdrawn = await put(officerA, `/api/members/${m.id}/consents`, {
      consents: [{ purpose: 'contact_sms', granted: false }],
    });
    expect(byPurpose(withdrawn.json().items)).toMatchObject({
      photo_on_card: { granted: true },
      contact_sms: { granted: false, source: 'officer' },
    });
    const rows = await ctx.deps.db.system
      .selectFrom('memberConsents')
      .select(['purpose', 'granted'])
      .where('membershipId', '=', m.id)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { purpose: 'photo_on_card', granted: true },
      { purpose: 'contact_sms', granted: true },
      { purpose: 'contact_sms', granted: false },
    ]);
    const kinds = (await officerA.get(`/api/members/${m.id}/timeline`))
      .json()
      .items.map((e: { kind: string }) => e.kind);
    expect(kinds.filter((k: string) => k === 'consent_changed')).toHaveLength(2);
    expect((await auditOf(m.id)).map((a) => a.action)).toContain('member.consent.update');
  });

  it('refuses a purpose stated twice, and other communes', async () => {
    const m = await member();
    const dup = await put(officerA, `/api/members/${m.id}/consents`, {
      consents: [
        { purpose: 'contact_sms', granted: true },
        { purpose: 'contact_sms', granted: false },
      ],
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.code).toBe('VALIDATION_FAILED');
    const other = await put(officerB, `/api/members/${m.id}/consents`, {
      consents: [{ purpose: 'contact_sms', granted: true }],
    });
    expect(other.statusCode).toBe(404);
  });
});

describe('photo', () => {
  const upload = (id: string, body: Buffer | string, type: string) =>
    put(officerA, `/api/members/${id}/photo`, body, { 'content-type': type });

  it('accepts a PNG or JPEG whose bytes match its type and serves it privately', async () => {
    const m = await member();
    const ok = await upload(m.id, TINY_PNG, 'image/png');
    expect(ok.statusCode, ok.body).toBe(200);
    const got = await officerA.get(`/api/members/${m.id}/photo`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['cache-control']).toBe('private');
    expect(Buffer.compare(got.rawPayload, TINY_PNG)).toBe(0);
    const rec = (await officerA.get(`/api/members/${m.id}`)).json();
    expect(rec.hasPhoto).toBe(true);
    expect(rec.version).toBeGreaterThan(m.version);

    expect((await upload(m.id, TINY_JPEG_HEAD, 'image/jpeg')).statusCode).toBe(200);
    const jpeg = await officerA.get(`/api/members/${m.id}/photo`);
    expect(jpeg.headers['content-type']).toBe('image/jpeg');
    expect((await officerB.get(`/api/members/${m.id}/photo`)).statusCode).toBe(404);
  });

  it('refuses other content, a mismatched type, other media types and more than 2 MB', async () => {
    const m = await member();
    const cases: [Buffer | string, string, string][] = [
      [TINY_PNG, 'image/jpeg', 'content'],
      [Buffer.from('not an image at all, just text'), 'image/png', 'content'],
      [Buffer.from('GIF89a...'), 'image/gif', 'type'],
      [Buffer.concat([TINY_PNG, Buffer.alloc(2 * 1024 * 1024)]), 'image/png', 'too_large'],
    ];
    for (const [body, type, reason] of cases) {
      const r = await upload(m.id, body, type);
      expect(r.statusCode, `${type} ${reason}: ${r.body}`).toBe(422);
      expect(r.json().error).toMatchObject({ code: 'PHOTO_INVALID', details: { reason } });
    }
    const json = await put(officerA, `/api/members/${m.id}/photo`, { photo: 'x' });
    expect(json.json().error.code).toBe('PHOTO_INVALID');
    expect((await officerA.get(`/api/members/${m.id}/photo`)).statusCode).toBe(404);
  });
});

describe('member card', () => {
  it('is a PDF or PNG download for an active member', async () => {
    const m = await member();
    const pdf = await officerA.get(`/api/members/${m.id}/card?format=pdf`);
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(
      `attachment; filename="the-hoi-vien-${m.memberNumber}.pdf"`,
    );
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const png = await officerA.get(`/api/members/${m.id}/card?format=png`);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['content-disposition']).toContain(`the-hoi-vien-${m.memberNumber}.png`);
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect((await officerB.get(`/api/members/${m.id}/card`)).statusCode).toBe(404);
  });

  it('is refused for a member who is no longer active', async () => {
    const m = await member();
    const died = await officerA.post(
      `/api/members/${m.id}/transitions`,
      { action: 'decease', effectiveDate: '2025-01-10' },
      { 'if-match': `"${m.version}"` },
    );
    expect(died.statusCode, died.body).toBe(200);
    const r = await officerA.get(`/api/members/${m.id}/card?format=pdf`);
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('MEMBER_NOT_ACTIVE');
  });

  it('prints the photo only while the photo_on_card consent is granted (silence is not consent)', async () => {
    const m = await member();
    await givePhoto(ctx.deps, t, m.id);
    const data = () =>
      inTenant(ctx.deps.db.app, t.associationId, async (tx) =>
        cardDataOf(tx, (await findMembership(tx, m.id))!, 'https://hoi.example'),
      );
    const silent = await data();
    expect(silent.photo).toBeNull();
    expect(silent).toMatchObject({
      categoryLabel: 'Hội viên chính thức',
      joinedOn: '2024-03-15',
      birthDate: '1950-04-12',
      verifyUrl: `https://hoi.example/verify/${await cardTokenOf(ctx.deps, m.id)}`,
    });
    const consent = (granted: boolean) =>
      put(officerA, `/api/members/${m.id}/consents`, {
        consents: [{ purpose: 'photo_on_card', granted }],
      });
    await consent(true);
    expect((await data()).photo?.mime).toBe('image/png');
    await consent(false);
    expect((await data()).photo).toBeNull();
  });
});

describe('card verification', () => {
  it('shows only name, association, unit and status to anyone, by the token on the card', async () => {
    const m = await member('Hoàng Văn Thẻ');
    const token = await cardTokenOf(ctx.deps, m.id);
    const r = await anonymous(ctx.app).get(`/api/verify/${token}`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      fullName: 'Hoàng Văn Thẻ',
      associationName: expect.stringContaining('Hội thử'),
      unitName: 'Chi hội Thôn 1',
      status: 'active',
      statusName: { vi: 'Đang sinh hoạt', en: 'Active' },
    });
    const unknown = await anonymous(ctx.app).get('/api/verify/no-such-token-anywhere');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
  });
});
