import { and, asc, desc, eq, inArray, isNull, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../../server/actor.ts';
import type { Db } from '../../server/db/index.ts';
import { escapeLike, scopeCondition } from '../../server/db/scope-sql.ts';
import { AppError } from '../../server/errors.ts';
import { OPEN_STATES, type RequestState } from './service.constants.ts';
import {
  serviceCategories, serviceDepartmentMembers, serviceVisitPlans, serviceDepartments, serviceLiaisons, serviceRatings, serviceReminders, serviceRequestEvents, serviceRequests, serviceVisits,
} from './service.tables.ts';

export type CategoryRow = typeof serviceCategories.$inferSelect;
export type DepartmentRow = typeof serviceDepartments.$inferSelect;
export type RequestRow = typeof serviceRequests.$inferSelect;
export type RequestInsert = typeof serviceRequests.$inferInsert;
export type EventRow = typeof serviceRequestEvents.$inferSelect;
export type EventInsert = typeof serviceRequestEvents.$inferInsert;
export type RatingRow = typeof serviceRatings.$inferSelect;
export type LiaisonRow = typeof serviceLiaisons.$inferSelect;
export type VisitRow = typeof serviceVisits.$inferSelect;

type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'execute'>;

/**
 * What a caller may reach among requests: the division scope of their jurisdiction (or their
 * own enterprise), and for department users only what is dispatched to their department.
 */
export type RequestScope = { scope: Scope; departmentOnly: boolean; departmentId: string | null };

function inRequestScope(rs: RequestScope): SQL {
  const base = scopeCondition(rs.scope, { division: serviceRequests.divisionCode, enterpriseId: serviceRequests.enterpriseId });
  if (!rs.departmentOnly) return base;
  if (!rs.departmentId) return sql`false`;
  return sql`(${base} and (${serviceRequests.leadDepartmentId} = ${rs.departmentId} or ${rs.departmentId}::uuid = any(${serviceRequests.coHandlerIds})))`;
}

const isOpen = sql`${serviceRequests.state} in (${sql.join(OPEN_STATES.map((s) => sql`${s}`), sql`, `)})`;

// ---------------------------------------------------------------- categories

export async function listCategories(db: Pick<Db, 'select'>): Promise<CategoryRow[]> {
  return db.select().from(serviceCategories).orderBy(asc(serviceCategories.sortOrder), asc(serviceCategories.code));
}

export async function findCategory(db: Pick<Db, 'select'>, code: string): Promise<CategoryRow | undefined> {
  const [row] = await db.select().from(serviceCategories).where(eq(serviceCategories.code, code));
  return row;
}

export async function insertCategory(db: Executor, values: typeof serviceCategories.$inferInsert): Promise<CategoryRow> {
  const [row] = await db.insert(serviceCategories).values(values).onConflictDoNothing().returning();
  if (!row) throw new AppError('SERVICE_CATEGORY_TAKEN', { params: { code: values.code } });
  return row;
}

export async function updateCategory(db: Executor, code: string, values: Partial<typeof serviceCategories.$inferInsert>): Promise<CategoryRow | undefined> {
  const [row] = await db.update(serviceCategories).set(values).where(eq(serviceCategories.code, code)).returning();
  return row;
}

// ---------------------------------------------------------------- departments

export async function listDepartments(db: Pick<Db, 'select'>): Promise<(DepartmentRow & { memberCount: number })[]> {
  return db
    .select({
      id: serviceDepartments.id, name: serviceDepartments.name, kind: serviceDepartments.kind, jurisdictionCode: serviceDepartments.jurisdictionCode,
      isActive: serviceDepartments.isActive, isDemo: serviceDepartments.isDemo, createdAt: serviceDepartments.createdAt,
      memberCount: sql<number>`(select count(*)::int from ${serviceDepartmentMembers} m where m.department_id = ${serviceDepartments.id})`,
    })
    .from(serviceDepartments)
    .orderBy(asc(serviceDepartments.name));
}

export async function findDepartmentsByIds(db: Pick<Db, 'select'>, ids: string[]): Promise<DepartmentRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(serviceDepartments).where(inArray(serviceDepartments.id, ids));
}

export async function insertDepartment(db: Executor, values: typeof serviceDepartments.$inferInsert): Promise<DepartmentRow> {
  const [row] = await db.insert(serviceDepartments).values(values).onConflictDoNothing().returning();
  if (!row) throw new AppError('SERVICE_DEPARTMENT_NAME_TAKEN', { params: { name: values.name } });
  return row;
}

export async function findDepartmentIdOfUser(db: Pick<Db, 'select'>, userId: string): Promise<string | null> {
  const [row] = await db.select({ id: serviceDepartmentMembers.departmentId }).from(serviceDepartmentMembers).where(eq(serviceDepartmentMembers.userId, userId));
  return row?.id ?? null;
}

export async function upsertDepartmentMember(db: Executor, userId: string, departmentId: string): Promise<void> {
  await db.insert(serviceDepartmentMembers).values({ userId, departmentId }).onConflictDoUpdate({ target: serviceDepartmentMembers.userId, set: { departmentId } });
}

// ---------------------------------------------------------------- requests

export type RequestFilter = {
  states?: RequestState[] | undefined;
  category?: string | undefined;
  division?: { prefixes: string[]; excludedPrefixes?: string[] | undefined } | undefined;
  departmentId?: string | undefined;
  enterpriseId?: string | undefined;
  overdue?: boolean | undefined;
  escalated?: boolean | undefined;
  createdFrom?: Date | undefined;
  createdBefore?: Date | undefined;
  q?: string | undefined;
  serials?: number[] | undefined;
};

function whereOf(rs: RequestScope, filter: RequestFilter): SQL {
  const conditions: SQL[] = [inRequestScope(rs)];
  if (filter.states?.length) conditions.push(inArray(serviceRequests.state, filter.states));
  if (filter.category) conditions.push(eq(serviceRequests.category, filter.category));
  if (filter.division) {
    const { prefixes, excludedPrefixes } = filter.division;
    conditions.push(scopeCondition({ kind: 'divisions', prefixes, ...(excludedPrefixes ? { excludedPrefixes } : {}) }, { division: serviceRequests.divisionCode, enterpriseId: serviceRequests.enterpriseId }));
  }
  if (filter.departmentId) conditions.push(eq(serviceRequests.leadDepartmentId, filter.departmentId));
  if (filter.enterpriseId) conditions.push(eq(serviceRequests.enterpriseId, filter.enterpriseId));
  if (filter.overdue !== undefined) conditions.push(eq(serviceRequests.isOverdue, filter.overdue));
  if (filter.escalated !== undefined) conditions.push(filter.escalated ? sql`${serviceRequests.escalationLevel} > 0` : sql`${serviceRequests.escalationLevel} = 0`);
  if (filter.createdFrom) conditions.push(sql`${serviceRequests.createdAt} >= ${filter.createdFrom.toISOString()}`);
  if (filter.createdBefore) conditions.push(sql`${serviceRequests.createdAt} < ${filter.createdBefore.toISOString()}`);
  if (filter.serials) conditions.push(filter.serials.length ? inArray(serviceRequests.serial, filter.serials) : sql`false`);
  if (filter.q) conditions.push(sql`${serviceRequests.title} ilike ${'%' + escapeLike(filter.q) + '%'}`);
  return and(...conditions) ?? sql`true`;
}

export type RequestSort = '-createdAt' | 'createdAt' | 'dueAt' | '-dueAt';

function orderOf(sort: RequestSort): SQL[] {
  switch (sort) {
    case '-createdAt':
      // Matches the index (created_at desc, id), so a page is an index scan, not a sort.
      return [desc(serviceRequests.createdAt), asc(serviceRequests.id)];
    case 'createdAt':
      return [asc(serviceRequests.createdAt), asc(serviceRequests.id)];
    case 'dueAt':
      return [asc(serviceRequests.dueAt), asc(serviceRequests.id)];
    case '-dueAt':
      return [desc(serviceRequests.dueAt), desc(serviceRequests.id)];
  }
}

export async function findRequestPage(db: Db, rs: RequestScope, filter: RequestFilter, options: { sort: RequestSort; offset: number; limit: number }): Promise<{ rows: RequestRow[]; total: number }> {
  const where = whereOf(rs, filter);
  const [rows, counted] = await Promise.all([
    db.select().from(serviceRequests).where(where).orderBy(...orderOf(options.sort)).limit(options.limit).offset(options.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(serviceRequests).where(where),
  ]);
  return { rows, total: counted[0]?.n ?? 0 };
}

export async function* iterateRequests(db: Db, rs: RequestScope, filter: RequestFilter, sort: RequestSort, batchSize = 2000): AsyncGenerator<RequestRow[]> {
  const where = whereOf(rs, filter);
  for (let offset = 0; ; offset += batchSize) {
    const rows = await db.select().from(serviceRequests).where(where).orderBy(...orderOf(sort)).limit(batchSize).offset(offset);
    if (rows.length) yield rows;
    if (rows.length < batchSize) return;
  }
}

export async function findRequestById(db: Pick<Db, 'select'>, rs: RequestScope, id: string, options: { forUpdate?: boolean } = {}): Promise<RequestRow | undefined> {
  const query = db.select().from(serviceRequests).where(and(eq(serviceRequests.id, id), inRequestScope(rs)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function insertRequest(db: Executor, values: RequestInsert): Promise<RequestRow> {
  const [row] = await db.insert(serviceRequests).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Updates a request if its version is still `version`; undefined when someone changed it first. */
export async function updateRequest(db: Executor, id: string, version: number, values: Partial<RequestInsert>): Promise<RequestRow | undefined> {
  const [row] = await db
    .update(serviceRequests)
    .set({ ...values, version: sql`${serviceRequests.version} + 1` })
    .where(and(eq(serviceRequests.id, id), eq(serviceRequests.version, version)))
    .returning();
  return row;
}

export async function insertEvents(db: Executor, events: EventInsert[]): Promise<EventRow[]> {
  if (events.length === 0) return [];
  return db.insert(serviceRequestEvents).values(events).returning();
}

export async function findEvents(db: Pick<Db, 'select'>, requestId: string): Promise<EventRow[]> {
  return db.select().from(serviceRequestEvents).where(eq(serviceRequestEvents.requestId, requestId)).orderBy(asc(serviceRequestEvents.at), asc(serviceRequestEvents.id));
}

export async function insertRating(db: Executor, values: typeof serviceRatings.$inferInsert): Promise<void> {
  await db.insert(serviceRatings).values(values);
}

export async function findRatings(db: Pick<Db, 'select'>, requestId: string): Promise<RatingRow[]> {
  return db.select().from(serviceRatings).where(eq(serviceRatings.requestId, requestId)).orderBy(asc(serviceRatings.round));
}

export async function findRequestIdsByVisits(db: Pick<Db, 'select'>, visitIds: string[]): Promise<{ id: string; visitId: string | null }[]> {
  if (visitIds.length === 0) return [];
  return db.select({ id: serviceRequests.id, visitId: serviceRequests.visitId }).from(serviceRequests).where(inArray(serviceRequests.visitId, visitIds));
}

// ---------------------------------------------------------------- statistics

export async function statsByColumn(db: Db, rs: RequestScope, filter: RequestFilter, column: 'state' | 'category' | 'district' | 'department') {
  const key = {
    state: sql<string>`${serviceRequests.state}`,
    category: sql<string>`${serviceRequests.category}`,
    district: sql<string>`left(${serviceRequests.divisionCode}, 6)`,
    department: sql<string>`coalesce(${serviceRequests.leadDepartmentId}::text, '')`,
  }[column];
  return db
    .select({
      key,
      count: sql<number>`count(*)::int`,
      resolved: sql<number>`count(${serviceRequests.resolvedAt})::int`,
      onTime: sql<number>`count(*) filter (where ${serviceRequests.resolvedOnTime})::int`,
      judged: sql<number>`count(${serviceRequests.resolvedOnTime})::int`,
    })
    .from(serviceRequests)
    .where(whereOf(rs, filter))
    .groupBy(key)
    .orderBy(sql`count(*) desc`);
}

export async function statsTotals(db: Db, rs: RequestScope, filter: RequestFilter) {
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      open: sql<number>`count(*) filter (where ${isOpen})::int`,
      overdueOpen: sql<number>`count(*) filter (where ${isOpen} and ${serviceRequests.isOverdue})::int`,
      onTime: sql<number>`count(*) filter (where ${serviceRequests.resolvedOnTime})::int`,
      judged: sql<number>`count(${serviceRequests.resolvedOnTime})::int`,
      averageDays: sql<number | null>`avg(extract(epoch from (${serviceRequests.resolvedAt} - ${serviceRequests.createdAt})) / 86400)`,
    })
    .from(serviceRequests)
    .where(whereOf(rs, filter));
  return row ?? { total: 0, open: 0, overdueOpen: 0, onTime: 0, judged: 0, averageDays: null };
}

/** Ratings of requests in scope: overall and per department that handled the rated round. */
export async function statsRatings(db: Db, rs: RequestScope, filter: RequestFilter) {
  return db
    .select({
      departmentId: sql<string>`coalesce(${serviceRatings.departmentId}::text, '')`,
      total: sql<number>`count(*)::int`,
      satisfied: sql<number>`count(*) filter (where ${serviceRatings.rating} in ('satisfied', 'basically_satisfied'))::int`,
    })
    .from(serviceRatings)
    .innerJoin(serviceRequests, eq(serviceRequests.id, serviceRatings.requestId))
    .where(whereOf(rs, filter))
    .groupBy(serviceRatings.departmentId);
}

export async function statsOldestOpen(db: Db, rs: RequestScope, filter: RequestFilter, limit: number): Promise<RequestRow[]> {
  return db.select().from(serviceRequests).where(and(whereOf(rs, filter), isOpen)).orderBy(asc(serviceRequests.createdAt)).limit(limit);
}

export async function statsMonthly(db: Db, rs: RequestScope, filter: RequestFilter, since: Date) {
  const where = whereOf(rs, filter);
  const created = await db
    .select({ month: sql<string>`to_char(${serviceRequests.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`, n: sql<number>`count(*)::int` })
    .from(serviceRequests)
    .where(and(where, sql`${serviceRequests.createdAt} >= ${since.toISOString()}`))
    .groupBy(sql`1`);
  const resolved = await db
    .select({ month: sql<string>`to_char(${serviceRequests.resolvedAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`, n: sql<number>`count(*)::int` })
    .from(serviceRequests)
    .where(and(where, isNotNull(serviceRequests.resolvedAt), sql`${serviceRequests.resolvedAt} >= ${since.toISOString()}`))
    .groupBy(sql`1`);
  return { created, resolved };
}

// ---------------------------------------------------------------- deadline sweep

/**
 * Marks open, running requests past their deadline as overdue and raises their escalation
 * level, once: the WHERE re-checks `not is_overdue` under the row lock, so a second sweep (in
 * another process, at the same moment) updates nothing.
 */
export async function markOverdue(db: Executor, now: Date): Promise<RequestRow[]> {
  return db
    .update(serviceRequests)
    .set({ isOverdue: true, overdueAt: now, escalationLevel: sql`${serviceRequests.escalationLevel} + 1`, updatedAt: now, version: sql`${serviceRequests.version} + 1` })
    .where(and(isOpen, isNull(serviceRequests.pausedSince), eq(serviceRequests.isOverdue, false), lt(serviceRequests.dueAt, now)))
    .returning();
}

/** Open, running requests due before `before` with no reminder yet for this deadline; the unique index makes the insert happen once. */
export async function insertDueSoonReminders(db: Executor, now: Date, before: Date): Promise<{ requestId: string; divisionCode: string }[]> {
  const result = await db.execute<{ request_id: string; division_code: string }>(sql`
    insert into ${serviceReminders} (request_id, kind, due_at, department_id, division_code, at)
    select ${serviceRequests.id}, 'due_soon', ${serviceRequests.dueAt}, ${serviceRequests.leadDepartmentId}, ${serviceRequests.divisionCode}, ${now.toISOString()}::timestamptz
      from ${serviceRequests}
     where ${isOpen} and ${serviceRequests.pausedSince} is null and not ${serviceRequests.isOverdue}
       and ${serviceRequests.dueAt} >= ${now.toISOString()}::timestamptz and ${serviceRequests.dueAt} < ${before.toISOString()}::timestamptz
    on conflict (request_id, kind, due_at) do nothing
    returning request_id, division_code`);
  return result.rows.map((r) => ({ requestId: r.request_id, divisionCode: r.division_code }));
}

export async function insertOverdueReminders(db: Executor, rows: RequestRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(serviceReminders)
    .values(rows.map((r) => ({ requestId: r.id, kind: 'overdue' as const, dueAt: r.dueAt, departmentId: r.leadDepartmentId, divisionCode: r.divisionCode, at: now })))
    .onConflictDoNothing();
}

export async function countReminders(db: Pick<Db, 'select'>, requestId: string): Promise<{ kind: string; n: number }[]> {
  return db.select({ kind: serviceReminders.kind, n: sql<number>`count(*)::int` }).from(serviceReminders).where(eq(serviceReminders.requestId, requestId)).groupBy(serviceReminders.kind);
}

// ---------------------------------------------------------------- liaisons and visits

const liaisonScope = (scope: Scope) => scopeCondition(scope, { division: serviceLiaisons.divisionCode, enterpriseId: serviceLiaisons.enterpriseId });
const visitScope = (scope: Scope) => scopeCondition(scope, { division: serviceVisits.divisionCode, enterpriseId: serviceVisits.enterpriseId });

export async function insertLiaison(db: Executor, values: typeof serviceLiaisons.$inferInsert): Promise<LiaisonRow> {
  const [row] = await db.insert(serviceLiaisons).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findActiveLiaison(db: Pick<Db, 'select'>, officerId: string, enterpriseId: string, today: string): Promise<LiaisonRow | undefined> {
  const [row] = await db
    .select()
    .from(serviceLiaisons)
    .where(and(eq(serviceLiaisons.officerId, officerId), eq(serviceLiaisons.enterpriseId, enterpriseId), sql`(${serviceLiaisons.until} is null or ${serviceLiaisons.until} >= ${today})`));
  return row;
}

export async function findLiaisonById(db: Pick<Db, 'select'>, scope: Scope, id: string): Promise<LiaisonRow | undefined> {
  const [row] = await db.select().from(serviceLiaisons).where(and(eq(serviceLiaisons.id, id), liaisonScope(scope)));
  return row;
}

export async function updateLiaisonUntil(db: Executor, id: string, until: string): Promise<LiaisonRow | undefined> {
  const [row] = await db.update(serviceLiaisons).set({ until }).where(eq(serviceLiaisons.id, id)).returning();
  return row;
}

export async function findLiaisonPage(db: Db, scope: Scope, filter: { enterpriseId?: string | undefined; officerId?: string | undefined; activeOn?: string | undefined }, page: { offset: number; limit: number }) {
  const conditions: SQL[] = [liaisonScope(scope)];
  if (filter.enterpriseId) conditions.push(eq(serviceLiaisons.enterpriseId, filter.enterpriseId));
  if (filter.officerId) conditions.push(eq(serviceLiaisons.officerId, filter.officerId));
  if (filter.activeOn) conditions.push(sql`(${serviceLiaisons.until} is null or ${serviceLiaisons.until} >= ${filter.activeOn})`);
  const where = and(...conditions);
  const [rows, counted] = await Promise.all([
    db.select().from(serviceLiaisons).where(where).orderBy(desc(serviceLiaisons.since), asc(serviceLiaisons.id)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(serviceLiaisons).where(where),
  ]);
  return { rows, total: counted[0]?.n ?? 0 };
}

/** Per officer in scope: enterprises looked after today, their open requests, visits since `quarterStart`. */
export async function findOfficerLoad(db: Db, scope: Scope, today: string, quarterStart: string) {
  const result = await db.execute<{ officer_id: string; officer_name: string; enterprises: number; open_requests: number; visits: number }>(sql`
    select ${serviceLiaisons.officerId} as officer_id, max(${serviceLiaisons.officerName}) as officer_name, count(distinct ${serviceLiaisons.enterpriseId})::int as enterprises,
           (select count(*)::int from ${serviceRequests} r
             where r.enterprise_id in (select l2.enterprise_id from ${serviceLiaisons} l2 where l2.officer_id = ${serviceLiaisons.officerId} and (l2.until is null or l2.until >= ${today}))
               and r.state in ('submitted', 'accepted', 'dispatched', 'in_progress', 'returned')) as open_requests,
           (select count(*)::int from ${serviceVisits} v where v.officer_id = ${serviceLiaisons.officerId} and v.visited_on >= ${quarterStart}) as visits
      from ${serviceLiaisons}
     where ${liaisonScope(scope)} and (${serviceLiaisons.until} is null or ${serviceLiaisons.until} >= ${today})
     group by ${serviceLiaisons.officerId}
     order by enterprises desc, ${serviceLiaisons.officerId}
     limit 500`);
  return result.rows;
}

export async function insertVisit(db: Executor, values: typeof serviceVisits.$inferInsert): Promise<VisitRow> {
  const [row] = await db.insert(serviceVisits).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findVisitById(db: Pick<Db, 'select'>, scope: Scope, id: string): Promise<VisitRow | undefined> {
  const [row] = await db.select().from(serviceVisits).where(and(eq(serviceVisits.id, id), visitScope(scope)));
  return row;
}

export async function findVisitPage(db: Db, scope: Scope, filter: { enterpriseId?: string | undefined; officerId?: string | undefined }, page: { offset: number; limit: number }) {
  const conditions: SQL[] = [visitScope(scope)];
  if (filter.enterpriseId) conditions.push(eq(serviceVisits.enterpriseId, filter.enterpriseId));
  if (filter.officerId) conditions.push(eq(serviceVisits.officerId, filter.officerId));
  const where = and(...conditions);
  const [rows, counted] = await Promise.all([
    db.select().from(serviceVisits).where(where).orderBy(desc(serviceVisits.visitedOn), desc(serviceVisits.createdAt)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(serviceVisits).where(where),
  ]);
  return { rows, total: counted[0]?.n ?? 0 };
}


// ---------------------------------------------------------------- visit plans

export type VisitPlanRow = typeof serviceVisitPlans.$inferSelect;

export async function upsertVisitPlan(db: Executor, values: typeof serviceVisitPlans.$inferInsert): Promise<{ row: VisitPlanRow; before: number | null }> {
  const [previous] = await db.select({ plannedVisits: serviceVisitPlans.plannedVisits }).from(serviceVisitPlans).where(and(eq(serviceVisitPlans.officerId, values.officerId), eq(serviceVisitPlans.quarter, values.quarter)));
  const [row] = await db
    .insert(serviceVisitPlans)
    .values(values)
    .onConflictDoUpdate({ target: [serviceVisitPlans.officerId, serviceVisitPlans.quarter], set: { plannedVisits: values.plannedVisits, officerName: values.officerName, updatedBy: values.updatedBy, updatedAt: values.updatedAt } })
    .returning();
  if (!row) throw new Error('upsert returned no row');
  return { row, before: previous?.plannedVisits ?? null };
}

/** Plans of a quarter for officers in scope, with the visits each recorded between `from` and `to` (inclusive dates). */
export async function findVisitPlans(db: Pick<Db, 'select'>, scope: Scope, quarter: string, from: string, to: string) {
  if (scope.kind === 'enterprise' || scope.kind === 'none') return [];
  const inScope = scopeCondition(scope, { division: serviceVisitPlans.jurisdictionCode, enterpriseId: serviceVisitPlans.officerId });
  return db
    .select({
      officerId: serviceVisitPlans.officerId,
      officerName: serviceVisitPlans.officerName,
      jurisdictionCode: serviceVisitPlans.jurisdictionCode,
      plannedVisits: serviceVisitPlans.plannedVisits,
      doneVisits: sql<number>`(select count(*)::int from ${serviceVisits} v where v.officer_id = ${serviceVisitPlans.officerId} and v.visited_on between ${from} and ${to})`,
    })
    .from(serviceVisitPlans)
    .where(and(eq(serviceVisitPlans.quarter, quarter), inScope))
    .orderBy(asc(serviceVisitPlans.officerName));
}

export async function countVisitsBetween(db: Pick<Db, 'select'>, officerId: string, from: string, to: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(serviceVisits).where(and(eq(serviceVisits.officerId, officerId), sql`${serviceVisits.visitedOn} between ${from} and ${to}`));
  return row?.n ?? 0;
}

/** Reminders of the last `days` on requests the caller may see, newest first. */
export async function findReminders(db: Pick<Db, 'select'>, rs: RequestScope, since: Date, limit: number) {
  return db
    .select({
      id: serviceReminders.id, kind: serviceReminders.kind, dueAt: serviceReminders.dueAt, at: serviceReminders.at,
      requestId: serviceRequests.id, serial: serviceRequests.serial, title: serviceRequests.title, state: serviceRequests.state, enterpriseName: serviceRequests.enterpriseName,
    })
    .from(serviceReminders)
    .innerJoin(serviceRequests, eq(serviceRequests.id, serviceReminders.requestId))
    .where(and(inRequestScope(rs), sql`${serviceReminders.at} >= ${since.toISOString()}`))
    .orderBy(desc(serviceReminders.at), desc(serviceReminders.id))
    .limit(limit);
}
