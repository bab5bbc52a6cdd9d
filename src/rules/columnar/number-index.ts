import { createBitset, wordsFor } from './bitset.ts';
import type { Bitset } from './bitset.ts';
import type { NumberColumn, Snapshot } from './snapshot.ts';
import type { NumericSource } from './plan.ts';

/**
 * Pre-bucketed cumulative bitmaps over one numeric source: `atLeast[k]` holds the rows whose
 * value falls in bucket k or above. A range query is one word-wise AND-NOT of two of them plus
 * an exact check of the (at most two) boundary buckets.
 */
export interface NumberIndex {
  readonly bounds: Float64Array;
  readonly atLeast: Bitset[];
  readonly size: number;
  readonly changeCount: number;
  readonly layoutVersion: number;
  /**
   * The value JsonLogic compares, per row (missing reads as 0, as null does in `<`): the column
   * itself for a field, a derived array for a ratio. Stale for rows changed since the build.
   */
  readonly values: Float64Array | Int32Array;
  /** Bytes this index holds (0 for a worker's view of an index the main thread owns). */
  readonly bytes: number;
  /** Identifies one build, so a worker adopts each shared build once. */
  readonly build: number;
}

/** An interval of values: null bounds are open-ended. */
export interface RangeBounds {
  lo: number | null;
  loInclusive: boolean;
  hi: number | null;
  hiInclusive: boolean;
}

const BUCKETS = 32;
const SAMPLE = 4096;
const indexes = new WeakMap<Snapshot, Map<string, NumberIndex>>();
let builds = 0;

/** The number column of a field, or an error if the field is not one. */
function numberColumn(snapshot: Snapshot, field: string): NumberColumn {
  const column = snapshot.columns.get(field);
  if (column?.kind !== 'number') throw new Error(`${field} is not a number column`);
  return column;
}

/** Reads the JsonLogic value of a numeric source for regular rows, straight from the columns. */
export function valueReader(snapshot: Snapshot, source: NumericSource): (row: number) => number {
  const read = (field: string): ((row: number) => number) => {
    const { values, missing } = numberColumn(snapshot, field);
    return (row) => ((missing[row >>> 5] ?? 0) & (1 << (row & 31)) ? 0 : (values[row] ?? 0));
  };
  if (source.kind === 'field') return read(source.field);
  const a = read(source.numerator);
  const b = read(source.denominator);
  return (row) => a(row) / b(row);
}

/** Cache key of a numeric source. */
export function sourceKey(source: NumericSource): string {
  return source.kind === 'field' ? source.field : `${source.numerator}/${source.denominator}`;
}

/** The values a range compares: the column itself, or the ratio's values computed once. */
function effectiveValues(snapshot: Snapshot, source: NumericSource): Float64Array | Int32Array {
  // missing and irregular rows hold 0 in the column, which is what null reads as in `<`
  if (source.kind === 'field') return numberColumn(snapshot, source.field).values;
  const read = valueReader(snapshot, source);
  const bytes = snapshot.size * 8;
  // on shared memory for a shared snapshot, so worker threads read it instead of rebuilding it
  const out = new Float64Array(snapshot.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  for (let i = 0; i < out.length; i += 1) out[i] = read(i);
  return out;
}

/** Buckets a source at sampled quantiles and builds the cumulative bitmaps. */
function buildIndex(snapshot: Snapshot, source: NumericSource): NumberIndex {
  const size = snapshot.size;
  const values = effectiveValues(snapshot, source);
  const valueAt = (row: number): number => values[row] ?? NaN;
  const step = Math.max(1, Math.floor(size / SAMPLE));
  const sample: number[] = [];
  for (let i = 0; i < size; i += step) {
    const v = valueAt(i);
    if (!Number.isNaN(v)) sample.push(v);
  }
  sample.sort((x, y) => x - y);
  const bounds: number[] = [];
  for (let k = 1; k < BUCKETS; k += 1) {
    const v = sample[Math.floor((k * sample.length) / BUCKETS)];
    if (v !== undefined && v !== bounds[bounds.length - 1] && v !== -Infinity) bounds.push(v);
  }
  const boundArray = Float64Array.from(bounds);
  const buckets = boundArray.length + 1;
  const atLeast = Array.from({ length: buckets }, () => createBitset(size, snapshot.shared));
  // per word: the 32 rows' buckets into a small table, then the running OR from the top bucket
  // down writes every atLeast[k] word once (sequential writes, no second pass)
  const local = new Uint32Array(buckets);
  const words = wordsFor(size);
  for (let w = 0; w < words; w += 1) {
    local.fill(0);
    const base = w << 5;
    const end = Math.min(32, size - base);
    for (let b = 0; b < end; b += 1) {
      const v = values[base + b] ?? NaN;
      if (v !== v) continue;
      const k = bucketOf(boundArray, v);
      local[k] = (local[k] ?? 0) | (1 << b);
    }
    let running = 0;
    for (let k = buckets - 1; k >= 0; k -= 1) {
      running |= local[k] ?? 0;
      const target = atLeast[k];
      if (target) target[w] = running;
    }
  }
  return {
    bounds: boundArray,
    atLeast,
    size,
    changeCount: snapshot.changeCount,
    layoutVersion: snapshot.layoutVersion,
    values,
    bytes: buckets * wordsFor(size) * 4 + boundArray.byteLength + (source.kind === 'ratio' ? values.byteLength : 0),
    build: (builds += 1),
  };
}

/** Number of bounds <= v: the bucket v falls in. */
function bucketOf(bounds: Float64Array, v: number): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((bounds[mid] ?? 0) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of a numeric source, built on first use and rebuilt when many rows changed. */
export function indexFor(snapshot: Snapshot, source: NumericSource): NumberIndex {
  let perSnapshot = indexes.get(snapshot);
  if (!perSnapshot) {
    perSnapshot = new Map();
    indexes.set(snapshot, perSnapshot);
  }
  const key = sourceKey(source);
  const existing = perSnapshot.get(key);
  if (existing && existing.layoutVersion === snapshot.layoutVersion) {
    const changed = snapshot.changeCount - existing.changeCount;
    if (changed <= Math.max(64, snapshot.size >>> 6) && snapshot.changedSince(existing.changeCount) !== null) return existing;
  }
  const built = buildIndex(snapshot, source);
  perSnapshot.set(key, built);
  return built;
}

/** Installs an index built elsewhere (a worker's view of the main thread's shared index). */
export function adoptIndex(snapshot: Snapshot, source: NumericSource, index: NumberIndex): void {
  let perSnapshot = indexes.get(snapshot);
  if (!perSnapshot) {
    perSnapshot = new Map();
    indexes.set(snapshot, perSnapshot);
  }
  perSnapshot.set(sourceKey(source), index);
}

/** Bytes held by the number indexes of a snapshot. */
export function indexBytes(snapshot: Snapshot): number {
  let bytes = 0;
  for (const index of indexes.get(snapshot)?.values() ?? []) bytes += index.bytes;
  return bytes;
}

/**
 * Writes into `out` the rows (of the index's build) whose value v satisfies lo </<= v </<= hi;
 * NaN never does. With a `mask`, the boundary buckets are checked only on the mask's rows (the
 * result is then exact only within the mask). Rows changed since the build must be patched.
 */
export function queryRangeInto(out: Bitset, index: NumberIndex, range: RangeBounds, mask?: Bitset): void {
  const { lo, loInclusive, hi, hiInclusive } = range;
  out.fill(0);
  if ((lo !== null && Number.isNaN(lo)) || (hi !== null && Number.isNaN(hi))) return;
  const { atLeast, bounds, values } = index;
  const buckets = bounds.length + 1;
  const kLo = lo === null ? -1 : bucketOf(bounds, lo);
  const kHi = hi === null ? buckets : bucketOf(bounds, hi);
  if (kLo > kHi) return;
  const from = atLeast[kLo + 1];
  const to = kHi < buckets ? atLeast[kHi] : undefined;
  if (from && kLo + 1 < kHi) {
    const words = Math.min(out.length, from.length);
    if (to) for (let w = 0; w < words; w += 1) out[w] = (from[w] ?? 0) & ~(to[w] ?? 0);
    else out.set(from.subarray(0, words));
  }
  const loValue = lo ?? -Infinity;
  const hiValue = hi ?? Infinity;
  const loOpen = lo !== null && !loInclusive;
  const hiOpen = hi !== null && !hiInclusive;
  /** Checks the rows of one boundary bucket exactly. */
  const scan = (k: number): void => {
    const here = atLeast[k];
    if (!here) return;
    const above = atLeast[k + 1];
    const words = Math.min(out.length, here.length);
    for (let w = 0; w < words; w += 1) {
      let word = (here[w] ?? 0) & ~(above ? (above[w] ?? 0) : 0) & (mask ? (mask[w] ?? 0) : -1);
      if (word === 0) continue;
      // branch-free inside the word: the comparison outcome is unpredictable
      let passed = 0;
      const base = w << 5;
      while (word !== 0) {
        const low = word & -word;
        word ^= low;
        const v = values[base + 31 - Math.clz32(low)] ?? NaN;
        const ok = (loOpen ? v > loValue : v >= loValue) && (hiOpen ? v < hiValue : v <= hiValue);
        passed |= low & -Number(ok);
      }
      out[w] = (out[w] ?? 0) | passed;
    }
  };
  if (kLo >= 0) scan(kLo);
  if (kHi < buckets && kHi !== kLo) scan(kHi);
}
