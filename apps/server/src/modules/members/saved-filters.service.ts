import { inTenant } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';

/** Saved member-list filters (query-string form) belong to the user who saved them. */
export async function list(deps: Deps, actor: Actor) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const rows = await tx
      .selectFrom('savedFilters')
      .selectAll()
      .where('userId', '=', actor.userId)
      .orderBy('createdAt')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      filter: r.filter as Record<string, string>,
      createdAt: r.createdAt.toISOString(),
    }));
  });
}

export async function create(
  deps: Deps,
  actor: Actor,
  input: { name: string; filter: Record<string, string> },
) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const id = newId();
    await tx
      .insertInto('savedFilters')
      .values({
        associationId: actor.associationId,
        id,
        userId: actor.userId,
        name: input.name,
        filter: JSON.stringify(input.filter),
      })
      .execute();
    return {
      id,
      name: input.name,
      filter: input.filter,
      createdAt: deps.clock.now().toISOString(),
    };
  });
}

export async function remove(deps: Deps, actor: Actor, id: string) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const r = await tx
      .deleteFrom('savedFilters')
      .where('id', '=', id)
      .where('userId', '=', actor.userId)
      .executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw new AppError('NOT_FOUND');
  });
}
