/**
 * Problems found while reading an import file. An error rejects the value (and so its row); a
 * warning keeps the value but tells the officer what was changed or looks wrong. Messages are
 * Vietnamese first, addressed to an association officer: what was found and what to do.
 */
import type { ImportField } from './headers.js';

/** Every code the normalizers in this folder produce; the import service may add its own. */
export const IMPORT_ISSUE_CODES = [
  // dates
  'DATE_UNREADABLE',
  'DATE_NOT_REAL',
  'DATE_IN_FUTURE',
  'DATE_TOO_OLD',
  'DATE_TWO_DIGIT_YEAR',
  'DATE_FROM_EXCEL_SERIAL',
  'DATE_TIME_DROPPED',
  'BIRTH_YEAR_INVALID',
  // identity numbers
  'ID_UNREADABLE',
  'ID_SCIENTIFIC_NOTATION',
  'ID_INVALID_LENGTH',
  'ID_INVALID_PREFIX',
  'ID_INVALID_CENTURY',
  'ID_LEADING_ZERO_RESTORED',
  'ID_BIRTH_YEAR_MISMATCH',
  'ID_GENDER_MISMATCH',
  // phone, email
  'PHONE_INVALID',
  'PHONE_MULTIPLE',
  'PHONE_LEADING_ZERO_RESTORED',
  'PHONE_OLD_PREFIX_CONVERTED',
  'EMAIL_INVALID',
  'NONE_WORD_READ_AS_BLANK',
  // closed lists
  'GENDER_UNKNOWN',
  'GENDER_FROM_TITLE',
  'ETHNICITY_UNKNOWN',
  'ETHNICITY_OLD_NAME',
  'RELIGION_UNKNOWN',
  'RELIGION_AMBIGUOUS',
  'CATEGORY_UNKNOWN',
  // names and text
  'NAME_MISSING',
  'NAME_INVALID',
  'NAME_HAS_DIGITS',
  'NAME_TOO_SHORT',
  'NAME_TOO_LONG',
  'NAME_CASE_CHANGED',
  'NAME_LEGACY_ENCODING',
  'TEXT_UNREADABLE',
  'TEXT_TOO_LONG',
  'MEMBER_NUMBER_INVALID',
  // rows
  'BIRTH_DATE_CONFLICT',
  'BIRTH_YEAR_BOTH_SEXES',
  'GENDER_CONFLICT',
  'ID_CONFLICT',
  'FIELD_CONFLICT',
  'JOINED_BEFORE_BIRTH',
  'OLD_COMMUNE_MISSING',
] as const;
export type ImportIssueCode = (typeof IMPORT_ISSUE_CODES)[number];

export interface ImportIssue {
  /** SCREAMING_SNAKE code, stable for programs and tests. */
  code: string;
  /** The import field the issue is about, when there is one. */
  field?: ImportField;
  /** Vietnamese, for the officer. */
  message: string;
  /** English. */
  messageEn: string;
}

/** A normalized value: `value` is null when the cell is blank or when there is an error. */
export interface Normalized<T> {
  value: T | null;
  warnings: ImportIssue[];
  error?: ImportIssue;
}

/** Builds an issue with one of this folder's codes. */
export function makeIssue(
  code: ImportIssueCode,
  field: ImportField | undefined,
  message: string,
  messageEn: string,
): ImportIssue {
  return field === undefined ? { code, message, messageEn } : { code, field, message, messageEn };
}

/** A successful result (a blank cell is `ok(null)`). */
export function ok<T>(value: NoInfer<T> | null, warnings: ImportIssue[] = []): Normalized<T> {
  return { value, warnings };
}

/** A rejected value. */
export function fail<T>(error: ImportIssue, warnings: ImportIssue[] = []): Normalized<T> {
  return { value: null, warnings, error };
}
