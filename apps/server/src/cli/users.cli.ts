import { ROLE_CODES, type RoleCode } from '@hoi/contracts';
import { sql } from 'kysely';
import { cliActor } from '../platform/actor.js';
import type { Deps } from '../platform/deps.js';
import { AppError } from '../platform/errors.js';
import { createAssignment, createUser, resetPassword } from '../modules/users/users.service.js';

async function associationId(deps: Deps, code: string | undefined): Promise<string> {
  const rows = await deps.db.system.selectFrom('associations').select(['id', 'code']).execute();
  const match = code ? rows.find((r) => r.code === code) : rows.length === 1 ? rows[0] : undefined;
  if (!match) {
    throw new AppError('NOT_FOUND', { reason: code ? `association ${code}` : `several associations: pass --association (${rows.map((r) => r.code).join(', ')})` });
  }
  return match.id;
}

async function unitIdByCode(deps: Deps, assocId: string, code: string | undefined): Promise<string> {
  let q = deps.db.system.selectFrom('units').select('id').where('associationId', '=', assocId);
  q = code ? q.where('code', '=', code) : q.where('parentId', 'is', null);
  const u = await q.executeTakeFirst();
  if (!u) throw new AppError('NOT_FOUND', { reason: `unit ${code ?? '(root)'}` });
  return u.id;
}

async function userByName(deps: Deps, username: string) {
  const u = await deps.db.system
    .selectFrom('users')
    .select(['id', 'associationId'])
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  if (!u) throw new AppError('NOT_FOUND', { reason: `user ${username}` });
  return u;
}

function role(r: string): RoleCode {
  if (!(ROLE_CODES as readonly string[]).includes(r)) throw new AppError('ROLE_UNKNOWN', { role: r, known: ROLE_CODES });
  return r as RoleCode;
}

export async function cliCreateUser(
  deps: Deps,
  o: { association?: string; username: string; name: string; password: string; role: string; unit?: string; email?: string; phone?: string },
) {
  const assocId = await associationId(deps, o.association);
  const unitId = await unitIdByCode(deps, assocId, o.unit);
  const u = await createUser(deps, cliActor(assocId), {
    username: o.username.toLowerCase(), displayName: o.name, password: o.password, role: role(o.role), unitId,
    ...(o.email ? { email: o.email } : {}), ...(o.phone ? { phone: o.phone } : {}),
  });
  return { id: u.id, username: u.username };
}

export async function cliResetPassword(deps: Deps, username: string, password: string) {
  const u = await userByName(deps, username);
  await resetPassword(deps, cliActor(u.associationId), u.id, password);
}

export async function cliAssign(deps: Deps, username: string, o: { role: string; unit?: string; from?: string; to?: string }) {
  const u = await userByName(deps, username);
  const unitId = await unitIdByCode(deps, u.associationId, o.unit);
  await createAssignment(deps, cliActor(u.associationId), { userId: u.id, role: role(o.role), unitId, validFrom: o.from, validTo: o.to });
}
