import { describe, expect, it } from 'vitest';
import { compile, describeRule, explain } from '../../rules/index.ts';
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

describe('rules in words name divisions, industries and size classes', () => {
  const words = (rule: unknown, locale: 'zh-CN' | 'en-US' = 'zh-CN') => describeRule(rule, policyFieldsIn(locale));

  it('names a division by its name with the code, a street with its district, a local jurisdiction by name only', () => {
    expect(words({ '==': [{ var: 'countyCode' }, '410105'] })).toBe('所在县级区划 (GB/T 2260 前6位) = 金水区 (410105)');
    expect(words({ '==': [{ var: 'divisionCode' }, '410105010'] })).toBe('行政区划 (GB/T 2260, 街道/乡镇或县级) = 金水区东风路街道 (410105010)');
    expect(words({ in: [{ var: 'countyCode' }, ['410105', '410102']] })).toBe('所在县级区划 (GB/T 2260 前6位) ∈ [金水区 (410105), 中原区 (410102)]');
    expect(words({ '==': [{ substr: [{ var: 'divisionCode' }, 0, 4] }, '4101'] })).toBe('行政区划 (GB/T 2260, 街道/乡镇或县级)[0, 4] = 郑州市 (4101)');
    expect(words({ '==': [{ var: 'divisionCode' }, '410100-ZD'] })).toBe('行政区划 (GB/T 2260, 街道/乡镇或县级) = 郑东新区');
  });

  it('names industry codes at every level as GB/T 4754-2017 prints them', () => {
    expect(words({ '==': [{ var: 'industrySection' }, 'C'] })).toBe('行业门类 (如 C 制造业) = C 制造业');
    expect(words({ '!=': [{ var: 'industryDivision' }, 'C16'] })).toBe('行业大类 (如 C36) ≠ C16 烟草制品业');
    expect(words({ in: [{ var: 'industryGroup' }, ['C367']] })).toBe('行业中类 (如 C367) ∈ [C367 汽车零部件及配件制造]');
  });

  it('names size classes as the standard does', () => {
    expect(words({ in: [{ var: 'sizeClass' }, ['small', 'micro']] })).toBe('企业规模 (大/中/小/微, sme-size@2011) ∈ [小型, 微型]');
    expect(words({ '==': [{ var: 'sizeClass' }, 'large'] }, 'en-US')).toBe('Size class (large/medium/small/micro, sme-size@2011) = "large"');
  });

  it('keeps a code it does not know as written, and every code in English (the names are Chinese only)', () => {
    expect(words({ '==': [{ var: 'countyCode' }, '999999'] })).toBe('所在县级区划 (GB/T 2260 前6位) = "999999"');
    expect(words({ '==': [{ var: 'industryCode' }, 'Z9999'] })).toBe('行业小类 (GB/T 4754-2017, 如 C3670) = "Z9999"');
    expect(words({ '==': [{ var: 'countyCode' }, '410105'] }, 'en-US')).toBe('County-level division (GB/T 2260, first 6 digits) = "410105"');
    expect(words({ '==': [{ var: 'industryCode' }, 'C3670'] }, 'en-US')).toBe('Industry class (GB/T 4754-2017, e.g. C3670) = "C3670"');
  });
});

describe('explanations name the value an enterprise has as the rule names the one it asks for', () => {
  const row = toRuleRow({ ...base, divisionCode: '410102001' }, { asOf: '2026-11-25' });
  const actualOf = (rule: unknown, locale: 'zh-CN' | 'en-US' = 'zh-CN') => {
    const { actual, actualLabel } = explain(rule, row, policyFieldsIn(locale));
    return { actual, actualLabel };
  };

  it('names the county, the industry at each level and the size class in Chinese', () => {
    expect(actualOf({ '==': [{ var: 'countyCode' }, '410105'] })).toEqual({ actual: '410102', actualLabel: '中原区 (410102)' });
    expect(actualOf({ '==': [{ var: 'industryCode' }, 'C3511'] })).toEqual({ actual: 'C3670', actualLabel: 'C3670 汽车零部件及配件制造' });
    expect(actualOf({ in: [{ var: 'industryDivision' }, ['C35']] })).toEqual({ actual: 'C36', actualLabel: 'C36 汽车制造业' });
    expect(actualOf({ in: [{ var: 'sizeClass' }, ['micro']] })).toEqual({ actual: 'small', actualLabel: '小型' });
  });

  it('keeps the code as it is in English and for a code not in the tables', () => {
    expect(actualOf({ '==': [{ var: 'countyCode' }, '410105'] }, 'en-US')).toEqual({ actual: '410102', actualLabel: undefined });
    expect(actualOf({ '==': [{ var: 'sizeClass' }, 'micro'] }, 'en-US')).toEqual({ actual: 'small', actualLabel: undefined });
    const unknown = toRuleRow({ ...base, divisionCode: '999999001' }, { asOf: '2026-11-25' });
    expect(explain({ '==': [{ var: 'countyCode' }, '410105'] }, unknown, policyFieldsIn('zh-CN'))).toMatchObject({ actual: '999999' });
    expect(explain({ '==': [{ var: 'countyCode' }, '410105'] }, unknown, policyFieldsIn('zh-CN')).actualLabel).toBeUndefined();
  });
});

describe('explanations name the value a rule asks for as its label does', () => {
  const row = toRuleRow({ ...base, divisionCode: '410102001' }, { asOf: '2026-11-25' });
  const requiredOf = (rule: unknown, locale: 'zh-CN' | 'en-US' = 'zh-CN') => {
    const { required, requiredLabel } = explain(rule, row, policyFieldsIn(locale));
    return { required, requiredLabel };
  };

  it('names the county, the industry at each level and the size classes in Chinese, a list as the label lists it', () => {
    expect(requiredOf({ '==': [{ var: 'countyCode' }, '410105'] })).toEqual({ required: '410105', requiredLabel: '金水区 (410105)' });
    expect(requiredOf({ '==': [{ var: 'industryCode' }, 'C3511'] })).toEqual({ required: 'C3511', requiredLabel: 'C3511 矿山机械制造' });
    expect(requiredOf({ in: [{ var: 'industryDivision' }, ['C35']] })).toEqual({ required: ['C35'], requiredLabel: '[C35 专用设备制造业]' });
    expect(requiredOf({ in: [{ var: 'industrySection' }, ['B', 'C', 'D']] })).toEqual({ required: ['B', 'C', 'D'], requiredLabel: '[B 采矿业, C 制造业, D 电力、热力、燃气及水生产和供应业]' });
    expect(requiredOf({ in: [{ var: 'sizeClass' }, ['micro', 'small']] })).toEqual({ required: ['micro', 'small'], requiredLabel: '[微型, 小型]' });
  });

  it('keeps the code as it is in English and for a code not in the tables', () => {
    expect(requiredOf({ '==': [{ var: 'countyCode' }, '410105'] }, 'en-US')).toEqual({ required: '410105', requiredLabel: undefined });
    expect(requiredOf({ in: [{ var: 'sizeClass' }, ['micro']] }, 'en-US')).toEqual({ required: ['micro'], requiredLabel: undefined });
    expect(requiredOf({ '==': [{ var: 'countyCode' }, '999999'] })).toEqual({ required: '999999', requiredLabel: undefined });
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
