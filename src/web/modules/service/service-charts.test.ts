import { describe, expect, it } from 'vitest';
import { countBarOption, departmentOption, drillFilter, monthlyOption, stateBarOption } from './service-charts.ts';

type Series = { data: { name: string; value: number | null; filter: object }[] }[];

describe('service dashboard charts', () => {
  it('shows every state in life-cycle order, zero where there is none, each drilling to its state', () => {
    const option = stateBarOption([{ key: 'rated', name: 'rated', count: 4 }, { key: 'submitted', name: 'submitted', count: 2 }], (s) => `#${s}`);
    const data = (option.series as Series)[0]?.data ?? [];
    expect(data.map((d) => d.value)).toEqual([2, 0, 0, 0, 0, 0, 4, 0, 0]);
    expect(data[0]).toEqual({ name: '#submitted', value: 2, filter: { states: ['submitted'] } });
  });

  it('sorts category bars so the largest is on top and carries the category filter', () => {
    const option = countBarOption([{ key: 'land', name: '用地', count: 5 }, { key: 'labour', name: '用工', count: 9 }], (key) => ({ category: key }));
    const data = (option.series as Series)[0]?.data ?? [];
    expect(data.map((d) => d.name)).toEqual(['用地', '用工']);
    expect(drillFilter(data[1])).toEqual({ category: 'labour' });
  });

  it('puts departments with rates on a second axis and keeps missing rates empty', () => {
    const option = departmentOption(
      [{ key: 'a', name: '税务', count: 2, resolved: 1, onTimeRate: 50, satisfactionRate: null }, { key: 'b', name: '供电', count: 7, resolved: 7, onTimeRate: 100, satisfactionRate: 85.7 }],
      { count: 'n', onTime: 'on time', satisfaction: 'satisfied' },
    );
    const series = option.series as Series;
    expect(series[0]?.data.map((d) => d.name)).toEqual(['供电', '税务']);
    expect(series[2]?.data.map((d) => d.value)).toEqual([85.7, null]);
    expect(drillFilter(series[1]?.data[1])).toEqual({ department: 'a' });
  });

  it('draws the monthly trend with a month filter per point', () => {
    const option = monthlyOption([{ month: '2026-10', created: 3, resolved: 1 }, { month: '2026-11', created: 5, resolved: 4 }], { created: 'c', resolved: 'r' });
    const series = option.series as Series;
    expect(series[1]?.data.map((d) => d.value)).toEqual([1, 4]);
    expect(drillFilter(series[0]?.data[1])).toEqual({ month: '2026-11' });
  });

  it('uses only chart types the app registers (bar, pie, map)', () => {
    const options = [
      stateBarOption([], (s) => s),
      countBarOption([{ key: 'a', name: 'a', count: 1 }], () => ({})),
      departmentOption([{ key: 'a', name: 'a', count: 1, resolved: 1, onTimeRate: 100, satisfactionRate: 100 }], { count: 'n', onTime: 'o', satisfaction: 's' }),
      monthlyOption([{ month: '2026-11', created: 1, resolved: 1 }], { created: 'c', resolved: 'r' }),
    ];
    for (const o of options) for (const series of o.series as { type: string }[]) expect(['bar', 'pie', 'map']).toContain(series.type);
    expect(drillFilter(null)).toBeNull();
  });
});
