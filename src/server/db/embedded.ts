import { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type EmbeddedDatabase = {
  /** node-postgres connection settings for the socket the worker listens on. */
  connection: { host: string; port: number; user: string; database: string };
  /** Runs `COPY table FROM '/dev/blob'` with `data` as the file (bulk loads; PGlite only). */
  copyFrom: (sql: string, data: Uint8Array) => Promise<number>;
  stop: () => Promise<void>;
};

const SOCKET_PORT = 5432;

/**
 * Starts PGlite in a worker thread behind a Unix socket (`dataDir` undefined = in memory).
 * pg reaches a Unix socket as host = its folder, the file being `.s.PGSQL.<port>`.
 */
export async function startEmbeddedDatabase(dataDir: string | undefined): Promise<EmbeddedDatabase> {
  const socketDir = mkdtempSync(join(tmpdir(), 'gaodi-pg-'));
  const worker = new Worker(new URL('./pglite-worker.js', import.meta.url), {
    workerData: { dataDir, socketPath: join(socketDir, `.s.PGSQL.${SOCKET_PORT}`), maxConnections: 64 },
  });
  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: { type: string; message?: string }) => {
      if (m.type === 'ready') resolve();
      else if (m.type === 'error') reject(new Error(`PGlite failed to start: ${m.message ?? ''}`));
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`PGlite worker exited with code ${code}`)));
  });
  let stopped = false;
  let nextCopyId = 0;
  const pendingCopies = new Map<number, { resolve: (rows: number) => void; reject: (error: Error) => void }>();
  worker.on('message', (m: { type: string; id?: number; rows?: number; error?: string }) => {
    if (m.type !== 'copy-done' || m.id === undefined) return;
    const pending = pendingCopies.get(m.id);
    pendingCopies.delete(m.id);
    if (m.error) pending?.reject(new Error(m.error));
    else pending?.resolve(m.rows ?? 0);
  });
  return {
    connection: { host: socketDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres' },
    copyFrom: (sql, data) =>
      new Promise<number>((resolve, reject) => {
        const id = nextCopyId++;
        pendingCopies.set(id, { resolve, reject });
        const copy = new Uint8Array(data);
        worker.postMessage({ type: 'copy-from', id, sql, data: copy }, [copy.buffer]);
      }),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 10_000);
        worker.on('message', (m: { type: string }) => {
          if (m.type === 'stopped') {
            clearTimeout(timer);
            resolve();
          }
        });
        worker.postMessage({ type: 'stop' });
      });
      await worker.terminate();
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}
