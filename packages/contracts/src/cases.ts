import { z } from 'zod';
import { IdSchema, IsoDateSchema, PageMetaSchema } from './common.js';

/**
 * Complaints, denunciations, petitions and internal disputes (đơn thư): case management with
 * statutory clocks and a sealed denouncer identity. See docs/api-cases.md.
 */
export const CASE_TYPES = [
  'complaint',
  'complaint_discipline',
  'denunciation',
  'petition',
  'dispute',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];
export const CASE_TYPE_NAMES: Record<CaseType, { vi: string; en: string }> = {
  complaint: { vi: 'Khiếu nại', en: 'Complaint' },
  complaint_discipline: { vi: 'Khiếu nại quyết định kỷ luật', en: 'Complaint against discipline' },
  denunciation: { vi: 'Tố cáo', en: 'Denunciation' },
  petition: { vi: 'Kiến nghị, phản ánh', en: 'Petition / reflection' },
  dispute: { vi: 'Mâu thuẫn, bất đồng (hòa giải)', en: 'Internal dispute (mediation)' },
};

export const CASE_CHANNELS = ['in_person', 'letter', 'online'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];
export const CASE_CHANNEL_NAMES: Record<CaseChannel, { vi: string; en: string }> = {
  in_person: { vi: 'Trực tiếp', en: 'In person' },
  letter: { vi: 'Qua đường thư', en: 'By letter' },
  online: { vi: 'Trực tuyến', en: 'Online' },
};

/**
 * received → classified → accepted | not_accepted | forwarded → verifying → concluded →
 * published (denunciations) → closed; withdrawn ends a case before its conclusion. Anonymous
 * information is not a denunciation: it is `received` as a petition-like check.
 */
export const CASE_STATUSES = [
  'received',
  'classified',
  'accepted',
  'not_accepted',
  'forwarded',
  'verifying',
  'concluded',
  'published',
  'closed',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_NAMES: Record<CaseStatus, { vi: string; en: string }> = {
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  classified: { vi: 'Đã phân loại', en: 'Classified' },
  accepted: { vi: 'Đã thụ lý', en: 'Accepted' },
  not_accepted: { vi: 'Không thụ lý', en: 'Not accepted' },
  forwarded: { vi: 'Đã chuyển đơn', en: 'Forwarded' },
  verifying: { vi: 'Đang xác minh', en: 'Verifying' },
  concluded: { vi: 'Đã có kết luận/quyết định', en: 'Concluded' },
  published: { vi: 'Đang công khai', en: 'Published' },
  closed: { vi: 'Đã kết thúc', en: 'Closed' },
  withdrawn: { vi: 'Đã rút đơn', en: 'Withdrawn' },
};
/** Statuses whose clock still runs (the inbox and overdue lists). */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = [
  'received',
  'classified',
  'accepted',
  'verifying',
  'concluded',
  'published',
];

/** The workflow: each action and the statuses it may start from (server checks, web offers). */
export const CASE_TRANSITIONS = {
  classify: ['received', 'classified'],
  accept: ['received', 'classified'],
  reject: ['received', 'classified'],
  forward: ['received', 'classified'],
  assignVerifier: ['accepted', 'verifying'],
  record: ['accepted', 'verifying', 'concluded'],
  extend: ['accepted', 'verifying'],
  suspend: ['accepted', 'verifying'],
  resume: ['accepted', 'verifying'],
  withdraw: ['received', 'classified', 'accepted', 'verifying'],
  conclude: ['accepted', 'verifying'],
  publish: ['concluded'],
  close: ['concluded', 'published', 'not_accepted', 'forwarded'],
} as const satisfies Record<string, readonly CaseStatus[]>;
export type CaseAction = keyof typeof CASE_TRANSITIONS;

export const CASE_COMPLEXITIES = ['normal', 'complex', 'very_complex'] as const;
export type CaseComplexity = (typeof CASE_COMPLEXITIES)[number];

/** Statutory grounds for not accepting (Law on Complaints Art. 11; Law on Denunciations Art. 29). */
export const NOT_ACCEPTED_GROUNDS = {
  complaint_not_affected: {
    vi: 'Quyết định, hành vi không liên quan trực tiếp đến quyền, lợi ích hợp pháp của người khiếu nại (Điều 11 khoản 2 Luật Khiếu nại)',
    en: 'Not directly affecting the complainant',
  },
  complaint_internal_act: {
    vi: 'Quyết định, hành vi hành chính nội bộ hoặc chứa quy phạm (Điều 11 khoản 1)',
    en: 'Internal directive act or a normative decision',
  },
  complaint_no_capacity: {
    vi: 'Người khiếu nại không có năng lực hành vi dân sự đầy đủ mà không có người đại diện hợp pháp (Điều 11 khoản 3)',
    en: 'No civil capacity and no lawful representative',
  },
  complaint_unlawful_representative: {
    vi: 'Người đại diện không hợp pháp (Điều 11 khoản 4)',
    en: 'Unlawful representative',
  },
  complaint_unsigned: {
    vi: 'Đơn khiếu nại không có chữ ký hoặc điểm chỉ (Điều 11 khoản 5)',
    en: 'Unsigned complaint',
  },
  complaint_time_limit: {
    vi: 'Thời hiệu khiếu nại đã hết mà không có lý do chính đáng (Điều 11 khoản 6)',
    en: 'Time limit expired without good reason',
  },
  complaint_already_decided: {
    vi: 'Đã có quyết định giải quyết khiếu nại lần hai (Điều 11 khoản 7)',
    en: 'A second-round decision already exists',
  },
  complaint_suspended_not_continued: {
    vi: 'Có thông báo đình chỉ mà người khiếu nại không tiếp tục trong 30 ngày (Điều 11 khoản 8)',
    en: 'Suspended and not continued within 30 days',
  },
  complaint_in_court: {
    vi: 'Việc khiếu nại đã được Tòa án thụ lý hoặc giải quyết (Điều 11 khoản 9)',
    en: 'Accepted or decided by a court',
  },
  denunciation_already_resolved: {
    vi: 'Vụ việc đã được giải quyết mà người tố cáo không cung cấp thông tin, tình tiết mới (Điều 29 khoản 2 Luật Tố cáo)',
    en: 'Already resolved, nothing new',
  },
  denunciation_no_basis: {
    vi: 'Không có cơ sở để xác định người vi phạm, hành vi vi phạm (Điều 29 khoản 2)',
    en: 'No basis to identify the violator or violation',
  },
  denunciation_not_competent: {
    vi: 'Không thuộc thẩm quyền giải quyết (Điều 29 khoản 1)',
    en: 'Not competent',
  },
  denunciation_no_capacity: {
    vi: 'Người tố cáo không có năng lực hành vi dân sự đầy đủ mà không có người đại diện (Điều 29 khoản 2)',
    en: 'No civil capacity and no representative',
  },
  other: { vi: 'Lý do khác (ghi rõ)', en: 'Other (stated)' },
} as const satisfies Record<string, { vi: string; en: string }>;
export type NotAcceptedGround = keyof typeof NOT_ACCEPTED_GROUNDS;
const GROUND_KEYS = Object.keys(NOT_ACCEPTED_GROUNDS) as [
  NotAcceptedGround,
  ...NotAcceptedGround[],
];

/** People whose identity the law seals: the denouncer and their spouse, parents and children (Law on Denunciations Arts. 9, 47). */
export const SEALED_ROLES = ['denouncer', 'spouse', 'parent', 'child'] as const;
export type SealedRole = (typeof SEALED_ROLES)[number];

export const CASE_RECORD_KINDS = [
  'plan',
  'minutes',
  'dialogue',
  'verification_report',
  'note',
] as const;
export type CaseRecordKind = (typeof CASE_RECORD_KINDS)[number];
export const CASE_RECORD_NAMES: Record<CaseRecordKind, { vi: string; en: string }> = {
  plan: { vi: 'Kế hoạch xác minh', en: 'Verification plan' },
  minutes: { vi: 'Biên bản làm việc', en: 'Minutes' },
  dialogue: { vi: 'Biên bản đối thoại', en: 'Dialogue minutes' },
  verification_report: { vi: 'Báo cáo kết quả xác minh', en: 'Verification report' },
  note: { vi: 'Ghi chú', en: 'Note' },
};

export const CASE_DOCUMENT_KINDS = [
  'acceptance_notice',
  'non_acceptance_notice',
  'forward_notice',
  'extension_decision',
  'resolution_decision',
  'denunciation_conclusion',
  'publication_notice',
] as const;
export type CaseDocumentKindCode = (typeof CASE_DOCUMENT_KINDS)[number];
export const CASE_DOCUMENT_NAMES: Record<CaseDocumentKindCode, { vi: string; en: string }> = {
  acceptance_notice: { vi: 'Thông báo thụ lý', en: 'Acceptance notice' },
  non_acceptance_notice: { vi: 'Thông báo không thụ lý', en: 'Non-acceptance notice' },
  forward_notice: { vi: 'Thông báo chuyển đơn', en: 'Forwarding notice' },
  extension_decision: { vi: 'Quyết định gia hạn giải quyết', en: 'Extension decision' },
  resolution_decision: {
    vi: 'Quyết định giải quyết khiếu nại',
    en: 'Complaint resolution decision',
  },
  denunciation_conclusion: { vi: 'Kết luận nội dung tố cáo', en: 'Denunciation conclusion' },
  publication_notice: { vi: 'Thông báo công khai kết luận', en: 'Publication notice' },
};

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullish();
const PhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 .-]{8,15}$/, 'Số điện thoại không hợp lệ / invalid phone number');

export const PartySchema = z.object({
  fullName: text(200).describe('Họ và tên / full name'),
  idNumber: z
    .string()
    .trim()
    .regex(/^\d{12}$/, 'Số định danh phải có 12 chữ số / ID number must have 12 digits')
    .nullish(),
  address: optText(500),
  phone: PhoneSchema.nullish(),
  email: z.email('Email không hợp lệ / invalid email').max(200).nullish(),
});
export const SealedPartySchema = PartySchema.extend({
  role: z.enum(SEALED_ROLES).default('denouncer'),
});
export type SealedParty = z.infer<typeof SealedPartySchema>;

export const CreateCaseBodySchema = z.object({
  unitId: IdSchema.describe('Đơn vị tiếp nhận, giải quyết / handling unit'),
  type: z.enum(CASE_TYPES),
  round: z.union([z.literal(1), z.literal(2)]).default(1),
  channel: z.enum(CASE_CHANNELS),
  receivedOn: IsoDateSchema.describe('Ngày nhận đơn / date received'),
  subject: text(300).describe('Trích yếu nội dung / summary'),
  content: optText(20_000).describe(
    'Nội dung đã lược bỏ thông tin người tố cáo / content without the denouncer’s details',
  ),
  accused: optText(300).describe('Người/cơ quan bị khiếu nại, bị tố cáo / the accused'),
  complainant: PartySchema.nullish().describe(
    'Người khiếu nại, kiến nghị (không dùng cho tố cáo) / complainant (not for denunciations)',
  ),
  anonymous: z.boolean().default(false).describe('Đơn nặc danh, mạo danh / anonymous letter'),
  sealedParties: z
    .array(SealedPartySchema)
    .max(10)
    .default([])
    .describe('Người tố cáo và người thân được bảo vệ (niêm phong) / sealed identities'),
  remote: z.boolean().default(false).describe('Vùng sâu, vùng xa / remote area'),
  parentCaseId: IdSchema.nullish().describe(
    'Vụ việc lần đầu (khiếu nại lần hai, tố cáo tiếp) / the first-round case',
  ),
  duplicateOfCaseId: IdSchema.nullish().describe('Đơn trùng, gửi lại / duplicate of'),
});

const VersionBody = { version: z.number().int().optional() };

export const ClassifyCaseBodySchema = z.object({
  type: z.enum(CASE_TYPES).optional(),
  complexity: z.enum(CASE_COMPLEXITIES).optional(),
  remote: z.boolean().optional(),
  duplicateOfCaseId: IdSchema.nullish(),
  ...VersionBody,
});
export const AcceptCaseBodySchema = z.object({
  acceptedOn: IsoDateSchema,
  complexity: z.enum(CASE_COMPLEXITIES).optional(),
  lateReason: optText(1000).describe(
    'Lý do thụ lý sau thời hạn (bắt buộc khi quá hạn) / reason when past the deadline',
  ),
});
export const RejectCaseBodySchema = z.object({
  decidedOn: IsoDateSchema,
  ground: z.enum(GROUND_KEYS),
  note: optText(1000),
});
export const ForwardCaseBodySchema = z.object({
  forwardedOn: IsoDateSchema,
  forwardedTo: text(300).describe('Cơ quan có thẩm quyền / competent body'),
});
export const AssignVerifierBodySchema = z.object({ userId: IdSchema });
export const ClearanceBodySchema = z.object({ userId: IdSchema });
export const CaseRecordBodySchema = z.object({
  kind: z.enum(CASE_RECORD_KINDS),
  on: IsoDateSchema,
  text: text(20_000),
});
export const ExtendCaseBodySchema = z.object({
  days: z.number().int().min(1).max(365),
  decisionNumber: text(50),
  decidedOn: IsoDateSchema,
  reason: text(1000),
});
export const SuspendCaseBodySchema = z.object({
  from: IsoDateSchema,
  decisionNumber: text(50),
  reason: text(1000),
});
export const ResumeCaseBodySchema = z.object({ to: IsoDateSchema });
export const WithdrawCaseBodySchema = z.object({
  withdrawnOn: IsoDateSchema,
  continueHandling: z
    .boolean()
    .default(false)
    .describe('Vẫn giải quyết vì có dấu hiệu vi phạm (Điều 33 Luật Tố cáo) / continue anyway'),
  reason: optText(1000),
});
export const ConcludeCaseBodySchema = z.object({
  concludedOn: IsoDateSchema,
  findings: text(20_000).describe('Kết quả xác minh / findings'),
  conclusion: text(20_000).describe('Kết luận, quyết định / conclusion'),
});
export const PublishCaseBodySchema = z.object({
  from: IsoDateSchema,
  until: IsoDateSchema,
  place: text(300).describe('Nơi niêm yết hoặc cổng thông tin / where it is posted'),
  text: text(20_000).describe('Nội dung công khai / published text'),
});
export const CloseCaseBodySchema = z.object({ closedOn: IsoDateSchema, note: optText(1000) });
export const EmergencyAccessBodySchema = z.object({
  reason: z.string().trim().min(20, 'Lý do tối thiểu 20 ký tự / at least 20 characters').max(1000),
});
export const CaseDocumentBodySchema = z.object({
  kind: z.enum(CASE_DOCUMENT_KINDS),
  date: IsoDateSchema.optional(),
  signer: z.object({ authority: optText(100), title: text(100), name: text(200) }).optional(),
});

const UnitRef = z.object({ id: IdSchema, code: z.string(), name: z.string() });
const UserRef = z.object({ id: IdSchema, name: z.string() });

export const MilestoneSchema = z.object({
  key: z.string(),
  vi: z.string(),
  en: z.string(),
  date: z.string().nullable(),
  from: z.string(),
  fromDate: z.string(),
  days: z.number(),
  unit: z.enum(['working_days', 'calendar_days']),
  article: z.string(),
  assumed: z.boolean(),
});
export const CaseClockSchema = z.object({
  ruleSet: z.object({ code: z.string(), effectiveFrom: z.string(), citation: z.string() }),
  milestones: z.array(MilestoneSchema),
  warnings: z.array(z.string()),
});

export const CaseSchema = z.object({
  id: IdSchema,
  number: z.string().describe('Số thụ lý trong sổ / register number'),
  unit: UnitRef,
  type: z.enum(CASE_TYPES),
  round: z.number().int(),
  channel: z.enum(CASE_CHANNELS),
  status: z.enum(CASE_STATUSES),
  receivedOn: z.string(),
  subject: z.string(),
  content: z.string().nullable(),
  accused: z.string().nullable(),
  complainant: PartySchema.nullable(),
  anonymous: z.boolean(),
  sealed: z
    .object({ count: z.number().int(), roles: z.array(z.enum(SEALED_ROLES)) })
    .describe('Chỉ số lượng và vai trò, không bao giờ giá trị / counts and roles only'),
  complexity: z.enum(CASE_COMPLEXITIES),
  remote: z.boolean(),
  acceptedOn: z.string().nullable(),
  lateReason: z.string().nullable(),
  notAccepted: z
    .object({ ground: z.string(), note: z.string().nullable(), on: z.string() })
    .nullable(),
  forwarded: z.object({ to: z.string(), on: z.string() }).nullable(),
  withdrawn: z
    .object({ on: z.string(), continueHandling: z.boolean(), reason: z.string().nullable() })
    .nullable(),
  concluded: z.object({ on: z.string(), findings: z.string(), conclusion: z.string() }).nullable(),
  publication: z
    .object({ from: z.string(), until: z.string(), place: z.string(), text: z.string() })
    .nullable(),
  closedOn: z.string().nullable(),
  parentCase: z.object({ id: IdSchema, number: z.string() }).nullable(),
  duplicateOf: z.object({ id: IdSchema, number: z.string() }).nullable(),
  linkedCases: z.array(z.object({ id: IdSchema, number: z.string(), relation: z.string() })),
  handler: UserRef.nullable(),
  verifiers: z.array(UserRef),
  extensions: z.array(
    z.object({
      ordinal: z.number(),
      days: z.number(),
      decisionNumber: z.string(),
      decidedOn: z.string(),
      reason: z.string(),
    }),
  ),
  suspensions: z.array(
    z.object({
      from: z.string(),
      to: z.string().nullable(),
      decisionNumber: z.string(),
      reason: z.string(),
    }),
  ),
  records: z.array(
    z.object({
      id: IdSchema,
      kind: z.enum(CASE_RECORD_KINDS),
      on: z.string(),
      text: z.string(),
      by: z.string().nullable(),
    }),
  ),
  documents: z.array(
    z.object({
      id: IdSchema,
      kind: z.enum(CASE_DOCUMENT_KINDS),
      number: z.string(),
      issuedOn: z.string(),
    }),
  ),
  attachments: z.array(
    z.object({ id: IdSchema, name: z.string(), size: z.number(), identityBearing: z.boolean() }),
  ),
  clock: CaseClockSchema,
  nextDeadline: z
    .object({ key: z.string(), vi: z.string(), en: z.string(), date: z.string() })
    .nullable(),
  daysLeft: z.number().int().nullable(),
  overdue: z.boolean(),
  access: z.object({
    canClaim: z
      .boolean()
      .describe(
        'Chưa ai được giao (đơn trực tuyến): người gọi có thể nhận / nobody cleared yet: the caller may take it',
      ),
    clearance: z
      .boolean()
      .describe('Người gọi được phép xem danh tính niêm phong / may read sealed identity'),
    verifier: z.boolean(),
  }),
  timeline: z.array(
    z.object({
      at: z.string(),
      kind: z.string(),
      by: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  version: z.number().int(),
});
export type Case = z.infer<typeof CaseSchema>;

export const CaseListQuerySchema = z.object({
  box: z
    .enum(['open', 'overdue', 'closed', 'all'])
    .default('open')
    .describe('Hộp: đang giải quyết / quá hạn / đã xong / tất cả'),
  unitId: IdSchema.optional().describe('Cây đơn vị (mặc định: toàn phạm vi) / unit subtree'),
  type: z.enum(CASE_TYPES).optional(),
  round: z.coerce.number().int().min(1).max(2).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  q: z.string().trim().max(100).optional().describe('Số thụ lý hoặc trích yếu / number or summary'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const CaseListItemSchema = z.object({
  id: IdSchema,
  number: z.string(),
  unit: UnitRef,
  type: z.enum(CASE_TYPES),
  round: z.number().int(),
  status: z.enum(CASE_STATUSES),
  subject: z.string(),
  receivedOn: z.string(),
  nextDeadline: z.string().nullable(),
  nextMilestone: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
  overdue: z.boolean(),
  handlerName: z.string().nullable(),
});
export type CaseListItem = z.infer<typeof CaseListItemSchema>;
export const CaseListSchema = PageMetaSchema.extend({ items: z.array(CaseListItemSchema) });

export const SealedIdentitySchema = z.object({
  parties: z.array(SealedPartySchema.extend({ id: IdSchema })),
  emergency: z.boolean(),
});

export const CaseStatsQuerySchema = z.object({
  unitId: IdSchema.optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
});
const CountsSchema = z.object({
  received: z.number().int(),
  accepted: z.number().int(),
  resolved: z.number().int(),
  resolvedOnTime: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
});
export const CaseStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  total: CountsSchema,
  byType: z.array(CountsSchema.extend({ type: z.enum(CASE_TYPES) })),
  byUnit: z.array(CountsSchema.extend({ unit: UnitRef })),
});

export const CalendarQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const CalendarSchema = z.object({
  year: z.number().int(),
  days: z.array(
    z.object({
      day: z.string(),
      kind: z.enum(['holiday', 'workday']),
      name: z.string(),
      source: z.enum(['rule', 'manual']),
    }),
  ),
});

export const NotificationSchema = z.object({
  id: IdSchema,
  kind: z.string(),
  title: z.string(),
  titleEn: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const NotificationListSchema = z.object({
  items: z.array(NotificationSchema),
  unread: z.number().int(),
});

/** Types a person may send online (a complaint against discipline comes through the unit). */
export const ONLINE_CASE_TYPES = ['complaint', 'denunciation', 'petition', 'dispute'] as const;

/**
 * A case sent online by a member (portal) or anyone (public form). The sender is the complainant,
 * or for a denunciation the denouncer, whose identity is sealed on receipt.
 */
export const OnlineCaseBodySchema = z.object({
  type: z.enum(ONLINE_CASE_TYPES),
  subject: text(300).describe('Tóm tắt nội dung / summary'),
  content: text(20_000).describe('Nội dung đơn / the letter'),
  accused: optText(300),
  anonymous: z.boolean().default(false),
  relatives: z
    .array(SealedPartySchema.extend({ role: z.enum(['spouse', 'parent', 'child']) }))
    .max(5)
    .default([])
    .describe('Người thân cần bảo vệ (tố cáo) / relatives to protect (denunciations)'),
});
export const PublicCaseBodySchema = OnlineCaseBodySchema.extend({
  association: z.string().trim().min(1).max(50).describe('Mã hội / association code'),
  unitCode: z
    .string()
    .trim()
    .max(50)
    .nullish()
    .describe('Mã đơn vị nhận (mặc định: cấp Trung ương) / receiving unit'),
  sender: PartySchema.nullish().describe(
    'Người gửi (bỏ trống nếu nặc danh) / the sender, empty if anonymous',
  ),
});
export const OnlineCaseReceiptSchema = z.object({
  number: z.string().describe('Số tiếp nhận, để tra cứu với đơn vị / register number'),
  receivedOn: z.string(),
  type: z.enum(CASE_TYPES),
  unitName: z.string(),
});

export const CaseHandlerListSchema = z.object({
  items: z.array(
    z.object({
      id: IdSchema,
      name: z.string(),
      unitName: z.string(),
      cleared: z.boolean(),
      verifier: z.boolean(),
      seenIdentity: z.boolean(),
    }),
  ),
});
