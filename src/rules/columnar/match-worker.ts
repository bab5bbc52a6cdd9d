/**
 * Worker side of the parallel full match: holds a view of its rows of the shared snapshot
 * and a matcher mirroring the main thread's rules, and writes its words of every result.
 */
import { parentPort } from 'node:worker_threads';
import { createMatcher } from './matcher.ts';
import type { Matcher } from './matcher.ts';
import { refreshView, viewOfSlice } from './slice.ts';
import type { SnapshotSlice } from './slice.ts';

/** What the main thread sends for one full match. */
export interface MatchRequest {
  layoutKey: string;
  slice: SnapshotSlice;
  changedRows: number[];
  added: Array<[string, unknown]>;
  removed: string[];
  /** Rule ids in result order: rule order[k] goes to block k. */
  order: string[];
  out: SharedArrayBuffer;
  /** Forget cached shared-condition bitsets first (to time a match from a cold condition cache). */
  clearCache?: boolean;
  stride: number;
  offset: number;
}

/** What the worker answers. */
export type MatchReply = { ok: true; ids: string[]; elapsedMs: number } | { ok: false; error: string };

let layoutKey = '';
let matcher: Matcher | undefined;
const rules = new Map<string, unknown>();

/** Brings the worker's view and rules up to date, then matches its rows. */
function handle(request: MatchRequest): MatchReply {
  const started = performance.now();
  for (const id of request.removed) {
    rules.delete(id);
    matcher?.removeRule(id);
  }
  for (const [id, rule] of request.added) rules.set(id, rule);
  if (!matcher || request.layoutKey !== layoutKey) {
    layoutKey = request.layoutKey;
    matcher = createMatcher(viewOfSlice(request.slice), { checkTypes: false });
    for (const [id, rule] of rules) matcher.addRule(id, rule);
  } else {
    refreshView(matcher.snapshot, request.slice, request.changedRows);
    for (const [id, rule] of request.added) matcher.addRule(id, rule);
  }
  if (request.clearCache) matcher.executor.clear();
  const ids = matcher.matchAllInto(new Uint32Array(request.out), request);
  return { ok: true, ids, elapsedMs: performance.now() - started };
}

parentPort?.on('message', (request: MatchRequest) => {
  let reply: MatchReply;
  try {
    reply = handle(request);
  } catch (error) {
    reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
