/**
 * Shared pieces of the authorization matrix (http/authorization-matrix.test.ts): personas,
 * expected outcomes and helpers that create fixtures. Each module contributes its routes' entries
 * in `modules/<domain>/<domain>.matrix.ts`.
 */
import type { InjectOptions } from 'fastify';
import { inTenant } from '../db/engine.js';
import { newId } from '../platform/ids.js';
import type { TestContext } from './harness.js';
import type { TestTree } from './factories.js';
import * as unitsRepo from '../modules/units/units.repo.js';
import * as usersRepo from '../modules/users/users.repo.js';

export const PERSONAS = [
  'anonymous',
  'member',
  'otherOfficer',
  'sameOfficer',
  'admin',
  'oversight',
] as const;
export type Persona = (typeof PERSONAS)[number];
/** An HTTP status, or a status with the error code the envelope must carry. */
export type Outcome = number | [number, string];

export interface Entry {
  request: (h: Helpers) => Promise<InjectOptions>;
  expect: Record<Persona, Outcome>;
}

/** The suite's context and tree, available once `beforeAll` has run. */
export interface MatrixEnv {
  ctx(): TestContext;
  tree(): TestTree;
}

let seq = 0;

export interface Helpers {
  /** A fresh unit in the same-officer subtree (under commune c1a, or under the given parent). */
  unit(parentId?: string, level?: number): Promise<string>;
  /** A fresh user assigned as viewer at branch b1a; returns [userId, assignmentId]. */
  user(): Promise<[string, string]>;
}

export function makeHelpers(env: MatrixEnv): Helpers {
  return {
    async unit(parentId, level) {
      const t = env.tree();
      return inTenant(env.ctx().deps.db.app, t.associationId, async (tx) => {
        const parent = (await unitsRepo.lockUnits(tx, [parentId ?? t.units.c1a!]))[0]!;
        const row = await unitsRepo.insertUnit(tx, {
          associationId: t.associationId,
          id: newId(),
          code: `M${++seq}-${t.code}`,
          name: `Đơn vị ${seq}`,
          level: level ?? parent.level + 1,
          parentId: parent.id,
          parentPath: parent.path,
          adminUnitCode: null,
          validFrom: '2024-01-01',
        });
        return row.id;
      });
    },
    async user() {
      const t = env.tree();
      return inTenant(env.ctx().deps.db.app, t.associationId, async (tx) => {
        const id = newId();
        const aid = newId();
        await usersRepo.insertUser(tx, {
          associationId: t.associationId,
          id,
          username: `mx${++seq}.${t.code.toLowerCase()}`,
          displayName: 'Tạm',
          email: null,
          phone: null,
          passwordHash: 'x',
        });
        await usersRepo.insertAssignment(tx, {
          associationId: t.associationId,
          id: aid,
          userId: id,
          role: 'viewer',
          unitId: t.units.b1a!,
          validFrom: '2024-01-01',
          validTo: null,
        });
        return [id, aid];
      });
    },
  };
}

/** Allowed for everyone logged in; the oversight body is another tenant but these are its own data. */
export const ANY_USER = (ok: Outcome): Record<Persona, Outcome> => ({
  anonymous: 401,
  member: ok,
  otherOfficer: ok,
  sameOfficer: ok,
  admin: ok,
  oversight: ok,
});
/** Needs a permission that officers hold, scoped to the target's subtree. */
export const SCOPED = (ok: Outcome): Record<Persona, Outcome> => ({
  anonymous: 401,
  member: 403,
  otherOfficer: 404,
  sameOfficer: ok,
  admin: ok,
  oversight: 403,
});
/** Needs a permission that officers hold, not tied to one unit. */
export const OFFICERS = (ok: Outcome): Record<Persona, Outcome> => ({
  anonymous: 401,
  member: 403,
  otherOfficer: ok,
  sameOfficer: ok,
  admin: ok,
  oversight: 403,
});
export const ADMIN_ONLY = (ok: Outcome): Record<Persona, Outcome> => ({
  anonymous: 401,
  member: 403,
  otherOfficer: 403,
  sameOfficer: 403,
  admin: ok,
  oversight: 403,
});
export const PUBLIC_ALL = (ok: Outcome): Record<Persona, Outcome> => ({
  anonymous: ok,
  member: ok,
  otherOfficer: ok,
  sameOfficer: ok,
  admin: ok,
  oversight: ok,
});
