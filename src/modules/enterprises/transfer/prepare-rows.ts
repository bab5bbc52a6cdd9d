import type { Scope } from '../../../server/actor.ts';
import { deriveFields } from '../enterprise-fields.ts';
import type { EnterpriseInsert } from '../enterprises.repository.ts';
import { mapHeaders } from './columns.ts';
import { parseRow, type ParsedRow, type RowProblem } from './parse-rows.ts';
import type { SheetRow } from './read-sheet.ts';
import { spawnWorker } from './spawn-worker.ts';

/** A valid row, with what inserting it as a new enterprise would write (derived fields included). */
export type PreparedRow = ParsedRow & { insert: EnterpriseInsert };
export type PreparedBatch = { good: PreparedRow[]; failed: { row: SheetRow; problems: RowProblem[] }[] };

/**
 * Validates, derives and tokenises the rows of one file batch by batch, remembering the credit
 * codes seen so that a code repeated anywhere in the file is reported at its second row.
 */
export function createRowPreparation(headers: string[], scope: Scope) {
  const { byIndex } = mapHeaders(headers);
  const firstRowOf = new Map<string, number>();
  return (rows: SheetRow[]): PreparedBatch => {
    const batch: PreparedBatch = { good: [], failed: [] };
    for (const row of rows) {
      const { values, problems } = parseRow(row, byIndex, scope);
      const code = typeof values.creditCode === 'string' ? values.creditCode : null;
      if (code && problems.every((p) => p.code !== 'CREDIT_CODE_INVALID')) {
        const first = firstRowOf.get(code);
        if (first !== undefined) problems.push({ row: row.rowNumber, column: '统一社会信用代码', code: 'CREDIT_CODE_DUPLICATE', params: { firstRow: first } });
        else firstRowOf.set(code, row.rowNumber);
      }
      if (problems.length) {
        batch.failed.push({ row, problems });
        continue;
      }
      const base = { ...values, tags: (values.tags as string[] | null) ?? [], legalEntity: (values.legalEntity as boolean | null) ?? true } as EnterpriseInsert;
      const { sizeClassReason: _r, ...derived } = deriveFields(base);
      batch.good.push({ rowNumber: row.rowNumber, values, cells: row.cells, insert: { ...base, ...derived } });
    }
    return batch;
  };
}

export type RowPreparer = { prepare: (rows: SheetRow[]) => Promise<PreparedBatch>; close: () => Promise<void> };

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
    close: async () => undefined,
  };
}

/**
 * Prepares in a worker thread (large files): parsing, the standards' checks and pinyin cost tens
 * of microseconds a row, which would otherwise hold the event loop and compete with the writes.
 */
export function prepareOffThread(headers: string[], scope: Scope): RowPreparer {
  const worker = spawnWorker(new URL('./prepare-rows.worker.ts', import.meta.url));
  let nextId = 0;
  const pending = new Map<number, { resolve: (batch: PreparedBatch) => void; reject: (error: Error) => void }>();
  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('message', (m: { id: number; batch?: PreparedBatch; failure?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.batch) p?.resolve(m.batch);
    else p?.reject(new Error(`row preparation failed: ${m.failure ?? 'unknown'}`));
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`row preparation worker exited with code ${code}`)));
  worker.postMessage({ type: 'start', headers, scope });
  return {
    prepare: (rows) =>
      new Promise<PreparedBatch>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: 'batch', id, rows });
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}
