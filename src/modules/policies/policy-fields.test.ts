import { describe, expect, it } from 'vitest';
import { compile, describeRule } from '../../rules/index.ts';
import { ENTERPRISE_TAGS } from '../enterprises/index.ts';
import { POLICY_FIELDS, describePolicyFields, fullYearsBetween, policyFieldsIn, toRuleRow } from './policy-fields.ts';
import type { RegistryEnterprise } from './policy-fields.ts';

const base: RegistryEnterprise = {
  id: 'e1',
  divisionCode: '410105001',
  industryCode: 'C3670',
  foundedOn: '2020-06-30',
  legalEntity: true,
  employees: 120,
  revenueWan: 5000,
  mainBusinessRevenueWan: 4800,
  assetsWan: 3000,
  rdExpenseWan: 150,
  taxWan: 90,
  landMu: 20,
  energyTce: 300,
  patents: 4,
  exportWan: 0,
  sizeClass: 'small',
  aboveScale: true,
  tags: ['高新技术企业'],
};

describe('POLICY_FIELDS', () => {
  it('gives every registry figure its unit and Chinese label', () => {
    const expected: Record<string, [string, string]> = {
      employees: ['从业人员', '人'],
      revenueWan: ['营业收入', '万元'],
      mainBusinessRevenueWan: ['主营业务收入', '万元'],
      assetsWan: ['资产总额', '万元'],
      rdExpenseWan: ['研发费用', '万元'],
      taxWan: ['税收', '万元'],
      landMu: ['用地', '亩'],
      energyTce: ['综合能耗', '吨标准煤'],
      patents: ['有效专利', '件'],
      exportWan: ['出口额', '万元'],
    };
    for (const [name, [label, unit]] of Object.entries(expected)) {
      expect(POLICY_FIELDS.fields[name as keyof typeof POLICY_FIELDS.fields]).toMatchObject({ label, unit });
    }
  });

  it('gives every field an English label, and a unit in both languages or in neither', () => {
    const zh = policyFieldsIn('zh-CN').fields;
    const en = policyFieldsIn('en-US').fields;
    expect(Object.keys(en)).toEqual(Object.keys(zh));
    for (const [name, spec] of Object.entries(zh)) {
      expect(en[name]?.label, name).toMatch(/^[A-Z][\x20-\x7e]+$/);
      expect(en[name]?.unit === undefined, name).toBe(spec.unit === undefined);
      expect(en[name]?.type).toBe(spec.type);
      expect(en[name]?.values).toEqual(spec.values);
    }
    expect(describeRule({ '>=': [{ var: 'rdExpenseWan' }, 100] }, policyFieldsIn('en-US'))).toBe('R&D expenses (10k CNY) ≥ 100');
    expect(describeRule({ '>=': [{ var: 'rdExpenseWan' }, 100] }, policyFieldsIn('zh-CN'))).toBe('研发费用 (万元) ≥ 100');
    expect(describePolicyFields().find((f) => f.name === 'landMu')).toEqual({ name: 'landMu', type: 'number', label: '用地', labelEn: 'Land', unit: '亩', unitEn: 'mu', values: null });
  });

  it('lists the registry tags and size classes, so a misspelt tag is a compile error', () => {
    expect(POLICY_FIELDS.fields.tags.values).toEqual(ENTERPRISE_TAGS);
    expect(POLICY_FIELDS.fields.sizeClass.values).toEqual(['large', 'medium', 'small', 'micro']);
    expect(() => compile({ in: ['高新技术企', { var: 'tags' }] }, POLICY_FIELDS)).toThrow(/not a tag/);
    expect(() => compile({ '>=': [{ var: 'revenue' }, 1] }, POLICY_FIELDS)).toThrow(/unknown field "revenue"/);
  });
});

describe('toRuleRow', () => {
  it('gives a rule exactly the schema fields', () => {
    const row = toRuleRow(base, { asOf: '2026-11-25' });
    expect(Object.keys(row).sort()).toEqual(Object.keys(POLICY_FIELDS.fields).sort());
  });

  it('derives industry levels from the class code and the county from the street', () => {
    const row = toRuleRow(base, { asOf: '2026-11-25' });
    expect(row).toMatchObject({ industryCode: 'C3670', industrySection: 'C', industryDivision: 'C36', industryGroup: 'C367', countyCode: '410105', divisionCode: '410105001' });
  });

  it('counts full years to the as-of date: the anniversary day is the first day of the new year', () => {
    expect(toRuleRow(base, { asOf: '2024-06-29' }).ageYears).toBe(3);
    expect(toRuleRow(base, { asOf: '2024-06-30' }).ageYears).toBe(4);
    expect(toRuleRow(base, { asOf: '2024-06-30' }).foundedYear).toBe(2020);
    expect(fullYearsBetween('2020-02-29', '2021-02-28')).toBe(0);
    expect(fullYearsBetween('2020-02-29', '2021-03-01')).toBe(1);
    expect(fullYearsBetween('2020-06-30', '2019-01-01')).toBeNull();
    expect(toRuleRow({ ...base, foundedOn: null }, { asOf: '2024-06-30' })).toMatchObject({ ageYears: null, foundedYear: null });
  });

  it('keeps unknown figures null and copies the tags', () => {
    const row = toRuleRow({ ...base, employees: null, revenueWan: Number.NaN }, { asOf: '2026-11-25' });
    expect(row.employees).toBeNull();
    expect(row.revenueWan).toBeNull();
    expect(row.tags).toEqual(['高新技术企业']);
    expect(row.tags).not.toBe(base.tags);
  });
});
