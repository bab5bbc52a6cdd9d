import { Alert, Button, Card, Descriptions, Input, InputNumber, Result, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { formatWan } from './delivery-params.ts';
import { useExemptList } from './delivery.hooks.ts';
import type { ExemptCandidate } from './delivery-types.ts';

/** 免申即享: the qualifying firms of the official's jurisdiction; confirm them (leaving some out with a reason) into grants. */
export function ExemptListPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const list = useExemptList(id);
  const [excluded, setExcluded] = useState<Record<string, string>>({});
  const [reinstated, setReinstated] = useState<string[]>([]);
  const [amountWan, setAmountWan] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  if (list.isLoading) return <Skeleton active />;
  if (!list.data) return <Result status="error" title={t('errors.loadFailed')} />;
  const data = list.data;
  const pending = data.candidates.filter((c) => !c.granted && (c.excludedReason === null || reinstated.includes(c.enterpriseId)));
  const missingReason = Object.values(excluded).some((r) => r.trim() === '');
  const nothingToDo = pending.length === 0;
  const needsAmount = pending.some((c) => c.estimatedWan === null && !(c.enterpriseId in excluded));

  const confirm = async () => {
    setSaving(true);
    try {
      const result = await api.post<{ grantedCount: number; totalWan: number }>(`/api/v1/policy-items/${encodeURIComponent(id)}/grants`, {
        excluded: Object.entries(excluded).map(([enterpriseId, reason]) => ({ enterpriseId, reason })),
        ...(amountWan ? { amountWan } : {}),
        reinstated,
      });
      setDone(t('delivery.exempt.done', { count: result.grantedCount, amount: formatWan(result.totalWan, i18n.language) }));
      setExcluded({});
      setReinstated([]);
      await client.invalidateQueries({ queryKey: ['delivery'] });
    } catch {
      // shown by the client
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>{t('delivery.exempt.title', { title: data.item.title })}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('delivery.exempt.intro')}</Typography.Paragraph>
        <Descriptions size="small" column={{ xs: 1, md: 4 }}>
          <Descriptions.Item label={t('delivery.exempt.pending')}>{data.pendingCount}</Descriptions.Item>
          <Descriptions.Item label={t('delivery.exempt.pendingWan')}>{formatWan(data.pendingWan, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('delivery.funding.budget')}>{formatWan(data.funding.budgetWan, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('delivery.funding.remaining')}>{formatWan(data.funding.remainingWan, i18n.language)}</Descriptions.Item>
        </Descriptions>
        {done ? <Alert type="success" showIcon title={done} /> : null}
      </Card>
      <Card title={t('delivery.exempt.candidates')}>
        <Table<ExemptCandidate>
          rowKey="enterpriseId"
          size="small"
          dataSource={data.candidates}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { title: t('fields.name'), dataIndex: 'name' },
            { title: t('fields.creditCode'), dataIndex: 'creditCode' },
            { title: t('fields.division'), dataIndex: 'divisionName' },
            { title: t('delivery.exempt.estimate'), dataIndex: 'estimatedWan', align: 'right', render: (v: number | null) => formatWan(v, i18n.language) },
            {
              title: t('delivery.exempt.decision'),
              render: (_: unknown, c) =>
                c.granted ? <Tag color="green">{t('delivery.exempt.granted')}</Tag> : c.excludedReason !== null && !reinstated.includes(c.enterpriseId) ? (
                  <Space>
                    <Tag color="orange">{t('delivery.exempt.excludedBefore', { reason: c.excludedReason })}</Tag>
                    <Button size="small" onClick={() => setReinstated([...reinstated, c.enterpriseId])}>{t('delivery.exempt.reinstate')}</Button>
                  </Space>
                ) : c.enterpriseId in excluded ? (
                  <Space>
                    <Input size="small" placeholder={t('delivery.exempt.reason')} value={excluded[c.enterpriseId]} onChange={(e) => setExcluded({ ...excluded, [c.enterpriseId]: e.target.value })} style={{ width: 220 }} />
                    <Button size="small" onClick={() => { const { [c.enterpriseId]: _gone, ...rest } = excluded; setExcluded(rest); }}>{t('delivery.exempt.include')}</Button>
                  </Space>
                ) : (
                  <Button size="small" onClick={() => setExcluded({ ...excluded, [c.enterpriseId]: '' })} data-testid={`exclude-${c.enterpriseId}`}>{t('delivery.exempt.exclude')}</Button>
                ),
            },
          ]}
        />
        <Space style={{ marginTop: 12 }} wrap>
          {needsAmount ? <InputNumber min={0.01} precision={2} value={amountWan} onChange={setAmountWan} addonBefore={t('delivery.exempt.amountEach')} addonAfter="万元" /> : null}
          <Button type="primary" disabled={nothingToDo || missingReason || (needsAmount && !amountWan)} loading={saving} onClick={() => void confirm()} data-testid="exempt-confirm">
            {t('delivery.exempt.confirm', { count: pending.length - Object.keys(excluded).length })}
          </Button>
          {missingReason ? <Typography.Text type="danger">{t('delivery.exempt.reasonRequired')}</Typography.Text> : null}
        </Space>
      </Card>
      {data.confirmations.length > 0 ? (
        <Card title={t('delivery.exempt.history')}>
          {data.confirmations.map((c) => (
            <div key={c.id} style={{ marginBottom: 8 }}>
              <Typography.Text>{new Date(c.confirmedAt).toLocaleString(i18n.language)} · {c.confirmedByName} · {t('delivery.exempt.summary', { granted: c.grantedCount, excluded: c.excludedCount, amount: formatWan(c.totalWan, i18n.language) })}</Typography.Text>
              {c.excluded.map((x) => <div key={x.enterpriseId} style={{ paddingLeft: 16 }}><Typography.Text type="secondary">{x.enterpriseName}：{x.reason}</Typography.Text></div>)}
            </div>
          ))}
        </Card>
      ) : null}
    </Space>
  );
}
