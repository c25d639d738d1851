import { z } from 'zod';
import { IdSchema, PageMetaSchema } from './common.js';

export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  unitId: IdSchema.nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export const AuditListQuerySchema = z.object({
  unitId: IdSchema.optional(),
  entityId: z.string().max(100).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const AuditListSchema = PageMetaSchema.extend({ items: z.array(AuditEntrySchema) });
export const AuditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  problems: z.array(z.object({ seq: z.number().int(), problem: z.string() })),
});

export const AssociationSchema = z.object({
  id: IdSchema,
  code: z.string(),
  name: z.string(),
  kind: z.enum(['association', 'oversight']),
  tags: z.array(z.string()).describe('Ví dụ KL230, QD68 / e.g. KL230, QD68'),
  levelNames: z.array(z.string()),
  requireTotpForAdmins: z.boolean(),
  version: z.number().int(),
});
export const UpdateAssociationBodySchema = z.object({
  name: z.string().trim().min(1).max(300).optional(),
  levelNames: z.array(z.string().trim().min(1).max(50)).min(2).max(10).optional(),
  tags: z.array(z.string().trim().min(1).max(30)).max(10).optional(),
  requireTotpForAdmins: z.boolean().optional(),
});
