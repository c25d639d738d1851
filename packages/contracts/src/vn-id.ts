/**
 * Vietnamese personal identification numbers (VIETNAM_RULES §9).
 *
 * 12-digit số định danh cá nhân: PPP G YY RRRRRR. PPP is the province where the birth was
 * registered, in the OLD 63-province list (kept separate from the 2025 34-province codes, which
 * reuse numbers with other meanings). G encodes century and sex. No checksum exists, so we check
 * format only and never derive a home province from the number.
 */

/** Birth-registration province prefixes (0 + the pre-2025 GSO province code). */
export const OLD_PROVINCE_ID_PREFIXES: Readonly<Record<string, string>> = {
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa – Vũng Tàu',
  '079': 'TP Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
};

export type Gender = 'male' | 'female';

/** A hard error: the number cannot be a personal ID. */
export type PersonalIdError = 'length' | 'digits' | 'prefix' | 'century';
/** A soft problem an officer may override: real records contain errors. */
export type PersonalIdWarning = 'birth_year_mismatch' | 'gender_mismatch';

export interface PersonalIdCheck {
  ok: boolean;
  error?: PersonalIdError;
  warnings: PersonalIdWarning[];
  /** Decoded from the G and YY digits (format facts only, never a home province). */
  birthYear?: number;
  gender?: Gender;
}

/**
 * Checks a 12-digit personal ID, and its consistency with what else we know of the person.
 * `birthYear`/`gender` may be unknown (null).
 */
export function checkPersonalId(
  raw: string,
  person: { birthYear?: number | null; gender?: Gender | null } = {},
): PersonalIdCheck {
  const id = raw.trim();
  if (!/^\d+$/.test(id)) return { ok: false, error: 'digits', warnings: [] };
  if (id.length !== 12) return { ok: false, error: 'length', warnings: [] };
  if (!(id.slice(0, 3) in OLD_PROVINCE_ID_PREFIXES))
    return { ok: false, error: 'prefix', warnings: [] };
  const g = Number(id[3]);
  const yy = Number(id.slice(4, 6));
  const birthYear = (19 + Math.floor(g / 2)) * 100 + yy;
  const gender: Gender = g % 2 === 0 ? 'male' : 'female';
  // Centuries beyond the 21st are defined by the scheme but cannot be anyone alive today.
  const thisYear = new Date().getUTCFullYear();
  if (birthYear > thisYear) return { ok: false, error: 'century', warnings: [] };
  const warnings: PersonalIdWarning[] = [];
  if (person.birthYear != null && person.birthYear !== birthYear)
    warnings.push('birth_year_mismatch');
  if (person.gender != null && person.gender !== gender) warnings.push('gender_mismatch');
  return { ok: true, warnings, birthYear, gender };
}

/** The old 9-digit identity card (CMND), kept as a legacy field: nine digits, nothing more is knowable. */
export function isLegacyCmnd(raw: string): boolean {
  return /^\d{9}$/.test(raw.trim());
}

/**
 * Normalizes a Vietnamese phone number for storage as national digits (0xxxxxxxxx): accepts
 * +84 / 84 / 0 prefixes, spaces, dots and dashes. Mobile numbers are 10 digits starting 03, 05,
 * 07, 08 or 09; landlines 11 digits starting 02. Returns null for anything else.
 */
export function normalizeVnPhone(raw: string): string | null {
  let s = raw.trim().replace(/[\s.()-]/g, '');
  if (s.startsWith('+84')) s = `0${s.slice(3)}`;
  else if (/^84\d{9,10}$/.test(s)) s = `0${s.slice(2)}`;
  if (/^0[35789]\d{8}$/.test(s)) return s;
  if (/^02\d{9}$/.test(s)) return s;
  return null;
}
