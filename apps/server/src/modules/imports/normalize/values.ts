/**
 * Free-text values of an import row: names, text fields, email and member numbers. The other
 * normalizers live beside this file: dates.ts (dates, birth years), identity.ts (ID numbers,
 * phones) and codes.ts (sex, ethnicity, religion, member category).
 */
import { PERSON_NAME_MAX } from '@hoi/contracts';
import { z } from 'zod';
import { formatDmy, integerDigits, isNoneWord, quoted, readCell } from './cells.js';
import type { ImportField } from './headers.js';
import { fail, makeIssue, ok, type ImportIssue, type Normalized } from './issues.js';

/** Upper/lower case of one character, kept as is when the mapping is not one character. */
function upper(ch: string): string {
  const u = ch.toUpperCase();
  return [...u].length === 1 ? u : ch;
}
function lower(ch: string): string {
  const l = ch.toLowerCase();
  return [...l].length === 1 ? l : ch;
}

/** Word starts: after a space, a hyphen or an apostrophe (Ê-đê names such as "H'Hen Niê"). */
const WORD_BREAK = /[\s\-'’ʼ]/;

/** "NGUYỄN VĂN AN" / "nguyễn văn an" → "Nguyễn Văn An". */
function titleCase(s: string): string {
  let out = '';
  let start = true;
  for (const ch of s) {
    out += start ? upper(ch) : lower(ch);
    start = WORD_BREAK.test(ch);
  }
  return out;
}

function caseOf(s: string): 'upper' | 'lower' | 'mixed' | 'none' {
  let hasUpper = false;
  let hasLower = false;
  for (const ch of s) {
    if (upper(ch) === lower(ch)) continue;
    if (ch === upper(ch)) hasUpper = true;
    else hasLower = true;
  }
  if (hasUpper && hasLower) return 'mixed';
  return hasUpper ? 'upper' : hasLower ? 'lower' : 'none';
}

/**
 * Symbols of the Latin-1 range that appear when text typed with the old TCVN3 (.VnTime) or VNI
 * fonts is read as Unicode ("NguyÔn V¨n An"). No Vietnamese name contains them.
 */
const LEGACY_FONT_SYMBOLS = /[\u00a1-\u00bf\u00d7\u00f7]/;

function nameIssue(
  code: 'NAME_MISSING' | 'NAME_INVALID' | 'NAME_HAS_DIGITS' | 'NAME_TOO_SHORT' | 'NAME_TOO_LONG',
  field: ImportField,
  raw: unknown,
): ImportIssue {
  const q = quoted(raw);
  const texts = {
    NAME_MISSING: [
      'Thiếu họ và tên: mỗi hội viên phải có họ và tên. Hãy điền vào, hoặc xóa dòng này nếu không phải hội viên.',
      'The full name is missing: every member needs one. Fill it in, or delete the row if it is not a member.',
    ],
    NAME_INVALID: [
      `Họ và tên${q} không phải là tên người. Hãy kiểm tra lại cột họ và tên.`,
      `Full name${q} is not a person's name. Check the name column.`,
    ],
    NAME_HAS_DIGITS: [
      `Họ và tên${q} có chữ số. Hãy bỏ số thứ tự hoặc ghi chú khỏi ô tên.`,
      `Full name${q} contains digits. Remove row numbers or notes from the name cell.`,
    ],
    NAME_TOO_SHORT: [
      `Họ và tên${q} quá ngắn. Hãy ghi đầy đủ họ và tên.`,
      `Full name${q} is too short. Write the full name.`,
    ],
    NAME_TOO_LONG: [
      `Họ và tên dài quá ${PERSON_NAME_MAX} ký tự. Hãy kiểm tra xem ô tên có lẫn nội dung khác không.`,
      `Full name is longer than ${PERSON_NAME_MAX} characters. Check that the cell holds only the name.`,
    ],
  } as const;
  const [vi, en] = texts[code];
  return makeIssue(code, field, vi, en);
}

/**
 * Reads a full name: Unicode NFC and spaces cleaned silently; an all-capitals or all-lower-case
 * name is put in title case with a warning; mixed case is kept as typed.
 *
 * @example
 * normalizeName('  NGUYỄN   THỊ  HOA ').value // 'Nguyễn Thị Hoa' (+ warning NAME_CASE_CHANGED)
 */
export function normalizeName(raw: unknown, field: ImportField = 'fullName'): Normalized<string> {
  const cell = readCell(raw);
  if (cell.kind === 'blank') return fail(nameIssue('NAME_MISSING', field, raw));
  if (cell.kind === 'number') return fail(nameIssue('NAME_HAS_DIGITS', field, raw));
  if (cell.kind !== 'text') return fail(nameIssue('NAME_INVALID', field, raw));
  const text = cell.text;
  if (LEGACY_FONT_SYMBOLS.test(text))
    return fail(
      makeIssue(
        'NAME_LEGACY_ENCODING',
        field,
        `Họ và tên${quoted(raw)} có ký tự lạ, có lẽ được gõ bằng phông chữ cũ (TCVN3/.VnTime hoặc VNI). Hãy chuyển mã sang Unicode (ví dụ bằng Unikey) rồi nhập lại.`,
        `Full name${quoted(raw)} has stray symbols, probably typed in an old font (TCVN3/.VnTime or VNI). Convert the file to Unicode (e.g. with Unikey) and import again.`,
      ),
    );
  if (/\p{N}/u.test(text)) return fail(nameIssue('NAME_HAS_DIGITS', field, raw));
  if (!/\p{L}/u.test(text)) return fail(nameIssue('NAME_INVALID', field, raw));
  if (text.length > PERSON_NAME_MAX) return fail(nameIssue('NAME_TOO_LONG', field, raw));
  if (text.length < 2) return fail(nameIssue('NAME_TOO_SHORT', field, raw));
  const kind = caseOf(text);
  if (kind !== 'upper' && kind !== 'lower') return ok(text);
  const titled = titleCase(text);
  if (titled === text) return ok(text);
  return ok(titled, [
    makeIssue(
      'NAME_CASE_CHANGED',
      field,
      `Họ và tên${quoted(raw)} viết ${kind === 'upper' ? 'toàn chữ in hoa' : 'toàn chữ thường'}; đã sửa thành “${titled}”. Hãy kiểm tra lại.`,
      `Full name${quoted(raw)} was all ${kind === 'upper' ? 'capitals' : 'lower case'}; changed to “${titled}”. Please check it.`,
    ),
  ]);
}

export interface TextOptions {
  /** Longest accepted length: longer text is an error, never truncated. */
  max: number;
  field: ImportField;
}

function textLabel(field: ImportField): { vi: string; en: string } {
  return FIELD_TEXT_LABELS[field] ?? { vi: 'Nội dung ô', en: 'The cell' };
}

const FIELD_TEXT_LABELS: Partial<Record<ImportField, { vi: string; en: string }>> = {
  address: { vi: 'Địa chỉ', en: 'Address' },
  hamlet: { vi: 'Thôn, xóm, tổ dân phố', en: 'Hamlet' },
  oldCommune: { vi: 'Xã/phường cũ', en: 'Old commune' },
  oldDistrict: { vi: 'Huyện cũ', en: 'Old district' },
  oldProvince: { vi: 'Tỉnh cũ', en: 'Old province' },
  commune: { vi: 'Xã/phường', en: 'Commune' },
  province: { vi: 'Tỉnh/thành phố', en: 'Province' },
  unit: { vi: 'Chi hội', en: 'Unit' },
  unitCode: { vi: 'Mã chi hội', en: 'Unit code' },
  admissionNumber: { vi: 'Số quyết định kết nạp', en: 'Admission decision number' },
  notes: { vi: 'Ghi chú', en: 'Notes' },
};

/**
 * Reads a free-text cell: NFC, trimmed, inner whitespace collapsed. Numbers are written out,
 * dates as dd/mm/yyyy. Over-long text is an error, never cut.
 *
 * @example
 * normalizeText(' Thôn  3 ', { max: 300, field: 'hamlet' }).value // 'Thôn 3'
 */
export function normalizeText(raw: unknown, opts: TextOptions): Normalized<string> {
  const cell = readCell(raw);
  const label = textLabel(opts.field);
  let text: string;
  switch (cell.kind) {
    case 'blank':
      return ok(null);
    case 'text':
      text = cell.text;
      break;
    case 'number':
      text = String(cell.value);
      break;
    case 'date':
      text = formatDmy(cell.value);
      break;
    case 'bool':
    case 'other':
      return fail(
        makeIssue(
          'TEXT_UNREADABLE',
          opts.field,
          `${label.vi}${quoted(raw)}: ô này không chứa chữ đọc được. Hãy ghi lại bằng chữ.`,
          `${label.en}${quoted(raw)}: the cell holds no readable text. Type it as text.`,
        ),
      );
  }
  if (text.length > opts.max)
    return fail(
      makeIssue(
        'TEXT_TOO_LONG',
        opts.field,
        `${label.vi} dài ${text.length} ký tự, quá giới hạn ${opts.max} ký tự. Hãy rút gọn trong tệp (hệ thống không tự cắt bớt).`,
        `${label.en} is ${text.length} characters long, over the limit of ${opts.max}. Shorten it in the file (nothing is cut automatically).`,
      ),
    );
  return ok(text);
}

const EMAIL_MAX = 200;
const EmailSchema = z.email().max(EMAIL_MAX);

/**
 * Reads an email address (as the member contract accepts it); "mailto:" from hyperlink cells
 * is dropped. Case is kept.
 *
 * @example
 * normalizeEmail(' an.nguyen@example.vn ').value // 'an.nguyen@example.vn'
 */
export function normalizeEmail(raw: unknown, field: ImportField = 'email'): Normalized<string> {
  const cell = readCell(raw);
  if (cell.kind === 'blank') return ok(null);
  const text = cell.kind === 'text' ? cell.text.replace(/^(mailto:\s*)+/i, '') : '';
  if (cell.kind === 'text' && isNoneWord(text))
    return ok(null, [
      makeIssue(
        'NONE_WORD_READ_AS_BLANK',
        field,
        `Email${quoted(raw)} được hiểu là không có, để trống.`,
        `Email${quoted(raw)} was read as "none" and left blank.`,
      ),
    ]);
  if (EmailSchema.safeParse(text).success) return ok(text);
  return fail(
    makeIssue(
      'EMAIL_INVALID',
      field,
      `Email${quoted(raw)} không đúng dạng (ví dụ ten@example.vn). Hãy sửa lại hoặc để trống; mỗi ô chỉ ghi một địa chỉ.`,
      `Email${quoted(raw)} is not a valid address (e.g. name@example.vn). Correct it or leave it blank; one address per cell.`,
    ),
  );
}

const MEMBER_NUMBER = /^[A-Za-z0-9./-]+$/;
const MEMBER_NUMBER_MAX = 30;

/**
 * Reads a member card number: letters, digits, ".", "/" and "-", at most 30 characters, as the
 * member contract requires. Whole numbers from number cells are written without ".0".
 *
 * @example
 * normalizeMemberNumber(1234).value // '1234'
 */
export function normalizeMemberNumber(
  raw: unknown,
  field: ImportField = 'memberNumber',
): Normalized<string> {
  const cell = readCell(raw);
  let text: string | null = null;
  if (cell.kind === 'blank') return ok(null);
  if (cell.kind === 'number') text = integerDigits(cell.value);
  else if (cell.kind === 'text') text = cell.text.replace(/^['’‘`]\s*/, '');
  if (text !== null && text.length <= MEMBER_NUMBER_MAX && MEMBER_NUMBER.test(text))
    return ok(text);
  return fail(
    makeIssue(
      'MEMBER_NUMBER_INVALID',
      field,
      `Số thẻ${quoted(raw)} không hợp lệ: chỉ gồm chữ không dấu, chữ số và các dấu . / -, tối đa ${MEMBER_NUMBER_MAX} ký tự, không có dấu cách. Nếu Excel đã đổi số thẻ thành số thập phân, hãy định dạng cột là Văn bản (Text).`,
      `Member number${quoted(raw)} is invalid: only unaccented letters, digits and . / -, at most ${MEMBER_NUMBER_MAX} characters, no spaces. If Excel turned it into a decimal number, format the column as Text.`,
    ),
  );
}
