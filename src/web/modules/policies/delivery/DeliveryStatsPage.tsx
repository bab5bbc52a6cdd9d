import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ECElementEvent } from 'echarts/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { downloadFile } from '../../../api/client.ts';
import type { User } from '../../../api/types.ts';
import { EChart } from '../../../components/EChart.tsx';
import { districtOption, itemFunnelOption } from './delivery-charts.ts';
import { formatWan } from './delivery-params.ts';
import { useDeliveryStats } from './delivery.hooks.ts';
import type { ItemStats } from './delivery-types.ts';

const codeOf = (event: ECElementEvent): string | undefined => {
  const data: unknown = event.data;
  if (typeof data !== 'object' || data === null || !('code' in data)) return undefined;
  return typeof data.code === 'string' ? data.code : undefined;
};

/** 政策直达 figures: per item and per district, matched → notified → applied → approved → paid, budget used, match quality. */
export function DeliveryStatsPage({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const itemId = search.get('itemId');
  const stats = useDeliveryStats(itemId);
  const all = useDeliveryStats(null).data?.items ?? [];
  const labels = useMemo(() => ({ matched: t('delivery.stats.matched'), notified: t('delivery.stats.notified'), applied: t('delivery.stats.applied'), approved: t('delivery.stats.approved'), paid: t('delivery.stats.paid') }), [t]);
  const data = stats.data;
  const funnel = useMemo(() => itemFunnelOption(data?.items ?? [], labels), [data, labels]);
  const byDistrict = useMemo(() => districtOption(data?.districts ?? [], labels), [data, labels]);
  const canConfirm = user.role === 'city' || user.role === 'district';
  const drill = (query: Record<string, string>) => navigate(`/policy-applications?${new URLSearchParams(query).toString()}`);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="delivery-stats-title">{t('delivery.stats.title')}</Typography.Title>
          <Space wrap>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 320 }}
              placeholder={t('delivery.stats.allItems')}
              value={itemId ?? undefined}
              onChange={(v) => setSearch(v ? { itemId: v } : {})}
              options={all.map((i) => ({ value: i.itemId, label: i.title }))}
            />
            <Button icon={<DownloadOutlined />} onClick={() => void downloadFile('/api/v1/policy-delivery-stats.xlsx', { itemId: itemId ?? undefined }, 'policy-delivery.xlsx')} data-testid="delivery-export">
              {t('delivery.stats.export')}
            </Button>
          </Space>
        </Space>
        {data ? (
          <Space size={32} wrap style={{ marginTop: 12 }}>
            <Statistic title={t('delivery.stats.matched')} value={data.totals.matched} />
            <Statistic title={t('delivery.stats.notified')} value={data.totals.notified} />
            <Statistic title={t('delivery.stats.applied')} value={data.totals.applied} />
            <Statistic title={t('delivery.stats.approved')} value={data.totals.approved} />
            <Statistic title={t('delivery.stats.paid')} value={data.totals.paidCount} />
            <Statistic title={t('delivery.stats.paidWan')} value={formatWan(data.totals.paidWan, i18n.language)} />
            <Statistic title={t('delivery.stats.precision')} value={data.totals.confirmed + data.totals.rejected > 0 ? `${((data.totals.confirmed / (data.totals.confirmed + data.totals.rejected)) * 100).toFixed(1)} %` : '—'} />
            <Statistic title={t('delivery.stats.misses')} value={data.totals.misses} />
          </Space>
        ) : null}
      </Card>
      <Card title={t('delivery.stats.byItem')} extra={<Typography.Text type="secondary">{t('delivery.stats.clickHint')}</Typography.Text>}>
        <EChart
          option={funnel}
          height={340}
          ariaLabel={t('delivery.stats.byItem')}
          onItemClick={(e) => {
            const code = codeOf(e);
            if (!code) return;
            // 免申即享 items have no applications: their list is the grants
            if (data?.items.find((i) => i.itemId === code)?.exemptFromApplication) navigate(`/policy-delivery/grants?itemId=${encodeURIComponent(code)}`);
            else drill({ itemId: code });
          }}
        />
      </Card>
      <Card title={t('delivery.stats.byDistrict')}>
        <EChart option={byDistrict} height={300} ariaLabel={t('delivery.stats.byDistrict')} onItemClick={(e) => { const code = codeOf(e); if (code) drill({ division: code, ...(itemId ? { itemId } : {}) }); }} />
      </Card>
      <Card title={t('delivery.stats.table')}>
        <Table<ItemStats>
          rowKey="itemId"
          size="small"
          loading={stats.isFetching}
          dataSource={data?.items ?? []}
          pagination={false}
          scroll={{ x: 1200 }}
          data-testid="delivery-stats-table"
          columns={[
            { title: t('delivery.applications.item'), dataIndex: 'title', fixed: 'left', width: 260, render: (v: string, r) => <Space size={4} wrap><Link to={`/policies/${r.itemId}`}>{v}</Link>{r.exemptFromApplication ? <Tag color="green">{t('policies.exempt')}</Tag> : null}{r.inForce ? null : <Tag>{t('policies.notInForce')}</Tag>}</Space> },
            { title: t('delivery.stats.matched'), dataIndex: 'matched', align: 'right' },
            { title: t('delivery.stats.notified'), dataIndex: 'notified', align: 'right' },
            { title: t('delivery.stats.applied'), dataIndex: 'applied', align: 'right', render: (v: number, r) => (v > 0 ? <Link to={`/policy-applications?itemId=${r.itemId}`}>{v}</Link> : v) },
            { title: t('delivery.stats.approved'), dataIndex: 'approved', align: 'right' },
            { title: t('delivery.stats.paid'), dataIndex: 'paidCount', align: 'right', render: (v: number, r) => (v > 0 ? <Link to={`/policy-delivery/grants?itemId=${r.itemId}`}>{v}</Link> : v) },
            { title: t('delivery.stats.paidWan'), dataIndex: 'paidWan', align: 'right', render: (v: number) => formatWan(v, i18n.language) },
            { title: t('delivery.funding.budget'), dataIndex: 'budgetWan', align: 'right', render: (v: number | null, r) => <Space size={4}>{formatWan(v, i18n.language)}{v !== null && r.paidWan > v ? <Tag color="red">{t('delivery.funding.overBudget')}</Tag> : null}</Space> },
            { title: t('delivery.stats.budgetUsed'), dataIndex: 'budgetUsedPct', align: 'right', render: (v: number | null) => (v === null ? '—' : `${v} %`) },
            { title: t('delivery.stats.precision'), dataIndex: 'precision', align: 'right', render: (v: number | null, r) => (v === null ? '—' : `${v} % (${r.confirmed}/${r.confirmed + r.rejected})`) },
            { title: t('delivery.stats.misses'), dataIndex: 'misses', align: 'right' },
            {
              title: '',
              key: 'actions',
              render: (_: unknown, r) => (
                <Space size={4}>
                  {r.canEdit ? <Link to={`/policies/${encodeURIComponent(r.itemId)}/edit`}><Button size="small">{t('delivery.funding.edit')}</Button></Link> : null}
                  {canConfirm && r.exemptFromApplication && r.inForce ? <Link to={`/policy-delivery/exempt/${r.itemId}`}><Button size="small">{t('delivery.stats.confirmList')}</Button></Link> : null}
                </Space>
              ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('delivery.stats.qualityNote')}</Typography.Paragraph>
      </Card>
    </Space>
  );
}
