import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IMPORT_FIELDS, type HeaderDetection, type ImportField } from './headers.js';
import { normalizeRow, type NormalizedMember, type RowResult } from './row.js';
import { TODAY, anyCell, validIdArb } from './test-arbitraries.js';

type Columns = HeaderDetection['columns'];

/** A mapping with one column per field, in the order given. */
function columnsFor(...fields: (ImportField | null)[]): Columns {
  return fields.map((field, index) => ({ index, heading: field ?? `Cột ${index}`, field }));
}

function row(columns: Columns, ...cells: unknown[]): RowResult {
  return normalizeRow({ rowNumber: 7, cells }, columns, { today: TODAY });
}

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

const EMPTY_MEMBER: Omit<NormalizedMember, 'fullName'> = {
  birthDate: null,
  gender: null,
  idNumber: null,
  legacyIdNumber: null,
  ethnicity: null,
  religion: null,
  phone: null,
  email: null,
  addressDetail: null,
  addressLegacy: null,
  oldAddress: null,
  commune: null,
  province: null,
  unit: null,
  unitCode: null,
  joinedOn: null,
  memberNumber: null,
  category: null,
  admissionNumber: null,
  notes: null,
};

describe('normalizeRow', () => {
  const full = columnsFor(
    'rowNumber',
    'fullName',
    'birthDate',
    'gender',
    'idNumber',
    'ethnicity',
    'religion',
    'phone',
    'hamlet',
    'address',
    'unit',
    'joinedOn',
    'memberNumber',
    'category',
    'notes',
  );

  it('normalizes a complete messy row', () => {
    const r = row(
      full,
      1,
      ' NGUYỄN  VĂN AN ',
      '05/03/1948',
      'nam',
      '001048012345',
      'Kinh',
      'Phật giáo',
      912345678,
      'Thôn Đông',
      'xã Tân Hội',
      'Chi hội Thôn Đông',
      2008,
      "'00125",
      'Chính thức',
      '  Cựu chiến binh ',
    );
    expect(r.errors).toEqual([]);
    expect(codes(r.warnings)).toEqual(['NAME_CASE_CHANGED', 'PHONE_LEADING_ZERO_RESTORED']);
    expect(r.blank).toBe(false);
    expect(r.rowNumber).toBe(7);
    expect(r.member).toEqual({
      ...EMPTY_MEMBER,
      fullName: 'Nguyễn Văn An',
      birthDate: '1948-03-05',
      gender: 'male',
      idNumber: '001048012345',
      ethnicity: '01',
      religion: '01',
      phone: '0912345678',
      addressDetail: 'Thôn Đông, xã Tân Hội',
      unit: 'Chi hội Thôn Đông',
      joinedOn: '2008',
      memberNumber: '00125',
      category: 'official',
      notes: 'Cựu chiến binh',
    });
  });

  it('collects every error of the row, not just the first', () => {
    const r = row(full, 2, 'Trần Thị 2', '31/02/1950', 'N', '1,23457E+11', 'Thượng', null, '0123');
    expect(r.member).toBeNull();
    expect(codes(r.errors)).toEqual([
      'NAME_HAS_DIGITS',
      'GENDER_UNKNOWN',
      'DATE_NOT_REAL',
      'ID_SCIENTIFIC_NOTATION',
      'ETHNICITY_UNKNOWN',
      'PHONE_INVALID',
    ]);
  });

  it('reports a missing name', () => {
    const r = row(full, 3, null, '1948');
    expect(codes(r.errors)).toEqual(['NAME_MISSING']);
    expect(r.errors[0]?.field).toBe('fullName');
  });

  describe('blank and skipped rows', () => {
    it('marks an entirely blank row, even with a pre-filled STT', () => {
      expect(row(full)).toMatchObject({ blank: true, member: null, errors: [], warnings: [] });
      expect(row(full, null, '  ', '', '\u00a0').blank).toBe(true);
      expect(row(full, 15).blank).toBe(true);
    });

    it.each<[string, unknown[]]>([
      ['total', [null, 'Cộng', null, null]],
      ['total', [null, 'Tổng cộng: 45 hội viên']],
      ['total', ['Tổng số', null, '25 nam', '20 nữ']],
      ['total', [null, 'TỔNG CỘNG', 45]],
      ['numbering', ['(1)', '(2)', '(3)', '(4)']],
      ['header', ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính']],
      ['total', [null, 'Tổng cộng có 45 hội viên']],
      ['footer', [null, 'Người lập biểu', null, null, null, 'T/M Ban chấp hành']],
      ['footer', [null, null, null, 'Tân Hội, ngày 12 tháng 5 năm 2025']],
      ['footer', [null, 'Chủ tịch Hội Người cao tuổi xã', null, 'Ngày    tháng    năm 2025']],
    ])('skips a %s row %j', (skip, cells) => {
      const r = row(full, ...cells);
      expect(r.skip).toBe(skip);
      expect(r.blank).toBe(false);
      expect(r.member).toBeNull();
      expect(r.errors).toEqual([]);
    });

    it('keeps members whose name looks like a total or a signature line', () => {
      expect(row(full, 1, 'Tống Văn Cộng', '1950').member?.fullName).toBe('Tống Văn Cộng');
      expect(row(full, 2, 'Tô Trường').member?.fullName).toBe('Tô Trường');
      expect(row(full, 3, 'Chu Thị Tích').member?.fullName).toBe('Chu Thị Tích');
    });
  });

  describe('"Năm sinh" split into "Nam" | "Nữ" columns', () => {
    const split = columnsFor('fullName', 'birthYearMale', 'birthYearFemale', 'gender');

    it('skips the second heading row repeated on a new page', () => {
      expect(row(split, null, 'Nam', 'Nữ').skip).toBe('header');
    });

    it('takes the year and the sex from the column used', () => {
      expect(row(split, 'Lê Văn Ba', 1948).member).toMatchObject({
        birthDate: '1948',
        gender: 'male',
      });
      expect(row(split, 'Lê Thị Tư', null, '1952').member).toMatchObject({
        birthDate: '1952',
        gender: 'female',
      });
      expect(row(split, 'Lê Thị Tư', null, '05/06/1952').member).toMatchObject({
        birthDate: '1952-06-05',
        gender: 'female',
      });
      expect(row(split, 'Lê Thị Tư', null, 'x').member).toMatchObject({
        birthDate: null,
        gender: 'female',
      });
    });

    it('rejects a year in both columns, or a sex column that disagrees', () => {
      expect(codes(row(split, 'Lê Văn Ba', 1948, 1948).errors)).toEqual(['BIRTH_YEAR_BOTH_SEXES']);
      expect(codes(row(split, 'Lê Văn Ba', 1948, null, 'Nữ').errors)).toEqual(['GENDER_CONFLICT']);
      expect(row(split, 'Lê Văn Ba', 1948, null, 'Nam').errors).toEqual([]);
    });

    it('reports an unreadable year', () => {
      expect(codes(row(split, 'Lê Văn Ba', 'khoảng 1948').errors)).toEqual(['BIRTH_YEAR_INVALID']);
    });
  });

  describe('birth date and year together', () => {
    const both = columnsFor('fullName', 'birthDate', 'birthYear');

    it('keeps the more precise when they agree', () => {
      expect(row(both, 'Lê Văn Ba', '05/03/1948', 1948).member?.birthDate).toBe('1948-03-05');
      expect(row(both, 'Lê Văn Ba', null, '1948').member?.birthDate).toBe('1948');
    });

    it('rejects them when they disagree', () => {
      const r = row(both, 'Lê Văn Ba', '05/03/1948', 1949);
      expect(codes(r.errors)).toEqual(['BIRTH_DATE_CONFLICT']);
    });
  });

  describe('ID numbers', () => {
    const ids = columnsFor('fullName', 'birthYear', 'gender', 'idNumber', 'legacyIdNumber');

    it('warns when the ID disagrees with the birth year or sex', () => {
      const r = row(ids, 'Lê Thị Tư', 1952, 'Nữ', '001048012345');
      expect(r.member?.idNumber).toBe('001048012345');
      expect(codes(r.warnings)).toEqual(['ID_BIRTH_YEAR_MISMATCH', 'ID_GENDER_MISMATCH']);
    });

    it('files a 9-digit number as the legacy card and a 12-digit one as the ID, whatever the column', () => {
      const r = row(ids, 'Lê Văn Ba', 1948, 'Nam', '123456789', '001048012345');
      expect(r.member).toMatchObject({ idNumber: '001048012345', legacyIdNumber: '123456789' });
    });

    it('rejects two different IDs', () => {
      const r = row(ids, 'Lê Văn Ba', 1948, 'Nam', '001048012345', '001048012346');
      expect(codes(r.errors)).toEqual(['ID_CONFLICT']);
    });

    it('raises no warning for any ID consistent with the row', () => {
      fc.assert(
        fc.property(validIdArb, (id) => {
          const r = row(ids, 'Lê Văn Ba', id.year, id.female ? 'Nữ' : 'Nam', id.id);
          expect(r.errors).toEqual([]);
          expect(r.warnings).toEqual([]);
          expect(r.member?.idNumber).toBe(id.id);
        }),
        { numRuns: 100 },
      );
    });
  });

  describe('addresses', () => {
    it('keeps hamlet and address as the detail when no old unit is named', () => {
      const cols = columnsFor('fullName', 'hamlet', 'address');
      expect(row(cols, 'Lê Văn Ba', 'Xóm 3', 'Xóm 3, xã Tân Hội').member).toMatchObject({
        addressDetail: 'Xóm 3, xã Tân Hội',
        addressLegacy: null,
      });
    });

    it('keeps an address naming a district as legacy text', () => {
      const cols = columnsFor('fullName', 'hamlet', 'address');
      const m = row(cols, 'Lê Văn Ba', 'Xóm 3', 'Xã Tân Hội, huyện Đan Phượng, Hà Nội').member;
      expect(m).toMatchObject({
        addressDetail: 'Xóm 3',
        addressLegacy: 'Xã Tân Hội, huyện Đan Phượng, Hà Nội',
        oldAddress: null,
      });
      const q = row(cols, 'Lê Văn Ba', null, '12 Lê Lợi, P. Bến Nghé, Q.1').member;
      expect(q?.addressLegacy).toBe('12 Lê Lợi, P. Bến Nghé, Q.1');
      // "Quán" is not "quận".
      expect(row(cols, 'Lê Văn Ba', null, 'Thôn Quán Trữ').member?.addressLegacy).toBeNull();
    });

    it('passes the old-unit columns on for conversion', () => {
      const cols = columnsFor(
        'fullName',
        'hamlet',
        'address',
        'oldCommune',
        'oldDistrict',
        'oldProvince',
      );
      const r = row(
        cols,
        'Lê Văn Ba',
        'Thôn 2',
        'Thôn 2, xã Tân Hội',
        'Tân Hội',
        'Đan Phượng',
        'Hà Nội',
      );
      expect(r.member).toMatchObject({
        addressDetail: 'Thôn 2',
        addressLegacy: 'Thôn 2, xã Tân Hội',
        oldAddress: { commune: 'Tân Hội', district: 'Đan Phượng', province: 'Hà Nội' },
      });
    });

    it('keeps an address headed as old ("Địa chỉ cũ") as legacy text', () => {
      const cols: Columns = [
        { index: 0, heading: 'Họ và tên / Full name', field: 'fullName' },
        { index: 1, heading: 'Địa chỉ cũ / Legacy address', field: 'address' },
      ];
      expect(row(cols, 'Lê Văn Ba', 'Xóm 3, xã Tân Hội').member).toMatchObject({
        addressDetail: null,
        addressLegacy: 'Xóm 3, xã Tân Hội',
      });
    });

    it('warns when an old district is given without the old commune', () => {
      const cols = columnsFor('fullName', 'oldDistrict', 'oldProvince');
      const r = row(cols, 'Lê Văn Ba', 'Đan Phượng', 'Hà Nội');
      expect(codes(r.warnings)).toEqual(['OLD_COMMUNE_MISSING']);
      expect(r.member).toMatchObject({ oldAddress: null, addressLegacy: 'Đan Phượng, Hà Nội' });
    });

    it('passes the new commune and province through', () => {
      const cols = columnsFor('fullName', 'commune', 'province');
      expect(row(cols, 'Lê Văn Ba', 'Xã Ô Diên', 'Hà Nội').member).toMatchObject({
        commune: 'Xã Ô Diên',
        province: 'Hà Nội',
      });
    });
  });

  it('rejects joining before birth, comparing only what both dates know', () => {
    const cols = columnsFor('fullName', 'birthDate', 'joinedOn');
    expect(codes(row(cols, 'Lê Văn Ba', '05/03/1948', '1947').errors)).toEqual([
      'JOINED_BEFORE_BIRTH',
    ]);
    expect(row(cols, 'Lê Văn Ba', '05/03/1948', '1948').errors).toEqual([]);
  });

  it('rejects two columns of one field with different values, and accepts equal ones', () => {
    const cols = columnsFor('fullName', 'phone', 'phone');
    expect(codes(row(cols, 'Lê Văn Ba', '0912345678', '0987654321').errors)).toEqual([
      'FIELD_CONFLICT',
    ]);
    expect(row(cols, 'Lê Văn Ba', '0912345678', '0912345678').member?.phone).toBe('0912345678');
    expect(row(cols, 'Lê Văn Ba', null, '0912345678').member?.phone).toBe('0912345678');
  });

  it('ignores unmapped columns', () => {
    const cols = columnsFor('fullName', null);
    expect(row(cols, 'Lê Văn Ba', 'anything').errors).toEqual([]);
  });

  it('never throws, and a member comes back only without errors', () => {
    const cols = columnsFor(...IMPORT_FIELDS);
    fc.assert(
      fc.property(fc.array(anyCell, { maxLength: cols.length + 2 }), (cells) => {
        const r = normalizeRow({ rowNumber: 1, cells }, cols, { today: TODAY });
        if (r.errors.length > 0 || r.blank || r.skip) expect(r.member).toBeNull();
        else expect(r.member?.fullName).toBeTruthy();
      }),
      { numRuns: 200 },
    );
  });
});
