import { z } from 'zod';
import { PERMISSIONS, ROLE_CODES } from './permissions.js';
import { IdSchema, IsoDateSchema } from './common.js';

export const LoginBodySchema = z.object({
  /** Tên đăng nhập / username */
  username: z.string().min(1).max(100).describe('Tên đăng nhập / username'),
  password: z.string().min(1).max(200).describe('Mật khẩu / password'),
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .describe('Mã xác thực hai lớp 6 số / 6-digit two-factor code'),
});
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const AssignmentSchema = z.object({
  id: IdSchema,
  role: z.enum(ROLE_CODES),
  unitId: IdSchema,
  unitName: z.string(),
  unitCode: z.string(),
  validFrom: IsoDateSchema,
  validTo: IsoDateSchema.nullable(),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

export const MeSchema = z.object({
  user: z.object({
    id: IdSchema,
    username: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    totpEnabled: z.boolean(),
  }),
  association: z.object({
    id: IdSchema,
    code: z.string(),
    name: z.string(),
    kind: z.enum(['association', 'oversight']),
    levelNames: z.array(z.string()),
  }),
  assignments: z.array(AssignmentSchema),
  permissions: z.array(z.enum(PERMISSIONS)).describe('Hợp các quyền / union of permissions'),
  csrfToken: z.string().describe('Gửi lại trong header x-csrf-token / send back as x-csrf-token'),
  totpSetupRequired: z.boolean(),
});
export type Me = z.infer<typeof MeSchema>;

export const ChangePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(10).max(200).describe('Ít nhất 10 ký tự / at least 10 characters'),
});

export const TotpSetupSchema = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
});
export const TotpCodeBodySchema = z.object({ code: z.string().regex(/^\d{6}$/) });

export const ApiTokenSchema = z.object({
  id: IdSchema,
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export const ApiTokenListSchema = z.object({ items: z.array(ApiTokenSchema) });
export const CreateApiTokenBodySchema = z.object({
  name: z.string().min(1).max(100),
  expiresAt: IsoDateSchema.optional(),
});
export const CreatedApiTokenSchema = ApiTokenSchema.extend({
  token: z.string().describe('Chỉ hiển thị một lần / shown once'),
});
