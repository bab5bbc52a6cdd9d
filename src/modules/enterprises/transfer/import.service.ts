import type { Actor } from '../../../server/actor.ts';
import type { Clock } from '../../../server/clock.ts';
import type { Db } from '../../../server/db/index.ts';
import { AppError } from '../../../server/errors.ts';
import { assertCan } from '../../../server/permissions.ts';
import type { AuditEntry, AuditService } from '../../audit/index.ts';
import { deriveFields } from '../enterprise-fields.ts';
import { timeOrderedUuid } from '../../../server/db/bulk.ts';
import {
  findEnterprisesByCreditCodes, insertEnterprisesBulk, updateEnterprisesBulk, upsertIndicatorsBulk, tuneForBulkWrite,
  type EnterpriseInsert, type EnterpriseRow, type IndicatorInsert,
} from '../enterprises.repository.ts';
import { INDICATOR_FIELDS } from '../enterprises.service.ts';
import { mapHeaders, type ImportField } from './columns.ts';
import type { RowProblem } from './parse-rows.ts';
import { prepareHere, prepareOffThread, type PreparedRow } from './prepare-rows.ts';
import type { Cell, Sheet } from './read-sheet.ts';
import { scopeContainsDivision } from '../../../server/actor.ts';

export const MAX_IMPORT_ROWS = 1_000_000;
/** Rows written per transaction: large enough that per-statement costs vanish, small enough to keep a batch's JSON in the tens of MB. */
const BATCH = 10_000;
/** From this many rows on, rows are validated and tokenised in a worker thread (starting one costs ~0.5 s). */
const OFF_THREAD_FROM = 5000;
/** Failed rows kept for the downloadable error report. */
const MAX_KEPT_FAILED_ROWS = 50_000;

export type ImportResult = { imported: number; updated: number; unchanged: number; failed: RowProblem[] };
export type FailedRow = { rowNumber: number; cells: (string | null)[]; problems: RowProblem[] };
export type ImportOutcome = { result: ImportResult; headers: string[]; failedRows: FailedRow[] };

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
 * Imports parsed spreadsheet rows: validates each, upserts by credit code (a second import
 * of the same file changes nothing), keeps the good rows and reports every bad one.
 */
export async function importSheet(
  deps: { db: Db; audit: AuditService; clock: Clock },
  actor: Actor,
  sheet: Sheet,
  options: {
    onProgress?: ((done: number, total: number) => Promise<void> | void) | undefined;
    batchSize?: number;
    /** Files with at least this many rows are prepared in a worker thread. */
    offThreadFrom?: number;
  } = {},
): Promise<ImportOutcome> {
  const { onProgress, batchSize = BATCH, offThreadFrom = OFF_THREAD_FROM } = options;
  assertCan(actor, 'enterprises.import');
  const { rows } = checkSheet(sheet);
  const result: ImportResult = { imported: 0, updated: 0, unchanged: 0, failed: [] };
  const failedRows: FailedRow[] = [];
  const fail = (row: { rowNumber: number; cells: Cell[] }, problems: RowProblem[]) => {
    result.failed.push(...problems);
    if (failedRows.length < MAX_KEPT_FAILED_ROWS) failedRows.push({ rowNumber: row.rowNumber, cells: row.cells.map(cellText), problems });
  };
  const reportYear = deps.clock.now().getFullYear() - 1;
  const total = rows.length;

  /**
   * Writes one batch of valid rows in one transaction, set-based: one read of the rows already
   * registered, then one statement each for the new enterprises, the changed ones, the year's
   * figures and the audit rows.
   */
  const writeBatch = async (good: PreparedRow[]) => {
    await deps.db.transaction(async (tx) => {
      await tuneForBulkWrite(tx);
      const existing = new Map((await findEnterprisesByCreditCodes(tx, good.map((g) => String(g.values.creditCode)))).map((e) => [e.creditCode, e]));
      const inserts: EnterpriseInsert[] = [];
      const updates: (Partial<EnterpriseInsert> & { id: string; version: number })[] = [];
      const indicators: IndicatorInsert[] = [];
      const audits: AuditEntry[] = [];
      for (const g of good) {
        const v = g.values;
        const current = existing.get(String(v.creditCode));
        if (!current) {
          inserts.push(g.insert);
          continue;
        }
        const inScope = actor.scope.kind === 'all' || (actor.scope.kind === 'divisions' && scopeContainsDivision(actor.scope, current.divisionCode));
        if (!inScope) {
          fail(g, [{ row: g.rowNumber, column: '统一社会信用代码', code: 'CREDIT_CODE_OUT_OF_SCOPE' }]);
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
          result.unchanged += 1;
          continue;
        }
        const next = { ...current, ...changes } as EnterpriseRow;
        const { sizeClassReason: _r, ...derived } = deriveFields(next);
        // Every row of a bulk update names the same columns: the compared ones as they will be, and the derived ones.
        const update: Partial<EnterpriseInsert> & { id: string; version: number } = { id: current.id, version: current.version, ...derived };
        for (const field of COMPARED) Object.assign(update, { [field]: next[field as keyof EnterpriseRow] });
        updates.push(update);
        indicators.push({ enterpriseId: current.id, year: reportYear, ...pickIndicators(next) });
        const before: Record<string, unknown> = {};
        for (const k of Object.keys(changes)) before[k] = current[k as keyof EnterpriseRow] ?? null;
        audits.push({ action: 'import-update', entityType: 'enterprise', entityId: current.id, divisionCode: next.divisionCode, before, after: changes });
      }
      if (updates.length) {
        const updated = await updateEnterprisesBulk(tx, updates);
        if (updated !== updates.length) throw new AppError('ENTERPRISE_VERSION_CONFLICT', { status: 409 });
        result.updated += updated;
      }
      if (inserts.length) {
        // In credit-code order with time-ordered ids: the unique and primary-key B-trees take the batch page by page.
        inserts.sort((a, b) => (a.creditCode < b.creditCode ? -1 : a.creditCode > b.creditCode ? 1 : 0));
        for (const e of inserts) e.id = timeOrderedUuid();
        await insertEnterprisesBulk(tx, inserts, 5000);
        for (const e of inserts) {
          const id = e.id ?? '';
          const figures: Partial<Record<(typeof INDICATOR_FIELDS)[number], number | null>> = {};
          for (const f of INDICATOR_FIELDS) figures[f] = (e[f] as number | null | undefined) ?? null;
          indicators.push({ enterpriseId: id, year: reportYear, ...figures });
          audits.push({ action: 'import-create', entityType: 'enterprise', entityId: id, divisionCode: e.divisionCode, after: { creditCode: e.creditCode, name: e.name, divisionCode: e.divisionCode, industryCode: e.industryCode } });
        }
        result.imported += inserts.length;
      }
      await upsertIndicatorsBulk(tx, indicators);
      await deps.audit.record(tx, actor, audits);
    });
  };

  // Preparing the next batch (CPU, in a worker for large files) overlaps writing the previous one (in the database).
  const preparer = total >= offThreadFrom ? prepareOffThread(sheet.headers, actor.scope) : prepareHere(sheet.headers, actor.scope);
  try {
    let writing: Promise<void> | undefined;
    let preparing = preparer.prepare(rows.slice(0, batchSize));
    for (let start = 0; start < total; start += batchSize) {
      const { good, failed } = await preparing;
      for (const f of failed) fail(f.row, f.problems);
      // The worker starts on the batch after this one while this one is written.
      if (start + batchSize < total) {
        preparing = preparer.prepare(rows.slice(start + batchSize, start + 2 * batchSize));
        preparing.catch(() => undefined);
      }
      await writing;
      const done = Math.min(total, start + batchSize);
      writing = writeBatch(good).then(() => onProgress?.(done, total));
      // Awaited on the next turn; until then a failure must not count as unhandled.
      writing.catch(() => undefined);
    }
    await writing;
  } finally {
    await preparer.close();
  }
  result.failed.sort((a, b) => a.row - b.row);
  failedRows.sort((a, b) => a.rowNumber - b.rowNumber);
  return { result, headers: sheet.headers, failedRows };
}
