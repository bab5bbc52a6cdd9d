import { sql } from 'drizzle-orm';
import {
  pgTable, uuid, text, timestamp, integer, boolean, index, date, numeric, primaryKey, jsonb, smallint,
} from 'drizzle-orm/pg-core';

const wan = () => numeric({ precision: 16, scale: 2, mode: 'number' });

export const SIZE_CLASSES = ['large', 'medium', 'small', 'micro'] as const;

export const enterprises = pgTable(
  'enterprises',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** 统一社会信用代码 (GB 32100-2015), normalised. */
    creditCode: text().notNull().unique('enterprises_credit_code_key'),
    name: text().notNull(),
    /** GB/T 2260 division: a street/town (9 digits) or a county-level unit (6 digits). */
    divisionCode: text().notNull(),
    /** GB/T 4754-2017 code with its section letter, e.g. C3670. */
    industryCode: text().notNull(),
    parkName: text(),
    address: text(),
    legalRepresentative: text(),
    contactName: text(),
    contactPhone: text(),
    foundedOn: date({ mode: 'string' }),
    legalEntity: boolean().notNull().default(true),
    // Latest figures (the newest yearly indicators), kept here for filters and matching.
    employees: integer(),
    revenueWan: wan(),
    mainBusinessRevenueWan: wan(),
    assetsWan: wan(),
    rdExpenseWan: wan(),
    taxWan: wan(),
    landMu: numeric({ precision: 12, scale: 2, mode: 'number' }),
    energyTce: numeric({ precision: 14, scale: 2, mode: 'number' }),
    patents: integer(),
    exportWan: wan(),
    // Derived on every write from the standards (sme-size@2011, above-scale@2011).
    sizeClass: text({ enum: SIZE_CLASSES }),
    aboveScale: boolean().notNull().default(false),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    /**
     * Character bigrams of the name and pinyin-initial bigrams, for GIN-indexed search. Collation "C"
     * (migration 0012; the schema builder cannot say it): compared for equality only, byte by byte.
     */
    searchTokens: text().array().notNull().default(sql`'{}'::text[]`),
    /** Pinyin initials of the name, e.g. 宇通客车 → ytkc. */
    nameInitials: text().notNull().default(''),
    isDemo: boolean().notNull().default(false),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('enterprises_division_code_idx').using('btree', t.divisionCode.op('text_pattern_ops')),
    index('enterprises_industry_code_idx').using('btree', t.industryCode.op('text_pattern_ops')),
    index('enterprises_revenue_idx').on(t.revenueWan.desc().nullsLast(), t.id),
    index('enterprises_size_class_idx').on(t.sizeClass),
    index('enterprises_founded_on_idx').on(t.foundedOn),
    index('enterprises_tags_idx').using('gin', t.tags),
    index('enterprises_search_tokens_idx').using('gin', t.searchTokens),
  ],
);

export const enterpriseIndicators = pgTable(
  'enterprise_indicators',
  {
    enterpriseId: uuid()
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    year: smallint().notNull(),
    employees: integer(),
    revenueWan: wan(),
    mainBusinessRevenueWan: wan(),
    assetsWan: wan(),
    rdExpenseWan: wan(),
    taxWan: wan(),
    landMu: numeric({ precision: 12, scale: 2, mode: 'number' }),
    energyTce: numeric({ precision: 14, scale: 2, mode: 'number' }),
    patents: integer(),
    exportWan: wan(),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.year] })],
);

export const IMPORT_JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull(),
    status: text({ enum: IMPORT_JOB_STATUSES }).notNull(),
    fileName: text().notNull(),
    total: integer().notNull().default(0),
    done: integer().notNull().default(0),
    /** `{ imported, updated, unchanged, failed: [{ row, column, code, message }] }` */
    result: jsonb(),
    /** The failed rows' original cells, so that the error report can be corrected and re-imported. */
    failedRows: jsonb(),
    error: text(),
    /** The uploaded file (files module, owner `import_job`), read by whichever process runs the job. */
    fileId: uuid(),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('import_jobs_created_by_idx').on(t.createdBy, t.createdAt)],
);
