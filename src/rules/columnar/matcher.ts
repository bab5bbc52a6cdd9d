import { compile } from '../compile.ts';
import type { CompiledRule } from '../compile.ts';
import type { CompileRuleOptions } from '../jsonlogic/compile.ts';
import { putBit, wordsFor } from './bitset.ts';
import type { Bitset } from './bitset.ts';
import { createExecutor } from './execute.ts';
import type { Executor } from './execute.ts';
import { leavesOf, lowerRule } from './plan.ts';
import { createRowMatcher } from './row-matcher.ts';
import type { Plan } from './plan.ts';
import type { Snapshot } from './snapshot.ts';

/** One rule held by a matcher. */
export interface MatcherRule {
  readonly id: string;
  readonly compiled: CompiledRule;
  readonly plan: Plan;
}

/** Many compiled rules matched against one snapshot. */
export interface Matcher {
  readonly snapshot: Snapshot;
  /** Compiles (with the snapshot's schema) and adds a rule; if a full match exists, evaluates only this rule. */
  addRule(id: string, rule: unknown): Bitset | undefined;
  /** Drops a rule and its stored result. */
  removeRule(id: string): boolean;
  /** The rules, in the order they were added. */
  rules(): MatcherRule[];
  /** Per rule, the bitset of eligible rows (single thread); the next matchAll overwrites them. */
  matchAll(): Map<string, Bitset>;
  /** Writes rule k's bitset at `block[k * stride + offset …]`, in rule order; returns the ids in that order. */
  matchAllInto(block: Uint32Array, layout: { stride: number; offset: number; order?: readonly string[] }): string[];
  /** Per rule, the eligible rows of the last full match (kept current by matchRow and addRule). */
  results(): ReadonlyMap<string, Bitset>;
  /** Takes results computed elsewhere (by worker threads) as the last full match. */
  adoptResults(results: ReadonlyMap<string, Bitset>): void;
  /** Ids of the rules row `index` satisfies; its bits in the stored results are refreshed when next read. */
  matchRow(index: number): string[];
  /** The executor (and its shared-condition cache) used for vectorised matching. */
  readonly executor: Executor;
}

/** Options of {@link createMatcher}. */
export interface MatcherOptions {
  compile?: CompileRuleOptions;
  /** Check rules against the schema's types and values (default true); field names are always checked. */
  checkTypes?: boolean;
}

/**
 * Creates a matcher over a snapshot. Rules are compiled against the snapshot's schema and
 * lowered to bitset plans; conditions used by two or more rules are evaluated once per snapshot.
 */
export function createMatcher(snapshot: Snapshot, options: MatcherOptions = {}): Matcher {
  const byId = new Map<string, MatcherRule>();
  const useCount = new Map<string, number>();
  const stored = new Map<string, Bitset>();
  const rowMatcher = createRowMatcher();
  // rows re-matched by matchRow whose bits in the stored results are not yet rewritten: writing
  // one bit into each of 1000 far-apart bitsets costs more than the re-match itself
  const pendingRows = new Set<number>();
  let hasFullMatch = false;
  let block = new Uint32Array(0);
  /** Writes the bits of rows re-matched by matchRow into the stored results. */
  const flushPending = (): void => {
    if (pendingRows.size === 0) return;
    for (const index of pendingRows) {
      const row = snapshot.row(index);
      for (const { id, compiled } of byId.values()) {
        const bits = stored.get(id);
        if (bits && index >>> 5 < bits.length) putBit(bits, index, safeMatches(compiled, row));
      }
    }
    pendingRows.clear();
  };
  const executor = createExecutor(snapshot, { shouldCache: (key) => (useCount.get(key) ?? 0) >= 2 });

  /** Adds `delta` to the use count of each of a plan's conditions. */
  const count = (plan: Plan, delta: number): void => {
    for (const key of leavesOf(plan).keys()) {
      const next = (useCount.get(key) ?? 0) + delta;
      if (next > 0) useCount.set(key, next);
      else useCount.delete(key);
    }
  };
  /** Whether a record matches; a rule that throws does not. */
  const safeMatches = (compiled: CompiledRule, row: unknown): boolean => {
    try {
      return compiled.matches(row);
    } catch {
      return false;
    }
  };

  return {
    snapshot,
    executor,
    addRule(id, rule) {
      const compiled = compile(rule, snapshot.schema, { ...options.compile, checkTypes: options.checkTypes ?? true });
      const plan = lowerRule(rule, snapshot.schema);
      const previous = byId.get(id);
      if (previous) count(previous.plan, -1);
      byId.set(id, { id, compiled, plan });
      rowMatcher.set(id, compiled);
      count(plan, 1);
      if (!hasFullMatch) return undefined;
      const bits = executor.run(plan);
      stored.set(id, bits);
      return bits;
    },
    removeRule(id) {
      const previous = byId.get(id);
      if (!previous) return false;
      count(previous.plan, -1);
      byId.delete(id);
      rowMatcher.remove(id);
      stored.delete(id);
      return true;
    },
    rules: () => [...byId.values()],
    matchAll() {
      pendingRows.clear();
      stored.clear();
      const words = wordsFor(snapshot.size);
      // one block for every result, reused by the next full match: allocating 100+ MB each time
      // makes V8 run a full collection for "external memory pressure"
      if (block.length !== words * byId.size) block = new Uint32Array(words * byId.size);
      let offset = 0;
      for (const { id, plan } of byId.values()) {
        const bits = block.subarray(offset, offset + words);
        offset += words;
        executor.runInto(plan, bits);
        stored.set(id, bits);
      }
      hasFullMatch = true;
      return new Map(stored);
    },
    matchAllInto(block, { stride, offset, order }) {
      const words = wordsFor(snapshot.size);
      const ids = order ?? [...byId.keys()];
      ids.forEach((id, k) => {
        const rule = byId.get(id);
        if (!rule) throw new Error(`unknown rule ${id}`);
        const start = k * stride + offset;
        executor.runInto(rule.plan, block.subarray(start, start + words));
      });
      return [...ids];
    },
    results: () => {
      flushPending();
      return stored;
    },
    adoptResults(results) {
      pendingRows.clear();
      stored.clear();
      for (const [id, bits] of results) stored.set(id, bits);
      hasFullMatch = true;
    },
    matchRow(index) {
      if (hasFullMatch) pendingRows.add(index);
      return rowMatcher.match(snapshot.row(index));
    },
  };
}
