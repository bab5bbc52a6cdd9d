import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Input, Select, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import type { AuditEntry, Page } from '../../api/types.ts';
import { urlPaging, withListChange } from '../../app/list-state.ts';
import { useUrlSearchParams } from '../../app/useUrlSearchParams.ts';
import { formatDateTime } from '../../components/format.ts';
import { auditApiQuery, parseAuditParams, toAuditParams } from './audit-params.ts';
import type { AuditListState } from './audit-params.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENTITY_TYPES = ['enterprise', 'user', 'session', 'import-job'];
const ACTIONS = ['create', 'update', 'import-create', 'import-update', 'delete', 'seed'];

/** The known values plus the one in the URL, so a link with another value still shows it. */
function withCurrent(values: readonly string[], current: string | null): string[] {
  return current && !values.includes(current) ? [...values, current] : [...values];
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <pre style={{ margin: 0, fontSize: 12, maxHeight: 280, overflow: 'auto', background: '#fafafa', padding: 8, border: '1px solid #f0f0f0' }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useUrlSearchParams();
  const state = useMemo(() => parseAuditParams(params), [params]);
  const [actor, setActor] = useState(state.actor);
  useEffect(() => setActor(state.actor), [state.actor]);
  const update = (change: Partial<AuditListState>) => setParams((current) => toAuditParams(withListChange(parseAuditParams(current), change)));
  const query = auditApiQuery(state);
  const list = useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>('/api/v1/audit', query, { signal }),
    placeholderData: keepPreviousData,
  });

  return (
    <Card title={t('audit.title')}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <Input.Search
          allowClear
          enterButton
          style={{ width: 220 }}
          placeholder={t('audit.actor')}
          value={actor}
          onChange={(e) => setActor(e.target.value)}
          onSearch={(value) => update({ actor: value.trim() })}
        />
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t('audit.entityType')}
          value={state.entityType ?? undefined}
          options={withCurrent(ENTITY_TYPES, state.entityType).map((v) => ({ value: v, label: t(`entityTypes.${v}`, { defaultValue: v }) }))}
          onChange={(value: string | undefined) => update({ entityType: value ?? null })}
        />
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t('audit.action')}
          value={state.action ?? undefined}
          options={withCurrent(ACTIONS, state.action).map((v) => ({ value: v, label: t(`actions.${v}`, { defaultValue: v }) }))}
          onChange={(value: string | undefined) => update({ action: value ?? null })}
        />
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          value={[state.from ? dayjs(state.from) : null, state.to ? dayjs(state.to) : null]}
          onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD') ?? null, to: range?.[1]?.format('YYYY-MM-DD') ?? null })}
        />
        <Button icon={<ReloadOutlined />} onClick={() => setParams(() => new URLSearchParams())}>
          {t('common.reset')}
        </Button>
      </div>
      <Table<AuditEntry>
        size="small"
        bordered
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        expandable={{
          expandedRowRender: (row) => (
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
              <div>
                <Typography.Text strong>{t('audit.before')}</Typography.Text>
                <Json value={row.before} />
              </div>
              <div>
                <Typography.Text strong>{t('audit.after')}</Typography.Text>
                <Json value={row.after} />
              </div>
            </div>
          ),
        }}
        {...urlPaging({ page: state.page, pageSize: state.pageSize, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { count: total }), update })}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', width: 150, render: (at: string) => formatDateTime(at) },
          { title: t('audit.actor'), dataIndex: 'actorName', width: 140 },
          { title: t('audit.action'), dataIndex: 'action', width: 100, render: (a: string) => t(`actions.${a}`, { defaultValue: a }) },
          {
            title: t('audit.entityType'),
            dataIndex: 'entityType',
            width: 120,
            render: (v: string) => t(`entityTypes.${v}`, { defaultValue: v }),
          },
          {
            title: t('audit.entityId'),
            dataIndex: 'entityId',
            render: (v: string | null, row) => {
              const text = <span style={{ fontFamily: 'monospace', fontSize: 12 }}>{v ?? '—'}</span>;
              return row.entityType === 'enterprise' && v && UUID.test(v) ? <Link to={`/enterprises/${v}`}>{text}</Link> : text;
            },
          },
        ]}
      />
    </Card>
  );
}
