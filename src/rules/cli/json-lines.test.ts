import { describe, expect, it } from 'vitest';
import { processLine } from './json-lines.ts';

const parse = (text: string | undefined): unknown => JSON.parse(text ?? 'null');

describe('processLine', () => {
  it('evaluates a rule on data', () => {
    expect(parse(processLine('eval', '{"rule":{">=":[{"var":"revenueWan"},2000]},"data":{"revenueWan":2500}}'))).toEqual({ result: true });
  });

  it('answers a line that is not JSON with an error and keeps going', () => {
    expect(parse(processLine('eval', '{"rule":'))).toMatchObject({ error: expect.stringContaining('not JSON') });
  });

  it('reports unknown operators with their path', () => {
    expect(parse(processLine('eval', '{"rule":{"and":[true,{"pow":[1,2]}]},"data":{}}'))).toEqual({
      error: 'RULES_UNKNOWN_OPERATOR: unknown operator "pow" at $.and[1].pow',
    });
  });

  it('prints NaN, Infinity and undefined results as null', () => {
    expect(parse(processLine('eval', '{"rule":{"/":[1,0]},"data":null}'))).toEqual({ result: null });
    expect(parse(processLine('eval', '{"rule":{"and":[]}}'))).toEqual({ result: null });
  });

  it('checks the rule against a schema given on the line', () => {
    const line = JSON.stringify({ rule: { '>=': [{ var: 'revenu' }, 1] }, data: {}, schema: { fields: { revenueWan: { type: 'number' } } } });
    expect(parse(processLine('eval', line))).toMatchObject({ error: expect.stringContaining('RULES_UNKNOWN_FIELD') });
  });

  it('explains a rule', () => {
    const line = JSON.stringify({ rule: { '>=': [{ var: 'x' }, 5] }, data: { x: 3 } });
    expect(parse(processLine('explain', line))).toMatchObject({ explanation: { op: '>=', passed: false, actual: 3, required: 5, gap: 2 } });
  });

  it('skips blank lines and rejects lines without a rule', () => {
    expect(processLine('eval', '   ')).toBeUndefined();
    expect(parse(processLine('eval', '[1]'))).toMatchObject({ error: expect.any(String) });
  });

  it('sends the log operator somewhere other than the answers', () => {
    const logged: unknown[] = [];
    expect(parse(processLine('eval', '{"rule":{"log":"hi"}}', { log: (v) => logged.push(v) }))).toEqual({ result: 'hi' });
    expect(logged).toEqual(['hi']);
  });
});
