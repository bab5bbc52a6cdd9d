import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { APPLICATION_STATES, GRANT_SOURCES, MATCH_VERDICTS, NOTICE_WITHDRAWAL_REASONS, OUTBOX_STATES, VERDICT_SOURCES } from './delivery.constants.ts';

const wan = (name?: string) => (name ? numeric(name, { precision: 14, scale: 2, mode: 'number' }) : numeric({ precision: 14, scale: 2, mode: 'number' }));

/**
 * What has been paid under an item (奖补事项). The budget and the application window are the item
 * version's (`policy_item_versions`), never kept here: a payout locks this row and checks it against
 * the budget of the version in force that day, inside the payout's transaction.
 */
export const policyBudgets = pgTable(
  'policy_budgets',
  {
    itemId: text().primaryKey(),
    paidWan: wan().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('policy_budgets_paid_nonnegative', sql`${t.paidWan} >= 0`)],
);

/** An enterprise's application (申报) to an item: once per item and enterprise. */
export const policyApplications = pgTable(
  'policy_applications',
  {
    id: uuid().primaryKey().defaultRandom(),
    itemId: text().notNull(),
    itemTitle: text().notNull(),
    enterpriseId: uuid().notNull(),
    enterpriseName: text().notNull(),
    /** The firm's division when it applied: the district that reviews it. */
    divisionCode: text().notNull(),
    state: text({ enum: APPLICATION_STATES }).notNull(),
    /** Whether the rule matched the firm when it applied (an approved unmatched application is a miss). */
    matched: boolean().notNull(),
    /** The registry figures and match explanation the form was pre-filled with, as submitted. */
    form: jsonb().notNull(),
    requestedWan: wan(),
    estimatedWan: wan(),
    approvedWan: wan(),
    paidWan: wan(),
    note: text().notNull().default(''),
    lastReason: text(),
    applicantId: uuid().notNull(),
    version: integer().notNull().default(1),
    isDemo: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('policy_applications_item_enterprise_key').on(t.itemId, t.enterpriseId),
    index('policy_applications_division_idx').on(t.divisionCode),
    index('policy_applications_state_idx').on(t.state),
  ],
);

/** Each step of an application (the timeline shown on its page; the audit log has the same). */
export const policyApplicationEvents = pgTable(
  'policy_application_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    applicationId: uuid().notNull(),
    action: text().notNull(),
    fromState: text(),
    toState: text().notNull(),
    reason: text(),
    amountWan: wan(),
    actorId: uuid().notNull(),
    actorName: text().notNull(),
    actorRole: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('policy_application_events_application_idx').on(t.applicationId, t.id)],
);

/** Money paid (万元) to an enterprise under an item: from an application or a 免申即享 list; once per item and firm. */
export const policyGrants = pgTable(
  'policy_grants',
  {
    id: uuid().primaryKey().defaultRandom(),
    itemId: text().notNull(),
    enterpriseId: uuid().notNull(),
    enterpriseName: text().notNull(),
    divisionCode: text().notNull(),
    source: text({ enum: GRANT_SOURCES }).notNull(),
    applicationId: uuid(),
    exemptListId: uuid(),
    amountWan: wan().notNull(),
    paidBy: uuid().notNull(),
    paidAt: timestamp({ withTimezone: true }).notNull(),
    isDemo: boolean().notNull().default(false),
  },
  (t) => [
    uniqueIndex('policy_grants_item_enterprise_key').on(t.itemId, t.enterpriseId),
    index('policy_grants_division_idx').on(t.divisionCode),
    check('policy_grants_amount_positive', sql`${t.amountWan} > 0`),
  ],
);

/** A confirmed 免申即享 list: an official confirmed the firms of an item in a jurisdiction. */
export const policyExemptLists = pgTable(
  'policy_exempt_lists',
  {
    id: uuid().primaryKey().defaultRandom(),
    itemId: text().notNull(),
    /** The jurisdiction the list covers (the official's), `410100` for the city. */
    jurisdictionCode: text().notNull(),
    confirmedBy: uuid().notNull(),
    confirmedByName: text().notNull(),
    confirmedAt: timestamp({ withTimezone: true }).notNull(),
    grantedCount: integer().notNull(),
    excludedCount: integer().notNull(),
    totalWan: wan().notNull(),
    /** The firms left out, each with the official's reason: `[{ enterpriseId, enterpriseName, reason }]`. */
    excluded: jsonb().notNull().default([]),
  },
  (t) => [index('policy_exempt_lists_item_idx').on(t.itemId)],
);

/** An official's verdict on one rule match (or non-match): the input of match quality. One per item and firm (the latest). */
export const policyMatchVerdicts = pgTable(
  'policy_match_verdicts',
  {
    itemId: text().notNull(),
    enterpriseId: uuid().notNull(),
    divisionCode: text().notNull(),
    verdict: text({ enum: MATCH_VERDICTS }).notNull(),
    source: text({ enum: VERDICT_SOURCES }).notNull(),
    /** Whether the rule matched the firm when the verdict was given. */
    matched: boolean().notNull(),
    reason: text(),
    actorId: uuid().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.enterpriseId] }), index('policy_match_verdicts_division_idx').on(t.divisionCode)],
);

/**
 * 您可能符合以下政策: one current notice per item and enterprise. When the firm stops matching, the
 * sweep marks it withdrawn (已不符合); a later match is a new notice, and the withdrawn one is superseded.
 */
export const policyNotices = pgTable(
  'policy_notices',
  {
    id: uuid().primaryKey().defaultRandom(),
    itemId: text().notNull(),
    itemTitle: text().notNull(),
    enterpriseId: uuid().notNull(),
    enterpriseName: text().notNull(),
    divisionCode: text().notNull(),
    benefitWan: wan(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    /** When the firm stopped matching (or the item stopped being in force); null while it matches. */
    withdrawnAt: timestamp({ withTimezone: true }),
    withdrawnReason: text({ enum: NOTICE_WITHDRAWAL_REASONS }),
    /** A withdrawn notice followed by a new one for the same item and firm (the inbox shows the new one only). */
    superseded: boolean().notNull().default(false),
  },
  (t) => [
    uniqueIndex('policy_notices_item_enterprise_current_key').on(t.itemId, t.enterpriseId).where(sql`${t.withdrawnAt} is null`),
    index('policy_notices_enterprise_idx').on(t.enterpriseId, t.createdAt),
  ],
);

/** Read state of a notice, per user (an enterprise's users and its liaison officers each read it). */
export const policyNoticeReads = pgTable(
  'policy_notice_reads',
  {
    noticeId: uuid().notNull(),
    userId: uuid().notNull(),
    readAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.userId] })],
);

/**
 * The transactional outbox: a message is written in the notice's transaction, and a worker claims
 * pending rows (FOR UPDATE SKIP LOCKED), sends them through the channel and marks them sent.
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    channel: text().notNull(),
    /** `user:<id>` (an enterprise user or a liaison officer) or `enterprise:<id>` (a firm with no user: its registry contact); the channel resolves the address. */
    recipient: text().notNull(),
    noticeId: uuid(),
    payload: jsonb().notNull(),
    state: text({ enum: OUTBOX_STATES }).notNull().default('pending'),
    attempts: integer().notNull().default(0),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notification_outbox_notice_recipient_key').on(t.noticeId, t.channel, t.recipient),
    index('notification_outbox_pending_idx').on(t.id).where(sql`${t.state} = 'pending'`),
  ],
);
