import { Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { useUrlSearchParams } from '../../../app/useUrlSearchParams.ts';
import { formatWan } from './delivery-params.ts';
import type { Grant, GrantPage } from './delivery-types.ts';

const SOURCES = ['application', 'exempt'] as const;
type Source = (typeof SOURCES)[number];
const isSource = (v: string | null): v is Source => v === 'application' || v === 'exempt';

/** 已拨付: the grants in the caller's scope (from applications and 免申即享 lists), filters in the URL; the leaders' drill-down. */
export function GrantListPage() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useUrlSearchParams();
  const page = Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1);
  const itemId = search.get('itemId') ?? undefined;
  const division = search.get('division') ?? undefined;
  const rawSource = search.get('source');
  const source = isSource(rawSource) ? rawSource : undefined;
  const result = useQuery({
    queryKey: ['delivery', 'grants', page, itemId, division, source],
    queryFn: ({ signal }) => api.get<GrantPage>('/api/v1/policy-grants', { page, pageSize: 20, itemId, division, source }, { signal }),
    placeholderData: (previous) => previous,
  });
  const set = (key: string, value: string | undefined) =>
    setSearch((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(key, value);
      else next.delete(key);
      next.delete('page');
      return next;
    });
  return (
    <Card title={t('delivery.grants.title')} extra={result.data ? <Typography.Text>{t('delivery.grants.total', { count: result.data.total, amount: formatWan(result.data.totalWan, i18n.language) })}</Typography.Text> : null}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear style={{ width: 160 }} placeholder={t('delivery.grants.source')} value={source} onChange={(v) => set('source', v)} options={SOURCES.map((s) => ({ value: s, label: t(`delivery.grants.sources.${s}`) }))} />
        {itemId ? <Tag closable onClose={() => set('itemId', undefined)}>{itemId}</Tag> : null}
        {division ? <Tag closable onClose={() => set('division', undefined)}>{division}</Tag> : null}
      </Space>
      <Table<Grant>
        rowKey="id"
        size="small"
        loading={result.isFetching}
        dataSource={result.data?.items ?? []}
        data-testid="grant-table"
        pagination={{ current: page, pageSize: 20, total: result.data?.total ?? 0, showSizeChanger: false, onChange: (p) => setSearch((current) => { const next = new URLSearchParams(current); next.set('page', String(p)); return next; }) }}
        columns={[
          { title: t('delivery.applications.item'), dataIndex: 'itemId', render: (v: string) => <Link to={`/policies/${v}`}>{v}</Link> },
          { title: t('fields.name'), dataIndex: 'enterpriseName' },
          { title: t('fields.division'), dataIndex: 'divisionName', render: (v: string | null, r) => v ?? r.divisionCode },
          { title: t('delivery.grants.source'), dataIndex: 'source', render: (s: Source, r) => (s === 'application' && r.applicationId ? <Link to={`/policy-applications/${r.applicationId}`}>{t('delivery.grants.sources.application')}</Link> : <Tag color="green">{t(`delivery.grants.sources.${s}`)}</Tag>) },
          { title: t('delivery.applications.paidWan'), dataIndex: 'amountWan', align: 'right', render: (v: number) => formatWan(v, i18n.language) },
          { title: t('delivery.grants.paidAt'), dataIndex: 'paidAt', render: (v: string) => new Date(v).toLocaleString(i18n.language) },
        ]}
      />
    </Card>
  );
}
