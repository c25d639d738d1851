import type { FormInstance } from 'antd';
import type { Member, PersonInput, PersonalIdWarning } from '@hoi/contracts';
import {
  checkPersonalId,
  formatPartialDate,
  normalizeVnPhone,
  parseVnPartialDate,
} from '@hoi/contracts';
import { ApiError, isApiError } from '../../api/client';
import { applyServerError } from '../../lib/server-errors';

/** The person part of the admission and edit forms, as typed (dates and phones not yet parsed). */
export interface PersonFormValues {
  fullName: string;
  birthDate?: string;
  gender?: 'male' | 'female';
  idNumber?: string;
  legacyIdNumber?: string;
  phone?: string;
  email?: string;
  address?: {
    provinceCode?: string;
    communeCode?: string;
    detail?: string;
    legacyText?: string;
  };
}

type PersonBody = { [K in keyof PersonInput]-?: Exclude<PersonInput[K], undefined> };

const text = (value: string | undefined) => value?.trim() || null;

/** Form values → the API's person input; empty fields become null (cleared). */
export function toPersonBody(values: PersonFormValues): PersonBody {
  const birth = text(values.birthDate);
  const phone = text(values.phone);
  return {
    fullName: values.fullName.trim(),
    birthDate: birth ? (parseVnPartialDate(birth) ?? birth) : null,
    gender: values.gender ?? null,
    idNumber: text(values.idNumber),
    legacyIdNumber: text(values.legacyIdNumber),
    phone: phone ? (normalizeVnPhone(phone) ?? phone) : null,
    email: text(values.email),
    address: {
      provinceCode: values.address?.provinceCode ?? null,
      communeCode: values.address?.communeCode ?? null,
      detail: text(values.address?.detail),
      legacyText: text(values.address?.legacyText),
    },
  };
}

/** A member's person → form values (for the edit dialog). */
export function toPersonFormValues(member: Member): PersonFormValues {
  const { person } = member;
  return {
    fullName: person.fullName,
    birthDate: formatPartialDate(person.birthDate),
    gender: person.gender ?? undefined,
    idNumber: person.idNumber ?? '',
    legacyIdNumber: person.legacyIdNumber ?? '',
    phone: person.phone ?? '',
    email: person.email ?? '',
    address: {
      provinceCode: person.address.provinceCode ?? undefined,
      communeCode: person.address.communeCode ?? undefined,
      detail: person.address.detail ?? '',
      legacyText: person.address.legacyText ?? '',
    },
  };
}

/** The decoded facts of a typed personal ID checked against the typed birth date and gender. */
export function checkTypedId(values: Partial<PersonFormValues> | undefined) {
  const id = values?.idNumber?.trim();
  if (!id) return null;
  const birth = values?.birthDate ? parseVnPartialDate(values.birthDate) : null;
  return checkPersonalId(id, {
    birthYear: birth ? Number(birth.slice(0, 4)) : null,
    gender: values?.gender ?? null,
  });
}

/**
 * The warning codes of an ID_NUMBER_WARNING answer (`details.warnings`), or null for any other
 * error. Unknown shapes still count as a warning, so the officer can confirm.
 */
export function idWarningsOf(error: unknown): string[] | null {
  if (!isApiError(error, 'ID_NUMBER_WARNING')) return null;
  const details = error.details;
  const raw =
    typeof details === 'object' && details !== null && 'warnings' in details
      ? details.warnings
      : undefined;
  if (!Array.isArray(raw)) return [];
  return raw.map((item: unknown) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'object' && item !== null) {
      if ('code' in item && typeof item.code === 'string') return item.code;
      if ('message' in item && typeof item.message === 'string') return item.message;
    }
    return String(item);
  });
}

const KNOWN_WARNINGS: readonly string[] = ['birth_year_mismatch', 'gender_mismatch'];

export function isKnownIdWarning(code: string): code is PersonalIdWarning {
  return KNOWN_WARNINGS.includes(code);
}

/** The ID warning a server code names (`id_number.birth_year_mismatch`), or null. */
export function idWarningOf(code: string): PersonalIdWarning | null {
  const last = code.slice(code.lastIndexOf('.') + 1);
  return isKnownIdWarning(last) ? last : null;
}

/**
 * Shows a server error next to its field: validation issues by path (the form mirrors the
 * request body), ID and member-number conflicts on their inputs. Returns true when placed.
 */
export function applyMemberError<T>(form: FormInstance<T>, error: unknown, lang: string): boolean {
  const placed = applyServerError(form, error, lang);
  if (!(error instanceof ApiError)) return placed;
  const fieldOf: Partial<Record<string, (string | number)[]>> = {
    INVALID_ID_NUMBER: ['person', 'idNumber'],
    DUPLICATE_ID_NUMBER: ['person', 'idNumber'],
    DUPLICATE_MEMBER_NUMBER: ['memberNumber'],
  };
  const name = fieldOf[error.code];
  if (!name) return placed;
  form.setFields([{ name, errors: [error.localized(lang)] }] as Parameters<
    FormInstance<T>['setFields']
  >[0]);
  return true;
}
