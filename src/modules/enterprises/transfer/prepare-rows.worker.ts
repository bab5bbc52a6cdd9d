import { parentPort } from 'node:worker_threads';
import type { SheetRow } from './read-sheet.ts';
import { createCopyChecks, createRowChecks, type CheckStart } from './prepare-rows.ts';

// Validates, derives and tokenises an import's rows off the main thread, batch by batch; for a bulk
// load into an empty registry, writes their COPY text too and hands its bytes over without a copy.
let checkRows: ((rows: SheetRow[]) => { result: unknown; transfer: ArrayBuffer[] }) | undefined;
parentPort?.on('message', (m: ({ type: 'start' } & CheckStart) | { type: 'batch'; id: number; rows: SheetRow[] }) => {
  if (m.type === 'start') {
    if (m.copy) {
      const check = createCopyChecks(m.headers, m.scope, m.copy);
      checkRows = (rows) => {
        const result = check(rows);
        const { enterprises, figures, audits } = result.chunk;
        return { result, transfer: [enterprises.buffer, figures.buffer, audits.buffer] as ArrayBuffer[] };
      };
    } else {
      const check = createRowChecks(m.headers, m.scope);
      checkRows = (rows) => ({ result: check(rows), transfer: [] });
    }
    return;
  }
  try {
    if (!checkRows) throw new Error('no start message');
    const { result, transfer } = checkRows(m.rows);
    parentPort?.postMessage({ id: m.id, result }, transfer);
  } catch (error) {
    parentPort?.postMessage({ id: m.id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
