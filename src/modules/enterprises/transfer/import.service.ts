import type { Actor } from '../../../server/actor.ts';
import type { Clock } from '../../../server/clock.ts';
import type { Database, Db } from '../../../server/db/index.ts';
import { AppError } from '../../../server/errors.ts';
import { assertCan } from '../../../server/permissions.ts';
import type { AuditEntry, AuditService } from '../../audit/index.ts';
import { deriveFields } from '../enterprise-fields.ts';
import { timeOrderedUuid } from '../../../server/db/bulk.ts';
import {
  countEnterprises, findEnterprisesByCreditCodes, insertEnterprisesBulk, updateEnterprisesBulk, upsertIndicatorsBulk, tuneForBulkWrite,
  type EnterpriseInsert, type EnterpriseRow, type IndicatorInsert,
} from '../enterprises.repository.ts';
import { INDICATOR_FIELDS } from '../enterprises.constants.ts';
import { mapHeaders, type ImportField } from './columns.ts';
import type { RowProblem } from './parse-rows.ts';
import {
  importCreateAudit, prepareCopyOffThread, prepareHere, prepareOffThread, type CopyBatch, type PreparedBatch, type PreparedRow,
} from './prepare-rows.ts';
import {
  AUDIT_COPY_COLUMNS, CopyText, ENTERPRISE_COPY_COLUMNS, INDICATOR_COPY_COLUMNS, auditWho, writeAudit, writeEnterprise, writeIndicators,
} from './copy-rows.ts';
import { dropSecondaryKeys } from './bulk-keys.ts';
import type { Cell, Sheet, SheetRow } from './read-sheet.ts';
import { scopeContainsDivision } from '../../../server/actor.ts';

export const MAX_IMPORT_ROWS = 1_000_000;
/** Rows written per transaction: large enough that per-statement costs vanish, small enough to keep a batch's JSON in the tens of MB. */
const BATCH = 10_000;
/** From this many rows on, rows are validated and tokenised in a worker thread (starting one costs ~0.5 s). */
const OFF_THREAD_FROM = 5000;
/** From this many rows on, an import into a registry no larger than the file loads in bulk (one transaction, COPY, keys rebuilt). */
export const BULK_FROM = 50_000;
/** Worker threads preparing rows for a bulk load (a large import otherwise waits for them). */
const BULK_PREPARE_THREADS = 2;
/** Failed rows kept for the downloadable error report. */
const MAX_KEPT_FAILED_ROWS = 50_000;

export type ImportResult = { imported: number; updated: number; unchanged: number; failed: RowProblem[] };
export type FailedRow = { rowNumber: number; cells: (string | null)[]; problems: RowProblem[] };
export type ImportOutcome = { result: ImportResult; headers: string[]; failedRows: FailedRow[] };

/** COPY inside a transaction (`Database.copyTransaction`), for the bulk load of a large file into a small registry. */
export type BulkLoad = {
  copyTransaction: Database['copyTransaction'];
  /** The transaction holds the database's only connection (PGlite): nothing else is queried until it ends. */
  holdsOnlyConnection: boolean;
};

export function bulkLoadOf(database: Pick<Database, 'kind' | 'copyTransaction'>): BulkLoad {
  return { copyTransaction: database.copyTransaction, holdsOnlyConnection: database.kind === 'pglite' };
}

const cellText = (c: Cell): string | null => (c === null ? null : c instanceof Date ? c.toISOString().slice(0, 10) : String(c));

const COMPARED: readonly ImportField[] = [
  'name', 'divisionCode', 'industryCode', 'foundedOn', ...INDICATOR_FIELDS, 'tags', 'legalEntity', 'parkName', 'address', 'legalRepresentative', 'contactName', 'contactPhone',
];

function pickIndicators(row: EnterpriseRow) {
  const out: Partial<Record<(typeof INDICATOR_FIELDS)[number], number | null>> = {};
  for (const f of INDICATOR_FIELDS) out[f] = row[f];
  return out;
}

/** Checks the header and the row count before any work is queued; the example row of the template is dropped. */
export function checkSheet(sheet: Sheet) {
  const { byIndex, missing } = mapHeaders(sheet.headers);
  if (missing.length) throw new AppError('IMPORT_HEADER_MISSING', { params: { columns: missing.map((c) => c.header).join('、') } });
  const nameIndex = [...byIndex].find(([, c]) => c.key === 'name')?.[0];
  const rows = sheet.rows.filter((r) => !(nameIndex !== undefined && String(r.cells[nameIndex] ?? '').trim().startsWith('示例')));
  if (rows.length === 0) throw new AppError('IMPORT_FILE_EMPTY');
  if (rows.length > MAX_IMPORT_ROWS) throw new AppError('IMPORT_ROW_TOO_MANY', { params: { max: MAX_IMPORT_ROWS } });
  return { byIndex, rows };
}

/**
 * What one batch of valid rows changes, worked out in memory against the enterprises already
 * registered under their credit codes: new enterprises (in credit-code order, with time-ordered
 * ids), changed ones (only filled cells count; each with its figures and audit entry), unchanged
 * ones, and codes registered outside the caller's jurisdiction (reported, never written).
 */
function planBatch(good: PreparedRow[], existing: Map<string, EnterpriseRow>, actor: Actor, reportYear: number) {
  const inserts: (EnterpriseInsert & { id: string })[] = [];
  const updates: (Partial<EnterpriseInsert> & { id: string; version: number })[] = [];
  const updatedFigures: IndicatorInsert[] = [];
  const updateAudits: AuditEntry[] = [];
  const outOfScope: PreparedRow[] = [];
  let unchanged = 0;
  for (const g of good) {
    const v = g.values;
    const current = existing.get(String(v.creditCode));
    if (!current) {
      inserts.push({ ...g.insert, id: '' });
      continue;
    }
    const inScope = actor.scope.kind === 'all' || (actor.scope.kind === 'divisions' && scopeContainsDivision(actor.scope, current.divisionCode));
    if (!inScope) {
      outOfScope.push(g);
      continue;
    }
    // An empty cell keeps what the registry has; only filled cells change it.
    const changes: Record<string, unknown> = {};
    for (const field of COMPARED) {
      const value = v[field];
      if (value === undefined || value === null) continue;
      if (JSON.stringify(value) !== JSON.stringify(current[field as keyof EnterpriseRow])) changes[field] = value;
    }
    if (Object.keys(changes).length === 0) {
      unchanged += 1;
      continue;
    }
    const next = { ...current, ...changes } as EnterpriseRow;
    const { sizeClassReason: _r, ...derived } = deriveFields(next);
    // Every row of a bulk update names the same columns: the compared ones as they will be, and the derived ones.
    const update: Partial<EnterpriseInsert> & { id: string; version: number } = { id: current.id, version: current.version, ...derived };
    for (const field of COMPARED) Object.assign(update, { [field]: next[field as keyof EnterpriseRow] });
    updates.push(update);
    updatedFigures.push({ enterpriseId: current.id, year: reportYear, ...pickIndicators(next) });
    const before: Record<string, unknown> = {};
    for (const k of Object.keys(changes)) before[k] = current[k as keyof EnterpriseRow] ?? null;
    updateAudits.push({ action: 'import-update', entityType: 'enterprise', entityId: current.id, divisionCode: next.divisionCode, before, after: changes });
  }
  // In credit-code order with time-ordered ids: the unique and primary-key B-trees take the batch page by page.
  inserts.sort((a, b) => (a.creditCode < b.creditCode ? -1 : a.creditCode > b.creditCode ? 1 : 0));
  for (const e of inserts) e.id = timeOrderedUuid();
  return { inserts, updates, updatedFigures, updateAudits, outOfScope, unchanged };
}

function figuresOf(e: EnterpriseInsert): Partial<Record<(typeof INDICATOR_FIELDS)[number], number | null>> {
  const figures: Partial<Record<(typeof INDICATOR_FIELDS)[number], number | null>> = {};
  for (const f of INDICATOR_FIELDS) figures[f] = (e[f] as number | null | undefined) ?? null;
  return figures;
}

/**
 * Imports parsed spreadsheet rows: validates each, upserts by credit code (a second import
 * of the same file changes nothing), keeps the good rows and reports every bad one.
 *
 * A large file into a registry no larger than it (and `deps.bulk` given) loads in bulk: one
 * transaction that takes the registry's tables for itself, drops their secondary indexes and
 * the figures' foreign key, COPYs the new enterprises, their figures and audit rows, updates the
 * known ones as the batch path does, then rebuilds what it dropped; readers wait for it and never
 * see a half state. Otherwise each batch of rows is its own transaction, set-based.
 */
export async function importSheet(
  deps: { db: Db; audit: AuditService; clock: Clock; bulk?: BulkLoad | undefined },
  actor: Actor,
  sheet: Sheet,
  options: {
    onProgress?: ((done: number, total: number) => Promise<void> | void) | undefined;
    /** Called with the ids of the enterprises written, once they are committed. */
    onWritten?: ((ids: string[]) => void) | undefined;
    batchSize?: number;
    /** Files with at least this many rows are prepared in a worker thread. */
    offThreadFrom?: number;
    /** Files with at least this many rows load in bulk when the registry is no larger (and `deps.bulk` is given). */
    bulkFrom?: number;
  } = {},
): Promise<ImportOutcome> {
  const { onProgress, onWritten, batchSize = BATCH, offThreadFrom = OFF_THREAD_FROM, bulkFrom = BULK_FROM } = options;
  assertCan(actor, 'enterprises.import');
  const { rows } = checkSheet(sheet);
  const result: ImportResult = { imported: 0, updated: 0, unchanged: 0, failed: [] };
  const failedRows: FailedRow[] = [];
  const fail = (row: { rowNumber: number; cells: Cell[] }, problems: RowProblem[]) => {
    result.failed.push(...problems);
    if (failedRows.length < MAX_KEPT_FAILED_ROWS) failedRows.push({ rowNumber: row.rowNumber, cells: row.cells.map(cellText), problems });
  };
  const outOfScope = (g: PreparedRow) => fail(g, [{ row: g.rowNumber, column: '统一社会信用代码', code: 'CREDIT_CODE_OUT_OF_SCOPE' }]);
  const reportYear = deps.clock.now().getFullYear() - 1;
  const total = rows.length;
  const registered = deps.bulk && total >= bulkFrom ? await countEnterprises(deps.db) : Infinity;
  const bulk = deps.bulk && registered <= total ? deps.bulk : undefined;

  /**
   * Inside a write's transaction: looks the batch's codes up, works out the plan, reports the rows out of scope, counts the unchanged ones and applies
   * the updates (each only at the version read). The caller writes the plan's new enterprises.
   */
  const planAndUpdate = async (tx: Db, good: PreparedRow[]) => {
    const existing = await findEnterprisesByCreditCodes(tx, good.map((g) => String(g.values.creditCode)));
    const plan = planBatch(good, new Map(existing.map((e) => [e.creditCode, e])), actor, reportYear);
    plan.outOfScope.forEach(outOfScope);
    result.unchanged += plan.unchanged;
    if (plan.updates.length) {
      const updated = await updateEnterprisesBulk(tx, plan.updates);
      if (updated !== plan.updates.length) throw new AppError('ENTERPRISE_VERSION_CONFLICT', { status: 409 });
      result.updated += updated;
    }
    return plan;
  };

  /**
   * Writes one batch of valid rows in one transaction, set-based: one read of the rows already
   * registered, then one statement each for the new enterprises, the changed ones, the year's
   * figures and the audit rows.
   */
  const writeBatch = async (good: PreparedRow[]) => {
    const written: string[] = [];
    await deps.db.transaction(async (tx) => {
      await tuneForBulkWrite(tx);
      const plan = await planAndUpdate(tx, good);
      if (plan.inserts.length) {
        await insertEnterprisesBulk(tx, plan.inserts, 5000);
        result.imported += plan.inserts.length;
      }
      await upsertIndicatorsBulk(tx, [...plan.updatedFigures, ...plan.inserts.map((e) => ({ enterpriseId: e.id, year: reportYear, ...figuresOf(e) }))]);
      await deps.audit.record(tx, actor, [...plan.updateAudits, ...plan.inserts.map((e) => importCreateAudit(e, e.id))]);
      for (const u of plan.updates) written.push(u.id);
      for (const e of plan.inserts) written.push(e.id);
    });
    onWritten?.(written);
  };

  // A bulk load into an empty registry only adds: its worker threads write the COPY text as well.
  if (bulk && registered === 0) {
    const preparer = prepareCopyOffThread(sheet.headers, actor.scope, { reportYear, who: auditWho(actor, deps.clock.now()) }, BULK_PREPARE_THREADS);
    const nextBatch = batchesAhead(preparer, rows, batchSize, { failed: [], ids: [], enterprises: new Uint8Array(), figures: new Uint8Array(), audits: new Uint8Array() });
    try {
      const written = await bulk.copyTransaction(async (tx, copy) => {
        await tuneForBulkWrite(tx);
        // Repeated credit codes are found before the load: the unique key is rebuilt (and checked) after it.
        const restore = await dropSecondaryKeys(tx, { uniqueKeys: true });
        const written: string[] = [];
        for (let start = 0; start < total; start += batchSize) {
          const batch: CopyBatch = await nextBatch();
          for (const f of batch.failed) fail(f.row, f.problems);
          if (batch.ids.length) {
            await copy('enterprises', ENTERPRISE_COPY_COLUMNS, batch.enterprises);
            await copy('enterprise_indicators', INDICATOR_COPY_COLUMNS, batch.figures);
            await copy('audit_log', AUDIT_COPY_COLUMNS, batch.audits);
          }
          result.imported += batch.ids.length;
          for (const id of batch.ids) written.push(id);
          if (!bulk.holdsOnlyConnection) await onProgress?.(Math.min(total, start + batchSize), total);
        }
        await restore();
        return written;
      });
      onWritten?.(written);
      if (bulk.holdsOnlyConnection) await onProgress?.(total, total);
    } finally {
      await preparer.close();
    }
    return finished(result, failedRows, sheet.headers);
  }

  const threads = bulk ? BULK_PREPARE_THREADS : 1;
  const preparer = total >= offThreadFrom ? prepareOffThread(sheet.headers, actor.scope, threads) : prepareHere(sheet.headers, actor.scope);
  const nextBatch = batchesAhead(preparer, rows, batchSize, { good: [], failed: [] } as PreparedBatch);
  try {
    if (bulk) {
      const written = await bulk.copyTransaction(async (tx, copy) => {
        await tuneForBulkWrite(tx);
        const restore = await dropSecondaryKeys(tx);
        const written: string[] = [];
        const [enterpriseText, figureText, auditText] = [new CopyText(), new CopyText(), new CopyText()];
        for (let start = 0; start < total; start += batchSize) {
          const { good, failed } = await nextBatch();
          for (const f of failed) fail(f.row, f.problems);
          const plan = await planAndUpdate(tx, good);
          if (plan.updatedFigures.length) await upsertIndicatorsBulk(tx, plan.updatedFigures);
          const who = auditWho(actor, deps.clock.now());
          for (const e of plan.inserts) {
            writeEnterprise(enterpriseText, e, e.id);
            writeIndicators(figureText, e.id, reportYear, e);
            writeAudit(auditText, who, importCreateAudit(e, e.id));
          }
          for (const a of plan.updateAudits) writeAudit(auditText, who, a);
          if (plan.inserts.length) {
            await copy('enterprises', ENTERPRISE_COPY_COLUMNS, enterpriseText.take());
            await copy('enterprise_indicators', INDICATOR_COPY_COLUMNS, figureText.take());
          }
          if (plan.inserts.length || plan.updateAudits.length) await copy('audit_log', AUDIT_COPY_COLUMNS, auditText.take());
          result.imported += plan.inserts.length;
          for (const u of plan.updates) written.push(u.id);
          for (const e of plan.inserts) written.push(e.id);
          // Another connection records the progress on a server; PGlite's only one is this transaction's.
          if (!bulk.holdsOnlyConnection) await onProgress?.(Math.min(total, start + batchSize), total);
        }
        await restore();
        return written;
      });
      onWritten?.(written);
      if (bulk.holdsOnlyConnection) await onProgress?.(total, total);
    } else {
      let writing: Promise<void> | undefined;
      for (let start = 0; start < total; start += batchSize) {
        const { good, failed } = await nextBatch();
        for (const f of failed) fail(f.row, f.problems);
        await writing;
        const done = Math.min(total, start + batchSize);
        writing = writeBatch(good).then(() => onProgress?.(done, total));
        // Awaited on the next turn; until then a failure must not count as unhandled.
        writing.catch(() => undefined);
      }
      await writing;
    }
  } finally {
    await preparer.close();
  }
  return finished(result, failedRows, sheet.headers);
}

/** The outcome with its problems and failed rows in file order. */
function finished(result: ImportResult, failedRows: FailedRow[], headers: string[]): ImportOutcome {
  result.failed.sort((a, b) => a.row - b.row);
  failedRows.sort((a, b) => a.rowNumber - b.rowNumber);
  return { result, headers, failedRows };
}

/** Hands out a file's batches in order, asking the preparer for the next ones ahead of time so that preparing overlaps writing. */
function batchesAhead<B>(preparer: { prepare: (rows: SheetRow[]) => Promise<B>; ahead: number }, rows: SheetRow[], batchSize: number, empty: B) {
  const queued: Promise<B>[] = [];
  let next = 0;
  return (): Promise<B> => {
    while (queued.length <= preparer.ahead && next < rows.length) {
      const batch = preparer.prepare(rows.slice(next, next + batchSize));
      batch.catch(() => undefined);
      queued.push(batch);
      next += batchSize;
    }
    return queued.shift() ?? Promise.resolve(empty);
  };
}
