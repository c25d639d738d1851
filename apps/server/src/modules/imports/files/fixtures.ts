/**
 * Messy member lists, as hundreds of hands type them, for tests and the import benchmark:
 * title rows, two-level merged headers, column numbering rows, headings without diacritics,
 * dates as real dates, serial numbers, text ("05/3/1948", "5/3/48") or the year alone, personal
 * IDs and phones stored as numbers (leading zeros lost), a "Chi hội" column merged down each
 * branch, duplicate rows, a totals row and old (pre-2025) commune/district/province columns.
 * Deterministic for a seed; the XLSX and CSV writers stream (1,000,000 rows are fine).
 *
 * @example
 * const layout = await writeMessyXlsx(file, fixtureMembers(1000), { titleRows: true, mergedHeader: true });
 */
import { once } from 'node:events';
import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import {
  AGE_BANDS,
  FAMILY_NAMES,
  GIVEN_NAMES,
  ID_PREFIXES,
  MIDDLE_NAMES,
  MOBILE_PREFIXES,
  SOUTHERN_SPELLING,
} from '../../members/members.generate-names.js';
import { Draw, personalIdFor, seededRandom } from '../../members/members.generate-plan.js';
import {
  fixtureColumns,
  headingOf,
  memberCells,
  vnDate,
  type FixtureColumn,
  type LayoutOptions,
} from './fixtures-cells.js';
import {
  LEGACY_WARDS,
  MEMBER_CATEGORIES,
  NOTES,
  STREETS,
  type LegacyWard,
} from './fixtures-data.js';

/** How the birth date is written: a date cell, an Excel serial in a General cell, text, or the year. */
export type BirthKind = 'date' | 'serial' | 'text-date' | 'two-digit-year' | 'year';

export interface FixtureMember {
  /** 1-based position in the generated list. */
  index: number;
  fullName: string;
  gender: 'male' | 'female';
  /** The true birth date (ISO); `birthKind` says how the file writes it. */
  birthDate: string;
  birthKind: BirthKind;
  /** The true 12-digit personal ID. */
  idNumber: string | null;
  /** Written as a number: an 001… ID loses two zeros, 010…096 one. */
  idAsNumber: boolean;
  /** The true 10-digit mobile number. */
  phone: string | null;
  phoneAsNumber: boolean;
  ethnicity: string;
  religion: string;
  hamlet: string;
  /** Street address with the new (2025) ward and province. */
  address: string;
  branch: string;
  branchCode: string;
  joinedOn: string | null;
  memberNumber: string | null;
  category: (typeof MEMBER_CATEGORIES)[number];
  note: string | null;
  /** The old ward, district and province (and the new ward they became). */
  legacy: LegacyWard;
}

export interface FixtureOptions {
  seed?: number | string;
  /** Birth kinds to draw from (default: a realistic mix of all). */
  birthKinds?: BirthKind[];
  /** Share of IDs (default 0.3) and phones (default 0.4) stored as numbers. */
  idAsNumberShare?: number;
  phoneAsNumberShare?: number;
  /** Number of branches (default 12); members come in runs of 5–40 per branch. */
  branches?: number;
}

const BIRTH_MIX: [BirthKind, number][] = [
  ['date', 40],
  ['text-date', 20],
  ['year', 20],
  ['two-digit-year', 10],
  ['serial', 10],
];
const ETHNIC_MINORITIES = ['Tày', 'Mường', 'Hoa', 'Khơ-me', 'Nùng', 'Chăm'];
const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

interface Branch {
  name: string;
  code: string;
  hamlet: string;
  ward: LegacyWard;
}

function branchesOf(count: number): Branch[] {
  return Array.from({ length: count }, (_, i) => {
    const ward = LEGACY_WARDS[i % LEGACY_WARDS.length]!;
    const n = Math.floor(i / LEGACY_WARDS.length) + 1 + (i % 3);
    const hamlet = ward.region === 'south' ? `Khu phố ${n}` : `Tổ dân phố số ${n}`;
    const short = ward.commune.replace(/^Phường /, '');
    return {
      name: `Chi hội ${hamlet.replace(' dân phố số', '')} ${short}`,
      code: `CH${String(i + 1).padStart(2, '0')}`,
      hamlet,
      ward,
    };
  });
}

/** Generates `count` members in branch runs; the same seed gives the same list. */
export function* fixtureMembers(
  count: number,
  opts: FixtureOptions = {},
): Generator<FixtureMember> {
  const d = new Draw(seededRandom(opts.seed ?? 'hoi-import-fixtures'));
  const branches = branchesOf(opts.branches ?? 12);
  const kinds: [BirthKind, number][] = opts.birthKinds
    ? opts.birthKinds.map((k) => [k, 1])
    : BIRTH_MIX;
  let index = 0;
  for (let run = 0; index < count; run++) {
    const branch = branches[run % branches.length]!;
    const region = branch.ward.region;
    for (let k = d.int(5, 40); k > 0 && index < count; k--) {
      index++;
      const gender = d.chance(0.55) ? 'female' : 'male';
      let family = d.weighted(FAMILY_NAMES);
      if (family === 'Hoàng' && d.chance(SOUTHERN_SPELLING[region])) family = 'Huỳnh';
      if (family === 'Vũ' && d.chance(SOUTHERN_SPELLING[region])) family = 'Võ';
      const [lo, hi] = d.weighted(AGE_BANDS);
      const year = 2025 - d.int(lo, hi);
      const month = d.int(1, 12);
      const day = d.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
      const joinYear = d.int(Math.max(year + 55, 1990), 2024);
      const street = d.pick(STREETS[region]);
      yield {
        index,
        fullName: `${family} ${d.weighted(MIDDLE_NAMES[gender])} ${d.weighted(GIVEN_NAMES[gender])}`,
        gender,
        birthDate: iso(year, month, day),
        birthKind: d.weighted(kinds),
        idNumber: d.chance(0.9)
          ? personalIdFor(d.next, d.weighted(ID_PREFIXES[region]), year, gender)
          : null,
        idAsNumber: d.chance(opts.idAsNumberShare ?? 0.3),
        phone: d.chance(0.7) ? d.pick(MOBILE_PREFIXES) + d.digits(7) : null,
        phoneAsNumber: d.chance(opts.phoneAsNumberShare ?? 0.4),
        ethnicity: d.chance(0.92) ? 'Kinh' : d.pick(ETHNIC_MINORITIES),
        religion: d.weighted([
          ['Không', 70],
          ['Phật giáo', 15],
          ['Công giáo', 10],
          ['Cao Đài', 2],
          ['Tin Lành', 2],
          ['Phật giáo Hòa Hảo', 1],
        ]),
        hamlet: branch.hamlet,
        address: `Số ${d.int(1, 200)} ${street}, ${branch.ward.newWard}, ${branch.ward.newProvince}`,
        branch: branch.name,
        branchCode: branch.code,
        joinedOn:
          joinYear <= 2024 && d.chance(0.85) ? iso(joinYear, d.int(1, 12), d.int(1, 28)) : null,
        memberNumber: d.chance(0.6) ? `HV${String(index).padStart(6, '0')}` : null,
        category: d.weighted([
          [MEMBER_CATEGORIES[0], 90],
          [MEMBER_CATEGORIES[1], 8],
          [MEMBER_CATEGORIES[2], 2],
        ]),
        note: d.chance(0.1) ? d.pick(NOTES) : null,
        legacy: branch.ward,
      };
    }
  }
}

export interface CsvOptions {
  delimiter?: string;
  /** Default true (Excel's "CSV UTF-8"). */
  bom?: boolean;
  encoding?: 'utf8' | 'utf16le';
  /** Default CRLF. */
  eol?: string;
}

function csvText(v: unknown, delimiter: string): string {
  if (v === null || v === undefined) return '';
  const s =
    v instanceof Date
      ? vnDate(v.toISOString().slice(0, 10))
      : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : JSON.stringify(v);
  return s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Streams a CSV file: headings, then rows (Dates as dd/mm/yyyy). UTF-16LE gets its BOM (Excel's
 * "Unicode text"); memory stays flat for any number of rows.
 */
export async function writeCsv(
  path: string,
  headings: string[],
  rows: Iterable<unknown[]> | AsyncIterable<unknown[]>,
  opts: CsvOptions = {},
): Promise<void> {
  const { delimiter = ',', bom = true, encoding = 'utf8', eol = '\r\n' } = opts;
  const out = fs.createWriteStream(path);
  const write = async (s: string) => {
    if (!out.write(Buffer.from(s, encoding))) await once(out, 'drain');
  };
  let buffer =
    (bom ? '\uFEFF' : '') + headings.map((h) => csvText(h, delimiter)).join(delimiter) + eol;
  for await (const row of rows) {
    buffer += row.map((v) => csvText(v, delimiter)).join(delimiter) + eol;
    if (buffer.length > 64 * 1024) {
      await write(buffer);
      buffer = '';
    }
  }
  await write(buffer);
  out.end();
  await finished(out);
}

export interface MessyXlsxOptions extends LayoutOptions {
  /** Default "Danh sách". */
  sheetName?: string;
  /** Title lines above the header: the association, "DANH SÁCH HỘI VIÊN" merged across. */
  titleRows?: boolean;
  /** Two header rows: "Năm sinh" merged over "Nam" | "Nữ" (implies birthByGender), the other
   * headings merged down over both rows. */
  mergedHeader?: boolean;
  /** A "(1) (2) (3)…" row under the header. */
  numberingRow?: boolean;
  /** Headings typed in mixed case without diacritics ("HO VA TEN", "Ngay sinh"). */
  plainHeadings?: boolean;
  /** "Chi hội" merged down over each run of one branch's members. */
  mergedBranch?: boolean;
  /** With legacyAddress: every third member's old units abbreviated ("P. Trúc Bạch"). */
  abbreviateLegacy?: boolean;
  /** Repeat every n-th member on the next row (0: never). */
  duplicateEvery?: number;
  /** A "Tổng cộng" row after the data, with a COUNTA formula and its cached result. */
  totalsRow?: boolean;
  /** An empty first sheet, so the list is on the second. */
  emptySheetFirst?: boolean;
  /** Text in the shared-strings table, as Excel writes it (default: inline, faster). */
  sharedStrings?: boolean;
}

export interface MessyXlsxLayout {
  sheet: string;
  columns: FixtureColumn[];
  /** Row numbers of the header (two with mergedHeader). */
  headerRows: number[];
  /** Heading per column as readTable gives the last header row (vertical merges filled). */
  headings: string[];
  firstDataRow: number;
  lastDataRow: number;
  /** Data rows written, duplicates included. */
  dataRows: number;
  /** Rows that repeat the row above. */
  duplicateRows: number[];
  totalsRow: number | null;
  merges: string[];
}

/** Shared style objects: exceljs caches a style's id by object identity, a 5× faster write. */
const STYLES: Record<'plain' | 'date' | 'text', Partial<ExcelJS.Style>> = {
  plain: {},
  date: { numFmt: 'dd/mm/yyyy' },
  text: { numFmt: '@' },
};

const WIDTHS: Partial<Record<FixtureColumn, number>> = {
  no: 6,
  fullName: 26,
  address: 40,
  branch: 26,
};

/** Excel column letters of a 1-based column number. */
export function columnLetter(col: number): string {
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26))
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** Streams a messy member list to an .xlsx file and says where everything went. */
export async function writeMessyXlsx(
  path: string,
  members: Iterable<FixtureMember>,
  opts: MessyXlsxOptions = {},
): Promise<MessyXlsxLayout> {
  const byGender = Boolean(opts.birthByGender || opts.mergedHeader);
  const columns = fixtureColumns({ birthByGender: byGender, legacyAddress: opts.legacyAddress });
  const last = columnLetter(columns.length);
  const plain = Boolean(opts.plainHeadings);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: Boolean(opts.sharedStrings),
    zip: { zlib: { level: 1 } },
  });
  if (opts.emptySheetFirst) wb.addWorksheet('Sheet1').commit();
  const sheet = opts.sheetName ?? 'Danh sách';
  const ws = wb.addWorksheet(sheet);
  ws.columns = columns.map((c) => ({ key: c, width: WIDTHS[c] ?? 14 }));
  const merges: string[] = [];
  const merge = (ref: string) => {
    ws.mergeCells(ref);
    merges.push(ref);
  };
  const put = (rowNumber: number, values: unknown[], font?: Partial<ExcelJS.Font>) => {
    const row = ws.getRow(rowNumber);
    const styled = font && { ...STYLES.plain, font };
    values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      const cell = row.getCell(i + 1);
      cell.value = v as ExcelJS.CellValue;
      cell.style =
        styled ??
        (v instanceof Date
          ? STYLES.date
          : typeof v === 'string' && /^\d{9,}$/.test(v)
            ? STYLES.text
            : STYLES.plain);
    });
    return row;
  };
  let r = 1;
  if (opts.titleRows) {
    const right = Math.max(columns.length - 5, 6);
    put(1, ['HỘI NGƯỜI CAO TUỔI PHƯỜNG BA ĐÌNH'], { bold: true });
    put(1, [...Array<null>(right - 1).fill(null), 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'], {
      bold: true,
    });
    merge(`A1:${columnLetter(Math.min(5, right - 1))}1`);
    merge(`${columnLetter(right)}1:${last}1`);
    put(2, ['DANH SÁCH HỘI VIÊN'], { bold: true, size: 14 });
    merge(`A2:${last}2`);
    put(3, ['(Kèm theo Báo cáo số 12/BC-HNCT ngày 31/12/2024)'], { italic: true });
    merge(`A3:${last}3`);
    r = 5; // row 4 stays empty
  }
  const headerRows = opts.mergedHeader ? [r, r + 1] : [r];
  const headings = columns.map((c) => headingOf(c, plain));
  if (opts.mergedHeader) {
    put(
      r,
      columns.map((c) =>
        c === 'birthFemale'
          ? null
          : c === 'birthMale'
            ? headingOf('birthGroup', plain)
            : headingOf(c, plain),
      ),
      { bold: true },
    );
    put(
      r + 1,
      columns.map((c) => (c === 'birthMale' || c === 'birthFemale' ? headingOf(c, plain) : null)),
      { bold: true },
    );
    columns.forEach((c, i) => {
      const l = columnLetter(i + 1);
      if (c === 'birthMale') merge(`${l}${r}:${columnLetter(i + 2)}${r}`);
      else if (c !== 'birthFemale') merge(`${l}${r}:${l}${r + 1}`);
    });
  } else {
    put(r, headings, { bold: true });
  }
  r += headerRows.length;
  if (opts.numberingRow)
    put(
      r++,
      columns.map((_, i) => `(${i + 1})`),
      { italic: true },
    );
  ws.getRow(r - 1).commit();

  const firstDataRow = r;
  const branchCol = columns.indexOf('branch') + 1;
  const duplicateRows: number[] = [];
  let run: { rowNumber: number; branch: string }[] = [];
  const flush = () => {
    const [a, b] = [run[0], run[run.length - 1]];
    if (a && b && b.rowNumber > a.rowNumber && opts.mergedBranch) {
      merge(`${columnLetter(branchCol)}${a.rowNumber}:${columnLetter(branchCol)}${b.rowNumber}`);
    }
    if (b) ws.getRow(b.rowNumber).commit();
    run = [];
  };
  let no = 0;
  for (const m of members) {
    if (run.length && (!opts.mergedBranch || run[0]!.branch !== m.branch)) flush();
    const cells = memberCells(m, columns, 'xlsx', { abbreviateLegacy: opts.abbreviateLegacy });
    cells[0] = ++no;
    put(r, cells);
    run.push({ rowNumber: r++, branch: m.branch });
    if (opts.duplicateEvery && m.index % opts.duplicateEvery === 0) {
      cells[0] = ++no;
      duplicateRows.push(r);
      put(r, cells);
      run.push({ rowNumber: r++, branch: m.branch });
    }
  }
  flush();
  const lastDataRow = r - 1;
  let totalsRow: number | null = null;
  if (opts.totalsRow) {
    totalsRow = r;
    const name = columnLetter(columns.indexOf('fullName') + 1);
    const row = put(r, ['Tổng cộng'], { bold: true });
    row.getCell(columns.indexOf('fullName') + 1).value = {
      formula: `COUNTA(${name}${firstDataRow}:${name}${lastDataRow})`,
      result: no,
    };
    row.commit();
  }
  ws.commit();
  await wb.commit();
  return {
    sheet,
    columns,
    headerRows,
    headings,
    firstDataRow,
    lastDataRow,
    dataRows: no,
    duplicateRows,
    totalsRow,
    merges,
  };
}
