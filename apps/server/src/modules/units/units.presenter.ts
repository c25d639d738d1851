import type { Unit } from '@hoi/contracts';
import type { UnitRow } from './units.repo.js';

/** Row → API shape; the level's name comes from the association's level names. */
export function presentUnit(row: UnitRow & { childCount?: number }, levelNames: string[]): Unit {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    level: row.level,
    levelName: levelNames[row.level] ?? `Cấp ${row.level}`,
    parentId: row.parentId,
    adminUnitCode: row.adminUnitCode,
    status: row.status,
    validFrom: row.validFrom,
    validTo: row.validTo,
    childCount: row.childCount ?? 0,
    version: row.version,
  };
}
