import type { FieldSpec, Schema } from '../schema/schema.ts';
import { clearBit, hasBit, putBit, setBit, wordsFor } from './bitset.ts';
import type { Bitset } from './bitset.ts';

/** Values that do not fit a column's type, kept verbatim by row so that rules still see them exactly. */
type Irregular = Map<number, unknown>;

/** A number field: Float64 (or Int32 for `integer`), a missing mask, irregular values aside. */
export interface NumberColumn {
  readonly kind: 'number';
  readonly name: string;
  values: Float64Array | Int32Array;
  missing: Bitset;
  readonly irregular: Irregular;
}

/** A boolean field: a bitset of true rows and a missing mask. */
export interface BooleanColumn {
  readonly kind: 'boolean';
  readonly name: string;
  trueBits: Bitset;
  missing: Bitset;
  readonly irregular: Irregular;
}

/** A code or string field, dictionary-encoded: `codes[i]` is 0 when missing, else index + 1. */
export interface CodeColumn {
  readonly kind: 'code';
  readonly name: string;
  codes: Uint16Array | Uint32Array;
  readonly dictionary: string[];
  readonly lookup: Map<string, number>;
  readonly irregular: Irregular;
}

/** A tags field: one bitset per tag, a missing mask; arrays out of canonical order are irregular. */
export interface TagsColumn {
  readonly kind: 'tags';
  readonly name: string;
  readonly tags: Map<string, Bitset>;
  /** Canonical tag order: the schema's `values`, then first seen. */
  readonly order: string[];
  missing: Bitset;
  readonly irregular: Irregular;
}

export type Column = NumberColumn | BooleanColumn | CodeColumn | TagsColumn;

/** Options of {@link createSnapshot}. */
export interface SnapshotOptions {
  /** Put columns on SharedArrayBuffer so worker threads can read them without copying. */
  shared?: boolean;
  /** Rows to reserve room for. */
  capacity?: number;
}

/** A columnar copy of many enterprise records, for vectorised matching. */
export interface Snapshot {
  readonly schema: Schema;
  readonly shared: boolean;
  /** Number of rows. */
  readonly size: number;
  /** Rows there is room for before the columns are reallocated. */
  readonly capacity: number;
  /** Bumps whenever columns are reallocated (caches built on old buffers are void). */
  readonly layoutVersion: number;
  /** Count of row changes (updates and appends) so far. */
  readonly changeCount: number;
  readonly columns: ReadonlyMap<string, Column>;
  /** Rows changed since `changeCount` was `since`, or null when the log no longer reaches back. */
  changedSince(since: number): number[] | null;
  /** Records rows changed behind the snapshot's back (in shared memory, by its owner). */
  markChanged(rows: readonly number[]): void;
  /** The value a rule sees for `field` of row `index` (null when missing). */
  value(index: number, field: string): unknown;
  /** Row `index` as a record of its schema fields (missing fields read as undefined). */
  row(index: number): Record<string, unknown>;
  /** Replaces row `index` in place. */
  update(index: number, row: Readonly<Record<string, unknown>>): void;
  /** Adds a row at the end and returns its index. */
  append(row: Readonly<Record<string, unknown>>): number;
  /** Bytes held by the columns. */
  byteSize(): number;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const LOG_LIMIT = 1 << 20;

/** A zeroed word array, shared or not. */
function allocWords(words: number, shared: boolean): Uint32Array {
  return shared ? new Uint32Array(new SharedArrayBuffer(words * 4)) : new Uint32Array(words);
}

/** A longer copy of a typed array, shared or not. */
function grow<T extends Float64Array | Int32Array | Uint16Array | Uint32Array>(old: T, length: number, shared: boolean, make: (buffer: ArrayBuffer | SharedArrayBuffer) => T): T {
  const bytes = length * old.BYTES_PER_ELEMENT;
  const next = make(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  next.set(old);
  return next;
}

/** A bitset for more rows holding the same bits. */
function growBits(old: Bitset, rows: number, shared: boolean): Bitset {
  const next = allocWords(wordsFor(rows), shared);
  next.set(old);
  return next;
}

/** An empty column for a field type. */
function createColumn(name: string, spec: FieldSpec, capacity: number, shared: boolean): Column {
  const words = wordsFor(capacity);
  const buffer = (bytes: number): ArrayBuffer | SharedArrayBuffer => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  switch (spec.type) {
    case 'number':
      return { kind: 'number', name, values: new Float64Array(buffer(capacity * 8)), missing: allocWords(words, shared), irregular: new Map() };
    case 'integer':
      return { kind: 'number', name, values: new Int32Array(buffer(capacity * 4)), missing: allocWords(words, shared), irregular: new Map() };
    case 'boolean':
      return { kind: 'boolean', name, trueBits: allocWords(words, shared), missing: allocWords(words, shared), irregular: new Map() };
    case 'code':
    case 'string':
      return { kind: 'code', name, codes: new Uint16Array(buffer(capacity * 2)), dictionary: [], lookup: new Map(), irregular: new Map() };
    case 'tags':
      return { kind: 'tags', name, tags: new Map(), order: [...(spec.values ?? [])], missing: allocWords(words, shared), irregular: new Map() };
  }
}

/** Whether tags are strings in canonical order without repeats (registers new tags). */
function isCanonicalTags(value: readonly unknown[], column: TagsColumn): boolean {
  let last = -1;
  for (const tag of value) {
    if (typeof tag !== 'string') return false;
    let position = column.order.indexOf(tag);
    if (position === -1) {
      column.order.push(tag);
      position = column.order.length - 1;
    }
    if (position <= last) return false;
    last = position;
  }
  return true;
}

/** Stores one value, as typed data or verbatim as irregular. */
function writeValue(column: Column, i: number, value: unknown, shared: boolean, capacity: number): void {
  column.irregular.delete(i);
  const missing = value === null || value === undefined;
  switch (column.kind) {
    case 'number': {
      const fits = typeof value === 'number' && (column.values instanceof Float64Array || (Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX && !Object.is(value, -0)));
      putBit(column.missing, i, missing);
      column.values[i] = fits ? value : 0;
      if (!fits && !missing) column.irregular.set(i, value);
      return;
    }
    case 'boolean':
      putBit(column.missing, i, missing);
      putBit(column.trueBits, i, value === true);
      if (!missing && typeof value !== 'boolean') column.irregular.set(i, value);
      return;
    case 'code': {
      if (typeof value !== 'string') {
        column.codes[i] = 0;
        if (!missing) column.irregular.set(i, value);
        return;
      }
      let code = column.lookup.get(value);
      if (code === undefined) {
        column.dictionary.push(value);
        code = column.dictionary.length;
        column.lookup.set(value, code);
        if (code > 0xffff && column.codes instanceof Uint16Array) {
          column.codes = grow(new Uint32Array(column.codes), capacity, shared, (b) => new Uint32Array(b));
        }
      }
      column.codes[i] = code;
      return;
    }
    case 'tags': {
      putBit(column.missing, i, missing);
      for (const bits of column.tags.values()) clearBit(bits, i);
      if (missing) return;
      if (!Array.isArray(value) || !isCanonicalTags(value, column)) {
        column.irregular.set(i, value);
        if (!Array.isArray(value)) return;
      }
      for (const tag of value) {
        if (typeof tag !== 'string') continue;
        let bits = column.tags.get(tag);
        if (!bits) {
          bits = allocWords(wordsFor(capacity), shared);
          column.tags.set(tag, bits);
        }
        setBit(bits, i);
      }
      return;
    }
  }
}

/** The value a rule sees for one row of a column (null when missing). */
function readValue(column: Column, i: number): unknown {
  if (column.irregular.size > 0 && column.irregular.has(i)) return column.irregular.get(i);
  switch (column.kind) {
    case 'number':
      return hasBit(column.missing, i) ? null : column.values[i];
    case 'boolean':
      return hasBit(column.missing, i) ? null : hasBit(column.trueBits, i);
    case 'code': {
      const code = column.codes[i] ?? 0;
      return code === 0 ? null : column.dictionary[code - 1];
    }
    case 'tags': {
      if (hasBit(column.missing, i)) return null;
      const out: string[] = [];
      for (const tag of column.order) {
        const bits = column.tags.get(tag);
        if (bits && hasBit(bits, i)) out.push(tag);
      }
      return out;
    }
  }
}

/** Moves a column's data to buffers for `capacity` rows. */
function growColumn(column: Column, capacity: number, shared: boolean): void {
  switch (column.kind) {
    case 'number':
      column.values = column.values instanceof Float64Array
        ? grow(column.values, capacity, shared, (b) => new Float64Array(b))
        : grow(column.values, capacity, shared, (b) => new Int32Array(b));
      column.missing = growBits(column.missing, capacity, shared);
      return;
    case 'boolean':
      column.trueBits = growBits(column.trueBits, capacity, shared);
      column.missing = growBits(column.missing, capacity, shared);
      return;
    case 'code':
      column.codes = column.codes instanceof Uint16Array
        ? grow(column.codes, capacity, shared, (b) => new Uint16Array(b))
        : grow(column.codes, capacity, shared, (b) => new Uint32Array(b));
      return;
    case 'tags':
      column.missing = growBits(column.missing, capacity, shared);
      for (const [tag, bits] of column.tags) column.tags.set(tag, growBits(bits, capacity, shared));
      return;
  }
}

/** Bytes held by a column. */
function columnBytes(column: Column): number {
  const irregular = column.irregular.size * 64;
  switch (column.kind) {
    case 'number':
      return column.values.byteLength + column.missing.byteLength + irregular;
    case 'boolean':
      return column.trueBits.byteLength + column.missing.byteLength + irregular;
    case 'code':
      return column.codes.byteLength + column.dictionary.reduce((sum, s) => sum + 2 * s.length + 48, 0) + irregular;
    case 'tags': {
      let bytes = column.missing.byteLength + irregular;
      for (const bits of column.tags.values()) bytes += bits.byteLength;
      return bytes;
    }
  }
}

/**
 * Builds a columnar snapshot of `rows` (only the schema's fields are kept). Rows may come from
 * any iterable (a generator streaming from the database): they are consumed one at a time.
 */
export function createSnapshot(schema: Schema, rows: Iterable<Readonly<Record<string, unknown>>> = [], options: SnapshotOptions = {}): Snapshot {
  const shared = options.shared ?? false;
  let capacity = Math.max(32, options.capacity ?? 0, Array.isArray(rows) ? rows.length : 0);
  const columns = new Map<string, Column>();
  for (const [name, spec] of Object.entries(schema.fields)) columns.set(name, createColumn(name, spec, capacity, shared));
  const columnList = [...columns.values()];
  let size = 0;
  for (const row of rows) {
    if (size === capacity) {
      capacity *= 2;
      for (const column of columnList) growColumn(column, capacity, shared);
    }
    for (const column of columnList) writeValue(column, size, row[column.name], shared, capacity);
    size += 1;
  }
  return assembleSnapshot({ schema, columns, size, capacity, shared, writable: true });
}

/** What {@link assembleSnapshot} puts together. */
export interface SnapshotParts {
  schema: Schema;
  columns: Map<string, Column>;
  size: number;
  capacity: number;
  shared: boolean;
  /** False for a worker's view of part of a snapshot: update and append then throw. */
  writable: boolean;
}

/** A snapshot over existing columns (from createSnapshot, or a worker's view of shared buffers). */
export function assembleSnapshot(parts: SnapshotParts): Snapshot {
  const { schema, columns, shared, writable } = parts;
  let { size, capacity } = parts;
  let layoutVersion = 0;
  let changeCount = 0;
  let logStart = 0;
  let log: number[] = [];
  const columnList = [...columns.values()];

  /** Logs a changed row (the log restarts when it grows too long). */
  const record = (i: number): void => {
    if (log.length >= LOG_LIMIT) {
      logStart = changeCount;
      log = [];
    }
    log.push(i);
    changeCount += 1;
  };
  /** Stores every field of a row. */
  const write = (i: number, row: Readonly<Record<string, unknown>>): void => {
    if (!writable) throw new Error('this snapshot is a read-only view');
    for (const column of columnList) {
      const codes = column.kind === 'code' ? column.codes : undefined;
      writeValue(column, i, row[column.name], shared, capacity);
      // a dictionary past 65,535 values moves its codes to a wider buffer: views of the old one are void
      if (column.kind === 'code' && column.codes !== codes) layoutVersion += 1;
    }
  };

  return {
    schema,
    shared,
    get size() { return size; },
    get capacity() { return capacity; },
    get layoutVersion() { return layoutVersion; },
    get changeCount() { return changeCount; },
    columns,
    changedSince(since) {
      if (since < logStart) return null;
      return log.slice(since - logStart);
    },
    markChanged(rows) {
      for (const row of rows) record(row);
    },
    value(index, field) {
      const column = columns.get(field);
      return column ? readValue(column, index) : null;
    },
    row(index) {
      // every field present (undefined when missing, which `var` reads like an absent key) keeps
      // one object shape for all rows, so compiled rules see monomorphic property loads
      const out: Record<string, unknown> = {};
      for (const column of columnList) {
        const v = readValue(column, index);
        out[column.name] = v === null ? undefined : v;
      }
      return out;
    },
    update(index, row) {
      if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`row ${index} is not in the snapshot (size ${size})`);
      write(index, row);
      record(index);
    },
    append(row) {
      if (!writable) throw new Error('this snapshot is a read-only view');
      if (size === capacity) {
        capacity *= 2;
        for (const column of columnList) growColumn(column, capacity, shared);
        layoutVersion += 1;
      }
      write(size, row);
      record(size);
      size += 1;
      return size - 1;
    },
    byteSize() {
      return columnList.reduce((sum, column) => sum + columnBytes(column), 0);
    },
  };
}
