/**
 * Who a bulk `hoi` command acts as: `--unit CODE` (and `--association` when the code is used by
 * several associations) becomes a unit and a system actor held to that unit's subtree. Shared by
 * `hoi export members` and `hoi import members`.
 */
import { ROLES } from '@hoi/contracts';
import { sql } from 'kysely';
import type { Actor } from '../platform/actor.js';
import type { Deps } from '../platform/deps.js';
import { AppError } from '../platform/errors.js';

/** The unit a command was pointed at, and the actor it runs as. */
export interface CliScope {
  actor: Actor;
  unit: { id: string; code: string; name: string; path: string };
  association: { id: string; code: string; name: string };
}

const NIL_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Finds the unit with code `unitCode` (in the association `association`, a code or an id, when
 * given) and builds the actor a bulk command runs as: the system, named "CLI (user) — command"
 * in the audit log, with an association administrator's permissions over that unit's subtree
 * only. Services then check it like any officer: a unit outside the subtree is NOT_FOUND.
 *
 * The actor's `via` is 'token', not 'cli': platform/authorize.ts lets a 'cli' actor through every
 * scope check, and this one must stay inside its unit (an import given `--unit X` may not write
 * outside X). Its user id is the nil id, as for cliActor.
 *
 * Throws NOT_FOUND (exit code 1 in `hoi`) for an unknown unit or association, VALIDATION_FAILED
 * when the code exists in several associations and `association` was not given.
 *
 * @example
 *   const { actor, unit } = await resolveCliScope(deps, { unitCode: 'HN-00004', command: 'hoi export members' });
 *   await writeMemberExport(deps, actor, { unitId: unit.id }, 'csv', out);
 */
export async function resolveCliScope(
  deps: Deps,
  o: { unitCode: string; association?: string | undefined; command?: string | undefined },
): Promise<CliScope> {
  const code = o.unitCode.trim();
  let q = deps.db.system
    .selectFrom('units as u')
    .innerJoin('unitPaths as up', (j) =>
      j.onRef('up.associationId', '=', 'u.associationId').onRef('up.unitId', '=', 'u.id'),
    )
    .innerJoin('associations as a', 'a.id', 'u.associationId')
    .select([
      'u.id',
      'u.code',
      'u.name',
      sql<string>`up.path::text`.as('path'),
      'a.id as associationId',
      'a.code as associationCode',
      'a.name as associationName',
      'a.kind as associationKind',
    ])
    .where('u.code', '=', code);
  if (o.association) {
    const a = o.association.trim();
    q = q.where((eb) => eb.or([eb('a.code', '=', a), eb(sql<string>`a.id::text`, '=', a)]));
  }
  const rows = await q.orderBy('a.code').execute();
  const unit = rows[0];
  if (!unit) {
    const where = o.association ? ` trong hội ${o.association}` : '';
    const whereEn = o.association ? ` in association ${o.association}` : '';
    throw new AppError(
      'NOT_FOUND',
      { unit: code, ...(o.association ? { association: o.association } : {}) },
      {
        vi: `Không tìm thấy đơn vị có mã ${code}${where}`,
        en: `No unit with code ${code}${whereEn}`,
      },
    );
  }
  if (rows.length > 1) {
    const codes = rows.map((r) => r.associationCode).join(', ');
    throw new AppError(
      'VALIDATION_FAILED',
      { unit: code, associations: rows.map((r) => r.associationCode) },
      {
        vi: `Mã đơn vị ${code} có ở nhiều hội (${codes}): thêm --association <mã hội>`,
        en: `Unit code ${code} exists in several associations (${codes}): add --association <code>`,
      },
    );
  }
  const actor: Actor = {
    userId: NIL_ID,
    username: 'cli',
    displayName: `CLI (${process.env.USER ?? 'system'})${o.command ? ` — ${o.command}` : ''}`,
    associationId: unit.associationId,
    associationKind: unit.associationKind,
    assignments: [
      {
        id: NIL_ID,
        role: 'association_admin',
        unitId: unit.id,
        unitPath: unit.path,
        unitName: unit.name,
        unitCode: unit.code,
        validFrom: '1900-01-01',
        validTo: null,
        permissions: ROLES.association_admin.permissions,
      },
    ],
    via: 'token',
    sessionId: null,
    csrfToken: null,
    ip: null,
    totpSetupRequired: false,
  };
  return {
    actor,
    unit: { id: unit.id, code: unit.code, name: unit.name, path: unit.path },
    association: { id: unit.associationId, code: unit.associationCode, name: unit.associationName },
  };
}
