import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common.js';

/**
 * Dues (hội phí) are set per calendar year: a rate for the association (its root unit) or any
 * unit's subtree — the nearest one wins — optionally per member category. A year is due by the
 * association's due month; arrears older than the review threshold flag the member for review,
 * never for automatic removal.
 */
export const VndSchema = z
  .number()
  .int()
  .min(0)
  .max(1_000_000_000)
  .describe('Số tiền VND (không có phần lẻ) / amount in VND');
export const DuesYearSchema = z.coerce.number().int().min(2000).max(2100);

export const EXEMPTION_REASONS = ['elderly', 'poor_household', 'honorary', 'other'] as const;
export type ExemptionReason = (typeof EXEMPTION_REASONS)[number];
export const EXEMPTION_REASON_NAMES: Record<ExemptionReason, { vi: string; en: string }> = {
  elderly: { vi: 'Cao tuổi', en: 'Elderly' },
  poor_household: { vi: 'Hộ nghèo', en: 'Poor household' },
  honorary: { vi: 'Hội viên danh dự', en: 'Honorary member' },
  other: { vi: 'Lý do khác', en: 'Other' },
};

export const DuesRateSchema = z.object({
  id: IdSchema,
  unitId: IdSchema,
  unitName: z.string(),
  year: z.number().int(),
  category: z.enum(['official', 'associate', 'honorary']).nullable(),
  amount: z.number().int(),
  createdAt: z.string(),
});
export const DuesRateListSchema = z.object({ items: z.array(DuesRateSchema) });
export const CreateDuesRateBodySchema = z.object({
  unitId: IdSchema,
  year: DuesYearSchema,
  category: z.enum(['official', 'associate', 'honorary']).nullable().default(null),
  amount: VndSchema,
});
export const DuesRateQuerySchema = z.object({
  unitId: IdSchema.optional(),
  year: DuesYearSchema.optional(),
});

export const CreateExemptionBodySchema = z.object({
  memberId: IdSchema,
  reason: z.enum(EXEMPTION_REASONS),
  fromYear: DuesYearSchema,
  toYear: DuesYearSchema.nullable().default(null).describe('null = không thời hạn / open-ended'),
  note: z.string().trim().max(300).optional(),
});
export const ExemptionSchema = z.object({
  id: IdSchema,
  memberId: IdSchema,
  reason: z.enum(EXEMPTION_REASONS),
  fromYear: z.number().int(),
  toYear: z.number().int().nullable(),
  note: z.string().nullable(),
  endedAt: z.string().nullable(),
});

export const CreatePaymentBodySchema = z.object({
  memberId: IdSchema,
  year: DuesYearSchema,
  amount: VndSchema.refine((n) => n > 0, 'Số tiền phải lớn hơn 0 / amount must be positive'),
  paidOn: IsoDateSchema,
  receiptNumber: z.string().trim().max(50).optional(),
});
export const BulkPaymentBodySchema = z.object({
  unitId: IdSchema.describe('Chi hội thu và nộp / the collecting branch'),
  year: DuesYearSchema,
  paidOn: IsoDateSchema,
  entries: z
    .array(z.object({ memberId: IdSchema, amount: VndSchema.refine((n) => n > 0) }))
    .min(1)
    .max(5000),
  receiptNumber: z
    .string()
    .trim()
    .max(50)
    .optional()
    .describe('Số biên lai nộp lên / remittance receipt'),
});
export const PaymentSchema = z.object({
  id: IdSchema,
  memberId: IdSchema,
  year: z.number().int(),
  amount: z.number().int(),
  paidOn: z.string(),
  receiptNumber: z.string().nullable(),
  batchId: IdSchema.nullable(),
  collectedByUnitId: IdSchema,
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
});
export const BulkPaymentResultSchema = z.object({
  batchId: IdSchema,
  count: z.number().int(),
  total: z.number().int(),
});

/** One member's dues position for a year (collection sheet and arrears lines). */
export const DuesLineSchema = z.object({
  memberId: IdSchema,
  memberNumber: z.string(),
  fullName: z.string(),
  unitId: IdSchema,
  unitName: z.string(),
  category: z.enum(['official', 'associate', 'honorary']),
  year: z.number().int(),
  due: z.number().int().describe('Phải nộp / due'),
  paid: z.number().int().describe('Đã nộp / paid'),
  exempt: z.enum(EXEMPTION_REASONS).nullable(),
  outstanding: z.number().int(),
});
export const DuesCollectionQuerySchema = z.object({ unitId: IdSchema, year: DuesYearSchema });
export const DuesCollectionSchema = z.object({
  unitId: IdSchema,
  year: z.number().int(),
  rateFound: z.boolean(),
  lines: z.array(DuesLineSchema),
  totals: z.object({
    due: z.number().int(),
    paid: z.number().int(),
    outstanding: z.number().int(),
    exempt: z.number().int(),
  }),
});
export const ArrearsQuerySchema = z.object({
  unitId: IdSchema.optional(),
  asOf: IsoDateSchema.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const ArrearsLineSchema = z.object({
  memberId: IdSchema,
  memberNumber: z.string(),
  fullName: z.string(),
  unitId: IdSchema,
  unitName: z.string(),
  unpaidYears: z.array(z.number().int()),
  outstanding: z.number().int(),
  monthsOverdue: z.number().int(),
  needsReview: z.boolean(),
});
export const ArrearsListSchema = z.object({
  items: z.array(ArrearsLineSchema),
  nextCursor: z.string().nullable(),
  reviewAfterMonths: z.number().int(),
});
export const MemberDuesSchema = z.object({
  memberId: IdSchema,
  payments: z.array(PaymentSchema),
  exemptions: z.array(ExemptionSchema),
  years: z.array(DuesLineSchema),
});
