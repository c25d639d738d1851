import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common.js';
import {
  ConsentSchema,
  MemberEventSchema,
  MemberSchema,
  SetConsentsBodySchema,
} from './members.js';
import { MemberDuesSchema } from './dues.js';

/** Invitations: an officer invites a member, who sets a password through a one-time link. */
export const InviteMemberBodySchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .min(3)
    .max(50)
    .regex(/^[a-z0-9._-]+$/)
    .optional()
    .describe('Tên đăng nhập (mặc định: số thẻ) / username'),
});
export const InvitationSchema = z.object({
  memberId: IdSchema,
  username: z.string(),
  token: z.string().describe('Mã mời, dùng một lần / one-time invitation token'),
  url: z.string(),
  expiresAt: z.string(),
});
export const AcceptInvitationBodySchema = z.object({
  token: z.string().min(20).max(200),
  password: z.string().min(10).max(200),
});
export const InvitationInfoSchema = z.object({
  username: z.string(),
  fullName: z.string(),
  associationName: z.string(),
  expiresAt: z.string(),
});

/** What a member sees of themselves in the portal. */
export const PortalMeSchema = z.object({
  member: MemberSchema,
  associationName: z.string(),
  history: z.array(MemberEventSchema),
  dues: MemberDuesSchema,
  consents: z.array(ConsentSchema),
  pendingCorrections: z.array(z.lazy(() => ChangeRequestSchema)),
});

/** Contact fields a member may ask to correct (applied after an officer approves). */
export const CorrectionFieldsSchema = z
  .object({
    phone: z.string().trim().max(20).nullable().optional(),
    email: z.email().max(200).nullable().optional(),
    address: z
      .object({
        provinceCode: z.string().trim().max(10).nullable().optional(),
        communeCode: z.string().trim().max(10).nullable().optional(),
        detail: z.string().trim().max(300).nullable().optional(),
      })
      .optional(),
  })
  .refine((o) => Object.keys(o).length > 0, 'Cần ít nhất một trường / at least one field');
export const CreateChangeRequestBodySchema = z.object({
  fields: CorrectionFieldsSchema,
  note: z.string().trim().max(500).optional(),
});
export const ChangeRequestSchema = z.object({
  id: IdSchema,
  memberId: IdSchema,
  fullName: z.string(),
  unitName: z.string(),
  fields: z.record(z.string(), z.unknown()),
  current: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'rejected']),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export const ChangeRequestListSchema = z.object({ items: z.array(ChangeRequestSchema) });
export const ChangeRequestQuerySchema = z.object({
  unitId: IdSchema.optional(),
  status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
});
export const DecideChangeRequestBodySchema = z.object({
  note: z.string().trim().max(500).optional(),
});

export { ConsentSchema, SetConsentsBodySchema };

/** Data-subject requests (Law 91/2025 Art. 4): tracked tasks with the statutory response time. */
export const DATA_REQUEST_KINDS = [
  'access',
  'correct',
  'delete',
  'restrict',
  'object',
  'withdraw_consent',
] as const;
export const DATA_REQUEST_KIND_NAMES: Record<
  (typeof DATA_REQUEST_KINDS)[number],
  { vi: string; en: string }
> = {
  access: { vi: 'Xem, cung cấp dữ liệu', en: 'Access' },
  correct: { vi: 'Chỉnh sửa dữ liệu', en: 'Correction' },
  delete: { vi: 'Xóa dữ liệu', en: 'Deletion' },
  restrict: { vi: 'Hạn chế xử lý', en: 'Restriction' },
  object: { vi: 'Phản đối xử lý', en: 'Objection' },
  withdraw_consent: { vi: 'Rút lại đồng ý', en: 'Consent withdrawal' },
};
export const CreateDataRequestBodySchema = z.object({
  kind: z.enum(DATA_REQUEST_KINDS),
  details: z.string().trim().min(1).max(2000),
});
export const ResolveDataRequestBodySchema = z.object({
  outcome: z.enum(['done', 'refused']),
  response: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .describe('Trả lời người yêu cầu / response to the member'),
});
export const DataRequestSchema = z.object({
  id: IdSchema,
  memberId: IdSchema,
  fullName: z.string(),
  kind: z.enum(DATA_REQUEST_KINDS),
  details: z.string(),
  receivedAt: z.string(),
  dueOn: IsoDateSchema.describe('Hạn trả lời: 2 ngày làm việc (Nghị định 356/2025) / response due'),
  status: z.enum(['open', 'done', 'refused']),
  overdue: z.boolean(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  response: z.string().nullable(),
});
export const DataRequestListSchema = z.object({ items: z.array(DataRequestSchema) });
export const DataRequestQuerySchema = z.object({
  unitId: IdSchema.optional(),
  status: z.enum(['open', 'done', 'refused']).optional(),
});
