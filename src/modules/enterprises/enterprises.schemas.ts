import { z } from 'zod';
import { SIZE_CLASSES } from './enterprises.constants.ts';

const money = (label: string) => z.number().finite().min(0).max(1e12).describe(`${label} (万元)`);

export const IndicatorsSchema = z.object({
  year: z.number().int(),
  employees: z.number().nullable().describe('从业人员 (人)'),
  revenueWan: z.number().nullable().describe('营业收入 (万元)'),
  mainBusinessRevenueWan: z.number().nullable().describe('主营业务收入 (万元)'),
  assetsWan: z.number().nullable().describe('资产总额 (万元)'),
  rdExpenseWan: z.number().nullable().describe('研发费用 (万元)'),
  taxWan: z.number().nullable().describe('税收 (万元)'),
  landMu: z.number().nullable().describe('用地 (亩)'),
  energyTce: z.number().nullable().describe('综合能耗 (吨标准煤)'),
  patents: z.number().nullable().describe('有效专利 (件)'),
  exportWan: z.number().nullable().describe('出口额 (万元)'),
});

export const EnterpriseListItemSchema = z.object({
  id: z.string(),
  creditCode: z.string().describe('统一社会信用代码 (GB 32100-2015)'),
  name: z.string(),
  divisionCode: z.string().describe('GB/T 2260 division (street or county)'),
  divisionName: z.string().nullable(),
  industryCode: z.string().describe('GB/T 4754-2017 code, e.g. C3670'),
  industryName: z.string().nullable(),
  employees: z.number().nullable(),
  revenueWan: z.number().nullable(),
  assetsWan: z.number().nullable(),
  sizeClass: z.enum(SIZE_CLASSES).nullable().describe('大/中/小/微 per sme-size@2011'),
  aboveScale: z.boolean().describe('规上 (above-scale@2011)'),
  tags: z.array(z.string()),
  foundedOn: z.string().nullable(),
  isDemo: z.boolean(),
});

export const EnterpriseDetailSchema = EnterpriseListItemSchema.extend({
  address: z.string().nullable(),
  parkName: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  contactName: z.string().nullable().describe('Personal data: masked unless the role may see it'),
  contactPhone: z.string().nullable().describe('Personal data: masked unless the role may see it'),
  legalEntity: z.boolean(),
  mainBusinessRevenueWan: z.number().nullable(),
  rdExpenseWan: z.number().nullable(),
  taxWan: z.number().nullable(),
  landMu: z.number().nullable(),
  energyTce: z.number().nullable(),
  patents: z.number().nullable(),
  exportWan: z.number().nullable(),
  sizeClassReason: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number(),
  indicators: z.array(IndicatorsSchema),
});

export const EnterprisePageSchema = z.object({
  items: z.array(EnterpriseListItemSchema),
  total: z.number().describe('Exact up to 10,000; beyond that the planner\'s estimate (see totalIsEstimate)'),
  totalIsEstimate: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
});

const csv = z
  .string()
  .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
  .or(z.array(z.string()));

export const SORTS = ['revenueWan', '-revenueWan', 'employees', '-employees', 'name', '-name', 'foundedOn', '-foundedOn'] as const;

export const EnterpriseListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(100).optional().describe('Name (any 2+ characters, one typo tolerated), pinyin initials, or credit code'),
  division: z.string().trim().max(20).optional().describe('Division or zone code; its whole subtree'),
  industry: z.string().trim().max(10).optional().describe('GB/T 4754-2017 code at any level: C, C36, C367, C3670'),
  sizeClass: csv.pipe(z.array(z.enum(SIZE_CLASSES))).optional(),
  aboveScale: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  tags: csv.optional().describe('Comma-separated; enterprises carrying all of them'),
  foundedFrom: z.coerce.number().int().min(1900).max(2100).optional(),
  foundedTo: z.coerce.number().int().min(1900).max(2100).optional(),
  sort: z.enum(SORTS).optional(),
});
export type EnterpriseListQuery = z.infer<typeof EnterpriseListQuerySchema>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const EnterpriseWriteFields = {
  creditCode: z.string().trim().min(1).max(40),
  name: z.string().trim().min(2).max(200),
  divisionCode: z.string().trim().min(6).max(12),
  industryCode: z.string().trim().min(1).max(6),
  parkName: optionalText(100),
  address: optionalText(300),
  legalRepresentative: optionalText(50),
  contactName: optionalText(50),
  contactPhone: optionalText(30),
  foundedOn: z.iso.date().nullable().optional(),
  legalEntity: z.boolean().optional(),
  employees: z.number().int().min(0).max(10_000_000).nullable().optional().describe('从业人员 (人)'),
  revenueWan: money('营业收入').nullable().optional(),
  mainBusinessRevenueWan: money('主营业务收入').nullable().optional(),
  assetsWan: money('资产总额').nullable().optional(),
  rdExpenseWan: money('研发费用').nullable().optional(),
  taxWan: money('税收').nullable().optional(),
  landMu: z.number().finite().min(0).max(1e9).nullable().optional().describe('用地 (亩)'),
  energyTce: z.number().finite().min(0).max(1e12).nullable().optional().describe('综合能耗 (吨标准煤)'),
  patents: z.number().int().min(0).max(1e7).nullable().optional(),
  exportWan: money('出口额').nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(30)).max(30).optional(),
};

export const EnterpriseCreateSchema = z.strictObject(EnterpriseWriteFields);
export type EnterpriseCreate = z.infer<typeof EnterpriseCreateSchema>;

export const EnterpriseUpdateSchema = EnterpriseCreateSchema.partial().extend({
  version: z.number().int().min(1).optional().describe('The version read; a stale one is refused with 409'),
});
export type EnterpriseUpdate = z.infer<typeof EnterpriseUpdateSchema>;

export const HistorySchema = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      at: z.string(),
      actorName: z.string(),
      action: z.string(),
      changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
    }),
  ),
});

export const IdParamsSchema = z.strictObject({ id: z.string().max(100).describe('Enterprise id (a UUID; anything else is not found)') });

export const SummarySchema = z.object({
  total: z.number(),
  aboveScaleCount: z.number().describe('规上 enterprises'),
  tagCounts: z.record(z.string(), z.number()),
  byDivision: z.array(z.object({ code: z.string(), name: z.string(), count: z.number(), aboveScaleCount: z.number() })).describe('By county-level division'),
  byIndustry: z.array(z.object({ code: z.string(), name: z.string(), count: z.number() })).describe('By GB/T 4754 大类'),
  bySizeClass: z.array(z.object({ sizeClass: z.enum(SIZE_CLASSES).nullable(), count: z.number() })),
});

const figure = (label: string, max = 1e12) => z.number().finite().min(0).max(max).nullable().describe(label);

export const IndicatorsInputSchema = z.strictObject({
  employees: z.number().int().min(0).max(10_000_000).nullable().describe('从业人员 (人)'),
  revenueWan: figure('营业收入 (万元)'),
  mainBusinessRevenueWan: figure('主营业务收入 (万元)'),
  assetsWan: figure('资产总额 (万元)'),
  rdExpenseWan: figure('研发费用 (万元)'),
  taxWan: figure('税收 (万元)'),
  landMu: figure('用地 (亩)', 1e9),
  energyTce: figure('综合能耗 (吨标准煤)'),
  patents: z.number().int().min(0).max(1e7).nullable().describe('有效专利 (件)'),
  exportWan: figure('出口额 (万元)'),
});
export type IndicatorsInput = z.infer<typeof IndicatorsInputSchema>;

export const IndicatorsParamsSchema = z.strictObject({
  id: z.string().max(100),
  year: z.coerce.number().int().min(1949).max(2100).describe('The year the figures are for'),
});
