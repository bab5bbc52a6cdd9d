/**
 * API shapes of writing the catalogue (zod): documents, items and their versions, the rule check,
 * the preview, publishing, and full re-match runs. Isomorphic: the web app imports the types.
 */
import { z } from 'zod';
import { IsoDateSchema, POLICY_LEVEL_VALUES, VERIFICATION_VALUES } from './policies.schemas.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const DIVISION = /^\d{6}(\d{3})?$|^\d{6}-[A-Z]{2}$/;
/** JsonLogic: an object with one operator (or a constant); its meaning is checked by the service. */
const JsonLogicSchema = z.union([z.record(z.string(), z.unknown()), z.number(), z.boolean()]);
/** A benefit formula: a number of 万元 or JsonLogic arithmetic. */
const FormulaSchema = z.union([z.record(z.string(), z.unknown()), z.number()]);

/** The fields of a document an author writes (create takes them all, an edit any of them). */
const documentFields = {
  title: text(300).describe('政策文件标题'),
  issuer: text(200).describe('发文机关'),
  level: z.enum(POLICY_LEVEL_VALUES).describe('national 国家, province 省, city 市, district 区'),
  divisionCode: z.string().regex(DIVISION).nullable().optional().describe('For a district measure: its division or zone (410105)'),
  documentNumber: text(100).nullable().optional().describe('文号'),
  publishedOn: IsoDateSchema.nullable().optional(),
  validFrom: IsoDateSchema.nullable().optional(),
  validTo: IsoDateSchema.nullable().optional().describe('Last day in force, inclusive'),
  sourceUrl: z.url({ protocol: /^https?$/ }).describe('Where the document was read'),
  sourceNote: text(500).nullable().optional(),
  fullText: z.string().max(200_000).nullable().optional().describe('The full text of the document'),
};
const FileIdsSchema = z.array(z.uuid()).max(20);

export const PolicyDocumentCreateSchema = z.strictObject({
  ...documentFields,
  attachmentIds: FileIdsSchema.default([]).describe('Files you uploaded (POST /api/v1/files) to attach: the original PDF/OFD/DOCX of the 文件'),
});
export type PolicyDocumentCreate = z.input<typeof PolicyDocumentCreateSchema>;

/** An edit of a document: any of its fields; a level or division only while it has no item. */
export const PolicyDocumentUpdateSchema = z
  .strictObject({
    title: documentFields.title.optional(),
    issuer: documentFields.issuer.optional(),
    level: documentFields.level.optional(),
    divisionCode: documentFields.divisionCode,
    documentNumber: documentFields.documentNumber,
    publishedOn: documentFields.publishedOn,
    validFrom: documentFields.validFrom,
    validTo: documentFields.validTo,
    sourceUrl: documentFields.sourceUrl.optional(),
    sourceNote: documentFields.sourceNote,
    fullText: documentFields.fullText,
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'nothing to change' });
export type PolicyDocumentUpdate = z.infer<typeof PolicyDocumentUpdateSchema>;

export const PolicyDocumentAttachSchema = z.strictObject({
  fileIds: FileIdsSchema.min(1).describe('Files you uploaded (POST /api/v1/files) and have not attached yet'),
});
export const DocumentParamsSchema = z.strictObject({ id: z.string().min(1).max(80).describe('Document id') });
export const DocumentFileParamsSchema = z.strictObject({ id: z.string().min(1).max(80).describe('Document id'), fileId: z.uuid() });

/** A file of a document, with the link that downloads it (public once an item of the document is published). */
export const PolicyDocumentFileSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  mime: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
  url: z.string().describe('Download link: /api/v1/public/policy-documents/{id}/files/{fileId} when the document is public, else /api/v1/files/{fileId} (signed in)'),
});
export type PolicyDocumentFile = z.infer<typeof PolicyDocumentFileSchema>;

export const PolicyDocumentSchema = z.object({
  id: z.string(),
  title: z.string(),
  issuer: z.string(),
  level: z.enum(POLICY_LEVEL_VALUES),
  divisionCode: z.string().nullable(),
  documentNumber: z.string().nullable(),
  publishedOn: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  sourceUrl: z.string(),
  sourceNote: z.string().nullable(),
  hasFullText: z.boolean(),
  isPublic: z.boolean().describe('An item of it is published: the document and its files are public'),
  canWrite: z.boolean().describe('Whether you may edit it and write its items'),
  attachments: z.array(PolicyDocumentFileSchema),
  updatedAt: z.string(),
});
export type PolicyDocument = z.infer<typeof PolicyDocumentSchema>;
/** A document as the list shows it: with the number of its items the caller may see. */
export const PolicyDocumentSummarySchema = PolicyDocumentSchema.extend({
  itemCount: z.number().int().min(0).describe('Its items you may see: the published ones, or all of them when you may write it'),
});
export type PolicyDocumentSummary = z.infer<typeof PolicyDocumentSummarySchema>;
export const PolicyDocumentListSchema = z.object({ items: z.array(PolicyDocumentSummarySchema) });

export const PolicyDocumentDetailSchema = PolicyDocumentSchema.extend({
  fullText: z.string().nullable(),
  items: z.array(z.object({ id: z.string(), title: z.string().describe('Title of its newest version'), state: z.enum(['draft', 'published', 'withdrawn']) })).describe('Its items you may see'),
});
export type PolicyDocumentDetail = z.infer<typeof PolicyDocumentDetailSchema>;

/** What one version of an item holds: a changed rule, formula or window is a new version. */
export const PolicyItemVersionInputSchema = z.strictObject({
  title: text(200).describe('奖补事项名称'),
  effectiveFrom: IsoDateSchema.nullable().optional().describe('First day this version applies; null or absent: from the item’s start'),
  validFrom: IsoDateSchema.nullable().optional().describe('First day the item is in force (null when unknown: then 待核实)'),
  validTo: IsoDateSchema.nullable().optional().describe('Last day in force, inclusive'),
  article: text(20_000).describe('The clause (条款) the rule encodes'),
  eligibility: JsonLogicSchema.describe('The eligibility rule: JsonLogic over the fields of GET /api/v1/public/policy-items'),
  benefit: FormulaSchema.nullable().optional().describe('JsonLogic arithmetic giving 万元; null when it cannot be estimated'),
  benefitCapWan: z.number().finite().min(0).nullable().optional().describe('The most per enterprise (万元)'),
  benefitNote: z.string().trim().max(2000).optional().describe('How the benefit is estimated'),
  applicationOpensOn: IsoDateSchema.nullable().optional(),
  applicationClosesOn: IsoDateSchema.nullable().optional(),
  budgetWan: z.number().finite().min(0).nullable().optional().describe('Budget (万元)'),
  exemptFromApplication: z.boolean().default(false).describe('免申即享'),
  applicationNote: z.string().trim().max(2000).nullable().optional(),
  unencodedConditions: z.array(text(500)).max(50).default([]),
  verification: z.enum(VERIFICATION_VALUES).default('待核实'),
  verificationNote: z.string().trim().max(2000).optional(),
});
export type PolicyItemVersionInput = z.input<typeof PolicyItemVersionInputSchema>;

export const PolicyItemCreateSchema = PolicyItemVersionInputSchema.extend({
  documentId: z.string().min(1).max(80),
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case id').max(80).optional().describe('Stable id; generated when absent'),
});
export type PolicyItemCreate = z.input<typeof PolicyItemCreateSchema>;

export const PolicyPublishSchema = z.strictObject({
  version: z.number().int().min(1).optional().describe('The version to publish; the newest when absent'),
});

export const PolicyItemVersionSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  effectiveFrom: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  article: z.string(),
  eligibility: z.unknown(),
  benefit: z.unknown().nullable(),
  benefitCapWan: z.number().nullable(),
  benefitNote: z.string(),
  applicationOpensOn: z.string().nullable(),
  applicationClosesOn: z.string().nullable(),
  budgetWan: z.number().nullable(),
  exemptFromApplication: z.boolean(),
  applicationNote: z.string().nullable(),
  unencodedConditions: z.array(z.string()),
  verification: z.enum(VERIFICATION_VALUES),
  verificationNote: z.string(),
  createdAt: z.string(),
  publishedAt: z.string().nullable().describe('Null while a draft'),
});
export type PolicyItemVersion = z.infer<typeof PolicyItemVersionSchema>;

export const PolicyItemVersionsSchema = z.object({
  id: z.string(),
  state: z.enum(['draft', 'published', 'withdrawn']),
  document: PolicyDocumentSchema,
  canWrite: z.boolean().describe('Whether you may save versions of it, publish and withdraw it'),
  versions: z.array(PolicyItemVersionSchema).describe('Oldest first'),
});
export type PolicyItemVersions = z.infer<typeof PolicyItemVersionsSchema>;

export const PolicyDraftListSchema = z.object({
  items: z.array(z.object({ id: z.string(), title: z.string(), documentTitle: z.string(), level: z.enum(POLICY_LEVEL_VALUES), version: z.number().int(), createdAt: z.string() })),
});

/** A rule to check or preview before saving. */
export const PolicyRuleInputSchema = z.strictObject({
  level: z.enum(POLICY_LEVEL_VALUES).default('city'),
  divisionCode: z.string().regex(DIVISION).nullable().optional(),
  eligibility: JsonLogicSchema,
  benefit: FormulaSchema.nullable().optional(),
  benefitCapWan: z.number().finite().min(0).nullable().optional(),
});
export type PolicyRuleInput = z.input<typeof PolicyRuleInputSchema>;

export const PolicyRuleIssueSchema = z.object({ path: z.string(), code: z.string(), message: z.string() });
export const PolicyRuleCheckSchema = z.object({ valid: z.boolean(), issues: z.array(PolicyRuleIssueSchema) });

export const PolicyPreviewSchema = z.object({
  asOf: z.string(),
  eligibleCount: z.number().int().describe('Enterprises in your scope the rule matches now'),
  scopeCount: z.number().int().describe('Enterprises in your scope'),
  totalBenefitWan: z.number().nullable(),
  benefitErrors: z.object({ negative: z.number().int(), notNumeric: z.number().int() }),
  sample: z.array(z.object({
    enterpriseId: z.string(),
    name: z.string(),
    divisionName: z.string().nullable(),
    industryCode: z.string(),
    employees: z.number().nullable(),
    revenueWan: z.number().nullable(),
    rdExpenseWan: z.number().nullable(),
    tags: z.array(z.string()),
    benefitWan: z.number().nullable(),
  })).describe('Up to 20 of them, the largest estimated benefit first'),
});
export type PolicyPreview = z.infer<typeof PolicyPreviewSchema>;

export const PolicyMatchRunSchema = z.object({
  id: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  stage: z.string().describe('queued, reading (the registry), matching, done'),
  done: z.number().int(),
  total: z.number().int(),
  percent: z.number().describe('0–100'),
  enterprises: z.number().int().nullable(),
  items: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  error: z.string().nullable(),
  requestedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type PolicyMatchRun = z.infer<typeof PolicyMatchRunSchema>;
export const PolicyMatchRunListSchema = z.object({ items: z.array(PolicyMatchRunSchema) });
export const RunParamsSchema = z.strictObject({ id: z.uuid() });
