import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineSchema } from '../schema/schema.ts';
import { createBitset, hasBit } from './bitset.ts';
import { indexFor, queryRangeInto } from './number-index.ts';
import { createSnapshot } from './snapshot.ts';

const schema = defineSchema({ fields: { v: { type: 'number' }, w: { type: 'number' } } });

// many rows (so the quantile sample is strided), heavy duplicates, missing values, NaN, ±Infinity
const values = Array.from({ length: 20_000 }, (_, i) => {
  if (i % 97 === 0) return null;
  if (i % 1013 === 0) return NaN;
  if (i % 2027 === 0) return i % 2 ? Infinity : -Infinity;
  return i % 3 === 0 ? Math.round(Math.sin(i) * 50) : Math.exp(Math.cos(i) * 8) - 100;
});
const snapshot = createSnapshot(schema, values.map((v, i) => ({ v, w: (i % 11) - 5 })));

describe('number index range queries', () => {
  it('equal a brute-force scan for any bounds, field and ratio sources', () => {
    const field = indexFor(snapshot, { kind: 'field', field: 'v' });
    const ratio = indexFor(snapshot, { kind: 'ratio', numerator: 'v', denominator: 'w' });
    const bound = fc.oneof(fc.constant(null), fc.double({ noNaN: true, min: -3000, max: 3000 }), fc.constantFrom(0, -0, 50, -50, Infinity, -Infinity, NaN));
    fc.assert(
      fc.property(bound, fc.boolean(), bound, fc.boolean(), fc.boolean(), (lo, loInclusive, hi, hiInclusive, useRatio) => {
        const index = useRatio ? ratio : field;
        const out = createBitset(values.length);
        queryRangeInto(out, index, { lo, loInclusive, hi, hiInclusive });
        values.forEach((raw, row) => {
          const base = raw ?? 0;
          const v = useRatio ? base / ((row % 11) - 5) : base;
          const expected =
            !Number.isNaN(v) &&
            (lo === null || (loInclusive ? v >= lo : v > lo)) &&
            (hi === null || (hiInclusive ? v <= hi : v < hi));
          if (hasBit(out, row) !== expected) expect({ row, v, lo, hi, got: hasBit(out, row) }).toEqual({ row, v, lo, hi, got: expected });
        });
      }),
      { numRuns: 200 },
    );
  });

  it('checks the boundary buckets only on the mask when given one', () => {
    const index = indexFor(snapshot, { kind: 'field', field: 'v' });
    const mask = createBitset(values.length);
    mask[3] = 0xffffffff;
    const out = createBitset(values.length);
    queryRangeInto(out, index, { lo: 10, loInclusive: true, hi: null, hiInclusive: false }, mask);
    for (let row = 96; row < 128; row += 1) expect(hasBit(out, row)).toBe((values[row] ?? 0) >= 10);
  });
});
