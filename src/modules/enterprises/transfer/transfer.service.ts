import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../server/actor.ts';
import type { Clock } from '../../../server/clock.ts';
import type { Database, Db } from '../../../server/db/index.ts';
import type { JobDefinition } from '../../../server/jobs.ts';
import { AppError } from '../../../server/errors.ts';
import { describeProblem, type Locale } from '../../../server/i18n/index.ts';
import { assertCan, can } from '../../../server/permissions.ts';
import { listDivisions } from '../../../standards/index.ts';
import { scopeContainsDivision } from '../../../server/actor.ts';
import type { AuditService } from '../../audit/index.ts';
import type { FilesService } from '../../files/index.ts';
import { findImportJob, insertImportJob, iterateEnterprises, refreshEnterpriseStatistics, updateImportJob } from '../enterprises.repository.ts';
import type { EnterpriseListQuery } from '../enterprises.schemas.ts';
import { toFilter } from '../enterprises.service.ts';
import { maskName, maskPhone } from '../enterprise-fields.ts';
import { checkSheet, importSheet, bulkLoadOf, type FailedRow, type ImportResult } from './import.service.ts';
import { readSpreadsheetOffThread } from './read-sheet-off-thread.ts';
import { buildErrorReport, buildTemplate, streamExport } from './workbooks.ts';

export type TransferService = ReturnType<typeof createEnterpriseTransferService>;

/** The queue that runs import jobs (pg-boss), and the owner type of their files. */
export const IMPORT_QUEUE = 'enterprise-import';
export const IMPORT_FILE_OWNER = 'import_job';

/** The import queue's job: run by any process; a rerun after a crash changes nothing (upsert by credit code). */
export function importJob(transfer: { runImportJob: (jobId: string) => Promise<void> }): JobDefinition<{ jobId: string }> {
  return { name: IMPORT_QUEUE, policy: 'standard', retryLimit: 1, expireInSeconds: 3600, handle: (data) => transfer.runImportJob(data.jobId) };
}

/** Imports at least this large refresh the table's statistics when they finish. */
const LARGE_IMPORT_ROWS = 5000;

/** Localised row problems `{ row, column, code, message }`. */
export function localiseResult(result: ImportResult, locale: Locale) {
  return {
    imported: result.imported,
    updated: result.updated,
    unchanged: result.unchanged,
    failed: result.failed.map((p) => ({ row: p.row, column: p.column, code: p.code, message: describeProblem(locale, p) })),
  };
}


const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Excel in and out for the registry: template, import (as a job with progress), error report, export.
 * An import job keeps its file in the files module and runs on the job queue once one is attached
 * (any process may take it; a process that dies mid-way leaves it to the queue's retry, and an
 * import run twice changes nothing the second time); without a queue (tests, the command line) it
 * runs in this process.
 */
export function createEnterpriseTransferService(deps: {
  db: Db;
  audit: AuditService;
  clock: Clock;
  files: FilesService;
  actorOf: (userId: string) => Promise<Actor | null>;
  /** The database, for COPY inside a transaction: large files into a small registry then load in bulk. */
  bulk?: Pick<Database, 'kind' | 'copyTransaction'>;
  /** Called after each import job, in the process that ran it, with the ids of the enterprises it wrote. */
  afterImport?: (written: readonly string[]) => void;
}) {
  const { db, clock, files } = deps;
  const importDeps = { db, audit: deps.audit, clock, bulk: deps.bulk ? bulkLoadOf(deps.bulk) : undefined };
  const running = new Set<Promise<void>>();
  let enqueue: ((jobId: string) => Promise<void>) | null = null;
  files.registerOwner(IMPORT_FILE_OWNER, async (actor, id) => (await findImportJob(db, id, actor.role === 'admin' ? null : actor.id)) !== undefined);

  async function runImportJob(jobId: string): Promise<void> {
    const job = await findImportJob(db, jobId, null);
    if (!job || job.status === 'done' || job.status === 'failed') return;
    const written: string[] = [];
    try {
      const actor = job.fileId ? await deps.actorOf(job.createdBy) : null;
      if (!job.fileId || !actor) throw new AppError('IMPORT_JOB_ABANDONED', { status: 500 });
      await updateImportJob(db, job.id, { status: 'running', done: 0 });
      const file = await files.downloadFile(actor, job.fileId);
      const sheet = await readSpreadsheetOffThread(file.content, file.meta.name);
      const outcome = await importSheet(importDeps, actor, sheet, { onProgress: (done) => updateImportJob(db, job.id, { done }), onWritten: (ids) => {
          for (const id of ids) written.push(id);
        },
      });
      if (sheet.rows.length >= LARGE_IMPORT_ROWS) await refreshEnterpriseStatistics(db);
      await updateImportJob(db, job.id, {
        status: 'done', done: sheet.rows.length, result: outcome.result, failedRows: { headers: outcome.headers, rows: outcome.failedRows }, finishedAt: clock.now(),
      });
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'INTERNAL';
      await updateImportJob(db, job.id, { status: 'failed', error: code, finishedAt: clock.now() }).catch(() => undefined);
    } finally {
      deps.afterImport?.(written);
    }
  }

  return {
    /** Hands import jobs to the job queue from now on. */
    attachQueue(send: (jobId: string) => Promise<void>) {
      enqueue = send;
    },

    /** The job queue's handler: runs one import job (again, harmlessly, if it was already under way). */
    runImportJob,

    /** Reads and imports a file at once (the command line). */
    async importFile(actor: Actor, file: { buffer: Buffer; fileName: string }, onProgress?: (done: number, total: number) => void) {
      const sheet = await readSpreadsheetOffThread(file.buffer, file.fileName);
      const outcome = await importSheet(importDeps, actor, sheet, { onProgress });
      if (sheet.rows.length >= LARGE_IMPORT_ROWS) await refreshEnterpriseStatistics(db);
      return outcome;
    },

    /** Checks the file and keeps it, then imports it in the background; progress and result are read from the job. */
    async startImportJob(actor: Actor, file: { buffer: Buffer; fileName: string }): Promise<{ jobId: string }> {
      assertCan(actor, 'enterprises.import');
      const sheet = await readSpreadsheetOffThread(file.buffer, file.fileName);
      const { rows } = checkSheet(sheet);
      const fileName = file.fileName.slice(0, 200);
      const csv = /\.csv$/i.test(fileName);
      const stored = await files.uploadFile(actor, { name: csv || /\.xlsx$/i.test(fileName) ? fileName : `${fileName}.xlsx`, mime: csv ? 'text/csv' : XLSX_MIME, content: file.buffer });
      const id = randomUUID();
      await db.transaction(async (tx) => {
        await files.attach(tx, actor, [stored.id], { type: IMPORT_FILE_OWNER, id });
        await insertImportJob(tx, { id, kind: 'enterprises', status: 'queued', fileName, total: rows.length, fileId: stored.id, createdBy: actor.id });
      });
      if (enqueue) {
        await enqueue(id);
      } else {
        const work = runImportJob(id);
        running.add(work);
        void work.finally(() => running.delete(work));
      }
      return { jobId: id };
    },

    async getImportJob(actor: Actor, id: string, locale: Locale) {
      const job = await findImportJob(db, id, actor.role === 'admin' ? null : actor.id);
      if (!job) throw new AppError('IMPORT_JOB_NOT_FOUND', { status: 404 });
      const result = job.result as ImportResult | null;
      return {
        id: job.id,
        status: job.status,
        fileName: job.fileName,
        progress: { done: job.done, total: job.total },
        ...(result ? { result: localiseResult(result, locale) } : {}),
        ...(result && result.failed.length ? { errorReportUrl: `/api/v1/import-jobs/${job.id}/errors.xlsx` } : {}),
        ...(job.error ? { error: job.error } : {}),
      };
    },

    async errorReport(actor: Actor, id: string, locale: Locale): Promise<Buffer> {
      const job = await findImportJob(db, id, actor.role === 'admin' ? null : actor.id);
      if (!job || !job.failedRows) throw new AppError('IMPORT_JOB_NOT_FOUND', { status: 404 });
      const { headers, rows } = job.failedRows as { headers: string[]; rows: FailedRow[] };
      return buildErrorReport(headers, rows, (p) => describeProblem(locale, p));
    },

    /** Waits for background imports (tests and shutdown). */
    async drain(): Promise<void> {
      await Promise.all([...running]);
    },

    async template(actor: Actor): Promise<Buffer> {
      assertCan(actor, 'enterprises.import');
      const streets = listDivisions({ level: 'township' }).filter((d) => d.code.startsWith('4101') && (actor.scope.kind === 'all' || scopeContainsDivision(actor.scope, d.code)));
      return buildTemplate(streets);
    },

    /** The current filtered, scoped list as an .xlsx stream; contacts masked for roles that may not read them. */
    exportEnterprises(actor: Actor, query: Omit<EnterpriseListQuery, 'page' | 'pageSize'>) {
      assertCan(actor, 'enterprises.export');
      const { sort, ...rest } = query;
      const seesContacts = can(actor, 'enterprises.contacts.read');
      const batches = (async function* () {
        for await (const rows of iterateEnterprises(db, actor.scope, toFilter(rest), sort)) {
          yield rows.map((r) => ({ ...r, contactName: seesContacts ? r.contactName : maskName(r.contactName), contactPhone: seesContacts ? r.contactPhone : maskPhone(r.contactPhone) }));
        }
      })();
      return streamExport(batches);
    },
  };
}
