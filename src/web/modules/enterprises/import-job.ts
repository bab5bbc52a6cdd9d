/** Pure helpers of the import dialog. */
import type { ImportJob } from '../../api/types.ts';

export const IMPORT_ACCEPT = '.xlsx,.csv';
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export function isImportFinished(job: ImportJob | undefined): boolean {
  return job?.status === 'done' || job?.status === 'failed';
}

/** Percent done, 0–100, from the job's progress. */
export function importPercent(job: ImportJob | undefined): number {
  if (!job) return 0;
  if (job.status === 'done') return 100;
  const { done, total } = job.progress;
  if (total <= 0) return 0;
  return Math.min(100, Math.floor((done / total) * 100));
}

/** Whether a chosen file looks like something the import takes (the server checks contents). */
export function importFileProblem(file: { name: string; size: number }): 'type' | 'size' | 'empty' | null {
  if (!/\.(xlsx|csv)$/i.test(file.name)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > IMPORT_MAX_BYTES) return 'size';
  return null;
}
