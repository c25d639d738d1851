import { docxText } from '../../documents/docx-text.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testClock, type TestContext } from '../../test/harness.js';
import {
  createTestMember,
  createTestTree,
  sessionFor,
  type Client,
  type TestTree,
} from '../../test/factories.js';
import { DEFAULT_TEMPLATE } from './defaults.js';

/** Friday 20 November 2026, 10:00 in Vietnam: November's period (15/10–14/11) has ended. */
const clock = testClock(new Date('2026-11-20T03:00:00Z'));
let ctx: TestContext;
let t: TestTree;
let admin: Client;
let officerA: Client;
let officerB: Client;
let province: Client;
let templateId: string;

const PERIOD = '2026-M11';
const put = (c: Client, url: string, payload: unknown, version: number) =>
  c.request({
    method: 'PUT',
    url,
    payload: payload as object,
    headers: { 'if-match': `"${version}"` },
  });
const act = (c: Client, id: string, action: string, version: number, comment?: string) =>
  c.post(`/api/reports/${id}/${action}`, comment ? { comment } : {}, {
    'if-match': `"${version}"`,
  });
const open = async (c: Client, unitKey: string, tpl = templateId, period = PERIOD) => {
  const r = await c.post('/api/reports', { templateId: tpl, period, unitId: t.units[unitKey] });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

beforeAll(async () => {
  ctx = await createTestContext({ clock });
  t = await createTestTree(ctx.deps, { founded: '2020-01-01' });
  const session = (k: string) => sessionFor(ctx.app, ctx.deps, t.users[k]!);
  admin = await session('admin');
  officerA = await session('officerA');
  officerB = await session('officerB');
  province = await session('provinceOfficer');
  await createTestMember(ctx.deps, t, 'b1a', {
    idNumber: null,
    phone: '0987650001',
    gender: 'female',
  });
  await createTestMember(ctx.deps, t, 'b1a', {
    idNumber: null,
    phone: '0987650002',
    gender: 'male',
  });
  await createTestMember(ctx.deps, t, 'c1b', {
    idNumber: null,
    phone: '0987650003',
    gender: 'female',
  });
  const r = await officerA.get('/api/reports/templates');
  expect(r.statusCode, r.body).toBe(200);
  templateId = r.json().items.find((x: { code: string }) => x.code === DEFAULT_TEMPLATE.code).id;
});
afterAll(async () => ctx.close());

describe('periods and templates', () => {
  it('lists the template’s periods with Decree 09 cut-offs', async () => {
    const r = await officerA.get(`/api/reports/periods?templateId=${templateId}&year=2026`);
    const nov = r.json().items.find((p: { key: string }) => p.key === PERIOD);
    expect(nov).toMatchObject({
      from: '2026-10-15',
      to: '2026-11-14',
      label: { vi: 'Tháng 11/2026' },
    });
  });

  it('refuses a template naming an unknown indicator or a malformed rule, and a non-admin', async () => {
    const bad = {
      ...DEFAULT_TEMPLATE,
      code: 'BAD',
      sections: [
        {
          key: 'a',
          title: { vi: 'A', en: 'A' },
          taskArea: 1,
          indicators: ['khong.ton_tai'],
          narrative: false,
        },
      ],
      rules: [],
    };
    const r = await admin.post('/api/reports/templates', bad);
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('TEMPLATE_INVALID');
    const rule = {
      ...DEFAULT_TEMPLATE,
      code: 'BAD2',
      rules: [{ ...DEFAULT_TEMPLATE.rules[0]!, left: 'members.admitted +' }],
    };
    expect((await admin.post('/api/reports/templates', rule)).json().error.code).toBe(
      'TEMPLATE_INVALID',
    );
    expect(
      (await officerA.post('/api/reports/templates', { ...DEFAULT_TEMPLATE, code: 'X' }))
        .statusCode,
    ).toBe(403);
  });
});

describe('a commune report', () => {
  it('opens with automatic values from the registry, as of the period', async () => {
    const rep = await open(officerA, 'c1a');
    expect(rep).toMatchObject({
      status: 'draft',
      version: 1,
      dueDate: '2026-11-20',
      timeliness: 'pending',
    });
    expect(rep.values['members.active']).toBe(2);
    expect(rep.values['members.active|sex:female']).toBe(1);
    expect(rep.values['propaganda.sessions']).toBeNull();
    // Opening again returns the same report.
    expect((await open(officerA, 'c1a')).id).toBe(rep.id);
    // Out of scope: another province's officer does not see it exist.
    expect((await officerB.get(`/api/reports/${rep.id}`)).statusCode).toBe(404);
    expect(
      (await officerB.post('/api/reports', { templateId, period: PERIOD, unitId: t.units.c1a }))
        .statusCode,
    ).toBe(404);
  });

  it('rejects bad values, a bad period and a stale version, changing nothing', async () => {
    const rep = await open(officerA, 'c1a');
    const cases: [Record<string, unknown>, string][] = [
      [{ values: { 'propaganda.sessions': -1 } }, 'REPORT_VALUE_INVALID'],
      [{ values: { 'propaganda.sessions': 1.5 } }, 'REPORT_VALUE_INVALID'],
      [{ values: { 'members.active': 10 } }, 'REPORT_VALUE_INVALID'],
      [{ values: { 'khong.co': 1 } }, 'REPORT_VALUE_INVALID'],
      [{ values: { 'emulation.strong_branches_rate': 101 } }, 'REPORT_VALUE_INVALID'],
      [{ texts: { khong_co: 'x' } }, 'REPORT_VALUE_INVALID'],
      [{ values: { 'propaganda.sessions': 'ba' } }, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of cases) {
      const r = await put(officerA, `/api/reports/${rep.id}/values`, body, rep.version);
      expect(r.json().error?.code, JSON.stringify(body)).toBe(code);
    }
    expect(
      (
        await put(
          officerA,
          `/api/reports/${rep.id}/values`,
          { values: { 'propaganda.sessions': 2 } },
          rep.version + 5,
        )
      ).json().error.code,
    ).toBe('STALE_VERSION');
    expect(
      (await officerA.post('/api/reports', { templateId, period: '2026-M13', unitId: t.units.c1a }))
        .statusCode,
    ).toBe(400);
    const after = (await officerA.get(`/api/reports/${rep.id}`)).json();
    expect(after.version).toBe(rep.version);
    expect(after.values['propaganda.sessions']).toBeNull();
  });

  it('goes draft → submitted → returned → submitted → approved → accepted → locked, each step by the right level', async () => {
    let rep = await open(officerA, 'c1a');
    const r = await put(
      officerA,
      `/api/reports/${rep.id}/values`,
      {
        values: { 'propaganda.sessions': 3, 'propaganda.attendance': 120 },
        texts: { tuyen_truyen: 'Tổ chức 3 buổi học tập nghị quyết.' },
      },
      rep.version,
    );
    expect(r.statusCode, r.body).toBe(200);
    rep = r.json();
    expect(rep.values['propaganda.sessions']).toBe(3);
    // Who may not: the unit cannot approve itself, the province cannot accept its own approval.
    rep = (await act(officerA, rep.id, 'submit', rep.version)).json();
    expect(rep.status).toBe('submitted');
    expect(rep.timeliness).toBe('on_time');
    expect((await act(officerA, rep.id, 'approve', rep.version)).statusCode).toBe(403);
    expect(
      (
        await put(
          officerA,
          `/api/reports/${rep.id}/values`,
          { values: { 'propaganda.sessions': 4 } },
          rep.version,
        )
      ).json().error.code,
    ).toBe('REPORT_NOT_EDITABLE');
    expect((await act(province, rep.id, 'return', rep.version)).json().error.code).toBe(
      'REPORT_COMMENT_REQUIRED',
    );
    rep = (await act(province, rep.id, 'return', rep.version, 'Bổ sung số lượt tham dự')).json();
    expect(rep).toMatchObject({ status: 'returned', returnComment: 'Bổ sung số lượt tham dự' });
    rep = (
      await put(
        officerA,
        `/api/reports/${rep.id}/values`,
        { values: { 'propaganda.attendance': 150 } },
        rep.version,
      )
    ).json();
    rep = (await act(officerA, rep.id, 'submit', rep.version)).json();
    expect(rep.returnComment).toBeNull();
    expect((await act(province, rep.id, 'accept', rep.version)).json().error.code).toBe(
      'REPORT_ILLEGAL_TRANSITION',
    );
    rep = (await act(province, rep.id, 'approve', rep.version)).json();
    expect(rep.status).toBe('approved');
    // Un-approval by the approver puts it back; approve again.
    rep = (await act(province, rep.id, 'unapprove', rep.version)).json();
    expect(rep.status).toBe('submitted');
    rep = (await act(province, rep.id, 'approve', rep.version)).json();
    expect((await act(province, rep.id, 'accept', rep.version)).statusCode).toBe(403);
    rep = (await act(admin, rep.id, 'accept', rep.version)).json();
    expect(rep.status).toBe('accepted');
    rep = (await act(admin, rep.id, 'lock', rep.version)).json();
    expect(rep.status).toBe('locked');
    expect(
      (
        await put(
          officerA,
          `/api/reports/${rep.id}/values`,
          { values: { 'propaganda.sessions': 9 } },
          rep.version,
        )
      ).json().error.code,
    ).toBe('REPORT_NOT_EDITABLE');
    expect((await act(province, rep.id, 'unapprove', rep.version)).json().error.code).toBe(
      'REPORT_ILLEGAL_TRANSITION',
    );
    expect(rep.events.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'submit',
      'return',
      'submit',
      'approve',
      'unapprove',
      'approve',
      'accept',
      'lock',
    ]);
    // Every value change is in the audit log.
    const audit = await ctx.deps.db.system
      .selectFrom('auditLog')
      .select(sql<string>`after::text`.as('after'))
      .where('entityId', '=', rep.id)
      .where('action', '=', 'report.values')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => JSON.parse(a.after))).toEqual([
      {
        'propaganda.sessions': 3,
        'propaganda.attendance': 120,
        tuyen_truyen: 'Tổ chức 3 buổi học tập nghị quyết.',
      },
      { 'propaganda.attendance': 150 },
    ]);
  });

  it('the province sees its children, the roll-up of approved ones and its own mismatches', async () => {
    const list = (
      await province.get(
        `/api/reports?templateId=${templateId}&period=${PERIOD}&unitId=${t.units.p1}`,
      )
    ).json();
    expect(
      list.children.map((c: { unit: { name: string }; status: string }) => [c.unit.name, c.status]),
    ).toEqual([
      ['Xã Đông Hưng', 'locked'],
      ['Xã Tây Sơn', 'missing'],
    ]);
    expect(list.completeness).toMatchObject({
      expected: 2,
      submitted: 1,
      approved: 1,
      onTime: 1,
      late: 0,
      missing: 1,
    });
    let own = await open(province, 'p1');
    expect(own.values['members.active']).toBe(3);
    expect(own.rollup).toMatchObject({ childrenExpected: 2, childrenApproved: 1 });
    expect(own.rollup.values['members.active']).toBe(2);
    expect(own.rollup.values['propaganda.attendance']).toBe(150);
    own = (
      await put(
        province,
        `/api/reports/${own.id}/values`,
        { values: { 'propaganda.attendance': 150, 'propaganda.sessions': 5 } },
        own.version,
      )
    ).json();
    expect(own.rollup.mismatches).toContain('members.active');
    expect(own.rollup.mismatches).toContain('propaganda.sessions');
    expect(own.rollup.mismatches).not.toContain('propaganda.attendance');
  });

  it('a blocking rule stops the submission; a warning does not', async () => {
    const body = {
      ...DEFAULT_TEMPLATE,
      code: 'BC-CHAT',
      hideUnapproved: true,
      rules: [
        {
          code: 'att',
          left: 'propaganda.attendance',
          operator: '>=',
          right: 'propaganda.sessions * 10',
          severity: 'blocking',
          message: { vi: 'Ít nhất 10 lượt mỗi buổi', en: 'At least 10 per session' },
        },
      ],
    };
    const created = await admin.post('/api/reports/templates', body);
    expect(created.statusCode, created.body).toBe(201);
    const tpl = created.json().id;
    let rep = await open(officerA, 'b1a', tpl);
    rep = (
      await put(
        officerA,
        `/api/reports/${rep.id}/values`,
        { values: { 'propaganda.sessions': 2, 'propaganda.attendance': 5 } },
        rep.version,
      )
    ).json();
    expect(rep.validation).toEqual([
      expect.objectContaining({ code: 'att', ok: false, left: 5, right: 20 }),
    ]);
    const blocked = await act(officerA, rep.id, 'submit', rep.version);
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().error.code).toBe('REPORT_BLOCKING_ERRORS');
    rep = (
      await put(
        officerA,
        `/api/reports/${rep.id}/values`,
        { values: { 'propaganda.attendance': 25 } },
        rep.version,
      )
    ).json();
    rep = (await act(officerA, rep.id, 'submit', rep.version)).json();
    expect(rep.status).toBe('submitted');
    // Hidden from levels above the approver (the commune) until approved.
    const fromProvince = (await province.get(`/api/reports/${rep.id}`)).json();
    expect(fromProvince.valuesHidden).toBe(true);
    expect(fromProvince.values['propaganda.attendance']).toBeNull();
    rep = (await act(officerA, rep.id, 'approve', rep.version)).json();
    expect(rep.status).toBe('approved');
    expect(
      (await province.get(`/api/reports/${rep.id}`)).json().values['propaganda.attendance'],
    ).toBe(25);
  });
});

describe('briefing', () => {
  it('the dashboard shows the children’s timeliness and the approved roll-up over the trend', async () => {
    const r = await admin.get(
      `/api/reports/dashboard?templateId=${templateId}&period=${PERIOD}&unitId=${t.units.p1}&trend=3`,
    );
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json();
    expect(d.periods.map((p: { key: string }) => p.key)).toEqual([
      '2026-M09',
      '2026-M10',
      '2026-M11',
    ]);
    const row = d.heatmap.find((h: { unit: { id: string } }) => h.unit.id === t.units.c1a);
    expect(row.cells.at(-1)).toEqual({ status: 'locked', timeliness: 'on_time' });
    expect(row.cells[0]).toEqual({ status: 'missing', timeliness: 'overdue' });
    expect(
      d.indicators.find((i: { code: string }) => i.code === 'propaganda.attendance').values,
    ).toEqual([null, null, 150]);
    expect(d.completeness).toMatchObject({ expected: 2, approved: 1, onTime: 1 });
  });

  it('the oversight body sees the associations’ approved top-level values only', async () => {
    const ov = await sessionFor(ctx.app, ctx.deps, t.oversight.username);
    let root = await open(admin, 'root');
    const before = (
      await ov.get(`/api/oversight/briefing?templateCode=BC-DINHKY&period=${PERIOD}`)
    ).json();
    expect(before.associations).toEqual([
      expect.objectContaining({ code: t.code, status: 'draft', values: {} }),
    ]);
    root = (await act(admin, root.id, 'submit', root.version)).json();
    root = (await act(admin, root.id, 'approve', root.version)).json();
    expect(root.status).toBe('approved');
    const after = (
      await ov.get(`/api/oversight/briefing?templateCode=BC-DINHKY&period=${PERIOD}`)
    ).json();
    expect(after.associations[0].values['members.active']).toBe(3);
    // And nothing else of the association.
    for (const url of [
      `/api/reports/${root.id}`,
      `/api/reports?templateId=${templateId}&period=${PERIOD}`,
      '/api/members',
    ]) {
      expect([403, 404]).toContain((await ov.get(url)).statusCode);
    }
  });

  it('exports the report as .docx and .xlsx', async () => {
    const rep = await open(officerA, 'c1a');
    const docx = await officerA.get(`/api/reports/${rep.id}/document?format=docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const xlsx = await officerA.get(`/api/reports/${rep.id}/document?format=xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const signed = await officerA.get(
      `/api/reports/${rep.id}/document?format=docx&signerName=${encodeURIComponent('Lê Văn Cường')}&signerTitle=${encodeURIComponent('Chủ tịch')}`,
    );
    expect(signed.statusCode).toBe(200);
    expect(await docxText(signed.rawPayload)).toContain('Lê Văn Cường');
    const long = await officerA.get(
      `/api/reports/${rep.id}/document?format=docx&signerName=${'x'.repeat(101)}`,
    );
    expect(long.statusCode).toBe(400);
  });
});
