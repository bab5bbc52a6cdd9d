import { Alert, Button, Card, Input, InputNumber, Result, Segmented, Select, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { useUrlSearchParams } from '../../../app/useUrlSearchParams.ts';
import { FundingSummary } from './FundingSummary.tsx';
import { formatWan, type ExemptListParams } from './delivery-params.ts';
import { useExemptList } from './delivery.hooks.ts';
import type { ExemptCandidate, ExemptList } from './delivery-types.ts';

const STATUSES = ['pending', 'excluded', 'granted'] as const;
type Left = { reason: string; estimatedWan: number | null };

function readParams(search: URLSearchParams): ExemptListParams {
  const status = STATUSES.find((s) => s === search.get('status')) ?? 'pending';
  const division = search.get('division') ?? '';
  const q = search.get('q')?.trim() ?? '';
  return {
    page: Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1), pageSize: 20, status,
    ...(/^\d{6}(\d{3})?$/.test(division) ? { division } : {}), ...(q ? { q } : {}),
  };
}

/** The history of confirmations of this item in the official's jurisdiction. */
function Confirmations({ list }: { list: ExemptList }) {
  const { t, i18n } = useTranslation();
  if (list.confirmations.length === 0) return null;
  return (
    <Card title={t('delivery.exempt.history')}>
      {list.confirmations.map((c) => (
        <div key={c.id} style={{ marginBottom: 8 }}>
          <Typography.Text>{new Date(c.confirmedAt).toLocaleString(i18n.language)} · {c.confirmedByName} · {t('delivery.exempt.summary', { granted: c.grantedCount, excluded: c.excludedCount, amount: formatWan(c.totalWan, i18n.language) })}</Typography.Text>
          {c.excluded.slice(0, 20).map((x) => <div key={x.enterpriseId} style={{ paddingLeft: 16 }}><Typography.Text type="secondary">{x.enterpriseName}：{x.reason}</Typography.Text></div>)}
          {c.excluded.length > 20 ? <div style={{ paddingLeft: 16 }}><Typography.Text type="secondary">{t('delivery.exempt.moreExcluded', { count: c.excluded.length - 20 })}</Typography.Text></div> : null}
        </div>
      ))}
    </Card>
  );
}

/**
 * 免申即享: the qualifying firms of the official's jurisdiction, paged, filtered by division and name. Confirming
 * grants everything the filter selects minus the firms left out (with reasons); the server refuses it when the
 * list changed since it was read.
 */
export function ExemptListPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [search, setSearch] = useUrlSearchParams();
  const params = readParams(search);
  const list = useExemptList(id, params);
  const [excluded, setExcluded] = useState<Record<string, Left>>({});
  const [reinstated, setReinstated] = useState<Record<string, number | null>>({});
  const [amountWan, setAmountWan] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [query, setQuery] = useState(params.q ?? '');
  if (list.isLoading) return <Skeleton active />;
  if (!list.data) return <Result status="error" title={t('errors.loadFailed')} />;
  const data = list.data;
  const wan = (v: number | null) => formatWan(v, i18n.language);

  const update = (patch: Partial<ExemptListParams>, filterChanged = false) => {
    setSearch((current) => {
      const next = { ...readParams(current), page: 1, ...patch };
      const out = new URLSearchParams();
      if (next.status !== 'pending') out.set('status', next.status);
      if (next.division) out.set('division', next.division);
      if (next.q) out.set('q', next.q);
      if (next.page > 1) out.set('page', String(next.page));
      return out;
    });
    // the exclusions belong to the selection of the filter they were made under
    if (filterChanged) {
      setExcluded({});
      setReinstated({});
    }
  };

  const left = Object.entries(excluded);
  const back = Object.entries(reinstated);
  const grantCount = data.selection.count - left.length + back.length;
  const grantWan = data.selection.totalWan - left.reduce((s, [, x]) => s + (x.estimatedWan ?? 0), 0) + back.reduce((s, [, v]) => s + (v ?? 0), 0);
  const unestimated = data.selection.unestimated - left.filter(([, x]) => x.estimatedWan === null).length + back.filter(([, v]) => v === null).length;
  const missingReason = left.some(([, x]) => x.reason.trim() === '');
  const nothingToDo = grantCount === 0 && left.length === 0;

  const confirm = async () => {
    setSaving(true);
    try {
      const result = await api.post<{ grantedCount: number; totalWan: number }>(`/api/v1/policy-items/${encodeURIComponent(id)}/grants`, {
        filter: { ...(params.division ? { division: params.division } : {}), ...(params.q ? { q: params.q } : {}) },
        expected: { count: data.selection.count, checksum: data.selection.checksum },
        excluded: left.map(([enterpriseId, x]) => ({ enterpriseId, reason: x.reason })),
        reinstated: back.map(([enterpriseId]) => enterpriseId),
        ...(amountWan && unestimated > 0 ? { amountWan } : {}),
      });
      setDone(t('delivery.exempt.done', { count: result.grantedCount, amount: wan(result.totalWan) }));
      setExcluded({});
      setReinstated({});
    } catch {
      // the client shows the message (a list that changed meanwhile: POLICIES_EXEMPT_LIST_CHANGED); it is read again below
    } finally {
      setSaving(false);
      await client.invalidateQueries({ queryKey: ['delivery'] });
    }
  };

  const decision = (c: ExemptCandidate) => {
    if (c.status === 'granted') return <Tag color="green">{t('delivery.exempt.granted')}</Tag>;
    if (c.status === 'excluded') {
      return c.enterpriseId in reinstated ? (
        <Space>
          <Tag color="blue">{t('delivery.exempt.willReinstate')}</Tag>
          <Button size="small" onClick={() => { const { [c.enterpriseId]: _gone, ...rest } = reinstated; setReinstated(rest); }}>{t('delivery.exempt.undo')}</Button>
        </Space>
      ) : (
        <Space>
          <Tag color="orange">{t('delivery.exempt.excludedBefore', { reason: c.excludedReason ?? '' })}</Tag>
          <Button size="small" onClick={() => setReinstated({ ...reinstated, [c.enterpriseId]: c.estimatedWan })}>{t('delivery.exempt.reinstate')}</Button>
        </Space>
      );
    }
    const mine = excluded[c.enterpriseId];
    return mine ? (
      <Space>
        <Input size="small" placeholder={t('delivery.exempt.reason')} value={mine.reason} onChange={(e) => setExcluded({ ...excluded, [c.enterpriseId]: { ...mine, reason: e.target.value } })} style={{ width: 220 }} />
        <Button size="small" onClick={() => { const { [c.enterpriseId]: _gone, ...rest } = excluded; setExcluded(rest); }}>{t('delivery.exempt.include')}</Button>
      </Space>
    ) : (
      <Button size="small" onClick={() => setExcluded({ ...excluded, [c.enterpriseId]: { reason: '', estimatedWan: c.estimatedWan } })} data-testid={`exclude-${c.enterpriseId}`}>{t('delivery.exempt.exclude')}</Button>
    );
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>{t('delivery.exempt.title', { title: data.item.title })}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('delivery.exempt.intro')}</Typography.Paragraph>
        <FundingSummary funding={data.funding} />
        <Space size={32} wrap style={{ marginTop: 12 }}>
          <Statistic title={t('delivery.exempt.pending')} value={data.counts.pending.count} suffix={` · ${wan(data.counts.pending.totalWan)}`} />
          <Statistic title={t('delivery.exempt.excludedCount')} value={data.counts.excluded.count} />
          <Statistic title={t('delivery.exempt.grantedCount')} value={data.counts.granted.count} suffix={` · ${wan(data.counts.granted.totalWan)}`} />
        </Space>
        {done ? <Alert style={{ marginTop: 12 }} type="success" showIcon title={done} /> : null}
      </Card>
      <Card title={t('delivery.exempt.candidates')}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented
            value={params.status}
            onChange={(v) => update({ status: STATUSES.find((s) => s === v) ?? 'pending' })}
            options={STATUSES.map((s) => ({ value: s, label: `${t(`delivery.exempt.status.${s}`)} ${data.counts[s].count}` }))}
            data-testid="exempt-status"
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('delivery.exempt.division')}
            style={{ width: 200 }}
            value={params.division}
            options={data.divisions.map((d) => ({ value: d.code, label: `${d.name} (${d.count})` }))}
            onChange={(v: string | undefined) => update({ division: v }, true)}
          />
          <Input.Search allowClear placeholder={t('delivery.exempt.search')} style={{ width: 240 }} value={query} onChange={(e) => setQuery(e.target.value)} onSearch={(v) => update({ q: v.trim() || undefined }, true)} />
          <Typography.Text type="secondary">{t('delivery.exempt.listTotal', { count: data.total, amount: wan(data.totalWan) })}</Typography.Text>
        </Space>
        <Table<ExemptCandidate>
          rowKey="enterpriseId"
          size="small"
          loading={list.isFetching}
          dataSource={data.items}
          data-testid="exempt-table"
          pagination={{ current: data.page, pageSize: data.pageSize, total: data.total, showSizeChanger: false, onChange: (page) => update({ page }) }}
          columns={[
            { title: t('fields.name'), dataIndex: 'name' },
            { title: t('fields.creditCode'), dataIndex: 'creditCode' },
            { title: t('fields.division'), dataIndex: 'divisionName' },
            { title: t('delivery.exempt.estimate'), dataIndex: 'estimatedWan', align: 'right', render: (v: number | null) => wan(v) },
            { title: t('delivery.exempt.decision'), key: 'decision', render: (_: unknown, c) => decision(c) },
          ]}
        />
        <Space style={{ marginTop: 12 }} wrap>
          {unestimated > 0 ? <InputNumber min={0.01} precision={2} value={amountWan} onChange={setAmountWan} addonBefore={t('delivery.exempt.amountEach')} addonAfter="万元" /> : null}
          <Button type="primary" disabled={nothingToDo || missingReason || (unestimated > 0 && !amountWan)} loading={saving} onClick={() => void confirm()} data-testid="exempt-confirm">
            {t('delivery.exempt.confirm', { count: grantCount })}
          </Button>
          <Typography.Text type="secondary">{t('delivery.exempt.confirmScope', { count: grantCount, amount: wan(Math.round(grantWan * 100) / 100), excluded: left.length })}</Typography.Text>
          {missingReason ? <Typography.Text type="danger">{t('delivery.exempt.reasonRequired')}</Typography.Text> : null}
        </Space>
      </Card>
      <Confirmations list={data} />
    </Space>
  );
}
