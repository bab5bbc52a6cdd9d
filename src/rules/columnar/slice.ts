import type { FieldSpec, Schema } from '../schema/schema.ts';
import { wordsFor } from './bitset.ts';
import { adoptCodeIndex, codeIndexFor } from './code-index.ts';
import { adoptIndex, indexFor, sourceKey } from './number-index.ts';
import type { NumericSource } from './plan.ts';
import { assembleSnapshot } from './snapshot.ts';
import type { Column, Snapshot } from './snapshot.ts';

type Buffer = SharedArrayBuffer;
type Entries = Array<[number, unknown]>;

/** A structured-clonable description of rows [start, end) of a shared snapshot, for a worker. */
export type ColumnSlice =
  | { kind: 'number'; name: string; integer: boolean; values: Buffer; missing: Buffer; irregular: Entries }
  | { kind: 'boolean'; name: string; trueBits: Buffer; missing: Buffer; irregular: Entries }
  | { kind: 'code'; name: string; wide: boolean; codes: Buffer; dictionary: string[]; irregular: Entries }
  | { kind: 'tags'; name: string; tags: Array<[string, Buffer]>; order: string[]; missing: Buffer; irregular: Entries };

/** A main-thread number index on shared memory, for a worker to read instead of rebuilding. */
export interface IndexSlice {
  source: NumericSource;
  build: number;
  bounds: number[];
  atLeast: Buffer[];
  /** The ratio's values (a field's values are its column). */
  values: Buffer | null;
  /** Rows of the slice changed since the build (renumbered): the worker patches them. */
  staleRows: number[];
}

/** A main-thread per-value index of a code field on shared memory. */
export interface CodeIndexSlice {
  field: string;
  build: number;
  bits: Buffer[];
  staleRows: number[];
}

export interface SnapshotSlice {
  fields: Record<string, FieldSpec>;
  start: number;
  end: number;
  columns: ColumnSlice[];
  indexes: IndexSlice[];
  codeIndexes: CodeIndexSlice[];
}

/** The SharedArrayBuffer under a column, or an error if the snapshot is not shared. */
function shared(view: ArrayBufferView): Buffer {
  if (!(view.buffer instanceof SharedArrayBuffer)) throw new Error('the snapshot is not on shared memory: create it with { shared: true }');
  return view.buffer;
}

/** Irregular values of rows [start, end), renumbered from 0. */
function irregularIn(column: Column, start: number, end: number): Entries {
  const out: Entries = [];
  for (const [row, value] of column.irregular) if (row >= start && row < end) out.push([row - start, value]);
  return out;
}

/** The shared number indexes of `sources` (built here if needed) as seen from rows [start, end). */
function describeIndexes(snapshot: Snapshot, sources: readonly NumericSource[], start: number, end: number): IndexSlice[] {
  const out: IndexSlice[] = [];
  for (const source of sources) {
    const index = indexFor(snapshot, source);
    const stale = snapshot.changedSince(index.changeCount);
    if (stale === null || index.size !== snapshot.size || index.layoutVersion !== snapshot.layoutVersion) continue;
    const atLeast = index.atLeast.map((bits) => bits.buffer);
    const values = source.kind === 'ratio' ? index.values.buffer : null;
    if (!atLeast.every((b) => b instanceof SharedArrayBuffer) || (values !== null && !(values instanceof SharedArrayBuffer))) continue;
    out.push({
      source,
      build: index.build,
      bounds: [...index.bounds],
      atLeast: atLeast.filter((b): b is Buffer => b instanceof SharedArrayBuffer),
      values: values instanceof SharedArrayBuffer ? values : null,
      staleRows: stale.filter((r) => r >= start && r < end).map((r) => r - start),
    });
  }
  return out;
}

/** The shared per-value bitsets of `fields` (built here if needed) as seen from rows [start, end). */
function describeCodeIndexes(snapshot: Snapshot, fields: readonly string[], start: number, end: number): CodeIndexSlice[] {
  const out: CodeIndexSlice[] = [];
  for (const field of fields) {
    const index = codeIndexFor(snapshot, field);
    const stale = index ? snapshot.changedSince(index.changeCount) : null;
    if (!index || stale === null || index.size !== snapshot.size || index.layoutVersion !== snapshot.layoutVersion) continue;
    const bits = index.bits.map((b) => b.buffer).filter((b): b is Buffer => b instanceof SharedArrayBuffer);
    if (bits.length !== index.bits.length) continue;
    out.push({ field, build: index.build, bits, staleRows: stale.filter((r) => r >= start && r < end).map((r) => r - start) });
  }
  return out;
}

/**
 * Describes rows [start, end) of a shared snapshot; `start` must be a multiple of 32. The
 * number indexes of `sources` are built once here and shared, not rebuilt by every worker.
 */
export function describeSlice(
  snapshot: Snapshot,
  rows: { start: number; end: number; sources?: readonly NumericSource[]; codeFields?: readonly string[] },
): SnapshotSlice {
  const { start, end, sources = [], codeFields = [] } = rows;
  if (start % 32 !== 0) throw new RangeError('a slice must start on a multiple of 32 rows');
  const columns: ColumnSlice[] = [];
  for (const column of snapshot.columns.values()) {
    const irregular = irregularIn(column, start, end);
    switch (column.kind) {
      case 'number':
        columns.push({ kind: 'number', name: column.name, integer: column.values instanceof Int32Array, values: shared(column.values), missing: shared(column.missing), irregular });
        break;
      case 'boolean':
        columns.push({ kind: 'boolean', name: column.name, trueBits: shared(column.trueBits), missing: shared(column.missing), irregular });
        break;
      case 'code':
        columns.push({ kind: 'code', name: column.name, wide: column.codes instanceof Uint32Array, codes: shared(column.codes), dictionary: [...column.dictionary], irregular });
        break;
      case 'tags':
        columns.push({ kind: 'tags', name: column.name, tags: [...column.tags].map(([tag, bits]) => [tag, shared(bits)]), order: [...column.order], missing: shared(column.missing), irregular });
        break;
    }
  }
  return {
    fields: { ...snapshot.schema.fields },
    start,
    end,
    columns,
    indexes: describeIndexes(snapshot, sources, start, end),
    codeIndexes: describeCodeIndexes(snapshot, codeFields, start, end),
  };
}

/** A view of the words of a bitset covering rows [start, start + rows). */
function bitsView(buffer: Buffer, start: number, rows: number): Uint32Array {
  return new Uint32Array(buffer, (start >>> 5) * 4, wordsFor(rows));
}

/** A column over a slice's shared buffers. */
function viewColumn(c: ColumnSlice, start: number, rows: number): Column {
  switch (c.kind) {
    case 'number':
      return {
        kind: 'number',
        name: c.name,
        values: c.integer ? new Int32Array(c.values, start * 4, rows) : new Float64Array(c.values, start * 8, rows),
        missing: bitsView(c.missing, start, rows),
        irregular: new Map(c.irregular),
      };
    case 'boolean':
      return { kind: 'boolean', name: c.name, trueBits: bitsView(c.trueBits, start, rows), missing: bitsView(c.missing, start, rows), irregular: new Map(c.irregular) };
    case 'code':
      return {
        kind: 'code',
        name: c.name,
        codes: c.wide ? new Uint32Array(c.codes, start * 4, rows) : new Uint16Array(c.codes, start * 2, rows),
        dictionary: [...c.dictionary],
        lookup: new Map(c.dictionary.map((value, i) => [value, i + 1])),
        irregular: new Map(c.irregular),
      };
    case 'tags':
      return {
        kind: 'tags',
        name: c.name,
        tags: new Map(c.tags.map(([tag, buffer]) => [tag, bitsView(buffer, start, rows)])),
        order: [...c.order],
        missing: bitsView(c.missing, start, rows),
        irregular: new Map(c.irregular),
      };
  }
}

/** A read-only snapshot over a slice's shared buffers (rows renumbered from 0). */
export function viewOfSlice(slice: SnapshotSlice): Snapshot {
  const rows = slice.end - slice.start;
  const schema: Schema = { fields: slice.fields };
  const columns = new Map<string, Column>();
  for (const c of slice.columns) columns.set(c.name, viewColumn(c, slice.start, rows));
  const view = assembleSnapshot({ schema, columns, size: rows, capacity: rows, shared: true, writable: false });
  adoptIndexes(view, slice);
  return view;
}

const adopted = new WeakMap<Snapshot, Map<string, number>>();

/** Installs the slice's shared number indexes in a view (each build once), stale rows logged. */
function adoptIndexes(view: Snapshot, slice: SnapshotSlice): void {
  let builds = adopted.get(view);
  if (!builds) {
    builds = new Map();
    adopted.set(view, builds);
  }
  const rows = slice.end - slice.start;
  for (const s of slice.indexes) {
    const key = sourceKey(s.source);
    if (builds.get(key) === s.build) continue;
    const column = s.source.kind === 'field' ? view.columns.get(s.source.field) : undefined;
    const values = s.values ? new Float64Array(s.values, slice.start * 8, rows) : column?.kind === 'number' ? column.values : undefined;
    if (!values) continue;
    adoptIndex(view, s.source, {
      bounds: Float64Array.from(s.bounds),
      atLeast: s.atLeast.map((buffer) => bitsView(buffer, slice.start, rows)),
      size: rows,
      changeCount: view.changeCount,
      layoutVersion: view.layoutVersion,
      values,
      bytes: 0,
      build: s.build,
    });
    builds.set(key, s.build);
    view.markChanged(s.staleRows);
  }
  for (const s of slice.codeIndexes) {
    const key = `code:${s.field}`;
    if (builds.get(key) === s.build) continue;
    adoptCodeIndex(view, s.field, {
      bits: s.bits.map((buffer) => bitsView(buffer, slice.start, rows)),
      size: rows,
      changeCount: view.changeCount,
      layoutVersion: view.layoutVersion,
      bytes: 0,
      build: s.build,
    });
    builds.set(key, s.build);
    view.markChanged(s.staleRows);
  }
}

/**
 * Brings a view up to date after its owner changed rows in place: dictionaries, tags and
 * irregular values are replaced, and the changed rows are logged so caches patch them.
 */
export function refreshView(view: Snapshot, slice: SnapshotSlice, changedRows: readonly number[]): void {
  const rows = slice.end - slice.start;
  for (const c of slice.columns) {
    const column = view.columns.get(c.name);
    if (!column) continue;
    column.irregular.clear();
    for (const [row, value] of c.irregular) column.irregular.set(row, value);
    if (column.kind === 'code' && c.kind === 'code') {
      column.dictionary.splice(0, column.dictionary.length, ...c.dictionary);
      column.lookup.clear();
      c.dictionary.forEach((value, i) => column.lookup.set(value, i + 1));
    } else if (column.kind === 'tags' && c.kind === 'tags') {
      for (const [tag, buffer] of c.tags) if (!column.tags.has(tag)) column.tags.set(tag, bitsView(buffer, slice.start, rows));
      column.order.splice(0, column.order.length, ...c.order);
    }
  }
  view.markChanged(changedRows);
  adoptIndexes(view, slice);
}
