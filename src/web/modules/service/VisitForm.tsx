import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Drawer, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { AttachmentUpload } from '../files/AttachmentUpload.tsx';
import type { UploadedFile } from '../files/files.api.ts';
import { EnterprisePicker } from './EnterprisePicker.tsx';
import { URGENCIES } from './service-types.ts';
import { useServiceCategories } from './service.hooks.ts';

type Problem = { category: string; urgency: (typeof URGENCIES)[number]; title: string; description: string };
type Values = { enterpriseId: string; visitedOn: Dayjs; peopleMet: string; situation: string; problems: Problem[] };

/** 记录走访: the visit, its photos and files, and each problem raised (each becomes a request, all or nothing). */
export function VisitForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const categories = useServiceCategories();
  const [attachments, setAttachments] = useState<UploadedFile[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const en = i18n.language === 'en-US';
  const required = (field: string) => [{ required: true, whitespace: true, message: t('validation.required', { field }) }];

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      await api.post('/api/v1/visits', { enterpriseId: v.enterpriseId, visitedOn: v.visitedOn.format('YYYY-MM-DD'), peopleMet: v.peopleMet, situation: v.situation, fileIds: attachments.map((f) => f.id), problems: v.problems ?? [] }, { silent: true });
      void client.invalidateQueries({ queryKey: ['service'] });
      form.resetFields();
      setAttachments([]);
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer open={open} onClose={onClose} size="large" title={t('service.visits.record')} destroyOnHidden
      extra={<Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="visit-submit">{t('common.save')}</Button>}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ visitedOn: dayjs(), problems: [] }}>
        <Form.Item name="enterpriseId" label={t('service.fields.enterprise')} rules={[{ required: true, message: t('validation.required', { field: t('service.fields.enterprise') }) }]}>
          <EnterprisePicker placeholder={t('service.create.enterpriseHint')} />
        </Form.Item>
        <Space size={12} wrap style={{ width: '100%' }}>
          <Form.Item name="visitedOn" label={t('service.visits.visitedOn')} rules={[{ required: true, message: t('validation.required', { field: t('service.visits.visitedOn') }) }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} />
          </Form.Item>
          <Form.Item name="peopleMet" label={t('service.visits.peopleMet')} rules={required(t('service.visits.peopleMet'))} style={{ minWidth: 320 }}>
            <Input maxLength={500} placeholder={t('service.visits.peopleMetHint')} />
          </Form.Item>
        </Space>
        <Form.Item name="situation" label={t('service.visits.situation')} rules={required(t('service.visits.situation'))}>
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item label={t('service.visits.photos')}>
          <AttachmentUpload value={attachments} onChange={setAttachments} max={20} />
        </Form.Item>
        <Form.List name="problems">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" size={8} style={{ width: '100%' }}>
              {fields.map((field, index) => (
                <Card key={field.key} size="small" title={t('service.visits.problem', { n: index + 1 })}
                  extra={<Button type="text" icon={<DeleteOutlined />} aria-label={t('files.remove')} onClick={() => remove(field.name)} />}>
                  <Space size={12} wrap>
                    <Form.Item name={[field.name, 'category']} label={t('service.fields.category')} rules={[{ required: true, message: t('validation.required', { field: t('service.fields.category') }) }]}>
                      <Select style={{ width: 160 }} options={(categories.data?.items ?? []).filter((c) => c.isActive).map((c) => ({ value: c.code, label: en ? c.nameEn : c.nameZh }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'urgency']} label={t('service.fields.urgency')} initialValue="normal">
                      <Select style={{ width: 120 }} options={URGENCIES.map((u) => ({ value: u, label: t(`service.urgency.${u}`) }))} />
                    </Form.Item>
                  </Space>
                  <Form.Item name={[field.name, 'title']} label={t('service.fields.title')} rules={required(t('service.fields.title'))}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'description']} label={t('service.fields.description')} rules={required(t('service.fields.description'))}>
                    <Input.TextArea rows={3} maxLength={5000} />
                  </Form.Item>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ urgency: 'normal' })} disabled={fields.length >= 20} data-testid="visit-add-problem">
                {t('service.visits.addProblem')}
              </Button>
            </Space>
          )}
        </Form.List>
        {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} /> : null}
      </Form>
    </Drawer>
  );
}
