import type { z } from 'zod';
import type { AuditEntrySchema, AuditListSchema, AuditVerifySchema } from '@hoi/contracts';
import { apiRequest } from './client';

export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditList = z.infer<typeof AuditListSchema>;
export type AuditVerify = z.infer<typeof AuditVerifySchema>;

export function listAudit(params: { cursor?: string; limit?: number }): Promise<AuditList> {
  return apiRequest<AuditList>('/api/audit', { query: { limit: 50, ...params } });
}

export function verifyAudit(): Promise<AuditVerify> {
  return apiRequest<AuditVerify>('/api/audit/verify');
}
