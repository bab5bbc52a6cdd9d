import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useUrlSearchParams } from '../../../app/useUrlSearchParams.ts';
import { STATE_COLORS } from './applicationLabels.ts';
import { APPLICATION_STATES, formatWan, readApplicationParams, writeApplicationParams } from './delivery-params.ts';
import { useApplications } from './delivery.hooks.ts';
import type { Application } from './delivery-types.ts';

/** 政策申报: applications in the caller's scope (an enterprise: its own), filters in the URL. */
export function ApplicationListPage() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useUrlSearchParams();
  const params = readApplicationParams(search);
  const result = useApplications(params);
  const set = (patch: Partial<typeof params>) => setSearch((current) => writeApplicationParams({ ...readApplicationParams(current), page: 1, ...patch }));
  return (
    <Card title={t('delivery.applications.title')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('delivery.applications.state')}
          value={params.state}
          onChange={(state) => set({ state })}
          options={APPLICATION_STATES.map((s) => ({ value: s, label: t(`delivery.states.${s}`) }))}
          data-testid="application-state-filter"
        />
        <Input.Search allowClear placeholder={t('delivery.applications.search')} defaultValue={params.q} onSearch={(q) => set({ q: q || undefined })} style={{ width: 220 }} />
        {params.itemId ? <Tag closable onClose={() => set({ itemId: undefined })}>{params.itemId}</Tag> : null}
        {params.division ? <Tag closable onClose={() => set({ division: undefined })}>{params.division}</Tag> : null}
        {params.itemId || params.division || params.state ? <Button size="small" onClick={() => setSearch(() => new URLSearchParams())}>{t('delivery.applications.clear')}</Button> : null}
      </Space>
      <Table<Application>
        rowKey="id"
        size="small"
        loading={result.isFetching}
        dataSource={result.data?.items ?? []}
        data-testid="application-table"
        pagination={{ current: params.page, pageSize: params.pageSize, total: result.data?.total ?? 0, showSizeChanger: false, onChange: (page) => setSearch((current) => writeApplicationParams({ ...readApplicationParams(current), page })) }}
        columns={[
          { title: t('delivery.applications.item'), dataIndex: 'itemTitle', render: (v: string, r) => <Link to={`/policy-applications/${r.id}`}>{v}</Link> },
          { title: t('fields.name'), dataIndex: 'enterpriseName' },
          { title: t('fields.division'), dataIndex: 'divisionName', render: (v: string | null, r) => v ?? r.divisionCode },
          { title: t('delivery.applications.state'), dataIndex: 'state', render: (s: string) => <Tag color={STATE_COLORS[s]}>{t(`delivery.states.${s}`)}</Tag> },
          { title: t('delivery.applications.matched'), dataIndex: 'matched', render: (m: boolean) => (m ? <Tag color="green">{t('delivery.applications.ruleMatched')}</Tag> : <Tag>{t('delivery.applications.ruleNotMatched')}</Tag>) },
          { title: t('delivery.form.requestedWan'), dataIndex: 'requestedWan', align: 'right', render: (v: number | null) => formatWan(v, i18n.language) },
          { title: t('delivery.applications.paidWan'), dataIndex: 'paidWan', align: 'right', render: (v: number | null) => formatWan(v, i18n.language) },
          { title: t('delivery.applications.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => <Typography.Text type="secondary">{new Date(v).toLocaleString(i18n.language)}</Typography.Text> },
        ]}
      />
    </Card>
  );
}
