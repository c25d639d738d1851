/**
 * Tables for the messy import fixtures: the old (before 1 July 2025) wards of the seeded
 * conversion sample (apps/server/src/seed/admin-units-sample-conversions.csv, wholly merged ones
 * only, so each has one new ward), branch names, notes and the headings real lists use.
 */
import type { Region } from '../../members/members.generate-names.js';

export interface LegacyWard {
  region: Region;
  commune: string;
  district: string;
  province: string;
  /** The ward it became on 1 July 2025. */
  newWard: string;
  newProvince: string;
}

const HN = 'Thành phố Hà Nội';
const HCM = 'Thành phố Hồ Chí Minh';

export const LEGACY_WARDS: readonly LegacyWard[] = [
  ['north', 'Phường Trúc Bạch', 'Quận Ba Đình', HN, 'Phường Ba Đình', HN],
  ['north', 'Phường Quán Thánh', 'Quận Ba Đình', HN, 'Phường Ba Đình', HN],
  ['north', 'Phường Liễu Giai', 'Quận Ba Đình', HN, 'Phường Ngọc Hà', HN],
  ['north', 'Phường Vĩnh Phúc', 'Quận Ba Đình', HN, 'Phường Ngọc Hà', HN],
  ['north', 'Phường Giảng Võ', 'Quận Ba Đình', HN, 'Phường Giảng Võ', HN],
  ['north', 'Phường Hàng Mã', 'Quận Hoàn Kiếm', HN, 'Phường Hoàn Kiếm', HN],
  ['north', 'Phường Hàng Bạc', 'Quận Hoàn Kiếm', HN, 'Phường Hoàn Kiếm', HN],
  ['north', 'Phường Trần Hưng Đạo', 'Quận Hoàn Kiếm', HN, 'Phường Cửa Nam', HN],
  ['north', 'Phường Phúc Xá', 'Quận Ba Đình', HN, 'Phường Hồng Hà', HN],
  ['south', 'Phường Tân Định', 'Quận 1', HCM, 'Phường Tân Định', HCM],
  ['south', 'Phường Bến Nghé', 'Quận 1', HCM, 'Phường Sài Gòn', HCM],
  ['south', 'Phường Bến Thành', 'Quận 1', HCM, 'Phường Bến Thành', HCM],
  ['south', 'Phường Phạm Ngũ Lão', 'Quận 1', HCM, 'Phường Bến Thành', HCM],
  ['south', 'Phường Cô Giang', 'Quận 1', HCM, 'Phường Cầu Ông Lãnh', HCM],
  ['south', 'Phường An Phú Đông', 'Quận 12', HCM, 'Phường An Phú Đông', HCM],
].map(([region, commune, district, province, newWard, newProvince]) => ({
  region: region as Region,
  commune: commune!,
  district: district!,
  province: province!,
  newWard: newWard!,
  newProvince: newProvince!,
}));

/** How hands abbreviate old unit names ("P. Trúc Bạch", "Q. Ba Đình", "TP Hà Nội"). */
export function abbreviate(name: string): string {
  return name
    .replace(/^Phường /, 'P. ')
    .replace(/^Quận /, 'Q. ')
    .replace(/^Thành phố /, 'TP ')
    .replace(/^Huyện /, 'H. ')
    .replace(/^Xã /, 'X. ');
}

export const STREETS: Record<Region, readonly string[]> = {
  north: ['Quán Thánh', 'Phan Đình Phùng', 'Hàng Bạc', 'Nguyễn Trường Tộ', 'Liễu Giai', 'Đội Cấn'],
  central: ['Lê Lợi', 'Trần Phú', 'Hùng Vương'],
  south: [
    'Hai Bà Trưng',
    'Trần Hưng Đạo',
    'Nguyễn Trãi',
    'Cô Giang',
    'Lê Thánh Tôn',
    'Đinh Tiên Hoàng',
  ],
};

export const NOTES = [
  'Đảng viên',
  'Hộ nghèo',
  'Chuyển đến từ xã khác',
  'Thương binh hạng 3/4',
  'Gia đình chính sách',
  'Sống một mình',
  'Đã mất thẻ, cấp lại',
];

export const MEMBER_CATEGORIES = ['Chính thức', 'Liên kết', 'Danh dự'] as const;

/** Heading text by column, as typed by hand: standard, and mixed case without diacritics. */
export const HEADINGS = {
  no: ['STT', 'Stt'],
  fullName: ['Họ và tên', 'HO VA TEN'],
  birth: ['Ngày sinh', 'Ngay sinh'],
  birthGroup: ['Năm sinh', 'Nam sinh'],
  birthMale: ['Nam', 'Nam'],
  birthFemale: ['Nữ', 'Nu'],
  gender: ['Giới tính', 'gioi tinh'],
  idNumber: ['Số định danh cá nhân', 'So CCCD'],
  ethnicity: ['Dân tộc', 'Dan toc'],
  religion: ['Tôn giáo', 'TON GIAO'],
  phone: ['Số điện thoại', 'So dien thoai'],
  hamlet: ['Thôn/xóm', 'Thon/xom'],
  address: ['Địa chỉ', 'Dia chi'],
  commune: ['Xã/phường', 'Xa/Phuong'],
  district: ['Huyện/quận', 'Huyen'],
  province: ['Tỉnh/thành phố', 'Tinh/TP'],
  branch: ['Chi hội', 'CHI HOI'],
  branchCode: ['Mã chi hội', 'Ma chi hoi'],
  joinedOn: ['Ngày vào hội', 'Ngay vao hoi'],
  memberNumber: ['Số thẻ', 'So the'],
  category: ['Loại hội viên', 'Loai HV'],
  note: ['Ghi chú', 'ghi chu'],
} as const;

export type HeadingKey = keyof typeof HEADINGS;
