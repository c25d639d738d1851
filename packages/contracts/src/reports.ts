import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common.js';

/**
 * Periodic reports and the briefing (báo cáo định kỳ, hội nghị giao ban): indicators filled from
 * the registry, templates, periods with Decree 09/2019 cut-offs, approval up the tree, roll-up,
 * completeness and timeliness, dashboards. See docs/api-reports.md.
 */

/** The directive's task areas (DIRECTIVE.md), the default outline of every report. */
export const TASK_AREAS = [1, 2, 3, 4, 5, 6] as const;
export type TaskArea = (typeof TASK_AREAS)[number];
export const TASK_AREA_NAMES: Record<TaskArea, { vi: string; en: string }> = {
  1: { vi: 'Công tác tuyên truyền', en: 'Propaganda and awareness' },
  2: {
    vi: 'Cụ thể hóa và tổ chức thực hiện chủ trương, chính sách',
    en: 'Making policies concrete',
  },
  3: { vi: 'Công tác tổ chức, cán bộ', en: 'Organization and personnel' },
  4: { vi: 'Phối hợp, liên kết và tham gia chương trình', en: 'Cooperation and programs' },
  5: {
    vi: 'Tham mưu, phản biện, huy động nguồn lực và chăm lo hội viên',
    en: 'Policy advice, resources and member care',
  },
  6: {
    vi: 'Phối hợp, thi đua, nội bộ, kiểm tra, giải quyết khiếu nại tố cáo, mô hình hay',
    en: 'Coordination, emulation, internal affairs, inspection, complaints, good models',
  },
};

export const INDICATOR_TYPES = ['count', 'money', 'percent', 'text'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];
export const AGGREGATIONS = ['sum', 'average', 'weighted', 'none'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const DISAGGREGATIONS = ['sex', 'age_band'] as const;
export type Disaggregation = (typeof DISAGGREGATIONS)[number];
/**
 * Categories of each disaggregation; a slot key is `code|sex:female` or `code|age:60-69` (the
 * age bands of the member registry, AGE_BANDS, at the period's last day).
 */
export const SEX_CATEGORIES = ['male', 'female'] as const;

export const IndicatorCodeSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/,
    'Mã chỉ tiêu: chữ thường, số, dấu chấm / indicator code: lowercase, digits, dots',
  )
  .max(60);

export const IndicatorSchema = z.object({
  code: IndicatorCodeSchema,
  name: z.object({ vi: z.string().min(1).max(300), en: z.string().min(1).max(300) }),
  type: z.enum(INDICATOR_TYPES),
  aggregation: z.enum(AGGREGATIONS),
  /** For `weighted`: the indicator whose value weighs each child's value. */
  weightCode: IndicatorCodeSchema.nullable().default(null),
  disaggregation: z.array(z.enum(DISAGGREGATIONS)).max(1).default([]),
  source: z.enum(['automatic', 'manual']),
  taskArea: z.number().int().min(1).max(6).nullable(),
  /** Automatic indicators: counted at the period's cut-off (as of its last day) or within it. */
  basis: z.enum(['period', 'cutoff']).nullable().default(null),
});
export type Indicator = z.infer<typeof IndicatorSchema>;
export const IndicatorListSchema = z.object({ items: z.array(IndicatorSchema) });
export const CreateIndicatorBodySchema = IndicatorSchema.omit({ source: true, basis: true });

export const PERIOD_TYPES = ['month', 'quarter', 'half', 'nine_months', 'year'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];
export const PERIOD_TYPE_NAMES: Record<PeriodType, { vi: string; en: string }> = {
  month: { vi: 'Tháng', en: 'Month' },
  quarter: { vi: 'Quý', en: 'Quarter' },
  half: { vi: '6 tháng', en: 'Six months' },
  nine_months: { vi: '9 tháng', en: 'Nine months' },
  year: { vi: 'Năm', en: 'Year' },
};
/** `2026-M11`, `2026-Q4`, `2026-H1`, `2026-H2`, `2026-N9` (nine months), `2026-Y`. */
export const PeriodKeySchema = z
  .string()
  .regex(
    /^\d{4}-(M(0[1-9]|1[0-2])|Q[1-4]|H[12]|N9|Y)$/,
    'Kỳ báo cáo có dạng 2026-M11, 2026-Q4, 2026-H1, 2026-N9, 2026-Y / period is 2026-M11, 2026-Q4, 2026-H1, 2026-N9 or 2026-Y',
  );
export const PeriodSchema = z.object({
  key: PeriodKeySchema,
  type: z.enum(PERIOD_TYPES),
  year: z.number().int(),
  /** First and last day of the data (Decree 09/2019 Art. 12: the 15th to the 14th). */
  from: IsoDateSchema,
  to: IsoDateSchema,
  label: z.object({ vi: z.string(), en: z.string() }),
});
export type Period = z.infer<typeof PeriodSchema>;
export const PeriodListQuerySchema = z.object({
  templateId: IdSchema,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const PeriodListSchema = z.object({ items: z.array(PeriodSchema) });

export const RULE_OPERATORS = ['<=', '<', '=', '!=', '>=', '>'] as const;
export const ValidationRuleSchema = z.object({
  code: z.string().min(1).max(60),
  /** Arithmetic over indicator codes and numbers: `members.admitted + members.transferred_in`. */
  left: z.string().min(1).max(500),
  operator: z.enum(RULE_OPERATORS),
  right: z.string().min(1).max(500),
  severity: z.enum(['warning', 'blocking']),
  message: z.object({ vi: z.string().min(1).max(500), en: z.string().min(1).max(500) }),
});
export type ValidationRule = z.infer<typeof ValidationRuleSchema>;

export const TemplateSectionSchema = z.object({
  key: z
    .string()
    .regex(/^[a-z0-9_]+$/)
    .max(40),
  title: z.object({ vi: z.string().min(1).max(300), en: z.string().min(1).max(300) }),
  taskArea: z.number().int().min(1).max(6).nullable(),
  /** Indicator table of the section, in order (may be empty for narrative-only sections). */
  indicators: z.array(IndicatorCodeSchema).max(100),
  narrative: z.boolean(),
});
export type TemplateSection = z.infer<typeof TemplateSectionSchema>;

export const TemplateBodySchema = z.object({
  code: z
    .string()
    .regex(
      /^[A-Z0-9_-]+$/,
      'Mã biểu mẫu: chữ in hoa, số, -, _ / template code: capitals, digits, -, _',
    )
    .max(40),
  name: z.object({ vi: z.string().min(1).max(300), en: z.string().min(1).max(300) }),
  periodTypes: z.array(z.enum(PERIOD_TYPES)).min(1),
  /** Unit levels (0 = root) that report on this template. */
  levels: z.array(z.number().int().min(0).max(10)).min(1),
  /** Day of the month the period starts (15 per Decree 09/2019: the 15th to the 14th). */
  cutoffDay: z.number().int().min(1).max(28).default(15),
  /** Working days after the period's last day by which a unit of each level must submit. */
  deadlines: z.array(
    z.object({
      level: z.number().int().min(0).max(10),
      workingDays: z.number().int().min(0).max(60),
    }),
  ),
  /** DHIS2's "hide unapproved data": levels above the approver see only approved values. */
  hideUnapproved: z.boolean().default(false),
  sections: z.array(TemplateSectionSchema).min(1).max(30),
  rules: z.array(ValidationRuleSchema).max(100).default([]),
});
export type TemplateBody = z.infer<typeof TemplateBodySchema>;
export const TemplateSchema = TemplateBodySchema.extend({
  id: IdSchema,
  version: z.number().int(),
  active: z.boolean(),
});
export type Template = z.infer<typeof TemplateSchema>;
export const TemplateListSchema = z.object({ items: z.array(TemplateSchema) });

/** draft → submitted → approved (parent) → accepted (next level) → locked; returned → draft-like. */
export const REPORT_STATUSES = [
  'missing',
  'draft',
  'submitted',
  'returned',
  'approved',
  'accepted',
  'locked',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_NAMES: Record<ReportStatus, { vi: string; en: string }> = {
  missing: { vi: 'Chưa lập', en: 'Not started' },
  draft: { vi: 'Đang soạn', en: 'Draft' },
  submitted: { vi: 'Đã gửi', en: 'Submitted' },
  returned: { vi: 'Bị trả lại', en: 'Returned' },
  approved: { vi: 'Đã duyệt', en: 'Approved' },
  accepted: { vi: 'Cấp trên đã tiếp nhận', en: 'Accepted' },
  locked: { vi: 'Đã khóa', en: 'Locked' },
};
export const REPORT_ACTIONS = [
  'submit',
  'return',
  'approve',
  'unapprove',
  'accept',
  'unaccept',
  'lock',
] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];
/** The state machine: action → statuses it starts from → status it ends in. */
export const REPORT_TRANSITIONS: Record<
  ReportAction,
  { from: readonly ReportStatus[]; to: ReportStatus }
> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted'], to: 'returned' },
  approve: { from: ['submitted'], to: 'approved' },
  unapprove: { from: ['approved'], to: 'submitted' },
  accept: { from: ['approved'], to: 'accepted' },
  unaccept: { from: ['accepted'], to: 'approved' },
  lock: { from: ['accepted'], to: 'locked' },
};
/** Statuses whose values count in roll-ups and are visible above the approver. */
export const APPROVED_STATUSES: readonly ReportStatus[] = ['approved', 'accepted', 'locked'];
export const EDITABLE_STATUSES: readonly ReportStatus[] = ['draft', 'returned'];

export const TIMELINESS = ['on_time', 'late', 'pending', 'overdue'] as const;
export type Timeliness = (typeof TIMELINESS)[number];

export const ReportUnitSchema = z.object({
  id: IdSchema,
  code: z.string(),
  name: z.string(),
  level: z.number().int(),
});

export const ReportSummarySchema = z.object({
  id: IdSchema.nullable(),
  templateId: IdSchema,
  period: PeriodKeySchema,
  unit: ReportUnitSchema,
  status: z.enum(REPORT_STATUSES),
  version: z.number().int().nullable(),
  dueDate: IsoDateSchema,
  firstSubmittedAt: z.string().nullable(),
  /** on_time / late: by the first submission; pending: not yet, not due; overdue: not yet, past due. */
  timeliness: z.enum(TIMELINESS),
});
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

export const ReportListQuerySchema = z.object({
  templateId: IdSchema,
  period: PeriodKeySchema,
  /** The unit whose own report and whose children's reports are listed; default: the actor's top unit. */
  unitId: IdSchema.optional(),
});
export const CompletenessSchema = z.object({
  expected: z.number().int(),
  submitted: z.number().int(),
  approved: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
});
export const ReportListSchema = z.object({
  period: PeriodSchema,
  own: ReportSummarySchema.nullable(),
  children: z.array(ReportSummarySchema),
  completeness: CompletenessSchema,
});

export const SlotValueSchema = z.number().finite().nullable();
export const ValidationResultSchema = z.object({
  code: z.string(),
  severity: z.enum(['warning', 'blocking']),
  message: z.object({ vi: z.string(), en: z.string() }),
  left: z.number().nullable(),
  right: z.number().nullable(),
  ok: z.boolean(),
});
export type ValidationResult = z.infer<typeof ValidationResultSchema>;

export const ReportEventSchema = z.object({
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  comment: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});

export const ReportSchema = ReportSummarySchema.extend({
  id: IdSchema,
  version: z.number().int(),
  periodInfo: PeriodSchema,
  template: TemplateSchema,
  /** Slot key (`code` or `code|sex:female`) → number; null when not filled. */
  values: z.record(z.string(), SlotValueSchema),
  /** Narrative sections (by section key) and text indicators (by code). */
  texts: z.record(z.string(), z.string()),
  /** When automatic values were last computed from the registry. */
  computedAt: z.string().nullable(),
  /** Hidden from this reader (template hides unapproved values from higher levels). */
  valuesHidden: z.boolean(),
  validation: z.array(ValidationResultSchema),
  rollup: z.object({
    values: z.record(z.string(), SlotValueSchema),
    childrenExpected: z.number().int(),
    childrenApproved: z.number().int(),
    /** Slots where the report's own value differs from the roll-up of approved children. */
    mismatches: z.array(z.string()),
  }),
  returnComment: z.string().nullable(),
  events: z.array(ReportEventSchema),
  can: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    return: z.boolean(),
    approve: z.boolean(),
    unapprove: z.boolean(),
    accept: z.boolean(),
    unaccept: z.boolean(),
    lock: z.boolean(),
  }),
});
export type Report = z.infer<typeof ReportSchema>;

export const OpenReportBodySchema = z.object({
  templateId: IdSchema,
  period: PeriodKeySchema,
  unitId: IdSchema,
});
export const SaveReportBodySchema = z.object({
  values: z.record(z.string().max(120), SlotValueSchema).default({}),
  texts: z.record(z.string().max(120), z.string().max(20000)).default({}),
});
export const ReportActionBodySchema = z.object({
  comment: z.string().trim().max(2000).optional(),
});
export const ReportActionParamsSchema = z.object({
  id: IdSchema,
  action: z.enum(REPORT_ACTIONS),
});
/**
 * Who signs a generated document (Decree 30 signature block): "TM. BAN THƯỜNG VỤ" / "CHỦ TỊCH" /
 * the typed full name. Unset parts take those defaults; the name is left blank for a hand entry.
 */
export const SignerQuerySchema = z.object({
  signerName: z.string().trim().max(100).optional(),
  signerTitle: z.string().trim().min(1).max(100).optional(),
  signerAuthority: z.string().trim().max(100).optional(),
});
export type SignerQuery = z.infer<typeof SignerQuerySchema>;
export const ReportDocumentQuerySchema = z
  .object({ format: z.enum(['docx', 'xlsx']) })
  .extend(SignerQuerySchema.shape);

/** Roll-up across periods: as the tree was in each period, or restated onto today's tree. */
export const ROLLUP_VIEWS = ['as_was', 'restated'] as const;
export type RollupView = (typeof ROLLUP_VIEWS)[number];

export const DashboardQuerySchema = z.object({
  templateId: IdSchema,
  period: PeriodKeySchema,
  unitId: IdSchema.optional(),
  view: z.enum(ROLLUP_VIEWS).default('as_was'),
  /** How many periods of the same type, ending with `period`, the trends show. */
  trend: z.coerce.number().int().min(1).max(24).default(6),
});
export const DashboardSchema = z.object({
  view: z.enum(ROLLUP_VIEWS),
  unit: ReportUnitSchema,
  period: PeriodSchema,
  periods: z.array(PeriodSchema),
  completeness: CompletenessSchema,
  /** Key indicators by task area: the approved roll-up for the unit, per period of the trend. */
  indicators: z.array(
    z.object({
      code: z.string(),
      name: z.object({ vi: z.string(), en: z.string() }),
      type: z.enum(INDICATOR_TYPES),
      taskArea: z.number().int().nullable(),
      values: z.array(z.number().nullable()),
    }),
  ),
  /** Children of the unit × periods of the trend: report status and timeliness. */
  heatmap: z.array(
    z.object({
      unit: ReportUnitSchema.extend({ restatedFrom: z.array(z.string()).default([]) }),
      cells: z.array(z.object({ status: z.enum(REPORT_STATUSES), timeliness: z.enum(TIMELINESS) })),
    }),
  ),
  /** The current period's approved values per child unit, for drill-down. */
  children: z.array(
    z.object({
      unit: ReportUnitSchema,
      status: z.enum(REPORT_STATUSES),
      values: z.record(z.string(), SlotValueSchema),
    }),
  ),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

export const OversightQuerySchema = z.object({
  templateCode: z.string().max(40),
  period: PeriodKeySchema,
});
/** The oversight body's comparison: approved root-report values per association, no personal data. */
export const OversightComparisonSchema = z.object({
  period: PeriodKeySchema,
  indicators: z.array(
    z.object({
      code: z.string(),
      name: z.object({ vi: z.string(), en: z.string() }),
      type: z.enum(INDICATOR_TYPES),
      taskArea: z.number().int().nullable(),
    }),
  ),
  associations: z.array(
    z.object({
      id: IdSchema,
      code: z.string(),
      name: z.string(),
      status: z.enum(REPORT_STATUSES),
      timeliness: z.enum(TIMELINESS),
      submittedAt: z.string().nullable(),
      values: z.record(z.string(), SlotValueSchema),
    }),
  ),
});
export type OversightComparison = z.infer<typeof OversightComparisonSchema>;
