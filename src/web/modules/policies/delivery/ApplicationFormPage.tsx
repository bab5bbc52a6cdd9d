import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { ExplanationList } from '../ExplanationList.tsx';
import { FundingSummary } from './FundingSummary.tsx';
import { formatWan } from './delivery-params.ts';
import { useApplicationForm } from './delivery.hooks.ts';
import { AttachmentUpload } from '../../files/AttachmentUpload.tsx';
import type { ApplicationDetail, FileMetaOut } from './delivery-types.ts';

/** 申报: the form pre-filled from the registry record and the match explanation, with attachments. */
export function ApplicationFormPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const itemId = search.get('item');
  const form = useApplicationForm(itemId);
  const [files, setFiles] = useState<FileMetaOut[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [values] = Form.useForm<{ requestedWan?: number; note?: string }>();

  if (!itemId) return <Result status="404" title={t('common.notFound')} />;
  if (form.isLoading) return <Skeleton active />;
  if (!form.data) return <Result status="error" title={t('errors.loadFailed')} />;
  const data = form.data;
  const benefit = data.benefit?.kind === 'estimated' ? data.benefit.amountWan : null;
  if (data.existingApplicationId) {
    return <Result status="info" title={t('delivery.form.alreadyApplied')} extra={<Link to={`/policy-applications/${data.existingApplicationId}`}>{t('delivery.inbox.viewApplication')}</Link>} />;
  }

  const submit = async () => {
    const v = values.getFieldsValue();
    setSubmitting(true);
    try {
      const created = await api.post<ApplicationDetail>('/api/v1/policy-applications', { itemId, requestedWan: v.requestedWan ?? undefined, note: v.note ?? '', attachmentIds: files.map((f) => f.id) });
      navigate(`/policy-applications/${created.id}`);
    } catch {
      // the error is shown by the client
    } finally {
      setSubmitting(false);
    }
  };

  const e = data.enterprise;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="application-form-title">{t('delivery.form.title', { title: data.item.title })}</Typography.Title>
        <Typography.Text type="secondary">{data.item.documentTitle} {data.item.documentNumber ?? t('policies.documentNumberPending')}</Typography.Text>
        <div style={{ marginTop: 12 }}><FundingSummary funding={data.funding} /></div>
        {data.funding.windowOpen ? null : <Alert type="warning" showIcon title={t('delivery.form.windowClosed')} />}
      </Card>
      <Card title={t('delivery.form.registry')}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }} data-testid="prefilled">
          <Descriptions.Item label={t('fields.name')}>{e.name}</Descriptions.Item>
          <Descriptions.Item label={t('fields.creditCode')}>{e.creditCode}</Descriptions.Item>
          <Descriptions.Item label={t('fields.divisionCode')}>{e.divisionName ?? e.divisionCode}</Descriptions.Item>
          <Descriptions.Item label={t('fields.industryCode')}>{e.industryCode}</Descriptions.Item>
          <Descriptions.Item label={t('fields.employees')}>{e.employees ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('fields.revenueWan')}>{formatWan(e.revenueWan, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.mainBusinessRevenueWan')}>{formatWan(e.mainBusinessRevenueWan, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.rdExpenseWan')}>{formatWan(e.rdExpenseWan, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.tags')}>{e.tags.map((tag) => <Tag key={tag}>{tag}</Tag>)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={data.matched ? t('delivery.form.matched') : t('delivery.form.notMatched')}>
        {data.miss ? <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('delivery.form.miss', { condition: data.miss.label })} /> : null}
        <ExplanationList steps={data.explanation} />
      </Card>
      <Card title={t('delivery.form.application')}>
        <Form form={values} layout="vertical" initialValues={{ requestedWan: benefit ?? undefined }} onFinish={() => void submit()} style={{ maxWidth: 640 }}>
          <Form.Item name="requestedWan" label={t('delivery.form.requestedWan')} extra={benefit !== null ? t('delivery.form.estimate', { amount: formatWan(benefit, i18n.language) }) : t('delivery.form.noEstimate')}>
            <InputNumber min={0} max={1e9} precision={2} style={{ width: 240 }} addonAfter="万元" data-testid="requested-wan" />
          </Form.Item>
          <Form.Item name="note" label={t('delivery.form.note')}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="application-note" />
          </Form.Item>
          <Form.Item label={t('delivery.form.attachments')} extra={t('delivery.form.attachmentsHint')}>
            <AttachmentUpload value={files} onChange={setFiles} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={submitting} disabled={!data.funding.windowOpen} data-testid="application-submit">{t('delivery.form.submit')}</Button>
        </Form>
      </Card>
    </Space>
  );
}
