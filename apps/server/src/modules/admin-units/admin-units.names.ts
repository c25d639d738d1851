/**
 * Name normalization for Vietnamese administrative units. Official lists, old addresses typed by
 * cadres and the conversion table spell the same unit differently ("Hoà"/"Hòa", decomposed
 * diacritics, "TP." or "Xã" prefixes, "(01)" code suffixes), so comparisons go through these keys.
 */

/** Administrative prefixes, longest first so "thi xa" wins over "xa". Matched on folded text. */
const WORD_PREFIX = /^(thanh pho|thi tran|thi xa|dac khu|phuong|huyen|quan|tinh|tp|xa) +/;
/** Abbreviations only count with their dot ("P. 1", "TX.Kinh Môn"): a bare "h" may start a name. */
const DOTTED_PREFIX = /^(tp|tx|tt|p|x|q|h)\. */;
const CODE_SUFFIX = /\s*\(\s*(\d+)\s*\)\s*$/;

/**
 * Lowercase, without diacritics (đ → d), whitespace collapsed: the TypeScript twin of the SQL
 * `hoi_fold()` for Vietnamese text.
 *
 * @example foldVietnamese('  Thành phố  Hà Nội ') // 'thanh pho ha noi'
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Trims, collapses inner whitespace and composes decomposed diacritics (the CSV has both). */
export function cleanName(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * Splits "Thành phố Hà Nội (01)" into its name and code; the code is null when absent.
 *
 * @example splitNameAndCode('Quận Ba Đình (001)') // { name: 'Quận Ba Đình', code: '001' }
 */
export function splitNameAndCode(text: string): { name: string; code: string | null } {
  const cleaned = cleanName(text);
  const m = CODE_SUFFIX.exec(cleaned);
  if (!m) return { name: cleaned, code: null };
  return { name: cleaned.slice(0, m.index).trim(), code: m[1] ?? null };
}

/** Folded name without code suffix and administrative prefix, words kept: "Phường 01" → "1". */
export function nameWords(text: string): string {
  let s = foldVietnamese(text).replace(CODE_SUFFIX, '');
  s = s.replace(DOTTED_PREFIX, '');
  const rest = s.replace(WORD_PREFIX, '');
  if (rest.length > 0) s = rest;
  return s
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b0+(\d)/g, '$1')
    .trim();
}

/**
 * The comparison key of a unit name: folded, prefix and "(01)" removed, punctuation and spaces
 * dropped, so "TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh (79)" and "ho chi minh" are equal.
 *
 * @example nameKey("Huyện Đắk R'Lấp (666)") // 'dakrlap'
 */
export function nameKey(text: string): string {
  return nameWords(text).replace(/ /g, '');
}

/** Pads a numeric code to its NSO width (province 2, district 3, commune 5), or null. */
export function padCode(text: string | null | undefined, width: 2 | 3 | 5): string | null {
  const t = (text ?? '').trim();
  if (!/^\d+$/.test(t) || t.length > width) return null;
  return t.padStart(width, '0');
}
