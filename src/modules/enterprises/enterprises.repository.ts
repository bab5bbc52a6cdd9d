import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../../server/actor.ts';
import type { Db } from '../../server/db/index.ts';
import { escapeLike, scopeCondition } from '../../server/db/scope-sql.ts';
import { insertJsonRows, updateJsonRows } from '../../server/db/bulk.ts';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../server/errors.ts';
import { enterpriseIndicators, enterprises, importJobs, type SIZE_CLASSES } from './enterprises.tables.ts';
import type { SearchPlan } from './search-tokens.ts';

export type EnterpriseRow = typeof enterprises.$inferSelect;
export type EnterpriseInsert = typeof enterprises.$inferInsert;
export type IndicatorRow = typeof enterpriseIndicators.$inferSelect;
export type IndicatorInsert = typeof enterpriseIndicators.$inferInsert;

type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'execute'>;

export type EnterpriseFilter = {
  /** A division subtree set (a jurisdiction), possibly with excluded sub-subtrees. */
  division?: { prefixes: string[]; excludedPrefixes?: string[] | undefined } | undefined;
  industryPrefix?: string | undefined;
  sizeClasses?: (typeof SIZE_CLASSES)[number][] | undefined;
  aboveScale?: boolean | undefined;
  tags?: string[] | undefined;
  foundedFrom?: number | undefined;
  foundedTo?: number | undefined;
  search?: SearchPlan | undefined;
  /** One-typo variants: rows matching any of them. */
  fuzzy?: { tokens: string[]; likePattern: string }[] | undefined;
};

export type EnterpriseSort = 'revenueWan' | '-revenueWan' | 'employees' | '-employees' | 'name' | '-name' | 'foundedOn' | '-foundedOn';

const inScope = (scope: Scope) => scopeCondition(scope, { division: enterprises.divisionCode, enterpriseId: enterprises.id });

function textArray(values: string[]): SQL {
  return sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
}

function searchCondition(plan: SearchPlan): SQL {
  switch (plan.kind) {
    case 'none':
      return sql`true`;
    // A 2-character query is exactly its one bigram: no LIKE, whose misestimated selectivity
    // would make the planner sort every hit instead of walking the revenue index.
    case 'substring':
      if (plan.tokens.length === 1 && Array.from(plan.pattern).length === 2) return sql`(${enterprises.searchTokens} @> ${textArray(plan.tokens)})`;
      return sql`(${enterprises.searchTokens} @> ${textArray(plan.tokens)} and lower(${enterprises.name}) like ${'%' + escapeLike(plan.pattern) + '%'})`;
    case 'initials':
      if (plan.pattern.length === 2) return sql`(${enterprises.searchTokens} @> ${textArray(plan.tokens)})`;
      return sql`(${enterprises.searchTokens} @> ${textArray(plan.tokens)} and ${enterprises.nameInitials} like ${'%' + escapeLike(plan.pattern) + '%'})`;
    case 'code':
      return sql`(${enterprises.creditCode} like ${escapeLike(plan.prefix) + '%'})`;
    case 'single-char':
      return sql`(lower(${enterprises.name}) like ${'%' + escapeLike(plan.pattern) + '%'})`;
  }
}

function whereOf(scope: Scope, filter: EnterpriseFilter): SQL {
  const conditions: SQL[] = [inScope(scope)];
  if (filter.division) {
    const { prefixes, excludedPrefixes } = filter.division;
    conditions.push(scopeCondition({ kind: 'divisions', prefixes, ...(excludedPrefixes ? { excludedPrefixes } : {}) }, { division: enterprises.divisionCode, enterpriseId: enterprises.id }));
  }
  if (filter.industryPrefix) conditions.push(sql`${enterprises.industryCode} like ${escapeLike(filter.industryPrefix) + '%'}`);
  if (filter.sizeClasses?.length) conditions.push(inArray(enterprises.sizeClass, filter.sizeClasses));
  if (filter.aboveScale !== undefined) conditions.push(eq(enterprises.aboveScale, filter.aboveScale));
  if (filter.tags?.length) conditions.push(sql`${enterprises.tags} @> ${textArray(filter.tags)}`);
  if (filter.foundedFrom) conditions.push(sql`${enterprises.foundedOn} >= ${`${filter.foundedFrom}-01-01`}`);
  if (filter.foundedTo) conditions.push(sql`${enterprises.foundedOn} <= ${`${filter.foundedTo}-12-31`}`);
  if (filter.search) conditions.push(searchCondition(filter.search));
  if (filter.fuzzy) {
    // One index scan per variant, united: an OR of @> conditions makes the planner scan the table.
    const parts = filter.fuzzy.map(
      (v) => sql`select ${enterprises.id} from ${enterprises} where ${enterprises.searchTokens} @> ${textArray(v.tokens)} and lower(${enterprises.name}) like ${'%' + v.likePattern + '%'}`,
    );
    conditions.push(parts.length ? sql`${enterprises.id} in (${sql.join(parts, sql` union `)})` : sql`false`);
  }
  return and(...conditions) ?? sql`true`;
}

function orderOf(sort: EnterpriseSort | undefined): SQL[] {
  const tail = [asc(enterprises.id)];
  switch (sort) {
    case 'revenueWan':
      return [sql`${enterprises.revenueWan} asc nulls first`, ...tail];
    case '-revenueWan':
      return [sql`${enterprises.revenueWan} desc nulls last`, ...tail];
    case 'employees':
      return [sql`${enterprises.employees} asc nulls first`, ...tail];
    case '-employees':
      return [sql`${enterprises.employees} desc nulls last`, ...tail];
    case 'name':
      return [asc(enterprises.name), ...tail];
    case '-name':
      return [desc(enterprises.name), ...tail];
    case 'foundedOn':
      return [sql`${enterprises.foundedOn} asc nulls last`, ...tail];
    case '-foundedOn':
      return [sql`${enterprises.foundedOn} desc nulls last`, ...tail];
    case undefined:
      // Largest first, for searches too: it lets the revenue index answer broad queries under LIMIT.
      return [sql`${enterprises.revenueWan} desc nulls last`, ...tail];
  }
}

/** Counting stops here; past it the total is the planner's estimate (an exact count of 200,000 rows costs 100 ms at 1M). */
export const EXACT_COUNT_LIMIT = 10_000;

/** One page of enterprises inside the scope, with the total (exact up to EXACT_COUNT_LIMIT, estimated beyond). */
export async function findEnterprisePage(
  db: Db,
  scope: Scope,
  filter: EnterpriseFilter,
  options: { sort?: EnterpriseSort | undefined; offset: number; limit: number; exactCountLimit?: number },
): Promise<{ rows: EnterpriseRow[]; total: number; totalIsEstimate: boolean }> {
  const where = whereOf(scope, filter);
  const cap = options.exactCountLimit ?? EXACT_COUNT_LIMIT;
  const order = orderOf(options.sort);
  const counted = await db.execute<{ n: number }>(sql`select count(*)::int as n from (select 1 from ${enterprises} where ${where} limit ${cap + 1}) as capped`);
  const exact = counted.rows[0]?.n ?? 0;
  if (exact <= cap) {
    // Few matches: collect them through the filter indexes (the covering ones answer without the heap),
    // sort them, and only then read the page's rows. `offset 0` keeps the planner from walking the
    // revenue index instead, which is slow when the filter selects small firms.
    const keys = sql`${enterprises.id}, ${enterprises.revenueWan}, ${enterprises.employees}, ${enterprises.name}, ${enterprises.foundedOn}`;
    const ids = sql`select ${enterprises.id} from (select ${keys} from ${enterprises} where ${where} offset 0) as ${enterprises} order by ${sql.join(order, sql`, `)} limit ${options.limit} offset ${options.offset}`;
    const rows = exact === 0 ? [] : await db.select().from(enterprises).where(sql`${enterprises.id} in (${ids})`).orderBy(...order);
    return { rows, total: exact, totalIsEstimate: false };
  }
  const [rows, plan] = await Promise.all([
    db.select().from(enterprises).where(where).orderBy(...order).limit(options.limit).offset(options.offset),
    db.execute<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(sql`explain (format json) select 1 from ${enterprises} where ${where}`),
  ]);
  const estimate = plan.rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? exact;
  return { rows, total: Math.max(cap + 1, Math.round(estimate)), totalIsEstimate: true };
}

/** Streams every enterprise of a filtered, scoped list in batches (for exports). */
export async function* iterateEnterprises(db: Db, scope: Scope, filter: EnterpriseFilter, sort: EnterpriseSort | undefined, batchSize = 2000): AsyncGenerator<EnterpriseRow[]> {
  const where = whereOf(scope, filter);
  for (let offset = 0; ; offset += batchSize) {
    const rows = await db.select().from(enterprises).where(where).orderBy(...orderOf(sort)).limit(batchSize).offset(offset);
    if (rows.length) yield rows;
    if (rows.length < batchSize) return;
  }
}

/** The columns matching (政策找企业) reads: no contacts, no search tokens. */
const MATCHING_COLUMNS = {
  id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode, divisionCode: enterprises.divisionCode, industryCode: enterprises.industryCode,
  foundedOn: enterprises.foundedOn, legalEntity: enterprises.legalEntity, employees: enterprises.employees, revenueWan: enterprises.revenueWan,
  mainBusinessRevenueWan: enterprises.mainBusinessRevenueWan, assetsWan: enterprises.assetsWan, rdExpenseWan: enterprises.rdExpenseWan, taxWan: enterprises.taxWan,
  landMu: enterprises.landMu, energyTce: enterprises.energyTce, patents: enterprises.patents, exportWan: enterprises.exportWan,
  sizeClass: enterprises.sizeClass, aboveScale: enterprises.aboveScale, tags: enterprises.tags,
};
export type EnterpriseMatchingRow = { [K in keyof typeof MATCHING_COLUMNS]: EnterpriseRow[K] };

/**
 * Every enterprise's matching columns in id order, `batchSize` at a time, by keyset (`id > last`,
 * the primary key index): no offset to skip over, and never the whole registry in one result.
 */
export async function* iterateMatchingRows(db: Pick<Db, 'select'>, batchSize = 20000): AsyncGenerator<EnterpriseMatchingRow[]> {
  let last: string | null = null;
  for (;;) {
    const rows: EnterpriseMatchingRow[] = await db
      .select(MATCHING_COLUMNS)
      .from(enterprises)
      .where(last === null ? undefined : sql`${enterprises.id} > ${last}`)
      .orderBy(asc(enterprises.id))
      .limit(batchSize);
    if (rows.length > 0) yield rows;
    const tail = rows[rows.length - 1];
    if (rows.length < batchSize || !tail) return;
    last = tail.id;
  }
}

/** Some enterprises' matching columns by id, regardless of scope (one array parameter). */
export async function findMatchingRowsByIds(db: Pick<Db, 'select'>, ids: readonly string[]): Promise<EnterpriseMatchingRow[]> {
  if (ids.length === 0) return [];
  return db.select(MATCHING_COLUMNS).from(enterprises).where(sql`${enterprises.id} = any(${sql.param([...ids])}::uuid[])`);
}

export async function findEnterpriseById(db: Pick<Db, 'select'>, scope: Scope, id: string): Promise<EnterpriseRow | undefined> {
  const [row] = await db.select().from(enterprises).where(and(eq(enterprises.id, id), inScope(scope)));
  return row;
}

/** Enterprises by credit code, regardless of scope (for import upserts: a code outside the scope must not be overwritten or created twice). */
export async function findEnterprisesByCreditCodes(db: Pick<Db, 'select'>, codes: string[]): Promise<EnterpriseRow[]> {
  if (codes.length === 0) return [];
  // One array parameter: a bulk import asks for 10,000 codes at a time, and as many bind parameters cost more than the lookup.
  return db.select().from(enterprises).where(sql`${enterprises.creditCode} = any(${sql.param(codes)}::text[])`);
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

export async function insertEnterprise(db: Executor, values: EnterpriseInsert): Promise<EnterpriseRow> {
  try {
    const [row] = await db.insert(enterprises).values(values).returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ENTERPRISE_CREDIT_CODE_TAKEN', { params: { creditCode: values.creditCode } });
    throw error;
  }
}

/** Updates one row if its version is still `expectedVersion`; undefined when someone else changed it first. */
export async function updateEnterprise(db: Executor, id: string, expectedVersion: number, values: Partial<EnterpriseInsert>): Promise<EnterpriseRow | undefined> {
  try {
    const [row] = await db
      .update(enterprises)
      .set({ ...values, version: sql`${enterprises.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(enterprises.id, id), eq(enterprises.version, expectedVersion)))
      .returning();
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ENTERPRISE_CREDIT_CODE_TAKEN', { params: { creditCode: String(values.creditCode ?? '') } });
    throw error;
  }
}

export async function upsertIndicators(db: Executor, values: typeof enterpriseIndicators.$inferInsert): Promise<void> {
  const { enterpriseId: _id, year: _year, ...rest } = values;
  await db.insert(enterpriseIndicators).values(values).onConflictDoUpdate({ target: [enterpriseIndicators.enterpriseId, enterpriseIndicators.year], set: rest });
}

export async function findIndicators(db: Pick<Db, 'select'>, enterpriseId: string): Promise<IndicatorRow[]> {
  return db.select().from(enterpriseIndicators).where(eq(enterpriseIndicators.enterpriseId, enterpriseId)).orderBy(desc(enterpriseIndicators.year));
}

export type EnterpriseSummary = {
  total: number;
  aboveScaleCount: number;
  tagCounts: Record<string, number>;
  byCounty: { code: string; count: number; aboveScaleCount: number }[];
  byIndustryDivision: { code: string; count: number }[];
  bySizeClass: { sizeClass: EnterpriseRow['sizeClass']; count: number }[];
};

/** Counts for the dashboard, inside the scope. */
export async function summarizeEnterprises(db: Db, scope: Scope): Promise<EnterpriseSummary> {
  const where = inScope(scope);
  const [totals, byCounty, byIndustry, bySize, tags] = await Promise.all([
    db.select({ total: sql<number>`count(*)::int`, above: sql<number>`count(*) filter (where ${enterprises.aboveScale})::int` }).from(enterprises).where(where),
    db
      .select({ code: sql<string>`left(${enterprises.divisionCode}, 6)`, count: sql<number>`count(*)::int`, aboveScaleCount: sql<number>`count(*) filter (where ${enterprises.aboveScale})::int` })
      .from(enterprises).where(where).groupBy(sql`1`).orderBy(sql`2 desc`),
    db.select({ code: sql<string>`left(${enterprises.industryCode}, 3)`, count: sql<number>`count(*)::int` }).from(enterprises).where(where).groupBy(sql`1`).orderBy(sql`2 desc`),
    db.select({ sizeClass: enterprises.sizeClass, count: sql<number>`count(*)::int` }).from(enterprises).where(where).groupBy(enterprises.sizeClass),
    db.execute<{ tag: string; count: number }>(sql`select t.tag, count(*)::int as count from ${enterprises}, unnest(${enterprises.tags}) as t(tag) where ${where} group by t.tag`),
  ]);
  return {
    total: totals[0]?.total ?? 0,
    aboveScaleCount: totals[0]?.above ?? 0,
    tagCounts: Object.fromEntries(tags.rows.map((r) => [r.tag, r.count])),
    byCounty,
    byIndustryDivision: byIndustry,
    bySizeClass: bySize,
  };
}

/** Inserts many enterprises (seeding and bulk import) with ids made here; returns ids by credit code. */
export async function insertEnterprisesBulk(db: Executor, rows: EnterpriseInsert[], chunk = 2000): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let i = 0; i < rows.length; i += chunk) {
    const slice = rows.slice(i, i + chunk).map((r) => ({ ...r, id: r.id ?? randomUUID() }));
    await insertJsonRows(db, enterprises, slice);
    for (const r of slice) ids.set(r.creditCode, r.id);
  }
  return ids;
}

/**
 * Updates many enterprises at once, each only if its version is still the one given; bumps the
 * versions and `updatedAt`. Returns how many were updated (fewer than given: someone else was first).
 */
export async function updateEnterprisesBulk(db: Executor, rows: (Partial<EnterpriseInsert> & { id: string; version: number })[]): Promise<number> {
  return updateJsonRows(db, enterprises, rows, { match: ['id', 'version'], also: sql.raw('"version" = t."version" + 1, "updated_at" = now()') });
}

/** Writes many enterprises' figures of a year, replacing figures already there. */
export async function upsertIndicatorsBulk(db: Executor, rows: (typeof enterpriseIndicators.$inferInsert)[], chunk = 10_000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    await insertJsonRows(db, enterpriseIndicators, rows.slice(i, i + chunk), { onConflictUpdate: ['enterprise_id', 'year'] });
  }
}

/**
 * Settings for one bulk-write transaction: GIN index entries (search tokens, tags) collect in a
 * larger pending list, merged into the index in sorted runs instead of one posting-tree descent
 * per token; and a batch's JSON rows stay in memory instead of spilling to a temporary file.
 */
export async function tuneForBulkWrite(db: Pick<Db, 'execute'>): Promise<void> {
  await db.execute(sql`set local gin_pending_list_limit = '64MB'`);
  await db.execute(sql`set local work_mem = '64MB'`);
}

export async function insertIndicatorsBulk(db: Executor, rows: (typeof enterpriseIndicators.$inferInsert)[], chunk = 5000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    await insertJsonRows(db, enterpriseIndicators, rows.slice(i, i + chunk), { onConflictDoNothing: true });
  }
}

export async function countEnterprises(db: Pick<Db, 'select'>): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(enterprises);
  return row?.n ?? 0;
}

export async function findFirstEnterpriseInDivision(db: Pick<Db, 'select'>, prefix: string): Promise<EnterpriseRow | undefined> {
  const [row] = await db.select().from(enterprises).where(sql`${enterprises.divisionCode} like ${escapeLike(prefix) + '%'}`).orderBy(sql`${enterprises.revenueWan} desc nulls last`).limit(1);
  return row;
}

export type ImportJobRow = typeof importJobs.$inferSelect;

export async function insertImportJob(db: Pick<Db, 'insert'>, values: typeof importJobs.$inferInsert): Promise<ImportJobRow> {
  const [row] = await db.insert(importJobs).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateImportJob(db: Pick<Db, 'update'>, id: string, values: Partial<typeof importJobs.$inferInsert>): Promise<void> {
  await db.update(importJobs).set(values).where(eq(importJobs.id, id));
}

export async function findImportJob(db: Pick<Db, 'select'>, id: string, createdBy: string | null): Promise<ImportJobRow | undefined> {
  const [row] = await db.select().from(importJobs).where(createdBy ? and(eq(importJobs.id, id), eq(importJobs.createdBy, createdBy)) : eq(importJobs.id, id));
  return row;
}

/** Jobs left running by a process that stopped are marked failed at start. */
/** After a large import: fresh planner statistics and visibility map, so counts stay index-only. */
export async function refreshEnterpriseStatistics(db: Pick<Db, 'execute'>): Promise<void> {
  await db.execute(sql`vacuum analyze ${enterprises}`);
}
