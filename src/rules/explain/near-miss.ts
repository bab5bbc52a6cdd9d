import { createExecutor } from '../columnar/execute.ts';
import type { Executor } from '../columnar/execute.ts';
import { forEachBit, wordsFor } from '../columnar/bitset.ts';
import { fieldsOf, lowerRule } from '../columnar/plan.ts';
import type { Snapshot } from '../columnar/snapshot.ts';
import { compile } from '../compile.ts';
import { explain, relativeGapOf } from './explain.ts';
import type { Explanation } from './explain.ts';

/** An enterprise that fails exactly one condition of a rule's top-level `and`. */
export interface NearMiss {
  row: number;
  /** Index of the failed condition in the top-level `and`. */
  condition: number;
  explanation: Explanation;
  gap?: number;
  relativeGap?: number;
}

/** Options of {@link findNearMisses}. */
export interface NearMissOptions {
  /** Most near misses returned, closest first (default 100). */
  limit?: number;
  /** An executor to reuse (a matcher's), so shared conditions come from its cache. */
  executor?: Executor;
}

/**
 * Rows failing exactly one top-level condition of a top-level `and`, with that condition's
 * explanation and gap, closest first (numeric gaps by relative size, then non-numeric ones).
 */
export function findNearMisses(snapshot: Snapshot, rule: unknown, options: NearMissOptions = {}): NearMiss[] {
  compile(rule, snapshot.schema);
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule) || !('and' in rule)) return [];
  const raw: unknown = Reflect.get(rule, 'and');
  const conditions: unknown[] = Array.isArray(raw) ? raw : [raw];
  if (conditions.length === 0) return [];
  const executor = options.executor ?? createExecutor(snapshot);
  const words = wordsFor(snapshot.size);
  const passes = conditions.map((c) => executor.run(lowerRule(c, snapshot.schema)));
  // prefix[k] = rows passing conditions 0..k-1, suffix[k] = rows passing k..end
  const prefix: Uint32Array[] = [new Uint32Array(words).fill(0xffffffff)];
  for (const bits of passes) {
    const last = prefix[prefix.length - 1] ?? new Uint32Array(words);
    prefix.push(last.map((w, i) => w & (bits[i] ?? 0)));
  }
  const suffix: Uint32Array[] = new Array<Uint32Array>(passes.length + 1);
  suffix[passes.length] = new Uint32Array(words).fill(0xffffffff);
  for (let k = passes.length - 1; k >= 0; k -= 1) {
    const next = suffix[k + 1] ?? new Uint32Array(words);
    suffix[k] = next.map((w, i) => w & (passes[k]?.[i] ?? 0));
  }
  // rank every candidate by its gap alone, then explain only the closest `limit`
  const ranked: Array<{ row: number; condition: number; relativeGap: number }> = [];
  passes.forEach((bits, k) => {
    const before = prefix[k];
    const after = suffix[k + 1];
    if (!before || !after) return;
    const failingOnlyHere = before.map((w, i) => w & (after[i] ?? 0) & ~(bits[i] ?? 0));
    const sizeTail = snapshot.size & 31;
    if (sizeTail) failingOnlyHere[words - 1] = (failingOnlyHere[words - 1] ?? 0) & ((1 << sizeTail) - 1);
    const condition = conditions[k];
    const fields = fieldsOf(condition);
    /** The record as the condition sees it: only the fields it reads. */
    const record = (row: number): Record<string, unknown> => {
      if (fields === null) return snapshot.row(row);
      const out: Record<string, unknown> = {};
      for (const f of fields) {
        const v = snapshot.value(row, f);
        out[f] = v === null ? undefined : v;
      }
      return out;
    };
    forEachBit(failingOnlyHere, (row) => {
      ranked.push({ row, condition: k, relativeGap: relativeGapOf(condition, record(row)) ?? Infinity });
    });
  });
  ranked.sort((a, b) => a.relativeGap - b.relativeGap || a.row - b.row);
  return ranked.slice(0, options.limit ?? 100).map(({ row, condition }) => {
    const explanation = explain(conditions[condition], snapshot.row(row), snapshot.schema);
    return { row, condition, explanation, gap: explanation.gap, relativeGap: explanation.relativeGap };
  });
}
