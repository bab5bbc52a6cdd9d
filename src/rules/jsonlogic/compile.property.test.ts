import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { compileRule } from './compile.ts';
import { outcomeOf, sameOutcome } from './equality.ts';

const scalar = fc.constantFrom<unknown>(null, '', '0', '1', '-1', 'abc', 'a', 'C36', 0, 1, -1, 2.5, 3, 100, 1e21, true, false);
const key = fc.constantFrom<unknown>('a', 'b', 'c', 'n.k', 'n.z', 'arr.0', 'arr', 's', '', 'nope', 0, 1, null);

const OPS = [
  'missing', 'missing_some', 'if', '?:', '==', '===', '!=', '!==', '!', '!!', 'or', 'and', '>', '>=', '<', '<=',
  'max', 'min', '+', '-', '*', '/', '%', 'merge', 'in', 'cat', 'substr',
] as const;
const SCOPED = ['map', 'filter', 'reduce', 'all', 'none', 'some'] as const;

const { rule } = fc.letrec<{ rule: unknown; leaf: unknown; node: unknown; scopedNode: unknown; array: unknown }>((tie) => ({
  leaf: fc.oneof(
    scalar,
    key.map((k) => ({ var: k })),
    fc.tuple(key, scalar).map(([k, d]) => ({ var: [k, d] })),
  ),
  array: fc.array(tie('rule'), { maxLength: 3 }),
  node: fc
    .tuple(fc.constantFrom(...OPS), fc.array(tie('rule'), { maxLength: 4 }), fc.boolean())
    .map(([op, args, unaryForm]) => ({ [op]: unaryForm && args.length === 1 ? args[0] : args })),
  scopedNode: fc
    .tuple(fc.constantFrom(...SCOPED), tie('rule'), tie('rule'), fc.option(tie('rule'), { nil: undefined }))
    .map(([op, source, logic, initial]) => ({ [op]: initial === undefined ? [source, logic] : [source, logic, initial] })),
  rule: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('leaf'), tie('node'), tie('node'), tie('scopedNode'), tie('array')),
}));

const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.constantFrom<unknown>([], {}, NaN, -0, Infinity, -Infinity));
const data = fc.oneof(
  fc.record(
    { a: value, b: value, c: value, n: fc.oneof(fc.constant(null), fc.record({ k: value })), arr: fc.array(value, { maxLength: 3 }), s: fc.string({ maxLength: 4 }) },
    { requiredKeys: [] },
  ),
  value,
);

describe.each(['codegen', 'closure', 'tiered'] as const)('compileRule (%s backend) agrees with json-logic-js on random rules and data', (backend) => {
  it('gives the same value (or throws where json-logic-js throws)', () => {
    fc.assert(
      fc.property(rule, data, (r, d) => {
        const ours = outcomeOf(() => compileRule(r, { backend })(d));
        const theirs = outcomeOf(() => jsonLogic.apply(r as never, d));
        expect(sameOutcome(ours, theirs), JSON.stringify({ r, ours, theirs })).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on membership in long literal lists', () => {
    fc.assert(
      fc.property(fc.array(scalar, { minLength: 8, maxLength: 20 }), rule, data, (list, needle, d) => {
        const r = JSON.parse(JSON.stringify({ in: [needle, list] })) as unknown;
        const ours = outcomeOf(() => compileRule(r, { backend })(d));
        const theirs = outcomeOf(() => jsonLogic.apply(r as never, d));
        expect(sameOutcome(ours, theirs)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees on flat comparisons of fields with every kind of constant', () => {
    const cmp = fc.constantFrom('==', '===', '!=', '!==', '>', '>=', '<', '<=');
    fc.assert(
      fc.property(cmp, key, value, data, fc.boolean(), (op, k, c, d, flip) => {
        const args = flip ? [c, { var: k }] : [{ var: k }, c];
        const r = JSON.parse(JSON.stringify({ [op]: args })) as unknown;
        const ours = outcomeOf(() => compileRule(r, { backend })(d));
        const theirs = outcomeOf(() => jsonLogic.apply(r as never, d));
        expect(sameOutcome(ours, theirs)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
