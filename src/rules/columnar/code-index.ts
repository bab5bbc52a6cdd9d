import { createBitset, wordsFor } from './bitset.ts';
import type { Bitset } from './bitset.ts';
import type { Snapshot } from './snapshot.ts';

/**
 * One bitset per dictionary value of a code field (code 0: missing or irregular), built in one
 * pass on first use: a condition selecting a few values is then a few word-wise ORs.
 */
export interface CodeIndex {
  /** `bits[code]`; codes added to the dictionary after the build have none (their rows are logged). */
  readonly bits: Bitset[];
  readonly size: number;
  readonly changeCount: number;
  readonly layoutVersion: number;
  readonly bytes: number;
  /** Identifies one build, so a worker adopts each shared build once. */
  readonly build: number;
}

/** Dictionaries larger than this are matched with a lookup-table pass instead. */
export const MAX_INDEXED_VALUES = 256;
const indexes = new WeakMap<Snapshot, Map<string, CodeIndex>>();
let builds = 0;

/** Builds the per-value bitsets of a code column in one pass over its codes. */
function buildCodeIndex(snapshot: Snapshot, field: string): CodeIndex | undefined {
  const column = snapshot.columns.get(field);
  if (column?.kind !== 'code' || column.dictionary.length + 1 > MAX_INDEXED_VALUES) return undefined;
  const size = snapshot.size;
  const bits = Array.from({ length: column.dictionary.length + 1 }, () => createBitset(size, snapshot.shared));
  const codes = column.codes;
  for (let row = 0; row < size; row += 1) {
    const target = bits[codes[row] ?? 0];
    if (target) target[row >>> 5] = (target[row >>> 5] ?? 0) | (1 << (row & 31));
  }
  return {
    bits,
    size,
    changeCount: snapshot.changeCount,
    layoutVersion: snapshot.layoutVersion,
    bytes: bits.length * wordsFor(size) * 4,
    build: (builds += 1),
  };
}

/** The per-value bitsets of a code field (built on first use, rebuilt after many changes), if small enough. */
export function codeIndexFor(snapshot: Snapshot, field: string): CodeIndex | undefined {
  let perSnapshot = indexes.get(snapshot);
  if (!perSnapshot) {
    perSnapshot = new Map();
    indexes.set(snapshot, perSnapshot);
  }
  const existing = perSnapshot.get(field);
  if (existing && existing.layoutVersion === snapshot.layoutVersion) {
    const changed = snapshot.changeCount - existing.changeCount;
    if (changed <= Math.max(64, snapshot.size >>> 6) && snapshot.changedSince(existing.changeCount) !== null) return existing;
  }
  const built = buildCodeIndex(snapshot, field);
  if (built) perSnapshot.set(field, built);
  return built;
}

/** Installs per-value bitsets built elsewhere (a worker's view of the main thread's shared ones). */
export function adoptCodeIndex(snapshot: Snapshot, field: string, index: CodeIndex): void {
  let perSnapshot = indexes.get(snapshot);
  if (!perSnapshot) {
    perSnapshot = new Map();
    indexes.set(snapshot, perSnapshot);
  }
  perSnapshot.set(field, index);
}

/** Bytes held by the per-value bitsets of a snapshot. */
export function codeIndexBytes(snapshot: Snapshot): number {
  let bytes = 0;
  for (const index of indexes.get(snapshot)?.values() ?? []) bytes += index.bytes;
  return bytes;
}
