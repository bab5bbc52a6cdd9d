/**
 * ECharts options of the home dashboard, as pure functions of the summary the API
 * answers (`GET /api/v1/stats/enterprises/summary`) and of the translated labels.
 * Every data item carries the code a click filters the registry by.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { EnterpriseSummary, SizeClass } from '../../api/types.ts';

export const PALETTE = {
  blue: '#1f5fbf',
  red: '#c8102e',
  teal: '#2f9e8f',
  amber: '#e39b19',
  sky: '#5b8ff9',
  grey: '#8c8c8c',
} as const;
const AXIS_COLOR = '#8c8c8c';

export type GeoFeatureLike = { id?: string | number; properties?: Record<string, unknown> | null };
export type MapDatum = { name: string; value: number; code: string | null; aboveScale: number };

function adcodeOf(feature: GeoFeatureLike): string | null {
  const raw = feature.properties?.adcode ?? feature.properties?.code ?? feature.id;
  return typeof raw === 'string' || typeof raw === 'number' ? String(raw) : null;
}

function nameOf(feature: GeoFeatureLike): string | null {
  const raw = feature.properties?.name;
  return typeof raw === 'string' && raw !== '' ? raw : null;
}

/**
 * One map datum per district feature: matched to the summary by the six-digit division
 * code (adcode) first and by name second; districts without enterprises get 0.
 */
export function districtMapData(features: readonly GeoFeatureLike[], byDivision: EnterpriseSummary['byDivision']): MapDatum[] {
  const data: MapDatum[] = [];
  for (const feature of features) {
    const name = nameOf(feature);
    if (!name) continue;
    const adcode = adcodeOf(feature);
    const row =
      byDivision.find((d) => adcode !== null && d.code.slice(0, 6) === adcode.slice(0, 6)) ??
      byDivision.find((d) => d.name === name);
    data.push({ name, value: row?.count ?? 0, code: row?.code ?? adcode, aboveScale: row?.aboveScaleCount ?? 0 });
  }
  return data;
}

/**
 * Jurisdictions with enterprises but no polygon on the map (the functional zones such as
 * 经开区 and 高新区 have division codes of their own but no GB/T 2260 boundary).
 */
export function unmappedDivisions(
  features: readonly GeoFeatureLike[],
  byDivision: EnterpriseSummary['byDivision'],
): EnterpriseSummary['byDivision'] {
  const mapped = new Set(districtMapData(features, byDivision).map((d) => d.code));
  return byDivision.filter((d) => d.count > 0 && !mapped.has(d.code));
}

export function districtMapOption(options: {
  mapName: string;
  data: readonly MapDatum[];
  labels: { count: string; aboveScale: string };
}): EChartsCoreOption {
  const max = Math.max(1, ...options.data.map((d) => d.value));
  return {
    tooltip: {
      trigger: 'item',
      formatter: (params: { name: string; data?: MapDatum }) =>
        params.data
          ? `${params.name}<br/>${options.labels.count}: ${params.data.value}<br/>${options.labels.aboveScale}: ${params.data.aboveScale}`
          : params.name,
    },
    visualMap: {
      min: 0,
      max,
      left: 8,
      bottom: 8,
      calculable: true,
      itemHeight: 100,
      inRange: { color: ['#e6f0ff', '#8fb4ec', '#1f5fbf', '#0c2f6b'] },
      textStyle: { color: AXIS_COLOR, fontSize: 11 },
    },
    series: [
      {
        type: 'map',
        map: options.mapName,
        roam: false,
        selectedMode: false,
        layoutCenter: ['50%', '50%'],
        layoutSize: '105%',
        label: { show: true, fontSize: 10, color: '#1f1f1f', textBorderColor: '#ffffff', textBorderWidth: 2 },
        emphasis: { label: { color: '#000', fontWeight: 'bold' }, itemStyle: { areaColor: '#f5c04a' } },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        data: options.data.map((d) => ({ ...d })),
      },
    ],
  };
}

/** Horizontal bars of the largest 大类 industries by count, the largest on top. */
export function industryBarOption(options: {
  byIndustry: EnterpriseSummary['byIndustry'];
  limit?: number;
  labels: { count: string };
}): EChartsCoreOption {
  const top = [...options.byIndustry].sort((a, b) => b.count - a.count).slice(0, options.limit ?? 10).reverse();
  return {
    color: [PALETTE.blue],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { color: AXIS_COLOR }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
    yAxis: {
      type: 'category',
      data: top.map((i) => i.name),
      axisLabel: { color: '#595959', width: 150, overflow: 'truncate' },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: options.labels.count,
        barMaxWidth: 16,
        label: { show: true, position: 'right', color: '#595959' },
        data: top.map((i) => ({ value: i.count, code: i.code })),
      },
    ],
  };
}

export type SizeClassLabels = Record<SizeClass | 'unknown', string>;

/** Each size class keeps its colour whichever classes are present. */
const SIZE_CLASS_COLORS: Record<SizeClass | 'unknown', string> = {
  large: PALETTE.red,
  medium: PALETTE.amber,
  small: PALETTE.blue,
  micro: PALETTE.teal,
  unknown: PALETTE.grey,
};

/** A ring of enterprises by size class, in the order 大, 中, 小, 微, 未划型. */
export function sizeClassPieOption(options: {
  bySizeClass: EnterpriseSummary['bySizeClass'];
  labels: SizeClassLabels;
}): EChartsCoreOption {
  const order: (SizeClass | null)[] = ['large', 'medium', 'small', 'micro', null];
  const rows = order
    .map((sizeClass) => ({
      sizeClass,
      count: options.bySizeClass.filter((r) => r.sizeClass === sizeClass).reduce((n, r) => n + r.count, 0),
    }))
    .filter((r) => r.count > 0);
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, icon: 'circle', itemWidth: 8, itemHeight: 8, textStyle: { color: '#595959' } },
    series: [
      {
        type: 'pie',
        radius: ['38%', '60%'],
        center: ['50%', '45%'],
        avoidLabelOverlap: true,
        minShowLabelAngle: 3,
        label: { formatter: '{b} {c}', color: '#595959' },
        labelLine: { length: 8, length2: 8 },
        data: rows.map((r) => ({
          name: options.labels[r.sizeClass ?? 'unknown'],
          value: r.count,
          sizeClass: r.sizeClass,
          itemStyle: { color: SIZE_CLASS_COLORS[r.sizeClass ?? 'unknown'] },
        })),
      },
    ],
  };
}

/** Bars per district: all enterprises and the 规上 ones side by side. */
export function aboveScaleBarOption(options: {
  byDivision: EnterpriseSummary['byDivision'];
  labels: { count: string; aboveScale: string };
}): EChartsCoreOption {
  const rows = [...options.byDivision].sort((a, b) => b.aboveScaleCount - a.aboveScaleCount || b.count - a.count);
  return {
    color: [PALETTE.sky, PALETTE.red],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, right: 0, itemWidth: 10, itemHeight: 10, textStyle: { color: '#595959' } },
    grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.name),
      axisLabel: { color: '#595959', interval: 0, rotate: rows.length > 8 ? 35 : 0, width: 84, overflow: 'truncate' },
      axisTick: { show: false },
    },
    yAxis: { type: 'value', axisLabel: { color: AXIS_COLOR }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
    series: [
      {
        type: 'bar',
        name: options.labels.count,
        barMaxWidth: 14,
        data: rows.map((r) => ({ value: r.count, code: r.code, aboveScale: null })),
      },
      {
        type: 'bar',
        name: options.labels.aboveScale,
        barMaxWidth: 14,
        data: rows.map((r) => ({ value: r.aboveScaleCount, code: r.code, aboveScale: true })),
      },
    ],
  };
}

export type ChartKind = 'map' | 'industry' | 'sizeClass' | 'aboveScale';

/**
 * The registry filter a click on a chart item stands for, as URL search params of
 * /enterprises; null when the item carries nothing to filter by.
 */
export function registrySearchForClick(kind: ChartKind, data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const item = data as { code?: unknown; sizeClass?: unknown; aboveScale?: unknown };
  const params = new URLSearchParams();
  switch (kind) {
    case 'map':
      if (typeof item.code !== 'string' || item.code === '') return null;
      params.set('division', item.code);
      break;
    case 'industry':
      if (typeof item.code !== 'string' || item.code === '') return null;
      params.set('industry', item.code);
      break;
    case 'sizeClass':
      if (typeof item.sizeClass !== 'string') return null;
      params.set('sizeClass', item.sizeClass);
      break;
    case 'aboveScale':
      if (typeof item.code !== 'string' || item.code === '') return null;
      params.set('division', item.code);
      if (item.aboveScale === true) params.set('aboveScale', 'true');
      break;
    default: {
      const never: never = kind;
      return never;
    }
  }
  return params.toString();
}
