/** SQL of the policy catalogue: documents, items, their versions, and full re-match runs. */
import { and, asc, desc, eq, exists, max, sql } from 'drizzle-orm';
import type { Db } from '../../server/db/index.ts';
import { AppError } from '../../server/errors.ts';
import { policyDocuments, policyItemVersions, policyItems, policyMatchRuns } from './policies.tables.ts';

export type PolicyDocumentRow = typeof policyDocuments.$inferSelect;
export type PolicyDocumentInsert = typeof policyDocuments.$inferInsert;
export type PolicyItemRow = typeof policyItems.$inferSelect;
export type PolicyItemVersionRow = typeof policyItemVersions.$inferSelect;
export type PolicyItemVersionInsert = typeof policyItemVersions.$inferInsert;
export type PolicyMatchRunRow = typeof policyMatchRuns.$inferSelect;

type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'execute'>;

/** An item with its document and every version (oldest first). */
export type StoredPolicyItem = PolicyItemRow & { document: PolicyDocumentRow; versions: PolicyItemVersionRow[] };

/** Every item (or the ones named) with its document and versions, in catalogue order. */
export async function loadStoredItems(db: Pick<Db, 'select'>, ids?: readonly string[]): Promise<StoredPolicyItem[]> {
  const itemRows = await db
    .select()
    .from(policyItems)
    .where(ids ? sql`${policyItems.id} = any(${sql.param([...ids])}::text[])` : undefined)
    .orderBy(asc(policyItems.sortOrder), asc(policyItems.createdAt), asc(policyItems.id));
  if (itemRows.length === 0) return [];
  const itemIds = itemRows.map((r) => r.id);
  const documentIds = [...new Set(itemRows.map((r) => r.documentId))];
  const documents = await db.select().from(policyDocuments).where(sql`${policyDocuments.id} = any(${sql.param(documentIds)}::text[])`);
  const versions = await db
    .select()
    .from(policyItemVersions)
    .where(sql`${policyItemVersions.itemId} = any(${sql.param(itemIds)}::text[])`)
    .orderBy(asc(policyItemVersions.itemId), asc(policyItemVersions.version));
  const documentById = new Map(documents.map((d) => [d.id, d]));
  const versionsOf = new Map<string, PolicyItemVersionRow[]>();
  for (const v of versions) versionsOf.set(v.itemId, [...(versionsOf.get(v.itemId) ?? []), v]);
  return itemRows.flatMap((row) => {
    const document = documentById.get(row.documentId);
    return document ? [{ ...row, document, versions: versionsOf.get(row.id) ?? [] }] : [];
  });
}

export async function countItems(db: Pick<Db, 'select'>): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(policyItems);
  return row?.n ?? 0;
}

export async function listDocuments(db: Pick<Db, 'select'>): Promise<PolicyDocumentRow[]> {
  return db.select().from(policyDocuments).orderBy(desc(policyDocuments.createdAt), asc(policyDocuments.id));
}

export async function findDocument(db: Pick<Db, 'select'>, id: string): Promise<PolicyDocumentRow | undefined> {
  const [row] = await db.select().from(policyDocuments).where(eq(policyDocuments.id, id));
  return row;
}

/** A document with whether one of its items is published (then it and its files are public). */
export type PolicyDocumentState = PolicyDocumentRow & { isPublic: boolean };

/** Documents (one, or all newest first) with whether one of their items is published. */
export async function findDocumentStates(db: Pick<Db, 'select'>, id?: string): Promise<PolicyDocumentState[]> {
  // A subquery builder, not a raw `sql` fragment: in a select list Drizzle writes a single table's
  // columns unqualified, and `document_id = id` inside the subquery would compare the item's own id.
  const published = db.select({ one: sql`1` }).from(policyItems).where(and(eq(policyItems.documentId, policyDocuments.id), eq(policyItems.state, 'published')));
  const rows = await db
    .select({ document: policyDocuments, isPublic: sql<boolean>`${exists(published)}` })
    .from(policyDocuments)
    .where(id === undefined ? undefined : eq(policyDocuments.id, id))
    .orderBy(desc(policyDocuments.createdAt), asc(policyDocuments.id));
  return rows.map((r) => ({ ...r.document, isPublic: r.isPublic === true }));
}

/** Locks a document row in this transaction: `update` for an edit, `share` to keep it as read while adding an item. */
export async function lockDocument(db: Executor, id: string, mode: 'update' | 'share' = 'update'): Promise<PolicyDocumentRow | undefined> {
  const [row] = await db.select().from(policyDocuments).where(eq(policyDocuments.id, id)).for(mode);
  return row;
}

export async function updateDocument(db: Executor, id: string, values: Partial<PolicyDocumentInsert>): Promise<PolicyDocumentRow | undefined> {
  const [row] = await db.update(policyDocuments).set(values).where(eq(policyDocuments.id, id)).returning();
  return row;
}

/** How many items each document has, all of them and the published ones (documents without items are absent). */
export async function countItemsByDocument(db: Pick<Db, 'select'>): Promise<Map<string, { total: number; published: number }>> {
  const rows = await db
    .select({
      documentId: policyItems.documentId,
      total: sql<number>`count(*)::int`,
      published: sql<number>`(count(*) filter (where ${policyItems.state} = 'published'))::int`,
    })
    .from(policyItems)
    .groupBy(policyItems.documentId);
  return new Map(rows.map((r) => [r.documentId, { total: r.total, published: r.published }]));
}

/** The ids of a document's items, in catalogue order. */
export async function findItemIdsOfDocument(db: Pick<Db, 'select'>, documentId: string): Promise<string[]> {
  const rows = await db.select({ id: policyItems.id }).from(policyItems).where(eq(policyItems.documentId, documentId)).orderBy(asc(policyItems.sortOrder), asc(policyItems.id));
  return rows.map((r) => r.id);
}

export async function insertDocument(db: Executor, values: PolicyDocumentInsert, options: { ignoreExisting?: boolean } = {}): Promise<PolicyDocumentRow | undefined> {
  const query = db.insert(policyDocuments).values(values);
  const [row] = options.ignoreExisting ? await query.onConflictDoNothing().returning() : await query.returning();
  return row;
}

/** Inserts an item; its id taken is POLICIES_ITEM_ID_TAKEN unless `ignoreExisting`. */
export async function insertItem(db: Executor, values: typeof policyItems.$inferInsert, options: { ignoreExisting?: boolean } = {}): Promise<PolicyItemRow | undefined> {
  const [row] = await db.insert(policyItems).values(values).onConflictDoNothing().returning();
  if (!row && !options.ignoreExisting) throw new AppError('POLICIES_ITEM_ID_TAKEN', { status: 409, params: { id: values.id } });
  return row;
}

export async function nextVersionNumber(db: Pick<Db, 'select'>, itemId: string): Promise<number> {
  const [row] = await db.select({ v: max(policyItemVersions.version) }).from(policyItemVersions).where(eq(policyItemVersions.itemId, itemId));
  return (row?.v ?? 0) + 1;
}

/** Inserts a version; two writers racing for one number make the second POLICIES_VERSION_CONFLICT. */
export async function insertVersion(db: Executor, values: PolicyItemVersionInsert, options: { ignoreExisting?: boolean } = {}): Promise<PolicyItemVersionRow | undefined> {
  const [row] = await db.insert(policyItemVersions).values(values).onConflictDoNothing().returning();
  if (!row && !options.ignoreExisting) throw new AppError('POLICIES_VERSION_CONFLICT', { status: 409 });
  return row;
}

export async function markVersionPublished(db: Executor, versionId: string, by: string | null, at: Date): Promise<void> {
  await db.update(policyItemVersions).set({ publishedAt: at, publishedBy: by }).where(eq(policyItemVersions.id, versionId));
}

export async function setItemState(db: Executor, itemId: string, state: PolicyItemRow['state'], at: Date): Promise<void> {
  await db.update(policyItems).set({ state, updatedAt: at }).where(eq(policyItems.id, itemId));
}

export async function maxSortOrder(db: Pick<Db, 'select'>): Promise<number> {
  const [row] = await db.select({ v: max(policyItems.sortOrder) }).from(policyItems);
  return row?.v ?? 0;
}

// ---------------------------------------------------------------- match runs

export async function insertMatchRun(db: Executor, requestedBy: string | null): Promise<PolicyMatchRunRow> {
  const [row] = await db.insert(policyMatchRuns).values({ requestedBy }).returning();
  if (!row) throw new Error('match run not inserted');
  return row;
}

export async function updateMatchRun(db: Executor, id: string, values: Partial<typeof policyMatchRuns.$inferInsert>): Promise<void> {
  await db.update(policyMatchRuns).set(values).where(eq(policyMatchRuns.id, id));
}

export async function findMatchRun(db: Pick<Db, 'select'>, id: string): Promise<PolicyMatchRunRow | undefined> {
  const [row] = await db.select().from(policyMatchRuns).where(eq(policyMatchRuns.id, id));
  return row;
}

export async function listMatchRuns(db: Pick<Db, 'select'>, limit: number): Promise<PolicyMatchRunRow[]> {
  return db.select().from(policyMatchRuns).orderBy(desc(policyMatchRuns.requestedAt)).limit(limit);
}
