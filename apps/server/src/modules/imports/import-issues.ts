import type { ImportField } from './normalize/headers.js';
import type { ImportIssue } from './normalize/issues.js';

export type Severity = 'error' | 'warning' | 'info';

/** Row-level findings of the import itself (beyond one value's normalization); {0}, {1}: details. */
const MESSAGES: Record<string, { vi: string; en: string }> = {
  UNIT_NOT_FOUND: {
    vi: 'Không tìm thấy chi hội "{0}" trong {1}; sửa tên hoặc mã chi hội',
    en: 'No unit "{0}" under {1}; correct the unit name or code',
  },
  UNIT_AMBIGUOUS: {
    vi: 'Có nhiều chi hội tên "{0}"; hãy ghi mã chi hội',
    en: 'Several units are named "{0}"; give the unit code',
  },
  COMMUNE_SPLIT: {
    vi: 'Xã cũ "{0}" đã chia cho nhiều xã mới ({1}); hãy chọn xã mới',
    en: 'The old commune "{0}" was split into several new ones ({1}); choose the new commune',
  },
  ADDRESS_CONVERTED: {
    vi: 'Địa chỉ cũ "{0}" đã đổi sang đơn vị mới: {1}',
    en: 'Old address "{0}" converted to the new units: {1}',
  },
  OLD_COMMUNE_AMBIGUOUS: {
    vi: 'Có nhiều xã cũ tên "{0}"; thêm huyện/tỉnh cũ để xác định. Địa chỉ được giữ nguyên văn',
    en: 'Several old communes are named "{0}"; add the old district/province. The address is kept as written',
  },
  OLD_COMMUNE_UNKNOWN: {
    vi: 'Không tìm thấy xã cũ "{0}" trong bảng chuyển đổi; địa chỉ được giữ nguyên văn',
    en: 'Old commune "{0}" is not in the conversion table; the address is kept as written',
  },
  COMMUNE_AMBIGUOUS: {
    vi: 'Có nhiều xã/phường tên "{0}"; thêm tỉnh để xác định. Địa chỉ được giữ nguyên văn',
    en: 'Several communes are named "{0}"; add the province. The address is kept as written',
  },
  COMMUNE_UNKNOWN: {
    vi: 'Không có xã/phường "{0}" trong danh mục mới; địa chỉ được giữ nguyên văn',
    en: 'No commune "{0}" in the new list; the address is kept as written',
  },
  SENSITIVE_SKIPPED: {
    vi: 'Dân tộc, tôn giáo là dữ liệu nhạy cảm; tài khoản của bạn không có quyền ghi nên không nhập các cột này',
    en: 'Ethnicity and religion are sensitive data your account may not record; those columns were not imported',
  },
  DUPLICATE_IN_FILE: {
    vi: 'Trùng với dòng {0} trong cùng tệp; dòng này không được nhập',
    en: 'Same person as row {0} of this file; this row was not imported',
  },
  MEMBER_NUMBER_IN_FILE: {
    vi: 'Số thẻ {0} đã dùng ở dòng {1} của tệp',
    en: 'Member number {0} is already used on row {1} of the file',
  },
  MEMBER_NUMBER_TAKEN: {
    vi: 'Số thẻ {0} đã cấp cho hội viên khác',
    en: 'Member number {0} belongs to another member',
  },
  MEMBER_NUMBER_DIFFERS: {
    vi: 'Hội viên đã có trong sổ với số thẻ {0}; giữ số thẻ cũ',
    en: 'The member is already registered with number {0}; that number is kept',
  },
  MEMBER_ELSEWHERE: {
    vi: 'Người này đang sinh hoạt ở đơn vị khác ngoài phạm vi nhập; cần làm thủ tục chuyển sinh hoạt',
    en: 'This person is a current member of another unit outside the import scope; use a transfer',
  },
  MEMBERSHIP_OVERLAP: {
    vi: 'Lượt sinh hoạt trước của người này kết thúc ngày {0}, sau ngày vào hội ghi trong tệp',
    en: "This person's previous membership ended on {0}, after the joining date in the file",
  },
  MATCHES_SEVERAL: {
    vi: 'Khớp {0} hội viên cùng tên, năm sinh; đã ghép với người đầu tiên, hãy kiểm tra',
    en: 'Matches {0} members with the same name and birth year; paired with the first, please check',
  },
  UNIT_DIFFERS: {
    vi: 'Hội viên đã có trong sổ ở chi hội khác; không tự chuyển sinh hoạt',
    en: 'The member is registered in another unit; no transfer is made by an import',
  },
  REGISTRY_VALUE_KEPT: {
    vi: 'Giữ giá trị trong sổ cho "{0}": {1} (tệp ghi {2})',
    en: 'Kept the registry value of "{0}": {1} (the file says {2})',
  },
};

export function issue(
  severity: Severity,
  code: string,
  field?: ImportField,
  args: string[] = [],
): ImportIssue & { severity: Severity } {
  const m = MESSAGES[code] ?? { vi: code, en: code };
  const fill = (t: string) => t.replace(/\{(\d)\}/g, (_, i: string) => args[Number(i)] ?? '');
  return {
    severity,
    code,
    ...(field ? { field } : {}),
    message: fill(m.vi),
    messageEn: fill(m.en),
  };
}
