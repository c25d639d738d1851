/**
 * Personal ID numbers and phone numbers as they survive Excel: number cells drop leading zeros,
 * long numbers turn into "1,23457E+11", and people type dots, spaces and apostrophes.
 */
import { checkPersonalId, normalizeVnPhone, type Gender } from '@hoi/contracts';
import { integerDigits, isNoneWord, quoted, readCell } from './cells.js';
import type { ImportField } from './headers.js';
import { fail, makeIssue, ok, type ImportIssue, type Normalized } from './issues.js';

export interface IdNumbers {
  /** 12-digit personal ID (số định danh cá nhân / CCCD). */
  idNumber: string | null;
  /** Old 9-digit identity card (CMND). */
  legacyIdNumber: string | null;
}

export interface IdOptions {
  /** What else the row says about the person, to check the ID against. */
  birthYear?: number | null;
  gender?: Gender | null;
  /** The field named in issues (default idNumber). */
  field?: ImportField;
}

function noneWord(field: ImportField, raw: unknown, what: { vi: string; en: string }) {
  return makeIssue(
    'NONE_WORD_READ_AS_BLANK',
    field,
    `${what.vi}${quoted(raw)} được hiểu là không có, để trống.`,
    `${what.en}${quoted(raw)} was read as "none" and left blank.`,
  );
}

const ID = { vi: 'Số định danh', en: 'Personal ID' };

/** Checks a 12-digit candidate; `restored` says how many leading zeros were put back. */
function checkId(
  field: ImportField,
  raw: unknown,
  id: string,
  restored: number,
  opts: IdOptions,
): Normalized<IdNumbers> {
  const r = checkPersonalId(id, { birthYear: opts.birthYear, gender: opts.gender });
  if (!r.ok) {
    if (restored > 0) return fail(invalidLength(field, raw, id.length - restored));
    if (r.error === 'prefix')
      return fail(
        makeIssue(
          'ID_INVALID_PREFIX',
          field,
          `${ID.vi}${quoted(raw)} không hợp lệ: 3 số đầu (${id.slice(0, 3)}) không phải mã tỉnh nơi đăng ký khai sinh. Hãy đối chiếu với thẻ căn cước.`,
          `${ID.en}${quoted(raw)} is invalid: the first three digits (${id.slice(0, 3)}) are not a birth-registration province code. Check it against the ID card.`,
        ),
      );
    if (r.error === 'century')
      return fail(
        makeIssue(
          'ID_INVALID_CENTURY',
          field,
          `${ID.vi}${quoted(raw)} không hợp lệ: số thứ 4 và 5–6 cho ra năm sinh chưa tới. Hãy đối chiếu với thẻ căn cước.`,
          `${ID.en}${quoted(raw)} is invalid: digits 4–6 give a birth year still to come. Check it against the ID card.`,
        ),
      );
    return fail(invalidLength(field, raw, id.length));
  }
  const warnings: ImportIssue[] = [];
  if (restored > 0)
    warnings.push(
      makeIssue(
        'ID_LEADING_ZERO_RESTORED',
        field,
        `${ID.vi}${quoted(raw)} bị mất ${restored === 1 ? 'số 0' : `${restored} số 0`} ở đầu (Excel để ô dạng số); đã thêm lại thành ${id}. Hãy định dạng cột này là Văn bản (Text).`,
        `${ID.en}${quoted(raw)} lost ${restored === 1 ? 'a leading zero' : `${restored} leading zeros`} (an Excel number cell); restored as ${id}. Format the column as Text.`,
      ),
    );
  if (r.warnings.includes('birth_year_mismatch'))
    warnings.push(
      makeIssue(
        'ID_BIRTH_YEAR_MISMATCH',
        field,
        `${ID.vi} ${id} ứng với năm sinh ${r.birthYear}, khác năm sinh ghi trong dòng (${opts.birthYear}). Hãy kiểm tra lại một trong hai.`,
        `${ID.en} ${id} encodes the birth year ${r.birthYear}, not the year given in the row (${opts.birthYear}). Check one of them.`,
      ),
    );
  if (r.warnings.includes('gender_mismatch'))
    warnings.push(
      makeIssue(
        'ID_GENDER_MISMATCH',
        field,
        `${ID.vi} ${id} là của người ${r.gender === 'male' ? 'nam' : 'nữ'}, khác giới tính ghi trong dòng. Hãy kiểm tra lại một trong hai.`,
        `${ID.en} ${id} belongs to a ${r.gender === 'male' ? 'man' : 'woman'}, unlike the sex given in the row. Check one of them.`,
      ),
    );
  return ok({ idNumber: id, legacyIdNumber: null }, warnings);
}

function invalidLength(field: ImportField, raw: unknown, digits: number): ImportIssue {
  return makeIssue(
    'ID_INVALID_LENGTH',
    field,
    `${ID.vi}${quoted(raw)} có ${digits} chữ số: số định danh cá nhân (CCCD) có 12 số, CMND cũ có 9 số. Hãy đối chiếu với giấy tờ và sửa lại.`,
    `${ID.en}${quoted(raw)} has ${digits} digits: a personal ID has 12, an old identity card 9. Check the document and correct it.`,
  );
}

function idFromDigits(
  field: ImportField,
  raw: unknown,
  digits: string,
  opts: IdOptions,
): Normalized<IdNumbers> {
  switch (digits.length) {
    case 12:
      return checkId(field, raw, digits, 0, opts);
    case 11:
      return checkId(field, raw, `0${digits}`, 1, opts);
    // Provinces 001–008 (Hà Nội first) lose two zeros in a number cell.
    case 10:
      return checkId(field, raw, `00${digits}`, 2, opts);
    case 9:
      return ok({ idNumber: null, legacyIdNumber: digits });
    case 8:
      return ok({ idNumber: null, legacyIdNumber: `0${digits}` }, [
        makeIssue(
          'ID_LEADING_ZERO_RESTORED',
          field,
          `Số CMND${quoted(raw)} có 8 chữ số, bị mất số 0 ở đầu (Excel để ô dạng số); đã thêm lại thành 0${digits}. Hãy kiểm tra và định dạng cột này là Văn bản (Text).`,
          `Identity card number${quoted(raw)} has 8 digits, a leading zero lost in an Excel number cell; restored as 0${digits}. Check it and format the column as Text.`,
        ),
      ]);
    default:
      return fail(invalidLength(field, raw, digits.length));
  }
}

/**
 * Reads an ID cell: a 12-digit personal ID (checked for format, and against the row's birth
 * year and sex), or an old 9-digit CMND. Leading zeros lost by Excel are put back with a warning
 * only when the result is a well-formed ID; digits lost to scientific notation are an error.
 *
 * @example
 * normalizeIdNumber(1094012345, {}).value // { idNumber: '001094012345', legacyIdNumber: null } (+ warning)
 */
export function normalizeIdNumber(raw: unknown, opts: IdOptions = {}): Normalized<IdNumbers> {
  const field = opts.field ?? 'idNumber';
  const cell = readCell(raw);
  let digits: string | null = null;
  switch (cell.kind) {
    case 'blank':
      return ok(null);
    case 'number':
      digits = integerDigits(cell.value);
      break;
    case 'text': {
      const t = cell.text.replace(/^['’‘`]\s*/, '');
      if (isNoneWord(t)) return ok(null, [noneWord(field, raw, ID)]);
      if (/^\d+(?:[.,]\d+)?e\+?\d+$/i.test(t))
        return fail(
          makeIssue(
            'ID_SCIENTIFIC_NOTATION',
            field,
            `${ID.vi}${quoted(raw)} đã bị Excel đổi sang dạng số mũ và mất các chữ số cuối. Hãy định dạng cột này là Văn bản (Text) rồi nhập lại số đầy đủ.`,
            `${ID.en}${quoted(raw)} was turned into scientific notation by Excel and lost its last digits. Format the column as Text and type the full number again.`,
          ),
        );
      // "79123456789.0": a number written out as a decimal, not dot-grouped digits.
      const decimal = /^(\d+)\.0$/.exec(t);
      const stripped = decimal ? decimal[1]! : t.replace(/[\s.\-–]/g, '');
      digits = /^\d+$/.test(stripped) ? stripped : null;
      break;
    }
    case 'date':
    case 'bool':
    case 'other':
      break;
  }
  if (digits === null)
    return fail(
      makeIssue(
        'ID_UNREADABLE',
        field,
        `${ID.vi}${quoted(raw)} không phải là một dãy chữ số. Hãy ghi đúng số trên thẻ căn cước hoặc CMND, hoặc để trống.`,
        `${ID.en}${quoted(raw)} is not a string of digits. Write the number on the ID card, or leave it blank.`,
      ),
    );
  return idFromDigits(field, raw, digits, opts);
}

/** The 2018 renumbering of 11-digit mobile numbers (01xx → 0xx). */
const OLD_MOBILE_PREFIXES: Readonly<Record<string, string>> = {
  '0162': '032',
  '0163': '033',
  '0164': '034',
  '0165': '035',
  '0166': '036',
  '0167': '037',
  '0168': '038',
  '0169': '039',
  '0120': '070',
  '0121': '079',
  '0122': '077',
  '0126': '076',
  '0128': '078',
  '0123': '083',
  '0124': '084',
  '0125': '085',
  '0127': '081',
  '0129': '082',
  '0186': '056',
  '0188': '058',
  '0199': '059',
};

const PHONE = { vi: 'Số điện thoại', en: 'Phone number' };

function phoneInvalid(field: ImportField, raw: unknown): ImportIssue {
  return makeIssue(
    'PHONE_INVALID',
    field,
    `${PHONE.vi}${quoted(raw)} không phải số Việt Nam hợp lệ (di động 10 số bắt đầu 03, 05, 07, 08, 09; cố định 11 số bắt đầu 02). Hãy sửa lại hoặc để trống.`,
    `${PHONE.en}${quoted(raw)} is not a valid Vietnamese number (mobile: 10 digits from 03, 05, 07, 08, 09; landline: 11 digits from 02). Correct it or leave it blank.`,
  );
}

/**
 * Reads a phone cell into national digits (0xxxxxxxxx). A leading zero lost by Excel is put
 * back, and pre-2018 11-digit mobile numbers are renumbered, each with a warning; anything else
 * that is not a Vietnamese number is an error (never dropped silently).
 *
 * @example
 * normalizePhone(912345678).value        // '0912345678' (+ warning)
 * normalizePhone('+84 912 345 678').value // '0912345678'
 */
export function normalizePhone(raw: unknown, field: ImportField = 'phone'): Normalized<string> {
  const cell = readCell(raw);
  let text: string;
  switch (cell.kind) {
    case 'blank':
      return ok(null);
    case 'number': {
      const digits = integerDigits(cell.value);
      if (digits === null) return fail(phoneInvalid(field, raw));
      text = digits;
      break;
    }
    case 'text':
      text = cell.text.replace(/^['’‘`]\s*/, '');
      if (isNoneWord(text)) return ok(null, [noneWord(field, raw, PHONE)]);
      break;
    case 'date':
    case 'bool':
    case 'other':
      return fail(phoneInvalid(field, raw));
  }
  const direct = normalizeVnPhone(text);
  if (direct !== null) return ok(direct);

  let s = text.replace(/[\s.()\-–]/g, '');
  if (s.startsWith('+84')) s = `0${s.slice(3)}`;
  else if (/^84\d{9,10}$/.test(s)) s = `0${s.slice(2)}`;
  const warnings: ImportIssue[] = [];
  if (/^[1-9]\d{8,9}$/.test(s)) {
    s = `0${s}`;
    warnings.push(
      makeIssue(
        'PHONE_LEADING_ZERO_RESTORED',
        field,
        `${PHONE.vi}${quoted(raw)} bị mất số 0 ở đầu (Excel để ô dạng số); đã thêm lại. Hãy định dạng cột này là Văn bản (Text).`,
        `${PHONE.en}${quoted(raw)} lost its leading zero (an Excel number cell); it was put back. Format the column as Text.`,
      ),
    );
  }
  const renumbered = /^01\d{9}$/.test(s) ? OLD_MOBILE_PREFIXES[s.slice(0, 4)] : undefined;
  if (renumbered !== undefined) {
    const now = `${renumbered}${s.slice(4)}`;
    warnings.push(
      makeIssue(
        'PHONE_OLD_PREFIX_CONVERTED',
        field,
        `${PHONE.vi}${quoted(raw)} là số di động 11 số cũ; đã đổi sang số mới ${now} theo quy định chuyển đổi đầu số năm 2018.`,
        `${PHONE.en}${quoted(raw)} is an old 11-digit mobile number; converted to ${now} under the 2018 renumbering.`,
      ),
    );
    s = now;
  }
  const result = normalizeVnPhone(s);
  if (result !== null && warnings.length > 0) return ok(result, warnings);

  const parts = text.split(/[;,/|]|\s[-–]\s|\svà\s|\s{2,}/).filter((p) => p.trim() !== '');
  const digitsOnly = text.replace(/\D/g, '');
  const isTwo =
    parts.length > 1
      ? parts.every((p) => normalizeVnPhone(p) !== null)
      : digitsOnly.length === 20 &&
        normalizeVnPhone(digitsOnly.slice(0, 10)) !== null &&
        normalizeVnPhone(digitsOnly.slice(10)) !== null;
  if (isTwo)
    return fail(
      makeIssue(
        'PHONE_MULTIPLE',
        field,
        `Ô điện thoại có nhiều số${quoted(raw)}. Hãy giữ một số ở cột này và ghi các số khác vào cột Ghi chú.`,
        `The phone cell holds several numbers${quoted(raw)}. Keep one here and move the others to Notes.`,
      ),
    );
  return fail(phoneInvalid(field, raw));
}
