/**
 * API shapes of 政策直达 (delivery): budgets and windows, applications and their reviews, 免申即享
 * lists and grants, the inbox, and the leaders' figures. Isomorphic: the web app imports the types.
 */
import { z } from 'zod';
import { BenefitSchema, ExplanationStepSchema, IsoDateSchema, MissSchema, PolicyItemRefSchema } from '../policies.schemas.ts';

export const APPLICATION_STATE_VALUES = ['submitted', 'district_approved', 'approved', 'returned', 'paid'] as const;
export const APPLICATION_ACTION_VALUES = ['district_approve', 'district_return', 'city_approve', 'city_return', 'resubmit', 'pay'] as const;
export const GRANT_SOURCE_VALUES = ['application', 'exempt'] as const;

const wan = z.number().finite().min(0).max(1e9);
const positiveWan = z.number().finite().gt(0).max(1e9);
const pageQuery = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const ItemIdParamsSchema = z.strictObject({ id: z.string().max(80).describe('Item id, e.g. zz-green-factory-award') });
export const UuidParamsSchema = z.strictObject({ id: z.uuid() });

export const FundingSchema = z.object({
  itemId: z.string(),
  version: z.number().int().describe('The version of the item in force today: its budget and window are the ones shown'),
  effectiveFrom: z.string().nullable().describe('First day that version applies (null: from the item’s start)'),
  budgetWan: z.number().nullable().describe('The budget (万元) of the version in force; null: none, nothing can be paid'),
  paidWan: z.number().describe('Paid so far (万元), under every version'),
  remainingWan: z.number().nullable().describe('What can still be paid (万元): never below 0'),
  overBudget: z.boolean().describe('The budget in force is below what has already been paid: nothing more can be paid'),
  applicationOpensOn: z.string().nullable().describe('First day applications are accepted (the item’s start when the version sets none)'),
  applicationClosesOn: z.string().nullable().describe('Last day applications are accepted, inclusive (the item’s end when the version sets none)'),
  windowOpen: z.boolean().describe('Whether applications are accepted today'),
  exemptFromApplication: z.boolean(),
  canEdit: z.boolean().describe('Whether you may publish a new version of the item (the way to change its budget or window)'),
});
export type Funding = z.infer<typeof FundingSchema>;

export const EnterpriseSnapshotSchema = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  industryCode: z.string(),
  employees: z.number().nullable(),
  revenueWan: z.number().nullable(),
  mainBusinessRevenueWan: z.number().nullable(),
  assetsWan: z.number().nullable(),
  rdExpenseWan: z.number().nullable(),
  taxWan: z.number().nullable(),
  tags: z.array(z.string()),
});
export type EnterpriseSnapshot = z.infer<typeof EnterpriseSnapshotSchema>;

/** What the application form is pre-filled with: the registry record and the match explanation. */
export const ApplicationFormSchema = z.object({
  item: PolicyItemRefSchema,
  funding: FundingSchema,
  enterprise: EnterpriseSnapshotSchema,
  matched: z.boolean().describe('Whether the rule matches the enterprise today'),
  benefit: BenefitSchema.nullable(),
  miss: MissSchema.nullable().describe('When it misses by one condition: that condition'),
  explanation: z.array(ExplanationStepSchema),
  existingApplicationId: z.uuid().nullable(),
});
export type ApplicationForm = z.infer<typeof ApplicationFormSchema>;

export const ApplicationCreateSchema = z.strictObject({
  itemId: z.string().min(1).max(80),
  requestedWan: wan.optional().describe('The amount applied for (万元); the estimate when absent'),
  note: z.string().trim().max(2000).optional(),
  attachmentIds: z.array(z.uuid()).max(10).optional().describe('Files uploaded with POST /api/v1/files'),
});
export type ApplicationCreate = z.infer<typeof ApplicationCreateSchema>;

export const ApplicationSchema = z.object({
  id: z.uuid(),
  itemId: z.string(),
  itemTitle: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  state: z.enum(APPLICATION_STATE_VALUES),
  matched: z.boolean(),
  requestedWan: z.number().nullable(),
  estimatedWan: z.number().nullable(),
  approvedWan: z.number().nullable(),
  paidWan: z.number().nullable(),
  note: z.string(),
  lastReason: z.string().nullable().describe('The reason of the last return'),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Application = z.infer<typeof ApplicationSchema>;

export const ApplicationEventSchema = z.object({
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  reason: z.string().nullable(),
  amountWan: z.number().nullable(),
  actorName: z.string(),
  actorRole: z.string(),
  at: z.string(),
});

export const AttachmentSchema = z.object({ id: z.uuid(), name: z.string(), mime: z.string(), sizeBytes: z.number(), sha256: z.string(), createdAt: z.string() });

export const ApplicationDetailSchema = ApplicationSchema.extend({
  form: z.object({ enterprise: EnterpriseSnapshotSchema, benefit: BenefitSchema.nullable(), explanation: z.array(ExplanationStepSchema) }),
  events: z.array(ApplicationEventSchema),
  attachments: z.array(AttachmentSchema),
  actions: z.array(z.enum(APPLICATION_ACTION_VALUES)).describe('What you may do now'),
  funding: FundingSchema,
});
export type ApplicationDetail = z.infer<typeof ApplicationDetailSchema>;

export const ApplicationListQuerySchema = z.strictObject({
  ...pageQuery,
  state: z.enum(APPLICATION_STATE_VALUES).optional(),
  itemId: z.string().max(80).optional(),
  division: z.string().regex(/^\d{6}(\d{3})?$/).optional().describe('A county or street code'),
  q: z.string().trim().max(50).optional().describe('Part of the enterprise name'),
});
export type ApplicationListQuery = z.infer<typeof ApplicationListQuerySchema>;

export const ApplicationPageSchema = z.object({ items: z.array(ApplicationSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type ApplicationPage = z.infer<typeof ApplicationPageSchema>;

export const ReviewBodySchema = z.strictObject({
  decision: z.enum(['approve', 'return']).describe('通过 or 退回: the district reviews submitted applications, the city decides district-approved ones'),
  reason: z.string().trim().max(1000).optional().describe('Required to return'),
  notEligible: z.boolean().optional().describe('On a return: the firm does not qualify (counts against the rule’s precision)'),
  approvedWan: positiveWan.optional().describe('City approval: the amount approved (万元); the requested amount when absent'),
  version: z.number().int().optional().describe('The version you saw; a stale one is 409'),
});
export type ReviewBody = z.infer<typeof ReviewBodySchema>;

export const ResubmitBodySchema = z.strictObject({
  note: z.string().trim().max(2000).optional(),
  requestedWan: wan.optional(),
  attachmentIds: z.array(z.uuid()).max(10).optional(),
});
export type ResubmitBody = z.infer<typeof ResubmitBodySchema>;

export const PayoutBodySchema = z.strictObject({
  amountWan: positiveWan.optional().describe('The amount paid (万元); the approved amount when absent'),
});
export type PayoutBody = z.infer<typeof PayoutBodySchema>;

export const EXEMPT_STATUS_VALUES = ['pending', 'excluded', 'granted', 'all'] as const;
export type ExemptStatus = (typeof EXEMPT_STATUS_VALUES)[number];

export const ExemptCandidateSchema = z.object({
  enterpriseId: z.string(),
  name: z.string(),
  creditCode: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  estimatedWan: z.number().nullable().describe('The estimated benefit (万元), null when the formula cannot estimate it'),
  status: z.enum(['pending', 'excluded', 'granted']).describe('pending: to be confirmed; excluded: left out by an earlier confirmation; granted: paid'),
  excludedReason: z.string().nullable().describe('Why an earlier confirmation left it out; not granted unless reinstated'),
});
export type ExemptCandidate = z.infer<typeof ExemptCandidateSchema>;

/** Which firms of the list: a county or street, and part of the name; the same filter selects what a confirmation grants. */
export const ExemptFilterSchema = z.strictObject({
  division: z.string().regex(/^\d{6}(\d{3})?$/).optional().describe('A county or street code (inside your jurisdiction)'),
  q: z.string().trim().min(1).max(50).optional().describe('Part of the name, or the start of the credit code'),
});
export type ExemptFilter = z.infer<typeof ExemptFilterSchema>;

export const ExemptListQuerySchema = ExemptFilterSchema.extend({
  ...pageQuery,
  status: z.enum(EXEMPT_STATUS_VALUES).default('pending').describe('Which rows to page through; every count below covers the whole filter'),
});
export type ExemptListQuery = z.infer<typeof ExemptListQuerySchema>;

export const ExemptListRecordSchema = z.object({
  id: z.uuid(),
  jurisdictionCode: z.string(),
  confirmedByName: z.string(),
  confirmedAt: z.string(),
  grantedCount: z.number().int(),
  excludedCount: z.number().int(),
  totalWan: z.number(),
  excluded: z.array(z.object({ enterpriseId: z.string(), enterpriseName: z.string(), reason: z.string() })),
});

const statusCount = z.object({ count: z.number().int(), totalWan: z.number().describe('Sum of the estimated benefits (万元)') });

export const ExemptListSchema = z.object({
  item: PolicyItemRefSchema,
  funding: FundingSchema,
  status: z.enum(EXEMPT_STATUS_VALUES),
  items: z.array(ExemptCandidateSchema).describe('One page of the firms of this status under the filter, the largest estimate first'),
  total: z.number().int().describe('Firms of this status under the filter'),
  totalWan: z.number().describe('Their estimated benefits (万元), the whole list, not the page'),
  page: z.number().int(),
  pageSize: z.number().int(),
  counts: z.object({ all: statusCount, pending: statusCount, excluded: statusCount, granted: statusCount }).describe('Under the filter'),
  divisions: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })).describe('The counties (streets, for a district) of the firms under the filter, to filter by'),
  selection: z.object({
    count: z.number().int().describe('The pending firms under the filter: what a confirmation with this filter grants, before exclusions'),
    totalWan: z.number(),
    unestimated: z.number().int().describe('Pending firms without an estimate: a confirmation needs an amount per firm for them'),
    checksum: z.string().describe('Send it back with the confirmation: a list that changed since is refused'),
  }),
  confirmations: z.array(ExemptListRecordSchema),
});
export type ExemptList = z.infer<typeof ExemptListSchema>;

export const ExemptConfirmSchema = z.strictObject({
  filter: ExemptFilterSchema.default({}).describe('The filter the list was read with: every pending firm it selects is granted, minus `excluded`'),
  expected: z.strictObject({
    count: z.number().int().min(0).describe('`selection.count` as read'),
    checksum: z.string().max(128).describe('`selection.checksum` as read'),
  }),
  excluded: z.array(z.strictObject({ enterpriseId: z.string().max(80), reason: z.string().trim().min(1).max(500) })).max(10000).default([]),
  amountWan: positiveWan.optional().describe('The amount per firm (万元) for firms whose benefit cannot be estimated'),
  reinstated: z.array(z.string().max(80)).max(10000).default([]).describe('Firms left out earlier (under the filter) that are granted now'),
});
export type ExemptConfirm = z.input<typeof ExemptConfirmSchema>;

export const GrantSchema = z.object({
  id: z.uuid(),
  itemId: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  source: z.enum(GRANT_SOURCE_VALUES),
  applicationId: z.uuid().nullable(),
  amountWan: z.number(),
  paidAt: z.string(),
});
export type Grant = z.infer<typeof GrantSchema>;

export const GrantListQuerySchema = z.strictObject({
  ...pageQuery,
  itemId: z.string().max(80).optional(),
  division: z.string().regex(/^\d{6}(\d{3})?$/).optional(),
  source: z.enum(GRANT_SOURCE_VALUES).optional(),
});
export type GrantListQuery = z.infer<typeof GrantListQuerySchema>;

export const GrantPageSchema = z.object({ items: z.array(GrantSchema), total: z.number().int(), totalWan: z.number(), page: z.number().int(), pageSize: z.number().int() });
export type GrantPage = z.infer<typeof GrantPageSchema>;

export const ExemptConfirmResultSchema = z.object({ listId: z.uuid(), grantedCount: z.number().int(), excludedCount: z.number().int(), totalWan: z.number(), funding: FundingSchema });
export type ExemptConfirmResult = z.infer<typeof ExemptConfirmResultSchema>;

export const InboxQuerySchema = z.strictObject({ ...pageQuery, unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional() });
export type InboxQuery = z.infer<typeof InboxQuerySchema>;

export const InboxEntrySchema = z.object({
  id: z.uuid(),
  itemId: z.string(),
  itemTitle: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  benefitWan: z.number().nullable(),
  exemptFromApplication: z.boolean(),
  createdAt: z.string(),
  read: z.boolean(),
  applicationId: z.uuid().nullable(),
  withdrawnAt: z.string().nullable().describe('When the firm stopped matching (已不符合) or the item stopped being in force; null while it matches'),
  withdrawnReason: z.enum(['unmatched', 'item_ended']).nullable(),
});
export type InboxEntry = z.infer<typeof InboxEntrySchema>;

export const InboxPageSchema = z.object({ items: z.array(InboxEntrySchema), total: z.number().int(), unread: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type InboxPage = z.infer<typeof InboxPageSchema>;
export const UnreadCountSchema = z.object({ unread: z.number().int() });

export const DeliveryStatsQuerySchema = z.strictObject({ itemId: z.string().max(80).optional().describe('Per district for one item; every item when absent') });
export type DeliveryStatsQuery = z.infer<typeof DeliveryStatsQuerySchema>;

const counts = {
  matched: z.number().int().describe('Eligible enterprises today'),
  notified: z.number().int().describe('Enterprises told (inbox)'),
  applied: z.number().int(),
  approved: z.number().int().describe('Approved by the city (paid or not) or granted without application'),
  paidCount: z.number().int(),
  paidWan: z.number(),
};

export const ItemStatsSchema = z.object({
  itemId: z.string(),
  title: z.string(),
  exemptFromApplication: z.boolean(),
  inForce: z.boolean(),
  ...counts,
  budgetWan: z.number().nullable(),
  budgetUsedPct: z.number().nullable().describe('Paid ÷ budget, in percent'),
  confirmed: z.number().int().describe('Matches officials confirmed'),
  rejected: z.number().int().describe('Matches officials rejected'),
  precision: z.number().nullable().describe('confirmed ÷ (confirmed + rejected), in percent; null before any verdict'),
  misses: z.number().int().describe('Approved applications the rule had not matched'),
  canEdit: z.boolean().describe('Whether you may publish a new version of the item (to change its budget or window)'),
});
export type ItemStats = z.infer<typeof ItemStatsSchema>;

export const DistrictStatsSchema = z.object({ code: z.string(), name: z.string(), ...counts });
export type DistrictStats = z.infer<typeof DistrictStatsSchema>;

export const DeliveryStatsSchema = z.object({
  asOf: z.string(),
  itemId: z.string().nullable(),
  items: z.array(ItemStatsSchema),
  districts: z.array(DistrictStatsSchema),
  totals: z.object({ ...counts, budgetWan: z.number(), confirmed: z.number().int(), rejected: z.number().int(), misses: z.number().int() }),
});
export type DeliveryStats = z.infer<typeof DeliveryStatsSchema>;

export const NoticeRunSchema = z.object({ created: z.number().int(), queued: z.number().int(), withdrawn: z.number().int(), sent: z.number().int() });
