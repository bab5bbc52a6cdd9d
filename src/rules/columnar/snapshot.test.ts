import { describe, expect, it } from 'vitest';
import { defineSchema } from '../schema/schema.ts';
import { createSnapshot } from './snapshot.ts';

const schema = defineSchema({
  fields: {
    revenueWan: { type: 'number' },
    employees: { type: 'integer' },
    industryCode: { type: 'code' },
    tags: { type: 'tags', values: ['高新技术企业', '专精特新'] },
    aboveScale: { type: 'boolean' },
  },
});

describe('createSnapshot', () => {
  it('reads back every value a rule would see, missing ones as undefined', () => {
    const snapshot = createSnapshot(schema, [
      { revenueWan: 2500.5, employees: 120, industryCode: 'C3670', tags: ['高新技术企业'], aboveScale: true, ignored: 1 },
      { revenueWan: null },
    ]);
    expect(snapshot.row(0)).toEqual({ revenueWan: 2500.5, employees: 120, industryCode: 'C3670', tags: ['高新技术企业'], aboveScale: true });
    expect(snapshot.row(1)).toEqual({ revenueWan: undefined, employees: undefined, industryCode: undefined, tags: undefined, aboveScale: undefined });
    expect(snapshot.value(1, 'revenueWan')).toBeNull();
  });

  it('keeps values that do not fit the column verbatim (irregular)', () => {
    const odd = { revenueWan: '2500', employees: 1.5, industryCode: 3670, tags: ['专精特新', '高新技术企业'], aboveScale: 'yes' };
    const snapshot = createSnapshot(schema, [odd]);
    expect(snapshot.row(0)).toEqual(odd);
    expect(snapshot.columns.get('revenueWan')?.irregular.size).toBe(1);
  });

  it('updates one row in place and logs the change', () => {
    const snapshot = createSnapshot(schema, [{ revenueWan: 1 }, { revenueWan: 2 }]);
    const before = snapshot.changeCount;
    snapshot.update(1, { revenueWan: 3, tags: ['专精特新'] });
    expect(snapshot.value(1, 'revenueWan')).toBe(3);
    expect(snapshot.value(1, 'tags')).toEqual(['专精特新']);
    expect(snapshot.changedSince(before)).toEqual([1]);
    expect(() => snapshot.update(2, {})).toThrow(RangeError);
  });

  it('appends past its capacity, moving to larger columns', () => {
    const snapshot = createSnapshot(schema, [], { capacity: 32 });
    for (let i = 0; i < 100; i += 1) snapshot.append({ employees: i, industryCode: `C${i % 4}` });
    expect(snapshot.size).toBe(100);
    expect(snapshot.layoutVersion).toBeGreaterThan(0);
    expect(snapshot.value(99, 'employees')).toBe(99);
    expect(snapshot.value(98, 'industryCode')).toBe('C2');
  });

  it('consumes any iterable of rows', () => {
    function* rows(): Generator<Record<string, unknown>> {
      for (let i = 0; i < 70; i += 1) yield { employees: i };
    }
    const snapshot = createSnapshot(schema, rows());
    expect(snapshot.size).toBe(70);
    expect(snapshot.byteSize()).toBeGreaterThan(0);
  });
});

describe('wide dictionaries', () => {
  it('moves codes past 65,535 distinct values to 32 bits and bumps the layout version', () => {
    const s = defineSchema({ fields: { name: { type: 'string' } } });
    const snapshot = createSnapshot(s, Array.from({ length: 65_535 }, (_, i) => ({ name: `n${i}` })));
    const before = snapshot.layoutVersion;
    snapshot.update(0, { name: 'one more' });
    expect(snapshot.layoutVersion).toBeGreaterThan(before);
    expect(snapshot.value(0, 'name')).toBe('one more');
    expect(snapshot.value(65_534, 'name')).toBe('n65534');
  });
});
