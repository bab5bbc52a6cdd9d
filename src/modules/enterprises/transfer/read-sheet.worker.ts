import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../server/errors.ts';
import { readSpreadsheet } from './read-sheet.ts';

// Reads one spreadsheet off the main thread: exceljs parses a 20 MB workbook for seconds.
parentPort?.once('message', async (message: { buffer: Uint8Array; fileName: string }) => {
  try {
    const sheet = await readSpreadsheet(Buffer.from(message.buffer.buffer, message.buffer.byteOffset, message.buffer.byteLength), message.fileName);
    parentPort?.postMessage({ sheet });
  } catch (error) {
    if (error instanceof AppError) parentPort?.postMessage({ appError: { code: error.code, params: error.params } });
    else parentPort?.postMessage({ failure: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
