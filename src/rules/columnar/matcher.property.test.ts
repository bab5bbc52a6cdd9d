import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { compileRule } from '../jsonlogic/compile.ts';
import { truthy } from '../jsonlogic/coerce.ts';
import { defineSchema } from '../schema/schema.ts';
import { hasBit, popcount } from './bitset.ts';
import { createMatcher } from './matcher.ts';
import { createSnapshot } from './snapshot.ts';

const schema = defineSchema({
  fields: {
    x: { type: 'number' },
    y: { type: 'number' },
    n: { type: 'integer' },
    flag: { type: 'boolean' },
    code: { type: 'code' },
    tags: { type: 'tags', values: ['A', 'B', 'C'] },
  },
});

const ABSENT = Symbol('absent');
const num = fc.constantFrom<unknown>(ABSENT, null, 0, -0, 1, -1, 2.5, 3, 10, 100, 1e9, -5, Infinity, NaN, '5', 'abc', '', true, [7]);
const int = fc.constantFrom<unknown>(ABSENT, null, 0, 1, 3, 10, 50, -2, 2.5, 3e10, '4');
const bool = fc.constantFrom<unknown>(ABSENT, null, true, false, 1, 'yes', 0);
const code = fc.constantFrom<unknown>(ABSENT, null, 'C3670', 'C3911', 'C3611', 'C27', 'C', '', 36, 'c3670');
const tags = fc.constantFrom<unknown>(ABSENT, null, [], ['A'], ['B'], ['A', 'B'], ['B', 'A'], ['A', 'A'], ['C', 'D'], ['D'], 'A', [1]);

const rowArb = fc.record({ x: num, y: num, n: int, flag: bool, code, tags }).map((r) => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) if (v !== ABSENT) out[k] = v;
  return out;
});

const constant = fc.constantFrom<unknown>(0, 1, 2.5, 3, 10, -1, 100, '3', '10', 'abc', '', null, true, false, 1e9);
const numVar = fc.constantFrom({ var: 'x' }, { var: 'y' }, { var: 'n' });
const relOp = fc.constantFrom('<', '<=', '>', '>=');

const leaf = fc.oneof(
  fc.tuple(relOp, numVar, constant, fc.boolean()).map(([op, v, c, flip]) => ({ [op]: flip ? [c, v] : [v, c] })),
  fc.tuple(fc.constantFrom('<', '<='), constant, numVar, constant).map(([op, a, v, b]) => ({ [op]: [a, v, b] })),
  fc.tuple(relOp, constant).map(([op, c]) => ({ [op]: [{ '/': [{ var: 'x' }, { var: 'y' }] }, c] })),
  fc.tuple(fc.constantFrom('==', '!=', '===', '!=='), fc.oneof(numVar, fc.constant({ var: 'code' })), fc.oneof(constant, fc.constantFrom('C3670', 'C27'))).map(([op, v, c]) => ({ [op]: [v, c] })),
  fc.tuple(fc.integer({ min: 0, max: 4 }), fc.constantFrom('C36', 'C39', 'C2', 'C', '', 'nul')).map(([k, p]) => ({ '==': [{ substr: [{ var: 'code' }, 0, k] }, p] })),
  fc.subarray(['C3670', 'C3911', 'C27', '', 'null']).map((list) => ({ in: [{ var: 'code' }, list] })),
  fc.constantFrom('A', 'B', 'C', 'D').map((t) => ({ in: [t, { var: 'tags' }] })),
  fc.constantFrom({ var: 'flag' }, { '==': [{ var: 'flag' }, true] }, { '!': { var: 'flag' } }, { var: 'tags' }, { var: 'x' }),
  fc.tuple(relOp, constant).map(([op, c]) => ({ [op]: [{ '+': [{ var: 'x' }, { var: 'n' }] }, c] })),
  fc.constantFrom({ some: [{ var: 'tags' }, { '==': [{ var: '' }, 'B'] }] }, { '==': [{ '%': [{ var: 'n' }, 2] }, 0] }, { missing: ['x', 'code'] }),
);

const { rule } = fc.letrec<{ rule: unknown }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    leaf,
    fc.array(tie('rule'), { minLength: 1, maxLength: 4 }).map((xs) => ({ and: xs })),
    fc.array(tie('rule'), { minLength: 1, maxLength: 4 }).map((xs) => ({ or: xs })),
    tie('rule').map((r) => ({ '!': [r] })),
    tie('rule').map((r) => ({ '!!': [r] })),
    fc.tuple(tie('rule'), tie('rule'), tie('rule')).map((xs) => ({ if: xs })),
  ),
}));

describe('vectorised matching equals the per-row closure and json-logic-js', () => {
  it('on random rules and random rows with missing and mistyped values', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 300 }), fc.array(rule, { minLength: 1, maxLength: 6 }), (rows, rules) => {
        const snapshot = createSnapshot(schema, rows);
        const matcher = createMatcher(snapshot, { checkTypes: false });
        rules.forEach((r, i) => matcher.addRule(`r${i}`, r));
        const results = matcher.matchAll();
        rules.forEach((r, i) => {
          const bits = results.get(`r${i}`);
          const closure = compileRule(r);
          const eligible = rows.filter((row) => truthy(jsonLogic.apply(r as never, row))).length;
          expect(bits && popcount(bits)).toBe(eligible);
          rows.forEach((row, index) => {
            const expected = truthy(jsonLogic.apply(r as never, row));
            expect(truthy(closure(row))).toBe(expected);
            expect(bits && hasBit(bits, index), JSON.stringify({ r, row, index })).toBe(expected);
          });
        });
      }),
      { numRuns: 300 },
    );
  });

  it('stays exact after in-place updates, appends and a new rule', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 40, maxLength: 200 }),
        fc.array(rule, { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(), rowArb), { maxLength: 10 }),
        fc.array(rowArb, { maxLength: 40 }),
        rule,
        (rows, rules, updates, appended, late) => {
          const snapshot = createSnapshot(schema, rows);
          const matcher = createMatcher(snapshot, { checkTypes: false });
          rules.forEach((r, i) => matcher.addRule(`r${i}`, r));
          rules.forEach((r, i) => matcher.addRule(`dup${i}`, r));
          matcher.matchAll();
          const current = [...rows];
          for (const [at, row] of updates) {
            const index = at % current.length;
            snapshot.update(index, row);
            current[index] = row;
            const ids = matcher.matchRow(index);
            const expected = rules.flatMap((r, i) => (truthy(jsonLogic.apply(r as never, row)) ? [`r${i}`, `dup${i}`] : []));
            expect(ids.sort()).toEqual(expected.sort());
          }
          const afterUpdates = matcher.results();
          rules.forEach((r, i) => {
            current.forEach((row, index) => {
              expect(hasBit(afterUpdates.get(`r${i}`) ?? new Uint32Array(0), index)).toBe(truthy(jsonLogic.apply(r as never, row)));
            });
          });
          for (const row of appended) {
            snapshot.append(row);
            current.push(row);
          }
          const results = matcher.matchAll();
          const lateBits = matcher.addRule('late', late);
          const all = [...rules.map((r, i) => [`r${i}`, r] as const), ['late', late] as const];
          for (const [id, r] of all) {
            const bits = id === 'late' ? lateBits : results.get(id);
            current.forEach((row, index) => {
              expect(bits && hasBit(bits, index), JSON.stringify({ id, r, row, index })).toBe(truthy(jsonLogic.apply(r as never, row)));
            });
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
