/** A set of row numbers, one bit per row, 32 rows per word. */
export type Bitset = Uint32Array;

/** Number of 32-bit words needed for `rows` bits. */
export function wordsFor(rows: number): number {
  return (rows + 31) >>> 5;
}

/** An empty bitset for `rows` rows, optionally on shared memory (for worker threads). */
export function createBitset(rows: number, shared = false): Bitset {
  const words = wordsFor(rows);
  return shared ? new Uint32Array(new SharedArrayBuffer(words * 4)) : new Uint32Array(words);
}

/** Whether row `i` is in the set. */
export function hasBit(bits: Bitset, i: number): boolean {
  return ((bits[i >>> 5] ?? 0) & (1 << (i & 31))) !== 0;
}

/** Adds row `i`. */
export function setBit(bits: Bitset, i: number): void {
  bits[i >>> 5] = (bits[i >>> 5] ?? 0) | (1 << (i & 31));
}

/** Removes row `i`. */
export function clearBit(bits: Bitset, i: number): void {
  bits[i >>> 5] = (bits[i >>> 5] ?? 0) & ~(1 << (i & 31));
}

/** Sets or clears row `i`. */
export function putBit(bits: Bitset, i: number, on: boolean): void {
  if (on) setBit(bits, i);
  else clearBit(bits, i);
}

/** All rows below `rows` (the tail of the last word stays clear). */
export function fillBitset(bits: Bitset, rows: number): void {
  const full = rows >>> 5;
  bits.fill(0xffffffff, 0, full);
  bits.fill(0, full);
  if (rows & 31) bits[full] = (1 << (rows & 31)) - 1;
}

/** `out = a & b` word by word (out may alias a or b). */
export function andInto(out: Bitset, a: Bitset, b: Bitset): void {
  for (let w = 0; w < out.length; w += 1) out[w] = (a[w] ?? 0) & (b[w] ?? 0);
}

/** `out = a | b` word by word. */
export function orInto(out: Bitset, a: Bitset, b: Bitset): void {
  for (let w = 0; w < out.length; w += 1) out[w] = (a[w] ?? 0) | (b[w] ?? 0);
}

/** `out = a & ~b` word by word. */
export function andNotInto(out: Bitset, a: Bitset, b: Bitset): void {
  for (let w = 0; w < out.length; w += 1) out[w] = (a[w] ?? 0) & ~(b[w] ?? 0);
}

/** Number of rows in the set. */
export function popcount(bits: Bitset): number {
  let count = 0;
  for (let w = 0; w < bits.length; w += 1) {
    let v = bits[w] ?? 0;
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    count += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return count;
}

/** Whether the set is empty. */
export function isEmpty(bits: Bitset): boolean {
  for (let w = 0; w < bits.length; w += 1) if (bits[w] !== 0) return false;
  return true;
}

/** Calls `fn` for each row in the set, in increasing order. */
export function forEachBit(bits: Bitset, fn: (row: number) => void): void {
  for (let w = 0; w < bits.length; w += 1) {
    let v = bits[w] ?? 0;
    while (v !== 0) {
      const low = v & -v;
      fn((w << 5) + 31 - Math.clz32(low));
      v ^= low;
    }
  }
}

/** The rows of the set as an array, in increasing order. */
export function toRows(bits: Bitset): number[] {
  const rows: number[] = [];
  forEachBit(bits, (row) => rows.push(row));
  return rows;
}
