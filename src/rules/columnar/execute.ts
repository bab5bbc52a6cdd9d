import { createBitset, forEachBit, isEmpty, putBit, wordsFor } from './bitset.ts';
import type { Bitset } from './bitset.ts';
import { codeIndexFor } from './code-index.ts';
import { indexFor, queryRangeInto } from './number-index.ts';
import type { Leaf, Plan } from './plan.ts';
import type { Snapshot } from './snapshot.ts';

interface CacheEntry {
  bits: Bitset;
  changeCount: number;
  layoutVersion: number;
}

/** Runs plans over one snapshot, caching the bitsets of conditions shared by several rules. */
export interface Executor {
  /** Rows of the snapshot for which the plan's rule is truthy, as a new bitset. */
  run(plan: Plan): Bitset;
  /** Same, written into `out` (at least wordsFor(snapshot.size) words). */
  runInto(plan: Plan, out: Bitset): void;
  /** Forgets cached condition bitsets. */
  clear(): void;
  /** Bytes held by cached condition bitsets. */
  cacheBytes(): number;
}

/** Options of {@link createExecutor}. */
export interface ExecutorOptions {
  /** Whether a condition's bitset is worth keeping (it is shared by several rules). */
  shouldCache?: (key: string) => boolean;
}

/** Past this many selected values, one pass over the codes beats OR-ing their bitsets. */
const MAX_ORED_VALUES = 24;

/** Whether a plan node is evaluated row by row (and so best run last, on few rows). */
const isDeferred = (plan: Plan): boolean => plan.kind === 'leaf' && (plan.leaf.method === 'rows' || plan.leaf.method === 'scan');

/** Order of evaluation inside and/or: cheap, selective bitsets first, row-by-row work last. */
function cost(plan: Plan): number {
  if (plan.kind === 'const') return 0;
  if (plan.kind !== 'leaf') return 2;
  switch (plan.leaf.method) {
    case 'tag':
    case 'values':
      return 1;
    case 'range':
      return 3;
    case 'scan':
    case 'rows':
      return 4;
  }
}

/** Clears the bits past `size` (and any words past it). */
function maskTail(bits: Bitset, size: number): void {
  const words = wordsFor(size);
  if (size & 31) bits[words - 1] = (bits[words - 1] ?? 0) & ((1 << (size & 31)) - 1);
  if (bits.length > words) bits.fill(0, words);
}

/** Creates an executor bound to a snapshot. */
export function createExecutor(snapshot: Snapshot, options: ExecutorOptions = {}): Executor {
  const cache = new Map<string, CacheEntry>();
  const shouldCache = options.shouldCache ?? (() => true);
  let pool: Bitset[] = [];
  let poolWords = 0;
  /** A scratch bitset of the current size, from the pool. */
  const acquire = (): Bitset => {
    const words = wordsFor(snapshot.size);
    if (words !== poolWords) {
      pool = [];
      poolWords = words;
    }
    return pool.pop() ?? new Uint32Array(words);
  };
  /** Returns a scratch bitset to the pool. */
  const release = (bits: Bitset): void => {
    if (bits.length === poolWords) pool.push(bits);
  };

  /** The row as the condition sees it: only the fields it reads, when those are known. */
  const rowFor = (row: number, fields: readonly string[] | null): Record<string, unknown> => {
    if (fields === null) return snapshot.row(row);
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      const v = snapshot.value(row, f);
      if (v !== null) out[f] = v;
    }
    return out;
  };
  /** Recomputes one row's bit exactly with the condition's closure. */
  const patchRow = (bits: Bitset, leaf: Leaf, row: number): void => putBit(bits, row, leaf.test(rowFor(row, leaf.fields)));
  /** Recomputes the rows whose fields hold values the columns could not type. */
  const patchIrregular = (bits: Bitset, leaf: Leaf): void => {
    for (const f of leaf.fields ?? []) {
      const column = snapshot.columns.get(f);
      if (!column || column.irregular.size === 0) continue;
      for (const row of column.irregular.keys()) if (row < snapshot.size) patchRow(bits, leaf, row);
    }
  };

  /** Row by row: the closure on every row (or every row of `mask`). */
  const evaluateEachInto = (leaf: Leaf, out: Bitset, mask: Bitset | undefined): void => {
    const size = snapshot.size;
    out.fill(0);
    const visit = (row: number): void => {
      if (row < size && leaf.test(rowFor(row, leaf.fields))) out[row >>> 5] = (out[row >>> 5] ?? 0) | (1 << (row & 31));
    };
    if (mask) forEachBit(mask, visit);
    else for (let row = 0; row < size; row += 1) visit(row);
  };

  /** A leaf's rows by its vectorised method, patched for irregular and changed rows. */
  const evaluateInto = (leaf: Leaf, out: Bitset, mask?: Bitset): void => {
    const size = snapshot.size;
    const words = wordsFor(size);
    switch (leaf.method) {
      case 'range': {
        const index = indexFor(snapshot, leaf.source);
        queryRangeInto(out, index, leaf, mask);
        for (const row of snapshot.changedSince(index.changeCount) ?? []) if (row < size) patchRow(out, leaf, row);
        patchIrregular(out, leaf);
        return;
      }
      case 'tag': {
        const column = snapshot.columns.get(leaf.field);
        out.fill(0);
        const bits = column?.kind === 'tags' ? column.tags.get(leaf.tag) : undefined;
        if (bits) out.set(bits.subarray(0, Math.min(words, out.length)));
        patchIrregular(out, leaf);
        return;
      }
      case 'values': {
        const column = snapshot.columns.get(leaf.field);
        out.fill(0);
        if (column?.kind === 'code') {
          const lut = new Uint8Array(column.dictionary.length + 1);
          lut[0] = leaf.test({}) ? 1 : 0;
          let selected = 0;
          column.dictionary.forEach((value, i) => {
            lut[i + 1] = leaf.test({ [leaf.field]: value }) ? 1 : 0;
            selected += lut[i + 1] ?? 0;
          });
          const index = selected + (lut[0] ?? 0) <= MAX_ORED_VALUES ? codeIndexFor(snapshot, leaf.field) : undefined;
          if (index) {
            // a few selected values: OR their bitsets, then patch rows changed since those were built
            lut.forEach((on, code) => {
              const bits = on ? index.bits[code] : undefined;
              if (!bits) return;
              const n = Math.min(words, bits.length);
              for (let w = 0; w < n; w += 1) out[w] = (out[w] ?? 0) | (bits[w] ?? 0);
            });
            for (const row of snapshot.changedSince(index.changeCount) ?? []) if (row < size) patchRow(out, leaf, row);
            patchIrregular(out, leaf);
            return;
          }
          const codes = column.codes;
          for (let w = 0; w < words; w += 1) {
            let word = 0;
            const base = w << 5;
            const end = Math.min(32, size - base);
            for (let b = 0; b < end; b += 1) word |= (lut[codes[base + b] ?? 0] ?? 0) << b;
            out[w] = word;
          }
        } else if (column?.kind === 'boolean') {
          const t = leaf.test({ [leaf.field]: true }) ? -1 : 0;
          const f = leaf.test({ [leaf.field]: false }) ? -1 : 0;
          const m = leaf.test({}) ? -1 : 0;
          const { trueBits, missing } = column;
          for (let w = 0; w < words; w += 1) {
            const tb = trueBits[w] ?? 0;
            const mb = missing[w] ?? 0;
            out[w] = (t & tb & ~mb) | (f & ~tb & ~mb) | (m & mb);
          }
          maskTail(out, size);
        } else {
          evaluateEachInto(leaf, out, undefined);
          return;
        }
        patchIrregular(out, leaf);
        return;
      }
      case 'scan':
      case 'rows':
        evaluateEachInto(leaf, out, undefined);
        return;
    }
  };

  /**
   * The leaf's bitset: the cached one (read only), or computed into `scratch`; with a `mask`
   * an uncached result need only be exact within the mask.
   */
  const leafBits = (leaf: Leaf, scratch: Bitset, mask?: Bitset): Bitset => {
    if (!shouldCache(leaf.key)) {
      evaluateInto(leaf, scratch, mask);
      return scratch;
    }
    const entry = cache.get(leaf.key);
    if (entry && entry.layoutVersion === snapshot.layoutVersion) {
      if (entry.changeCount === snapshot.changeCount) return entry.bits;
      const changed = snapshot.changedSince(entry.changeCount);
      if (changed !== null && changed.length <= Math.max(64, snapshot.size >>> 6)) {
        if (entry.bits.length < wordsFor(snapshot.size)) {
          const grown = createBitset(snapshot.size);
          grown.set(entry.bits);
          entry.bits = grown;
        }
        for (const row of changed) patchRow(entry.bits, leaf, row);
        entry.changeCount = snapshot.changeCount;
        return entry.bits;
      }
    }
    const bits = createBitset(snapshot.size);
    evaluateInto(leaf, bits);
    cache.set(leaf.key, { bits, changeCount: snapshot.changeCount, layoutVersion: snapshot.layoutVersion });
    return bits;
  };

  /** and/or of the children into `out`, cheap children first, row-by-row ones masked. */
  const combineInto = (children: Plan[], isAnd: boolean, out: Bitset): void => {
    const size = snapshot.size;
    const words = wordsFor(size);
    const ordered = [...children].sort((a, b) => cost(a) - cost(b));
    const [first, ...rest] = ordered;
    if (!first) {
      out.fill(0);
      return;
    }
    runInto(first, out);
    const scratch = acquire();
    for (const child of rest) {
      if (isAnd ? isEmpty(out) : false) break;
      let bits: Bitset;
      if (child.kind === 'leaf' && isDeferred(child)) {
        // conditions evaluated row by row only where they can still change the outcome
        let mask = out;
        if (!isAnd) {
          mask = acquire();
          for (let w = 0; w < words; w += 1) mask[w] = ~(out[w] ?? 0);
          maskTail(mask, size);
        }
        evaluateEachInto(child.leaf, scratch, mask);
        if (mask !== out) release(mask);
        bits = scratch;
      } else if (child.kind === 'leaf') {
        bits = leafBits(child.leaf, scratch, isAnd ? out : undefined);
      } else {
        runInto(child, scratch);
        bits = scratch;
      }
      if (isAnd) for (let w = 0; w < words; w += 1) out[w] = (out[w] ?? 0) & (bits[w] ?? 0);
      else for (let w = 0; w < words; w += 1) out[w] = (out[w] ?? 0) | (bits[w] ?? 0);
    }
    release(scratch);
  };

  /** Writes a plan's rows into `out`. */
  const runInto = (plan: Plan, out: Bitset): void => {
    const size = snapshot.size;
    switch (plan.kind) {
      case 'const':
        out.fill(plan.value ? 0xffffffff : 0);
        maskTail(out, size);
        return;
      case 'leaf': {
        const bits = leafBits(plan.leaf, out);
        if (bits !== out) out.set(bits.subarray(0, Math.min(bits.length, out.length)));
        return;
      }
      case 'and':
        combineInto(plan.children, true, out);
        return;
      case 'or':
        combineInto(plan.children, false, out);
        return;
      case 'not': {
        runInto(plan.child, out);
        for (let w = 0; w < out.length; w += 1) out[w] = ~(out[w] ?? 0);
        maskTail(out, size);
        return;
      }
    }
  };

  return {
    run: (plan) => {
      const out = createBitset(snapshot.size);
      runInto(plan, out);
      return out;
    },
    runInto,
    clear: () => cache.clear(),
    cacheBytes: () => [...cache.values()].reduce((sum, e) => sum + e.bits.byteLength, 0),
  };
}
