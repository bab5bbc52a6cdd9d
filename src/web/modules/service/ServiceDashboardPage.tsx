import { FileExcelOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Progress, Row, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ECElementEvent } from 'echarts/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { downloadFile } from '../../api/client.ts';
import { useUrlSearchParams } from '../../app/useUrlSearchParams.ts';
import { JurisdictionSelect } from '../reference/JurisdictionSelect.tsx';
import { EChart } from '../../components/EChart.tsx';
import { RemindersCard } from './RemindersCard.tsx';
import { RequestStateTag } from './RequestStateTag.tsx';
import { countBarOption, departmentOption, drillFilter, monthlyOption, stateBarOption } from './service-charts.ts';
import { formatDateTime } from './service-format.ts';
import { requestListHref } from './service-list-params.ts';
import type { RequestListState } from './service-list-params.ts';
import { parseStatsParams, toStatsParams, type StatsFilter } from './service-stats-params.ts';
import type { ServiceRequest } from './service-types.ts';
import { useServiceStats } from './service.hooks.ts';

/** Leaders' view of the service desk: counts, rates, trend and the oldest open requests; every chart drills down to the list. */
export function ServiceDashboardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useUrlSearchParams();
  const filter = parseStatsParams(params);
  const query = Object.fromEntries(toStatsParams(filter));
  const stats = useServiceStats(query);
  const [exporting, setExporting] = useState(false);
  const update = (change: Partial<StatsFilter>) => setParams((current) => toStatsParams({ ...parseStatsParams(current), ...change }), { replace: true });
  // a drill-down keeps the dashboard's jurisdiction
  const listHref = (change: Partial<RequestListState>) => requestListHref({ district: filter.district, ...change });
  const drill = (event: ECElementEvent) => {
    const picked = drillFilter(event.data);
    if (picked) navigate(listHref(picked));
  };
  const exportExcel = async () => {
    setExporting(true);
    try {
      await downloadFile('/api/v1/service-stats/export.xlsx', query, t('service.dashboard.exportFileName'));
    } catch {
      // The client has shown the error.
    } finally {
      setExporting(false);
    }
  };
  const options = useMemo(() => {
    const s = stats.data;
    if (!s) return null;
    return {
      state: stateBarOption(s.byState, (key) => t(`service.states.${key}`)),
      category: countBarOption(s.byCategory, (key) => ({ category: key })),
      district: countBarOption(s.byDistrict, (key) => ({ district: key }), '#1f5fbf'),
      department: departmentOption(s.byDepartment, { count: t('service.dashboard.count'), onTime: t('service.dashboard.onTimeRate'), satisfaction: t('service.dashboard.satisfactionRate') }),
      monthly: monthlyOption(s.monthly, { created: t('service.dashboard.created'), resolved: t('service.dashboard.resolved') }),
    };
  }, [stats.data, t]);
  const toolbar = (
    <Col xs={24}>
      <Card size="small">
        <Space wrap>
          <JurisdictionSelect placeholder={t('service.filters.district')} value={filter.district} onChange={(district) => update({ district })} />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={[t('service.dashboard.from'), t('service.dashboard.to')]}
            value={[filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null]}
            onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD') ?? null, to: range?.[1]?.format('YYYY-MM-DD') ?? null })}
            data-testid="stats-range"
          />
          <Button icon={<ReloadOutlined />} onClick={() => setParams(() => new URLSearchParams(), { replace: true })}>{t('common.reset')}</Button>
          <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportExcel()} data-testid="stats-export">{t('service.dashboard.export')}</Button>
        </Space>
      </Card>
    </Col>
  );
  if (stats.isLoading || !stats.data || !options) return <Row gutter={[16, 16]}>{toolbar}<Col xs={24}><Skeleton active /></Col></Row>;
  const s = stats.data;
  return (
    <Row gutter={[16, 16]}>
      {toolbar}
      <Col xs={12} md={6}><Card><Link to={listHref({})}><Statistic title={t('service.dashboard.total')} value={s.total} /></Link></Card></Col>
      <Col xs={12} md={6}><Card><Link to={listHref({ states: ['submitted', 'accepted', 'dispatched', 'in_progress', 'returned'] })}><Statistic title={t('service.dashboard.open')} value={s.open} /></Link></Card></Col>
      <Col xs={12} md={6}><Card><Link to={listHref({ overdue: true, states: ['submitted', 'accepted', 'dispatched', 'in_progress', 'returned'] })}><Statistic title={t('service.dashboard.overdueOpen')} value={s.overdueOpen} valueStyle={{ color: s.overdueOpen ? '#c8102e' : undefined }} /></Link></Card></Col>
      <Col xs={12} md={6}><Card><Statistic title={t('service.dashboard.averageDays')} value={s.averageDaysToResolve ?? '—'} suffix={s.averageDaysToResolve === null ? undefined : t('service.dashboard.days')} /></Card></Col>
      {([['onTimeRate', s.onTimeRate], ['satisfactionRate', s.satisfactionRate]] as const).map(([key, rate]) => (
        <Col xs={12} md={6} key={key}>
          <Card style={{ textAlign: 'center' }}>
            <Progress type="dashboard" percent={rate ?? 0} format={() => (rate === null ? '—' : `${rate}%`)} strokeColor={key === 'onTimeRate' ? '#1f5fbf' : '#2f9e8f'} />
            <Typography.Text type="secondary" style={{ display: 'block' }}>{t(`service.dashboard.${key}`)}</Typography.Text>
          </Card>
        </Col>
      ))}
      <Col xs={24} md={12}><Card title={t('service.dashboard.byState')}><EChart option={options.state} height={180} onItemClick={drill} ariaLabel={t('service.dashboard.byState')} /></Card></Col>
      <Col xs={24} md={12}><Card title={t('service.dashboard.byCategory')}><EChart option={options.category} onItemClick={drill} ariaLabel={t('service.dashboard.byCategory')} /></Card></Col>
      <Col xs={24} md={12}><Card title={t('service.dashboard.byDistrict')}><EChart option={options.district} onItemClick={drill} ariaLabel={t('service.dashboard.byDistrict')} /></Card></Col>
      <Col xs={24}><Card title={t('service.dashboard.byDepartment')}><EChart option={options.department} height={360} onItemClick={drill} ariaLabel={t('service.dashboard.byDepartment')} /></Card></Col>
      <Col xs={24}><Card title={t('service.dashboard.monthly')}><EChart option={options.monthly} onItemClick={drill} ariaLabel={t('service.dashboard.monthly')} /></Card></Col>
      <Col xs={24}>
        <RemindersCard />
      </Col>
      <Col xs={24}>
        <Card title={t('service.dashboard.oldestOpen')}>
          <Table<ServiceRequest>
            rowKey="id" size="small" pagination={false} dataSource={s.oldestOpen}
            columns={[
              { title: t('service.fields.serial'), dataIndex: 'serial', width: 80 },
              { title: t('service.fields.title'), key: 'title', render: (_, r) => <Link to={`/service/requests/${r.id}`}>{r.title}</Link> },
              { title: t('service.fields.enterprise'), dataIndex: 'enterpriseName' },
              { title: t('service.fields.department'), dataIndex: 'leadDepartmentName', render: (v: string | null) => v ?? '—' },
              { title: t('service.fields.state'), key: 'state', render: (_, r) => <RequestStateTag request={r} /> },
              { title: t('service.fields.createdAt'), key: 'createdAt', render: (_, r) => formatDateTime(r.createdAt) },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
