import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Result, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { fileHref, formatFileSize } from '../../files/files.api.ts';
import { ExplanationList } from '../ExplanationList.tsx';
import { STATE_COLORS } from './applicationLabels.ts';
import { FundingSummary } from './FundingSummary.tsx';
import { formatWan } from './delivery-params.ts';
import { useApplication, useApplicationStep } from './delivery.hooks.ts';
import type { ApplicationDetail } from './delivery-types.ts';

/** The reviewer's, the city's or the enterprise's next step on an application, as the server allows it. */
function StepPanel({ app }: { app: ApplicationDetail }) {
  const { t } = useTranslation();
  const step = useApplicationStep(app.id);
  const [reason, setReason] = useState('');
  const [notEligible, setNotEligible] = useState(false);
  const [amount, setAmount] = useState<number | null>(app.approvedWan ?? app.requestedWan ?? app.estimatedWan);
  const actions = new Set(app.actions);
  if (actions.size === 0) return null;
  const review = (decision: 'approve' | 'return') =>
    step.mutate({ path: 'reviews', body: { decision, version: app.version, ...(decision === 'return' ? { reason, notEligible } : {}), ...(decision === 'approve' && actions.has('city_approve') && amount ? { approvedWan: amount } : {}) } });
  const canReview = actions.has('district_approve') || actions.has('city_approve');
  return (
    <Card title={t('delivery.detail.nextStep')} data-testid="step-panel">
      <Form layout="vertical" style={{ maxWidth: 560 }}>
        {actions.has('city_approve') || actions.has('pay') ? (
          <Form.Item label={actions.has('pay') ? t('delivery.detail.payAmount') : t('delivery.detail.approvedWan')}>
            <InputNumber min={0.01} max={1e9} precision={2} value={amount} onChange={(v) => setAmount(v)} addonAfter="万元" data-testid="step-amount" />
          </Form.Item>
        ) : null}
        {canReview ? (
          <>
            <Form.Item label={t('delivery.detail.reason')} extra={t('delivery.detail.reasonHint')}>
              <Input.TextArea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} data-testid="step-reason" />
            </Form.Item>
            <Form.Item>
              <Checkbox checked={notEligible} onChange={(e) => setNotEligible(e.target.checked)}>{t('delivery.detail.notEligible')}</Checkbox>
            </Form.Item>
          </>
        ) : null}
        <Space wrap>
          {canReview ? (
            <>
              <Button type="primary" loading={step.isPending} onClick={() => review('approve')} data-testid="step-approve">
                {actions.has('city_approve') ? t('delivery.detail.cityApprove') : t('delivery.detail.districtApprove')}
              </Button>
              <Button danger loading={step.isPending} onClick={() => review('return')} data-testid="step-return">{t('delivery.detail.return')}</Button>
            </>
          ) : null}
          {actions.has('pay') ? (
            <Button type="primary" loading={step.isPending} onClick={() => step.mutate({ path: 'payouts', body: amount ? { amountWan: amount } : {} })} data-testid="step-pay">{t('delivery.detail.pay')}</Button>
          ) : null}
          {actions.has('resubmit') ? (
            <Button type="primary" loading={step.isPending} onClick={() => step.mutate({ path: 'resubmissions', body: {} })} data-testid="step-resubmit">{t('delivery.detail.resubmit')}</Button>
          ) : null}
        </Space>
      </Form>
    </Card>
  );
}

/** One application: the pre-filled form as submitted, attachments, the timeline, and the next step. */
export function ApplicationDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const result = useApplication(id);
  if (result.isLoading) return <Skeleton active />;
  if (!result.data) {
    const notFound = result.error instanceof ApiError && result.error.status === 404;
    return <Result status={notFound ? '404' : 'error'} title={notFound ? t('delivery.detail.notFound') : t('errors.loadFailed')} />;
  }
  const app = result.data;
  const e = app.form.enterprise;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card>
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>{app.itemTitle}</Typography.Title>
          <Tag color={STATE_COLORS[app.state]} data-testid="application-state" data-state={app.state}>{t(`delivery.states.${app.state}`)}</Tag>
          {app.matched ? <Tag color="green">{t('delivery.applications.ruleMatched')}</Tag> : <Tag>{t('delivery.applications.ruleNotMatched')}</Tag>}
        </Space>
        <Descriptions size="small" style={{ marginTop: 12 }} column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('fields.name')}>{app.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label={t('fields.creditCode')}>{e.creditCode}</Descriptions.Item>
          <Descriptions.Item label={t('fields.division')}>{app.divisionName ?? app.divisionCode}</Descriptions.Item>
          <Descriptions.Item label={t('delivery.form.requestedWan')}>{formatWan(app.requestedWan, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('delivery.detail.approvedWan')}>{formatWan(app.approvedWan, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('delivery.applications.paidWan')}>{formatWan(app.paidWan, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('delivery.form.note')}>{app.note || '—'}</Descriptions.Item>
        </Descriptions>
        <FundingSummary funding={app.funding} />
        {app.state === 'returned' && app.lastReason ? <Alert type="warning" showIcon title={t('delivery.detail.returnedBecause', { reason: app.lastReason })} /> : null}
      </Card>
      <StepPanel app={app} />
      <Card title={t('delivery.detail.explanation')}>
        <ExplanationList steps={app.form.explanation} />
      </Card>
      <Card title={t('delivery.form.attachments')}>
        {app.attachments.length === 0 ? <Typography.Text type="secondary">{t('delivery.detail.noAttachments')}</Typography.Text> : null}
        {app.attachments.map((f) => (
          <div key={f.id}>
            <a href={fileHref(f.id)}>{f.name}</a> <Typography.Text type="secondary">· {formatFileSize(f.sizeBytes)} · SHA-256 {f.sha256.slice(0, 12)}…</Typography.Text>
          </div>
        ))}
      </Card>
      <Card title={t('delivery.detail.timeline')}>
        <Timeline
          items={app.events.map((ev) => ({
            key: `${ev.at}-${ev.action}`,
            children: (
              <div>
                <Typography.Text strong>{t(`delivery.actions.${ev.action}`)}</Typography.Text> · {ev.actorName} · {new Date(ev.at).toLocaleString(i18n.language)}
                {ev.reason ? <div>{t('delivery.detail.reason')}：{ev.reason}</div> : null}
                {ev.amountWan !== null ? <div>{formatWan(ev.amountWan, i18n.language)}</div> : null}
              </div>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}
