import { z } from 'zod';
import { IdSchema, IsoDateSchema, PageMetaSchema } from './common.js';
import { checkPersonalId, isLegacyCmnd, normalizeVnPhone } from './vn-id.js';

export const PERSON_NAME_MAX = 100;
export const NOTES_MAX = 2000;

/** Member categories (Decree 45 Art. 15; charters under Decree 126). */
export const MEMBER_CATEGORIES = ['official', 'associate', 'honorary'] as const;
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number];
export const MEMBER_CATEGORY_NAMES: Record<MemberCategory, { vi: string; en: string }> = {
  official: { vi: 'Hội viên chính thức', en: 'Official member' },
  associate: { vi: 'Hội viên liên kết', en: 'Associate member' },
  honorary: { vi: 'Hội viên danh dự', en: 'Honorary member' },
};

export const MEMBER_STATUSES = [
  'applicant',
  'active',
  'suspended',
  'resigned',
  'aged_out',
  'removed',
  'deceased',
  'rejected',
] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBER_STATUS_NAMES: Record<MemberStatus, { vi: string; en: string }> = {
  applicant: { vi: 'Đang xét kết nạp', en: 'Applicant' },
  active: { vi: 'Đang sinh hoạt', en: 'Active' },
  suspended: { vi: 'Tạm đình chỉ', en: 'Suspended' },
  resigned: { vi: 'Xin ra hội', en: 'Resigned' },
  aged_out: { vi: 'Hết tuổi sinh hoạt', en: 'Aged out' },
  removed: { vi: 'Xóa tên', en: 'Removed' },
  deceased: { vi: 'Từ trần', en: 'Deceased' },
  rejected: { vi: 'Không kết nạp', en: 'Not admitted' },
};
/** Statuses that end a membership; a later admission opens a new membership (a new "lượt"). */
export const TERMINAL_STATUSES: readonly MemberStatus[] = [
  'resigned',
  'aged_out',
  'removed',
  'deceased',
  'rejected',
];

/**
 * The membership status machine. Each action lists where it may start, where it ends and what
 * record it needs: a decision (number, date, signer) where charters require one, a reason where
 * the registry must say why.
 */
export const MEMBER_ACTIONS = {
  admit: { from: ['applicant'], to: 'active', decision: true, reason: false },
  reject: { from: ['applicant'], to: 'rejected', decision: false, reason: true },
  suspend: { from: ['active'], to: 'suspended', decision: true, reason: true },
  reinstate: { from: ['suspended'], to: 'active', decision: true, reason: false },
  resign: { from: ['active', 'suspended'], to: 'resigned', decision: false, reason: false },
  age_out: { from: ['active', 'suspended'], to: 'aged_out', decision: false, reason: false },
  remove: { from: ['active', 'suspended'], to: 'removed', decision: true, reason: true },
  decease: { from: ['active', 'suspended'], to: 'deceased', decision: false, reason: false },
} as const satisfies Record<
  string,
  { from: readonly MemberStatus[]; to: MemberStatus; decision: boolean; reason: boolean }
>;
export type MemberAction = keyof typeof MEMBER_ACTIONS;
export const MEMBER_ACTION_NAMES: Record<MemberAction, { vi: string; en: string }> = {
  admit: { vi: 'Kết nạp', en: 'Admit' },
  reject: { vi: 'Không kết nạp', en: 'Reject application' },
  suspend: { vi: 'Tạm đình chỉ sinh hoạt', en: 'Suspend' },
  reinstate: { vi: 'Khôi phục sinh hoạt', en: 'Reinstate' },
  resign: { vi: 'Ghi nhận xin ra hội', en: 'Record resignation' },
  age_out: { vi: 'Ghi nhận hết tuổi sinh hoạt', en: 'Record aging-out' },
  remove: { vi: 'Xóa tên', en: 'Remove (xóa tên)' },
  decease: { vi: 'Ghi nhận từ trần', en: 'Record death' },
};

/** Which actions are legal from a status (for the UI and the property tests). */
export function actionsFrom(status: MemberStatus): MemberAction[] {
  return (Object.keys(MEMBER_ACTIONS) as MemberAction[]).filter((a) =>
    (MEMBER_ACTIONS[a].from as readonly MemberStatus[]).includes(status),
  );
}

/**
 * A date of birth as known: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (elderly members often know only
 * the year). The web accepts yyyy, mm/yyyy and dd/mm/yyyy and sends this form.
 */
export const PartialDateSchema = z
  .string()
  .trim()
  .regex(
    /^\d{4}(-\d{2}(-\d{2})?)?$/,
    'Ngày sinh dạng YYYY, YYYY-MM hoặc YYYY-MM-DD / birth date as YYYY, YYYY-MM or YYYY-MM-DD',
  )
  .refine((s) => isRealPartialDate(s), { message: 'Ngày không tồn tại / no such date' })
  .describe('Ngày sinh: năm, tháng/năm hoặc ngày đầy đủ / birth date (year, month or full)');

export function isRealPartialDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number);
  if (y! < 1880 || y! > 2100) return false;
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  const dt = new Date(Date.UTC(y!, m - 1, d));
  return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Parses what people type: `yyyy`, `mm/yyyy`, `dd/mm/yyyy` (also `-` or `.`) → partial ISO, or null. */
export function parseVnPartialDate(input: string): string | null {
  const s = input.trim();
  let out: string | null = null;
  const y = /^(\d{4})$/.exec(s);
  const my = /^(\d{1,2})[/.-](\d{4})$/.exec(s);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (y) out = y[1]!;
  else if (my) out = `${my[2]}-${my[1]!.padStart(2, '0')}`;
  else if (dmy) out = `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
  else if (/^(\d{4})-(\d{2})(-(\d{2}))?$/.test(s)) out = s;
  return out && isRealPartialDate(out) ? out : null;
}

/** `1948-05-12` → `12/05/1948`, `1948-05` → `05/1948`, `1948` → `1948`. */
export function formatPartialDate(s: string | null | undefined): string {
  if (!s) return '';
  const [y, m, d] = s.split('-');
  return [d, m, y].filter(Boolean).join('/');
}

export const GenderSchema = z.enum(['male', 'female']).describe('Giới tính: nam / nữ');

export const PersonalIdSchema = z
  .string()
  .trim()
  .superRefine((s, ctx) => {
    const r = checkPersonalId(s);
    if (!r.ok)
      ctx.addIssue({
        code: 'custom',
        message: `Số định danh cá nhân không hợp lệ (${r.error}) / invalid personal ID number (${r.error})`,
      });
  })
  .describe('Số định danh cá nhân 12 số (CCCD) / 12-digit personal ID');

export const LegacyCmndSchema = z
  .string()
  .trim()
  .refine(isLegacyCmnd, 'CMND cũ gồm 9 chữ số / the old identity card number has 9 digits')
  .describe('Số CMND cũ (9 số) / legacy 9-digit identity card');

export const MemberPhoneSchema = z
  .string()
  .trim()
  .max(20)
  .transform((s, ctx) => {
    const n = normalizeVnPhone(s);
    if (!n) {
      ctx.addIssue({
        code: 'custom',
        message: 'Số điện thoại không phải số Việt Nam / not a Vietnamese phone number',
      });
      return z.NEVER;
    }
    return n;
  })
  .describe('Điện thoại (0… hoặc +84…) / phone');

export const AddressSchema = z.object({
  provinceCode: z
    .string()
    .trim()
    .max(10)
    .nullable()
    .optional()
    .describe('Mã tỉnh mới (34 tỉnh) / new province code'),
  communeCode: z
    .string()
    .trim()
    .max(10)
    .nullable()
    .optional()
    .describe('Mã xã/phường mới / new commune code'),
  detail: z
    .string()
    .trim()
    .max(300)
    .nullable()
    .optional()
    .describe('Thôn/xóm, số nhà, đường / hamlet, street'),
  legacyText: z
    .string()
    .trim()
    .max(500)
    .nullable()
    .optional()
    .describe('Địa chỉ cũ nguyên văn / legacy free-text address'),
});
export type Address = z.infer<typeof AddressSchema>;

export const PersonInputSchema = z.object({
  fullName: z.string().trim().min(2).max(PERSON_NAME_MAX).describe('Họ và tên / full name'),
  birthDate: PartialDateSchema.nullable().optional(),
  gender: GenderSchema.nullable().optional(),
  idNumber: PersonalIdSchema.nullable().optional(),
  legacyIdNumber: LegacyCmndSchema.nullable().optional(),
  phone: MemberPhoneSchema.nullable().optional(),
  email: z.email().max(200).nullable().optional(),
  address: AddressSchema.optional(),
});
export type PersonInput = z.infer<typeof PersonInputSchema>;

export const DecisionSchema = z.object({
  number: z.string().trim().min(1).max(50).describe('Số quyết định / decision number'),
  date: IsoDateSchema.describe('Ngày quyết định / decision date'),
  signer: z.string().trim().min(1).max(100).describe('Người ký / signed by'),
  unitId: IdSchema.optional().describe(
    'Đơn vị ra quyết định (mặc định: đơn vị của hội viên) / deciding unit',
  ),
});
export type Decision = z.infer<typeof DecisionSchema>;

export const CreateMemberBodySchema = z.object({
  person: PersonInputSchema,
  unitId: IdSchema.describe('Chi hội / tổ hội sinh hoạt / the unit the member belongs to'),
  category: z.enum(MEMBER_CATEGORIES).default('official'),
  memberNumber: z
    .string()
    .trim()
    .min(1)
    .max(30)
    .regex(/^[A-Za-z0-9./-]+$/)
    .optional()
    .describe('Số thẻ; bỏ trống để cấp tự động / card number, generated if absent'),
  appliedOn: IsoDateSchema.optional().describe('Ngày làm đơn / application date (default today)'),
  admission: DecisionSchema.optional().describe(
    'Có quyết định kết nạp thì hội viên hoạt động ngay / with a decision the member is admitted at once',
  ),
  notes: z.string().trim().max(NOTES_MAX).optional(),
  acknowledgeWarnings: z
    .boolean()
    .default(false)
    .describe('Xác nhận bỏ qua cảnh báo (ví dụ số định danh lệch năm sinh) / override warnings'),
});
export type CreateMemberBody = z.infer<typeof CreateMemberBodySchema>;

export const UpdateMemberBodySchema = z.object({
  person: PersonInputSchema.partial().optional(),
  category: z.enum(MEMBER_CATEGORIES).optional(),
  notes: z.string().trim().max(NOTES_MAX).nullable().optional(),
  acknowledgeWarnings: z.boolean().default(false),
});

export const TransitionBodySchema = z.object({
  action: z.enum(Object.keys(MEMBER_ACTIONS) as [MemberAction, ...MemberAction[]]),
  effectiveDate: IsoDateSchema.describe('Ngày có hiệu lực / effective date'),
  decision: DecisionSchema.optional(),
  reason: z.string().trim().min(1).max(500).optional(),
});

export const PersonSchema = z.object({
  id: IdSchema,
  fullName: z.string(),
  birthDate: z.string().nullable(),
  gender: GenderSchema.nullable(),
  idNumber: z.string().nullable(),
  legacyIdNumber: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.object({
    provinceCode: z.string().nullable(),
    provinceName: z.string().nullable(),
    communeCode: z.string().nullable(),
    communeName: z.string().nullable(),
    detail: z.string().nullable(),
    legacyText: z.string().nullable(),
  }),
});
export type Person = z.infer<typeof PersonSchema>;

/** One row of the member list: what an officer needs to recognise a person. */
export const MemberSummarySchema = z.object({
  id: IdSchema,
  personId: IdSchema,
  memberNumber: z.string(),
  fullName: z.string(),
  birthDate: z.string().nullable(),
  gender: GenderSchema.nullable(),
  phone: z.string().nullable(),
  unitId: IdSchema,
  unitName: z.string(),
  unitCode: z.string(),
  category: z.enum(MEMBER_CATEGORIES),
  status: z.enum(MEMBER_STATUSES),
  joinedOn: z.string().nullable(),
  inTransit: z.boolean().describe('Đang chuyển sinh hoạt / a transfer is pending'),
  duesPaidThrough: z
    .number()
    .int()
    .nullable()
    .describe('Đã đóng hội phí đến hết năm / dues paid through year'),
  needsReview: z
    .boolean()
    .describe('Nợ hội phí quá hạn, cần xem xét / dues arrears past the threshold'),
});
export type MemberSummary = z.infer<typeof MemberSummarySchema>;

export const MemberSchema = MemberSummarySchema.extend({
  person: PersonSchema,
  appliedOn: z.string().nullable(),
  admission: z
    .object({
      number: z.string(),
      date: z.string(),
      signer: z.string(),
      unitId: IdSchema,
      unitName: z.string(),
    })
    .nullable(),
  endedOn: z.string().nullable(),
  notes: z.string().nullable(),
  hasPhoto: z.boolean(),
  hasAccount: z.boolean().describe('Đã có tài khoản tự phục vụ / has a self-service account'),
  pendingTransferId: IdSchema.nullable(),
  allowedActions: z.array(z.enum(Object.keys(MEMBER_ACTIONS) as [MemberAction, ...MemberAction[]])),
  /** Other memberships of the same person in this association (lượt), oldest first. */
  otherMemberships: z.array(
    z.object({
      id: IdSchema,
      memberNumber: z.string(),
      status: z.enum(MEMBER_STATUSES),
      joinedOn: z.string().nullable(),
      endedOn: z.string().nullable(),
    }),
  ),
  warnings: z
    .array(z.string())
    .describe('Cảnh báo dữ liệu đã được xác nhận / acknowledged data warnings'),
  version: z.number().int(),
});
export type Member = z.infer<typeof MemberSchema>;

const csv = <T extends string>(values: readonly [T, ...T[]]) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
    z.array(z.enum(values)).optional(),
  );

export const AGE_BANDS = ['under60', '60-69', '70-79', '80-89', '90plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const MemberFilterSchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe(
      'Tên (có/không dấu), điện thoại, số định danh hoặc số thẻ / name, phone, ID or member number',
    ),
  unitId: IdSchema.optional().describe('Lọc theo cây con của đơn vị / subtree of this unit'),
  status: csv(MEMBER_STATUSES).describe(
    'Trạng thái, phân cách bằng dấu phẩy / statuses, comma-separated',
  ),
  category: csv(MEMBER_CATEGORIES),
  gender: GenderSchema.optional(),
  ageBand: z.enum(AGE_BANDS).optional().describe('Nhóm tuổi / age band'),
  joinYear: z.coerce
    .number()
    .int()
    .min(1900)
    .max(2100)
    .optional()
    .describe('Năm vào hội / join year'),
  inTransit: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  needsReview: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type MemberFilter = z.infer<typeof MemberFilterSchema>;

export const MemberListQuerySchema = MemberFilterSchema.extend({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const MemberListSchema = PageMetaSchema.extend({
  items: z.array(MemberSummarySchema),
  total: z
    .number()
    .int()
    .nullable()
    .describe('Tổng số (khi đếm được nhanh) / total when cheap to count'),
});

export const MemberExportQuerySchema = MemberFilterSchema.extend({
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
});

export const MemberCountsQuerySchema = z.object({
  asOf: IsoDateSchema.optional().describe('Tại ngày / as of this date (default today)'),
  unitId: IdSchema.optional(),
});
export const MemberCountsSchema = z.object({
  asOf: z.string(),
  rows: z.array(
    z.object({
      unitId: IdSchema,
      status: z.enum(MEMBER_STATUSES),
      category: z.enum(MEMBER_CATEGORIES),
      gender: GenderSchema.nullable(),
      memberships: z.number().int().describe('Số lượt / memberships'),
    }),
  ),
  totals: z.object({
    memberships: z.number().int().describe('Số lượt hội viên đang sinh hoạt / active memberships'),
    people: z.number().int().describe('Số người / distinct people'),
  }),
});

export const MEMBER_EVENT_KINDS = [
  'applied',
  'admitted',
  'rejected',
  'suspended',
  'reinstated',
  'resigned',
  'aged_out',
  'removed',
  'deceased',
  'updated',
  'category_changed',
  'transfer_requested',
  'transfer_accepted',
  'transfer_refused',
  'transfer_cancelled',
  'transfer_escalated',
  'dues_paid',
  'exemption',
  'invited',
  'correction_requested',
  'correction_applied',
  'correction_rejected',
  'consent_changed',
  'sensitive_updated',
  'photo_changed',
  'data_requested',
  'data_request_resolved',
  'imported',
] as const;
export type MemberEventKind = (typeof MEMBER_EVENT_KINDS)[number];

export const MemberEventSchema = z.object({
  id: IdSchema,
  kind: z.enum(MEMBER_EVENT_KINDS),
  effectiveDate: z.string(),
  at: z.string().describe('Thời điểm ghi / recorded at'),
  actorName: z.string().nullable(),
  unitId: IdSchema.nullable(),
  unitName: z.string().nullable(),
  decision: z.object({ number: z.string(), date: z.string(), signer: z.string() }).nullable(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type MemberEvent = z.infer<typeof MemberEventSchema>;
export const MemberTimelineSchema = z.object({ items: z.array(MemberEventSchema) });

/** The 54 official ethnic groups (GSO), VIETNAM_RULES §11. */
export const ETHNICITIES: Readonly<Record<string, string>> = Object.fromEntries(
  'Kinh,Tày,Thái,Hoa,Khơ-me,Mường,Nùng,HMông,Dao,Gia-rai,Ngái,Ê-đê,Ba-na,Xơ-đăng,Sán Chay,Cơ-ho,Chăm,Sán Dìu,Hrê,Mnông,Ra-glai,Xtiêng,Bru-Vân Kiều,Thổ,Giáy,Cơ-tu,Gié-Triêng,Mạ,Khơ-mú,Co,Tà-ôi,Chơ-ro,Kháng,Xinh-mun,Hà Nhì,Chu-ru,Lào,La Chí,La Ha,Phù Lá,La Hủ,Lự,Lô Lô,Chứt,Mảng,Pà Thẻn,Cơ Lao,Cống,Bố Y,Si La,Pu Péo,Brâu,Ơ Đu,Rơ-măm'
    .split(',')
    .map((name, i) => [String(i + 1).padStart(2, '0'), name]),
);
/** Religions (GSO QĐ 1019/QĐ-TCTK) plus 00 "none" by convention and 99 "other". */
export const RELIGIONS: Readonly<Record<string, string>> = {
  '00': 'Không',
  '01': 'Phật giáo',
  '02': 'Công giáo',
  '03': 'Phật giáo Hòa Hảo',
  '04': 'Hồi giáo',
  '05': 'Cao Đài',
  '06': 'Minh Sư đạo',
  '07': 'Minh Lý đạo',
  '08': 'Tin Lành',
  '09': 'Tịnh độ Cư sĩ Phật hội Việt Nam',
  '10': 'Đạo Tứ Ân Hiếu Nghĩa',
  '11': 'Bửu Sơn Kỳ Hương',
  '12': "Baha'i",
  '13': 'Bà-la-môn',
  '14': 'Mặc Môn',
  '99': 'Khác',
};

/** Protected personal data (Law 91/2025, Decree 356/2025 Art. 4): stored apart, read with permission, audited. */
export const SensitiveDataSchema = z.object({
  ethnicityCode: z
    .string()
    .refine(
      (c) => c in ETHNICITIES,
      'Mã dân tộc không có trong danh mục 54 dân tộc / unknown ethnicity code',
    )
    .nullable()
    .optional(),
  religionCode: z
    .string()
    .refine((c) => c in RELIGIONS, 'Mã tôn giáo không hợp lệ / unknown religion code')
    .nullable()
    .optional(),
  partyMember: z.boolean().nullable().optional().describe('Đảng viên / Party member'),
  partyJoinedOn: IsoDateSchema.nullable().optional(),
  healthNotes: z
    .string()
    .trim()
    .max(NOTES_MAX)
    .nullable()
    .optional()
    .describe('Ghi chú sức khỏe / health notes'),
});
export const SensitiveDataOutSchema = z.object({
  ethnicityCode: z.string().nullable(),
  religionCode: z.string().nullable(),
  partyMember: z.boolean().nullable(),
  partyJoinedOn: z.string().nullable(),
  healthNotes: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

/** Purposes a member may consent to, each separately (Law 91/2025 Art. 9: silence is not consent). */
export const CONSENT_PURPOSES = [
  'membership_management',
  'sensitive_data',
  'contact_sms',
  'photo_on_card',
  'publish_name',
  'share_with_oversight',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_PURPOSE_NAMES: Record<ConsentPurpose, { vi: string; en: string }> = {
  membership_management: {
    vi: 'Quản lý hội viên (hồ sơ, sinh hoạt, hội phí)',
    en: 'Membership management',
  },
  sensitive_data: {
    vi: 'Xử lý dữ liệu nhạy cảm (dân tộc, tôn giáo, sức khỏe, đảng viên)',
    en: 'Processing sensitive data',
  },
  contact_sms: { vi: 'Liên hệ qua điện thoại, tin nhắn', en: 'Contact by phone and SMS' },
  photo_on_card: { vi: 'In ảnh trên thẻ hội viên', en: 'Photo on the member card' },
  publish_name: {
    vi: 'Công bố tên trong danh sách khen thưởng, hoạt động',
    en: 'Publishing the name in lists',
  },
  share_with_oversight: {
    vi: 'Cung cấp cho cơ quan theo dõi khi có yêu cầu',
    en: 'Sharing with the oversight body',
  },
};
export const ConsentSchema = z.object({
  purpose: z.enum(CONSENT_PURPOSES),
  granted: z
    .boolean()
    .nullable()
    .describe('null = chưa hỏi; im lặng không phải đồng ý / not asked; silence is not consent'),
  recordedAt: z.string().nullable(),
  source: z.enum(['member', 'officer']).nullable(),
});
export const ConsentListSchema = z.object({ items: z.array(ConsentSchema) });
export const SetConsentsBodySchema = z.object({
  consents: z
    .array(z.object({ purpose: z.enum(CONSENT_PURPOSES), granted: z.boolean() }))
    .min(1)
    .max(CONSENT_PURPOSES.length),
  evidence: z
    .string()
    .trim()
    .max(300)
    .optional()
    .describe('Căn cứ (ví dụ phiếu đồng ý ký ngày…) / evidence when recorded by an officer'),
});

/** A filter in query-string form (`{ status: 'active,suspended', gender: 'female' }`), as the list URL carries it. */
export const FilterQuerySchema = z
  .record(z.string().max(40), z.string().max(200))
  .refine((f) => MemberFilterSchema.safeParse(f).success, 'Bộ lọc không hợp lệ / invalid filter');

export const SavedFilterSchema = z.object({
  id: IdSchema,
  name: z.string(),
  filter: z.record(z.string(), z.string()),
  createdAt: z.string(),
});
export const SavedFilterListSchema = z.object({ items: z.array(SavedFilterSchema) });
export const CreateSavedFilterBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  filter: FilterQuerySchema,
});

export const CardVerificationSchema = z.object({
  fullName: z.string(),
  associationName: z.string(),
  unitName: z.string(),
  status: z.enum(MEMBER_STATUSES),
  statusName: z.object({ vi: z.string(), en: z.string() }),
});
