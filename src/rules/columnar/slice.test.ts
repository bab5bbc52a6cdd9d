import { describe, expect, it } from 'vitest';
import { defineSchema } from '../schema/schema.ts';
import { wordsFor } from './bitset.ts';
import { createMatcher } from './matcher.ts';
import { describeSlice, refreshView, viewOfSlice } from './slice.ts';
import { createSnapshot } from './snapshot.ts';

const schema = defineSchema({
  fields: {
    revenueWan: { type: 'number' },
    employees: { type: 'integer' },
    industryCode: { type: 'code' },
    tags: { type: 'tags' },
    aboveScale: { type: 'boolean' },
  },
});

const rowFor = (i: number): Record<string, unknown> => ({
  revenueWan: i % 7 === 0 ? null : (i * 37) % 5000,
  employees: (i * 13) % 400,
  industryCode: ['C3670', 'C3911', 'C2710'][i % 3],
  tags: i % 5 === 0 ? ['专精特新'] : [],
  aboveScale: i % 2 === 0,
});

const rules: Record<string, unknown> = {
  big: { and: [{ var: 'aboveScale' }, { '>=': [{ var: 'revenueWan' }, 2000] }] },
  auto: { '==': [{ substr: [{ var: 'industryCode' }, 0, 3] }, 'C36'] },
  tagged: { or: [{ in: ['专精特新', { var: 'tags' }] }, { '<': [{ var: 'employees' }, 20] }] },
};

/** What the worker threads do, run in this thread: one matcher per slice writing into one block. */
function matchBySlices(snapshot: ReturnType<typeof createSnapshot>, matchers: ReturnType<typeof createMatcher>[], starts: number[]): Uint32Array {
  const stride = wordsFor(snapshot.size);
  const block = new Uint32Array(new SharedArrayBuffer(stride * Object.keys(rules).length * 4));
  matchers.forEach((m, k) => m.matchAllInto(block, { stride, offset: (starts[k] ?? 0) >>> 5, order: Object.keys(rules) }));
  return block;
}

describe('snapshot slices (what each match worker sees)', () => {
  it('gives the same bitsets as a single-threaded match, also after in-place updates', () => {
    const size = 1000;
    const snapshot = createSnapshot(schema, Array.from({ length: size }, (_, i) => rowFor(i)), { shared: true });
    const single = createMatcher(snapshot);
    for (const [id, rule] of Object.entries(rules)) single.addRule(id, rule);
    const starts = [0, 512];
    // shared number indexes (built once by the owner) are adopted by the views, stale rows patched
    const sources = [{ kind: 'field', field: 'revenueWan' }, { kind: 'field', field: 'employees' }] as const;
    const slices = starts.map((start, k) => describeSlice(snapshot, { start, end: starts[k + 1] ?? size, sources, codeFields: ['industryCode'] }));
    const views = slices.map((slice) => viewOfSlice(slice));
    const matchers = views.map((view) => {
      const m = createMatcher(view);
      for (const [id, rule] of Object.entries(rules)) m.addRule(id, rule);
      return m;
    });
    const expectSame = (): void => {
      const block = matchBySlices(snapshot, matchers, starts);
      const stride = wordsFor(size);
      const expected = single.matchAll();
      Object.keys(rules).forEach((id, k) => {
        expect([...block.subarray(k * stride, (k + 1) * stride)]).toEqual([...(expected.get(id) ?? [])]);
      });
    };
    expectSame();

    // in-place updates (one with a new dictionary value, one with a mistyped value) reach the views
    snapshot.update(3, { revenueWan: 4999, employees: 1, industryCode: 'C3699', tags: ['专精特新'], aboveScale: true });
    snapshot.update(700, { revenueWan: '3000', employees: 2, industryCode: 'C3611', tags: [], aboveScale: true });
    starts.forEach((start, k) => {
      const end = starts[k + 1] ?? size;
      const changed = [3, 700].filter((r) => r >= start && r < end).map((r) => r - start);
      const view = views[k];
      const slice = describeSlice(snapshot, { start, end, sources, codeFields: ['industryCode'] });
      if (view) refreshView(view, slice, changed);
    });
    expectSame();
  });

  it('patches rows changed after a shared index was built when a view adopts it', () => {
    const size = 600;
    const snapshot = createSnapshot(schema, Array.from({ length: size }, (_, i) => rowFor(i)), { shared: true });
    const single = createMatcher(snapshot);
    single.addRule('big', rules['big']);
    single.addRule('auto', rules['auto']);
    single.matchAll(); // builds the revenueWan index and the industryCode per-value bitsets
    snapshot.update(100, { revenueWan: 4999, aboveScale: true, industryCode: 'C3611' });
    snapshot.update(400, { revenueWan: 0, aboveScale: true, industryCode: 'C3999' });
    snapshot.update(401, { industryCode: 'C3620' });
    const sources = [{ kind: 'field', field: 'revenueWan' }] as const;
    const starts = [0, 320];
    const views = starts.map((start, k) => viewOfSlice(describeSlice(snapshot, { start, end: starts[k + 1] ?? size, sources, codeFields: ['industryCode'] })));
    const matchers = views.map((view) => {
      const m = createMatcher(view);
      m.addRule('big', rules['big']);
      m.addRule('auto', rules['auto']);
      return m;
    });
    const stride = wordsFor(size);
    const block = new Uint32Array(stride * 2);
    matchers.forEach((m, k) => m.matchAllInto(block, { stride, offset: (starts[k] ?? 0) >>> 5, order: ['big', 'auto'] }));
    const expected = single.matchAll();
    expect([...block.subarray(0, stride)]).toEqual([...(expected.get('big') ?? [])]);
    expect([...block.subarray(stride)]).toEqual([...(expected.get('auto') ?? [])]);
  });

  it('refuses a snapshot that is not on shared memory', () => {
    const snapshot = createSnapshot(schema, [rowFor(1)]);
    expect(() => describeSlice(snapshot, { start: 0, end: 1 })).toThrow(/shared/);
  });
});
