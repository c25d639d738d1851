import type { z } from 'zod';
import type {
  ApiTokenSchema,
  ChangePasswordBodySchema,
  CreateApiTokenBodySchema,
  CreatedApiTokenSchema,
  LoginBody,
  Me,
  TotpSetupSchema,
} from '@hoi/contracts';
import { ApiError, apiRequest } from './client';

export type ApiToken = z.infer<typeof ApiTokenSchema>;
export type CreatedApiToken = z.infer<typeof CreatedApiTokenSchema>;
export type TotpSetup = z.infer<typeof TotpSetupSchema>;
export type ChangePasswordBody = z.input<typeof ChangePasswordBodySchema>;
export type CreateApiTokenBody = z.input<typeof CreateApiTokenBodySchema>;

/** The signed-in user, or null when there is no session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await apiRequest<Me>('/api/me', { isAuthProbe: true });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function login(body: LoginBody): Promise<Me> {
  return apiRequest<Me>('/api/auth/login', { method: 'POST', body, isAuthProbe: true });
}

export function logout(): Promise<unknown> {
  return apiRequest('/api/auth/logout', { method: 'POST', isAuthProbe: true });
}

export function changePassword(body: ChangePasswordBody): Promise<unknown> {
  return apiRequest('/api/me/password', { method: 'POST', body });
}

export function setupTotp(): Promise<TotpSetup> {
  return apiRequest<TotpSetup>('/api/me/totp/setup', { method: 'POST' });
}

export function enableTotp(code: string): Promise<unknown> {
  return apiRequest('/api/me/totp/enable', { method: 'POST', body: { code } });
}

export function disableTotp(code: string): Promise<unknown> {
  return apiRequest('/api/me/totp/disable', { method: 'POST', body: { code } });
}

/** GET /api/me/tokens answers `{ items }` (no named contract schema yet). */
export async function listTokens(): Promise<ApiToken[]> {
  const result = await apiRequest<{ items: ApiToken[] }>('/api/me/tokens');
  return result.items;
}

export function createToken(body: CreateApiTokenBody): Promise<CreatedApiToken> {
  return apiRequest<CreatedApiToken>('/api/me/tokens', { method: 'POST', body });
}

export function deleteToken(id: string): Promise<unknown> {
  return apiRequest(`/api/me/tokens/${id}`, { method: 'DELETE' });
}
