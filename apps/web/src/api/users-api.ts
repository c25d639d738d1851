import type { z } from 'zod';
import type {
  CreateAssignmentBodySchema,
  CreateUserBodySchema,
  RoleCatalogSchema,
  UpdateUserBodySchema,
  User,
  UserListSchema,
} from '@hoi/contracts';
import { apiRequest } from './client';

export type UserList = z.infer<typeof UserListSchema>;
export type RoleCatalog = z.infer<typeof RoleCatalogSchema>;
export type CreateUserBody = z.input<typeof CreateUserBodySchema>;
export type UpdateUserBody = z.input<typeof UpdateUserBodySchema>;
export type CreateAssignmentBody = z.input<typeof CreateAssignmentBodySchema>;

export function listUsers(params: {
  q?: string;
  cursor?: string;
  limit?: number;
}): Promise<UserList> {
  return apiRequest<UserList>('/api/users', { query: { limit: 50, ...params } });
}

export function fetchUser(id: string): Promise<User> {
  return apiRequest<User>(`/api/users/${id}`);
}

export function createUser(body: CreateUserBody): Promise<User> {
  return apiRequest<User>('/api/users', { method: 'POST', body });
}

export function updateUser(id: string, version: number, body: UpdateUserBody): Promise<User> {
  return apiRequest<User>(`/api/users/${id}`, { method: 'PATCH', body, ifMatch: version });
}

export function resetUserPassword(id: string, newPassword: string): Promise<unknown> {
  return apiRequest(`/api/users/${id}/reset-password`, {
    method: 'POST',
    body: { newPassword },
  });
}

export function fetchRoles(): Promise<RoleCatalog> {
  return apiRequest<RoleCatalog>('/api/roles');
}

export function createAssignment(body: CreateAssignmentBody): Promise<unknown> {
  return apiRequest('/api/role-assignments', { method: 'POST', body });
}

export function endAssignment(id: string): Promise<unknown> {
  return apiRequest(`/api/role-assignments/${id}`, { method: 'DELETE' });
}
