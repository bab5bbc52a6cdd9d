/** Loading the starter catalogue (reference data, data/policies/) into a database that has no item. */
import type { Clock } from '../../server/clock.ts';
import type { Db } from '../../server/db/index.ts';
import { loadStarterCatalogue } from './catalogue.ts';
import type { PolicyItem } from './catalogue.ts';
import { resolveAsOf, starterRows } from './catalogue-store.ts';
import type { PolicyItemRecord } from './catalogue-store.ts';
import { countItems, insertDocument, insertItem, insertVersion, loadStoredItems } from './policies.repository.ts';

/**
 * Loads the starter catalogue into the policy tables when they hold no item: one document per
 * 文件, each item with its stable id and a published version 1. Idempotent (existing rows are
 * left alone), so two processes starting at once are safe. Returns how many items it loaded.
 */
export async function ensureStarterCatalogue(deps: { db: Db; clock: Clock }, catalogue: { items: readonly PolicyItem[] } = loadStarterCatalogue()): Promise<number> {
  const { db, clock } = deps;
  if ((await countItems(db)) > 0) return 0;
  const rows = starterRows(catalogue.items, clock.now());
  return db.transaction(async (tx) => {
    for (const document of rows.documents) await insertDocument(tx, document, { ignoreExisting: true });
    let loaded = 0;
    for (const item of rows.items) if (await insertItem(tx, item, { ignoreExisting: true })) loaded += 1;
    for (const version of rows.versions) await insertVersion(tx, version, { ignoreExisting: true });
    return loaded;
  });
}

/** The published catalogue in the database as of a day (each item at its version then), loading the starter catalogue first if empty. */
export async function readCatalogue(deps: { db: Db; clock: Clock }, asOf: string): Promise<PolicyItemRecord[]> {
  await ensureStarterCatalogue(deps);
  return (await loadStoredItems(deps.db)).flatMap((stored) => resolveAsOf(stored, asOf) ?? []);
}
