/** SQL of 政策直达: the only file that reads or writes the delivery tables. */
import { and, count, countDistinct, desc, eq, inArray, isNotNull, isNull, sql, type Column, type SQL } from 'drizzle-orm';
import type { Scope } from '../../../server/actor.ts';
import type { Db } from '../../../server/db/index.ts';
import { escapeLike, scopeCondition } from '../../../server/db/scope-sql.ts';
import type { ApplicationState, MatchVerdict, NoticeWithdrawalReason, VerdictSource } from './delivery.constants.ts';
import {
  notificationOutbox, policyApplicationEvents, policyApplications, policyBudgets, policyExemptLists, policyGrants, policyMatchVerdicts, policyNoticeReads, policyNotices,
} from './delivery.tables.ts';

export type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;
export type BudgetRow = typeof policyBudgets.$inferSelect;
export type ApplicationRow = typeof policyApplications.$inferSelect;
export type ApplicationInsert = typeof policyApplications.$inferInsert;
export type ApplicationEventRow = typeof policyApplicationEvents.$inferSelect;
export type GrantRow = typeof policyGrants.$inferSelect;
export type GrantInsert = typeof policyGrants.$inferInsert;
export type ExemptListRow = typeof policyExemptLists.$inferSelect;
export type NoticeRow = typeof policyNotices.$inferSelect;
export type OutboxRow = typeof notificationOutbox.$inferSelect;

const inScope = (scope: Scope, t: { divisionCode: Column; enterpriseId: Column }): SQL =>
  scopeCondition(scope, { division: t.divisionCode, enterpriseId: t.enterpriseId });

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  let e: unknown = error;
  for (let i = 0; i < 3 && e && typeof e === 'object'; i += 1) {
    const pgError = e as { code?: string; constraint?: string; cause?: unknown };
    if (pgError.code === '23505') return constraint === undefined || pgError.constraint === constraint;
    e = pgError.cause;
  }
  return false;
}

// ── budgets ──────────────────────────────────────────────────────────────────

export async function findBudget(db: Executor, itemId: string): Promise<BudgetRow | undefined> {
  const [row] = await db.select().from(policyBudgets).where(eq(policyBudgets.itemId, itemId));
  return row;
}

export async function findBudgets(db: Executor): Promise<BudgetRow[]> {
  return db.select().from(policyBudgets);
}

/**
 * Opens an item's ledger row if it has none, then locks it for the rest of the transaction: two
 * payouts of one item at once are serialised here, and the second sees what the first paid.
 */
export async function lockLedger(db: Executor, itemId: string, at: Date): Promise<BudgetRow> {
  await db.insert(policyBudgets).values({ itemId, updatedAt: at }).onConflictDoNothing({ target: policyBudgets.itemId });
  const [row] = await db.select().from(policyBudgets).where(eq(policyBudgets.itemId, itemId)).for('update');
  if (!row) throw new Error('policy_budgets row missing after insert');
  return row;
}

/** Records `amountWan` paid, if and only if it keeps the paid total within `budgetWan` (the version's budget). */
export async function spendBudget(db: Executor, itemId: string, amountWan: number, budgetWan: number, at: Date): Promise<BudgetRow | undefined> {
  const [row] = await db
    .update(policyBudgets)
    .set({ paidWan: sql`${policyBudgets.paidWan} + ${amountWan}`, updatedAt: at })
    .where(and(eq(policyBudgets.itemId, itemId), sql`${policyBudgets.paidWan} + ${amountWan} <= ${budgetWan}`))
    .returning();
  return row;
}

// ── applications ─────────────────────────────────────────────────────────────

export async function insertApplication(db: Executor, row: ApplicationInsert): Promise<ApplicationRow> {
  const [created] = await db.insert(policyApplications).values(row).returning();
  if (!created) throw new Error('insert into policy_applications returned nothing');
  return created;
}

export async function findApplication(db: Executor, scope: Scope, id: string, options: { lock?: boolean } = {}): Promise<ApplicationRow | undefined> {
  const query = db.select().from(policyApplications).where(and(eq(policyApplications.id, id), inScope(scope, policyApplications)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function findApplicationOf(db: Executor, itemId: string, enterpriseId: string): Promise<ApplicationRow | undefined> {
  const [row] = await db.select().from(policyApplications).where(and(eq(policyApplications.itemId, itemId), eq(policyApplications.enterpriseId, enterpriseId)));
  return row;
}

export async function findApplicationIdsOf(db: Executor, enterpriseIds: readonly string[]): Promise<Map<string, string>> {
  if (enterpriseIds.length === 0) return new Map();
  const rows = await db.select({ id: policyApplications.id, itemId: policyApplications.itemId, enterpriseId: policyApplications.enterpriseId }).from(policyApplications).where(inArray(policyApplications.enterpriseId, [...enterpriseIds]));
  return new Map(rows.map((r) => [`${r.itemId}|${r.enterpriseId}`, r.id]));
}

export async function updateApplication(db: Executor, id: string, patch: Partial<ApplicationInsert>): Promise<ApplicationRow> {
  const [row] = await db
    .update(policyApplications)
    .set({ ...patch, version: sql`${policyApplications.version} + 1` })
    .where(eq(policyApplications.id, id))
    .returning();
  if (!row) throw new Error('update of policy_applications returned nothing');
  return row;
}

export async function findApplicationPage(db: Executor, scope: Scope, filter: { state?: ApplicationState | undefined; itemId?: string | undefined; division?: string | undefined; q?: string | undefined }, page: { offset: number; limit: number }): Promise<{ rows: ApplicationRow[]; total: number }> {
  const where = and(
    inScope(scope, policyApplications),
    filter.state ? eq(policyApplications.state, filter.state) : undefined,
    filter.itemId ? eq(policyApplications.itemId, filter.itemId) : undefined,
    filter.division ? sql`${policyApplications.divisionCode} like ${escapeLike(filter.division) + '%'}` : undefined,
    filter.q ? sql`${policyApplications.enterpriseName} like ${'%' + escapeLike(filter.q) + '%'}` : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(policyApplications).where(where).orderBy(desc(policyApplications.updatedAt), desc(policyApplications.id)).offset(page.offset).limit(page.limit),
    db.select({ n: count() }).from(policyApplications).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function insertApplicationEvent(db: Executor, row: typeof policyApplicationEvents.$inferInsert): Promise<void> {
  await db.insert(policyApplicationEvents).values(row);
}

export async function findApplicationEvents(db: Executor, applicationId: string): Promise<ApplicationEventRow[]> {
  return db.select().from(policyApplicationEvents).where(eq(policyApplicationEvents.applicationId, applicationId)).orderBy(policyApplicationEvents.id);
}

// ── grants, 免申即享 lists, verdicts ──────────────────────────────────────────

export async function insertGrants(db: Executor, rows: GrantInsert[]): Promise<GrantRow[]> {
  if (rows.length === 0) return [];
  return db.insert(policyGrants).values(rows).returning();
}

export async function findGrantedEnterpriseIds(db: Executor, itemId: string): Promise<Set<string>> {
  const rows = await db.select({ enterpriseId: policyGrants.enterpriseId }).from(policyGrants).where(eq(policyGrants.itemId, itemId));
  return new Set(rows.map((r) => r.enterpriseId));
}

/** The firms officials left out of an item's 免申即享 lists (and not granted since), with the reason. */
export async function findExcludedEnterprises(db: Executor, itemId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ enterpriseId: policyMatchVerdicts.enterpriseId, reason: policyMatchVerdicts.reason })
    .from(policyMatchVerdicts)
    .where(and(eq(policyMatchVerdicts.itemId, itemId), eq(policyMatchVerdicts.source, 'exempt_list'), eq(policyMatchVerdicts.verdict, 'rejected')));
  return new Map(rows.map((r) => [r.enterpriseId, r.reason ?? '']));
}

export async function findGrantPage(db: Executor, scope: Scope, filter: { itemId?: string | undefined; division?: string | undefined; source?: 'application' | 'exempt' | undefined }, page: { offset: number; limit: number }): Promise<{ rows: GrantRow[]; total: number; totalWan: number }> {
  const where = and(
    inScope(scope, policyGrants),
    filter.itemId ? eq(policyGrants.itemId, filter.itemId) : undefined,
    filter.division ? sql`${policyGrants.divisionCode} like ${escapeLike(filter.division) + '%'}` : undefined,
    filter.source ? eq(policyGrants.source, filter.source) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(policyGrants).where(where).orderBy(desc(policyGrants.paidAt), desc(policyGrants.id)).offset(page.offset).limit(page.limit),
    db.select({ n: count(), wan: sql<number>`coalesce(sum(${policyGrants.amountWan}), 0)::float8` }).from(policyGrants).where(where),
  ]);
  return { rows, total: total?.n ?? 0, totalWan: Number(total?.wan ?? 0) };
}

export async function insertExemptList(db: Executor, row: typeof policyExemptLists.$inferInsert): Promise<ExemptListRow> {
  const [created] = await db.insert(policyExemptLists).values(row).returning();
  if (!created) throw new Error('insert into policy_exempt_lists returned nothing');
  return created;
}

export async function findExemptLists(db: Executor, itemId: string, jurisdictionPrefixes: readonly string[] | null): Promise<ExemptListRow[]> {
  const rows = await db.select().from(policyExemptLists).where(eq(policyExemptLists.itemId, itemId)).orderBy(desc(policyExemptLists.confirmedAt));
  return jurisdictionPrefixes === null ? rows : rows.filter((r) => jurisdictionPrefixes.some((p) => r.jurisdictionCode.startsWith(p) || p.startsWith(r.jurisdictionCode)));
}

export async function upsertVerdicts(db: Executor, rows: { itemId: string; enterpriseId: string; divisionCode: string; verdict: MatchVerdict; source: VerdictSource; matched: boolean; reason: string | null; actorId: string; at: Date }[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 1000) {
    const chunk = rows.slice(start, start + 1000);
    await db
      .insert(policyMatchVerdicts)
      .values(chunk)
      .onConflictDoUpdate({
        target: [policyMatchVerdicts.itemId, policyMatchVerdicts.enterpriseId],
        set: { verdict: sql`excluded.verdict`, source: sql`excluded.source`, matched: sql`excluded.matched`, reason: sql`excluded.reason`, actorId: sql`excluded.actor_id`, at: sql`excluded.at` },
      });
  }
}

// ── notices, reads, outbox ───────────────────────────────────────────────────

/** Inserts notices for firms with no current notice of the item (one current per item and firm) and returns only the new ones. */
export async function insertNewNotices(db: Executor, rows: (typeof policyNotices.$inferInsert)[]): Promise<NoticeRow[]> {
  if (rows.length === 0) return [];
  return db.insert(policyNotices).values(rows).onConflictDoNothing({ target: [policyNotices.itemId, policyNotices.enterpriseId], where: isNull(policyNotices.withdrawnAt) }).returning();
}

/** Marks the withdrawn notices of these firms superseded by a new notice of the same item. */
export async function supersedeNotices(db: Executor, itemId: string, enterpriseIds: readonly string[]): Promise<void> {
  if (enterpriseIds.length === 0) return;
  await db
    .update(policyNotices)
    .set({ superseded: true })
    .where(and(eq(policyNotices.itemId, itemId), inArray(policyNotices.enterpriseId, [...enterpriseIds]), isNotNull(policyNotices.withdrawnAt), eq(policyNotices.superseded, false)));
}

export async function insertOutbox(db: Executor, rows: (typeof notificationOutbox.$inferInsert)[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db.insert(notificationOutbox).values(rows).onConflictDoNothing().returning({ id: notificationOutbox.id });
  return inserted.length;
}

/** The current (not withdrawn) notices of an item: enterprise id → notice id. */
export async function findCurrentNotices(db: Executor, itemId: string): Promise<Map<string, string>> {
  const rows = await db.select({ id: policyNotices.id, enterpriseId: policyNotices.enterpriseId }).from(policyNotices).where(and(eq(policyNotices.itemId, itemId), isNull(policyNotices.withdrawnAt)));
  return new Map(rows.map((r) => [r.enterpriseId, r.id]));
}

/** The items that have current notices. */
export async function findNoticedItemIds(db: Executor): Promise<string[]> {
  const rows = await db.select({ itemId: policyNotices.itemId }).from(policyNotices).where(isNull(policyNotices.withdrawnAt)).groupBy(policyNotices.itemId);
  return rows.map((r) => r.itemId);
}

/** Withdraws current notices (the firm no longer matches, or the item is no longer in force); returns how many. */
export async function withdrawNotices(db: Executor, ids: readonly string[], reason: NoticeWithdrawalReason, at: Date): Promise<number> {
  let n = 0;
  for (let start = 0; start < ids.length; start += 1000) {
    const rows = await db
      .update(policyNotices)
      .set({ withdrawnAt: at, withdrawnReason: reason })
      .where(and(inArray(policyNotices.id, ids.slice(start, start + 1000)), isNull(policyNotices.withdrawnAt)))
      .returning({ id: policyNotices.id });
    n += rows.length;
  }
  return n;
}

/** A page of the notices of these firms (a withdrawn one stays, as 已不符合, until a new notice supersedes it). */
export async function findInboxPage(db: Executor, enterpriseIds: readonly string[], userId: string, options: { unreadOnly: boolean; offset: number; limit: number }): Promise<{ rows: (NoticeRow & { readAt: Date | null })[]; total: number; unread: number }> {
  if (enterpriseIds.length === 0) return { rows: [], total: 0, unread: 0 };
  const readJoin = and(eq(policyNoticeReads.noticeId, policyNotices.id), eq(policyNoticeReads.userId, userId));
  const mine = and(inArray(policyNotices.enterpriseId, [...enterpriseIds]), eq(policyNotices.superseded, false));
  const unreadNow = and(isNull(policyNoticeReads.noticeId), isNull(policyNotices.withdrawnAt));
  const where = options.unreadOnly ? and(mine, unreadNow) : mine;
  const [rows, [counts]] = await Promise.all([
    db
      .select({ notice: policyNotices, readAt: policyNoticeReads.readAt })
      .from(policyNotices)
      .leftJoin(policyNoticeReads, readJoin)
      .where(where)
      .orderBy(desc(policyNotices.createdAt), policyNotices.itemId)
      .offset(options.offset)
      .limit(options.limit),
    db
      .select({ total: count(), unread: sql<number>`count(*) filter (where ${unreadNow})::int` })
      .from(policyNotices)
      .leftJoin(policyNoticeReads, readJoin)
      .where(mine),
  ]);
  return { rows: rows.map((r) => ({ ...r.notice, readAt: r.readAt })), total: options.unreadOnly ? (counts?.unread ?? 0) : (counts?.total ?? 0), unread: counts?.unread ?? 0 };
}

/** Current notices of these firms the user has not read (withdrawn ones are not counted). */
export async function countUnread(db: Executor, enterpriseIds: readonly string[], userId: string): Promise<number> {
  if (enterpriseIds.length === 0) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(policyNotices)
    .leftJoin(policyNoticeReads, and(eq(policyNoticeReads.noticeId, policyNotices.id), eq(policyNoticeReads.userId, userId)))
    .where(and(inArray(policyNotices.enterpriseId, [...enterpriseIds]), isNull(policyNotices.withdrawnAt), isNull(policyNoticeReads.noticeId)));
  return row?.n ?? 0;
}

export async function findNotice(db: Executor, id: string): Promise<NoticeRow | undefined> {
  const [row] = await db.select().from(policyNotices).where(eq(policyNotices.id, id));
  return row;
}

export async function markRead(db: Executor, rows: { noticeId: string; userId: string; readAt: Date }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(policyNoticeReads).values(rows).onConflictDoNothing();
}

export async function findUnreadNoticeIds(db: Executor, enterpriseIds: readonly string[], userId: string): Promise<string[]> {
  if (enterpriseIds.length === 0) return [];
  const rows = await db
    .select({ id: policyNotices.id })
    .from(policyNotices)
    .leftJoin(policyNoticeReads, and(eq(policyNoticeReads.noticeId, policyNotices.id), eq(policyNoticeReads.userId, userId)))
    .where(and(inArray(policyNotices.enterpriseId, [...enterpriseIds]), isNull(policyNotices.withdrawnAt), isNull(policyNoticeReads.noticeId)));
  return rows.map((r) => r.id);
}

/** Claims the oldest pending message no other worker holds (the lock lasts until the transaction ends). */
export async function claimPendingMessage(db: Executor, afterId = 0): Promise<OutboxRow | undefined> {
  const [row] = await db.select().from(notificationOutbox).where(and(eq(notificationOutbox.state, 'pending'), sql`${notificationOutbox.id} > ${afterId}`)).orderBy(notificationOutbox.id).limit(1).for('update', { skipLocked: true });
  return row;
}

export async function markMessage(db: Executor, id: number, patch: Partial<typeof notificationOutbox.$inferInsert>): Promise<void> {
  await db.update(notificationOutbox).set(patch).where(eq(notificationOutbox.id, id));
}

export async function countOutbox(db: Executor): Promise<Record<string, number>> {
  const rows = await db.select({ state: notificationOutbox.state, n: count() }).from(notificationOutbox).groupBy(notificationOutbox.state);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

// ── figures ──────────────────────────────────────────────────────────────────

type CountRow = { key: string; notified: number; applied: number; approved: number; paidCount: number; paidWan: number };

/** Per item (`by: 'item'`) or per county (`by: 'county'`, optionally of one item): notices, applications, approvals and grants in scope. */
export async function countDelivery(db: Executor, scope: Scope, by: 'item' | 'county', itemId?: string): Promise<CountRow[]> {
  const key = (t: { itemId: Column; divisionCode: Column }) => (by === 'item' ? sql<string>`${t.itemId}` : sql<string>`substr(${t.divisionCode}, 1, 6)`);
  const itemFilter = (t: { itemId: Column }) => (itemId ? eq(t.itemId, itemId) : undefined);
  const [notices, applications, grants] = await Promise.all([
    db.select({ key: key(policyNotices), n: countDistinct(policyNotices.enterpriseId) }).from(policyNotices).where(and(inScope(scope, policyNotices), itemFilter(policyNotices))).groupBy(key(policyNotices)),
    db
      .select({ key: key(policyApplications), n: count(), approved: sql<number>`count(*) filter (where ${policyApplications.state} in ('approved', 'paid'))::int` })
      .from(policyApplications)
      .where(and(inScope(scope, policyApplications), itemFilter(policyApplications)))
      .groupBy(key(policyApplications)),
    db
      .select({ key: key(policyGrants), n: count(), exempt: sql<number>`count(*) filter (where ${policyGrants.source} = 'exempt')::int`, wan: sql<number>`coalesce(sum(${policyGrants.amountWan}), 0)::float8` })
      .from(policyGrants)
      .where(and(inScope(scope, policyGrants), itemFilter(policyGrants)))
      .groupBy(key(policyGrants)),
  ]);
  const out = new Map<string, CountRow>();
  const at = (k: string): CountRow => {
    let row = out.get(k);
    if (!row) out.set(k, (row = { key: k, notified: 0, applied: 0, approved: 0, paidCount: 0, paidWan: 0 }));
    return row;
  };
  for (const r of notices) at(r.key).notified = r.n;
  for (const r of applications) Object.assign(at(r.key), { applied: r.n, approved: at(r.key).approved + r.approved });
  for (const r of grants) {
    const row = at(r.key);
    row.paidCount = r.n;
    row.paidWan = Number(r.wan);
    row.approved += r.exempt;
  }
  return [...out.values()];
}

/** Per item: verdicts on matches (confirmed, rejected) and approved applications the rule had not matched (misses), in scope. */
export async function countQuality(db: Executor, scope: Scope): Promise<{ itemId: string; confirmed: number; rejected: number; misses: number }[]> {
  const [verdicts, misses] = await Promise.all([
    db
      .select({
        itemId: policyMatchVerdicts.itemId,
        confirmed: sql<number>`count(*) filter (where ${policyMatchVerdicts.matched} and ${policyMatchVerdicts.verdict} = 'confirmed')::int`,
        rejected: sql<number>`count(*) filter (where ${policyMatchVerdicts.matched} and ${policyMatchVerdicts.verdict} = 'rejected')::int`,
      })
      .from(policyMatchVerdicts)
      .where(scopeCondition(scope, { division: policyMatchVerdicts.divisionCode, enterpriseId: policyMatchVerdicts.enterpriseId }))
      .groupBy(policyMatchVerdicts.itemId),
    db
      .select({ itemId: policyApplications.itemId, n: count() })
      .from(policyApplications)
      .where(and(inScope(scope, policyApplications), eq(policyApplications.matched, false), inArray(policyApplications.state, ['approved', 'paid'])))
      .groupBy(policyApplications.itemId),
  ]);
  const out = new Map<string, { itemId: string; confirmed: number; rejected: number; misses: number }>();
  for (const v of verdicts) out.set(v.itemId, { itemId: v.itemId, confirmed: v.confirmed, rejected: v.rejected, misses: 0 });
  for (const m of misses) {
    const row = out.get(m.itemId) ?? { itemId: m.itemId, confirmed: 0, rejected: 0, misses: 0 };
    row.misses = m.n;
    out.set(m.itemId, row);
  }
  return [...out.values()];
}
