import { z } from 'zod';
import { IdSchema, IsoDateSchema, PageMetaSchema } from './common.js';

/**
 * Transfer of a member between units (chuyển sinh hoạt) as a handshake: the sender releases,
 * the member is in transit (still counted at the sender), the receiver accepts or refuses.
 */
export const TRANSFER_STATUSES = ['pending', 'accepted', 'refused', 'cancelled'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export const TRANSFER_STATUS_NAMES: Record<TransferStatus, { vi: string; en: string }> = {
  pending: { vi: 'Đang chờ nhận', en: 'Pending' },
  accepted: { vi: 'Đã tiếp nhận', en: 'Accepted' },
  refused: { vi: 'Từ chối tiếp nhận', en: 'Refused' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
};

export const CreateTransferBodySchema = z.object({
  memberId: IdSchema,
  toUnitId: IdSchema.describe('Đơn vị nhận (cùng hội, bất kỳ tỉnh nào) / receiving unit'),
  releasedOn: IsoDateSchema.optional().describe(
    'Ngày giới thiệu chuyển đi / release date (default today)',
  ),
  reason: z.string().trim().max(500).optional(),
});
export const RefuseTransferBodySchema = z.object({ reason: z.string().trim().min(1).max(500) });
export const AcceptTransferBodySchema = z.object({
  acceptedOn: IsoDateSchema.optional().describe('Ngày tiếp nhận / acceptance date (default today)'),
});

export const TransferSchema = z.object({
  id: IdSchema,
  memberId: IdSchema,
  memberNumber: z.string(),
  fullName: z.string(),
  fromUnit: z.object({ id: IdSchema, code: z.string(), name: z.string() }),
  toUnit: z.object({ id: IdSchema, code: z.string(), name: z.string() }),
  status: z.enum(TRANSFER_STATUSES),
  releasedOn: z.string(),
  reason: z.string().nullable(),
  requestedBy: z.string().nullable(),
  answeredOn: z.string().nullable(),
  answeredBy: z.string().nullable(),
  refusalReason: z.string().nullable(),
  dueOn: z
    .string()
    .describe('Hạn trả lời trước khi chuyển lên cấp trên chung / answer due before escalation'),
  overdue: z.boolean(),
  escalatedTo: z
    .object({ id: IdSchema, code: z.string(), name: z.string() })
    .nullable()
    .describe('Đơn vị cấp trên chung / common parent'),
  version: z.number().int(),
});
export type Transfer = z.infer<typeof TransferSchema>;

export const TransferListQuerySchema = z.object({
  box: z
    .enum(['incoming', 'outgoing', 'overdue', 'all'])
    .default('all')
    .describe('Hộp: đến / đi / quá hạn / inbox'),
  unitId: IdSchema.optional().describe(
    'Đơn vị xem (mặc định: mọi đơn vị trong phạm vi) / viewing unit',
  ),
  status: z.enum(TRANSFER_STATUSES).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const TransferListSchema = PageMetaSchema.extend({ items: z.array(TransferSchema) });
