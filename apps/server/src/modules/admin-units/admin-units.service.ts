import type {
  AdminUnit,
  AdminUnitListQuery,
  OldAddressLookup,
  OldAddressMatch,
  OldAddressQuery,
} from '@hoi/contracts';
import type { Db, Tx } from '../../db/engine.js';
import {
  findAdminUnitByCode,
  findConversionCandidates,
  listCommunesByProvince,
  searchAdminUnitRows,
} from './admin-units.repo.js';
import { foldVietnamese, nameKey, nameWords, padCode } from './admin-units.names.js';

// Administrative units and the conversion table are global reference data readable by the
// application role, so these functions take any connection: `deps.db.app` or a tenant transaction.
type Queryable = Db | Tx;

/**
 * One administrative unit by its NSO code, or undefined.
 *
 * @example await findAdminUnit(deps.db.app, '00004') // { code: '00004', name: 'Phường Ba Đình', … }
 */
export async function findAdminUnit(db: Queryable, code: string): Promise<AdminUnit | undefined> {
  return findAdminUnitByCode(db, code);
}

/**
 * The communes (xã, phường, đặc khu) of a province, ordered by code.
 *
 * @example await listCommunesOfProvince(deps.db.app, '01') // 126 communes of Hà Nội
 */
export async function listCommunesOfProvince(
  db: Queryable,
  provinceCode: string,
): Promise<AdminUnit[]> {
  return listCommunesByProvince(db, provinceCode);
}

/**
 * Searches units by name or code, ignoring case, diacritics and administrative prefixes:
 * "ha noi" finds "Thành phố Hà Nội", "4" finds "00004". Without `q`, lists by code.
 *
 * @example await searchAdminUnits(deps.db.app, { q: 'ba dinh', level: 'commune', limit: 10 })
 */
export async function searchAdminUnits(
  db: Queryable,
  query: Partial<AdminUnitListQuery> & { limit?: number },
): Promise<AdminUnit[]> {
  const q = query.q?.trim() ?? '';
  const words = q ? nameWords(q).split(' ').filter(Boolean) : [];
  const codes = /^\d+$/.test(q)
    ? [...new Set([q, padCode(q, 2), padCode(q, 5)].filter((c): c is string => c !== null))]
    : [];
  // Input without letters or digits ("--") leaves no words and filters nothing.
  return searchAdminUnitRows(db, {
    words,
    folded: foldVietnamese(q),
    codes,
    provinceCode: query.provinceCode,
    level: query.level,
    limit: query.limit ?? 50,
  });
}

/**
 * Translates a pre-July-2025 address (old province, optional district, commune; each by name
 * or code, diacritics, case and prefixes such as "Xã", "TP." ignored) into the new commune(s).
 * `isSplit`: a matched old commune went to several new communes, so the street address decides.
 * `isAmbiguous`: several old communes match (typically when the district was not given).
 *
 * @example
 * await lookupOldAddress(db, { province: 'Ha Noi', district: 'Ba Dinh', commune: 'Truc Bach' })
 * // { matches: [{ newCommuneCode: '00004', newCommuneName: 'Phường Ba Đình', … }], isSplit: false, … }
 */
export async function lookupOldAddress(
  db: Queryable,
  input: OldAddressQuery,
): Promise<OldAddressLookup> {
  const commune = input.commune.trim();
  const communeCode = /^\d+$/.test(commune) ? padCode(commune, 5) : null;
  const communeKey = nameKey(commune);
  const candidates = await findConversionCandidates(db, {
    code: communeCode,
    words: communeKey ? nameWords(commune).split(' ').filter(Boolean) : [],
  });

  const provinceMatches = matcher(input.province, 2);
  const districtMatches = input.district?.trim() ? matcher(input.district, 3) : () => true;
  const rows = candidates.filter(
    (r) =>
      (r.oldCommuneCode === communeCode ||
        (communeKey !== '' && nameKey(r.oldCommuneName) === communeKey)) &&
      provinceMatches(r.oldProvinceCode, r.oldProvinceName) &&
      districtMatches(r.oldDistrictCode, r.oldDistrictName),
  );

  const newCodesByOld = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = newCodesByOld.get(r.oldCommuneCode) ?? new Set<string>();
    set.add(r.newCommuneCode);
    newCodesByOld.set(r.oldCommuneCode, set);
  }
  const matches: OldAddressMatch[] = rows.map((r) => ({
    oldCommuneCode: r.oldCommuneCode,
    oldCommuneName: r.oldCommuneName,
    oldDistrictName: r.oldDistrictName,
    oldProvinceName: r.oldProvinceName,
    newCommuneCode: r.newCommuneCode,
    newCommuneName: r.newCommuneName,
    newProvinceCode: r.newProvinceCode,
    newProvinceName: r.newProvinceName,
    note: r.note,
  }));
  return {
    matches,
    isSplit: [...newCodesByOld.values()].some((s) => s.size > 1),
    isAmbiguous: newCodesByOld.size > 1,
  };
}

/** Matches an old unit given by code (digits) or by name, in any spelling `nameKey` accepts. */
function matcher(input: string, width: 2 | 3): (code: string | null, name: string) => boolean {
  const trimmed = input.trim();
  const code = /^\d+$/.test(trimmed) ? padCode(trimmed, width) : null;
  const key = nameKey(trimmed);
  return (c, n) => (code !== null && c === code) || (key !== '' && nameKey(n) === key);
}
