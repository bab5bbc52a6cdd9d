import { describe, expect, it } from 'vitest';
import { defineSchema } from '../schema/schema.ts';
import { createMatcher } from './matcher.ts';
import { createParallelMatch } from './parallel.ts';
import { createSnapshot } from './snapshot.ts';

const schema = defineSchema({ fields: { x: { type: 'number' }, code: { type: 'code' } } });

describe('createParallelMatch', () => {
  it('matches on two worker threads exactly as on one', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ x: (i * 7919) % 1000, code: i % 3 === 0 ? 'C36' : 'C39' }));
    const snapshot = createSnapshot(schema, rows, { shared: true });
    const matcher = createMatcher(snapshot);
    matcher.addRule('a', { '>=': [{ var: 'x' }, 500] });
    matcher.addRule('b', { and: [{ '==': [{ var: 'code' }, 'C36'] }, { '<': [{ var: 'x' }, 100] }] });
    const parallel = createParallelMatch(matcher, { workers: 2 });
    try {
      const first = await parallel.matchAll();
      const copy = new Map([...first].map(([id, bits]) => [id, [...bits]]));
      expect(copy).toEqual(new Map([...matcher.matchAll()].map(([id, bits]) => [id, [...bits]])));

      snapshot.update(2999, { x: 5, code: 'C36' });
      matcher.addRule('c', { '!': { var: 'x' } });
      const second = await parallel.matchAll();
      const again = new Map([...second].map(([id, bits]) => [id, [...bits]]));
      expect(again).toEqual(new Map([...matcher.matchAll()].map(([id, bits]) => [id, [...bits]])));
    } finally {
      await parallel.close();
    }
  }, 30_000);

  it('handles snapshots smaller than one block per worker, and empty ones', async () => {
    for (const size of [0, 10, 40]) {
      const snapshot = createSnapshot(schema, Array.from({ length: size }, (_, i) => ({ x: i * 20 })), { shared: true });
      const matcher = createMatcher(snapshot);
      matcher.addRule('a', { '>=': [{ var: 'x' }, 500] });
      const parallel = createParallelMatch(matcher, { workers: 2 });
      try {
        const bits = (await parallel.matchAll()).get('a');
        expect([...(bits ?? [])]).toEqual([...(matcher.matchAll().get('a') ?? [])]);
      } finally {
        await parallel.close();
      }
    }
  }, 30_000);

  it('refuses to run once closed', async () => {
    const snapshot = createSnapshot(schema, [{ x: 1 }, { x: 600 }], { shared: true });
    const matcher = createMatcher(snapshot);
    matcher.addRule('a', { '>=': [{ var: 'x' }, 500] });
    const parallel = createParallelMatch(matcher, { workers: 1 });
    await parallel.matchAll();
    await parallel.close();
    await expect(parallel.matchAll()).rejects.toThrow(/closed/);
  }, 30_000);

  it('refuses a snapshot that is not shared', () => {
    const matcher = createMatcher(createSnapshot(schema, []));
    expect(() => createParallelMatch(matcher)).toThrow(/shared/);
  });
});
