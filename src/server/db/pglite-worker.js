// PGlite runs here, in a worker thread, behind a PostgreSQL wire-protocol socket, so
// that a slow query never blocks the app's event loop and the app reaches the embedded
// database with the same driver (node-postgres) as a PostgreSQL server.
// Plain JavaScript on purpose: a worker entry must load without the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { dataDir, socketPath, maxConnections } = workerData;

try {
  const db = await PGlite.create(dataDir ?? 'memory://');
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections });
  await server.start();
  parentPort.postMessage({ type: 'ready' });
  parentPort.on('message', async (message) => {
    if (message?.type === 'copy-from') {
      // COPY … FROM '/dev/blob' through PGlite's own API: the wire-protocol socket does not carry COPY data.
      try {
        const result = await db.query(message.sql, [], { blob: new Blob([message.data]) });
        parentPort.postMessage({ type: 'copy-done', id: message.id, rows: result.affectedRows ?? 0 });
      } catch (error) {
        parentPort.postMessage({ type: 'copy-done', id: message.id, error: error instanceof Error ? error.message : String(error) });
      }
      return;
    }
    if (message?.type !== 'stop') return;
    try {
      await server.stop();
      await db.close();
    } finally {
      parentPort.postMessage({ type: 'stopped' });
    }
  });
} catch (error) {
  parentPort.postMessage({ type: 'error', message: error instanceof Error ? error.stack : String(error) });
}
