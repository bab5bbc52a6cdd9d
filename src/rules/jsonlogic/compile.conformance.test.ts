import jsonLogic from 'json-logic-js';
import { describe, expect, it, vi } from 'vitest';
import { RuleCompileError } from '../errors.ts';
import { compileRule } from './compile.ts';
import { outcomeOf, sameOutcome } from './equality.ts';

type Case = [rule: unknown, data: unknown, expected?: unknown];

const oracle = (rule: unknown, data: unknown): unknown => jsonLogic.apply(rule as never, data);

const cases: Record<string, Case[]> = {
  var: [
    [{ var: 'a' }, { a: 1 }, 1],
    [{ var: ['a'] }, { a: 1 }, 1],
    [{ var: 'a.b.c' }, { a: { b: { c: 'deep' } } }, 'deep'],
    [{ var: 'a.b' }, { a: null }, null],
    [{ var: ['z', 26] }, { a: 1 }, 26],
    [{ var: ['z', null] }, {}, null],
    [{ var: 'a' }, { a: undefined }, null],
    [{ var: ['a', 'dflt'] }, { a: undefined }, 'dflt'],
    [{ var: ['a', 'dflt'] }, { a: null }, null],
    [{ var: 1 }, ['zero', 'one'], 'one'],
    [{ var: '1' }, ['zero', 'one'], 'one'],
    [{ var: 'list.1.name' }, { list: [{ name: 'x' }, { name: 'y' }] }, 'y'],
    [{ var: '' }, 'whole', 'whole'],
    [{ var: null }, { a: 1 }, { a: 1 }],
    [{ var: [] }, 7, 7],
    [{ var: '0' }, 'abc', 'a'],
    [{ var: 'length' }, 'abc', 3],
    [{ var: 'a' }, null, null],
    [{ var: 'a' }, 5, null],
    [{ var: { cat: ['a', 'b'] } }, { ab: 'joined' }, 'joined'],
    [{ var: false }, { false: 'f' }, 'f'],
    [{ var: 'x' }, { x: 0 }, 0],
    [{ var: 'x' }, { x: '' }, ''],
  ],
  missing: [
    [{ missing: ['a', 'b'] }, { a: 'apple', c: 'carrot' }, ['b']],
    [{ missing: ['a', 'b'] }, { a: 'apple', b: 'banana' }, []],
    [{ missing: 'a' }, {}, ['a']],
    [{ missing: ['a', 'b'] }, { a: '', b: 0 }, ['a']],
    [{ missing: [['a', 'b'], 'c'] }, {}, ['a', 'b']],
    [{ missing: { merge: ['vin', { if: [{ var: 'financing' }, ['apr'], []] }] } }, { financing: true }, ['vin', 'apr']],
    [{ missing: ['a.b'] }, { a: { b: null } }, ['a.b']],
    [{ missing: [] }, {}, []],
    [{ missing: [1] }, ['x', null], [1]],
  ],
  missing_some: [
    [{ missing_some: [1, ['a', 'b', 'c']] }, { a: 'apple' }, []],
    [{ missing_some: [2, ['a', 'b', 'c']] }, { a: 'apple' }, ['b', 'c']],
    [{ missing_some: [0, ['a']] }, {}, []],
    [{ missing_some: ['1', ['a', 'b']] }, { b: 1 }, []],
    [{ missing_some: [1, 'abc'] }, {}, []],
    [{ missing_some: [1, null] }, {}],
    [{ missing_some: [1] }, {}],
  ],
  if: [
    [{ if: [true, 'yes', 'no'] }, null, 'yes'],
    [{ if: [[], 'yes', 'no'] }, null, 'no'],
    [{ if: [[0], 'yes', 'no'] }, null, 'yes'],
    [{ if: ['0', 'yes', 'no'] }, null, 'yes'],
    [{ if: ['', 'yes', 'no'] }, null, 'no'],
    [{ if: [false, 1, false, 2, 3] }, null, 3],
    [{ if: [false, 1, true, 2, 3] }, null, 2],
    [{ if: [false, 1, false, 2] }, null, null],
    [{ if: [] }, null, null],
    [{ if: ['only'] }, null, 'only'],
    [{ if: true }, null, true],
    [{ '?:': [{ var: 'x' }, 'a', 'b'] }, { x: NaN }, 'b'],
  ],
  equality: [
    [{ '==': [1, 1] }, null, true],
    [{ '==': [1, '1'] }, null, true],
    [{ '==': [0, false] }, null, true],
    [{ '==': [null, 0] }, null, false],
    [{ '==': [null, { var: 'nope' }] }, {}, true],
    [{ '==': ['', 0] }, null, true],
    [{ '==': ['0', false] }, null, true],
    [{ '==': [[], false] }, null, true],
    [{ '==': [[1], 1] }, null, true],
    [{ '==': [{ var: 'x' }, { var: 'x' }] }, { x: NaN }, false],
    [{ '===': [1, '1'] }, null, false],
    [{ '===': [null, null] }, null, true],
    [{ '!=': [1, '1'] }, null, false],
    [{ '!==': [1, '1'] }, null, true],
    [{ '==': [1] }, null, false],
    [{ '==': [] }, null, true],
    [{ '==': [1, 1, 2] }, null, true],
  ],
  negation: [
    [{ '!': [true] }, null, false],
    [{ '!': true }, null, false],
    [{ '!': [[]] }, null, true],
    [{ '!': [[0]] }, null, false],
    [{ '!': ['0'] }, null, false],
    [{ '!': [''] }, null, true],
    [{ '!': [{ var: 'x' }] }, { x: NaN }, true],
    [{ '!!': [[]] }, null, false],
    [{ '!!': [['0']] }, null, true],
    [{ '!!': ['0'] }, null, true],
    [{ '!!': [0] }, null, false],
    [{ '!!': [] }, null, false],
  ],
  andOr: [
    [{ and: [true, 'a', 3] }, null, 3],
    [{ and: [true, '', 3] }, null, ''],
    [{ and: [true, [], 3] }, null, []],
    [{ and: [0, { var: 'boom' }] }, null, 0],
    [{ and: [] }, null, undefined],
    [{ or: [false, 0, 'a'] }, null, 'a'],
    [{ or: [false, [], ''] }, null, ''],
    [{ or: [[], false] }, null, false],
    [{ or: [] }, null, undefined],
    [{ and: [{ '>': [3, 1] }, { '<': [1, 3] }] }, null, true],
  ],
  relational: [
    [{ '>': [2, 1] }, null, true],
    [{ '>': ['2', 1] }, null, true],
    [{ '>': ['b', 'a'] }, null, true],
    [{ '>': ['10', '9'] }, null, false],
    [{ '>': ['10', 9] }, null, true],
    [{ '>=': [null, 0] }, null, true],
    [{ '<': [{ var: 'x' }, 5] }, { x: null }, true],
    [{ '<': [{ var: 'x' }, 5] }, {}, true],
    [{ '<': [-1, { var: 'x' }] }, {}, true],
    [{ '>': ['abc', 0] }, null, false],
    [{ '<': ['abc', 0] }, null, false],
    [{ '>': [[2], 1] }, null, true],
    [{ '>': [[1, 2], 1] }, null, false],
    [{ '<': [1, 2, 3] }, null, true],
    [{ '<': [1, 1, 3] }, null, false],
    [{ '<': [1, 4, 3] }, null, false],
    [{ '<=': [1, 1, 3] }, null, true],
    [{ '<=': [1, 4, 3] }, null, false],
    [{ '<': [1, 2, { and: [] }] }, null, true],
    [{ '<': [1, 2, null] }, null, false],
    [{ '>': [{ '/': [1, 0] }, 1e308] }, null, true],
    [{ '<': [{ '/': [0, 0] }, 1] }, null, false],
    [{ '>=': [{ '/': [0, 0] }, 1] }, null, false],
    [{ '>': [true, false] }, null, true],
    [{ '<': [] }, null, false],
    [{ '<=': [] }, null, false],
    [{ '>=': [] }, null, false],
    [{ '<=': [null, null] }, null, true],
    [{ '>': [{ var: 'x' }, -1] }, { x: '' }, true],
  ],
  arithmetic: [
    [{ '+': [1, 2] }, null, 3],
    [{ '+': ['1', '2'] }, null, 3],
    [{ '+': ['1.5x', 2] }, null, 3.5],
    [{ '+': ['abc', 1] }, null, NaN],
    [{ '+': [] }, null, 0],
    [{ '+': ['3'] }, null, 3],
    [{ '+': [null, 1] }, null, NaN],
    [{ '+': [true, 1] }, null, NaN],
    [{ '+': [[1, 2], 1] }, null, 2],
    [{ '+': [-0] }, null, 0],
    [{ '*': [2, '3'] }, null, 6],
    [{ '*': ['3'] }, null, '3'],
    [{ '*': [null, 2] }, null, NaN],
    [{ '*': [] }, null],
    [{ '-': [5, 3] }, null, 2],
    [{ '-': ['5', '3'] }, null, 2],
    [{ '-': [5] }, null, -5],
    [{ '-': ['5'] }, null, -5],
    [{ '-': [null] }, null, -0],
    [{ '-': [[]] }, null, -0],
    [{ '-': [5, null] }, null, 5],
    [{ '-': [] }, null, NaN],
    [{ '/': [1, 0] }, null, Infinity],
    [{ '/': [-1, 0] }, null, -Infinity],
    [{ '/': [0, 0] }, null, NaN],
    [{ '/': ['6', '3'] }, null, 2],
    [{ '/': [1, null] }, null, Infinity],
    [{ '/': [null, 5] }, null, 0],
    [{ '%': [7, 3] }, null, 1],
    [{ '%': [7, 0] }, null, NaN],
    [{ '%': [-7, 3] }, null, -1],
    [{ max: [1, 3, 2] }, null, 3],
    [{ max: [] }, null, -Infinity],
    [{ min: [] }, null, Infinity],
    [{ min: ['2', 1] }, null, 1],
    [{ max: [1, 'a'] }, null, NaN],
    [{ max: [null, -1] }, null, 0],
    [{ min: [[5], 7] }, null, 5],
  ],
  arrays: [
    [{ map: [{ var: 'xs' }, { '*': [{ var: '' }, 2] }] }, { xs: [1, 2, 3] }, [2, 4, 6]],
    [{ map: [{ var: 'nope' }, { var: '' }] }, {}, []],
    [{ map: [{ var: 'xs' }] }, { xs: [1, 2] }, [undefined, undefined]],
    [{ filter: [{ var: 'xs' }, { '>=': [{ var: '' }, 2] }] }, { xs: [1, 2, 3] }, [2, 3]],
    [{ filter: ['abc', true] }, null, []],
    [{ reduce: [{ var: 'xs' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] }, { xs: [1, 2, 3] }, 6],
    [{ reduce: [{ var: 'xs' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }] }, { xs: [1, 2] }, NaN],
    [{ reduce: [{ var: 'nope' }, { var: 'current' }, 'init'] }, {}, 'init'],
    [{ reduce: [{ var: 'nope' }, { var: 'current' }] }, {}, null],
    [{ all: [{ var: 'xs' }, { '>': [{ var: '' }, 0] }] }, { xs: [1, 2] }, true],
    [{ all: [[], true] }, null, false],
    [{ all: [{ var: 'xs' }, { '>': [{ var: '' }, 1] }] }, { xs: [1, 2] }, false],
    [{ none: [[], true] }, null, true],
    [{ none: [{ var: 'xs' }, { var: '' }] }, { xs: [0, ''] }, true],
    [{ none: ['str', true] }, null, true],
    [{ some: [{ var: 'xs' }, { var: '' }] }, { xs: [0, [], 'x'] }, true],
    [{ some: [[], true] }, null, false],
    [{ merge: [] }, null, []],
    [{ merge: [[1, 2], [3]] }, null, [1, 2, 3]],
    [{ merge: [1, 2, [3, [4]]] }, null, [1, 2, 3, [4]]],
    [{ merge: [null] }, null, [null]],
  ],
  strings: [
    [{ in: ['Spring', 'Springfield'] }, null, true],
    [{ in: ['i', ['a', 'b']] }, null, false],
    [{ in: ['a', ['a', 'b']] }, null, true],
    [{ in: [1, ['1']] }, null, false],
    [{ in: [1, '123'] }, null, true],
    [{ in: [null, 'xnullx'] }, null, true],
    [{ in: ['a', null] }, null, false],
    [{ in: ['a', 5] }, null, false],
    [{ in: ['a', {}] }, null, false],
    [{ in: ['a', { var: 'o' }] }, { o: { indexOf: 3 } }],
    [{ in: [{ var: 'c' }, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 1, null, true]] }, { c: 'g' }, true],
    [{ in: [{ var: 'c' }, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 1, null, true]] }, { c: '1' }, false],
    [{ in: [{ var: 'c' }, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 1, null, true]] }, { c: 1 }, true],
    [{ in: [{ var: 'c' }, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 1, null, true]] }, {}, true],
    [{ in: [{ var: 'c' }, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 0, null, true]] }, { c: -0 }, true],
    [{ in: [{ var: 'c' }, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 1, null, true]] }, { c: ['a'] }, false],
    [{ in: [{ var: 'c' }, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']] }, { c: NaN }, false],
    [{ in: [{ var: 'c' }, ['a', 'b', 'c', 'd', 'e', 'f', 'g', ['h']]] }, { c: 'h' }, false],
    [{ in: ['高新技术企业', { var: 'tags' }] }, { tags: ['高新技术企业', '专精特新'] }, true],
    [{ in: [{ var: 'code' }, ['C3670', 'C3911']] }, { code: 'C3911' }, true],
    [{ cat: ['I love', ' pie'] }, null, 'I love pie'],
    [{ cat: ['a', null, 1, [1, 2], true] }, null, 'a11,2true'],
    [{ cat: [] }, null, ''],
    [{ cat: 'one' }, null, 'one'],
    [{ substr: ['jsonlogic', 4] }, null, 'logic'],
    [{ substr: ['jsonlogic', -5] }, null, 'logic'],
    [{ substr: ['jsonlogic', 1, 3] }, null, 'son'],
    [{ substr: ['jsonlogic', 4, -2] }, null, 'log'],
    [{ substr: ['jsonlogic', 4, '-2'] }, null, ''],
    [{ substr: [12345, 1, 2] }, null, '23'],
    [{ substr: [null, 0, 2] }, null, 'nu'],
    [{ substr: ['abc', null] }, null, 'abc'],
    [{ substr: ['abc', 0, null] }, null, ''],
    [{ substr: [{ var: 'industryCode' }, 0, 3] }, { industryCode: 'C3670' }, 'C36'],
    [{ substr: [{ var: 'industryCode' }, 0, 3] }, {}, 'nul'],
  ],
  hostileText: [
    [{ var: 'a"]; throw new Error("x"); //' }, { 'a"]; throw new Error("x"); //': 1 }, 1],
    [{ '==': [{ var: 'x' }, "'); process.exit(1); //\u2028\u2029"] }, { x: "'); process.exit(1); //\u2028\u2029" }, true],
    [{ var: '__proto__' }, {}],
    [{ cat: ['`${1}`', '\\'] }, null, '`${1}`\\'],
  ],
  literals: [
    [1, null, 1],
    ['x', null, 'x'],
    [null, null, null],
    [[1, { var: 'a' }], { a: 2 }, [1, 2]],
    [[[1], [{ var: 'a' }]], { a: 2 }, [[1], [2]]],
    [{}, null, {}],
    [{ '==': [[1, 2], [1, 2]] }, null, false],
  ],
};

describe('compileRule gives json-logic-js 2.0.5 results', () => {
  for (const [group, rows] of Object.entries(cases)) {
    describe(group, () => {
      it.each(rows.map((row) => [JSON.stringify(row[0]), JSON.stringify(row[1]) ?? 'undefined', row] as const))(
        '%s on %s',
        (_name, _data, row) => {
          const [rule, data, expected] = row;
          const ours = outcomeOf(() => compileRule(rule, { backend: 'codegen' })(data));
          const closure = outcomeOf(() => compileRule(rule, { backend: 'closure' })(data));
          const theirs = outcomeOf(() => oracle(rule, data));
          expect(sameOutcome(ours, theirs), `ours ${String(ours.value)}, json-logic-js ${String(theirs.value)}`).toBe(true);
          expect(sameOutcome(closure, theirs), `closure ${String(closure.value)}, json-logic-js ${String(theirs.value)}`).toBe(true);
          if (row.length === 3) {
            expect(ours.value).toStrictEqual(expected);
          }
        },
      );
    });
  }

  it('throws where json-logic-js throws', () => {
    expect(() => compileRule({ '*': [] })(null)).toThrow();
    expect(() => compileRule({ missing_some: [1, null] })({})).toThrow();
    expect(() => compileRule({ in: ['a', { var: 'o' }] })({ o: { indexOf: 3 } })).toThrow();
  });

  it('returns the deciding operand of and/or without evaluating the rest', () => {
    const log = vi.fn();
    expect(compileRule({ and: [0, { log: 'never' }] }, { log })(null)).toBe(0);
    expect(compileRule({ or: ['yes', { log: 'never' }] }, { log })(null)).toBe('yes');
    expect(log).not.toHaveBeenCalled();
  });

  it('logs through the given logger and returns the value', () => {
    const log = vi.fn();
    expect(compileRule({ log: { '+': [1, 2] } }, { log })(null)).toBe(3);
    expect(log).toHaveBeenCalledWith(3);
  });

  it('returns a fresh array each time for literal arrays', () => {
    const fn = compileRule([1, 2]);
    const first = fn(null);
    expect(first).toEqual([1, 2]);
    expect(fn(null)).not.toBe(first);
  });
});

describe('compileRule rejects bad rules with a path and a code', () => {
  const reject = (rule: unknown, options?: Parameters<typeof compileRule>[1]): RuleCompileError => {
    try {
      compileRule(rule, options);
    } catch (error) {
      if (error instanceof RuleCompileError) return error;
      throw error;
    }
    throw new Error('expected a RuleCompileError');
  };

  it('rejects an unknown operator with its path', () => {
    const error = reject({ and: [true, { '>=': [{ var: 'a' }, { pow: [2, 3] }] }] });
    expect(error.code).toBe('RULES_UNKNOWN_OPERATOR');
    expect(error.path).toBe('$.and[1][">="][1].pow');
  });

  it('rejects an object with more than one key', () => {
    const error = reject({ and: [true, { '>=': [1, 2], '<': [1, 2] }] });
    expect(error.code).toBe('RULES_MALFORMED');
    expect(error.path).toBe('$.and[1]');
  });

  it('rejects an unknown operator even in a branch json-logic-js would never evaluate', () => {
    expect(reject({ or: [1, { nope: 1 }] }).path).toBe('$.or[1].nope');
  });

  it('rejects a unary form with an unknown operator inside', () => {
    expect(reject({ '!': { nope: 1 } }).path).toBe('$["!"].nope');
  });

  it('rejects rules nested past 64 levels', () => {
    let rule: unknown = true;
    for (let i = 0; i < 40; i += 1) rule = { '!': [rule] };
    const error = reject(rule);
    expect(error.code).toBe('RULES_TOO_DEEP');
  });

  it('rejects a deep rule without overflowing the stack', () => {
    let rule: unknown = 1;
    for (let i = 0; i < 100_000; i += 1) rule = [rule];
    expect(reject(rule).code).toBe('RULES_TOO_DEEP');
  });

  it('rejects cyclic structures', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['!'] = cyclic;
    expect(reject(cyclic).code).toBe('RULES_TOO_DEEP');
  });

  it('rejects rules over 1 MB when serialised', () => {
    const error = reject({ in: [{ var: 'x' }, Array.from({ length: 200_000 }, (_, i) => `v${i}`)] });
    expect(error.code).toBe('RULES_TOO_LARGE');
  });

  it('rejects a DAG that would explode when serialised', () => {
    let rule: unknown = ['x'];
    for (let i = 0; i < 40; i += 1) rule = [rule, rule];
    expect(reject(rule).code).toBe('RULES_TOO_LARGE');
  });

  it('rejects values that are not JSON', () => {
    expect(reject({ '==': [1, () => 1] }).code).toBe('RULES_NOT_JSON');
    expect(reject({ '==': [1, new Date()] }).code).toBe('RULES_NOT_JSON');
    expect(reject({ '==': [1, undefined] }).path).toBe('$["=="][1]');
  });

  it('honours custom limits', () => {
    expect(reject({ '!': [[[1]]] }, { limits: { maxDepth: 3 } }).code).toBe('RULES_TOO_DEEP');
  });
});
