import { describe, expect, it } from 'vitest';
import type { EnterpriseSummary } from '../../api/types.ts';
import {
  aboveScaleBarOption,
  districtMapData,
  districtMapOption,
  industryBarOption,
  registrySearchForClick,
  sizeClassPieOption,
  unmappedDivisions,
} from './dashboard-charts.ts';

const summary: EnterpriseSummary = {
  total: 60,
  aboveScaleCount: 12,
  tagCounts: { specialized: 4 },
  byDivision: [
    { code: '410105', name: '金水区', count: 30, aboveScaleCount: 5 },
    { code: '410102', name: '中原区', count: 20, aboveScaleCount: 7 },
    { code: '410171', name: '郑东新区', count: 10, aboveScaleCount: 0 },
  ],
  byIndustry: [
    { code: 'C39', name: '计算机、通信和其他电子设备制造业', count: 25 },
    { code: 'C36', name: '汽车制造业', count: 30 },
    { code: 'C14', name: '食品制造业', count: 5 },
  ],
  bySizeClass: [
    { sizeClass: 'micro', count: 20 },
    { sizeClass: 'large', count: 2 },
    { sizeClass: null, count: 3 },
    { sizeClass: 'small', count: 35 },
  ],
};

type Series = { data: Record<string, unknown>[] };
const seriesOf = (option: Record<string, unknown>) => option.series as Series[];

describe('districtMapData', () => {
  it('matches features by adcode or feature id, then by name, and gives unmatched districts 0', () => {
    const data = districtMapData(
      [
        { properties: { adcode: 410105, name: '金水区' } },
        { properties: { name: '中原区' } },
        { id: '410104', properties: { name: '管城回族区' } },
        { properties: { adcode: '410185', name: '登封市' } },
        { properties: {} },
      ],
      summary.byDivision,
    );
    expect(data).toEqual([
      { name: '金水区', value: 30, code: '410105', aboveScale: 5 },
      { name: '中原区', value: 20, code: '410102', aboveScale: 7 },
      { name: '管城回族区', value: 0, code: '410104', aboveScale: 0 },
      { name: '登封市', value: 0, code: '410185', aboveScale: 0 },
    ]);
  });

  it('lists the jurisdictions the map cannot show', () => {
    const features = [{ id: '410105', properties: { name: '金水区' } }, { id: '410102', properties: { name: '中原区' } }];
    expect(unmappedDivisions(features, summary.byDivision).map((d) => d.name)).toEqual(['郑东新区']);
  });

  it('scales the colour range to the largest district', () => {
    const option = districtMapOption({
      mapName: 'zhengzhou',
      data: [{ name: '金水区', value: 30, code: '410105', aboveScale: 5 }],
      labels: { count: '企业数', aboveScale: '规上' },
    });
    expect(option).toMatchObject({ visualMap: { min: 0, max: 30 }, series: [{ type: 'map', map: 'zhengzhou' }] });
  });
});

describe('industryBarOption', () => {
  it('shows the largest industries with the largest on top and keeps their codes', () => {
    const option = industryBarOption({ byIndustry: summary.byIndustry, limit: 2, labels: { count: '企业数' } });
    expect((option.yAxis as { data: string[] }).data).toEqual(['计算机、通信和其他电子设备制造业', '汽车制造业']);
    expect(seriesOf(option)[0]?.data).toEqual([
      { value: 25, code: 'C39' },
      { value: 30, code: 'C36' },
    ]);
  });
});

describe('sizeClassPieOption', () => {
  it('orders size classes from large to micro and labels unclassified firms', () => {
    const option = sizeClassPieOption({
      bySizeClass: summary.bySizeClass,
      labels: { large: '大型', medium: '中型', small: '小型', micro: '微型', unknown: '未划型' },
    });
    expect(seriesOf(option)[0]?.data.map(({ itemStyle: _style, ...rest }) => rest)).toEqual([
      { name: '大型', value: 2, sizeClass: 'large' },
      { name: '小型', value: 35, sizeClass: 'small' },
      { name: '微型', value: 20, sizeClass: 'micro' },
      { name: '未划型', value: 3, sizeClass: null },
    ]);
  });

  it('gives a size class the same colour whether or not other classes are present', () => {
    const labels = { large: '大型', medium: '中型', small: '小型', micro: '微型', unknown: '未划型' };
    const colourOfSmall = (bySizeClass: { sizeClass: 'large' | 'small' | null; count: number }[]) =>
      seriesOf(sizeClassPieOption({ bySizeClass, labels }))[0]?.data.find((d) => d.sizeClass === 'small')?.itemStyle;
    expect(colourOfSmall([{ sizeClass: 'small', count: 1 }])).toEqual(colourOfSmall([{ sizeClass: 'large', count: 1 }, { sizeClass: 'small', count: 1 }]));
  });
});

describe('aboveScaleBarOption', () => {
  it('sorts districts by 规上 count and marks the 规上 series for the click filter', () => {
    const option = aboveScaleBarOption({ byDivision: summary.byDivision, labels: { count: '企业数', aboveScale: '规上企业' } });
    expect((option.xAxis as { data: string[] }).data).toEqual(['中原区', '金水区', '郑东新区']);
    expect(seriesOf(option)[1]?.data[0]).toEqual({ value: 7, code: '410102', aboveScale: true });
  });
});

describe('registrySearchForClick', () => {
  it('turns chart clicks into registry filters', () => {
    expect(registrySearchForClick('map', { name: '金水区', code: '410105' })).toBe('division=410105');
    expect(registrySearchForClick('industry', { value: 3, code: 'C36' })).toBe('industry=C36');
    expect(registrySearchForClick('sizeClass', { sizeClass: 'micro' })).toBe('sizeClass=micro');
    expect(registrySearchForClick('aboveScale', { code: '410102', aboveScale: true })).toBe('division=410102&aboveScale=true');
    expect(registrySearchForClick('aboveScale', { code: '410102', aboveScale: null })).toBe('division=410102');
  });

  it('ignores items without a code', () => {
    expect(registrySearchForClick('sizeClass', { sizeClass: null })).toBeNull();
    expect(registrySearchForClick('map', { name: '登封市', code: null })).toBeNull();
    expect(registrySearchForClick('map', undefined)).toBeNull();
  });
});
