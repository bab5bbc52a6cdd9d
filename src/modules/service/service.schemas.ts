import { z } from 'zod';
import {
  DEPARTMENT_KINDS, LIAISON_LEVELS, RATINGS, REQUEST_ACTIONS, REQUEST_SOURCES, REQUEST_STATES, RETURN_TARGETS, URGENCIES,
} from './service.constants.ts';

/** API shapes of the service desk (万人助万企); isomorphic, so the web app imports them too. */

const csv = z
  .string()
  .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
  .or(z.array(z.string()));

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const IdParamsSchema = z.strictObject({ id: z.uuid() });

/** An attached file (stored by the files module; download at `GET /api/v1/files/:id`). */
export const AttachmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.string(),
  sizeBytes: z.number(),
});
const fileIds = (max: number) =>
  z.array(z.uuid()).max(max).default([]).describe(`Up to ${max} files you uploaded with POST /api/v1/files (PDF, images, Office files), attached to this record`);

export const CategorySchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  sortOrder: z.number(),
  normalDays: z.number().describe('Working days allowed for a normal request'),
  urgentDays: z.number(),
  criticalDays: z.number(),
  isActive: z.boolean(),
});
export const CategoryListSchema = z.object({ items: z.array(CategorySchema) });
export const CategoryParamsSchema = z.strictObject({ code: z.string().regex(/^[a-z_]{2,30}$/) });
export const CategoryUpdateSchema = z.strictObject({
  nameZh: text(20).optional(),
  nameEn: text(60).optional(),
  sortOrder: z.number().int().min(0).max(999).optional(),
  normalDays: z.number().int().min(1).max(120).optional(),
  urgentDays: z.number().int().min(1).max(120).optional(),
  criticalDays: z.number().int().min(1).max(120).optional(),
  isActive: z.boolean().optional(),
});
export const CategoryCreateSchema = CategoryUpdateSchema.required({ nameZh: true, nameEn: true, normalDays: true, urgentDays: true, criticalDays: true }).extend({
  code: z.string().regex(/^[a-z_]{2,30}$/).describe('Lower-case key, e.g. land'),
});

export const DepartmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(DEPARTMENT_KINDS),
  jurisdictionCode: z.string(),
  isActive: z.boolean(),
  memberCount: z.number(),
});
export const DepartmentListSchema = z.object({ items: z.array(DepartmentSchema) });
export const DepartmentCreateSchema = z.strictObject({
  name: text(100),
  kind: z.enum(DEPARTMENT_KINDS),
  jurisdictionCode: text(20).describe('Division or zone code the department serves'),
});
export const DepartmentMemberBodySchema = z.strictObject({ userId: z.uuid().describe('A user with role department') });

export const RequestListItemSchema = z.object({
  id: z.string(),
  serial: z.number().describe('Running number people can quote'),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  category: z.string(),
  categoryName: z.string(),
  urgency: z.enum(URGENCIES),
  title: z.string(),
  source: z.enum(REQUEST_SOURCES),
  state: z.enum(REQUEST_STATES),
  returnedTo: z.enum(RETURN_TARGETS).nullable(),
  leadDepartmentId: z.string().nullable(),
  leadDepartmentName: z.string().nullable(),
  dueAt: z.string(),
  isPaused: z.boolean().describe('Waiting on the enterprise: the clock stands still'),
  isOverdue: z.boolean(),
  reopenCount: z.number(),
  escalationLevel: z.number().describe('0 district, 1 city, higher: further escalations'),
  latestRating: z.enum(RATINGS).nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});

export const RequestEventSchema = z.object({
  id: z.number(),
  action: z.string(),
  fromState: z.enum(REQUEST_STATES).nullable(),
  toState: z.enum(REQUEST_STATES),
  actorName: z.string(),
  actorRole: z.string(),
  note: z.string().nullable(),
  details: z.unknown(),
  at: z.string(),
});

export const RequestDetailSchema = RequestListItemSchema.extend({
  description: z.string(),
  visitId: z.string().nullable(),
  attachments: z.array(AttachmentSchema),
  coHandlers: z.array(z.object({ id: z.string(), name: z.string() })),
  reply: z.string().nullable(),
  clockStartedAt: z.string(),
  allowedDays: z.number(),
  remainingWorkingHours: z.number().describe('Working hours left before the deadline (negative when overdue)'),
  mergedIntoId: z.string().nullable(),
  version: z.number(),
  events: z.array(RequestEventSchema),
  ratings: z.array(z.object({ round: z.number(), rating: z.enum(RATINGS), comment: z.string().nullable(), at: z.string() })),
  availableActions: z.array(z.enum(REQUEST_ACTIONS)).describe('What the caller may do now'),
});

export const RequestPageSchema = z.object({
  items: z.array(RequestListItemSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const REQUEST_SORTS = ['-createdAt', 'createdAt', 'dueAt', '-dueAt'] as const;

export const RequestListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  state: csv.pipe(z.array(z.enum(REQUEST_STATES))).optional().describe('Comma-separated states'),
  category: z.string().trim().max(30).optional(),
  district: z.string().trim().max(20).optional().describe('Division or zone code; its whole subtree'),
  department: z.uuid().optional().describe('Lead department'),
  enterpriseId: z.uuid().optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  escalated: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  month: z.string().regex(/^\d{4}-\d{2}$/).optional().describe('Created in this month (YYYY-MM)'),
  q: z.string().trim().max(100).optional().describe('Words in the title'),
  sort: z.enum(REQUEST_SORTS).default('-createdAt'),
});
export type RequestListQuery = z.infer<typeof RequestListQuerySchema>;
export const RequestExportQuerySchema = RequestListQuerySchema.omit({ page: true, pageSize: true });

export const RequestCreateSchema = z.strictObject({
  enterpriseId: z.uuid().optional().describe('Required for officers; an enterprise user raises requests for its own enterprise'),
  category: z.string().regex(/^[a-z_]{2,30}$/),
  urgency: z.enum(URGENCIES).default('normal'),
  title: text(100),
  description: text(5000),
  visitId: z.uuid().optional().describe('The visit at which the problem was raised'),
  fileIds: fileIds(10),
});
export type RequestCreate = z.infer<typeof RequestCreateSchema>;

const note = z.string().trim().max(2000).optional();
export const TransitionBodySchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('accept'), note }),
  z.strictObject({ action: z.literal('dispatch'), leadDepartmentId: z.uuid(), coHandlerIds: z.array(z.uuid()).max(5).default([]), note }),
  z.strictObject({ action: z.literal('start'), note }),
  z.strictObject({ action: z.literal('return'), reason: z.string().max(2000) }),
  z.strictObject({ action: z.literal('resolve'), reply: z.string().max(5000) }),
  z.strictObject({ action: z.literal('await_enterprise'), reason: z.string().max(2000) }),
  z.strictObject({ action: z.literal('resume'), note }),
  z.strictObject({ action: z.literal('rate'), rating: z.enum(RATINGS), comment: z.string().trim().max(2000).optional() }),
  z.strictObject({ action: z.literal('archive'), note }),
  z.strictObject({ action: z.literal('merge'), targetId: z.uuid().describe('The request this one duplicates'), note }),
  z.strictObject({ action: z.literal('resubmit'), note, description: z.string().trim().min(1).max(5000).optional() }),
]);
export type TransitionBody = z.infer<typeof TransitionBodySchema>;

export const LiaisonSchema = z.object({
  id: z.string(),
  officerId: z.string(),
  officerName: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  divisionCode: z.string(),
  level: z.enum(LIAISON_LEVELS),
  since: z.string(),
  until: z.string().nullable(),
  isActive: z.boolean(),
});
export const LiaisonPageSchema = z.object({ items: z.array(LiaisonSchema), total: z.number(), page: z.number(), pageSize: z.number() });
export const LiaisonListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  enterpriseId: z.uuid().optional(),
  officerId: z.uuid().optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export const LiaisonCreateSchema = z.strictObject({
  officerId: z.uuid().describe('A city, district or street user'),
  enterpriseId: z.uuid(),
  level: z.enum(LIAISON_LEVELS),
  since: isoDate,
  until: isoDate.optional(),
});
export const LiaisonEndSchema = z.strictObject({ until: isoDate });
export const OfficerLoadSchema = z.object({
  items: z.array(z.object({ officerId: z.string(), officerName: z.string(), enterprises: z.number(), openRequests: z.number(), visitsThisQuarter: z.number() })),
});

export const VisitSchema = z.object({
  id: z.string(),
  officerId: z.string(),
  officerName: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  visitedOn: z.string(),
  peopleMet: z.string(),
  situation: z.string(),
  attachments: z.array(AttachmentSchema),
  requestIds: z.array(z.string()).describe('Requests raised at this visit'),
  createdAt: z.string(),
});
export const VisitPageSchema = z.object({ items: z.array(VisitSchema), total: z.number(), page: z.number(), pageSize: z.number() });
export const VisitListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  enterpriseId: z.uuid().optional(),
  officerId: z.uuid().optional(),
});
export const VisitCreateSchema = z.strictObject({
  enterpriseId: z.uuid(),
  visitedOn: isoDate,
  peopleMet: text(500).describe('走访对象: who the officer met'),
  situation: text(5000).describe('企业情况'),
  fileIds: fileIds(20),
  problems: z
    .array(z.strictObject({ category: z.string().regex(/^[a-z_]{2,30}$/), urgency: z.enum(URGENCIES).default('normal'), title: text(100), description: text(5000) }))
    .max(20)
    .default([])
    .describe('Problems raised: each becomes a request'),
});
export type VisitCreate = z.infer<typeof VisitCreateSchema>;

const countRow = z.object({ key: z.string(), name: z.string(), count: z.number() });
export const StatsQuerySchema = z.strictObject({
  district: z.string().trim().max(20).optional(),
  from: isoDate.optional().describe('Created on or after'),
  to: isoDate.optional().describe('Created on or before'),
});
export const StatsSchema = z.object({
  total: z.number(),
  open: z.number(),
  overdueOpen: z.number(),
  byState: z.array(countRow),
  byCategory: z.array(countRow),
  byDistrict: z.array(countRow),
  byDepartment: z.array(
    z.object({ key: z.string(), name: z.string(), count: z.number(), resolved: z.number(), onTimeRate: z.number().nullable(), satisfactionRate: z.number().nullable() }),
  ),
  onTimeRate: z.number().nullable().describe('Share of resolutions within the limit (percent)'),
  satisfactionRate: z.number().nullable().describe('Share of ratings 满意 or 基本满意 (percent)'),
  averageDaysToResolve: z.number().nullable(),
  oldestOpen: z.array(RequestListItemSchema),
  monthly: z.array(z.object({ month: z.string(), created: z.number(), resolved: z.number() })),
});

const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'YYYY-Q1…Q4');
export const VisitPlanBodySchema = z.strictObject({
  officerId: z.uuid().describe('A city, district or street user in your jurisdiction'),
  quarter,
  plannedVisits: z.number().int().min(0).max(500),
});
export const VisitPlanQuerySchema = z.strictObject({ quarter: quarter.optional().describe('Default: the current quarter (China time)') });
export const VisitPlanSchema = z.object({
  officerId: z.string(),
  officerName: z.string(),
  jurisdictionCode: z.string(),
  quarter: z.string(),
  plannedVisits: z.number(),
  doneVisits: z.number(),
  completionRate: z.number().nullable().describe('Visits recorded in the quarter over visits planned (percent); null when none planned'),
});
export const VisitPlanListSchema = z.object({ quarter: z.string(), items: z.array(VisitPlanSchema) });

export const ReminderQuerySchema = z.strictObject({ days: z.coerce.number().int().min(1).max(90).default(7) });
export const ReminderListSchema = z.object({
  items: z.array(z.object({
    id: z.number(), kind: z.enum(['due_soon', 'overdue']).describe('due_soon: due within one working day; overdue: past the limit and escalated'),
    dueAt: z.string(), at: z.string(), requestId: z.string(), serial: z.number(), title: z.string(), state: z.enum(REQUEST_STATES), enterpriseName: z.string(),
  })),
});
