import { describe, expect, it } from 'vitest';
import { compile } from '../compile.ts';
import { RuleCompileError } from '../errors.ts';
import { defineSchema } from './schema.ts';

const schema = defineSchema({
  fields: {
    revenueWan: { type: 'number', unit: '万元', label: '营业收入' },
    rdExpenseWan: { type: 'number', unit: '万元', label: '研发费用' },
    employees: { type: 'integer', unit: '人', label: '从业人员' },
    tags: { type: 'tags', label: '资质标签', values: ['高新技术企业', '专精特新', '科技型中小企业', '失信'] },
    industryCode: { type: 'code', label: '行业代码' },
    aboveScale: { type: 'boolean', label: '规上' },
  },
});

function rejection(rule: unknown): RuleCompileError {
  try {
    compile(rule, schema);
  } catch (error) {
    if (error instanceof RuleCompileError) return error;
    throw error;
  }
  throw new Error('expected a RuleCompileError');
}

describe('compile(rule, schema)', () => {
  it('accepts a typical policy and reports the fields it reads', () => {
    const rule = {
      and: [
        { var: 'aboveScale' },
        { '>=': [{ '/': [{ var: 'rdExpenseWan' }, { var: 'revenueWan' }] }, 0.03] },
        { '!': { in: ['失信', { var: 'tags' }] } },
        { '==': [{ substr: [{ var: 'industryCode' }, 0, 3] }, 'C36'] },
      ],
    };
    const compiled = compile(rule, schema);
    expect([...compiled.fields].sort()).toEqual(['aboveScale', 'industryCode', 'rdExpenseWan', 'revenueWan', 'tags']);
    expect(compiled.matches({ aboveScale: true, rdExpenseWan: 40, revenueWan: 1000, tags: [], industryCode: 'C3670' })).toBe(true);
    expect(compiled.matches({ aboveScale: true, rdExpenseWan: 20, revenueWan: 1000, tags: [], industryCode: 'C3670' })).toBe(false);
  });

  it('rejects an unknown field with RULES_UNKNOWN_FIELD and the path of the var', () => {
    const error = rejection({ and: [true, { '>=': [{ var: 'revenu' }, 2000] }] });
    expect(error.code).toBe('RULES_UNKNOWN_FIELD');
    expect(error.path).toBe('$.and[1][">="][0].var');
    expect(error.message).toContain('revenu');
  });

  it('rejects comparing a number field with a tags field', () => {
    const error = rejection({ '>=': [{ var: 'revenueWan' }, { var: 'tags' }] });
    expect(error.code).toBe('RULES_TYPE_MISMATCH');
    expect(error.message).toContain('营业收入');
  });

  it('rejects comparing a number field with a non-numeric string but accepts "2000"', () => {
    expect(rejection({ '>=': [{ var: 'revenueWan' }, '高'] }).code).toBe('RULES_TYPE_MISMATCH');
    expect(() => compile({ '>=': [{ var: 'revenueWan' }, '2000'] }, schema)).not.toThrow();
  });

  it('rejects comparing a code field with a number', () => {
    expect(rejection({ '==': [{ var: 'industryCode' }, 3670] }).code).toBe('RULES_TYPE_MISMATCH');
  });

  it('accepts comparisons with null (a test for a missing value)', () => {
    expect(() => compile({ '==': [{ var: 'revenueWan' }, null] }, schema)).not.toThrow();
  });

  it('rejects arithmetic on tags and booleans', () => {
    expect(rejection({ '+': [{ var: 'employees' }, { var: 'aboveScale' }] }).path).toBe('$["+"][1]');
    expect(rejection({ '/': [{ var: 'tags' }, 2] }).code).toBe('RULES_TYPE_MISMATCH');
  });

  it('rejects a tag the schema does not list', () => {
    const error = rejection({ in: ['高新企业', { var: 'tags' }] });
    expect(error.code).toBe('RULES_UNKNOWN_VALUE');
    expect(error.path).toBe('$.in[0]');
  });

  it('rejects "in" on a number field', () => {
    expect(rejection({ in: ['1', { var: 'revenueWan' }] }).code).toBe('RULES_TYPE_MISMATCH');
  });

  it('does not check vars inside map/filter logic, which run on elements', () => {
    expect(() => compile({ some: [{ var: 'tags' }, { '==': [{ var: '' }, '专精特新'] }] }, schema)).not.toThrow();
  });

  it('rejects sub-paths of scalar fields', () => {
    expect(rejection({ var: 'revenueWan.x' }).code).toBe('RULES_TYPE_MISMATCH');
  });

  it('still rejects unknown operators before schema checks', () => {
    expect(rejection({ pow: [{ var: 'nope' }, 2] }).code).toBe('RULES_UNKNOWN_OPERATOR');
  });

  it('rejects an ill-defined schema', () => {
    expect(() => defineSchema({ fields: { 'a.b': { type: 'number' } } })).toThrow(RuleCompileError);
  });
});
