/**
 * ECharts options of the leaders' service dashboard, as pure functions of the figures the
 * API answers (`GET /api/v1/service-stats`) and of translated labels. Every data item carries
 * the list filter a click drills down to.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { RequestListState } from './service-list-params.ts';
import type { RequestState, ServiceStats } from './service-types.ts';

const COLORS = { blue: '#1f5fbf', red: '#c8102e', teal: '#2f9e8f', amber: '#e39b19', grey: '#8c8c8c' } as const;

export type DrillDatum = { name: string; value: number; filter: Partial<RequestListState> };

/** Requests by state, in life-cycle order, as a bar chart. */
export function stateBarOption(byState: ServiceStats['byState'], stateName: (s: string) => string): EChartsCoreOption {
  const order: RequestState[] = ['submitted', 'accepted', 'dispatched', 'in_progress', 'returned', 'resolved', 'rated', 'archived', 'merged'];
  const data: DrillDatum[] = order.map((s) => ({ name: stateName(s), value: byState.find((b) => b.key === s)?.count ?? 0, filter: { states: [s] } }));
  return {
    color: [COLORS.blue],
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: data.map((d) => d.name), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data, barMaxWidth: 32 }],
  };
}

/** Requests by category (or district) as a horizontal bar chart, largest first. */
export function countBarOption(rows: { key: string; name: string; count: number }[], filterOf: (key: string) => Partial<RequestListState>, color: string = COLORS.teal): EChartsCoreOption {
  const data: DrillDatum[] = [...rows].sort((a, b) => a.count - b.count).map((r) => ({ name: r.name, value: r.count, filter: filterOf(r.key) }));
  return {
    color: [color],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: data.map((d) => d.name) },
    series: [{ type: 'bar', data, barMaxWidth: 20, label: { show: true, position: 'right' } }],
  };
}

/** Per department: requests, and on-time and satisfaction rates (percent, right axis), as grouped bars (the app's ECharts build has bar, pie and map). */
export function departmentOption(rows: ServiceStats['byDepartment'], labels: { count: string; onTime: string; satisfaction: string }): EChartsCoreOption {
  const sorted = [...rows].sort((a, b) => b.count - a.count);
  return {
    color: [COLORS.blue, COLORS.teal, COLORS.amber],
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 48, top: 32, bottom: 72 },
    xAxis: { type: 'category', data: sorted.map((d) => d.name), axisLabel: { interval: 0, rotate: 30, width: 100, overflow: 'truncate' } },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { name: labels.count, type: 'bar', barMaxWidth: 28, data: sorted.map((d) => ({ name: d.name, value: d.count, filter: { department: d.key } })) },
      { name: labels.onTime, type: 'bar', barMaxWidth: 16, yAxisIndex: 1, data: sorted.map((d) => ({ name: d.name, value: d.onTimeRate, filter: { department: d.key } })) },
      { name: labels.satisfaction, type: 'bar', barMaxWidth: 16, yAxisIndex: 1, data: sorted.map((d) => ({ name: d.name, value: d.satisfactionRate, filter: { department: d.key } })) },
    ],
  };
}

/** Requests created and resolved per month (China time). */
export function monthlyOption(monthly: ServiceStats['monthly'], labels: { created: string; resolved: string }): EChartsCoreOption {
  return {
    color: [COLORS.blue, COLORS.teal],
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 24 },
    xAxis: { type: 'category', data: monthly.map((m) => m.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: labels.created, type: 'bar', barMaxWidth: 18, data: monthly.map((m) => ({ name: m.month, value: m.created, filter: { month: m.month } })) },
      { name: labels.resolved, type: 'bar', barMaxWidth: 18, data: monthly.map((m) => ({ name: m.month, value: m.resolved, filter: { month: m.month } })) },
    ],
  };
}

/** The list filter a clicked chart item carries, if any. */
export function drillFilter(data: unknown): Partial<RequestListState> | null {
  if (typeof data !== 'object' || data === null || !('filter' in data)) return null;
  const filter = (data as { filter: unknown }).filter;
  return typeof filter === 'object' && filter !== null ? (filter as Partial<RequestListState>) : null;
}
