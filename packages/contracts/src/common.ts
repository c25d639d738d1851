import { z } from 'zod';

/** A UUID (v7 for ids the platform creates). */
export const IdSchema = z.uuid().describe('Định danh / identifier (UUID)');

/** ISO date `YYYY-MM-DD`; the web shows dd/mm/yyyy. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD / date must be YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
      new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'Ngày không tồn tại / no such date',
    },
  )
  .describe('Ngày (YYYY-MM-DD) / date');

/** Opaque cursor for keyset pagination. */
export const CursorQuerySchema = z.object({
  cursor: z.string().max(500).optional().describe('Con trỏ trang tiếp theo / next-page cursor'),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Số dòng / page size'),
});

export const PageMetaSchema = z.object({
  nextCursor: z.string().nullable().describe('Con trỏ trang tiếp theo, null nếu hết / next cursor'),
});

export const IdParamsSchema = z.object({ id: IdSchema });

export const OkSchema = z.object({ ok: z.literal(true) });

/** One problem in `details.issues` of a VALIDATION_FAILED error. */
export const ValidationIssueSchema = z.object({
  path: z
    .array(z.string())
    .describe('Nơi lỗi: body|querystring|params, rồi tên trường / where: part, then field'),
  message: z.string(),
});
export type ValidationIssue = z.infer<typeof ValidationIssueSchema>;

export const ErrorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string().describe('Mã lỗi / error code (docs/errors.md)'),
    message: z.string().describe('Thông báo tiếng Việt / Vietnamese message'),
    messageEn: z.string().describe('English message'),
    details: z.unknown().optional(),
  }),
});

export const HealthSchema = z.object({
  status: z.literal('ok'),
  db: z.enum(['pglite', 'postgres']).describe('Cơ sở dữ liệu đang dùng / database engine'),
  version: z.string(),
});
export type Health = z.infer<typeof HealthSchema>;
