import { describe, expect, it } from 'vitest';
import { benefitFormOf, benefitFormula, fieldLabel, isRepresentable, jsonLogicToQuery, queryToJsonLogic, toBuilderFields, unguardedUpperBounds } from './rule-builder.ts';
import type { RuleFieldSpec } from './rule-builder.ts';

const specs: RuleFieldSpec[] = [
  { name: 'employees', type: 'integer', unit: '人', unitEn: 'people', label: '从业人员', labelEn: 'Employees', values: null },
  { name: 'rdExpenseWan', type: 'number', unit: '万元', unitEn: '10k CNY', label: '研发费用', labelEn: 'R&D expenses', values: null },
  { name: 'countyCode', type: 'code', unit: null, label: '所在县级区划', values: null },
  { name: 'sizeClass', type: 'code', unit: null, label: '企业规模', values: ['large', 'medium', 'small', 'micro'] },
  { name: 'aboveScale', type: 'boolean', unit: null, label: '规上工业企业', values: null },
  { name: 'tags', type: 'tags', unit: null, label: '企业标签', values: ['高新技术企业', '专精特新中小企业', '失信'] },
];
const t = (key: string) => key;
const fields = toBuilderFields(specs, t);
const roundTrip = (rule: unknown) => queryToJsonLogic(jsonLogicToQuery(rule, fields), fields);

describe('rule builder fields', () => {
  it('labels fields with their unit and offers tags as a multi-select', () => {
    expect(fields.find((f) => f.name === 'rdExpenseWan')).toMatchObject({ label: '研发费用 (万元)', inputType: 'number' });
    expect(fields.find((f) => f.name === 'tags')).toMatchObject({ valueEditorType: 'multiselect', values: expect.arrayContaining([expect.objectContaining({ name: '失信' })]) });
  });

  it('labels fields in English for an English UI, falling back to Chinese where no English label is given', () => {
    const english = toBuilderFields(specs, t, 'en-US');
    expect(english.find((f) => f.name === 'rdExpenseWan')?.label).toBe('R&D expenses (10k CNY)');
    expect(english.find((f) => f.name === 'employees')?.label).toBe('Employees (people)');
    expect(english.find((f) => f.name === 'countyCode')?.label).toBe('所在县级区划');
    expect(fieldLabel(specs[0] ?? { name: '', type: '', unit: null, label: null, values: null }, 'zh-CN')).toBe('从业人员 (人)');
  });
});

describe('JsonLogic round trip', () => {
  it('gives back the same JsonLogic for the rules the catalogue writes', () => {
    const rules = [
      { and: [{ '>=': [{ var: 'rdExpenseWan' }, 100] }, { '<=': [{ var: 'employees' }, 300] }, { '!=': [{ var: 'employees' }, null] }] },
      { and: [{ in: ['高新技术企业', { var: 'tags' }] }, { '!': { in: ['失信', { var: 'tags' }] } }] },
      { and: [{ '==': [{ var: 'countyCode' }, '410105'] }, { '==': [{ var: 'aboveScale' }, true] }] },
      { or: [{ '==': [{ var: 'sizeClass' }, 'small'] }, { in: [{ var: 'sizeClass' }, ['micro', 'medium']] }] },
    ];
    for (const rule of rules) {
      expect(roundTrip(rule)).toEqual(rule);
      expect(isRepresentable(rule, fields)).toBe(true);
    }
  });

  it('writes a multi-select of tags as one test per tag', () => {
    const query = { combinator: 'and', rules: [{ field: 'tags', operator: 'contains', value: ['高新技术企业', '专精特新中小企业'] }, { field: 'employees', operator: '>=', value: '50' }] };
    expect(queryToJsonLogic(query, fields)).toEqual({
      and: [{ and: [{ in: ['高新技术企业', { var: 'tags' }] }, { in: ['专精特新中小企业', { var: 'tags' }] }] }, { '>=': [{ var: 'employees' }, 50] }],
    });
  });

  it('keeps an empty rule an empty group the builder can show', () => {
    expect(roundTrip({ and: [] })).toEqual({ and: [] });
    expect(isRepresentable({ and: [] }, fields)).toBe(true);
  });

  it('shows a single condition as a group of one and says when a rule cannot be shown', () => {
    expect(roundTrip({ '>': [{ var: 'employees' }, 10] })).toEqual({ and: [{ '>': [{ var: 'employees' }, 10] }] });
    expect(isRepresentable({ '>': [{ '/': [{ var: 'rdExpenseWan' }, { var: 'employees' }] }, 0.03] }, fields)).toBe(false);
  });
});

describe('benefit formula forms', () => {
  it('maps fixed amounts, rates and JSON both ways', () => {
    expect(benefitFormula({ kind: 'rate', field: 'rdExpenseWan', rate: 0.1 })).toEqual({ '*': [{ var: 'rdExpenseWan' }, 0.1] });
    expect(benefitFormOf({ '*': [{ var: 'rdExpenseWan' }, 0.1] })).toEqual({ kind: 'rate', field: 'rdExpenseWan', rate: 0.1 });
    expect(benefitFormOf(30)).toEqual({ kind: 'fixed', amountWan: 30 });
    expect(benefitFormOf(null)).toEqual({ kind: 'none' });
    expect(benefitFormula({ kind: 'json', text: '{"min":[' })).toBeUndefined();
    expect(benefitFormOf({ min: [{ var: 'taxWan' }, 5] })).toMatchObject({ kind: 'json' });
  });
});

describe('unknown is not zero', () => {
  it('names the fields bounded from above without a reported-figure guard', () => {
    expect(unguardedUpperBounds({ and: [{ '<=': [{ var: 'employees' }, 300] }, { '>=': [{ var: 'rdExpenseWan' }, 1] }] })).toEqual(['employees']);
    expect(unguardedUpperBounds({ and: [{ '<=': [{ var: 'employees' }, 300] }, { '!=': [{ var: 'employees' }, null] }] })).toEqual([]);
    expect(unguardedUpperBounds({ or: [{ '<': [{ var: 'assetsWan' }, 5000] }, { in: ['失信', { var: 'tags' }] }] })).toEqual(['assetsWan']);
  });
});
