import { z } from 'zod';
import { IdSchema } from './common.js';

/** Long work (imports, exports) as a job the UI and CLI follow: rows done of rows total. */
export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const JOB_STATUS_NAMES: Record<JobStatus, { vi: string; en: string }> = {
  queued: { vi: 'Đang chờ', en: 'Queued' },
  running: { vi: 'Đang chạy', en: 'Running' },
  done: { vi: 'Xong', en: 'Done' },
  failed: { vi: 'Lỗi', en: 'Failed' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
};

export const JobSchema = z.object({
  id: IdSchema,
  kind: z.string(),
  status: z.enum(JOB_STATUSES),
  unitId: IdSchema.nullable(),
  rowsDone: z.number().int(),
  rowsTotal: z.number().int().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.object({ code: z.string(), message: z.string(), messageEn: z.string() }).nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof JobSchema>;

/** What a row of an import file becomes. */
export const IMPORT_OUTCOMES = ['new', 'update', 'duplicate', 'error'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];
export const IMPORT_OUTCOME_NAMES: Record<ImportOutcome | 'warning', { vi: string; en: string }> = {
  new: { vi: 'Thêm mới', en: 'New' },
  update: { vi: 'Cập nhật', en: 'Update' },
  duplicate: { vi: 'Trùng', en: 'Duplicate' },
  error: { vi: 'Lỗi', en: 'Error' },
  warning: { vi: 'Có cảnh báo', en: 'With warnings' },
};

export const ImportIssueSchema = z.object({
  code: z.string(),
  field: z.string().optional(),
  message: z.string(),
  messageEn: z.string(),
});
export type ImportIssueDto = z.infer<typeof ImportIssueSchema>;

export const ImportCountsSchema = z.object({
  rows: z.number().int().describe('Dòng dữ liệu đã đọc / data rows read'),
  new: z.number().int(),
  update: z.number().int(),
  duplicate: z.number().int(),
  error: z.number().int(),
  warning: z.number().int().describe('Dòng có cảnh báo (vẫn nhập) / rows with warnings (imported)'),
  skipped: z.number().int().describe('Dòng trống, dòng tổng cộng / blank and total lines'),
});
export type ImportCounts = z.infer<typeof ImportCountsSchema>;

/** A column of the file and the registry field it fills (null: ignored). */
export const ImportColumnSchema = z.object({
  index: z.number().int().min(0).max(500),
  heading: z.string().max(300),
  field: z.string().max(40).nullable(),
});

/** An old commune that was split: the user picks the new commune its rows go to. */
export const SplitCommuneSchema = z.object({
  key: z.string(),
  oldCommune: z.string(),
  oldDistrict: z.string().nullable(),
  oldProvince: z.string().nullable(),
  rows: z.number().int(),
  candidates: z.array(z.object({ code: z.string(), name: z.string(), provinceName: z.string() })),
});

export const ImportUploadSchema = z.object({
  id: IdSchema.describe('Mã tệp đã tải lên / upload id'),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  unitId: IdSchema,
  headerRow: z.number().int().describe('Dòng tiêu đề (đánh số như trong Excel) / header row'),
  columns: z.array(ImportColumnSchema),
  sample: z.array(z.array(z.string())).describe('Vài dòng đầu / the first rows, as text'),
  fields: z.array(z.object({ field: z.string(), vi: z.string(), en: z.string() })),
});
export type ImportUpload = z.infer<typeof ImportUploadSchema>;

export const ImportRunBodySchema = z.object({
  mode: z.enum(['preview', 'commit']),
  columns: z.array(ImportColumnSchema).min(1).max(500).optional(),
  headerRow: z.number().int().min(1).max(1000).optional(),
  /** Old commune key → chosen new commune code. */
  communeChoices: z.record(z.string().max(300), z.string().regex(/^\d{5}$/)).optional(),
  saveTemplate: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('Lưu cách ghép cột thành mẫu / save the mapping'),
});
export type ImportRunBody = z.infer<typeof ImportRunBodySchema>;

export const ImportRowSchema = z.object({
  rowNumber: z.number().int(),
  outcome: z.enum(IMPORT_OUTCOMES),
  issues: z.array(ImportIssueSchema.extend({ severity: z.enum(['error', 'warning', 'info']) })),
  cells: z.array(z.string()).nullable(),
  memberId: IdSchema.nullable(),
});

export const ImportRowsQuerySchema = z.object({
  outcome: z.enum([...IMPORT_OUTCOMES, 'warning']).optional(),
  after: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('Số dòng sau cùng đã xem / last row seen'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const ImportRowsSchema = z.object({
  items: z.array(ImportRowSchema),
  next: z.number().int().nullable(),
});

export const ImportMappingTemplateSchema = z.object({
  id: IdSchema,
  name: z.string(),
  columns: z.array(z.object({ heading: z.string(), field: z.string().nullable() })),
});
