import { parentPort } from 'node:worker_threads';
import type { Scope } from '../../../server/actor.ts';
import type { SheetRow } from './read-sheet.ts';
import { createRowChecks } from './prepare-rows.ts';

// Validates, derives and tokenises an import's rows off the main thread, batch by batch.
let checkRows: ReturnType<typeof createRowChecks> | undefined;
parentPort?.on('message', (m: { type: 'start'; headers: string[]; scope: Scope } | { type: 'batch'; id: number; rows: SheetRow[] }) => {
  if (m.type === 'start') {
    checkRows = createRowChecks(m.headers, m.scope);
    return;
  }
  try {
    if (!checkRows) throw new Error('no start message');
    parentPort?.postMessage({ id: m.id, rows: checkRows(m.rows) });
  } catch (error) {
    parentPort?.postMessage({ id: m.id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
