import type { z } from 'zod';
import type {
  AdminUnitListSchema,
  AgeBand,
  BulkPaymentBodySchema,
  BulkPaymentResultSchema,
  ConsentListSchema,
  CreateMemberBodySchema,
  CreateTransferBodySchema,
  ErrorCode,
  InvitationSchema,
  InviteMemberBodySchema,
  Member,
  MemberCategory,
  MemberDuesSchema,
  MemberListSchema,
  MemberStatus,
  MemberTimelineSchema,
  SavedFilterSchema,
  SensitiveDataOutSchema,
  SensitiveDataSchema,
  SetConsentsBodySchema,
  Transfer,
  TransitionBodySchema,
  UpdateMemberBodySchema,
} from '@hoi/contracts';
import type { QueryValue } from './client';
import { ApiError, apiRequest, buildUrl } from './client';

export type MemberList = z.infer<typeof MemberListSchema>;
export type MemberTimeline = z.infer<typeof MemberTimelineSchema>;
export type MemberDues = z.infer<typeof MemberDuesSchema>;
export type ConsentList = z.infer<typeof ConsentListSchema>;
export type SensitiveData = z.infer<typeof SensitiveDataOutSchema>;
export type Invitation = z.infer<typeof InvitationSchema>;
export type BulkPaymentResult = z.infer<typeof BulkPaymentResultSchema>;
export type AdminUnitList = z.infer<typeof AdminUnitListSchema>;
export type CreateMemberBody = z.input<typeof CreateMemberBodySchema>;
export type UpdateMemberBody = z.input<typeof UpdateMemberBodySchema>;
export type TransitionBody = z.input<typeof TransitionBodySchema>;
export type SetConsentsBody = z.input<typeof SetConsentsBodySchema>;
export type SensitiveDataBody = z.input<typeof SensitiveDataSchema>;
export type InviteMemberBody = z.input<typeof InviteMemberBodySchema>;
export type CreateTransferBody = z.input<typeof CreateTransferBodySchema>;
export type BulkPaymentBody = z.input<typeof BulkPaymentBodySchema>;

/**
 * The member list filters as the screens hold them. The wire form (query string, saved filters)
 * joins lists with commas and writes booleans as 'true'/'false'.
 */
export interface MemberFilter {
  q?: string;
  unitId?: string;
  status?: MemberStatus[];
  category?: MemberCategory[];
  gender?: 'male' | 'female';
  ageBand?: AgeBand;
  joinYear?: number;
  inTransit?: boolean;
  needsReview?: boolean;
}

/** A saved filter; `filter` is in the query-string form (see {@link filterFromWire}). */
export type SavedFilter = z.infer<typeof SavedFilterSchema>;

/** A filter in the query-string form the API reads (`MemberFilterSchema` input). */
export function filterToWire(filter: MemberFilter): Record<string, string | undefined> {
  const list = (values: string[] | undefined) =>
    values && values.length > 0 ? values.join(',') : undefined;
  const flag = (value: boolean | undefined) => (value === undefined ? undefined : String(value));
  return {
    q: filter.q?.trim() || undefined,
    unitId: filter.unitId,
    status: list(filter.status),
    category: list(filter.category),
    gender: filter.gender,
    ageBand: filter.ageBand,
    joinYear: filter.joinYear === undefined ? undefined : String(filter.joinYear),
    inTransit: flag(filter.inTransit),
    needsReview: flag(filter.needsReview),
  };
}

/** The same filter with empty values left out (for saving and for query keys). */
export function compactWire(filter: MemberFilter): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filterToWire(filter)).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
}

/**
 * Reads a filter from the query string or a saved filter, accepting lists as arrays or comma
 * strings and flags as booleans or 'true'/'false'; unknown values are dropped.
 */
export function filterFromWire(
  read: (key: keyof MemberFilter) => unknown,
  known: {
    statuses: readonly string[];
    categories: readonly string[];
    ageBands: readonly string[];
  },
): MemberFilter {
  const text = (key: keyof MemberFilter) => {
    const value = read(key);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const list = <T extends string>(key: keyof MemberFilter, allowed: readonly string[]) => {
    const value = read(key);
    const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
    const kept = items.filter(
      (item): item is T => typeof item === 'string' && allowed.includes(item),
    );
    return kept.length > 0 ? kept : undefined;
  };
  const flag = (key: keyof MemberFilter) => {
    const value = read(key);
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    return undefined;
  };
  const gender = text('gender');
  const ageBand = text('ageBand');
  const joinYear = Number(read('joinYear'));
  return {
    q: text('q'),
    unitId: text('unitId'),
    status: list<MemberStatus>('status', known.statuses),
    category: list<MemberCategory>('category', known.categories),
    gender: gender === 'male' || gender === 'female' ? gender : undefined,
    ageBand: ageBand && known.ageBands.includes(ageBand) ? (ageBand as AgeBand) : undefined,
    joinYear:
      Number.isInteger(joinYear) && joinYear >= 1900 && joinYear <= 2100 ? joinYear : undefined,
    inTransit: flag('inTransit'),
    needsReview: flag('needsReview'),
  };
}

export function listMembers(
  filter: MemberFilter,
  cursor: string | undefined,
  limit = 100,
): Promise<MemberList> {
  return apiRequest<MemberList>('/api/members', {
    query: { ...filterToWire(filter), cursor, limit },
  });
}

/** Address of the file export of the filtered list (a plain GET: the session cookie suffices). */
export function memberExportUrl(filter: MemberFilter, format: 'csv' | 'xlsx'): string {
  return buildUrl('/api/members/export', { ...filterToWire(filter), format });
}

export function fetchMember(id: string): Promise<Member> {
  return apiRequest<Member>(`/api/members/${id}`);
}

export function createMember(body: CreateMemberBody): Promise<Member> {
  return apiRequest<Member>('/api/members', { method: 'POST', body });
}

export function updateMember(id: string, version: number, body: UpdateMemberBody): Promise<Member> {
  return apiRequest<Member>(`/api/members/${id}`, { method: 'PATCH', body, ifMatch: version });
}

export function transitionMember(
  id: string,
  version: number,
  body: TransitionBody,
): Promise<Member> {
  return apiRequest<Member>(`/api/members/${id}/transitions`, {
    method: 'POST',
    body,
    ifMatch: version,
  });
}

export function fetchMemberTimeline(id: string): Promise<MemberTimeline> {
  return apiRequest<MemberTimeline>(`/api/members/${id}/timeline`);
}

/** Reads the protected data; the server writes an audit entry for every call. */
export function fetchSensitiveData(id: string): Promise<SensitiveData> {
  return apiRequest<SensitiveData>(`/api/members/${id}/sensitive`);
}

export function saveSensitiveData(id: string, body: SensitiveDataBody): Promise<SensitiveData> {
  return apiRequest<SensitiveData>(`/api/members/${id}/sensitive`, { method: 'PUT', body });
}

export function fetchConsents(id: string): Promise<ConsentList> {
  return apiRequest<ConsentList>(`/api/members/${id}/consents`);
}

export function saveConsents(id: string, body: SetConsentsBody): Promise<ConsentList> {
  return apiRequest<ConsentList>(`/api/members/${id}/consents`, { method: 'PUT', body });
}

export function fetchMemberDues(id: string): Promise<MemberDues> {
  return apiRequest<MemberDues>(`/api/members/${id}/dues`);
}

export function inviteMember(id: string, body: InviteMemberBody): Promise<Invitation> {
  return apiRequest<Invitation>(`/api/members/${id}/invite`, { method: 'POST', body });
}

/** Address of the member's photo; a new `stamp` bypasses the browser's copy after an upload. */
export function memberPhotoUrl(id: string, stamp: number): string {
  return buildUrl(`/api/members/${id}/photo`, { v: stamp });
}

export function memberCardUrl(id: string, format: 'pdf' | 'png'): string {
  return buildUrl(`/api/members/${id}/card`, { format });
}

export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Sends the photo as the raw request body with its content type. `apiRequest` only sends JSON,
 * so this call adds the session's CSRF token (from /api/me) itself.
 */
export async function uploadMemberPhoto(
  id: string,
  file: Blob,
  csrfToken: string,
  version: number,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`/api/members/${id}/photo`, {
      method: 'PUT',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'content-type': file.type,
        'x-csrf-token': csrfToken,
        'if-match': `"${version}"`,
      },
      body: file,
    });
  } catch {
    throw new ApiError({
      code: 'NETWORK_ERROR',
      status: 0,
      message: 'Không kết nối được máy chủ',
      messageEn: 'Cannot reach the server',
    });
  }
  if (response.ok) return;
  let envelope: { code?: ErrorCode; message?: string; messageEn?: string; details?: unknown } = {};
  try {
    const payload = (await response.json()) as { error?: typeof envelope };
    envelope = payload.error ?? {};
  } catch {
    // Not the JSON error envelope; the status alone is reported.
  }
  throw new ApiError({
    code: envelope.code ?? 'BAD_RESPONSE',
    status: response.status,
    message: envelope.message ?? `Máy chủ trả lời lỗi ${response.status}`,
    messageEn: envelope.messageEn ?? `The server answered with error ${response.status}`,
    details: envelope.details,
  });
}

export async function listSavedFilters(): Promise<SavedFilter[]> {
  const list = await apiRequest<{ items: SavedFilter[] }>('/api/saved-filters');
  return list.items;
}

export function createSavedFilter(name: string, filter: MemberFilter): Promise<SavedFilter> {
  return apiRequest<SavedFilter>('/api/saved-filters', {
    method: 'POST',
    body: { name, filter: compactWire(filter) },
  });
}

export function deleteSavedFilter(id: string): Promise<unknown> {
  return apiRequest(`/api/saved-filters/${id}`, { method: 'DELETE' });
}

export function createTransfer(body: CreateTransferBody): Promise<Transfer> {
  return apiRequest<Transfer>('/api/transfers', { method: 'POST', body });
}

export function recordBulkPayments(body: BulkPaymentBody): Promise<BulkPaymentResult> {
  return apiRequest<BulkPaymentResult>('/api/dues/payments/bulk', { method: 'POST', body });
}

/** Administrative units (2025 list) by name or code, for address fields. */
export function searchAdminUnits(query: {
  q?: string;
  level: 'province' | 'commune';
  provinceCode?: string;
  limit?: number;
}): Promise<AdminUnitList> {
  const params: Record<string, QueryValue> = { ...query };
  return apiRequest<AdminUnitList>('/api/admin-units', { query: params });
}
