import { pgTable, uuid, text, timestamp, integer, boolean, index } from 'drizzle-orm/pg-core';

import { ROLES } from '../../server/permissions.ts';

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    username: text().notNull().unique(),
    displayName: text().notNull(),
    role: text({ enum: ROLES }).notNull(),
    /** A jurisdiction code (GB/T 2260 division or a Gaodi zone code); null for admin and enterprise users. */
    jurisdictionCode: text(),
    /** The enterprise an enterprise user acts for. */
    enterpriseId: uuid(),
    departmentName: text(),
    passwordHash: text().notNull(),
    isActive: boolean().notNull().default(true),
    isDemo: boolean().notNull().default(false),
    /** Set when an admin creates the account or resets its password: the user must choose a new one before anything else. */
    mustChangePassword: boolean().notNull().default(false),
    failedLoginCount: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    lastLoginAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('users_enterprise_id_idx').on(t.enterpriseId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the session token; the token itself lives only in the cookie. */
    tokenHash: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    userAgent: text(),
    ip: text(),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);

export const loginEvents = pgTable(
  'login_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    username: text().notNull(),
    userId: uuid(),
    outcome: text({ enum: ['success', 'bad-credentials', 'locked', 'unknown-user', 'inactive'] }).notNull(),
    ip: text(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('login_events_at_idx').on(t.at)],
);
