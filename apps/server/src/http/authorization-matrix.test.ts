/**
 * The authorization matrix: every registered route × every persona → the expected outcome.
 * A route registered without an entry here fails the suite, so no route ships undeclared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../platform/ids.js';
import { createTestContext, type TestContext } from '../test/harness.js';
import {
  anonymous,
  createTestTree,
  ensureTestAdminUnits,
  sessionFor,
  TEST_PASSWORD,
  type Client,
  type TestTree,
} from '../test/factories.js';
import {
  ADMIN_ONLY,
  ANY_USER,
  makeHelpers,
  OFFICERS,
  PERSONAS,
  PUBLIC_ALL,
  SCOPED,
  type Entry,
  type MatrixEnv,
  type Persona,
} from '../test/matrix.js';
import { casesMatrix } from '../modules/cases/cases.matrix.js';
import { reportsMatrix } from '../modules/reports/reports.matrix.js';
import { duesMatrix } from '../modules/dues/dues.matrix.js';
import { importsMatrix } from '../modules/imports/imports.matrix.js';
import { membersMatrix } from '../modules/members/members.matrix.js';
import { portalMatrix } from '../modules/portal/portal.matrix.js';
import { transfersMatrix } from '../modules/transfers/transfers.matrix.js';

let ctx: TestContext;
let t: TestTree;
const env: MatrixEnv = { ctx: () => ctx, tree: () => t };
const helpers = makeHelpers(env);
const u = () => t.units;
let seq = 1000;

const CORE: Record<string, Entry> = {
  'GET /api/health': {
    request: async () => ({ method: 'GET', url: '/api/health' }),
    expect: PUBLIC_ALL(200),
  },
  'GET /api/openapi.json': {
    request: async () => ({ method: 'GET', url: '/api/openapi.json' }),
    expect: PUBLIC_ALL(200),
  },
  'POST /api/auth/login': {
    request: async () => ({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `nobody-${newId()}`, password: 'wrong-password' },
    }),
    expect: PUBLIC_ALL([401, 'INVALID_CREDENTIALS']),
  },
  'POST /api/auth/logout': {
    request: async () => ({ method: 'POST', url: '/api/auth/logout' }),
    expect: ANY_USER(200),
  },
  'GET /api/me': {
    request: async () => ({ method: 'GET', url: '/api/me' }),
    expect: ANY_USER(200),
  },
  'POST /api/me/password': {
    request: async () => ({
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: 'not-the-password', newPassword: 'another-password-1' },
    }),
    expect: { ...ANY_USER([422, 'PASSWORD_MISMATCH']), anonymous: [401, 'UNAUTHENTICATED'] },
  },
  'POST /api/me/totp/setup': {
    request: async () => ({ method: 'POST', url: '/api/me/totp/setup' }),
    expect: ANY_USER(200),
  },
  'POST /api/me/totp/enable': {
    request: async () => ({
      method: 'POST',
      url: '/api/me/totp/enable',
      payload: { code: '000000' },
    }),
    expect: { ...ANY_USER([401, 'TOTP_INVALID']), anonymous: [401, 'UNAUTHENTICATED'] },
  },
  'POST /api/me/totp/disable': {
    request: async () => ({
      method: 'POST',
      url: '/api/me/totp/disable',
      payload: { code: '000000' },
    }),
    expect: { ...ANY_USER([401, 'TOTP_INVALID']), anonymous: [401, 'UNAUTHENTICATED'] },
  },
  'GET /api/me/tokens': {
    request: async () => ({ method: 'GET', url: '/api/me/tokens' }),
    expect: OFFICERS(200),
  },
  'POST /api/me/tokens': {
    request: async () => ({ method: 'POST', url: '/api/me/tokens', payload: { name: 'matrix' } }),
    expect: OFFICERS(200),
  },
  'DELETE /api/me/tokens/:id': {
    request: async () => ({ method: 'DELETE', url: `/api/me/tokens/${newId()}` }),
    expect: OFFICERS(404),
  },
  'GET /api/association': {
    request: async () => ({ method: 'GET', url: '/api/association' }),
    expect: ANY_USER(200),
  },
  'PATCH /api/association': {
    request: async () => {
      const a = await ctx.deps.db.system
        .selectFrom('associations')
        .select('version')
        .where('id', '=', t.associationId)
        .executeTakeFirstOrThrow();
      return {
        method: 'PATCH',
        url: '/api/association',
        payload: { tags: ['KL230'] },
        headers: { 'if-match': `"${a.version}"` },
      };
    },
    expect: ADMIN_ONLY(200),
  },
  'GET /api/units': {
    request: async () => ({ method: 'GET', url: '/api/units' }),
    expect: OFFICERS(200),
  },
  'GET /api/units/tree': {
    request: async () => ({ method: 'GET', url: `/api/units/tree?rootId=${u().c1a}` }),
    expect: SCOPED(200),
  },
  'GET /api/units/:id': {
    request: async () => ({ method: 'GET', url: `/api/units/${u().b1a}` }),
    expect: SCOPED(200),
  },
  'GET /api/units/:id/history': {
    request: async () => ({ method: 'GET', url: `/api/units/${u().b1a}/history` }),
    expect: SCOPED(200),
  },
  'POST /api/units': {
    request: async () => ({
      method: 'POST',
      url: '/api/units',
      payload: { parentId: u().c1a, code: `N${++seq}-${t.code}`, name: 'Chi hội mới' },
    }),
    expect: SCOPED(201),
  },
  'PATCH /api/units/:id': {
    request: async (h) => ({
      method: 'PATCH',
      url: `/api/units/${await h.unit()}`,
      payload: { name: 'Tên mới' },
      headers: { 'if-match': '"1"' },
    }),
    expect: SCOPED(200),
  },
  'POST /api/units/:id/move': {
    request: async (h) => {
      const target = await h.unit();
      const group = await h.unit(u().b1a);
      return { method: 'POST', url: `/api/units/${group}/move`, payload: { newParentId: target } };
    },
    expect: SCOPED(200),
  },
  'POST /api/units/merge': {
    request: async (h) => ({
      method: 'POST',
      url: '/api/units/merge',
      payload: {
        sourceIds: [await h.unit(), await h.unit()],
        target: { code: `MG${++seq}-${t.code}`, name: 'Hợp nhất', parentId: u().c1a },
      },
    }),
    expect: SCOPED(200),
  },
  'POST /api/units/:id/split': {
    request: async (h) => ({
      method: 'POST',
      url: `/api/units/${await h.unit()}/split`,
      payload: {
        parts: [
          { code: `SA${++seq}-${t.code}`, name: 'Phần A' },
          { code: `SB${seq}-${t.code}`, name: 'Phần B' },
        ],
      },
    }),
    expect: SCOPED(200),
  },
  'POST /api/units/:id/dissolve': {
    request: async (h) => ({
      method: 'POST',
      url: `/api/units/${await h.unit()}/dissolve`,
      payload: { reason: 'thử' },
    }),
    expect: SCOPED(200),
  },
  'POST /api/units/:id/generate-communes': {
    request: async () => ({
      method: 'POST',
      url: `/api/units/${u().c1a}/generate-communes`,
      payload: { provinceCode: '99', codePrefix: `G${++seq}-` },
    }),
    expect: SCOPED(200),
  },
  'GET /api/roles': {
    request: async () => ({ method: 'GET', url: '/api/roles' }),
    expect: ANY_USER(200),
  },
  'GET /api/users': {
    request: async () => ({ method: 'GET', url: '/api/users' }),
    expect: OFFICERS(200),
  },
  'GET /api/users/:id': {
    request: async (h) => ({ method: 'GET', url: `/api/users/${(await h.user())[0]}` }),
    expect: SCOPED(200),
  },
  'POST /api/users': {
    request: async () => ({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: `new${++seq}.${t.code.toLowerCase()}`,
        displayName: 'Người mới',
        password: TEST_PASSWORD,
        role: 'viewer',
        unitId: u().c1a,
      },
    }),
    expect: SCOPED(201),
  },
  'PATCH /api/users/:id': {
    request: async (h) => ({
      method: 'PATCH',
      url: `/api/users/${(await h.user())[0]}`,
      payload: { displayName: 'Đổi tên' },
      headers: { 'if-match': '"1"' },
    }),
    expect: SCOPED(200),
  },
  'POST /api/users/:id/reset-password': {
    request: async (h) => ({
      method: 'POST',
      url: `/api/users/${(await h.user())[0]}/reset-password`,
      payload: { newPassword: 'reset-password-1' },
    }),
    expect: SCOPED(200),
  },
  'POST /api/role-assignments': {
    request: async (h) => ({
      method: 'POST',
      url: '/api/role-assignments',
      payload: { userId: (await h.user())[0], role: 'viewer', unitId: u().b1a },
    }),
    expect: SCOPED(201),
  },
  'DELETE /api/role-assignments/:id': {
    request: async (h) => ({
      method: 'DELETE',
      url: `/api/role-assignments/${(await h.user())[1]}`,
    }),
    expect: SCOPED(200),
  },
  'GET /api/audit': {
    request: async () => ({ method: 'GET', url: '/api/audit' }),
    expect: ADMIN_ONLY(200),
  },
  'GET /api/audit/verify': {
    request: async () => ({ method: 'GET', url: '/api/audit/verify' }),
    expect: ADMIN_ONLY(200),
  },
  'GET /api/admin-units': {
    request: async () => ({ method: 'GET', url: '/api/admin-units?q=thu' }),
    expect: ANY_USER(200),
  },
  'GET /api/admin-units/lookup-old': {
    request: async () => ({
      method: 'GET',
      url: '/api/admin-units/lookup-old?province=Ha%20Noi&commune=Truc%20Bach',
    }),
    expect: ANY_USER(200),
  },
};

const MATRIX: Record<string, Entry> = {
  ...CORE,
  ...membersMatrix(env),
  ...transfersMatrix(env),
  ...duesMatrix(env),
  ...portalMatrix(env),
  ...importsMatrix(env),
  ...casesMatrix(env),
  ...reportsMatrix(env),
};

/** Routes the API-docs plugin adds: public static pages, checked generically. */
const isDocsRoute = (url: string) => url.startsWith('/api/docs');

beforeAll(async () => {
  ctx = await createTestContext();
  t = await createTestTree(ctx.deps);
  await ensureTestAdminUnits(ctx.deps);
});
afterAll(async () => ctx.close());

async function clientFor(p: Persona): Promise<Client> {
  if (p === 'anonymous') return anonymous(ctx.app);
  const username = {
    member: t.users.member,
    otherOfficer: t.users.officerB,
    sameOfficer: t.users.officerA,
    admin: t.users.admin,
    oversight: t.oversight.username,
  }[p]!;
  return sessionFor(ctx.app, ctx.deps, username);
}

describe('authorization matrix', () => {
  it('has an entry for every registered route', () => {
    const keys = ctx.routes
      .filter((r) => !isDocsRoute(r.url) && r.url !== '/*')
      .map((r) => `${r.method} ${r.url}`);
    const missing = keys.filter((k) => !(k in MATRIX));
    expect(missing, 'routes without a matrix entry').toEqual([]);
    const stale = Object.keys(MATRIX).filter((k) => !keys.includes(k));
    expect(stale, 'matrix entries for routes that no longer exist').toEqual([]);
  });

  it('every route declares its access', () => {
    for (const r of ctx.routes) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
  });

  for (const [key, entry] of Object.entries(MATRIX)) {
    it(key, async () => {
      const failures: string[] = [];
      for (const persona of PERSONAS) {
        const client = await clientFor(persona);
        const res = await client.request(await entry.request(helpers));
        const want = entry.expect[persona];
        const [status, code] = Array.isArray(want) ? want : [want, undefined];
        const gotCode =
          res.statusCode >= 400 ? res.json<{ error?: { code?: string } }>().error?.code : undefined;
        if (res.statusCode !== status || (code && gotCode !== code)) {
          failures.push(
            `${persona}: expected ${status}${code ? ` ${code}` : ''}, got ${res.statusCode} ${gotCode ?? ''} ${res.statusCode >= 400 ? res.body.slice(0, 200) : ''}`,
          );
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('API docs are public and harmless', async () => {
    const res = await anonymous(ctx.app).get('/api/docs/json');
    expect(res.statusCode).toBeLessThan(400);
  });
});
