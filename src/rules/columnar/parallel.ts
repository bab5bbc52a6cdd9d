/**
 * The full match on several cores: worker threads each match a contiguous block of rows of a
 * shared snapshot (SharedArrayBuffer columns, no copying) and write straight into shared results.
 */
import { Worker } from 'node:worker_threads';
import { wordsFor } from './bitset.ts';
import type { Bitset } from './bitset.ts';
import type { Matcher } from './matcher.ts';
import { sourceKey } from './number-index.ts';
import { leavesOf } from './plan.ts';
import type { NumericSource } from './plan.ts';
import { describeSlice } from './slice.ts';
import type { MatchReply, MatchRequest } from './match-worker.ts';

/** Runs a matcher's full match on worker threads. */
export interface ParallelMatch {
  /**
   * Per rule, the bitset of eligible rows, computed by all workers; also adopted by the matcher.
   * `clearCache` drops the workers' shared-condition cache first (number indexes are kept).
   * The next matchAll overwrites the bitsets; copy what must outlive it.
   */
  matchAll(options?: { clearCache?: boolean }): Promise<Map<string, Bitset>>;
  /** Milliseconds each worker spent on the last full match (the rest is messaging). */
  workerMs(): number[];
  /** Stops the workers. */
  close(): Promise<void>;
}

/** Options of {@link createParallelMatch}. */
export interface ParallelMatchOptions {
  /** Number of worker threads (2 by default: the machine's two cores). */
  workers?: number;
}

interface WorkerState {
  worker: Worker;
  sent: Map<string, unknown>;
  layoutKey: string;
  generation: number;
  changeCount: number;
  pending: ((reply: MatchReply) => void) | undefined;
  alive: boolean;
}

/** Starts one match worker (through tsx when running from TypeScript sources). */
function spawn(): Worker {
  const url = new URL('./match-worker.ts', import.meta.url);
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  // a worker does not inherit the tsx loader: register it there before importing the TypeScript entry
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `(async () => { const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(url.href)}); })().catch((e) => { console.error(e); process.exit(1); });`;
  return new Worker(code, { eval: true });
}

/** Creates a parallel full match for a matcher whose snapshot was created with `{ shared: true }`. */
export function createParallelMatch(matcher: Matcher, options: ParallelMatchOptions = {}): ParallelMatch {
  const snapshot = matcher.snapshot;
  if (!snapshot.shared) throw new Error('parallel matching needs a snapshot created with { shared: true }');
  let closed = false;
  /** Gives a state a fresh worker; a restarted worker is sent the snapshot and rules again. */
  const attach = (state: WorkerState, worker: Worker): void => {
    Object.assign(state, { worker, sent: new Map(), layoutKey: '', alive: true, pending: undefined });
    const settle = (reply: MatchReply): void => {
      const resolve = state.pending;
      state.pending = undefined;
      resolve?.(reply);
    };
    worker.on('message', settle);
    worker.on('error', (error) => settle({ ok: false, error: error.message }));
    worker.on('exit', (code) => {
      if (state.worker === worker) state.alive = false;
      settle({ ok: false, error: `worker exited with code ${code}` });
    });
    worker.unref();
  };
  const states: WorkerState[] = Array.from({ length: Math.max(1, options.workers ?? 2) }, () => {
    const worker = spawn();
    const state: WorkerState = { worker, sent: new Map(), layoutKey: '', generation: 0, changeCount: 0, pending: undefined, alive: true };
    attach(state, worker);
    return state;
  });

  let out = new SharedArrayBuffer(4);
  let lastWorkerMs: number[] = [];
  /** Sends one request to a worker and waits for its reply. */
  const ask = (state: WorkerState, request: MatchRequest): Promise<MatchReply> =>
    new Promise((resolve) => {
      // referenced only while it works, so an idle pool never keeps the process alive
      state.worker.ref();
      state.pending = (reply) => {
        state.worker.unref();
        resolve(reply);
      };
      state.worker.postMessage(request);
    });

  return {
    async matchAll(matchOptions = {}) {
      if (closed) throw new Error('this parallel match is closed');
      for (const state of states) if (!state.alive) attach(state, spawn());
      const size = snapshot.size;
      const stride = wordsFor(size);
      const rules = matcher.rules();
      const order = rules.map((r) => r.id);
      const sources = new Map<string, NumericSource>();
      const codeFields = new Set<string>();
      for (const r of rules) {
        for (const leaf of leavesOf(r.plan).values()) {
          if (leaf.method === 'range') sources.set(sourceKey(leaf.source), leaf.source);
          if (leaf.method === 'values' && snapshot.columns.get(leaf.field)?.kind === 'code') codeFields.add(leaf.field);
        }
      }
      // reused while the shape stays: see Matcher.matchAll on external memory pressure
      const bytes = Math.max(1, stride * rules.length) * 4;
      if (out.byteLength !== bytes) out = new SharedArrayBuffer(bytes);
      const per = Math.ceil(size / states.length / 32) * 32;
      const layoutKey = `${snapshot.layoutVersion}:${size}:${states.length}`;
      // a worker whose block would be empty (fewer rows than workers × 32) sits this one out
      const busy = states.map((state, k) => ({ state, start: k * per, end: Math.min(size, (k + 1) * per) })).filter((b) => b.start < b.end);
      const replies = await Promise.all(
        busy.map(async ({ state, start, end }) => {
          const current = new Map(rules.map((r) => [r.id, r.compiled.rule]));
          const added = [...current].filter(([id, rule]) => state.sent.get(id) !== rule);
          const removed = [...state.sent.keys()].filter((id) => !current.has(id));
          const changed = state.layoutKey === layoutKey ? snapshot.changedSince(state.changeCount) : [];
          const relayout = state.layoutKey !== layoutKey || changed === null;
          const changedRows = (changed ?? []).filter((r) => r >= start && r < end).map((r) => r - start);
          state.sent = current;
          state.layoutKey = layoutKey;
          if (relayout) state.generation += 1;
          state.changeCount = snapshot.changeCount;
          const reply = await ask(state, {
            layoutKey: `${layoutKey}#${state.generation}`,
            slice: describeSlice(snapshot, { start, end, sources: [...sources.values()], codeFields: [...codeFields] }),
            changedRows,
            added,
            removed,
            order,
            out,
            clearCache: matchOptions.clearCache ?? false,
            stride,
            offset: start >>> 5,
          });
          if (!reply.ok) {
            // resend everything next time: what this worker holds is unknown now
            state.sent = new Map();
            state.layoutKey = '';
          }
          return reply;
        }),
      );
      for (const reply of replies) if (!reply.ok) throw new Error(`match worker failed: ${reply.error}`);
      lastWorkerMs = replies.map((r) => (r.ok ? r.elapsedMs : NaN));
      const block = new Uint32Array(out);
      const results = new Map<string, Bitset>();
      rules.forEach((r, k) => results.set(r.id, block.subarray(k * stride, (k + 1) * stride)));
      matcher.adoptResults(results);
      return results;
    },
    workerMs: () => lastWorkerMs,
    async close() {
      closed = true;
      await Promise.all(states.map((s) => s.worker.terminate()));
    },
  };
}
