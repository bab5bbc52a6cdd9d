import { pgTable, uuid, text, timestamp, integer, boolean, index, date, numeric, jsonb, uniqueIndex, doublePrecision } from 'drizzle-orm/pg-core';

const wan = () => numeric({ precision: 16, scale: 2, mode: 'number' });

export const POLICY_DOCUMENT_LEVELS = ['national', 'province', 'city', 'district'] as const;
export const POLICY_ITEM_STATES = ['draft', 'published', 'withdrawn'] as const;
export const POLICY_VERIFICATIONS = ['confirmed', '待核实'] as const;
export const POLICY_MATCH_RUN_STATES = ['queued', 'running', 'done', 'failed'] as const;

/** A policy document (政策文件): who issued it, at which level, its 文号, dates and text. */
export const policyDocuments = pgTable(
  'policy_documents',
  {
    /** Stable id: kebab-case for the starter catalogue's documents, a UUID for documents created in the app. */
    id: text().primaryKey(),
    title: text().notNull(),
    issuer: text().notNull(),
    level: text({ enum: POLICY_DOCUMENT_LEVELS }).notNull(),
    /** For a district measure: the GB/T 2260 division or zone (410105, 410100-ZD). */
    divisionCode: text(),
    /** 文号; null when it could not be confirmed. */
    documentNumber: text(),
    publishedOn: date({ mode: 'string' }),
    validFrom: date({ mode: 'string' }),
    /** Last day in force, inclusive. */
    validTo: date({ mode: 'string' }),
    sourceUrl: text().notNull(),
    sourceNote: text(),
    fullText: text(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('policy_documents_level_division_idx').on(t.level, t.divisionCode)],
);

/** An item (奖补事项) of a document; what it asks and gives lives in its versions. */
export const policyItems = pgTable(
  'policy_items',
  {
    /** Stable kebab-case id (cn-hnte-income-tax-15). */
    id: text().primaryKey(),
    documentId: text()
      .notNull()
      .references(() => policyDocuments.id),
    /** draft until a version is published; withdrawn items are matched by no date. */
    state: text({ enum: POLICY_ITEM_STATES }).notNull().default('draft'),
    /** Place in the catalogue's order. */
    sortOrder: integer().notNull().default(0),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('policy_items_document_idx').on(t.documentId)],
);

/** One version of an item: a changed rule, formula or window is a new version with its effective date. */
export const policyItemVersions = pgTable(
  'policy_item_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    itemId: text()
      .notNull()
      .references(() => policyItems.id),
    version: integer().notNull(),
    title: text().notNull(),
    /** First day this version applies; null: from the item's start. */
    effectiveFrom: date({ mode: 'string' }),
    validFrom: date({ mode: 'string' }),
    validTo: date({ mode: 'string' }),
    article: text().notNull(),
    /** JsonLogic over the registry's rule fields. */
    eligibility: jsonb().notNull(),
    /** JsonLogic arithmetic giving 万元, or null when it cannot be estimated. */
    benefit: jsonb(),
    benefitCapWan: doublePrecision(),
    benefitNote: text().notNull(),
    applicationOpensOn: date({ mode: 'string' }),
    applicationClosesOn: date({ mode: 'string' }),
    budgetWan: wan(),
    exemptFromApplication: boolean().notNull().default(false),
    applicationNote: text(),
    unencodedConditions: jsonb().$type<string[]>().notNull(),
    verification: text({ enum: POLICY_VERIFICATIONS }).notNull(),
    verificationNote: text().notNull(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Null while the version is a draft. */
    publishedAt: timestamp({ withTimezone: true }),
    publishedBy: uuid(),
  },
  (t) => [uniqueIndex('policy_item_versions_item_version_key').on(t.itemId, t.version)],
);

/** A full re-match of every item against the registry, run as a job, with its progress. */
export const policyMatchRuns = pgTable(
  'policy_match_runs',
  {
    id: uuid().primaryKey().defaultRandom(),
    state: text({ enum: POLICY_MATCH_RUN_STATES }).notNull().default('queued'),
    /** reading | matching | done */
    stage: text().notNull().default('queued'),
    done: integer().notNull().default(0),
    total: integer().notNull().default(0),
    enterprises: integer(),
    items: integer(),
    durationMs: integer(),
    error: text(),
    requestedBy: uuid(),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('policy_match_runs_requested_idx').on(t.requestedAt)],
);
