import { Worker } from 'node:worker_threads';
import { AppError } from '../../../server/errors.ts';
import type { Sheet } from './read-sheet.ts';

/** Starts the reader worker (through tsx when running from the TypeScript sources). */
function spawn(): Worker {
  const url = new URL('./read-sheet.worker.ts', import.meta.url);
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  // A worker does not inherit the tsx loader: register it there before importing the entry.
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `(async () => { const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(url.href)}); })().catch((e) => { console.error(e); process.exit(1); });`;
  return new Worker(code, { eval: true });
}

/** `readSpreadsheet` in a worker thread, so parsing a large workbook never stalls other requests. */
export function readSpreadsheetOffThread(buffer: Buffer, fileName: string): Promise<Sheet> {
  return new Promise<Sheet>((resolve, reject) => {
    const worker = spawn();
    const copy = new Uint8Array(buffer);
    worker.once('message', (m: { sheet?: Sheet; appError?: { code: string; params: Record<string, string | number> }; failure?: string }) => {
      void worker.terminate();
      if (m.sheet) resolve(m.sheet);
      else if (m.appError) reject(new AppError(m.appError.code, { params: m.appError.params }));
      else reject(new Error(`spreadsheet reader failed: ${m.failure ?? 'unknown'}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`spreadsheet reader exited with code ${code}`));
    });
    worker.postMessage({ buffer: copy, fileName }, [copy.buffer]);
  });
}
