/**
 * The address parts of an import row. Lists made before the 2025 reorganisation name communes,
 * districts and provinces that no longer exist: that text is kept verbatim as the legacy address,
 * and the old-unit columns are handed to the caller, which converts them with the official table.
 */
import { foldWords } from './cells.js';
import type { ImportField } from './headers.js';
import { makeIssue, type ImportIssue } from './issues.js';

export interface AddressInput {
  hamlet: string | null;
  address: string | null;
  oldCommune: string | null;
  oldDistrict: string | null;
  oldProvince: string | null;
  /**
   * Whether the columns describe the old organisation: an old commune, district or province
   * column, or an address column headed as old ("Địa chỉ cũ").
   */
  hasOldColumns: boolean;
}

export interface AddressParts {
  addressDetail: string | null;
  addressLegacy: string | null;
  oldAddress: { commune: string; district: string | null; province: string | null } | null;
}

const DETAIL_MAX = 300;
const LEGACY_MAX = 500;

/**
 * True when an address names a district-level unit ("huyện", "quận", "thị xã", "H.", "Q."):
 * districts were abolished in 2025, so such text describes the old organisation.
 */
export function namesOldUnit(address: string): boolean {
  if (/(^|[^\p{L}])(huyện|quận|thị xã|tx)(?!\p{L})/iu.test(address)) return true;
  if (/(^|[\s,;])[HhQq]\.\s*[\p{L}\d]/u.test(address)) return true;
  // Without diacritics "quan" could also be "Quán", so only trust it in unaccented text.
  const folded = foldWords(address);
  return (
    folded ===
      address
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim() && /(^| )(huyen|quan|thi xa)( |$)/.test(folded)
  );
}

/**
 * Splits the address columns into what the registry stores: the detail (hamlet, and the
 * address when it describes no old unit), the legacy text and the old commune to convert.
 */
export function addressParts(
  a: AddressInput,
  errors: ImportIssue[],
  warnings: ImportIssue[],
): AddressParts {
  const legacyAddress = a.address !== null && (a.hasOldColumns || namesOldUnit(a.address));
  let detail = a.hamlet;
  if (a.address !== null && !legacyAddress) {
    const hamletInside = a.hamlet !== null && foldWords(a.address).includes(foldWords(a.hamlet));
    detail = a.hamlet === null || hamletInside ? a.address : `${a.hamlet}, ${a.address}`;
  }
  let legacy = legacyAddress ? a.address : null;
  let oldAddress: AddressParts['oldAddress'] = null;
  if (a.oldCommune !== null)
    oldAddress = { commune: a.oldCommune, district: a.oldDistrict, province: a.oldProvince };
  else if (a.oldDistrict !== null || a.oldProvince !== null) {
    const known = [a.oldDistrict, a.oldProvince].filter((p) => p !== null).join(', ');
    warnings.push(
      makeIssue(
        'OLD_COMMUNE_MISSING',
        'oldCommune',
        `Có huyện/tỉnh cũ (${known}) nhưng thiếu xã/phường cũ nên không đổi được sang địa chỉ mới; địa chỉ được giữ nguyên văn. Hãy bổ sung xã/phường cũ nếu biết.`,
        `An old district/province (${known}) is given without the old commune, so it cannot be converted; the address is kept as written. Add the old commune if known.`,
      ),
    );
    legacy ??= known;
  }
  if (detail !== null && detail.length > DETAIL_MAX) errors.push(tooLong('address', DETAIL_MAX));
  if (legacy !== null && legacy.length > LEGACY_MAX) errors.push(tooLong('address', LEGACY_MAX));
  return { addressDetail: detail, addressLegacy: legacy, oldAddress };
}

function tooLong(field: ImportField, max: number): ImportIssue {
  return makeIssue(
    'TEXT_TOO_LONG',
    field,
    `Địa chỉ (gộp thôn/xóm và địa chỉ) dài quá ${max} ký tự. Hãy rút gọn trong tệp (hệ thống không tự cắt bớt).`,
    `The address (hamlet and address together) is longer than ${max} characters. Shorten it in the file (nothing is cut automatically).`,
  );
}
