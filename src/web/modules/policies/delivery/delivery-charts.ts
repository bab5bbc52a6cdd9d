import type { EChartsCoreOption } from 'echarts/core';
import type { DistrictStats, ItemStats } from './delivery-types.ts';

type Labels = { matched: string; notified: string; applied: string; approved: string; paid: string };

/** The funnel per item (matched → notified → applied → approved → paid), as grouped bars; each bar carries the item id. */
export function itemFunnelOption(items: readonly ItemStats[], labels: Labels): EChartsCoreOption {
  const shown = items.filter((i) => i.inForce);
  const series = (['matched', 'notified', 'applied', 'approved', 'paidCount'] as const).map((key) => ({
    name: key === 'paidCount' ? labels.paid : labels[key],
    type: 'bar',
    data: shown.map((i) => ({ value: i[key], code: i.itemId })),
  }));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 90 },
    xAxis: { type: 'category', data: shown.map((i) => i.title), axisLabel: { rotate: 30, interval: 0, width: 110, overflow: 'truncate' } },
    yAxis: { type: 'log', logBase: 10, min: 1 },
    series,
  };
}

/** Per district: applied, approved and paid firms; each bar carries the county code. */
export function districtOption(districts: readonly DistrictStats[], labels: Labels): EChartsCoreOption {
  const series = (['applied', 'approved', 'paidCount'] as const).map((key) => ({
    name: key === 'paidCount' ? labels.paid : labels[key],
    type: 'bar',
    data: districts.map((d) => ({ value: d[key], code: d.code })),
  }));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 60 },
    xAxis: { type: 'category', data: districts.map((d) => d.name), axisLabel: { rotate: 30, interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series,
  };
}
