import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, integer, boolean, index, date, jsonb, bigserial, bigint, smallint, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import { DEPARTMENT_KINDS, LIAISON_LEVELS, RATINGS, REMINDER_KINDS, REQUEST_SOURCES, REQUEST_STATES, RETURN_TARGETS, URGENCIES, type StoredAttachment } from './service.constants.ts';


/** 承办单位: the departments requests are dispatched to. */
export const serviceDepartments = pgTable(
  'service_departments',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull().unique('service_departments_name_key'),
    kind: text({ enum: DEPARTMENT_KINDS }).notNull(),
    /** The jurisdiction the department serves (GB/T 2260 division or zone code). */
    jurisdictionCode: text().notNull(),
    isActive: boolean().notNull().default(true),
    isDemo: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('service_departments_jurisdiction_idx').on(t.jurisdictionCode)],
);

/** Which department a user with role `department` acts for (one department per user). */
export const serviceDepartmentMembers = pgTable('service_department_members', {
  userId: uuid().primaryKey(),
  departmentId: uuid()
    .notNull()
    .references(() => serviceDepartments.id, { onDelete: 'cascade' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** 要素保障 categories with the working days allowed per urgency; admins edit them. */
export const serviceCategories = pgTable('service_categories', {
  code: text().primaryKey(),
  nameZh: text().notNull(),
  nameEn: text().notNull(),
  sortOrder: smallint().notNull().default(0),
  normalDays: smallint().notNull(),
  urgentDays: smallint().notNull(),
  criticalDays: smallint().notNull(),
  isActive: boolean().notNull().default(true),
});

/** 包联: an officer looks after an enterprise at city, district or street level. */
export const serviceLiaisons = pgTable(
  'service_liaisons',
  {
    id: uuid().primaryKey().defaultRandom(),
    officerId: uuid().notNull(),
    officerName: text().notNull(),
    enterpriseId: uuid().notNull(),
    enterpriseName: text().notNull(),
    /** The enterprise's division, copied for scoping. */
    divisionCode: text().notNull(),
    level: text({ enum: LIAISON_LEVELS }).notNull(),
    since: date({ mode: 'string' }).notNull(),
    until: date({ mode: 'string' }),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('service_liaisons_enterprise_idx').on(t.enterpriseId),
    index('service_liaisons_officer_idx').on(t.officerId),
    index('service_liaisons_division_idx').using('btree', t.divisionCode.op('text_pattern_ops')),
  ],
);

/** 走访: a visit by an officer to an enterprise. */
export const serviceVisits = pgTable(
  'service_visits',
  {
    id: uuid().primaryKey().defaultRandom(),
    officerId: uuid().notNull(),
    officerName: text().notNull(),
    enterpriseId: uuid().notNull(),
    enterpriseName: text().notNull(),
    divisionCode: text().notNull(),
    visitedOn: date({ mode: 'string' }).notNull(),
    peopleMet: text().notNull(),
    situation: text().notNull(),
    /** Photos and files, kept by the files module (owner `service_visit`); a copy of their names here. */
    attachments: jsonb().$type<StoredAttachment[]>().notNull().default(sql`'[]'::jsonb`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('service_visits_enterprise_idx').on(t.enterpriseId, t.visitedOn),
    index('service_visits_officer_idx').on(t.officerId, t.visitedOn),
    index('service_visits_division_idx').using('btree', t.divisionCode.op('text_pattern_ops')),
  ],
);

/** 诉求: a problem an enterprise raised, with its life cycle and its clock. */
export const serviceRequests = pgTable(
  'service_requests',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** A short running number people can quote on the phone. */
    serial: bigserial({ mode: 'number' }).notNull().unique('service_requests_serial_key'),
    enterpriseId: uuid().notNull(),
    enterpriseName: text().notNull(),
    /** The enterprise's division, copied at creation so scoping needs no join. */
    divisionCode: text().notNull(),
    category: text()
      .notNull()
      .references(() => serviceCategories.code),
    urgency: text({ enum: URGENCIES }).notNull(),
    title: text().notNull(),
    description: text().notNull(),
    source: text({ enum: REQUEST_SOURCES }).notNull(),
    visitId: uuid(),
    /** Files kept by the files module (owner `service_request`); a copy of their names here. */
    attachments: jsonb().$type<StoredAttachment[]>().notNull().default(sql`'[]'::jsonb`),
    state: text({ enum: REQUEST_STATES }).notNull(),
    returnedTo: text({ enum: RETURN_TARGETS }),
    leadDepartmentId: uuid().references(() => serviceDepartments.id),
    coHandlerIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    reply: text(),
    /** When the clock started (submission, or the last reopening). */
    clockStartedAt: timestamp({ withTimezone: true }).notNull(),
    /** Working days allowed from clockStartedAt (category × urgency at the time). */
    allowedDays: smallint().notNull(),
    /** clockStartedAt + allowedDays working days + paused working time; recomputed when the clock changes. */
    dueAt: timestamp({ withTimezone: true }).notNull(),
    pausedSince: timestamp({ withTimezone: true }),
    /** Working milliseconds spent waiting on the enterprise, which do not count against the limit. */
    pausedWorkingMs: bigint({ mode: 'number' }).notNull().default(0),
    reopenCount: smallint().notNull().default(0),
    /** 0: district; 1: city (after an overdue escalation or the reopen limit); more: further escalations. */
    escalationLevel: smallint().notNull().default(0),
    isOverdue: boolean().notNull().default(false),
    overdueAt: timestamp({ withTimezone: true }),
    mergedIntoId: uuid(),
    resolvedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    /** Whether the last resolution came within the limit (null until resolved). */
    resolvedOnTime: boolean(),
    latestRating: text({ enum: RATINGS }),
    isDemo: boolean().notNull().default(false),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('service_requests_division_idx').using('btree', t.divisionCode.op('text_pattern_ops')),
    index('service_requests_enterprise_idx').on(t.enterpriseId, t.createdAt),
    index('service_requests_lead_department_idx').on(t.leadDepartmentId, t.state),
    index('service_requests_co_handlers_idx').using('gin', t.coHandlerIds),
    index('service_requests_state_created_idx').on(t.state, t.createdAt),
    index('service_requests_created_idx').on(t.createdAt.desc(), t.id),
    index('service_requests_due_idx').on(t.dueAt).where(sql`${t.state} in ('submitted', 'accepted', 'dispatched', 'in_progress', 'returned')`),
  ],
);

/** Every transition of a request: from, to, who, the reason or reply, when. */
export const serviceRequestEvents = pgTable(
  'service_request_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    requestId: uuid()
      .notNull()
      .references(() => serviceRequests.id, { onDelete: 'cascade' }),
    action: text().notNull(),
    fromState: text({ enum: REQUEST_STATES }),
    toState: text({ enum: REQUEST_STATES }).notNull(),
    actorId: uuid(),
    actorName: text().notNull(),
    actorRole: text().notNull(),
    note: text(),
    details: jsonb(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('service_request_events_request_idx').on(t.requestId, t.at)],
);

/** The enterprise's verdict on a resolution (one per round). */
export const serviceRatings = pgTable(
  'service_ratings',
  {
    requestId: uuid()
      .notNull()
      .references(() => serviceRequests.id, { onDelete: 'cascade' }),
    round: smallint().notNull(),
    rating: text({ enum: RATINGS }).notNull(),
    comment: text(),
    departmentId: uuid(),
    ratedBy: uuid().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.round] }), index('service_ratings_department_idx').on(t.departmentId)],
);

/** Reminders the deadline sweep wrote; unique per request, kind and deadline so a sweep never writes one twice. */
export const serviceReminders = pgTable(
  'service_reminders',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    requestId: uuid()
      .notNull()
      .references(() => serviceRequests.id, { onDelete: 'cascade' }),
    kind: text({ enum: REMINDER_KINDS }).notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    /** The department (or, when none, the district officials) the reminder is for. */
    departmentId: uuid(),
    divisionCode: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('service_reminders_once_idx').on(t.requestId, t.kind, t.dueAt), index('service_reminders_at_idx').on(t.at)],
);

/** 走访计划: how many visits an officer plans in a quarter (completion = visits recorded in it). */
export const serviceVisitPlans = pgTable(
  'service_visit_plans',
  {
    officerId: uuid().notNull(),
    /** e.g. 2026-Q4 */
    quarter: text().notNull(),
    officerName: text().notNull(),
    /** The officer's jurisdiction, for scoping who may see and set the plan. */
    jurisdictionCode: text().notNull(),
    plannedVisits: smallint().notNull(),
    updatedBy: uuid().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.officerId, t.quarter] }), index('service_visit_plans_jurisdiction_idx').using('btree', t.jurisdictionCode.op('text_pattern_ops'))],
);
