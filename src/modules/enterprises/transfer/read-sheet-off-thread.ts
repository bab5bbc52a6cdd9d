import { AppError } from '../../../server/errors.ts';
import type { Sheet } from './read-sheet.ts';
import { spawnWorker } from './spawn-worker.ts';

const spawn = () => spawnWorker(new URL('./read-sheet.worker.ts', import.meta.url));

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
