import { z } from 'zod';
import { IdSchema, IsoDateSchema, PageMetaSchema } from './common.js';

export const UNIT_NAME_MAX = 200;
export const UNIT_CODE_MAX = 50;

const UnitCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(UNIT_CODE_MAX)
  .regex(/^[A-Za-z0-9._-]+$/, 'Mã chỉ gồm chữ, số, . _ - / code: letters, digits, . _ -')
  .describe('Mã đơn vị, duy nhất trong hội / unit code, unique in the association');
const UnitNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(UNIT_NAME_MAX)
  .describe('Tên đơn vị / unit name');

export const UnitSchema = z.object({
  id: IdSchema,
  code: z.string(),
  name: z.string(),
  level: z.number().int().describe('Cấp (0 = trung ương) / level index (0 = root)'),
  levelName: z.string(),
  parentId: IdSchema.nullable(),
  adminUnitCode: z.string().nullable().describe('Mã đơn vị hành chính / administrative unit code'),
  status: z.enum(['active', 'dissolved', 'merged', 'split']),
  validFrom: IsoDateSchema,
  validTo: IsoDateSchema.nullable(),
  childCount: z.number().int(),
  version: z.number().int(),
});
export type Unit = z.infer<typeof UnitSchema>;

export const UnitListQuerySchema = z.object({
  parentId: IdSchema.optional().describe('Đơn vị cha; bỏ trống = các gốc trong phạm vi / parent'),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('Tìm theo tên hoặc mã, có hoặc không dấu / search'),
  includeInactive: z.coerce.boolean().default(false),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const UnitListSchema = PageMetaSchema.extend({ items: z.array(UnitSchema) });

export const TreeQuerySchema = z.object({
  asOf: IsoDateSchema.optional().describe('Cây tại ngày / tree as of this date (default today)'),
  rootId: IdSchema.optional(),
});
export const TreeNodeSchema = z.object({
  id: IdSchema,
  parentId: IdSchema.nullable(),
  code: z.string(),
  name: z.string(),
  level: z.number().int(),
});
export const TreeSchema = z.object({ asOf: IsoDateSchema, nodes: z.array(TreeNodeSchema) });

export const EffectiveDateSchema = IsoDateSchema.optional().describe(
  'Ngày hiệu lực (mặc định hôm nay) / effective date (default today)',
);

export const CreateUnitBodySchema = z.object({
  parentId: IdSchema,
  code: UnitCodeSchema,
  name: UnitNameSchema,
  level: z
    .number()
    .int()
    .min(1)
    .max(9)
    .optional()
    .describe('Mặc định: cấp cha + 1 / default parent+1'),
  adminUnitCode: z.string().max(10).optional(),
  effectiveDate: EffectiveDateSchema,
});
export const UpdateUnitBodySchema = z.object({
  name: UnitNameSchema.optional(),
  code: UnitCodeSchema.optional(),
  adminUnitCode: z.string().max(10).nullable().optional(),
  effectiveDate: EffectiveDateSchema,
});
export const MoveUnitBodySchema = z.object({
  newParentId: IdSchema,
  effectiveDate: EffectiveDateSchema,
});
export const MergeUnitsBodySchema = z.object({
  sourceIds: z.array(IdSchema).min(2).max(50).describe('Các đơn vị hợp nhất / units to merge'),
  target: z.union([
    z
      .object({ existingId: IdSchema })
      .describe('Sáp nhập vào đơn vị có sẵn / into an existing unit'),
    z
      .object({ code: UnitCodeSchema, name: UnitNameSchema, parentId: IdSchema })
      .describe('Hợp nhất thành đơn vị mới / into a new unit'),
  ]),
  effectiveDate: EffectiveDateSchema,
});
export const SplitUnitBodySchema = z.object({
  parts: z
    .array(
      z.object({
        code: UnitCodeSchema,
        name: UnitNameSchema,
        childIds: z.array(IdSchema).default([]).describe('Đơn vị con chuyển sang / children taken'),
      }),
    )
    .min(2)
    .max(50),
  effectiveDate: EffectiveDateSchema,
});
export const SplitUnitResultSchema = z.object({
  items: z
    .array(UnitSchema)
    .describe('Các đơn vị mới theo thứ tự phần / the new units, in part order'),
});
export type SplitUnitResult = z.infer<typeof SplitUnitResultSchema>;
export const DissolveUnitBodySchema = z.object({
  reason: z.string().trim().max(1000).optional(),
  effectiveDate: EffectiveDateSchema,
});
export const GenerateCommunesBodySchema = z.object({
  provinceCode: z
    .string()
    .regex(/^\d{2}$/)
    .describe('Mã tỉnh mới (2 số) / new province code'),
  codePrefix: z.string().max(20).default('').describe('Tiền tố mã đơn vị / unit code prefix'),
  effectiveDate: EffectiveDateSchema,
});
export const GenerateCommunesResultSchema = z.object({
  created: z.number().int(),
  skipped: z.number().int().describe('Đã có đơn vị gắn mã này / already present'),
});

export const UnitEventSchema = z.object({
  id: IdSchema,
  kind: z.enum(['create', 'rename', 'recode', 'move', 'merge', 'split', 'dissolve', 'admin_unit']),
  effectiveDate: IsoDateSchema,
  actorName: z.string().nullable(),
  createdAt: z.string(),
  details: z.record(z.string(), z.unknown()),
  predecessors: z.array(z.object({ id: IdSchema, name: z.string(), code: z.string() })),
  successors: z.array(z.object({ id: IdSchema, name: z.string(), code: z.string() })),
});
export const UnitHistorySchema = z.object({
  names: z.array(
    z.object({ name: z.string(), validFrom: IsoDateSchema, validTo: IsoDateSchema.nullable() }),
  ),
  parents: z.array(
    z.object({
      parentId: IdSchema.nullable(),
      parentName: z.string().nullable(),
      validFrom: IsoDateSchema,
      validTo: IsoDateSchema.nullable(),
    }),
  ),
  events: z.array(UnitEventSchema),
});
export type UnitHistory = z.infer<typeof UnitHistorySchema>;
