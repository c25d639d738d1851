import type { ErrorCode } from '@hoi/contracts';

/** Codes the client adds for failures that never reached the API's error envelope. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE';

/** One validation problem as reported in `details.issues` of a VALIDATION_FAILED error. */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
}

/** An API failure, carrying the envelope's code and both languages' messages. */
export class ApiError extends Error {
  readonly code: ErrorCode | ClientErrorCode;
  readonly status: number;
  readonly messageEn: string;
  readonly details: unknown;

  constructor(init: {
    code: ErrorCode | ClientErrorCode;
    status: number;
    message: string;
    messageEn: string;
    details?: unknown;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.messageEn = init.messageEn;
    this.details = init.details;
  }

  /** The message in the UI language (`vi` uses the envelope's Vietnamese `message`). */
  localized(lang: string): string {
    return lang.startsWith('en') ? this.messageEn : this.message;
  }

  /** Field-level problems of a VALIDATION_FAILED error, or an empty list. */
  get issues(): ValidationIssue[] {
    if (this.code !== 'VALIDATION_FAILED') return [];
    const details = this.details;
    if (typeof details !== 'object' || details === null || !('issues' in details)) return [];
    const issues = details.issues;
    return Array.isArray(issues) ? issues.filter(isValidationIssue) : [];
  }

  /** Plain-text problems some errors list in `details.problems` (e.g. TEMPLATE_INVALID). */
  get problems(): string[] {
    const details = this.details;
    if (typeof details !== 'object' || details === null || !('problems' in details)) return [];
    const problems = details.problems;
    return Array.isArray(problems)
      ? problems.filter((problem): problem is string => typeof problem === 'string')
      : [];
  }
}

function isValidationIssue(value: unknown): value is ValidationIssue {
  return (
    typeof value === 'object' &&
    value !== null &&
    'path' in value &&
    Array.isArray(value.path) &&
    'message' in value &&
    typeof value.message === 'string'
  );
}

/** Tells whether an unknown thrown value is an ApiError with the given code. */
export function isApiError(error: unknown, code?: ApiError['code']): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

let csrfToken: string | null = null;
let unauthenticatedHandler: (() => void) | null = null;

/** Keeps the session's CSRF token (from /api/me or login) in memory for non-GET requests. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Registers what to do when a call answers 401 (the app sends the user to the login page). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  unauthenticatedHandler = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Record version for optimistic concurrency; sent as `If-Match: "<version>"`. */
  ifMatch?: number;
  /** Do not treat a 401 as "session over" (login, the initial /api/me probe). */
  isAuthProbe?: boolean;
  signal?: AbortSignal;
}

/** Builds `/api/...?a=1` leaving out empty query values. */
export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * Calls the Hội API and returns the parsed JSON body (undefined for 204).
 *
 * @example
 * const unit = await apiRequest<Unit>(`/api/units/${id}`);
 * await apiRequest(`/api/units/${id}`, { method: 'PATCH', body: { name }, ifMatch: unit.version });
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      code: 'NETWORK_ERROR',
      status: 0,
      message: 'Không kết nối được máy chủ',
      messageEn: 'Cannot reach the server',
    });
  }

  if (response.status === 204) return undefined as T;
  const payload = await readJson(response);

  if (!response.ok) {
    const error = toApiError(response.status, payload);
    if (response.status === 401 && !options.isAuthProbe) unauthenticatedHandler?.();
    throw error;
  }
  return payload as T;
}

/**
 * Sends a file as the raw request body (`application/octet-stream`, not multipart) with the
 * session's CSRF token, and returns the parsed JSON answer; failures throw ApiError as above.
 *
 * @example
 * const upload = await uploadFile<ImportUpload>('/api/imports/members', { unitId, fileName }, file);
 */
export async function uploadFile<T>(
  path: string,
  query: Record<string, QueryValue>,
  file: Blob,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/octet-stream',
  };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: file,
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      code: 'NETWORK_ERROR',
      status: 0,
      message: 'Không kết nối được máy chủ',
      messageEn: 'Cannot reach the server',
    });
  }
  const payload = await readJson(response);
  if (!response.ok) {
    if (response.status === 401) unauthenticatedHandler?.();
    throw toApiError(response.status, payload);
  }
  return payload as T;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function toApiError(status: number, payload: unknown): ApiError {
  if (typeof payload === 'object' && payload !== null && 'error' in payload) {
    const envelope = payload.error;
    if (typeof envelope === 'object' && envelope !== null && 'code' in envelope) {
      const { code, message, messageEn, details } = envelope as {
        code: ErrorCode;
        message?: string;
        messageEn?: string;
        details?: unknown;
      };
      return new ApiError({
        code,
        status,
        message: message ?? code,
        messageEn: messageEn ?? message ?? code,
        details,
      });
    }
  }
  return new ApiError({
    code: status === 401 ? 'UNAUTHENTICATED' : 'BAD_RESPONSE',
    status,
    message: `Máy chủ trả lời lỗi ${status}`,
    messageEn: `The server answered with error ${status}`,
  });
}
