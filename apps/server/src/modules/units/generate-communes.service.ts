import { inTenant } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { findAdminUnit, listCommunesOfProvince } from '../admin-units/admin-units.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertCanManageUnits } from './units.policy.js';
import * as repo from './units.repo.js';
import { lockExisting } from './units.service.js';

/**
 * Creates one unit per commune of an administrative province under a province-level unit, in
 * one transaction. Communes that already have a unit (same admin code or unit code) are skipped,
 * so the action can be repeated after the official list grows.
 */
export async function generateCommunes(
  deps: Deps,
  actor: Actor,
  unitId: string,
  input: { provinceCode: string; codePrefix: string; effectiveDate?: string | undefined },
) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const unit = (await lockExisting(deps, tx, [unitId]))(unitId);
    assertCanManageUnits(actor, [unit]);
    if (unit.status !== 'active') throw new AppError('UNIT_INACTIVE');
    const province = await findAdminUnit(tx, input.provinceCode);
    if (!province || province.level !== 'province') {
      throw new AppError('ADMIN_UNIT_UNKNOWN', { adminUnitCode: input.provinceCode });
    }
    const assoc = await tx.selectFrom('associations').select('levelNames').where('id', '=', actor.associationId).executeTakeFirstOrThrow();
    const level = unit.level + 1;
    if (level >= assoc.levelNames.length) throw new AppError('UNIT_LEVEL_INVALID', { level });
    const date = input.effectiveDate ?? todayIn(deps.clock);
    if (date > todayIn(deps.clock)) throw new AppError('UNIT_DATE_INVALID');
    const existing = await tx
      .selectFrom('units')
      .select(['adminUnitCode', 'code'])
      .where('status', '=', 'active')
      .execute();
    const usedAdmin = new Set(existing.map((e) => e.adminUnitCode).filter(Boolean));
    const usedCodes = new Set(existing.map((e) => e.code));
    let created = 0;
    let skipped = 0;
    for (const commune of await listCommunesOfProvince(tx, input.provinceCode)) {
      const code = `${input.codePrefix}${commune.code}`;
      if (usedAdmin.has(commune.code) || usedCodes.has(code)) {
        skipped++;
        continue;
      }
      const id = newId();
      await repo.insertUnit(tx, {
        associationId: actor.associationId, id, code, name: commune.name, level,
        parentId: unit.id, parentPath: unit.path, adminUnitCode: commune.code, validFrom: date,
      });
      await repo.insertEvent(tx, {
        associationId: actor.associationId, id: newId(), kind: 'create', effectiveDate: date,
        actorUserId: actor.userId, actorName: actor.displayName,
        details: { code, name: commune.name, parentId: unit.id, parentName: unit.name, fromAdminUnit: commune.code },
        subjects: [id],
      });
      created++;
    }
    await recordAudit(tx, deps, actor, {
      action: 'unit.generate_communes', entityType: 'unit', entityId: unit.id, unitId: unit.id,
      after: { provinceCode: input.provinceCode, created, skipped },
    });
    return { created, skipped };
  });
}
