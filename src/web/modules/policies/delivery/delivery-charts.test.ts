import { describe, expect, it } from 'vitest';
import { districtOption, itemFunnelOption } from './delivery-charts.ts';
import { formatWan, readApplicationParams, writeApplicationParams } from './delivery-params.ts';

const labels = { matched: '符合', notified: '推送', applied: '申报', approved: '批准', paid: '拨付' };
const item = (id: string, inForce = true) => ({
  itemId: id, title: id, exemptFromApplication: false, inForce, matched: 10, notified: 9, applied: 3, approved: 2, paidCount: 1, paidWan: 100, budgetWan: 500,
  budgetUsedPct: 20, confirmed: 2, rejected: 0, precision: 100, misses: 0, canEdit: false,
});

describe('delivery charts', () => {
  it('draws the funnel of items in force, each bar carrying its item id for the drill-down', () => {
    const option = itemFunnelOption([item('a'), item('b', false)], labels) as { series: { name: string; data: { value: number; code: string }[] }[] };
    expect(option.series.map((s) => s.name)).toEqual(['符合', '推送', '申报', '批准', '拨付']);
    expect(option.series[2]?.data).toEqual([{ value: 3, code: 'a' }]);
  });

  it('draws districts with their codes', () => {
    const option = districtOption([{ code: '410105', name: '金水区', matched: 5, notified: 5, applied: 2, approved: 1, paidCount: 1, paidWan: 10 }], labels) as { series: { data: { code: string }[] }[] };
    expect(option.series[0]?.data[0]?.code).toBe('410105');
  });
});

describe('application list parameters', () => {
  it('reads known filters from the URL and drops unknown states and malformed divisions', () => {
    expect(readApplicationParams(new URLSearchParams('state=paid&itemId=x&division=410105&page=2'))).toEqual({ page: 2, pageSize: 20, state: 'paid', itemId: 'x', division: '410105' });
    expect(readApplicationParams(new URLSearchParams('state=bogus&division=41'))).toEqual({ page: 1, pageSize: 20 });
    expect(writeApplicationParams({ state: 'returned', page: 1 }).toString()).toBe('state=returned');
  });

  it('formats amounts in 万元 and a dash when unknown', () => {
    expect(formatWan(1234.5, 'zh-CN')).toBe('1,234.5 万元');
    expect(formatWan(null, 'zh-CN')).toBe('—');
  });
});
