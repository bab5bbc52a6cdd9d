/**
 * Server-only entry of the rules engine: the full match on worker threads. Kept out of
 * `index.ts` so that importing the engine never pulls in `node:worker_threads`.
 */
export { createParallelMatch } from './columnar/parallel.ts';
export type { ParallelMatch, ParallelMatchOptions } from './columnar/parallel.ts';
