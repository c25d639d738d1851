import type { FormInstance } from 'antd';
import type { ErrorCode } from '@hoi/contracts';
import { ApiError } from '../api/client';

/** Which form field an error code belongs to, for codes that are about one field. */
export type FieldForCode = Partial<Record<ErrorCode, string>>;

/**
 * Puts a server error next to the fields it concerns: VALIDATION_FAILED issues by their path,
 * other codes through `fieldForCode`. Returns true when a field got a message.
 */
export function applyServerError<T>(
  form: FormInstance<T>,
  error: unknown,
  lang: string,
  fieldForCode: FieldForCode = {},
): boolean {
  if (!(error instanceof ApiError)) return false;
  const fields: { name: (string | number)[]; errors: string[] }[] = error.issues
    .map((issue) => ({ name: fieldPath(issue.path), errors: [issue.message] }))
    .filter((field) => field.name.length > 0);
  const field = error.code in fieldForCode ? fieldForCode[error.code as ErrorCode] : undefined;
  if (field) fields.push({ name: [field], errors: [error.localized(lang)] });
  form.setFields(fields as Parameters<FormInstance<T>['setFields']>[0]);
  return fields.length > 0;
}

/** Request parts the server may put first in an issue path; form fields start after them. */
const REQUEST_PARTS = new Set(['body', 'querystring', 'params', 'headers']);

function fieldPath(path: (string | number)[]): (string | number)[] {
  const [head, ...rest] = path;
  return typeof head === 'string' && REQUEST_PARTS.has(head) ? rest : path;
}

/** The text to show for any thrown value. */
export function errorText(error: unknown, lang: string, fallback: string): string {
  if (error instanceof ApiError) return error.localized(lang);
  return fallback;
}
