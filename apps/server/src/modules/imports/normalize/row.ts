/**
 * One data row of a member list, normalized with its column mapping: every value read by its
 * normalizer, then checked against the others (birth date vs year, the ID vs birth year and
 * sex, joining after birth). All the row's errors are collected, not just the first.
 */
import { NOTES_MAX, type Gender, type MemberCategory } from '@hoi/contracts';
import { addressParts } from './address.js';
import { displayOf, foldWords, readCell } from './cells.js';
import {
  normalizeCategory,
  normalizeEthnicity,
  normalizeGender,
  normalizeReligion,
} from './codes.js';
import { normalizeBirthYearCell, normalizeDate } from './dates.js';
import {
  FIELD_LABELS,
  fieldForHeading,
  foldHeading,
  isColumnNumberingRow,
  type HeaderDetection,
  type ImportField,
} from './headers.js';
import { normalizeIdNumber, normalizePhone, type IdNumbers } from './identity.js';
import { makeIssue, type ImportIssue, type Normalized } from './issues.js';
import { normalizeEmail, normalizeMemberNumber, normalizeName, normalizeText } from './values.js';

export interface RawRow {
  /** 1-based line (CSV) or row (Excel) in the file. */
  rowNumber: number;
  cells: unknown[];
}

export interface NormalizedMember {
  fullName: string;
  birthDate: string | null;
  gender: Gender | null;
  idNumber: string | null;
  legacyIdNumber: string | null;
  /** Code in ETHNICITIES. */
  ethnicity: string | null;
  /** Code in RELIGIONS. */
  religion: string | null;
  phone: string | null;
  email: string | null;
  addressDetail: string | null;
  addressLegacy: string | null;
  oldAddress: { commune: string; district: string | null; province: string | null } | null;
  commune: string | null;
  province: string | null;
  unit: string | null;
  unitCode: string | null;
  joinedOn: string | null;
  memberNumber: string | null;
  category: MemberCategory | null;
  admissionNumber: string | null;
  notes: string | null;
}

export interface RowResult {
  rowNumber: number;
  /** Null when the row has errors (or is blank or skipped). */
  member: NormalizedMember | null;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** Nothing in the row: not an input row, the caller skips it. */
  blank: boolean;
  /**
   * Not a member either, and skipped by the caller: a "Cộng"/"Tổng cộng" line, a repeated heading
   * row (printed lists repeat them on every page), a column-numbering row, or a signature block
   * ("Người lập biểu", "Chủ tịch", a "…, ngày … tháng … năm …" line).
   */
  skip?: 'total' | 'header' | 'numbering' | 'footer';
}

type Columns = HeaderDetection['columns'];

/** Marks written in a "Nam" / "Nữ" column to give the sex without a year. */
const SEX_MARKS = new Set(['x', '✓', '✔', 'v', '*', '+']);

const TOTAL = /^(tong cong|cong|tong so|tong)( hoi vien| nguoi)?( co)?( \d+( hoi vien| nguoi)?)?$/;
const COUNT = /^\d+( hoi vien| nguoi| nam| nu)?$/;
/** Signature-block lines; role titles only as whole cells ("Tô Trường" is a name). */
const FOOTER =
  /^(nguoi lap( bieu| danh sach)?|xac nhan( .*)?|t ?m .*|thay mat .*|ky( va)? ghi ro ho ten|ky ten|(pho )?chu tich( hoi .*)?|truong chi hoi|chi hoi truong|noi nhan)$|(^| )ngay( \d{1,2})? thang( \d{1,2})? nam( \d{4})?$/;

/** Words any "full name" heading contains (a repeated heading row always has one of them). */
const HEADING_WORDS = /\b(ho|ten|name|hoi vien)\b/;

function skipKind(cells: unknown[], columns: Columns): RowResult['skip'] | null {
  // Fast path for the usual data row (a million rows pass here): a name that is no total,
  // count, signature line or repeated heading rules out every skip kind below.
  const nameColumn = columns.find((c) => c.field === 'fullName');
  const name = nameColumn ? displayOf(cells[nameColumn.index]) : '';
  if (name !== '') {
    const f = foldWords(name);
    if (!TOTAL.test(f) && !COUNT.test(f) && !FOOTER.test(f) && !HEADING_WORDS.test(f)) return null;
  }
  const filled = cells.filter((c) => readCell(c).kind !== 'blank');
  const words = filled.map((c) => foldWords(displayOf(c)));
  if (words.some((w) => TOTAL.test(w)) && words.every((w) => TOTAL.test(w) || COUNT.test(w)))
    return 'total';
  if (isColumnNumberingRow(cells)) return 'numbering';
  // Printed lists repeat the heading row(s) on every page.
  const mapped = columns.filter((c) => c.field && readCell(cells[c.index]).kind !== 'blank');
  const repeated = mapped.filter((c) => fieldForHeading(cells[c.index]) === c.field);
  if (
    repeated.length >= 2 &&
    (repeated.some((c) => c.field === 'fullName') || repeated.length === mapped.length)
  )
    return 'header';
  if (words.length > 0 && words.every((w) => FOOTER.test(w))) return 'footer';
  return null;
}

/**
 * Normalizes one data row. `columns` is the mapping from `detectHeader` (possibly corrected by
 * the officer); cells of unmapped columns are ignored.
 *
 * @example
 * normalizeRow({ rowNumber: 5, cells: ['1', 'NGUYỄN VĂN AN', 1948] }, columns, { today: '2025-06-01' })
 */
export function normalizeRow(raw: RawRow, columns: Columns, opts: { today: string }): RowResult {
  const cells = Array.isArray(raw.cells) ? raw.cells : [];
  const rowNumber = raw.rowNumber;
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const rowNumberColumns = new Set(
    columns.filter((c) => c.field === 'rowNumber').map((c) => c.index),
  );
  const result = (member: NormalizedMember | null, extra: Partial<RowResult> = {}): RowResult => ({
    rowNumber,
    member,
    errors,
    warnings,
    blank: false,
    ...extra,
  });
  if (cells.every((c, i) => rowNumberColumns.has(i) || readCell(c).kind === 'blank'))
    return result(null, { blank: true });
  const skip = skipKind(cells, columns);
  if (skip) return result(null, { skip });

  const take = <T>(r: Normalized<T>): T | null => {
    warnings.push(...r.warnings);
    if (r.error) errors.push(r.error);
    return r.value;
  };
  /** The one value of a field (first non-blank); differing values in two columns are an error. */
  const cellOf = (field: ImportField): unknown => {
    const values = columns
      .filter((c) => c.field === field)
      .map((c) => cells[c.index])
      .filter((v) => readCell(v).kind !== 'blank');
    if (new Set(values.map(displayOf)).size > 1) {
      const label = FIELD_LABELS[field];
      errors.push(
        makeIssue(
          'FIELD_CONFLICT',
          field,
          `Có ${values.length} cột cùng là “${label.vi}” với giá trị khác nhau (${values.map(displayOf).join(' / ')}). Hãy giữ một cột, hoặc sửa ghép cột.`,
          `${values.length} columns map to “${label.en}” with different values (${values.map(displayOf).join(' / ')}). Keep one column, or correct the column mapping.`,
        ),
      );
    }
    return values[0];
  };
  const text = (field: ImportField, max: number) =>
    take(normalizeText(cellOf(field), { max, field }));

  const fullName = take(normalizeName(cellOf('fullName')));

  // Sex and birth: the sex column, and "Nam" / "Nữ" year columns.
  let gender = take(normalizeGender(cellOf('gender')));
  const male = birthCell(cellOf('birthYearMale'), 'birthYearMale', opts.today);
  const female = birthCell(cellOf('birthYearFemale'), 'birthYearFemale', opts.today);
  let sexFromColumns: Gender | null = null;
  if (male.present && female.present)
    errors.push(
      makeIssue(
        'BIRTH_YEAR_BOTH_SEXES',
        'birthYearMale',
        'Năm sinh được ghi ở cả cột Nam và cột Nữ: chỉ ghi vào cột đúng giới tính của hội viên.',
        "The year of birth is written in both the male and the female column: use only the member's own column.",
      ),
    );
  else sexFromColumns = male.present ? 'male' : female.present ? 'female' : null;
  if (sexFromColumns && gender && sexFromColumns !== gender)
    errors.push(
      makeIssue(
        'GENDER_CONFLICT',
        'gender',
        `Cột giới tính ghi ${gender === 'male' ? 'Nam' : 'Nữ'} nhưng năm sinh lại ghi ở cột ${sexFromColumns === 'male' ? 'Nam' : 'Nữ'}. Hãy sửa cho khớp.`,
        `The sex column says ${gender} but the year of birth is in the ${sexFromColumns} column. Make them agree.`,
      ),
    );
  gender ??= sexFromColumns;

  const birthCandidates: [ImportField, string | null][] = [
    ['birthDate', take(normalizeDate(cellOf('birthDate'), { kind: 'birth', today: opts.today }))],
    ['birthYear', take(birthCell(cellOf('birthYear'), 'birthYear', opts.today).result)],
    ['birthYearMale', take(male.result)],
    ['birthYearFemale', take(female.result)],
  ];
  const birthDate = mergeBirth(birthCandidates, errors);

  // ID numbers, checked against what the row says of birth and sex.
  const idOpts = { birthYear: birthDate ? Number(birthDate.slice(0, 4)) : null, gender };
  const ids: (IdNumbers | null)[] = [
    take(normalizeIdNumber(cellOf('idNumber'), { ...idOpts, field: 'idNumber' })),
    take(normalizeIdNumber(cellOf('legacyIdNumber'), { ...idOpts, field: 'legacyIdNumber' })),
  ];
  const idNumber = oneOf(
    ids.map((i) => i?.idNumber ?? null),
    'idNumber',
    errors,
  );
  const legacyIdNumber = oneOf(
    ids.map((i) => i?.legacyIdNumber ?? null),
    'legacyIdNumber',
    errors,
  );

  const ethnicity = take(normalizeEthnicity(cellOf('ethnicity')));
  const religion = take(normalizeReligion(cellOf('religion')));
  const phone = take(normalizePhone(cellOf('phone')));
  const email = take(normalizeEmail(cellOf('email')));

  const address = addressParts(
    {
      hamlet: text('hamlet', 300),
      address: text('address', 500),
      oldCommune: text('oldCommune', 100),
      oldDistrict: text('oldDistrict', 100),
      oldProvince: text('oldProvince', 100),
      hasOldColumns: columns.some(
        (c) =>
          c.field === 'oldCommune' ||
          c.field === 'oldDistrict' ||
          c.field === 'oldProvince' ||
          // "Địa chỉ cũ" (our export's legacy address) is old by its heading.
          (c.field === 'address' && / cu( |$)/.test(foldHeading(c.heading))),
      ),
    },
    errors,
    warnings,
  );
  const commune = text('commune', 100);
  const province = text('province', 100);
  const unit = text('unit', 200);
  const unitCode = text('unitCode', 50);

  const joinedOn = take(
    normalizeDate(cellOf('joinedOn'), { kind: 'event', today: opts.today, field: 'joinedOn' }),
  );
  if (joinedOn && birthDate && isBefore(joinedOn, birthDate))
    errors.push(
      makeIssue(
        'JOINED_BEFORE_BIRTH',
        'joinedOn',
        `Ngày vào hội (${joinedOn.split('-').reverse().join('/')}) ở trước ngày sinh (${birthDate.split('-').reverse().join('/')}). Hãy kiểm tra lại hai ngày này.`,
        `The joining date (${joinedOn}) is before the birth date (${birthDate}). Check both dates.`,
      ),
    );
  const memberNumber = take(normalizeMemberNumber(cellOf('memberNumber')));
  const category = take(normalizeCategory(cellOf('category')));
  const admissionNumber = text('admissionNumber', 50);
  const notes = text('notes', NOTES_MAX);

  if (errors.length > 0 || fullName === null) return result(null);
  return result({
    fullName,
    birthDate,
    gender,
    idNumber,
    legacyIdNumber,
    ethnicity,
    religion,
    phone,
    email,
    ...address,
    commune,
    province,
    unit,
    unitCode,
    joinedOn,
    memberNumber,
    category,
    admissionNumber,
    notes,
  });
}

/**
 * A year-of-birth cell: a bare year, else a full date (some lists put dates there), else a sex
 * mark ("x") in the Nam / Nữ columns.
 */
function birthCell(
  raw: unknown,
  field: ImportField,
  today: string,
): { present: boolean; result: Normalized<string> } {
  const cell = readCell(raw);
  if (cell.kind === 'blank') return { present: false, result: { value: null, warnings: [] } };
  if (field !== 'birthYear' && cell.kind === 'text' && SEX_MARKS.has(cell.text.toLowerCase()))
    return { present: true, result: { value: null, warnings: [] } };
  const year = normalizeBirthYearCell(raw, { today, field });
  const asYear: Normalized<string> = {
    ...year,
    value: year.value === null ? null : String(year.value),
  };
  if (year.error?.code !== 'BIRTH_YEAR_INVALID') return { present: true, result: asYear };
  const date = normalizeDate(raw, { kind: 'birth', today, field });
  const readable = !date.error || date.error.code !== 'DATE_UNREADABLE';
  return { present: true, result: readable ? date : asYear };
}

/** The most precise of the birth values given; values that disagree are an error. */
function mergeBirth(candidates: [ImportField, string | null][], errors: ImportIssue[]) {
  const given = candidates.filter((c): c is [ImportField, string] => c[1] !== null);
  let best: string | null = null;
  for (const [field, value] of given) {
    if (best !== null && !best.startsWith(value) && !value.startsWith(best)) {
      errors.push(
        makeIssue(
          'BIRTH_DATE_CONFLICT',
          field,
          `Ngày sinh và năm sinh trong dòng không khớp nhau (${best.split('-').reverse().join('/')} và ${value.split('-').reverse().join('/')}). Hãy sửa cho khớp.`,
          `The birth date and year in the row disagree (${best} and ${value}). Make them agree.`,
        ),
      );
      return null;
    }
    if (best === null || value.length > best.length) best = value;
  }
  return best;
}

/** One value from several columns; two different ones are an error. */
function oneOf(values: (string | null)[], field: ImportField, errors: ImportIssue[]) {
  const distinct = [...new Set(values.filter((v): v is string => v !== null))];
  if (distinct.length > 1)
    errors.push(
      makeIssue(
        'ID_CONFLICT',
        field,
        `Hai cột số giấy tờ ghi hai số khác nhau (${distinct.join(', ')}). Hãy giữ số đúng.`,
        `Two identity-number columns hold different numbers (${distinct.join(', ')}). Keep the right one.`,
      ),
    );
  return distinct[0] ?? null;
}

/** `a` before `b`, comparing partial dates only as far as both are known. */
function isBefore(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) < b.slice(0, n);
}
