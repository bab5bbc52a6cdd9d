import type { CompiledRule } from '../compile.ts';
import { compileRule } from '../jsonlogic/compile.ts';
import { generateBatch } from '../jsonlogic/codegen.ts';
import type { BatchEvaluator } from '../jsonlogic/codegen.ts';

const CHUNK = 32;

interface Chunk {
  ids: string[];
  rules: CompiledRule[];
  batch: BatchEvaluator | undefined;
  dirty: boolean;
}

/** Matches one record against many rules, in generated batches of 32 rules. */
export interface RowMatcher {
  set(id: string, rule: CompiledRule): void;
  remove(id: string): void;
  /** Ids of the rules the record satisfies (a rule that throws does not match). */
  match(row: unknown): string[];
}

/** Whether a record matches; a rule that throws does not. */
function safeMatches(rule: CompiledRule, row: unknown): boolean {
  try {
    return rule.matches(row);
  } catch {
    return false;
  }
}

/** Creates an empty row matcher; chunks are regenerated lazily when their rules change. */
export function createRowMatcher(): RowMatcher {
  const chunks: Chunk[] = [];
  const where = new Map<string, Chunk>();
  let flags = new Uint8Array(CHUNK);

  /** Regenerates a chunk's batch function after its rules changed. */
  const rebuild = (chunk: Chunk): void => {
    chunk.batch = generateBatch(
      chunk.rules.map((r) => r.rule),
      (node) => compileRule(node, { backend: 'closure' }),
    );
    chunk.dirty = false;
  };

  return {
    set(id, rule) {
      const existing = where.get(id);
      if (existing) {
        existing.rules[existing.ids.indexOf(id)] = rule;
        existing.dirty = true;
        return;
      }
      let last = chunks[chunks.length - 1];
      if (!last || last.ids.length >= CHUNK) {
        last = { ids: [], rules: [], batch: undefined, dirty: true };
        chunks.push(last);
      }
      last.ids.push(id);
      last.rules.push(rule);
      last.dirty = true;
      where.set(id, last);
    },
    remove(id) {
      const chunk = where.get(id);
      if (!chunk) return;
      const at = chunk.ids.indexOf(id);
      chunk.ids.splice(at, 1);
      chunk.rules.splice(at, 1);
      chunk.dirty = true;
      where.delete(id);
    },
    match(row) {
      const out: string[] = [];
      for (const chunk of chunks) {
        if (chunk.dirty) rebuild(chunk);
        if (flags.length < chunk.ids.length) flags = new Uint8Array(chunk.ids.length);
        let done = false;
        if (chunk.batch) {
          try {
            chunk.batch(row, flags);
            done = true;
          } catch {
            done = false;
          }
        }
        for (let k = 0; k < chunk.ids.length; k += 1) {
          const rule = chunk.rules[k];
          const ok = done ? flags[k] === 1 : rule !== undefined && safeMatches(rule, row);
          if (ok) out.push(chunk.ids[k] ?? '');
        }
      }
      return out;
    },
  };
}
