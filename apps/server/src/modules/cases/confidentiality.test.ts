/**
 * The denouncer's identity stays sealed: as a verifier and as officers without clearance, try
 * every GET route of the API (search, lists, exports, documents, audit, notifications…) with the
 * case's ids and the denouncer's name as the search text, and look for any sealed value in every
 * answer — JSON, .docx and .xlsx alike. Then look through every table of the database and the
 * server's own log lines.
 */
import { Writable } from 'node:stream';
import type { Case } from '@hoi/contracts';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app.js';
import { todayIn } from '../../platform/clock.js';
import { createTestContext, type TestContext } from '../../test/harness.js';
import { createTestTree, sessionFor, type Client, type TestTree } from '../../test/factories.js';
import { DENOUNCER, addDays, userIdOf } from './cases.fixtures.js';
import { findSealed, needlesOf } from './sealed-text.js';

const SPOUSE = {
  role: 'spouse' as const,
  fullName: 'Đỗ Văn Phối Ngẫu',
  phone: '0903111222',
  address: 'Thôn Đông Xá, xã Bình Minh, tỉnh Hưng Yên',
};
const NEEDLES = needlesOf([DENOUNCER, SPOUSE]);

let ctx: TestContext;
let app: FastifyInstance;
let t: TestTree;
const logLines: string[] = [];
/** The log lines of the case's life (before the sweep, whose URLs carry the name as a search). */
let lifeLog = '';
let caseId = '';
const ids: Record<string, string[]> = { attachmentId: [], documentId: [], userId: [] };

/** Text of an answer: JSON/text as is; a zip (docx, xlsx) as the text of its XML parts. */
async function textOf(res: {
  headers: Record<string, unknown>;
  rawPayload: Buffer;
}): Promise<string> {
  const buf = res.rawPayload;
  if (buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b) {
    const zip = await JSZip.loadAsync(buf);
    const parts = await Promise.all(
      Object.values(zip.files)
        .filter((f) => !f.dir && /\.(xml|rels)$/.test(f.name))
        .map((f) => f.async('string')),
    );
    return parts.join('\n').replace(/<[^>]+>/g, ' ');
  }
  return buf.toString('utf8');
}

function leaks(text: string): string[] {
  return findSealed(text, NEEDLES).map((n) => `${n.role}.${n.field}`);
}

beforeAll(async () => {
  ctx = await createTestContext();
  // A second app over the same database that logs everything at debug level into memory.
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  ({ app } = await buildApp(
    { ...ctx.deps, config: { ...ctx.deps.config, logLevel: 'debug' } },
    { serveWeb: false, logger: true, logStream: sink },
  ));
  await app.ready();
  t = await createTestTree(ctx.deps);
  const officerA = await sessionFor(app, ctx.deps, t.users.officerA!);
  const today = todayIn(ctx.deps.clock);
  const post = async (url: string, payload: unknown, c?: Case) => {
    const r = await officerA.post(url, payload, c ? { 'if-match': `"${c.version}"` } : undefined);
    expect(r.statusCode, `${url} ${r.body}`).toBeLessThan(300);
    return r.json<Case>();
  };
  // The whole life of a denunciation, recorded by the commune officer (who holds the clearance).
  let c = await post('/api/cases', {
    unitId: t.units.c1a,
    type: 'denunciation',
    channel: 'letter',
    receivedOn: today,
    subject: 'Tố cáo cán bộ chi hội thu sai quỹ',
    content: 'Nội dung tố cáo đã lược bỏ thông tin người tố cáo.',
    accused: 'Ông Lê Văn Bị Cáo, chi hội trưởng',
    sealedParties: [DENOUNCER, SPOUSE],
  });
  caseId = c.id;
  for (const identityBearing of [true, false]) {
    const up = await officerA.request({
      method: 'POST',
      url: `/api/cases/${caseId}/attachments?name=${identityBearing ? 'don-goc.pdf' : 'ban-da-xoa-danh-tinh.pdf'}&identityBearing=${identityBearing}`,
      headers: { 'content-type': 'application/pdf' },
      payload: Buffer.from(
        identityBearing
          ? `%PDF đơn của ${DENOUNCER.fullName}, ĐT ${DENOUNCER.phone}`
          : '%PDF bản đã lược bỏ',
      ),
    });
    expect(up.statusCode, up.body).toBe(201);
    ids.attachmentId!.push(up.json<{ id: string }>().id);
  }
  c = await post(`/api/cases/${caseId}/accept`, { acceptedOn: today, complexity: 'complex' }, c);
  const verifier = await userIdOf(ctx.deps, t.users.provinceOfficer!);
  ids.userId!.push(verifier);
  c = await post(`/api/cases/${caseId}/verifiers`, { userId: verifier }, c);
  c = await post(
    `/api/cases/${caseId}/records`,
    { kind: 'minutes', on: today, text: 'Làm việc với người bị tố cáo' },
    c,
  );
  c = await post(
    `/api/cases/${caseId}/extensions`,
    { days: 30, decisionNumber: '09/QĐ-GH', decidedOn: today, reason: 'Cần xác minh thêm' },
    c,
  );
  c = await post(
    `/api/cases/${caseId}/conclude`,
    { concludedOn: today, findings: 'Thu sai 2 khoản', conclusion: 'Tố cáo đúng một phần' },
    c,
  );
  await post(
    `/api/cases/${caseId}/publish`,
    {
      from: today,
      until: addDays(today, 15),
      place: 'Trụ sở hội',
      text: 'Tố cáo đúng một phần; đã kiểm điểm.',
    },
    c,
  );
  for (const kind of [
    'acceptance_notice',
    'extension_decision',
    'denunciation_conclusion',
    'publication_notice',
  ]) {
    const d = await officerA.post(`/api/cases/${caseId}/documents`, { kind });
    expect(d.statusCode, d.body).toBe(201);
    ids.documentId!.push(d.json<{ id: string }>().id);
  }
  // The recording officer reads the identity once (allowed, audited): this must leave no value behind.
  expect((await officerA.get(`/api/cases/${caseId}/sealed`)).statusCode).toBe(200);
  lifeLog = logLines.join('\n');
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

/** Every GET route with its parameters filled in every way we know, and a search for the denouncer. */
function urls(): string[] {
  const q = new URLSearchParams({
    q: DENOUNCER.fullName,
    search: DENOUNCER.fullName,
    box: 'all',
    year: '2026',
    format: 'xlsx',
  }).toString();
  const out: string[] = [];
  for (const r of ctx.routes) {
    if (
      r.method !== 'GET' ||
      r.url.startsWith('/api/docs') ||
      r.url === '/*' ||
      r.url === '/api/audit'
    )
      continue;
    let variants = [r.url.replace(':id', caseId)];
    for (const [param, values] of Object.entries(ids)) {
      if (!r.url.includes(`:${param}`)) continue;
      variants = variants.flatMap((u) => values.map((v) => u.replace(`:${param}`, v)));
    }
    for (const u of variants) out.push(u.includes(':') ? u : `${u}?${q}`);
  }
  return out;
}

describe('sealed identity never leaves the seal', () => {
  it('the verifier is told why, specifically', async () => {
    const verifier = await sessionFor(app, ctx.deps, t.users.provinceOfficer!);
    const r = await verifier.get(`/api/cases/${caseId}/sealed`);
    expect(r.json<{ error: { code: string } }>().error.code).toBe('CASE_SEALED_VERIFIER');
  });

  it('no table of the database holds a sealed value in clear', async () => {
    // Other test files may share the database (PostgreSQL lane) and use the same fixture names in
    // cases that are not sealed: rows of other associations are theirs, not this case's.
    const tables = await sql<{ name: string; tenant: boolean }>`
      select t.table_name as name,
             exists (select 1 from information_schema.columns c
                      where c.table_schema = 'public' and c.table_name = t.table_name
                        and c.column_name = 'association_id') as tenant
        from information_schema.tables t
       where t.table_schema = 'public' and t.table_type = 'BASE TABLE'`.execute(ctx.deps.db.system);
    const found: string[] = [];
    for (const { name, tenant } of tables.rows) {
      const rows = await sql<{ j: string }>`
        select row_to_json(x)::text as j from ${sql.table(name)} x
         where ${tenant ? sql`x.association_id is null or x.association_id = ${t.associationId}` : sql`true`}`.execute(
        ctx.deps.db.system,
      );
      for (const { j } of rows.rows) {
        // bytea comes out as hex: decode it so plaintext bytes would show.
        const decoded = j.replace(/\\\\x([0-9a-f]+)/g, (_m, hex: string) =>
          Buffer.from(hex, 'hex').toString('utf8'),
        );
        const hits = leaks(decoded);
        if (hits.length > 0) found.push(`${name}: ${hits.join(', ')}`);
      }
    }
    expect(found).toEqual([]);
    expect(tables.rows.map((r) => r.name)).toContain('case_sealed');
  });

  it('the server’s log lines carry no sealed value', () => {
    expect(lifeLog.split('\n').length).toBeGreaterThan(20);
    expect(leaks(lifeLog)).toEqual([]);
  });

  it('the audit log, read by an administrator, shows no sealed value', async () => {
    const admin = await sessionFor(app, ctx.deps, t.users.admin!);
    const r = await admin.get('/api/audit?limit=200');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.body).toContain('case.sealed.read');
    expect(leaks(r.body)).toEqual([]);
  });

  // The sweeps search for the denouncer's name: exports record the filters they were given in the
  // audit log, so the checks of the database and the audit log above run before them.
  for (const persona of [
    'verifier',
    'adminWithoutClearance',
    'officerOtherProvince',
    'member',
  ] as const) {
    it(`every GET route as ${persona}`, async () => {
      const username = {
        verifier: t.users.provinceOfficer!,
        adminWithoutClearance: t.users.admin!,
        officerOtherProvince: t.users.officerB!,
        member: t.users.member!,
      }[persona];
      const client: Client = await sessionFor(app, ctx.deps, username);
      const found: string[] = [];
      const list = urls();
      expect(list.length).toBeGreaterThan(40);
      for (const url of list) {
        const res = await client.get(url);
        const hits = leaks(await textOf(res));
        if (hits.length > 0) found.push(`${url} → ${res.statusCode} ${hits.join(', ')}`);
      }
      expect(found).toEqual([]);
      // The sealed routes themselves answer with a refusal, not the identity.
      const sealed = await client.get(`/api/cases/${caseId}/sealed`);
      expect(sealed.statusCode).toBeGreaterThanOrEqual(403);
      const scan = await client.get(`/api/cases/${caseId}/attachments/${ids.attachmentId![0]}`);
      expect(scan.statusCode).toBeGreaterThanOrEqual(403);
    });
  }
});
