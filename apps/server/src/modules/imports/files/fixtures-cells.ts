/**
 * Cells of fixture member rows: which columns a list has, their headings, and each member's
 * values as an .xlsx (typed) or a CSV (text) holds them.
 */
import type { FixtureMember } from './fixtures.js';
import { abbreviate, HEADINGS, type HeadingKey } from './fixtures-data.js';

export type FixtureColumn = Exclude<HeadingKey, 'birthGroup'>;

export interface LayoutOptions {
  /** Birth in "Năm sinh" → "Nam" | "Nữ" columns (by gender) instead of "Ngày sinh" + "Giới tính". */
  birthByGender?: boolean;
  /** Old "Xã/phường", "Huyện/quận", "Tỉnh/thành phố" columns instead of "Địa chỉ". */
  legacyAddress?: boolean;
}

/** The columns of a fixture list, in order. */
export function fixtureColumns(opts: LayoutOptions = {}): FixtureColumn[] {
  return [
    'no',
    'fullName',
    ...(opts.birthByGender
      ? (['birthMale', 'birthFemale'] as const)
      : (['birth', 'gender'] as const)),
    'idNumber',
    'ethnicity',
    'religion',
    'phone',
    'hamlet',
    ...(opts.legacyAddress
      ? (['commune', 'district', 'province'] as const)
      : (['address'] as const)),
    'branch',
    'branchCode',
    'joinedOn',
    'memberNumber',
    'category',
    'note',
  ];
}

/** Heading of a column: standard Vietnamese, or typed without diacritics in mixed case. */
export function headingOf(column: HeadingKey, plain = false): string {
  return HEADINGS[column][plain ? 1 : 0];
}

/** dd/mm/yyyy, or as hands type it (`pad` false): "5/03/1948", "6/3/1948". */
export const vnDate = (isoDate: string, pad = true) => {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return pad
    ? `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`
    : `${d}/${String(m).padStart(m < 10 && d % 2 ? 1 : 2, '0')}/${y}`;
};
const utcDate = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);
/** Excel's serial day number of a date (1900 system). */
export const excelSerial = (isoDate: string) => utcDate(isoDate).getTime() / 86_400_000 + 25569;

function birthValue(m: FixtureMember, target: 'xlsx' | 'csv'): unknown {
  const year = Number(m.birthDate.slice(0, 4));
  switch (m.birthKind) {
    case 'date':
      return target === 'xlsx' ? utcDate(m.birthDate) : vnDate(m.birthDate);
    case 'serial':
      return target === 'xlsx' ? excelSerial(m.birthDate) : String(excelSerial(m.birthDate));
    case 'text-date':
      return vnDate(m.birthDate, false);
    case 'two-digit-year':
      return vnDate(m.birthDate, false).replace(/\/\d\d(\d\d)$/, '/$1');
    case 'year':
      return target === 'xlsx' && m.index % 5 !== 0 ? year : String(year);
  }
}

/**
 * The cells of one member row. XLSX cells keep types (Dates, numbers); CSV cells are text as
 * Excel would save them. An ID or phone "as number" loses its leading zeros in both.
 */
export function memberCells(
  m: FixtureMember,
  columns: readonly FixtureColumn[],
  target: 'xlsx' | 'csv' = 'xlsx',
  opts: { abbreviateLegacy?: boolean } = {},
): unknown[] {
  const digits = (v: string | null, asNumber: boolean) =>
    v === null ? null : asNumber ? (target === 'xlsx' ? Number(v) : String(Number(v))) : v;
  const short = (name: string) =>
    opts.abbreviateLegacy && m.index % 3 === 0 ? abbreviate(name) : name;
  const joined = m.joinedOn && (target === 'xlsx' ? utcDate(m.joinedOn) : vnDate(m.joinedOn));
  const values: Record<FixtureColumn, unknown> = {
    no: target === 'xlsx' ? m.index : String(m.index),
    fullName: m.fullName,
    birth: birthValue(m, target),
    birthMale: m.gender === 'male' ? birthValue(m, target) : null,
    birthFemale: m.gender === 'female' ? birthValue(m, target) : null,
    gender: m.gender === 'male' ? 'Nam' : 'Nữ',
    idNumber: digits(m.idNumber, m.idAsNumber),
    ethnicity: m.ethnicity,
    religion: m.religion,
    phone: digits(m.phone, m.phoneAsNumber),
    hamlet: m.hamlet,
    address: m.address,
    commune: short(m.legacy.commune),
    district: short(m.legacy.district),
    province: short(m.legacy.province),
    branch: m.branch,
    branchCode: m.branchCode,
    joinedOn: joined,
    memberNumber: m.memberNumber,
    category: m.category,
    note: m.note,
  };
  return columns.map((c) => values[c] ?? null);
}
