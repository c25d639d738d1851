import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FIELD_LABELS,
  IMPORT_FIELDS,
  detectHeader,
  fieldForHeading,
  foldHeading,
  isColumnNumberingRow,
  type ImportField,
} from './headers.js';
import { anyCell } from './test-arbitraries.js';

const fieldsOf = (d: ReturnType<typeof detectHeader>) => d?.columns.map((c) => c.field);

describe('foldHeading', () => {
  it.each([
    ['Họ và tên / Full name', 'ho va ten'],
    ['  NGÀY SINH (dd/mm/yyyy) ', 'ngay sinh'],
    ['Số CMND/CCCD', 'so cmnd cccd'],
    ['Số CMND / CCCD', 'so cmnd cccd'],
    ['Thôn/xóm', 'thon xom'],
    ['SĐT', 'sdt'],
    ['Ngày\nsinh', 'ngay sinh'],
    ['Họ và tên (*)', 'ho va ten'],
    ['Xã / phường', 'xa phuong'],
  ])('%j → %j', (heading, folded) => {
    expect(foldHeading(heading)).toBe(folded);
  });

  it('never throws', () => {
    fc.assert(fc.property(anyCell, (c) => void foldHeading(c)));
  });
});

describe('fieldForHeading', () => {
  it.each<[string, ImportField | null]>([
    ['Họ và tên', 'fullName'],
    ['HO VA TEN', 'fullName'],
    ['họ tên', 'fullName'],
    ['Họ và tên hội viên', 'fullName'],
    ['Tên hội viên', 'fullName'],
    ['ngay sinh', 'birthDate'],
    ['Ngày tháng năm sinh', 'birthDate'],
    ['Năm sinh', 'birthYear'],
    ['Năm sinh (Nam)', 'birthYearMale'],
    ['Năm sinh (Nữ)', 'birthYearFemale'],
    ['Năm', null],
    ['Giới tính', 'gender'],
    ['Giới', 'gender'],
    ['Số CCCD', 'idNumber'],
    ['CCCD', 'idNumber'],
    ['Số căn cước', 'idNumber'],
    ['Số định danh', 'idNumber'],
    ['Số định danh cá nhân', 'idNumber'],
    ['Số CMND/CCCD', 'idNumber'],
    ['Số CMND / CCCD', 'idNumber'],
    ['Số CMND', 'legacyIdNumber'],
    ['CMND', 'legacyIdNumber'],
    ['Dân tộc', 'ethnicity'],
    ['Tôn giáo', 'religion'],
    ['Số điện thoại', 'phone'],
    ['Điện thoại', 'phone'],
    ['SĐT', 'phone'],
    ['ĐT', 'phone'],
    ['Email', 'email'],
    ['Địa chỉ', 'address'],
    ['Nơi ở', 'address'],
    ['Nơi ở hiện nay', 'address'],
    ['Chỗ ở', 'address'],
    ['Địa chỉ thường trú hiện nay', 'address'],
    ['Thôn/xóm', 'hamlet'],
    ['Thôn', 'hamlet'],
    ['Xóm', 'hamlet'],
    ['Tổ dân phố', 'hamlet'],
    ['Ấp', 'hamlet'],
    ['Bản', 'hamlet'],
    ['Xã/phường cũ', 'oldCommune'],
    ['Xã cũ', 'oldCommune'],
    ['Huyện', 'oldDistrict'],
    ['Quận/huyện', 'oldDistrict'],
    ['Huyện cũ', 'oldDistrict'],
    ['Tỉnh cũ', 'oldProvince'],
    ['Xã/phường', 'commune'],
    ['Xã', 'commune'],
    ['Phường', 'commune'],
    ['Tỉnh/thành phố', 'province'],
    ['Tỉnh', 'province'],
    ['Chi hội', 'unit'],
    ['Chi hội/Tổ hội', 'unit'],
    ['Tổ hội', 'unit'],
    ['Đơn vị', 'unit'],
    ['Mã chi hội', 'unitCode'],
    ['Mã đơn vị', 'unitCode'],
    ['Ngày vào hội', 'joinedOn'],
    ['Ngày kết nạp', 'joinedOn'],
    ['Ngày gia nhập', 'joinedOn'],
    ['Số thẻ', 'memberNumber'],
    ['Số thẻ hội viên', 'memberNumber'],
    ['Mã hội viên', 'memberNumber'],
    ['Số thẻ BHYT', null],
    ['Loại hội viên', 'category'],
    ['Số quyết định kết nạp', 'admissionNumber'],
    ['Số QĐ', 'admissionNumber'],
    ['Ghi chú', 'notes'],
    ['Ghi chú khác', 'notes'],
    ['STT', 'rowNumber'],
    ['TT', 'rowNumber'],
    ['Số TT', 'rowNumber'],
    ['Dòng gốc', null],
    ['Lỗi', null],
    ['Lỗi / Errors', null],
    ['Cảnh báo', null],
    ['Quê quán', null],
    ['Trạng thái / Status', null],
  ])('%j → %s', (heading, field) => {
    expect(fieldForHeading(heading)).toBe(field);
  });

  it('accepts our own labels, Vietnamese, English and both as exported', () => {
    for (const field of IMPORT_FIELDS) {
      const { vi, en } = FIELD_LABELS[field];
      expect(fieldForHeading(vi)).toBe(field);
      expect(fieldForHeading(en)).toBe(field);
      expect(fieldForHeading(`${vi} / ${en}`)).toBe(field);
      expect(fieldForHeading(vi.toUpperCase())).toBe(field);
    }
  });

  it('reads the headings of our member export', () => {
    const exported: [string, ImportField | null][] = [
      ['STT / No.', 'rowNumber'],
      ['Số thẻ / Member no.', 'memberNumber'],
      ['Họ và tên / Full name', 'fullName'],
      ['Ngày sinh / Birth date', 'birthDate'],
      ['Giới tính / Sex', 'gender'],
      ['Số định danh / Personal ID', 'idNumber'],
      ['Số CMND cũ / Legacy ID (CMND)', 'legacyIdNumber'],
      ['Điện thoại / Phone', 'phone'],
      ['Email / Email', 'email'],
      ['Tỉnh, thành phố / Province', 'province'],
      ['Mã tỉnh / Province code', null],
      ['Xã, phường / Commune', 'commune'],
      ['Mã xã / Commune code', null],
      ['Thôn/xóm, số nhà, đường / Hamlet, street', 'hamlet'],
      ['Địa chỉ cũ / Legacy address', 'address'],
      ['Đơn vị / Unit', 'unit'],
      ['Mã đơn vị / Unit code', 'unitCode'],
      ['Loại hội viên / Category', 'category'],
      ['Trạng thái / Status', null],
      ['Ngày vào hội / Joined', 'joinedOn'],
      ['Số quyết định kết nạp / Admission decision no.', 'admissionNumber'],
      ['Ghi chú / Notes', 'notes'],
    ];
    expect(exported.map(([h]) => [h, fieldForHeading(h)])).toEqual(exported);
  });

  it('never throws', () => {
    fc.assert(fc.property(anyCell, (c) => void fieldForHeading(c)));
  });
});

describe('isColumnNumberingRow', () => {
  it.each<[unknown[], boolean]>([
    [['1', '2', '3', '4'], true],
    [[1, 2, 3, 4], true],
    [['(1)', '(2)', '(3)', null, '(5)'], true],
    [['A', 'B', '1', '2', '3'], true],
    [['1', 'Nguyễn Văn An', '1948'], false],
    [[1, 'Nam'], false],
    [['1', '1', '1'], false],
    [['1'], false],
    [[], false],
  ])('%j → %s', (cells, expected) => {
    expect(isColumnNumberingRow(cells)).toBe(expected);
  });
});

describe('detectHeader', () => {
  it('skips title rows and finds a one-row header', () => {
    const d = detectHeader([
      ['HỘI NGƯỜI CAO TUỔI XÃ TÂN HỘI', null, null, null],
      ['DANH SÁCH HỘI VIÊN', null, null, null],
      ['(Kèm theo Quyết định số 12/QĐ-HNCT)', null, null, null],
      [],
      ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Địa chỉ', 'Cột lạ'],
      [1, 'Nguyễn Văn An', '05/03/1948', 'Nam', 'Thôn 1', 'x'],
    ]);
    expect(d?.headerRowIndex).toBe(4);
    expect(d?.headerRowCount).toBe(1);
    expect(fieldsOf(d)).toEqual(['rowNumber', 'fullName', 'birthDate', 'gender', 'address', null]);
    expect(d?.columns[5]).toEqual({ index: 5, heading: 'Cột lạ', field: null });
    expect(d?.score).toBe(5);
  });

  it('reads headings without diacritics and in any case', () => {
    const d = detectHeader([['HO VA TEN', 'ngay sinh', 'GIOI TINH', 'so cccd', 'dan toc']]);
    expect(fieldsOf(d)).toEqual(['fullName', 'birthDate', 'gender', 'idNumber', 'ethnicity']);
  });

  it('reads our own export headings', () => {
    const d = detectHeader([['Họ và tên / Full name', 'Ngày sinh / Birth date', 'Lỗi / Errors']]);
    expect(fieldsOf(d)).toEqual(['fullName', 'birthDate', null]);
  });

  it('reads a two-level header with "Năm sinh" over "Nam" | "Nữ"', () => {
    const rows = [
      ['DANH SÁCH HỘI VIÊN CHI HỘI THÔN ĐÔNG'],
      ['STT', 'Họ và tên', 'Năm sinh', null, 'Địa chỉ', 'Ngày vào hội', 'Ghi chú'],
      [null, null, 'Nam', 'Nữ', null, null, null],
      ['1', '2', '3', '4', '5', '6', '7'],
      [1, 'Nguyễn Văn An', 1948, null, 'Thôn Đông', '2008', null],
    ];
    const d = detectHeader(rows);
    expect(d?.headerRowIndex).toBe(2);
    expect(d?.headerRowCount).toBe(2);
    expect(d?.columns).toEqual([
      { index: 0, heading: 'STT', field: 'rowNumber' },
      { index: 1, heading: 'Họ và tên', field: 'fullName' },
      { index: 2, heading: 'Năm sinh (Nam)', field: 'birthYearMale' },
      { index: 3, heading: 'Năm sinh (Nữ)', field: 'birthYearFemale' },
      { index: 4, heading: 'Địa chỉ', field: 'address' },
      { index: 5, heading: 'Ngày vào hội', field: 'joinedOn' },
      { index: 6, heading: 'Ghi chú', field: 'notes' },
    ]);
    expect(isColumnNumberingRow(rows[3]!)).toBe(true);
  });

  it('reads a two-level header whose merged cells repeat their value (exceljs)', () => {
    const d = detectHeader([
      ['TT', 'Họ tên', 'Năm sinh', 'Năm sinh', 'Địa chỉ cũ', 'Địa chỉ cũ', 'Địa chỉ cũ'],
      ['TT', 'Họ tên', 'Nam', 'Nữ', 'Xã', 'Huyện', 'Tỉnh'],
    ]);
    expect(d?.headerRowCount).toBe(2);
    expect(fieldsOf(d)).toEqual([
      'rowNumber',
      'fullName',
      'birthYearMale',
      'birthYearFemale',
      'oldCommune',
      'oldDistrict',
      'oldProvince',
    ]);
  });

  it('does not take the first data row for a second heading row', () => {
    const d = detectHeader([
      ['STT', 'Họ và tên', 'Giới tính', 'Ghi chú'],
      [1, 'Nguyễn Văn An', 'Nam', 'Chuyển từ xã khác'],
    ]);
    expect(d?.headerRowCount).toBe(1);
    expect(d?.headerRowIndex).toBe(0);
  });

  it('needs the full name and a second heading', () => {
    expect(detectHeader([['Ngày sinh', 'Giới tính', 'Địa chỉ']])).toBeNull();
    expect(detectHeader([['Họ và tên', 'Cột lạ']])).toBeNull();
    expect(detectHeader([])).toBeNull();
  });

  it('only scans the first maxScan rows', () => {
    const rows: unknown[][] = [
      ...Array.from({ length: 5 }, () => ['…']),
      ['Họ và tên', 'Năm sinh'],
    ];
    expect(detectHeader(rows, { maxScan: 5 })).toBeNull();
    expect(detectHeader(rows)?.headerRowIndex).toBe(5);
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.array(anyCell, { maxLength: 8 }), { maxLength: 6 }), (rows) => {
        void detectHeader(rows);
      }),
      { numRuns: 200 },
    );
  });
});
