import type { Scope } from '../../../server/actor.ts';
import { deriveFields } from '../enterprise-fields.ts';
import type { EnterpriseInsert } from '../enterprises.repository.ts';
import { mapHeaders } from './columns.ts';
import { parseRow, type ParsedRow, type ParsedValues, type RowProblem } from './parse-rows.ts';
import type { SheetRow } from './read-sheet.ts';
import { spawnWorker } from './spawn-worker.ts';

/** A valid row, with what inserting it as a new enterprise would write (derived fields included). */
export type PreparedRow = ParsedRow & { insert: EnterpriseInsert };
export type PreparedBatch = { good: PreparedRow[]; failed: { row: SheetRow; problems: RowProblem[] }[] };

/** One row checked on its own: its problems, or its values and insert; and its credit code when that is valid. */
type CheckedRow = { rowNumber: number; code: string | null } & ({ problems: RowProblem[] } | { values: ParsedValues; insert: EnterpriseInsert });

/** Validates, derives and tokenises rows one by one (what the worker threads do). */
export function createRowChecks(headers: string[], scope: Scope) {
  const { byIndex } = mapHeaders(headers);
  return (rows: SheetRow[]): CheckedRow[] =>
    rows.map((row) => {
      const { values, problems } = parseRow(row, byIndex, scope);
      const code = typeof values.creditCode === 'string' && problems.every((p) => p.code !== 'CREDIT_CODE_INVALID') ? values.creditCode : null;
      if (problems.length) return { rowNumber: row.rowNumber, code, problems };
      const base = { ...values, tags: (values.tags as string[] | null) ?? [], legalEntity: (values.legalEntity as boolean | null) ?? true } as EnterpriseInsert;
      const { sizeClassReason: _r, ...derived } = deriveFields(base);
      return { rowNumber: row.rowNumber, code, values, insert: { ...base, ...derived } };
    });
}

/**
 * Remembers the credit codes seen so far, so that a code repeated anywhere in the file is
 * reported at its later rows; takes the batches in file order.
 */
function createDuplicateCheck() {
  const firstRowOf = new Map<string, number>();
  return (rows: SheetRow[], checked: CheckedRow[]): PreparedBatch => {
    const batch: PreparedBatch = { good: [], failed: [] };
    for (const [i, c] of checked.entries()) {
      const row = rows[i];
      if (!row) continue;
      const problems = 'problems' in c ? c.problems : [];
      if (c.code) {
        const first = firstRowOf.get(c.code);
        if (first !== undefined) problems.push({ row: c.rowNumber, column: '统一社会信用代码', code: 'CREDIT_CODE_DUPLICATE', params: { firstRow: first } });
        else firstRowOf.set(c.code, c.rowNumber);
      }
      if ('values' in c && problems.length === 0) batch.good.push({ rowNumber: c.rowNumber, values: c.values, cells: row.cells, insert: c.insert });
      else batch.failed.push({ row, problems });
    }
    return batch;
  };
}

/**
 * Validates, derives and tokenises the rows of one file batch by batch, remembering the credit
 * codes seen so that a code repeated anywhere in the file is reported at its second row.
 */
export function createRowPreparation(headers: string[], scope: Scope) {
  const check = createRowChecks(headers, scope);
  const duplicates = createDuplicateCheck();
  return (rows: SheetRow[]): PreparedBatch => duplicates(rows, check(rows));
}

export type RowPreparer = {
  prepare: (rows: SheetRow[]) => Promise<PreparedBatch>;
  /** How many batches to ask for ahead of the one being written, to keep every thread busy. */
  ahead: number;
  close: () => Promise<void>;
};

/** Rows prepared on the calling thread between two yields to its event loop. */
const SLICE = 500;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Prepares on the calling thread, yielding to its event loop every few hundred rows (small files). */
export function prepareHere(headers: string[], scope: Scope): RowPreparer {
  const prepareRows = createRowPreparation(headers, scope);
  return {
    async prepare(rows) {
      const batch: PreparedBatch = { good: [], failed: [] };
      for (let i = 0; i < rows.length; i += SLICE) {
        if (i > 0) await yieldToEventLoop();
        const part = prepareRows(rows.slice(i, i + SLICE));
        batch.good.push(...part.good);
        batch.failed.push(...part.failed);
      }
      return batch;
    },
    ahead: 1,
    close: async () => undefined,
  };
}

/** A worker thread that checks rows (`prepare-rows.worker.ts`), batches answered in the order asked. */
function startCheckWorker(headers: string[], scope: Scope) {
  const worker = spawnWorker(new URL('./prepare-rows.worker.ts', import.meta.url));
  let nextId = 0;
  const pending = new Map<number, { resolve: (rows: CheckedRow[]) => void; reject: (error: Error) => void }>();
  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('message', (m: { id: number; rows?: CheckedRow[]; failure?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.rows) p?.resolve(m.rows);
    else p?.reject(new Error(`row preparation failed: ${m.failure ?? 'unknown'}`));
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`row preparation worker exited with code ${code}`)));
  worker.postMessage({ type: 'start', headers, scope });
  return {
    check: (rows: SheetRow[]) =>
      new Promise<CheckedRow[]>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: 'batch', id, rows });
      }),
    stop: () => worker.terminate(),
  };
}

/**
 * Prepares in worker threads (large files), batch by batch in turn: parsing, the standards' checks
 * and pinyin cost tens of microseconds a row, which would otherwise hold the event loop and
 * compete with the writes. Repeated credit codes are found here, in file order.
 */
export function prepareOffThread(headers: string[], scope: Scope, threads = 1): RowPreparer {
  const workers = Array.from({ length: Math.max(1, threads) }, () => startCheckWorker(headers, scope));
  const duplicates = createDuplicateCheck();
  let turn = 0;
  let previous: Promise<unknown> = Promise.resolve();
  return {
    prepare(rows) {
      const checked = workers[turn++ % workers.length]?.check(rows) ?? Promise.reject(new Error('no worker'));
      checked.catch(() => undefined);
      const batch = previous.then(() => checked).then((c) => duplicates(rows, c));
      previous = batch.catch(() => undefined);
      return batch;
    },
    ahead: workers.length,
    close: async () => {
      await Promise.all(workers.map((w) => w.stop()));
    },
  };
}
