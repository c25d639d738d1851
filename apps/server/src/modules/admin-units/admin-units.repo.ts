import { sql, type Insertable } from 'kysely';
import type { Db, Tx } from '../../db/engine.js';
import type { AdminUnitConversionsTable, AdminUnitsTable } from '../../db/schema.js';

type Queryable = Db | Tx;
export type AdminUnitRow = Insertable<AdminUnitsTable>;
export type ConversionRow = Insertable<AdminUnitConversionsTable>;
export interface UpsertCounts {
  inserted: number;
  updated: number;
}

const BATCH = 1000;

/** Escapes LIKE wildcards in user input (`\` is PostgreSQL's default escape character). */
function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}
const likeContains = (term: string) => `%${escapeLike(term)}%`;
const likePrefix = (term: string) => `${escapeLike(term)}%`;

/**
 * `column` contains the folded word. Digits need no folding, and skipping `hoi_fold` for them
 * keeps "Phường 1" from unaccenting every row: the trigram index cannot serve one-digit words.
 */
function containsWord(column: 'admin_units.name' | 'c.old_commune_name', word: string) {
  const ref = sql.ref(column);
  return /^\d+$/.test(word)
    ? sql<boolean>`${ref} like ${likeContains(word)}`
    : sql<boolean>`hoi_fold(${ref}) like ${likeContains(word)}`;
}

/** Folded name without its administrative prefix, for ranking; mirrors `nameWords`. */
const STRIPPED_NAME = sql<string>`regexp_replace(hoi_fold(admin_units.name),
  '^(thanh pho|thi tran|thi xa|dac khu|phuong|huyen|quan|tinh|xa) +', '')`;

/**
 * Inserts or updates administrative units in batches. Rows equal to the stored ones are not
 * touched (the whole-row `is distinct from`), so `inserted + updated` counts real changes;
 * `xmax = 0` marks a row this statement inserted rather than updated.
 */
export async function upsertAdminUnits(tx: Tx, rows: AdminUnitRow[]): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0 };
  for (let i = 0; i < rows.length; i += BATCH) {
    const changed = await tx
      .insertInto('adminUnits')
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) =>
        oc
          .column('code')
          .doUpdateSet((eb) => ({
            level: eb.ref('excluded.level'),
            name: eb.ref('excluded.name'),
            divisionType: eb.ref('excluded.divisionType'),
            codename: eb.ref('excluded.codename'),
            provinceCode: eb.ref('excluded.provinceCode'),
          }))
          .where(sql<boolean>`(admin_units.*) is distinct from (excluded.*)`),
      )
      .returning(sql<boolean>`xmax = 0`.as('isInserted'))
      .execute();
    tally(counts, changed);
  }
  return counts;
}

/** Inserts or updates conversion rows in batches; unchanged rows are left alone. */
export async function upsertConversions(tx: Tx, rows: ConversionRow[]): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0 };
  for (let i = 0; i < rows.length; i += BATCH) {
    const changed = await tx
      .insertInto('adminUnitConversions')
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) =>
        oc
          .columns(['oldCommuneCode', 'newCommuneCode'])
          .doUpdateSet((eb) => ({
            oldProvinceCode: eb.ref('excluded.oldProvinceCode'),
            oldProvinceName: eb.ref('excluded.oldProvinceName'),
            oldDistrictCode: eb.ref('excluded.oldDistrictCode'),
            oldDistrictName: eb.ref('excluded.oldDistrictName'),
            oldCommuneName: eb.ref('excluded.oldCommuneName'),
            newProvinceCode: eb.ref('excluded.newProvinceCode'),
            newCommuneName: eb.ref('excluded.newCommuneName'),
            note: eb.ref('excluded.note'),
          }))
          .where(sql<boolean>`(admin_unit_conversions.*) is distinct from (excluded.*)`),
      )
      .returning(sql<boolean>`xmax = 0`.as('isInserted'))
      .execute();
    tally(counts, changed);
  }
  return counts;
}

function tally(counts: UpsertCounts, changed: { isInserted: boolean }[]) {
  for (const r of changed) {
    if (r.isInserted) counts.inserted++;
    else counts.updated++;
  }
}

/** Code → province code of every commune known, for checking conversion rows before writing. */
export async function listCommuneProvinceCodes(db: Queryable): Promise<Map<string, string | null>> {
  const rows = await db
    .selectFrom('adminUnits')
    .select(['code', 'provinceCode'])
    .where('level', '=', 'commune')
    .execute();
  return new Map(rows.map((r) => [r.code, r.provinceCode]));
}

const UNIT_COLUMNS = ['code', 'name', 'level', 'divisionType', 'provinceCode'] as const;

export async function findAdminUnitByCode(db: Queryable, code: string) {
  return db
    .selectFrom('adminUnits')
    .select(UNIT_COLUMNS)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function listCommunesByProvince(db: Queryable, provinceCode: string) {
  return db
    .selectFrom('adminUnits')
    .select(UNIT_COLUMNS)
    .where('provinceCode', '=', provinceCode)
    .where('level', '=', 'commune')
    .orderBy('code')
    .execute();
}

export interface UnitSearchFilter {
  /** Folded words that must all occur in the folded name (empty: no name filter). */
  words: string[];
  /** The whole input folded, prefix included, to rank an exact full-name match first. */
  folded: string;
  /** Exact codes to match as well (numeric input). */
  codes: string[];
  provinceCode?: string | undefined;
  level?: 'province' | 'commune' | undefined;
  limit: number;
}

/**
 * Units whose folded name contains every word (trigram index) or whose code is in `codes`.
 * Exact code first, then exact name, then exact name ignoring the prefix ("Xã", "Phường"…),
 * then names starting with the words, then names containing them as a phrase; provinces before
 * communes; then by code.
 */
export async function searchAdminUnitRows(db: Queryable, f: UnitSearchFilter) {
  let q = db.selectFrom('adminUnits').select(UNIT_COLUMNS);
  if (f.provinceCode) q = q.where('provinceCode', '=', f.provinceCode);
  if (f.level) q = q.where('level', '=', f.level);
  const { words, codes } = f;
  if (words.length > 0 || codes.length > 0) {
    q = q.where((eb) => {
      const byName =
        words.length > 0 ? eb.and(words.map((w) => containsWord('admin_units.name', w))) : null;
      const byCode = codes.length > 0 ? eb('code', 'in', codes) : null;
      if (byName && byCode) return eb.or([byName, byCode]);
      return byName ?? byCode ?? eb.lit(true);
    });
  }
  const exactCode = codes.length > 0 ? sql`admin_units.code in (${sql.join(codes)})` : sql`false`;
  const phrase = words.join(' ');
  const rank =
    words.length > 0
      ? sql`case when ${exactCode} then 0 when hoi_fold(admin_units.name) = ${f.folded} then 1
          when ${STRIPPED_NAME} = ${phrase} then 2 when ${STRIPPED_NAME} like ${likePrefix(phrase)} then 3
          when hoi_fold(admin_units.name) like ${likeContains(phrase)} then 4 else 5 end`
      : sql`case when ${exactCode} then 0 else 1 end`;
  return q
    .orderBy(rank)
    .orderBy(sql`admin_units.level = 'commune'`)
    .orderBy('code')
    .limit(f.limit)
    .execute();
}

const CONVERSION_COLUMNS = [
  'c.oldProvinceCode',
  'c.oldProvinceName',
  'c.oldDistrictCode',
  'c.oldDistrictName',
  'c.oldCommuneCode',
  'c.oldCommuneName',
  'c.newProvinceCode',
  'c.newCommuneCode',
  'c.note',
] as const;

/**
 * Conversion rows whose old commune has code `code`, or whose folded old name contains every
 * word of `words` (a coarse filter over the trigram index; the service compares exact keys).
 */
export async function findConversionCandidates(
  db: Queryable,
  f: { code: string | null; words: string[] },
) {
  if (f.code === null && f.words.length === 0) return [];
  return db
    .selectFrom('adminUnitConversions as c')
    .leftJoin('adminUnits as nc', 'nc.code', 'c.newCommuneCode')
    .leftJoin('adminUnits as np', 'np.code', 'c.newProvinceCode')
    .select(CONVERSION_COLUMNS)
    .select((eb) => [
      eb.fn.coalesce('nc.name', 'c.newCommuneName').as('newCommuneName'),
      eb.fn.coalesce('np.name', 'c.newProvinceCode').as('newProvinceName'),
    ])
    .where((eb) => {
      const byName =
        f.words.length > 0
          ? eb.and(f.words.map((w) => containsWord('c.old_commune_name', w)))
          : null;
      const byCode = f.code !== null ? eb('c.oldCommuneCode', '=', f.code) : null;
      if (byName && byCode) return eb.or([byName, byCode]);
      return byName ?? byCode ?? eb.lit(false);
    })
    .orderBy('c.oldCommuneCode')
    .orderBy('c.newCommuneCode')
    .execute();
}
