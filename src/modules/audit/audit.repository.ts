import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
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
