/**
 * Finding the heading row of a member list and mapping its columns to import fields. Real files
 * have title rows above the headings, two-level headings (a merged "Năm sinh" over "Nam" | "Nữ",
 * the birth year written in the column of the member's sex), headings without diacritics, and
 * a row numbering the columns (1) (2) (3) under the headings.
 */
import { displayOf, foldWords, readCell } from './cells.js';
import { ALIASES } from './heading-aliases.js';

export const IMPORT_FIELDS = [
  'fullName',
  'birthDate',
  'birthYear',
  'birthYearMale',
  'birthYearFemale',
  'gender',
  'idNumber',
  'legacyIdNumber',
  'ethnicity',
  'religion',
  'phone',
  'email',
  'address',
  'hamlet',
  'oldCommune',
  'oldDistrict',
  'oldProvince',
  'commune',
  'province',
  'unit',
  'unitCode',
  'joinedOn',
  'memberNumber',
  'category',
  'admissionNumber',
  'notes',
  'rowNumber',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The heading of each field in our own template and export (also accepted on import). */
export const FIELD_LABELS: Record<ImportField, { vi: string; en: string }> = {
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  birthDate: { vi: 'Ngày sinh', en: 'Birth date' },
  birthYear: { vi: 'Năm sinh', en: 'Year of birth' },
  birthYearMale: { vi: 'Năm sinh (Nam)', en: 'Year of birth (male)' },
  birthYearFemale: { vi: 'Năm sinh (Nữ)', en: 'Year of birth (female)' },
  gender: { vi: 'Giới tính', en: 'Sex' },
  idNumber: { vi: 'Số định danh cá nhân', en: 'Personal ID' },
  legacyIdNumber: { vi: 'Số CMND', en: 'Legacy ID card' },
  ethnicity: { vi: 'Dân tộc', en: 'Ethnicity' },
  religion: { vi: 'Tôn giáo', en: 'Religion' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  email: { vi: 'Email', en: 'Email' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  hamlet: { vi: 'Thôn, xóm, tổ dân phố', en: 'Hamlet' },
  oldCommune: { vi: 'Xã/phường cũ', en: 'Old commune' },
  oldDistrict: { vi: 'Huyện cũ', en: 'Old district' },
  oldProvince: { vi: 'Tỉnh cũ', en: 'Old province' },
  commune: { vi: 'Xã/phường', en: 'Commune' },
  province: { vi: 'Tỉnh/thành phố', en: 'Province' },
  unit: { vi: 'Chi hội', en: 'Unit' },
  unitCode: { vi: 'Mã chi hội', en: 'Unit code' },
  joinedOn: { vi: 'Ngày vào hội', en: 'Joined on' },
  memberNumber: { vi: 'Số thẻ', en: 'Member no.' },
  category: { vi: 'Loại hội viên', en: 'Category' },
  admissionNumber: { vi: 'Số quyết định kết nạp', en: 'Admission decision no.' },
  notes: { vi: 'Ghi chú', en: 'Notes' },
  rowNumber: { vi: 'STT', en: 'No.' },
};

/** Our own error-report columns: never data. */
const REPORT_HEADINGS = /^(dong goc|loi|canh bao)( |$)/;
/** Longer headings recognised by how they begin. */
const PREFIXES: readonly [string, ImportField][] = [
  ['ghi chu', 'notes'],
  ['dia chi', 'address'],
];

const EXACT: ReadonlyMap<string, ImportField> = (() => {
  const m = new Map<string, ImportField>();
  for (const field of IMPORT_FIELDS) {
    for (const alias of ALIASES[field]) m.set(alias, field);
    m.set(foldWords(FIELD_LABELS[field].en), field);
    m.set(foldWords(FIELD_LABELS[field].vi), field);
  }
  return m;
})();

/** Drops an English part after " / " ("Họ và tên / Full name"), not "Số CMND / CCCD". */
function withoutEnglish(s: string): string {
  const at = s.lastIndexOf(' / ');
  if (at < 0) return s;
  const tail = s.slice(at + 3);
  return /^[\x20-\x7e]+$/.test(tail) && /[a-z]/.test(tail) ? s.slice(0, at) : s;
}

function withoutNotes(s: string): string {
  return s.replace(/\([^)]*\)?/g, ' ');
}

/**
 * A heading reduced for matching: NFC, no diacritics, lower case, punctuation dropped, an
 * English part after " / " and notes in parentheses removed.
 *
 * @example
 * foldHeading('Ngày sinh / Birth date (dd/mm/yyyy)') // 'ngay sinh'
 */
export function foldHeading(text: unknown): string {
  return foldWords(withoutNotes(withoutEnglish(displayOf(text))));
}

/** The ways a heading is tried, most literal first ("Năm sinh (Nam)" must keep its note). */
function variants(text: unknown): string[] {
  const s = displayOf(text);
  const all = [
    foldWords(s),
    foldWords(withoutEnglish(s)),
    foldWords(withoutNotes(s)),
    foldWords(withoutNotes(withoutEnglish(s))),
  ];
  return [...new Set(all)].filter((v) => v !== '');
}

/**
 * The import field a heading names, or null (unknown headings, and the "Dòng gốc", "Lỗi",
 * "Cảnh báo" columns of our own error report).
 *
 * @example
 * fieldForHeading('HO VA TEN') // 'fullName'
 * fieldForHeading('Số CMND/CCCD') // 'idNumber'
 */
export function fieldForHeading(text: unknown): ImportField | null {
  const vs = variants(text);
  if (vs.length === 0 || vs.some((v) => REPORT_HEADINGS.test(v))) return null;
  for (const v of vs) {
    const f = EXACT.get(v);
    // Folding makes "Năm" (year) look like "Nam" (male).
    if (f === 'birthYearMale' && /năm\P{L}*$/iu.test(displayOf(text))) return null;
    if (f) return f;
  }
  for (const v of vs)
    for (const [prefix, field] of PREFIXES) if (v.startsWith(`${prefix} `)) return field;
  return null;
}

/**
 * True for the row of column numbers some forms put under the headings: "1", "2", "3" or
 * "(1)", "(2)", … (letters such as "A", "B" allowed among them), increasing.
 */
export function isColumnNumberingRow(cells: unknown[]): boolean {
  if (!Array.isArray(cells)) return false;
  const values = cells.map(displayOf).filter((t) => t !== '');
  let last = -Infinity;
  let numbers = 0;
  for (const v of values) {
    const m = /^\(?\s*(\d{1,3}|[A-Za-z])\s*\)?\.?$/.exec(v);
    if (!m) return false;
    if (/^\d+$/.test(m[1]!)) {
      const n = Number(m[1]);
      if (n <= last) return false;
      last = n;
      numbers++;
    }
  }
  return numbers >= 2;
}

export interface HeaderDetection {
  /** 0-based index of the LAST heading row; data starts below it. */
  headerRowIndex: number;
  headerRowCount: 1 | 2;
  /** Every column up to the last heading; `field` null for unknown or empty headings. */
  columns: { index: number; heading: string; field: ImportField | null }[];
  /** Number of distinct fields recognised. */
  score: number;
}

type Columns = HeaderDetection['columns'];

function rowCells(row: unknown): unknown[] {
  return Array.isArray(row) ? row : [];
}

function oneRow(row: unknown[]): Columns {
  const texts = row.map(displayOf);
  let last = texts.length - 1;
  while (last >= 0 && texts[last] === '') last--;
  return texts.slice(0, last + 1).map((heading, index) => ({
    index,
    heading,
    field: heading ? fieldForHeading(heading) : null,
  }));
}

const BIRTH_OR_SEX: ReadonlySet<ImportField | null> = new Set(['birthDate', 'birthYear', 'gender']);
const OLD_FIELD: Partial<Record<ImportField, ImportField>> = {
  commune: 'oldCommune',
  province: 'oldProvince',
};

/** The field of a second-row heading under a first-row heading that spans it. */
function subField(top: string, sub: string): ImportField | null {
  const field = fieldForHeading(sub);
  if (field === 'birthYearMale' || field === 'birthYearFemale')
    return top === '' || BIRTH_OR_SEX.has(fieldForHeading(top)) ? field : null;
  if (field && / (cu|truoc sap nhap)( |$)/.test(` ${foldHeading(top)}`))
    return OLD_FIELD[field] ?? field;
  return field;
}

/** Columns of a two-row heading, or null when the second row is not headings. */
function twoRows(topRow: unknown[], subRow: unknown[]): Columns | null {
  if (isColumnNumberingRow(subRow)) return null;
  // The name heading sits in the top row, merged down: the cell under it is empty (or repeats it).
  const name = topRow.findIndex((cell) => fieldForHeading(cell) === 'fullName');
  const under = name < 0 ? '' : displayOf(subRow[name]);
  if (name < 0 || (under !== '' && under !== displayOf(topRow[name]))) return null;
  const width = Math.max(topRow.length, subRow.length);
  const columns: Columns = [];
  let span = '';
  let subs = 0;
  let recognised = 0;
  for (let index = 0; index < width; index++) {
    const top = displayOf(topRow[index]);
    const subCell = readCell(subRow[index]);
    if (subCell.kind === 'number' || subCell.kind === 'date' || subCell.kind === 'bool')
      return null;
    let sub = displayOf(subRow[index]);
    // exceljs repeats a vertically merged heading in the cell below it.
    if (sub === top) sub = '';
    if (top) span = top;
    else if (!sub) span = '';
    if (!sub) {
      columns.push({ index, heading: top, field: top ? fieldForHeading(top) : null });
      continue;
    }
    subs++;
    const context = top || span;
    let field = subField(context, sub);
    if (field) recognised++;
    else if (top) {
      // Under the name heading only a data row has text: this is not a heading row.
      field = fieldForHeading(top);
      if (field === 'fullName') return null;
    }
    columns.push({ index, heading: context ? `${context} (${sub})` : sub, field });
  }
  if (subs === 0 || recognised * 2 < subs) return null;
  while (columns.length > 0 && columns[columns.length - 1]!.heading === '') columns.pop();
  return columns;
}

function scoreOf(columns: Columns): number {
  return new Set(columns.map((c) => c.field).filter((f) => f !== null)).size;
}

/**
 * Finds the heading row (or two rows) among the first `maxScan` rows (default 30): the one
 * naming the most fields, at least two of them, the full name among them. Title rows above are
 * skipped. Returns null when no row qualifies. The caller should skip a column-numbering row
 * right under the headings (`isColumnNumberingRow`).
 *
 * @example
 * detectHeader([['DANH SÁCH HỘI VIÊN'], ['STT', 'Họ và tên', 'Năm sinh']])?.headerRowIndex // 1
 */
export function detectHeader(
  rows: unknown[][],
  opts: { maxScan?: number } = {},
): HeaderDetection | null {
  const all = Array.isArray(rows) ? rows : [];
  const scan = Math.min(all.length, opts.maxScan ?? 30);
  let best: HeaderDetection | null = null;
  const consider = (columns: Columns | null, headerRowIndex: number, headerRowCount: 1 | 2) => {
    if (!columns || !columns.some((c) => c.field === 'fullName')) return;
    const score = scoreOf(columns);
    if (score >= 2 && (!best || score > best.score))
      best = { headerRowIndex, headerRowCount, columns, score };
  };
  for (let r = 0; r < scan; r++) {
    const row = rowCells(all[r]);
    consider(oneRow(row), r, 1);
    if (r + 1 < all.length) consider(twoRows(row, rowCells(all[r + 1])), r + 1, 2);
  }
  return best;
}
