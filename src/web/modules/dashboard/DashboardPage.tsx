import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import type { ECElementEvent } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import type { EnterpriseSummary } from '../../api/types.ts';
import { EChart } from '../../components/EChart.tsx';
import { echarts } from '../../components/echarts.ts';
import { formatNumber } from '../../components/format.ts';
import { useTags } from '../reference/reference.hooks.ts';
import {
  aboveScaleBarOption,
  districtMapData,
  districtMapOption,
  industryBarOption,
  registrySearchForClick,
  sizeClassPieOption,
  unmappedDivisions,
} from './dashboard-charts.ts';
import type { ChartKind, GeoFeatureLike } from './dashboard-charts.ts';

const MAP_NAME = 'zhengzhou-districts';
// Tags are the server's Chinese names; these find the two the KPI cards count.
const SPECIALIZED = /专精特新|specialized/i;
const HIGH_TECH = /高新技术|high.?tech/i;
type GeoJson = { type: string; features: GeoFeatureLike[] };

function useGeoMap() {
  return useQuery({
    queryKey: ['reference', 'geo', MAP_NAME],
    queryFn: async () => {
      const geo = await api.get<GeoJson>('/api/v1/reference/geo/zhengzhou-districts', undefined, { silent: true });
      echarts.registerMap(MAP_NAME, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
      return geo;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Finds the count of a tag by its label (the tag codes are the server's business). */
function tagCount(summary: EnterpriseSummary, options: { value: string; label: string }[], pattern: RegExp): number | null {
  const tag = options.find((o) => pattern.test(o.label) || pattern.test(o.value));
  if (tag) return summary.tagCounts[tag.value] ?? 0;
  const key = Object.keys(summary.tagCounts).find((k) => pattern.test(k));
  return key ? (summary.tagCounts[key] ?? 0) : null;
}

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const tags = useTags();
  const summary = useQuery({
    queryKey: ['stats', 'enterprises', 'summary'],
    queryFn: ({ signal }) => api.get<EnterpriseSummary>('/api/v1/stats/enterprises/summary', undefined, { signal }),
  });
  const geo = useGeoMap();
  const data = summary.data;

  const goTo = (kind: ChartKind) => (event: ECElementEvent) => {
    const search = registrySearchForClick(kind, event.data);
    if (search !== null) navigate(`/enterprises?${search}`);
  };

  const countLabels = useMemo(() => ({ count: t('dashboard.enterpriseCount'), aboveScale: t('dashboard.aboveScaleCount') }), [t]);
  const mapOption = useMemo(
    () =>
      data && geo.data
        ? districtMapOption({ mapName: MAP_NAME, data: districtMapData(geo.data.features, data.byDivision), labels: countLabels })
        : null,
    [data, geo.data, countLabels],
  );
  const unmapped = useMemo(() => (data && geo.data ? unmappedDivisions(geo.data.features, data.byDivision) : []), [data, geo.data]);
  const industryOption = useMemo(
    () => (data ? industryBarOption({ byIndustry: data.byIndustry, limit: 12, labels: countLabels }) : null),
    [data, countLabels],
  );
  const sizeOption = useMemo(
    () =>
      data
        ? sizeClassPieOption({
            bySizeClass: data.bySizeClass,
            labels: {
              large: t('sizeClass.large'),
              medium: t('sizeClass.medium'),
              small: t('sizeClass.small'),
              micro: t('sizeClass.micro'),
              unknown: t('sizeClass.unknown'),
            },
          })
        : null,
    [data, t],
  );
  const aboveOption = useMemo(
    () => (data ? aboveScaleBarOption({ byDivision: data.byDivision, labels: countLabels }) : null),
    [data, countLabels],
  );

  if (summary.error) return <Alert type="error" showIcon title={t('errors.loadFailed')} />;
  if (data && data.total === 0) {
    return (
      <Card>
        <Empty description={t('dashboard.empty')}>
          <Button type="primary" onClick={() => navigate('/enterprises')}>
            {t('nav.registry')}
          </Button>
        </Empty>
      </Card>
    );
  }

  const kpis = data
    ? [
        { key: 'total', title: t('dashboard.kpi.total'), value: data.total, search: '' },
        { key: 'aboveScale', title: t('dashboard.kpi.aboveScale'), value: data.aboveScaleCount, search: 'aboveScale=true' },
        { key: 'specialized', title: t('dashboard.kpi.specialized'), value: tagCount(data, tags.options, SPECIALIZED), search: '' },
        { key: 'hightech', title: t('dashboard.kpi.hightech'), value: tagCount(data, tags.options, HIGH_TECH), search: '' },
      ]
    : [];
  const tagSearch = (pattern: RegExp) => {
    const tag = tags.options.find((o) => pattern.test(o.label) || pattern.test(o.value));
    return tag ? `tags=${encodeURIComponent(tag.value)}` : '';
  };

  return (
    <div>
      <Typography.Title level={4} className="gaodi-page-title">
        {t('dashboard.title')}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        {(data ? kpis : [0, 1, 2, 3]).map((kpi, index) =>
          typeof kpi === 'number' ? (
            <Col key={index} xs={12} xl={6}>
              <Card>
                <Skeleton active paragraph={false} />
              </Card>
            </Col>
          ) : (
            <Col key={kpi.key} xs={12} xl={6}>
              <Card
                hoverable
                onClick={() => {
                  const search =
                    kpi.key === 'specialized'
                      ? tagSearch(SPECIALIZED)
                      : kpi.key === 'hightech'
                        ? tagSearch(HIGH_TECH)
                        : kpi.search;
                  navigate(`/enterprises${search ? `?${search}` : ''}`);
                }}
                styles={{ body: { padding: '14px 20px', borderTop: `3px solid ${['#1f5fbf', '#c8102e', '#e39b19', '#2f9e8f'][index]}` } }}
                data-testid={`kpi-${kpi.key}`}
              >
                <Statistic
                  title={kpi.title}
                  value={kpi.value ?? '—'}
                  formatter={(v) => (typeof v === 'number' ? formatNumber(v, i18n.language, 0) : String(v))}
                  suffix={kpi.value === null ? undefined : <span style={{ fontSize: 13, color: '#8c8c8c' }}>{t('units.firms')}</span>}
                />
              </Card>
            </Col>
          ),
        )}
        <Col xs={24} xl={12}>
          <Card title={t('dashboard.map')} extra={<Typography.Text type="secondary">{t('dashboard.clickHint')}</Typography.Text>}>
            {geo.error ? (
              <Alert type="warning" showIcon title={t('dashboard.mapUnavailable')} />
            ) : mapOption ? (
              <>
                <EChart option={mapOption} height={400} onItemClick={goTo('map')} ariaLabel={t('dashboard.map')} />
                {unmapped.length > 0 ? (
                  <div style={{ fontSize: 12, color: '#8c8c8c', lineHeight: '22px' }} data-testid="unmapped-divisions">
                    {t('dashboard.unmapped')}
                    {unmapped.map((d) => (
                      <Tag
                        key={d.code}
                        style={{ cursor: 'pointer', marginInlineStart: 6 }}
                        onClick={() => navigate(`/enterprises?division=${encodeURIComponent(d.code)}`)}
                      >
                        {d.name} {d.count}
                      </Tag>
                    ))}
                  </div>
                ) : null}
              </>
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('dashboard.byIndustry')}>
            {industryOption ? (
              <EChart option={industryOption} height={420} onItemClick={goTo('industry')} ariaLabel={t('dashboard.byIndustry')} />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('dashboard.bySizeClass')}>
            {sizeOption ? (
              <EChart option={sizeOption} height={320} onItemClick={goTo('sizeClass')} ariaLabel={t('dashboard.bySizeClass')} />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Card title={t('dashboard.aboveScaleByDivision')}>
            {aboveOption ? (
              <EChart option={aboveOption} height={320} onItemClick={goTo('aboveScale')} ariaLabel={t('dashboard.aboveScaleByDivision')} />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
