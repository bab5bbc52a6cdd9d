import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on a module next to this one, through tsx when running from the
 * TypeScript sources (a worker does not inherit the tsx loader: it is registered there first).
 */
export function spawnWorker(url: URL): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `(async () => { const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(url.href)}); })().catch((e) => { console.error(e); process.exit(1); });`;
  return new Worker(code, { eval: true });
}
