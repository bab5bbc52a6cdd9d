import { describe, expect, it } from 'vitest';
import { byDistrictOption, formatBenefit, formatConditionValue, formatRuleValue, visibleSteps } from './policy-format.ts';

const t = (key: string, options?: Record<string, unknown>) => `${key}${options ? JSON.stringify(options) : ''}`;

describe('policy formatting', () => {
  it('says when a benefit is capped, not estimable or a formula error', () => {
    expect(formatBenefit({ kind: 'estimated', amountWan: 1234.5, capped: false }, t, 'zh-CN')).toBe('policies.benefit.amount{"amount":"1,234.5"}');
    expect(formatBenefit({ kind: 'estimated', amountWan: 100, capped: true }, t, 'zh-CN')).toBe('policies.benefit.capped{"amount":"100"}');
    expect(formatBenefit({ kind: 'not-estimable', reason: 'x' }, t, 'zh-CN')).toBe('policies.benefit.notEstimable');
    expect(formatBenefit({ kind: 'error', code: 'POLICIES_BENEFIT_NEGATIVE' }, t, 'zh-CN')).toBe('policies.benefit.error');
  });

  it('shows rule values in one line', () => {
    expect(formatRuleValue(0.029995, 'zh-CN')).toBe('0.03');
    expect(formatRuleValue(['高新技术企业', '专精特新中小企业'], 'zh-CN')).toBe('高新技术企业、专精特新中小企业');
    expect(formatRuleValue(null, 'zh-CN')).toBe('—');
    expect(formatRuleValue(true, 'zh-CN')).toBe('✓');
  });

  it('shows an actual value in words when the server named it, and formatted as it is otherwise', () => {
    expect(formatConditionValue({ actual: '410102', actualLabel: '中原区 (410102)' }, 'actual', 'zh-CN')).toBe('中原区 (410102)');
    expect(formatConditionValue({ actual: 'C3670' }, 'actual', 'en-US')).toBe('C3670');
    expect(formatConditionValue({ actual: 1234.5 }, 'actual', 'zh-CN')).toBe('1,234.5');
    expect(formatConditionValue({}, 'actual', 'zh-CN')).toBe('—');
    expect(formatConditionValue(null, 'actual', 'zh-CN')).toBe('—');
  });

  it('shows a required value in words when the server named it, and formatted as it is otherwise', () => {
    expect(formatConditionValue({ required: '410105', requiredLabel: '金水区 (410105)' }, 'required', 'zh-CN')).toBe('金水区 (410105)');
    expect(formatConditionValue({ required: ['B', 'C'], requiredLabel: '[B 采矿业, C 制造业]' }, 'required', 'zh-CN')).toBe('[B 采矿业, C 制造业]');
    expect(formatConditionValue({ required: ['B', 'C', 'D'] }, 'required', 'en-US')).toBe('B、C、D');
    expect(formatConditionValue({ required: 500000 }, 'required', 'zh-CN')).toBe('500,000');
    expect(formatConditionValue({}, 'required', 'zh-CN')).toBe('—');
    expect(formatConditionValue(undefined, 'required', 'zh-CN')).toBe('—');
  });

  it('takes each side’s own words, never the other side’s', () => {
    const miss = { actual: '410102', actualLabel: '中原区 (410102)', required: '410105' };
    expect(formatConditionValue(miss, 'required', 'zh-CN')).toBe('410105');
    expect(formatConditionValue({ actual: '999999', required: '410105', requiredLabel: '金水区 (410105)' }, 'actual', 'zh-CN')).toBe('999999');
  });

  it('drops the root of an explanation but keeps a single condition', () => {
    const root = { depth: 0, op: 'and', label: 'all', passed: false };
    const child = { depth: 1, op: '>', label: 'x > 1', passed: false };
    expect(visibleSteps([root, child])).toEqual([child]);
    expect(visibleSteps([root])).toEqual([root]);
  });

  it('orders districts so the largest bar is on top and keeps codes for drill-down', () => {
    const option = byDistrictOption([{ code: '410105', name: '金水区', count: 2 }, { code: '410102', name: '中原区', count: 5 }], 'n') as {
      yAxis: { data: string[] };
      series: { data: { value: number; code: string }[] }[];
    };
    expect(option.yAxis.data).toEqual(['金水区', '中原区']);
    expect(option.series[0]?.data).toEqual([{ value: 2, code: '410105' }, { value: 5, code: '410102' }]);
  });
});
