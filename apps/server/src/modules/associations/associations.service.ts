import { sql } from 'kysely';
import { inTenant } from '../../db/engine.js';
import type { AssociationSettings } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { authorizeAny } from '../../platform/authorize.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, found } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import * as unitsRepo from '../units/units.repo.js';

export const DEFAULT_LEVEL_NAMES = ['Trung ương', 'Tỉnh', 'Xã', 'Chi hội', 'Tổ hội'];

export interface CreateAssociationInput {
  kind?: 'association' | 'oversight';
  code: string;
  name: string;
  shortName?: string;
  tags?: string[];
  levelNames?: string[];
  oversightId?: string | null;
  root: { code: string; name: string; validFrom?: string };
}

/**
 * Creates a tenant (an association or an oversight body) with its root unit. A platform action:
 * run by the CLI, the demo seed and tests, never through the tenant API.
 */
export async function createAssociation(deps: Deps, input: CreateAssociationInput) {
  const id = newId();
  const rootId = newId();
  const date = input.root.validFrom ?? todayIn(deps.clock);
  const existing = await deps.db.system.selectFrom('associations').select('id').where('code', '=', input.code).executeTakeFirst();
  if (existing) throw new AppError('DUPLICATE_CODE', { code: input.code });
  await deps.db.system
    .insertInto('associations')
    .values({
      id,
      kind: input.kind ?? 'association',
      code: input.code,
      name: input.name,
      shortName: input.shortName ?? null,
      tags: input.tags ?? [],
      levelNames: input.levelNames ?? DEFAULT_LEVEL_NAMES,
      oversightId: input.oversightId ?? null,
    })
    .execute();
  await inTenant(deps.db.app, id, async (tx) => {
    await unitsRepo.insertUnit(tx, {
      associationId: id, id: rootId, code: input.root.code, name: input.root.name, level: 0,
      parentId: null, parentPath: null, adminUnitCode: null, validFrom: date,
    });
    await unitsRepo.insertEvent(tx, {
      associationId: id, id: newId(), kind: 'create', effectiveDate: date, actorUserId: null, actorName: 'system',
      details: { code: input.root.code, name: input.root.name }, subjects: [rootId],
    });
    await recordAudit(tx, deps, { associationId: id, userId: '00000000-0000-0000-0000-000000000000', displayName: 'system', username: 'system' }, {
      action: 'association.create', entityType: 'association', entityId: id, after: { code: input.code, name: input.name },
    });
  });
  return { id, rootId };
}

export function presentAssociation(a: {
  id: string; code: string; name: string; kind: 'association' | 'oversight'; tags: string[]; levelNames: string[]; settings: AssociationSettings; version: number;
}) {
  return {
    id: a.id, code: a.code, name: a.name, kind: a.kind, tags: a.tags, levelNames: a.levelNames,
    requireTotpForAdmins: a.settings.requireTotpForAdmins === true, version: a.version,
  };
}

export async function getCurrentAssociation(deps: Deps, actor: Actor) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const a = found(await tx.selectFrom('associations').selectAll().where('id', '=', actor.associationId).executeTakeFirst());
    return presentAssociation(a);
  });
}

export async function updateCurrentAssociation(
  deps: Deps,
  actor: Actor,
  expectedVersion: number,
  input: { name?: string | undefined; levelNames?: string[] | undefined; tags?: string[] | undefined; requireTotpForAdmins?: boolean | undefined },
) {
  authorizeAny(actor, 'association.manage');
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const a = found(await tx.selectFrom('associations').selectAll().where('id', '=', actor.associationId).forUpdate().executeTakeFirst());
    if (a.version !== expectedVersion) throw new AppError('STALE_VERSION', { currentVersion: a.version });
    const settings: AssociationSettings = { ...a.settings };
    if (input.requireTotpForAdmins !== undefined) settings.requireTotpForAdmins = input.requireTotpForAdmins;
    if (input.levelNames) {
      const maxLevel = await tx.selectFrom('units').select(sql<number>`coalesce(max(level), 0)::int`.as('m')).executeTakeFirstOrThrow();
      if (input.levelNames.length <= maxLevel.m) throw new AppError('UNIT_LEVEL_INVALID', { deepestLevel: maxLevel.m });
    }
    const updated = await tx
      .updateTable('associations')
      .set({
        ...(input.name ? { name: input.name } : {}),
        ...(input.levelNames ? { levelNames: input.levelNames } : {}),
        ...(input.tags ? { tags: input.tags } : {}),
        settings: JSON.stringify(settings),
        version: sql`version + 1`,
      })
      .where('id', '=', actor.associationId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, deps, actor, {
      action: 'association.update', entityType: 'association', entityId: a.id,
      before: { name: a.name, levelNames: a.levelNames, tags: a.tags, settings: a.settings }, after: input,
    });
    return presentAssociation(updated);
  });
}
