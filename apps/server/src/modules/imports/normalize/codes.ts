/**
 * Values picked from closed lists: sex, ethnicity, religion and member category. Spellings
 * without diacritics, in any case and with any hyphenation are the same word and map silently;
 * old or other names map with a warning; anything ambiguous or unknown is an error.
 */
import {
  ETHNICITIES,
  MEMBER_CATEGORIES,
  RELIGIONS,
  type Gender,
  type MemberCategory,
} from '@hoi/contracts';
import { foldCompact, foldWords, integerDigits, quoted, readCell } from './cells.js';
import type { ImportField } from './headers.js';
import { fail, makeIssue, ok, type ImportIssue, type Normalized } from './issues.js';

/** An own entry of a table (never an inherited one such as "constructor"). */
function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Folded text of a text cell, or null for other kinds; blank cells are handled by callers. */
function textOf(raw: unknown): string | null {
  const cell = readCell(raw);
  return cell.kind === 'text' ? cell.text : null;
}

const GENDERS: Readonly<Record<string, Gender>> = {
  male: 'male',
  nam: 'male',
  namgioi: 'male',
  gioitinhnam: 'male',
  m: 'male',
  man: 'male',
  female: 'female',
  nu: 'female',
  nugioi: 'female',
  gioitinhnu: 'female',
  f: 'female',
  woman: 'female',
};
/** Forms of address ("Ông", "Bà") written in the sex column. */
const GENDER_TITLES: Readonly<Record<string, Gender>> = { ong: 'male', ba: 'female' };

/**
 * Reads the sex column: Nam / Nữ in any case, with or without diacritics (also male/female,
 * M/F). "N", "x", 1/0 and the like are ambiguous: an error, never a guess.
 *
 * @example
 * normalizeGender('NỮ').value // 'female'
 */
export function normalizeGender(raw: unknown, field: ImportField = 'gender'): Normalized<Gender> {
  if (readCell(raw).kind === 'blank') return ok(null);
  const text = textOf(raw);
  const key = text === null ? '' : foldCompact(text);
  const gender = lookup(GENDERS, key);
  if (gender) return ok(gender);
  const titled = lookup(GENDER_TITLES, key);
  if (titled)
    return ok(titled, [
      makeIssue(
        'GENDER_FROM_TITLE',
        field,
        `Giới tính ghi${quoted(raw)}; đã hiểu là ${titled === 'male' ? 'Nam' : 'Nữ'}. Lần sau hãy ghi "Nam" hoặc "Nữ".`,
        `Sex written as${quoted(raw)}; read as ${titled}. Next time write "Nam" or "Nữ".`,
      ),
    ]);
  return fail(
    makeIssue(
      'GENDER_UNKNOWN',
      field,
      `Giới tính${quoted(raw)} không rõ là nam hay nữ. Hãy ghi "Nam" hoặc "Nữ", hoặc để trống.`,
      `Sex${quoted(raw)} does not say male or female. Write "Nam" or "Nữ", or leave it blank.`,
    ),
  );
}

/** A list code typed as text ("01") or as a number (1). */
function codeOf(raw: unknown, list: Readonly<Record<string, string>>): string | null {
  const cell = readCell(raw);
  let digits: string | null = null;
  if (cell.kind === 'number') digits = integerDigits(cell.value);
  else if (cell.kind === 'text' && /^\d{1,2}$/.test(cell.text)) digits = cell.text;
  if (digits === null || digits.length > 2) return null;
  const code = digits.padStart(2, '0');
  return code in list ? code : null;
}

/** Strips "Dân tộc", "DT", "Người" in front and parenthesised notes: "Kinh (Việt)" → "kinh". */
function ethnicityKey(text: string): string {
  const words = foldWords(text.replace(/\([^)]*\)/g, ' '));
  return words.replace(/^(dan toc|dt|nguoi|toc) /, '').replace(/[^a-z0-9]/g, '');
}

/** Other spellings of the official names: the same word, mapped silently. */
const ETHNICITY_SPELLINGS: Readonly<Record<string, string>> = {
  viet: '01',
  kinhviet: '01',
  mong: '08',
  hmong: '08',
  khmer: '05',
  khome: '05',
  jarai: '10',
  jrai: '10',
  bahnar: '13',
  sedang: '14',
  koho: '16',
  mnong: '20',
  stieng: '22',
  vankieu: '23',
  bru: '23',
  taoi: '31',
  khmu: '29',
  hani: '35',
};
/** Old exonyms still found in lists: mapped, with a warning so the officer can update the file. */
const ETHNICITY_OLD_NAMES: Readonly<Record<string, string>> = {
  meo: '08',
  man: '09',
  mien: '05',
  rhade: '12',
  caolan: '15',
};

const ETHNICITY_KEYS: ReadonlyMap<string, string> = new Map([
  ...Object.entries(ETHNICITIES).map(([code, name]) => [foldCompact(name), code] as const),
  ...Object.entries(ETHNICITY_SPELLINGS),
]);

/**
 * Reads an ethnicity into its code in the 54-group list (ETHNICITIES), by code or by name.
 *
 * @example
 * normalizeEthnicity('Dân tộc Kinh').value // '01'
 * normalizeEthnicity("H'Mông").value      // '08'
 */
export function normalizeEthnicity(
  raw: unknown,
  field: ImportField = 'ethnicity',
): Normalized<string> {
  if (readCell(raw).kind === 'blank') return ok(null);
  const code = codeOf(raw, ETHNICITIES);
  if (code) return ok(code);
  const text = textOf(raw);
  const key = text === null ? '' : ethnicityKey(text);
  const known = ETHNICITY_KEYS.get(key);
  if (known) return ok(known);
  const old = lookup(ETHNICITY_OLD_NAMES, key);
  if (old)
    return ok(old, [
      makeIssue(
        'ETHNICITY_OLD_NAME',
        field,
        `Dân tộc${quoted(raw)} là tên gọi cũ; đã hiểu là dân tộc ${ETHNICITIES[old]} theo danh mục 54 dân tộc. Hãy kiểm tra lại.`,
        `Ethnicity${quoted(raw)} is an old name; read as ${ETHNICITIES[old]} in the official list of 54 groups. Please check it.`,
      ),
    ]);
  return fail(
    makeIssue(
      'ETHNICITY_UNKNOWN',
      field,
      `Dân tộc${quoted(raw)} không có trong danh mục 54 dân tộc. Hãy ghi đúng tên dân tộc (ví dụ Kinh, Tày, Mông) hoặc để trống.`,
      `Ethnicity${quoted(raw)} is not in the official list of 54 groups. Write its name (e.g. Kinh, Tày, Mông) or leave it blank.`,
    ),
  );
}

/** Other names of the religions in RELIGIONS (compact folded form). */
const RELIGION_SPELLINGS: Readonly<Record<string, string>> = {
  khong: '00',
  khongco: '00',
  khongtongiao: '00',
  khongtheotongiao: '00',
  khongtheodao: '00',
  phat: '01',
  daophat: '01',
  phatgiao: '01',
  conggiao: '02',
  thienchua: '02',
  thienchuagiao: '02',
  daothienchua: '02',
  catholic: '02',
  hoahao: '03',
  daohoahao: '03',
  hoi: '04',
  daohoi: '04',
  islam: '04',
  daocaodai: '05',
  caodaigiao: '05',
  daominhsu: '06',
  daominhly: '07',
  daotinlanh: '08',
  tinlanhgiao: '08',
  protestant: '08',
  tinhdocusi: '09',
  tinhdocusiphathoi: '09',
  tuanhieunghia: '10',
  bahai: '12',
  balamon: '13',
  mormon: '14',
  khac: '99',
  tongiaokhac: '99',
};
/** Names covering more than one religion in the list. */
const RELIGION_AMBIGUOUS = new Set(['kitogiao', 'kito', 'codocgiao', 'codoc', 'daokito']);

const RELIGION_KEYS: ReadonlyMap<string, string> = new Map([
  ...Object.entries(RELIGIONS).map(([code, name]) => [foldCompact(name), code] as const),
  ...Object.entries(RELIGION_SPELLINGS),
]);

/**
 * Reads a religion into its code in RELIGIONS ("00" = none, "99" = other), by code or name.
 *
 * @example
 * normalizeReligion('Thiên Chúa giáo').value // '02'
 * normalizeReligion('Không').value            // '00'
 */
export function normalizeReligion(
  raw: unknown,
  field: ImportField = 'religion',
): Normalized<string> {
  if (readCell(raw).kind === 'blank') return ok(null);
  const code = codeOf(raw, RELIGIONS);
  if (code) return ok(code);
  const text = textOf(raw);
  const key = text === null ? '' : foldCompact(text).replace(/^tongiao(?=.)/, '');
  const known = RELIGION_KEYS.get(key);
  if (known) return ok(known);
  if (RELIGION_AMBIGUOUS.has(key))
    return fail(
      makeIssue(
        'RELIGION_AMBIGUOUS',
        field,
        `Tôn giáo${quoted(raw)} có thể là Công giáo hoặc Tin Lành. Hãy ghi rõ một trong hai.`,
        `Religion${quoted(raw)} may mean Catholic (Công giáo) or Protestant (Tin Lành). Write which one.`,
      ),
    );
  return fail(
    makeIssue(
      'RELIGION_UNKNOWN',
      field,
      `Tôn giáo${quoted(raw)} không có trong danh mục. Hãy ghi đúng tên (ví dụ Phật giáo, Công giáo, Tin Lành, Không) hoặc để trống.`,
      `Religion${quoted(raw)} is not in the list. Write its name (e.g. Phật giáo, Công giáo, Tin Lành, Không) or leave it blank.`,
    ),
  );
}

const CATEGORY_KEYS: Readonly<Record<string, MemberCategory>> = {
  chinhthuc: 'official',
  lienket: 'associate',
  danhdu: 'honorary',
  hvct: 'official',
  hvlk: 'associate',
  hvdd: 'honorary',
};

/**
 * Reads the member category: "Chính thức", "Liên kết", "Danh dự" (with or without "Hội viên",
 * diacritics or case) or the codes. Blank stays null: the caller applies the default.
 *
 * @example
 * normalizeCategory('HỘI VIÊN LIÊN KẾT').value // 'associate'
 */
export function normalizeCategory(
  raw: unknown,
  field: ImportField = 'category',
): Normalized<MemberCategory> {
  if (readCell(raw).kind === 'blank') return ok(null);
  const text = textOf(raw) ?? '';
  const asCode = MEMBER_CATEGORIES.find((c) => c === text.toLowerCase());
  if (asCode) return ok(asCode);
  const key = foldCompact(text).replace(/^(hoivien|hv)(?=.)/, '');
  const category = lookup(CATEGORY_KEYS, key) ?? lookup(CATEGORY_KEYS, foldCompact(text));
  if (category) return ok(category);
  const error: ImportIssue = makeIssue(
    'CATEGORY_UNKNOWN',
    field,
    `Loại hội viên${quoted(raw)} không rõ. Hãy ghi "Chính thức", "Liên kết" hoặc "Danh dự", hoặc để trống (mặc định là chính thức).`,
    `Member category${quoted(raw)} is unknown. Write "Chính thức", "Liên kết" or "Danh dự", or leave it blank (official by default).`,
  );
  return fail(error);
}
