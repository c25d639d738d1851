import type { RoleCode } from '@hoi/contracts';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { inTenant } from '../db/engine.js';
import type { Deps } from '../platform/deps.js';
import { newId } from '../platform/ids.js';
import { createAssociation } from '../modules/associations/associations.service.js';
import { hashPassword } from '../modules/auth/passwords.js';
import * as unitsRepo from '../modules/units/units.repo.js';
import * as usersRepo from '../modules/users/users.repo.js';

export const TEST_PASSWORD = 'test-password-123';
let passwordHash: Promise<string> | null = null;

function uniq() {
  return newId().slice(-12);
}

export interface TestTree {
  associationId: string;
  code: string;
  rootId: string;
  /** Units by short name: root, p1, p2, c1a, c1b, c2a, b1a (branch under c1a), g1a (group). */
  units: Record<string, string>;
  /** Usernames by persona: admin, officerA (commune c1a), officerB (commune c2a, other province), provinceOfficer (p1), member, viewer. */
  users: Record<string, string>;
  oversight: { associationId: string; username: string };
}

/** An association with a small tree and one user per persona; every call is independent. */
export async function createTestTree(deps: Deps, opts: { founded?: string } = {}): Promise<TestTree> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const s = uniq();
  const founded = opts.founded ?? '2024-01-01';
  const oversight = await createAssociation(deps, { kind: 'oversight', code: `OV-${s}`, name: `Ban giám sát ${s}`, levelNames: ['TW', 'Tỉnh'], root: { code: `OV-${s}`, name: 'Ban', validFrom: founded } });
  const a = await createAssociation(deps, { code: `A-${s}`, name: `Hội thử ${s}`, oversightId: oversight.id, root: { code: `R-${s}`, name: `Trung ương ${s}`, validFrom: founded } });
  const units: Record<string, string> = { root: a.rootId };
  const users: Record<string, string> = {};
  await inTenant(deps.db.app, a.id, async (tx) => {
    const add = async (key: string, parentKey: string, name: string, level: number) => {
      const parent = (await unitsRepo.lockUnits(tx, [units[parentKey]!]))[0]!;
      const row = await unitsRepo.insertUnit(tx, {
        associationId: a.id, id: newId(), code: `${key.toUpperCase()}-${s}`, name, level, parentId: parent.id, parentPath: parent.path, adminUnitCode: null, validFrom: founded,
      });
      units[key] = row.id;
    };
    await add('p1', 'root', 'Tỉnh Một', 1);
    await add('p2', 'root', 'Tỉnh Hai', 1);
    await add('c1a', 'p1', 'Xã Đông Hưng', 2);
    await add('c1b', 'p1', 'Xã Tây Sơn', 2);
    await add('c2a', 'p2', 'Phường Bến Nghé', 2);
    await add('b1a', 'c1a', 'Chi hội Thôn 1', 3);
    await add('g1a', 'b1a', 'Tổ hội 1', 4);
    const user = async (key: string, role: RoleCode, unitKey: string) => {
      const username = `${key.toLowerCase()}.${s}`;
      const id = newId();
      await usersRepo.insertUser(tx, { associationId: a.id, id, username, displayName: `Người dùng ${key}`, email: null, phone: null, passwordHash: hash });
      await usersRepo.insertAssignment(tx, { associationId: a.id, id: newId(), userId: id, role, unitId: units[unitKey]!, validFrom: founded, validTo: null });
      users[key] = username;
    };
    await user('admin', 'association_admin', 'root');
    await user('officerA', 'unit_officer', 'c1a');
    await user('officerB', 'unit_officer', 'c2a');
    await user('provinceOfficer', 'unit_officer', 'p1');
    await user('member', 'member', 'b1a');
    await user('viewer', 'viewer', 'p1');
  });
  const ovUser = `oversight.${s}`;
  await inTenant(deps.db.app, oversight.id, async (tx) => {
    const id = newId();
    await usersRepo.insertUser(tx, { associationId: oversight.id, id, username: ovUser, displayName: 'Cán bộ Ban', email: null, phone: null, passwordHash: hash });
    await usersRepo.insertAssignment(tx, { associationId: oversight.id, id: newId(), userId: id, role: 'oversight_viewer', unitId: oversight.rootId, validFrom: founded, validTo: null });
  });
  return { associationId: a.id, code: `A-${s}`, rootId: a.rootId, units, users, oversight: { associationId: oversight.id, username: ovUser } };
}

/** A logged-in HTTP client: carries the session cookie and the CSRF token. */
type Res = Promise<LightMyRequestResponse>;
export interface Client {
  request(opts: InjectOptions): Res;
  get(url: string): Res;
  post(url: string, payload?: unknown, headers?: Record<string, string>): Res;
  patch(url: string, payload: unknown, headers?: Record<string, string>): Res;
  delete(url: string): Res;
}

export function anonymous(app: FastifyInstance): Client {
  return clientWith(app, {}, '');
}

function clientWith(app: FastifyInstance, cookies: Record<string, string>, csrf: string): Client {
  const request = (opts: InjectOptions): Res =>
    app.inject({ ...opts, cookies: { ...cookies, ...(opts.cookies ?? {}) }, headers: { 'x-csrf-token': csrf, ...(opts.headers ?? {}) } });
  return {
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload, headers) => request({ method: 'POST', url, ...(payload !== undefined ? { payload: payload as object } : {}), ...(headers ? { headers } : {}) }),
    patch: (url, payload, headers) => request({ method: 'PATCH', url, payload: payload as object, ...(headers ? { headers } : {}) }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'hoi_session');
  const body = res.json<{ csrfToken: string }>();
  return clientWith(app, { hoi_session: cookie!.value }, body.csrfToken);
}

/**
 * A session opened directly in the database (no password check, no rate limit), for tests that
 * need many logged-in calls. Login itself is tested through the route.
 */
export async function sessionFor(app: FastifyInstance, deps: Deps, username: string): Promise<Client> {
  const { token, csrf } = await openSession(deps, username);
  return clientWith(app, { hoi_session: token }, csrf);
}

/** Opens a session for `username` in the database: the cookie's token and the CSRF token. */
export async function openSession(deps: Deps, username: string): Promise<{ token: string; csrf: string }> {
  const { randomToken, hashToken } = await import('../modules/auth/tokens.js');
  const u = await deps.db.system.selectFrom('users').select(['id', 'associationId']).where('username', '=', username).executeTakeFirstOrThrow();
  const token = randomToken();
  const csrf = randomToken(16);
  await deps.db.system
    .insertInto('sessions')
    .values({ associationId: u.associationId, id: newId(), tokenHash: hashToken(token), userId: u.id, csrfToken: csrf, expiresAt: new Date(Date.now() + 3600_000) })
    .execute();
  return { token, csrf };
}

/** A few administrative units under the fictitious province 99, for tests that need the list. */
export async function ensureTestAdminUnits(deps: Deps) {
  await deps.db.system
    .insertInto('adminUnits')
    .values([
      { code: '99', level: 'province', name: 'Tỉnh Thử Nghiệm', divisionType: 'tỉnh', codename: 'thu_nghiem', provinceCode: null },
    ])
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  await deps.db.system
    .insertInto('adminUnits')
    .values([
      { code: '99001', level: 'commune', name: 'Xã Thử Một', divisionType: 'xã', codename: 'xa_thu_mot', provinceCode: '99' },
      { code: '99002', level: 'commune', name: 'Phường Thử Hai', divisionType: 'phường', codename: 'phuong_thu_hai', provinceCode: '99' },
    ])
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

let memberSeq = 0;
/** A person's data that passes every check: a valid personal ID consistent with birth year and sex. */
export function testPerson(over: Record<string, unknown> = {}) {
  memberSeq += 1;
  const serial = String(100000 + ((Date.now() + memberSeq * 7919) % 900000)).slice(-6);
  return { fullName: 'Nguyễn Văn Hùng', birthDate: '1950-04-12', gender: 'male' as const, idNumber: `001050${serial}`, phone: '0912345678', ...over };
}

/** An admitted member at a unit of the test tree, created through the service as the CLI. */
export async function createTestMember(deps: Deps, tree: TestTree, unitKey = 'b1a', person: Record<string, unknown> = {}) {
  const { createMember } = await import('../modules/members/members.service.js');
  const { cliActor } = await import('../platform/actor.js');
  return createMember(deps, cliActor(tree.associationId), {
    person: testPerson(person),
    unitId: tree.units[unitKey]!,
    category: 'official',
    acknowledgeWarnings: false,
    appliedOn: '2024-03-01',
    admission: { number: '01/QĐ-TEST', date: '2024-03-15', signer: 'Chủ tịch' },
  });
}
