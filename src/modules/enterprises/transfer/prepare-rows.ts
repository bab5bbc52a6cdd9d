import type { Scope } from '../../../server/actor.ts';
import { timeOrderedUuid } from '../../../server/db/bulk.ts';
import type { AuditEntry } from '../../audit/index.ts';
import { deriveFields } from '../enterprise-fields.ts';
import type { EnterpriseInsert } from '../enterprises.repository.ts';
import { mapHeaders } from './columns.ts';
import { CopyText, writeAudit, writeEnterprise, writeIndicators, type AuditWho } from './copy-rows.ts';
import { columnsAt, parseRow, type ParsedRow, type ParsedValues, type RowProblem } from './parse-rows.ts';
import type { SheetRow } from './read-sheet.ts';
import { spawnWorker } from './spawn-worker.ts';

/** A valid row, with what inserting it as a new enterprise would write (derived fields included). */
export type PreparedRow = ParsedRow & { insert: EnterpriseInsert };
export type PreparedBatch = { good: PreparedRow[]; failed: { row: SheetRow; problems: RowProblem[] }[] };

/** One row checked on its own: its problems, or its values and insert; and its credit code when that is valid. */
type CheckedRow = { rowNumber: number; code: string | null } & ({ problems: RowProblem[] } | { values: ParsedValues; insert: EnterpriseInsert });

/**
 * Validates, derives and tokenises rows one by one (what the worker threads do). With
 * `valuesKept: false` (a bulk load into an empty registry, which never compares values), a row's
 * values become its insert instead of being copied into it.
 */
export function createRowChecks(headers: string[], scope: Scope, { valuesKept = true } = {}) {
  const columns = columnsAt(mapHeaders(headers).byIndex);
  return (rows: SheetRow[]): CheckedRow[] =>
    rows.map((row) => {
      const { values, problems } = parseRow(row, columns, scope);
      const code = typeof values.creditCode === 'string' && problems.every((p) => p.code !== 'CREDIT_CODE_INVALID') ? values.creditCode : null;
      if (problems.length) return { rowNumber: row.rowNumber, code, problems };
      const derived = deriveFields(values as Parameters<typeof deriveFields>[0]);
      const insert = Object.assign(valuesKept ? { ...values } : values, {
        tags: (values.tags as string[] | null) ?? [],
        legalEntity: (values.legalEntity as boolean | null) ?? true,
        sizeClass: derived.sizeClass,
        aboveScale: derived.aboveScale,
        searchTokens: derived.searchTokens,
        nameInitials: derived.nameInitials,
      }) as EnterpriseInsert;
      return { rowNumber: row.rowNumber, code, values, insert };
    });
}

/** The audit entry of an enterprise an import creates. */
export function importCreateAudit(e: EnterpriseInsert, id: string): AuditEntry {
  return { action: 'import-create', entityType: 'enterprise', entityId: id, divisionCode: e.divisionCode, after: { creditCode: e.creditCode, name: e.name, divisionCode: e.divisionCode, industryCode: e.industryCode } };
}

/** What a bulk load into an empty registry writes besides the rows: the report year of their figures and who and when of their audit rows. */
export type CopyContext = { reportYear: number; who: AuditWho };

/** A batch's valid rows as encoded COPY text: line i of each text is of the row at batch index `rows[i]`, with id `ids[i]`. */
type CopyChunk = { rows: Int32Array; ids: string[]; enterprises: Uint8Array; figures: Uint8Array; audits: Uint8Array };

/** One row checked for a bulk load: its credit code when valid, and its problems (null: it is valid and has its lines in the chunk). */
type CheckedForCopy = { rowNumber: number; code: string | null; problems: RowProblem[] | null };

/**
 * Validates, derives and tokenises rows as `createRowChecks` does, then writes each valid row's
 * COPY lines with a new time-ordered id (what the worker threads of a bulk load do).
 */
export function createCopyChecks(headers: string[], scope: Scope, context: CopyContext) {
  const check = createRowChecks(headers, scope, { valuesKept: false });
  const enterprises = new CopyText();
  const figures = new CopyText();
  const audits = new CopyText();
  return (rows: SheetRow[]): { checked: CheckedForCopy[]; chunk: CopyChunk } => {
    const checked = check(rows);
    const valid: { index: number; insert: EnterpriseInsert }[] = [];
    for (const [index, c] of checked.entries()) if ('insert' in c) valid.push({ index, insert: c.insert });
    const ids: string[] = [];
    for (const { insert } of valid) {
      const id = timeOrderedUuid();
      ids.push(id);
      writeEnterprise(enterprises, insert, id);
      writeIndicators(figures, id, context.reportYear, insert);
      writeAudit(audits, context.who, importCreateAudit(insert, id));
    }
    return {
      checked: checked.map((c) => ({ rowNumber: c.rowNumber, code: c.code, problems: 'problems' in c ? c.problems : null })),
      chunk: { rows: Int32Array.from(valid, (v) => v.index), ids, enterprises: enterprises.take(), figures: figures.take(), audits: audits.take() },
    };
  };
}

/**
 * Remembers the credit codes seen so far, so that a code repeated anywhere in the file is
 * reported at its later rows; takes the rows in file order. Returns the problem of a row whose
 * code an earlier row has, or null (and remembers the code).
 */
function createDuplicateCheck() {
  const firstRowOf = new Map<string, number>();
  return (rowNumber: number, code: string | null): RowProblem | null => {
    if (!code) return null;
    const first = firstRowOf.get(code);
    if (first === undefined) {
      firstRowOf.set(code, rowNumber);
      return null;
    }
    return { row: rowNumber, column: '统一社会信用代码', code: 'CREDIT_CODE_DUPLICATE', params: { firstRow: first } };
  };
}

/** Checked rows of one batch, with the repeats of earlier credit codes found, as valid rows and failed ones. */
function splitBatch(rows: SheetRow[], checked: CheckedRow[], duplicateOf: ReturnType<typeof createDuplicateCheck>): PreparedBatch {
  const batch: PreparedBatch = { good: [], failed: [] };
  for (const [i, c] of checked.entries()) {
    const row = rows[i];
    if (!row) continue;
    const problems = 'problems' in c ? c.problems : [];
    const duplicate = duplicateOf(c.rowNumber, c.code);
    if (duplicate) problems.push(duplicate);
    if ('values' in c && problems.length === 0) batch.good.push({ rowNumber: c.rowNumber, values: c.values, cells: row.cells, insert: c.insert });
    else batch.failed.push({ row, problems });
  }
  return batch;
}

/**
 * Validates, derives and tokenises the rows of one file batch by batch, remembering the credit
 * codes seen so that a code repeated anywhere in the file is reported at its second row.
 */
export function createRowPreparation(headers: string[], scope: Scope) {
  const check = createRowChecks(headers, scope);
  const duplicateOf = createDuplicateCheck();
  return (rows: SheetRow[]): PreparedBatch => splitBatch(rows, check(rows), duplicateOf);
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

/** What a worker thread is started with: the file's headers, the importer's scope and, for a bulk load into an empty registry, its COPY context. */
export type CheckStart = { headers: string[]; scope: Scope; copy?: CopyContext | undefined };

/** A worker thread that checks rows (`prepare-rows.worker.ts`), batches answered in the order asked. */
function startCheckWorker<T>(start: CheckStart) {
  const worker = spawnWorker(new URL('./prepare-rows.worker.ts', import.meta.url));
  let nextId = 0;
  const pending = new Map<number, { resolve: (result: T) => void; reject: (error: Error) => void }>();
  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('message', (m: { id: number; result?: T; failure?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.result) p?.resolve(m.result);
    else p?.reject(new Error(`row preparation failed: ${m.failure ?? 'unknown'}`));
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`row preparation worker exited with code ${code}`)));
  worker.postMessage({ type: 'start', ...start });
  return {
    check: (rows: SheetRow[]) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: 'batch', id, rows });
      }),
    stop: () => worker.terminate(),
  };
}

/**
 * Checks batches in worker threads, each batch on the next thread in turn, and hands the answers on
 * in the order asked (`finish` runs on the calling thread, batch after batch, in file order).
 */
function offThread<T, B>(start: CheckStart, threads: number, finish: (rows: SheetRow[], checked: T) => B, ahead = threads) {
  const workers = Array.from({ length: Math.max(1, threads) }, () => startCheckWorker<T>(start));
  let turn = 0;
  let previous: Promise<unknown> = Promise.resolve();
  return {
    prepare(rows: SheetRow[]): Promise<B> {
      const checked = workers[turn++ % workers.length]?.check(rows) ?? Promise.reject(new Error('no worker'));
      checked.catch(() => undefined);
      const batch = previous.then(() => checked).then((c) => finish(rows, c));
      previous = batch.catch(() => undefined);
      return batch;
    },
    ahead,
    close: async () => {
      await Promise.all(workers.map((w) => w.stop()));
    },
  };
}

/**
 * Prepares in worker threads (large files), batch by batch in turn: parsing, the standards' checks
 * and pinyin cost tens of microseconds a row, which would otherwise hold the event loop and
 * compete with the writes. Repeated credit codes are found here, in file order.
 */
export function prepareOffThread(headers: string[], scope: Scope, threads = 1): RowPreparer {
  const duplicateOf = createDuplicateCheck();
  return offThread<CheckedRow[], PreparedBatch>({ headers, scope }, threads, (rows, checked) => splitBatch(rows, checked, duplicateOf));
}

/**
 * Batches a bulk load's threads prepare ahead of the one being written: while the database takes a
 * batch, the threads must not run out of work (each batch's text is a few MB).
 */
const COPY_BATCHES_AHEAD = 8;

/** The new enterprises of a bulk load's batch as COPY text, and its failed rows. */
export type CopyBatch = {
  failed: { row: SheetRow; problems: RowProblem[] }[];
  /** The ids of the enterprises in `enterprises`, in the order of its lines. */
  ids: string[];
  enterprises: Uint8Array;
  figures: Uint8Array;
  audits: Uint8Array;
};

/**
 * Prepares a bulk load into an empty registry in worker threads, which also write the COPY text of
 * every valid row (the enterprise with a new id, its figures, its audit row), so that the thread
 * that writes to the database only passes the text on. A row whose credit code an earlier batch
 * had is found here, in file order, and its lines are left out.
 */
export function prepareCopyOffThread(headers: string[], scope: Scope, copy: CopyContext, threads = 1) {
  const duplicateOf = createDuplicateCheck();
  return offThread<{ checked: CheckedForCopy[]; chunk: CopyChunk }, CopyBatch>({ headers, scope, copy }, threads, (rows, { checked, chunk }) => {
    const failed: CopyBatch['failed'] = [];
    const dropped = new Set<number>();
    for (const [i, c] of checked.entries()) {
      const row = rows[i];
      if (!row) continue;
      const problems = c.problems ?? [];
      const duplicate = duplicateOf(c.rowNumber, c.code);
      if (duplicate) {
        problems.push(duplicate);
        if (!c.problems) dropped.add(i);
      }
      if (problems.length) failed.push({ row, problems });
    }
    if (dropped.size === 0) return { failed, ids: chunk.ids, enterprises: chunk.enterprises, figures: chunk.figures, audits: chunk.audits };
    const keep = Array.from(chunk.rows, (i) => !dropped.has(i));
    return {
      failed,
      ids: chunk.ids.filter((_, line) => keep[line]),
      enterprises: keepLines(chunk.enterprises, keep),
      figures: keepLines(chunk.figures, keep),
      audits: keepLines(chunk.audits, keep),
    };
  }, COPY_BATCHES_AHEAD);
}

/** The lines of COPY text (each ends with a newline; COPY escapes those inside values) whose `keep` is true. */
function keepLines(text: Uint8Array, keep: boolean[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let start = 0;
  for (let line = 0; start < text.length; line++) {
    const end = text.indexOf(0x0a, start) + 1 || text.length;
    if (keep[line]) parts.push(text.subarray(start, end));
    start = end;
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
