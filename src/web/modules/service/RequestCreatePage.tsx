import { Button, Card, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, ApiError } from '../../api/client.ts';
import { fieldIssues } from '../../api/http.ts';
import type { User } from '../../api/types.ts';
import { URGENCIES } from './service-types.ts';
import type { ServiceRequestDetail } from './service-types.ts';
import { useServiceCategories } from './service.hooks.ts';
import { EnterprisePicker } from './EnterprisePicker.tsx';
import { AttachmentUpload } from '../files/AttachmentUpload.tsx';
import type { UploadedFile } from '../files/files.api.ts';

type Values = { enterpriseId?: string; category: string; urgency: (typeof URGENCIES)[number]; title: string; description: string };

/** Raise a request: an enterprise for itself, an officer on behalf of an enterprise in their jurisdiction. */
export function RequestCreatePage({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const categories = useServiceCategories();
  const [saving, setSaving] = useState(false);
  const [attachments, setAttachments] = useState<UploadedFile[]>([]);
  const en = i18n.language === 'en-US';

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      const created = await api.post<ServiceRequestDetail>('/api/v1/service-requests', { ...values, enterpriseId: user.role === 'enterprise' ? undefined : values.enterpriseId, fileIds: attachments.map((f) => f.id) }, { silent: true });
      navigate(`/service/requests/${created.id}`);
    } catch (e) {
      if (e instanceof ApiError) {
        const issues = fieldIssues(e.details);
        if (issues.length) form.setFields(issues.map((i) => ({ name: i.path.split('.')[0] as keyof Values, errors: [i.message] })));
        else form.setFields([{ name: 'title', errors: [e.message] }]);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('service.create.title')} style={{ maxWidth: 760 }}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ urgency: 'normal' }}>
        {user.role === 'enterprise' ? null : (
          <Form.Item name="enterpriseId" label={t('service.fields.enterprise')} rules={[{ required: true, message: t('validation.required', { field: t('service.fields.enterprise') }) }]}>
            <EnterprisePicker placeholder={t('service.create.enterpriseHint')} />
          </Form.Item>
        )}
        <Form.Item name="category" label={t('service.fields.category')} rules={[{ required: true, message: t('validation.required', { field: t('service.fields.category') }) }]}>
          <Select options={(categories.data?.items ?? []).filter((c) => c.isActive).map((c) => ({ value: c.code, label: en ? c.nameEn : c.nameZh }))} />
        </Form.Item>
        <Form.Item name="urgency" label={t('service.fields.urgency')}>
          <Select options={URGENCIES.map((u) => ({ value: u, label: t(`service.urgency.${u}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('service.fields.title')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('service.fields.title') }) }]}>
          <Input maxLength={100} showCount />
        </Form.Item>
        <Form.Item name="description" label={t('service.fields.description')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('service.fields.description') }) }]}>
          <Input.TextArea rows={6} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item label={t('service.fields.attachments')}>
          <AttachmentUpload value={attachments} onChange={setAttachments} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>{t('service.create.submit')}</Button>
      </Form>
    </Card>
  );
}
