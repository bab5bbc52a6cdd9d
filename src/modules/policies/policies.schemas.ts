/**
 * API shapes of 政策找企业 (zod): the catalogue, an item's matches, an enterprise's matches, the
 * public catalogue and the public calculator. Isomorphic: the web app imports the types.
 */
import { z } from 'zod';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isCalendarDay = (value: string): boolean => {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};
/** A calendar day written `YYYY-MM-DD`. */
export const IsoDateSchema = z.string().refine(isCalendarDay, { message: 'YYYY-MM-DD' });

export const POLICY_LEVEL_VALUES = ['national', 'province', 'city', 'district'] as const;
export const VERIFICATION_VALUES = ['confirmed', '待核实'] as const;
export const MATCH_KINDS = ['eligible', 'near-miss'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export const AsOfQuerySchema = z.strictObject({
  asOf: IsoDateSchema.optional().describe('The day items must be in force (YYYY-MM-DD); today by default'),
});

export const ItemParamsSchema = z.strictObject({ id: z.string().max(80).describe('Item id, e.g. zz-green-factory-award') });
export const EnterpriseParamsSchema = z.strictObject({ id: z.string().max(80).describe('Enterprise id') });

/** What an item's benefit formula gives for one enterprise (万元). */
export const BenefitSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('estimated'), amountWan: z.number(), capped: z.boolean().describe('The formula gave more than the cap') }),
  z.object({ kind: z.literal('not-estimable'), reason: z.string() }),
  z.object({ kind: z.literal('error'), code: z.string().describe('POLICIES_BENEFIT_NEGATIVE or POLICIES_BENEFIT_NOT_NUMERIC') }),
]);
export type Benefit = z.infer<typeof BenefitSchema>;

/** The values of one condition, shared by explanation steps and misses. */
const conditionValues = {
  actual: z.unknown().optional().describe('The value read from the enterprise'),
  actualLabel: z.string().optional().describe('The actual value in words, for a division, industry or size-class code in Chinese (中原区 (410102), C3670 汽车零部件及配件制造, 小型); absent in English and for a code not in the tables: show actual then'),
  required: z.unknown().optional().describe('What the rule asks for'),
  requiredLabel: z.string().optional().describe('The required value in words, named as in the label (金水区 (410105), [B 采矿业, C 制造业]); absent in English and for a code not in the tables: show required then'),
  gap: z.number().optional().describe('How far from passing, in the condition’s own unit'),
  relativeGap: z.number().optional(),
};

/** One node of an explanation, flattened in reading order (`depth` 0 is the whole rule). */
export const ExplanationStepSchema = z.object({
  depth: z.number().int(),
  op: z.string(),
  label: z.string().describe('The condition in words, with labels and units in the language asked (Accept-Language: zh-CN by default, or en-US)'),
  passed: z.boolean(),
  ...conditionValues,
});
export type ExplanationStep = z.infer<typeof ExplanationStepSchema>;

/** The condition an enterprise fails when it fails exactly one. */
export const MissSchema = z.object({
  condition: z.number().int().describe('Index of the failed condition in the rule’s top-level and'),
  label: z.string(),
  ...conditionValues,
});
export type Miss = z.infer<typeof MissSchema>;

/** An item as it is named beside a match. */
export const PolicyItemRefSchema = z.object({
  id: z.string(),
  title: z.string(),
  documentTitle: z.string(),
  documentNumber: z.string().nullable(),
  issuer: z.string(),
  level: z.enum(POLICY_LEVEL_VALUES),
  validTo: z.string().nullable(),
  exemptFromApplication: z.boolean(),
  verification: z.enum(VERIFICATION_VALUES),
  verificationNote: z.string(),
});
export type PolicyItemRef = z.infer<typeof PolicyItemRefSchema>;

export const PolicyItemSummarySchema = PolicyItemRefSchema.extend({
  divisionCode: z.string().nullable(),
  divisionName: z.string().nullable(),
  publishedOn: z.string().nullable(),
  validFrom: z.string().nullable(),
  inForce: z.boolean().describe('In force on asOf'),
  benefitCapWan: z.number().nullable(),
  benefitEstimable: z.boolean(),
  eligibleCount: z.number().int().nullable().describe('Eligible enterprises in your scope (null when not in force)'),
  nearMissCount: z.number().int().nullable().describe('Enterprises in your scope failing exactly one condition'),
  totalBenefitWan: z.number().nullable().describe('Estimated benefit of the eligible enterprises in your scope (万元); null when not estimable'),
  benefitErrorCount: z.number().int(),
  documentId: z.string().describe('The policy document'),
  version: z.number().int().describe('The version in force on asOf (or the first, when none is yet)'),
  effectiveFrom: z.string().nullable().describe('First day this version applies'),
  budgetWan: z.number().nullable().describe('Budget (万元)'),
  applicationOpensOn: z.string().nullable(),
  applicationClosesOn: z.string().nullable(),
});
export type PolicyItemSummary = z.infer<typeof PolicyItemSummarySchema>;

export const PolicyItemListSchema = z.object({
  asOf: z.string(),
  catalogueVersion: z.string(),
  items: z.array(PolicyItemSummarySchema),
});
export type PolicyItemList = z.infer<typeof PolicyItemListSchema>;

export const PolicyItemDetailSchema = PolicyItemSummarySchema.extend({
  article: z.string().describe('The clause (条款) the rule encodes'),
  sourceUrl: z.string(),
  sourceNote: z.string().nullable(),
  eligibility: z.unknown().describe('The rule (JsonLogic)'),
  ruleText: z.string().describe('The rule in words'),
  conditions: z.array(z.object({ index: z.number().int(), label: z.string() })),
  benefit: z.unknown().describe('The benefit formula (JsonLogic arithmetic giving 万元), or null'),
  benefitText: z.string().nullable(),
  benefitNote: z.string(),
  applicationNote: z.string().nullable(),
  unencodedConditions: z.array(z.string()),
  byDistrict: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })).describe('Eligible enterprises in your scope per county-level division'),
});
export type PolicyItemDetail = z.infer<typeof PolicyItemDetailSchema>;

export const PolicyMatchesQuerySchema = z.strictObject({
  asOf: IsoDateSchema.optional(),
  kind: z.enum(MATCH_KINDS).default('eligible'),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  division: z.string().regex(/^\d{6}(\d{3})?(-[A-Z]{2})?$/).optional().describe('A division or jurisdiction code (within your scope)'),
  q: z.string().trim().max(50).optional().describe('Part of the name or credit code'),
});
export type PolicyMatchesQuery = z.infer<typeof PolicyMatchesQuerySchema>;
export const PolicyMatchesExportQuerySchema = PolicyMatchesQuerySchema.omit({ page: true, pageSize: true });

export const PolicyMatchRowSchema = z.object({
  enterpriseId: z.string(),
  name: z.string(),
  creditCode: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  industryCode: z.string(),
  benefit: BenefitSchema,
  miss: MissSchema.nullable().describe('For near misses: the one failed condition'),
});
export type PolicyMatchRow = z.infer<typeof PolicyMatchRowSchema>;

export const PolicyMatchPageSchema = z.object({
  asOf: z.string(),
  kind: z.enum(MATCH_KINDS),
  items: z.array(PolicyMatchRowSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type PolicyMatchPage = z.infer<typeof PolicyMatchPageSchema>;

export const EnterpriseItemMatchSchema = z.object({
  item: PolicyItemRefSchema,
  benefit: BenefitSchema,
  explanation: z.array(ExplanationStepSchema),
});
export const EnterpriseItemNearMissSchema = z.object({
  item: PolicyItemRefSchema,
  miss: MissSchema,
  benefit: BenefitSchema.describe('What the item would give once the condition is met'),
  explanation: z.array(ExplanationStepSchema),
});
export type EnterpriseItemMatch = z.infer<typeof EnterpriseItemMatchSchema>;
export type EnterpriseItemNearMiss = z.infer<typeof EnterpriseItemNearMissSchema>;

export const EnterprisePolicyMatchesSchema = z.object({
  asOf: z.string(),
  enterpriseId: z.string(),
  name: z.string(),
  totalBenefitWan: z.number().describe('Sum of the estimated benefits of the items it qualifies for (万元)'),
  matches: z.array(EnterpriseItemMatchSchema),
  nearMisses: z.array(EnterpriseItemNearMissSchema),
});
export type EnterprisePolicyMatches = z.infer<typeof EnterprisePolicyMatchesSchema>;

/** A field a rule may read, with its label and unit in Chinese and in English. */
export const PolicyFieldSchema = z.object({
  name: z.string(),
  type: z.string(),
  label: z.string().nullable().describe('Label in Chinese (从业人员)'),
  labelEn: z.string().nullable().describe('Label in English (Employees)'),
  unit: z.string().nullable().describe('Unit in Chinese (万元)'),
  unitEn: z.string().nullable().describe('Unit in English (10k CNY)'),
  values: z.array(z.string()).nullable(),
});

export const PublicPolicyItemSchema = PolicyItemRefSchema.extend({
  divisionCode: z.string().nullable(),
  publishedOn: z.string().nullable(),
  validFrom: z.string().nullable(),
  inForce: z.boolean(),
  sourceUrl: z.string(),
  article: z.string(),
  eligibility: z.unknown().describe('The rule (JsonLogic over the fields listed)'),
  ruleText: z.string(),
  benefit: z.unknown().describe('The benefit formula (JsonLogic arithmetic, 万元), or null'),
  benefitText: z.string().nullable(),
  benefitCapWan: z.number().nullable(),
  benefitNote: z.string(),
  unencodedConditions: z.array(z.string()),
  version: z.number().int().describe('The version in force on asOf'),
  effectiveFrom: z.string().nullable().describe('First day this version applies (null: from the item’s start)'),
  documentId: z.string().describe('The policy document'),
  attachments: z.array(z.object({
    id: z.string(),
    name: z.string(),
    mime: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    createdAt: z.string(),
    url: z.string().describe('Public download link (no sign-in): /api/v1/public/policy-documents/{documentId}/files/{id}'),
  })).describe('The files of the document (the original PDF/OFD/DOCX of the 文件)'),
});
export type PublicPolicyItem = z.infer<typeof PublicPolicyItemSchema>;

export const PublicPolicyListSchema = z.object({
  asOf: z.string(),
  catalogueVersion: z.string(),
  fields: z.array(PolicyFieldSchema).describe('The fields a rule may read, with units and labels'),
  counties: z.array(z.object({ code: z.string(), name: z.string() })).describe('The county-level divisions of 郑州 (GB/T 2260), for divisionCode'),
  items: z.array(PublicPolicyItemSchema),
});
export type PublicPolicyList = z.infer<typeof PublicPolicyListSchema>;

const figure = (max: number) => z.number().finite().min(0).max(max).nullable().optional();

/** The figures of the 政策计算器: nothing here is stored. */
export const PolicyCalculatorInputSchema = z.strictObject({
  asOf: IsoDateSchema.optional(),
  divisionCode: z.string().regex(/^\d{6}(\d{3})?$/).describe('GB/T 2260 code of the county (6 digits) or street (9 digits)'),
  industryCode: z.string().trim().regex(/^[A-Ta-t]\d{2,4}$/).describe('GB/T 4754-2017 code, e.g. C3670'),
  foundedOn: IsoDateSchema.nullable().optional(),
  legalEntity: z.boolean().default(true),
  employees: z.number().int().min(0).max(10_000_000).nullable().optional(),
  revenueWan: figure(1e9),
  mainBusinessRevenueWan: figure(1e9),
  assetsWan: figure(1e9),
  rdExpenseWan: figure(1e9),
  taxWan: figure(1e9),
  landMu: figure(1e7),
  energyTce: figure(1e9),
  patents: z.number().int().min(0).max(1_000_000).nullable().optional(),
  exportWan: figure(1e9),
  tags: z.array(z.string().max(30)).max(20).default([]),
});
export type PolicyCalculatorInput = z.input<typeof PolicyCalculatorInputSchema>;

export const PolicyCalculatorResultSchema = z.object({
  asOf: z.string(),
  derived: z.object({ sizeClass: z.string().nullable(), aboveScale: z.boolean() }).describe('Size class (sme-size@2011) and 规上 (above-scale@2011) derived from the figures'),
  totalBenefitWan: z.number(),
  matches: z.array(EnterpriseItemMatchSchema),
  nearMisses: z.array(EnterpriseItemNearMissSchema),
});
export type PolicyCalculatorResult = z.infer<typeof PolicyCalculatorResultSchema>;
