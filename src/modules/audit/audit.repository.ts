import { and, asc, desc, eq, gte, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../server/db/index.ts';
import { auditLog } from './audit.tables.ts';
import { insertJsonRows } from '../../server/db/bulk.ts';

export type AuditInsert = typeof auditLog.$inferInsert;
export type AuditRow = typeof auditLog.$inferSelect;

type Executor = Pick<Db, 'execute'>;

export async function insertAuditRows(db: Executor, rows: AuditInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) await insertJsonRows(db, auditLog, rows.slice(i, i + 5000));
}

export type AuditFilter = {
  actor?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
};

function where(filter: AuditFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.actor) conditions.push(sql`${auditLog.actorName} = ${filter.actor}`);
  if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to) conditions.push(lte(auditLog.at, filter.to));
  return conditions.length ? and(...conditions) : undefined;
}

export async function findAuditRows(db: Db, filter: AuditFilter, page: { offset: number; limit: number }): Promise<{ rows: AuditRow[]; total: number }> {
  const condition = where(filter);
  const rows = await db.select().from(auditLog).where(condition).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(condition);
  return { rows, total: count?.n ?? 0 };
}

/** One audit row as the change feed reads it. */
export type AuditChange = { id: number; entityType: string; entityId: string; action: string };

/** Audit rows with an id above `after` or inside one of `ranges` (inclusive), in id order, at most `limit`. */
export async function findAuditChanges(db: Pick<Db, 'select'>, query: { after: number; ranges: readonly (readonly [number, number])[]; limit: number }): Promise<AuditChange[]> {
  const conditions = [sql`${auditLog.id} > ${query.after}`, ...query.ranges.map(([from, to]) => sql`${auditLog.id} between ${from} and ${to}`)];
  return db
    .select({ id: auditLog.id, entityType: auditLog.entityType, entityId: auditLog.entityId, action: auditLog.action })
    .from(auditLog)
    .where(or(...conditions))
    .orderBy(asc(auditLog.id))
    .limit(query.limit);
}

/** The highest audit id written so far (0 when the log is empty). */
export async function findLatestAuditId(db: Pick<Db, 'select'>): Promise<number> {
  const [row] = await db.select({ id: sql<number>`coalesce(max(${auditLog.id}), 0)::bigint` }).from(auditLog);
  return Number(row?.id ?? 0);
}
