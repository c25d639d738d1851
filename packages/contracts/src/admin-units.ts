import { z } from 'zod';

export const AdminUnitSchema = z.object({
  code: z.string().describe('Mã NSO: tỉnh 2 số, xã 5 số / NSO code'),
  name: z.string(),
  level: z.enum(['province', 'commune']),
  divisionType: z.string(),
  provinceCode: z.string().nullable(),
});
export const AdminUnitListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  provinceCode: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  level: z.enum(['province', 'commune']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export const AdminUnitListSchema = z.object({ items: z.array(AdminUnitSchema) });

export const OldAddressQuerySchema = z.object({
  province: z.string().trim().min(1).max(100).describe('Tỉnh cũ (tên hoặc mã) / old province'),
  district: z.string().trim().max(100).optional().describe('Huyện cũ / old district'),
  commune: z.string().trim().min(1).max(100).describe('Xã cũ (tên hoặc mã) / old commune'),
});
export const OldAddressLookupSchema = z.object({
  matches: z.array(
    z.object({
      oldCommuneCode: z.string(),
      oldCommuneName: z.string(),
      oldDistrictName: z.string(),
      oldProvinceName: z.string(),
      newCommuneCode: z.string(),
      newCommuneName: z.string(),
      newProvinceCode: z.string(),
      newProvinceName: z.string(),
      note: z.string(),
    }),
  ),
  isSplit: z
    .boolean()
    .describe('Xã cũ bị chia cho nhiều xã mới / old commune split across several'),
  isAmbiguous: z.boolean().describe('Nhiều xã cũ trùng tên / several old communes match'),
});

export type AdminUnit = z.infer<typeof AdminUnitSchema>;
export type AdminUnitListQuery = z.infer<typeof AdminUnitListQuerySchema>;
export type OldAddressQuery = z.infer<typeof OldAddressQuerySchema>;
export type OldAddressLookup = z.infer<typeof OldAddressLookupSchema>;
export type OldAddressMatch = OldAddressLookup['matches'][number];

/** What `hoi admin-units import` reports; rows it could not use are listed, never dropped silently. */
export const AdminUnitImportSummarySchema = z.object({
  /** Provinces read from the unit lists. */
  provinces: z.number().int().describe('Số tỉnh đã đọc / provinces read'),
  /** Communes (xã, phường, đặc khu) read from the unit lists. */
  communes: z.number().int().describe('Số xã đã đọc / communes read'),
  /** Old → new conversion rows read from the conversion tables. */
  conversions: z.number().int().describe('Số dòng chuyển đổi đã đọc / conversion rows read'),
  inserted: z.number().int().describe('Dòng mới / rows inserted'),
  updated: z.number().int().describe('Dòng đã sửa / rows changed'),
  unchanged: z.number().int().describe('Dòng không đổi / rows already up to date'),
  skippedRows: z
    .array(
      z.object({
        file: z.string().describe('Tên tệp / file name'),
        line: z.number().int().describe('Dòng trong tệp (từ 1) / line in the file (1-based)'),
        reason: z.string().describe('Lý do bỏ qua / why the row was skipped'),
      }),
    )
    .describe('Dòng bị bỏ qua / rows skipped'),
});
export type AdminUnitImportSummary = z.infer<typeof AdminUnitImportSummarySchema>;
