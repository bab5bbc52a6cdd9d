import { and, asc, desc, eq, gte, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../server/db/index.ts';
import { loginEvents, sessions, users } from './users.tables.ts';

export type UserRow = typeof users.$inferSelect;
export type UserInsert = typeof users.$inferInsert;
export type SessionRow = typeof sessions.$inferSelect;

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** Active demo users (the demo seeding of other modules acts as them). */
export async function findDemoUsers(db: Db): Promise<UserRow[]> {
  return db.select().from(users).where(and(eq(users.isDemo, true), eq(users.isActive, true)));
}

/** Active users acting for these enterprises. */
export async function findActiveUsersOfEnterprises(db: Db, enterpriseIds: readonly string[]): Promise<UserRow[]> {
  if (enterpriseIds.length === 0) return [];
  return db.select().from(users).where(and(sql`${users.enterpriseId} in ${[...enterpriseIds]}`, eq(users.isActive, true)));
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

export async function insertUser(db: Pick<Db, 'insert'>, user: UserInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(user).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Counts a failed sign-in and locks the account from `lockUntil` once `maxFailures` is reached. */
export async function recordLoginFailure(db: Db, userId: string, maxFailures: number, lockUntil: Date): Promise<void> {
  await db
    .update(users)
    .set({
      failedLoginCount: sql`${users.failedLoginCount} + 1`,
      lockedUntil: sql`case when ${users.failedLoginCount} + 1 >= ${maxFailures} then ${lockUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, userId));
}

export async function recordLoginSuccess(db: Db, userId: string, at: Date): Promise<void> {
  await db.update(users).set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: at }).where(eq(users.id, userId));
}

export async function insertLoginEvent(db: Db, event: typeof loginEvents.$inferInsert): Promise<void> {
  await db.insert(loginEvents).values(event);
}

export async function insertSession(db: Db, session: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(session);
}

export async function findSession(db: Db, tokenHash: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash));
  return row;
}

export async function touchSession(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(and(lt(sessions.expiresAt, now)));
}

export type UserFilter = {
  q?: string | undefined;
  role?: UserRow['role'] | undefined;
  /** Users whose jurisdiction code starts with this (a district and its streets). */
  jurisdiction?: string | undefined;
  status?: 'active' | 'inactive' | 'locked' | undefined;
  enterpriseId?: string | undefined;
};

function userConditions(filter: UserFilter, now: Date): SQL[] {
  const conditions: SQL[] = [];
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(${users.username} ilike ${like} or ${users.displayName} ilike ${like} or coalesce(${users.departmentName}, '') ilike ${like})`);
  }
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.jurisdiction) conditions.push(sql`${users.jurisdictionCode} like ${`${filter.jurisdiction.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (filter.enterpriseId) conditions.push(eq(users.enterpriseId, filter.enterpriseId));
  if (filter.status === 'active') conditions.push(sql`${users.isActive} and (${users.lockedUntil} is null or ${users.lockedUntil} <= ${now.toISOString()}::timestamptz)`);
  if (filter.status === 'inactive') conditions.push(eq(users.isActive, false));
  if (filter.status === 'locked') conditions.push(sql`${users.lockedUntil} > ${now.toISOString()}::timestamptz`);
  return conditions;
}

export async function findUsers(db: Db, filter: UserFilter, page: { offset: number; limit: number }, now: Date): Promise<{ rows: UserRow[]; total: number }> {
  const condition = and(...userConditions(filter, now));
  const rows = await db.select().from(users).where(condition).orderBy(asc(users.role), asc(users.jurisdictionCode), asc(users.username)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(condition);
  return { rows, total: count?.n ?? 0 };
}

/** The user row locked for an update inside `tx`. */
export async function lockUser(tx: Pick<Db, 'select'>, id: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update');
  return row;
}

export async function updateUserRow(tx: Pick<Db, 'update'>, id: string, patch: Partial<UserInsert>): Promise<UserRow> {
  const [row] = await tx.update(users).set(patch).where(eq(users.id, id)).returning();
  if (!row) throw new Error('update returned no row');
  return row;
}

/** Ends every session of a user (deactivated, password reset or changed), except `keepTokenHash`. */
export async function deleteSessionsOfUser(tx: Pick<Db, 'delete'>, userId: string, keepTokenHash?: string): Promise<void> {
  await tx.delete(sessions).where(keepTokenHash ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash)) : eq(sessions.userId, userId));
}

export type LoginEventFilter = { username?: string | undefined; outcome?: LoginEventRow['outcome'] | undefined; from?: Date | undefined; to?: Date | undefined };
export type LoginEventRow = typeof loginEvents.$inferSelect;

export async function findLoginEvents(db: Db, filter: LoginEventFilter, page: { offset: number; limit: number }): Promise<{ rows: LoginEventRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.username) conditions.push(eq(loginEvents.username, filter.username));
  if (filter.outcome) conditions.push(eq(loginEvents.outcome, filter.outcome));
  if (filter.from) conditions.push(gte(loginEvents.at, filter.from));
  if (filter.to) conditions.push(lt(loginEvents.at, filter.to));
  const condition = and(...conditions);
  const rows = await db.select().from(loginEvents).where(condition).orderBy(desc(loginEvents.at), desc(loginEvents.id)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(loginEvents).where(condition);
  return { rows, total: count?.n ?? 0 };
}
