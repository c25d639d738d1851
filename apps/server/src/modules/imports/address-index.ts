import type { Db, Tx } from '../../db/engine.js';
import { nameKey, padCode } from '../admin-units/admin-units.names.js';

/** A new (post-July-2025) commune an address resolves to. */
export interface NewCommune {
  code: string;
  name: string;
  provinceCode: string | null;
  provinceName: string;
}

export type OldAddressResolution =
  | { kind: 'resolved'; commune: NewCommune; oldName: string }
  /** The old commune went to several new ones: the user chooses (never guessed). */
  | { kind: 'split'; key: string; candidates: NewCommune[]; oldName: string }
  /** Several old communes of that name (no district or province to tell them apart). */
  | { kind: 'ambiguous'; candidates: string[] }
  | { kind: 'unknown' };

interface ConversionEntry {
  oldCommuneCode: string;
  oldCommuneName: string;
  oldDistrictCode: string | null;
  oldDistrictKey: string;
  oldProvinceCode: string | null;
  oldProvinceKey: string;
  newCommuneCode: string;
}

/**
 * The official old→new commune table and the new communes, held in memory for one import (about
 * 11,000 + 3,300 rows): a million address look-ups cost no query each.
 */
export class AddressIndex {
  private constructor(
    private readonly byOldKey: Map<string, ConversionEntry[]>,
    private readonly byOldCode: Map<string, ConversionEntry[]>,
    private readonly communes: Map<string, NewCommune>,
    private readonly communesByKey: Map<string, NewCommune[]>,
    private readonly provincesByKey: Map<string, string>,
  ) {}

  static async load(db: Tx | Db): Promise<AddressIndex> {
    const units = await db
      .selectFrom('adminUnits')
      .select(['code', 'level', 'name', 'provinceCode'])
      .execute();
    const provinceNames = new Map(
      units.filter((u) => u.level === 'province').map((u) => [u.code, u.name]),
    );
    const provincesByKey = new Map<string, string>();
    for (const [code, name] of provinceNames) provincesByKey.set(nameKey(name), code);
    const communes = new Map<string, NewCommune>();
    const communesByKey = new Map<string, NewCommune[]>();
    for (const u of units) {
      if (u.level !== 'commune') continue;
      const c: NewCommune = {
        code: u.code,
        name: u.name,
        provinceCode: u.provinceCode,
        provinceName: (u.provinceCode && provinceNames.get(u.provinceCode)) ?? '',
      };
      communes.set(u.code, c);
      push(communesByKey, nameKey(u.name), c);
    }
    const rows = await db.selectFrom('adminUnitConversions').selectAll().execute();
    const byOldKey = new Map<string, ConversionEntry[]>();
    const byOldCode = new Map<string, ConversionEntry[]>();
    for (const r of rows) {
      const e: ConversionEntry = {
        oldCommuneCode: r.oldCommuneCode,
        oldCommuneName: r.oldCommuneName,
        oldDistrictCode: r.oldDistrictCode,
        oldDistrictKey: nameKey(r.oldDistrictName),
        oldProvinceCode: r.oldProvinceCode,
        oldProvinceKey: nameKey(r.oldProvinceName),
        newCommuneCode: r.newCommuneCode,
      };
      push(byOldKey, nameKey(r.oldCommuneName), e);
      push(byOldCode, r.oldCommuneCode, e);
    }
    return new AddressIndex(byOldKey, byOldCode, communes, communesByKey, provincesByKey);
  }

  get size(): number {
    return this.byOldCode.size;
  }

  commune(code: string): NewCommune | undefined {
    return this.communes.get(code);
  }

  /** A new commune named in the file ("Xã/phường" column), within the province when given. */
  resolveNew(commune: string, province: string | null): NewCommune[] {
    const code = padCode(commune, 5);
    if (code) {
      const c = this.communes.get(code);
      return c ? [c] : [];
    }
    const all = this.communesByKey.get(nameKey(commune)) ?? [];
    if (!province) return all;
    const p = this.provinceCode(province);
    return p ? all.filter((c) => c.provinceCode === p) : all;
  }

  provinceCode(province: string): string | null {
    const code = padCode(province, 2);
    if (code) return code;
    return this.provincesByKey.get(nameKey(province)) ?? null;
  }

  /** A pre-2025 address (old commune, district, province) in the new units. */
  resolveOld(
    commune: string,
    district: string | null,
    province: string | null,
  ): OldAddressResolution {
    const code = padCode(commune, 5);
    let rows = (code ? this.byOldCode.get(code) : this.byOldKey.get(nameKey(commune))) ?? [];
    if (district)
      rows = rows.filter(matcher(district, 3, (r) => [r.oldDistrictCode, r.oldDistrictKey]));
    if (province)
      rows = rows.filter(matcher(province, 2, (r) => [r.oldProvinceCode, r.oldProvinceKey]));
    if (rows.length === 0) return { kind: 'unknown' };
    const oldCodes = [...new Set(rows.map((r) => r.oldCommuneCode))];
    if (oldCodes.length > 1) return { kind: 'ambiguous', candidates: oldCodes };
    const newCodes = [...new Set(rows.map((r) => r.newCommuneCode))];
    const oldName = rows[0]!.oldCommuneName;
    const candidates = newCodes.map(
      (c) => this.communes.get(c) ?? { code: c, name: c, provinceCode: null, provinceName: '' },
    );
    if (candidates.length === 1) return { kind: 'resolved', commune: candidates[0]!, oldName };
    return { kind: 'split', key: `old:${oldCodes[0]}`, candidates, oldName };
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function matcher(
  input: string,
  width: 2 | 3,
  of: (r: ConversionEntry) => [string | null, string],
): (r: ConversionEntry) => boolean {
  const code = padCode(input, width);
  const key = nameKey(input);
  return (r) => {
    const [c, k] = of(r);
    return (code !== null && c === code) || (key !== '' && k === key);
  };
}
