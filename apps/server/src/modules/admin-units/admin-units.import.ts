import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AdminUnitImportSummary } from '@hoi/contracts';
import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.js';
import { AppError } from '../../platform/errors.js';
import {
  listCommuneProvinceCodes,
  upsertAdminUnits,
  upsertConversions,
  type AdminUnitRow,
  type ConversionRow,
  type UpsertCounts,
} from './admin-units.repo.js';
import { cleanName, foldVietnamese, padCode, splitNameAndCode } from './admin-units.names.js';

/** A file to import, already read: `name` only labels skipped rows and errors. */
export interface ImportSource {
  name: string;
  text: string;
}
type SkippedRow = AdminUnitImportSummary['skippedRows'][number];

const NumericCode = (width: number) =>
  z
    .union([z.number().int().nonnegative(), z.string().trim().regex(/^\d+$/)])
    .transform((v, ctx) => {
      const code = String(v).padStart(width, '0');
      if (code.length !== width)
        ctx.addIssue({ code: 'custom', message: `code wider than ${width} digits` });
      return code;
    });
const WardSchema = z.object({
  name: z.string().trim().min(1),
  code: NumericCode(5),
  codename: z.string().nullish(),
  division_type: z.string().trim().min(1),
});
const NestedDivisionsSchema = z
  .array(
    z.object({
      name: z.string().trim().min(1),
      code: NumericCode(2),
      codename: z.string().nullish(),
      division_type: z.string().trim().min(1),
      wards: z.array(WardSchema),
    }),
  )
  .min(1);

/** Header cells of the conversion table, compared folded and without punctuation. */
const CSV_COLUMNS = {
  newProvince: 'tinhthanhpho',
  newCommuneName: 'tenxamoi',
  newCommuneCode: 'maxamoi',
  oldCommuneName: 'tenxacu',
  oldCommuneCode: 'maxacu',
  note: 'ghichu',
  oldDistrict: 'quanhuyen',
  oldProvince: 'tinhcu',
} as const;
type CsvColumn = keyof typeof CSV_COLUMNS;
const REQUIRED_CSV_COLUMNS: CsvColumn[] = [
  'newCommuneCode',
  'oldCommuneName',
  'oldCommuneCode',
  'oldDistrict',
  'oldProvince',
];
const HEADER_SEARCH_ROWS = 5;

interface ParsedUnits {
  kind: 'units';
  name: string;
  provinces: AdminUnitRow[];
  communes: AdminUnitRow[];
}
interface CsvRecord {
  line: number;
  cells: Record<CsvColumn, string>;
}
interface ParsedConversions {
  kind: 'conversions';
  name: string;
  records: CsvRecord[];
}
type Parsed = ParsedUnits | ParsedConversions;

/**
 * Imports official administrative-unit files: the nested JSON list of provinces and their
 * communes, and the old → new commune conversion CSV (format detected per file). Every file is
 * parsed before anything is written, so a malformed file leaves the database untouched; unit
 * lists are written before conversion tables; each file is one transaction; re-running changes
 * nothing. Units and conversions absent from a file are kept: files are merged, never pruned.
 * Conversion rows that cannot be used (no old code, unknown new commune…) are reported in
 * `skippedRows`.
 *
 * @example
 * const summary = await importAdminUnits(db.system, ['nested-divisions.json', 'old-to-new.csv']);
 * // { provinces: 34, communes: 3321, conversions: 10565, inserted: …, skippedRows: [...] }
 */
export async function importAdminUnits(
  system: Db,
  files: string[],
): Promise<AdminUnitImportSummary> {
  const sources = await Promise.all(
    files.map(async (file): Promise<ImportSource> => {
      try {
        return { name: path.basename(file), text: await readFile(file, 'utf8') };
      } catch (err) {
        const reason = `cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
        throw new AppError('VALIDATION_FAILED', { file, reason });
      }
    }),
  );
  return importAdminUnitSources(system, sources);
}

/** `importAdminUnits` for contents already in memory (uploads, tests). */
export async function importAdminUnitSources(
  system: Db,
  sources: ImportSource[],
): Promise<AdminUnitImportSummary> {
  const parsed = sources.map(parseSource);
  const summary: AdminUnitImportSummary = {
    provinces: 0,
    communes: 0,
    conversions: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skippedRows: [],
  };
  const add = (read: number, counts: UpsertCounts) => {
    summary.inserted += counts.inserted;
    summary.updated += counts.updated;
    summary.unchanged += read - counts.inserted - counts.updated;
  };
  // Conversion rows point at new communes, so unit lists go first whatever the argument order.
  const ordered = [
    ...parsed.filter((p) => p.kind === 'units'),
    ...parsed.filter((p) => p.kind === 'conversions'),
  ];
  for (const p of ordered) {
    if (p.kind === 'units') {
      const counts = await system.transaction().execute(async (tx) => {
        const a = await upsertAdminUnits(tx, p.provinces);
        const b = await upsertAdminUnits(tx, p.communes);
        return { inserted: a.inserted + b.inserted, updated: a.updated + b.updated };
      });
      summary.provinces += p.provinces.length;
      summary.communes += p.communes.length;
      add(p.provinces.length + p.communes.length, counts);
    } else {
      const { rows, counts } = await system.transaction().execute(async (tx) => {
        const checked = await checkConversions(tx, p, summary.skippedRows);
        return { rows: checked, counts: await upsertConversions(tx, checked) };
      });
      summary.conversions += rows.length;
      add(rows.length, counts);
    }
  }
  return summary;
}

function malformed(file: string, reason: string): AppError {
  return new AppError('VALIDATION_FAILED', { file, reason });
}

function parseSource(source: ImportSource): Parsed {
  const text = source.text.replace(/^\uFEFF/, '');
  const first = text.trimStart()[0];
  if (first === '[' || first === '{') return parseNestedJson(source.name, text);
  return parseConversionCsv(source.name, text);
}

function parseNestedJson(name: string, text: string): ParsedUnits {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw malformed(name, `not valid JSON: ${(err as Error).message}`);
  }
  const result = NestedDivisionsSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw malformed(
      name,
      `not a list of provinces with their wards${where}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const provinces: AdminUnitRow[] = [];
  const communes: AdminUnitRow[] = [];
  const seen = new Set<string>();
  const claim = (code: string) => {
    if (seen.has(code)) throw malformed(name, `code ${code} appears twice`);
    seen.add(code);
  };
  for (const p of result.data) {
    claim(p.code);
    provinces.push({
      code: p.code,
      level: 'province',
      name: cleanName(p.name),
      divisionType: cleanName(p.division_type),
      codename: p.codename ?? null,
      provinceCode: null,
    });
    for (const w of p.wards) {
      claim(w.code);
      communes.push({
        code: w.code,
        level: 'commune',
        name: cleanName(w.name),
        divisionType: cleanName(w.division_type),
        codename: w.codename ?? null,
        provinceCode: p.code,
      });
    }
  }
  return { kind: 'units', name, provinces, communes };
}

function parseConversionCsv(name: string, text: string): ParsedConversions {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info: true` csv-parse yields { record, info } objects; its typings do not say so.
    records = parseCsv(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) throw malformed(name, `not valid CSV: ${err.message}`);
    throw err;
  }
  const headerAt = records
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((r) =>
      REQUIRED_CSV_COLUMNS.every((c) =>
        r.record.some((cell) => headerKey(cell) === CSV_COLUMNS[c]),
      ),
    );
  const header = records[headerAt];
  if (!header) {
    throw malformed(
      name,
      'neither a JSON list of provinces nor a conversion table (no header row with ' +
        '"Mã Xã mới", "Tên Xã cũ", "Mã Xã cũ", "Quận/huyện", "Tỉnh cũ" in the first rows)',
    );
  }
  const keys = header.record.map(headerKey);
  const index = Object.fromEntries(
    Object.entries(CSV_COLUMNS).map(([column, key]) => [column, keys.indexOf(key)]),
  ) as Record<CsvColumn, number>;
  const out: CsvRecord[] = [];
  for (const { record, info } of records.slice(headerAt + 1)) {
    const nonEmpty = record.filter((c) => c.trim().length > 0).length;
    // Blank rows and section titles ("THÀNH PHỐ HÀ NỘI ,,,,,") carry no conversion.
    if (nonEmpty === 0 || (nonEmpty === 1 && (record[0] ?? '').trim().length > 0)) continue;
    const embeddedNewlines = record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    const cells = Object.fromEntries(
      Object.entries(index).map(([column, i]) => [column, i >= 0 ? (record[i] ?? '') : '']),
    ) as Record<CsvColumn, string>;
    out.push({ line: info.lines - embeddedNewlines, cells });
  }
  return { kind: 'conversions', name, records: out };
}

function headerKey(cell: string): string {
  return foldVietnamese(cell).replace(/[^a-z0-9]/g, '');
}

/** Turns CSV records into rows, moving the unusable ones to `skipped` with their reason. */
async function checkConversions(
  tx: Tx,
  p: ParsedConversions,
  skipped: SkippedRow[],
): Promise<ConversionRow[]> {
  const communeProvince = await listCommuneProvinceCodes(tx);
  const firstLine = new Map<string, number>();
  const rows: ConversionRow[] = [];
  const skip = (line: number, reason: string) => skipped.push({ file: p.name, line, reason });
  for (const { line, cells } of p.records) {
    const rawNew = cells.newCommuneCode.trim();
    const rawOld = cells.oldCommuneCode.trim();
    const newCode = padCode(rawNew, 5);
    const oldCode = padCode(rawOld, 5);
    const oldName = cleanName(cells.oldCommuneName);
    if (!newCode) {
      skip(line, rawNew ? `invalid new commune code "${rawNew}"` : 'no new commune code');
      continue;
    }
    if (!oldCode) {
      skip(line, rawOld ? `invalid old commune code "${rawOld}"` : 'no old commune code');
      continue;
    }
    if (!oldName) {
      skip(line, 'no old commune name');
      continue;
    }
    if (!communeProvince.has(newCode)) {
      skip(line, `unknown new commune code ${newCode} (import the list of units first)`);
      continue;
    }
    const unitProvince = communeProvince.get(newCode) ?? null;
    const newProvinceCode = padCode(splitNameAndCode(cells.newProvince).code, 2) ?? unitProvince;
    if (!newProvinceCode || (unitProvince && newProvinceCode !== unitProvince)) {
      skip(
        line,
        `new commune ${newCode} belongs to province ${unitProvince ?? '?'}, not ${newProvinceCode ?? '?'}`,
      );
      continue;
    }
    const key = `${oldCode}>${newCode}`;
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      skip(line, `duplicate of line ${earlier} (old ${oldCode} → new ${newCode})`);
      continue;
    }
    firstLine.set(key, line);
    const district = splitNameAndCode(cells.oldDistrict);
    const province = splitNameAndCode(cells.oldProvince);
    rows.push({
      oldProvinceCode: padCode(province.code, 2),
      oldProvinceName: province.name,
      oldDistrictCode: padCode(district.code, 3),
      oldDistrictName: district.name,
      oldCommuneCode: oldCode,
      oldCommuneName: oldName,
      newProvinceCode,
      newCommuneCode: newCode,
      newCommuneName: cleanName(cells.newCommuneName),
      note: cleanName(cells.note),
    });
  }
  return rows;
}
