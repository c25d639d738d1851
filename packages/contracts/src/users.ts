import { z } from 'zod';
import { ROLE_CODES } from './permissions.js';
import { IdSchema, IsoDateSchema, PageMetaSchema } from './common.js';
import { AssignmentSchema } from './auth.js';

export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(50)
  .regex(
    /^[a-z0-9._-]+$/,
    'Chỉ chữ thường không dấu, số, . _ - / lowercase letters, digits, . _ -',
  );

/** Vietnamese phone, stored normalized as 0xxxxxxxxx. */
export const PhoneSchema = z
  .string()
  .trim()
  .transform((s) =>
    s
      .replace(/[\s.-]/g, '')
      .replace(/^\+84/, '0')
      .replace(/^84(?=\d{9}$)/, '0'),
  )
  .pipe(z.string().regex(/^0\d{9}$/, 'Số điện thoại Việt Nam 10 số / Vietnamese 10-digit phone'));

export const UserSchema = z.object({
  id: IdSchema,
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  totpEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  assignments: z.array(AssignmentSchema),
});
export type User = z.infer<typeof UserSchema>;

export const UserListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  unitId: IdSchema.optional().describe(
    'Người dùng có vai trò trong cây con / users assigned in subtree',
  ),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const UserListSchema = PageMetaSchema.extend({ items: z.array(UserSchema) });

export const CreateUserBodySchema = z.object({
  username: UsernameSchema,
  displayName: z.string().trim().min(1).max(200),
  email: z.email().max(200).optional(),
  phone: PhoneSchema.optional(),
  password: z.string().min(10).max(200),
  role: z.enum(ROLE_CODES).describe('Vai trò đầu tiên / first role'),
  unitId: IdSchema.describe('Đơn vị của vai trò / unit of the role'),
});
export const UpdateUserBodySchema = z.object({
  displayName: z.string().trim().min(1).max(200).optional(),
  email: z.email().max(200).nullable().optional(),
  phone: PhoneSchema.nullable().optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
export const ResetPasswordBodySchema = z.object({ newPassword: z.string().min(10).max(200) });

export const CreateAssignmentBodySchema = z.object({
  userId: IdSchema,
  role: z.enum(ROLE_CODES),
  unitId: IdSchema,
  validFrom: IsoDateSchema.optional(),
  validTo: IsoDateSchema.optional(),
});

export const RoleCatalogSchema = z.array(
  z.object({
    code: z.enum(ROLE_CODES),
    vi: z.string(),
    en: z.string(),
    permissions: z.array(z.string()),
  }),
);
