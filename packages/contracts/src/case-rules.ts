import { z } from 'zod';
import { IsoDateSchema } from './common.js';
import { CASE_COMPLEXITIES, CASE_TYPES, MilestoneSchema, type CaseType } from './cases.js';

/**
 * Statutory clocks as data: effective-dated rule sets (national ones seeded in
 * apps/server/src/modules/cases/clock/rules.ts, associations may add their own), the input of the
 * clock engine and its output. Every number is data so a change in the law is a new rule set,
 * not a code change.
 */

/** 'working_days' counts working days only; 'calendar_days' counts every day, then rolls a last day off forward (Civil Code Art. 148). */
export const DAY_UNITS = ['working_days', 'calendar_days'] as const;
export type DayUnit = (typeof DAY_UNITS)[number];

/**
 * What a period counts from (the day itself never counts, Civil Code Art. 147):
 * received (ngày nhận đơn), accepted (ngày thụ lý), concluded (ngày ban hành quyết định/kết luận),
 * resolution_due (the resolution deadline, extensions included), concluded_or_resolution_due
 * (the decision, or if none the resolution deadline — Law on Complaints Art. 33).
 */
export const CLOCK_TRIGGERS = [
  'received',
  'accepted',
  'concluded',
  'resolution_due',
  'concluded_or_resolution_due',
] as const;
export type ClockTrigger = (typeof CLOCK_TRIGGERS)[number];

/** Rounds each case type can have: a second round only for complaints. */
export const CASE_TYPE_ROUNDS: Record<CaseType, readonly (1 | 2)[]> = {
  complaint: [1, 2],
  complaint_discipline: [1, 2],
  denunciation: [1],
  petition: [1],
  dispute: [1],
};

const DaysSchema = z.number().int().min(1).max(365);
const ArticleSchema = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .describe('Căn cứ pháp lý (tiếng Việt) / legal basis, cited in Vietnamese');

export const MilestoneRuleSchema = z.strictObject({
  /** Số ngày / number of days */
  days: DaysSchema.describe('Số ngày / number of days'),
  unit: z.enum(DAY_UNITS).describe('Đơn vị: ngày làm việc hoặc ngày / unit'),
  from: z.enum(CLOCK_TRIGGERS).describe('Tính từ mốc / counted from'),
  article: ArticleSchema,
  complex: DaysSchema.optional().describe('Vụ việc phức tạp / complex case'),
  veryComplex: DaysSchema.optional().describe('Vụ việc đặc biệt phức tạp / very complex case'),
  remote: DaysSchema.optional().describe('Vùng sâu, vùng xa, đi lại khó khăn / remote area'),
  remoteComplex: DaysSchema.optional().describe(
    'Vùng sâu, vùng xa và phức tạp / remote and complex',
  ),
  severalPlaces: DaysSchema.optional().describe(
    'Cần kiểm tra, xác minh ở nhiều nơi / several places to check',
  ),
});
export type MilestoneRule = z.infer<typeof MilestoneRuleSchema>;

const ExtensionCountSchema = z.number().int().min(0).max(10);
export const ExtensionRuleSchema = z.strictObject({
  maxCount: z
    .strictObject({
      normal: ExtensionCountSchema,
      complex: ExtensionCountSchema,
      veryComplex: ExtensionCountSchema,
    })
    .describe('Số lần gia hạn tối đa theo độ phức tạp / most extensions allowed, by complexity'),
  maxDaysEach: DaysSchema.describe('Số ngày tối đa mỗi lần gia hạn / longest single extension'),
  decidedBy: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .describe('Người quyết định gia hạn (bằng văn bản) / who decides, in writing'),
  article: ArticleSchema,
});
export type ExtensionRule = z.infer<typeof ExtensionRuleSchema>;

export const TypeRuleSchema = z.strictObject({
  acceptance: MilestoneRuleSchema.optional().describe('Thụ lý / acceptance'),
  initialProcessing: MilestoneRuleSchema.optional().describe(
    'Xử lý ban đầu thông tin tố cáo / initial processing',
  ),
  forwarding: MilestoneRuleSchema.optional().describe(
    'Chuyển đơn khi không thuộc thẩm quyền / forwarding when not competent',
  ),
  notifyAccused: MilestoneRuleSchema.optional().describe(
    'Thông báo thụ lý cho người tố cáo, nội dung cho người bị tố cáo / notices after acceptance',
  ),
  resolution: MilestoneRuleSchema.describe('Giải quyết / resolution'),
  extensions: ExtensionRuleSchema.optional().describe('Gia hạn giải quyết / extensions'),
  suspension: z
    .strictObject({ allowed: z.boolean(), article: ArticleSchema })
    .describe('Tạm đình chỉ (thời gian tạm đình chỉ không tính) / suspension of the clock'),
  withdrawal: z
    .strictObject({ article: ArticleSchema })
    .optional()
    .describe('Rút đơn / withdrawal'),
  finality: MilestoneRuleSchema.optional().describe(
    'Quyết định có hiệu lực pháp luật / the decision becomes final',
  ),
  secondRoundWindow: MilestoneRuleSchema.optional().describe(
    'Thời hạn khiếu nại lần hai / window to file a second-round complaint',
  ),
  publication: MilestoneRuleSchema.optional().describe(
    'Thời gian công khai kết luận tối thiểu / minimum publication of the conclusion',
  ),
  reDenunciationReview: MilestoneRuleSchema.optional().describe(
    'Xem xét tố cáo tiếp / review of a re-denunciation',
  ),
  overdueReport: MilestoneRuleSchema.optional().describe(
    'Báo cáo khi quá hạn giải quyết / report when overdue',
  ),
});
export type TypeRule = z.infer<typeof TypeRuleSchema>;

const TwoRoundsSchema = z.strictObject({ 1: TypeRuleSchema, 2: TypeRuleSchema });
const OneRoundSchema = z.strictObject({ 1: TypeRuleSchema });

export const RuleSetSchema = z.strictObject({
  code: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{1,59}$/,
      'Mã 2–60 ký tự: chữ, số, . _ - / code: 2–60 of A–Z 0–9 . _ -',
    )
    .describe('Mã bộ quy tắc / rule-set code'),
  name: z
    .strictObject({ vi: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) })
    .describe('Tên / name'),
  effectiveFrom: IsoDateSchema.describe(
    'Áp dụng cho đơn nhận từ ngày / applies to cases received on or after',
  ),
  citation: z
    .string()
    .trim()
    .min(1)
    .max(3000)
    .describe('Văn bản căn cứ, nguồn và mức độ xác nhận / legal texts, sources, confidence'),
  rules: z
    .strictObject({
      complaint: TwoRoundsSchema,
      complaint_discipline: TwoRoundsSchema,
      denunciation: OneRoundSchema,
      petition: OneRoundSchema,
      dispute: OneRoundSchema,
    })
    .describe('Quy tắc theo loại đơn và lần giải quyết / rules by case type and round'),
});
export type RuleSet = z.infer<typeof RuleSetSchema>;

export const ClockSuspensionSchema = z
  .strictObject({
    from: IsoDateSchema.describe('Ngày đầu tạm đình chỉ / first suspended day'),
    to: IsoDateSchema.nullable().describe(
      'Ngày cuối tạm đình chỉ, null = đang tạm đình chỉ / last suspended day, null = ongoing',
    ),
  })
  .refine((s) => s.to === null || s.to >= s.from, {
    message: 'Ngày kết thúc trước ngày bắt đầu / ends before it starts',
    path: ['to'],
  });

export const ClockInputSchema = z
  .strictObject({
    type: z.enum(CASE_TYPES).describe('Loại đơn / case type'),
    round: z.union([z.literal(1), z.literal(2)]).describe('Lần giải quyết / round'),
    received: IsoDateSchema.describe('Ngày nhận đơn / date received'),
    accepted: IsoDateSchema.nullish().describe('Ngày thụ lý / date accepted'),
    concluded: IsoDateSchema.nullish().describe(
      'Ngày ban hành quyết định giải quyết / kết luận / date of the decision or conclusion',
    ),
    complexity: z.enum(CASE_COMPLEXITIES).optional().describe('Độ phức tạp / complexity'),
    remote: z.boolean().optional().describe('Vùng sâu, vùng xa / remote area'),
    extensions: z
      .array(z.number().int().min(1).max(365))
      .max(10)
      .optional()
      .describe('Số ngày của từng lần gia hạn, theo thứ tự / days of each extension, in order'),
    suspensions: z
      .array(ClockSuspensionSchema)
      .max(50)
      .optional()
      .describe('Các khoảng tạm đình chỉ (gồm cả hai đầu) / suspended periods, inclusive'),
    severalPlaces: z
      .boolean()
      .optional()
      .describe('Tố cáo cần xác minh ở nhiều nơi / denunciation to check in several places'),
  })
  .superRefine((input, ctx) => {
    if (input.accepted && input.accepted < input.received)
      ctx.addIssue({
        code: 'custom',
        path: ['accepted'],
        message: 'Ngày thụ lý trước ngày nhận đơn / accepted before received',
      });
    const start = input.accepted ?? input.received;
    if (input.concluded && input.concluded < start)
      ctx.addIssue({
        code: 'custom',
        path: ['concluded'],
        message: 'Ngày kết luận trước ngày thụ lý/nhận đơn / concluded before accepted/received',
      });
    input.suspensions?.forEach((s, i) => {
      if (s.from < input.received)
        ctx.addIssue({
          code: 'custom',
          path: ['suspensions', i, 'from'],
          message: 'Tạm đình chỉ trước ngày nhận đơn / a suspension before receipt',
        });
    });
  });
export type ClockInput = z.input<typeof ClockInputSchema>;

export type Milestone = z.infer<typeof MilestoneSchema>;

export const ClockResultSchema = z.object({
  type: z.enum(CASE_TYPES),
  round: z.union([z.literal(1), z.literal(2)]),
  received: z.string(),
  ruleSet: z.object({ code: z.string(), effectiveFrom: z.string(), citation: z.string() }),
  milestones: z.array(MilestoneSchema),
  warnings: z.array(z.string()).describe('Cảnh báo song ngữ "vi / en" / bilingual warnings'),
});
export type ClockResult = z.infer<typeof ClockResultSchema>;
