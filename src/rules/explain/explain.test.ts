import { describe, expect, it } from 'vitest';
import { createSnapshot } from '../columnar/snapshot.ts';
import { defineSchema } from '../schema/schema.ts';
import { describeRule, explain } from './explain.ts';
import { findNearMisses } from './near-miss.ts';

const schema = defineSchema({
  fields: {
    revenueWan: { type: 'number', unit: '万元', label: '营业收入' },
    rdExpenseWan: { type: 'number', unit: '万元', label: '研发费用' },
    employees: { type: 'integer', unit: '人', label: '从业人员' },
    tags: { type: 'tags', label: '资质标签' },
    aboveScale: { type: 'boolean', label: '规上' },
  },
});

// 规上 and 研发投入 ≥ 3 % and not 失信
const policy = {
  and: [
    { var: 'aboveScale' },
    { '>=': [{ '/': [{ var: 'rdExpenseWan' }, { var: 'revenueWan' }] }, 0.03] },
    { '!': { in: ['失信', { var: 'tags' }] } },
  ],
};

describe('explain', () => {
  it('gives the R&D ratio gap in points when 2.1 % is below the required 3 %', () => {
    const tree = explain(policy, { aboveScale: true, rdExpenseWan: 21, revenueWan: 1000, tags: [] }, schema);
    expect(tree.passed).toBe(false);
    expect(tree.children?.map((c) => c.passed)).toEqual([true, false, true]);
    const ratio = tree.children?.[1];
    expect(ratio?.actual).toBeCloseTo(0.021);
    expect(ratio?.required).toBe(0.03);
    expect(ratio?.gap).toBeCloseTo(0.009);
    expect(ratio?.relativeGap).toBeCloseTo(0.3);
    expect(ratio?.label).toBe('(研发费用 (万元) / 营业收入 (万元)) ≥ 0.03');
  });

  it('shows every condition of an and, also after the first failure', () => {
    const tree = explain(policy, { aboveScale: false, rdExpenseWan: 0, revenueWan: 100, tags: ['失信'] }, schema);
    expect(tree.children?.map((c) => c.passed)).toEqual([false, false, false]);
    expect(tree.value).toBe(false);
  });

  it('reads the constant side as required even when it comes first', () => {
    const node = explain({ '<': [50, { var: 'employees' }] }, { employees: 20 }, schema);
    expect(node.actual).toBe(20);
    expect(node.required).toBe(50);
    expect(node.gap).toBe(30);
  });

  it('gives the distance to the nearest bound of a between', () => {
    const node = explain({ '<=': [10, { var: 'employees' }, 300] }, { employees: 320 }, schema);
    expect(node.passed).toBe(false);
    expect(node.gap).toBe(20);
  });

  it('reports actual and required for tag membership without a gap', () => {
    const node = explain({ in: ['专精特新', { var: 'tags' }] }, { tags: ['高新技术企业'] }, schema);
    expect(node).toMatchObject({ op: 'in', passed: false, actual: ['高新技术企业'], required: '专精特新' });
    expect(node.gap).toBeUndefined();
  });

  it('treats a missing number as JsonLogic does (null reads as 0 in comparisons)', () => {
    const node = explain({ '>=': [{ var: 'revenueWan' }, 2000] }, {}, schema);
    expect(node.actual).toBeNull();
    expect(node.gap).toBe(2000);
  });
});

describe('describeRule', () => {
  const COUNTIES: Record<string, string> = { '410105': '金水区', '410102': '中原区' };
  const named = defineSchema({
    fields: {
      countyCode: { type: 'code', label: '县区', describeValue: (code) => (COUNTIES[code] ? `${COUNTIES[code]} (${code})` : undefined) },
      otherCode: { type: 'code', label: '其他代码' },
      employees: { type: 'integer', unit: '人', label: '从业人员' },
    },
  });

  it('names the constants a field with describeValue is compared with, on either side and in lists', () => {
    expect(describeRule({ '==': [{ var: 'countyCode' }, '410105'] }, named)).toBe('县区 = 金水区 (410105)');
    expect(describeRule({ '!=': ['410102', { var: 'countyCode' }] }, named)).toBe('中原区 (410102) ≠ 县区');
    expect(describeRule({ in: [{ var: 'countyCode' }, ['410105', '410102']] }, named)).toBe('县区 ∈ [金水区 (410105), 中原区 (410102)]');
    expect(describeRule({ '==': [{ substr: [{ var: 'countyCode' }, 0, 6] }, '410105'] }, named)).toBe('县区[0, 6] = 金水区 (410105)');
    expect(describeRule({ and: [{ '==': [{ var: 'countyCode' }, '410105'] }, { '>=': [{ var: 'employees' }, 10] }] }, named)).toBe('县区 = 金水区 (410105) and 从业人员 (人) ≥ 10');
  });

  it('keeps a value it cannot name as written, and leaves other fields and two-field comparisons alone', () => {
    expect(describeRule({ '==': [{ var: 'countyCode' }, '999999'] }, named)).toBe('县区 = "999999"');
    expect(describeRule({ in: [{ var: 'countyCode' }, ['410105', '999999']] }, named)).toBe('县区 ∈ [金水区 (410105), "999999"]');
    expect(describeRule({ '==': [{ var: 'otherCode' }, '410105'] }, named)).toBe('其他代码 = "410105"');
    expect(describeRule({ '==': [{ var: 'countyCode' }, { var: 'otherCode' }] }, named)).toBe('县区 = 其他代码');
    expect(describeRule({ '==': [{ var: 'countyCode' }, '410105'] })).toBe('countyCode = "410105"');
  });
});

describe('explain: the actual and required values in words', () => {
  const COUNTIES: Record<string, string> = { '410105': '金水区', '410102': '中原区', '4101': '郑州市' };
  const describeCounty = (code: string): string | undefined => (COUNTIES[code] ? `${COUNTIES[code]} (${code})` : undefined);
  const named = defineSchema({
    fields: {
      countyCode: { type: 'code', label: '县区', describeValue: describeCounty },
      otherCode: { type: 'code', label: '其他代码' },
      labels: { type: 'tags', label: '标签', describeValue: (tag) => (tag === 'a' ? '甲' : undefined) },
      employees: { type: 'integer', unit: '人', label: '从业人员' },
    },
  });
  const actualLabelOf = (rule: unknown, row: unknown) => explain(rule, row, named).actualLabel;
  const requiredLabelOf = (rule: unknown, row: unknown) => explain(rule, row, named).requiredLabel;

  it('names the actual value as the label names the required one, and keeps actual and required the values', () => {
    const node = explain({ '==': [{ var: 'countyCode' }, '410105'] }, { countyCode: '410102' }, named);
    expect(node).toMatchObject({ passed: false, label: '县区 = 金水区 (410105)', actual: '410102', actualLabel: '中原区 (410102)', required: '410105' });
  });

  it('names the value read from the record on either side of a comparison, in an in and through a substr', () => {
    expect(actualLabelOf({ '!=': ['410105', { var: 'countyCode' }] }, { countyCode: '410102' })).toBe('中原区 (410102)');
    expect(actualLabelOf({ in: [{ var: 'countyCode' }, ['410105']] }, { countyCode: '410102' })).toBe('中原区 (410102)');
    expect(actualLabelOf({ '==': [{ substr: [{ var: 'countyCode' }, 0, 4] }, '4101'] }, { countyCode: '410102' })).toBe('郑州市 (4101)');
  });

  it('names a list read from the record element by element, keeping the ones it cannot name as written', () => {
    const node = explain({ in: ['b', { var: 'labels' }] }, { labels: ['a', 'c'] }, named);
    expect(node).toMatchObject({ passed: false, actual: ['a', 'c'], actualLabel: '[甲, "c"]' });
  });

  it('leaves actualLabel out for an unknown or missing value, a field without describeValue, two fields and no schema', () => {
    const none = [
      actualLabelOf({ '==': [{ var: 'countyCode' }, '410105'] }, { countyCode: '999999' }),
      actualLabelOf({ '==': [{ var: 'countyCode' }, '410105'] }, {}),
      actualLabelOf({ '==': [{ var: 'otherCode' }, '410105'] }, { otherCode: '410102' }),
      actualLabelOf({ '==': [{ var: 'countyCode' }, { var: 'otherCode' }] }, { countyCode: '410102', otherCode: '410105' }),
      actualLabelOf({ '>=': [{ var: 'employees' }, 10] }, { employees: 5 }),
      actualLabelOf({ in: ['c', { var: 'labels' }] }, { labels: ['c'] }),
      explain({ '==': [{ var: 'countyCode' }, '410105'] }, { countyCode: '410102' }).actualLabel,
    ];
    expect(none).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
    expect('actualLabel' in explain({ '==': [{ var: 'countyCode' }, '410105'] }, { countyCode: '999999' }, named)).toBe(false);
  });

  it('names the actual value of each condition inside an and', () => {
    const tree = explain({ and: [{ '==': [{ var: 'countyCode' }, '410105'] }, { '>=': [{ var: 'employees' }, 10] }] }, { countyCode: '410102', employees: 20 }, named);
    expect(tree.actualLabel).toBeUndefined();
    expect(tree.children?.map((c) => c.actualLabel)).toEqual(['中原区 (410102)', undefined]);
  });

  it('names the required value as the label does, and keeps required the value', () => {
    const node = explain({ '==': [{ var: 'countyCode' }, '410105'] }, { countyCode: '410102' }, named);
    expect(node).toMatchObject({ label: '县区 = 金水区 (410105)', required: '410105', requiredLabel: '金水区 (410105)' });
  });

  it('names the required value on either side of a comparison, in an in and through a substr', () => {
    expect(requiredLabelOf({ '!=': ['410105', { var: 'countyCode' }] }, { countyCode: '410102' })).toBe('金水区 (410105)');
    expect(requiredLabelOf({ in: ['a', { var: 'labels' }] }, { labels: ['c'] })).toBe('甲');
    expect(requiredLabelOf({ '==': [{ substr: [{ var: 'countyCode' }, 0, 4] }, '4101'] }, { countyCode: '410502' })).toBe('郑州市 (4101)');
  });

  it('names a required list element by element as the label does, keeping the ones it cannot name as written', () => {
    const rule = { in: [{ var: 'countyCode' }, ['410105', '999999']] };
    const node = explain(rule, { countyCode: '410102' }, named);
    expect(node).toMatchObject({ passed: false, required: ['410105', '999999'], requiredLabel: '[金水区 (410105), "999999"]' });
    expect(node.label).toBe(`县区 ∈ ${node.requiredLabel}`);
  });

  it('names the required value also when the actual one has no name, and leaves requiredLabel out where the label keeps the value as written', () => {
    expect(explain({ '==': [{ var: 'countyCode' }, '410105'] }, { countyCode: '999999' }, named)).toMatchObject({ actual: '999999', requiredLabel: '金水区 (410105)' });
    const none = [
      requiredLabelOf({ '==': [{ var: 'countyCode' }, '999999'] }, { countyCode: '410102' }),
      requiredLabelOf({ '==': [{ var: 'otherCode' }, '410105'] }, { otherCode: '410102' }),
      requiredLabelOf({ '==': [{ var: 'countyCode' }, { var: 'otherCode' }] }, { countyCode: '410102', otherCode: '410105' }),
      requiredLabelOf({ '>=': [{ var: 'employees' }, 10] }, { employees: 5 }),
      requiredLabelOf({ in: ['c', { var: 'labels' }] }, { labels: ['a'] }),
      explain({ '==': [{ var: 'countyCode' }, '410105'] }, { countyCode: '410102' }).requiredLabel,
    ];
    expect(none).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect('requiredLabel' in explain({ '==': [{ var: 'countyCode' }, '999999'] }, { countyCode: '410102' }, named)).toBe(false);
  });

  it('names the required value of each condition inside an and', () => {
    const tree = explain({ and: [{ '==': [{ var: 'countyCode' }, '410105'] }, { '>=': [{ var: 'employees' }, 10] }] }, { countyCode: '410102', employees: 20 }, named);
    expect(tree.requiredLabel).toBeUndefined();
    expect(tree.children?.map((c) => c.requiredLabel)).toEqual(['金水区 (410105)', undefined]);
  });
});

describe('findNearMisses', () => {
  it('lists rows failing exactly one top-level condition, closest first', () => {
    const rows = [
      { aboveScale: true, rdExpenseWan: 40, revenueWan: 1000, tags: [] },
      { aboveScale: true, rdExpenseWan: 29, revenueWan: 1000, tags: [] },
      { aboveScale: true, rdExpenseWan: 10, revenueWan: 1000, tags: [] },
      { aboveScale: false, rdExpenseWan: 40, revenueWan: 1000, tags: [] },
      { aboveScale: false, rdExpenseWan: 10, revenueWan: 1000, tags: [] },
      { aboveScale: true, rdExpenseWan: 40, revenueWan: 1000, tags: ['失信'] },
    ];
    const misses = findNearMisses(createSnapshot(schema, rows), policy);
    expect(misses.map((m) => [m.row, m.condition])).toEqual([
      [1, 1],
      [2, 1],
      [3, 0],
      [5, 2],
    ]);
    expect(misses[0]?.gap).toBeCloseTo(0.001);
    expect(misses[0]?.explanation.op).toBe('>=');
  });

  it('returns nothing for a rule that is not a top-level and', () => {
    expect(findNearMisses(createSnapshot(schema, [{}]), { var: 'aboveScale' })).toEqual([]);
  });

  it('honours the limit', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ aboveScale: true, rdExpenseWan: i * 0.5, revenueWan: 1000, tags: [] }));
    const misses = findNearMisses(createSnapshot(schema, rows), policy, { limit: 3 });
    expect(misses.map((m) => m.row)).toEqual([49, 48, 47]);
  });
});
