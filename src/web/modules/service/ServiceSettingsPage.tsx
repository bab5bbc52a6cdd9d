import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, errorMessage } from '../../api/client.ts';
import { fieldIssues } from '../../api/http.ts';
import { JurisdictionSelect } from '../reference/JurisdictionSelect.tsx';
import type { ServiceCategory, ServiceDepartment } from './service-types.ts';
import { DEPARTMENT_KINDS } from './service-types.ts';
import { useServiceCategories, useServiceDepartments } from './service.hooks.ts';

const DAY_FIELDS = ['normalDays', 'urgentDays', 'criticalDays'] as const;

/** 诉求设置 (admins, city): the category dictionary with its time limits, and the handling departments. */
export function ServiceSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const categories = useServiceCategories();
  const departments = useServiceDepartments();
  const [adding, setAdding] = useState<'category' | 'department' | null>(null);

  const patchCategory = async (code: string, patch: Partial<ServiceCategory>) => {
    try {
      await api.patch(`/api/v1/service-categories/${encodeURIComponent(code)}`, patch, { silent: true });
      void message.success(t('service.settings.saved'));
    } catch (e) {
      void message.error(errorMessage(e, t));
    } finally {
      void client.invalidateQueries({ queryKey: ['service', 'categories'] });
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('service.settings.categories')}
        extra={<Button icon={<PlusOutlined />} onClick={() => setAdding('category')} data-testid="category-add">{t('service.settings.addCategory')}</Button>}
      >
        <Typography.Paragraph type="secondary">{t('service.settings.categoriesHint')}</Typography.Paragraph>
        <Table<ServiceCategory>
          size="small" rowKey="code" pagination={false} loading={categories.isFetching} dataSource={categories.data?.items ?? []} data-testid="categories-table"
          columns={[
            { title: t('service.settings.code'), dataIndex: 'code', width: 150, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('service.settings.nameZh'), dataIndex: 'nameZh' },
            { title: t('service.settings.nameEn'), dataIndex: 'nameEn' },
            ...DAY_FIELDS.map((field) => ({
              title: t(`service.settings.${field}`), key: field, width: 130,
              render: (_: unknown, c: ServiceCategory) => (
                <DaysInput key={`${c.code}-${c[field]}`} value={c[field]} label={`${c.nameZh} ${t(`service.settings.${field}`)}`} onSave={(days) => void patchCategory(c.code, { [field]: days })} />
              ),
            })),
            {
              title: t('service.settings.active'), key: 'isActive', width: 90,
              render: (_: unknown, c: ServiceCategory) => <Switch size="small" checked={c.isActive} onChange={(isActive) => void patchCategory(c.code, { isActive })} aria-label={`${c.nameZh} ${t('service.settings.active')}`} />,
            },
          ]}
        />
      </Card>
      <Card
        title={t('service.settings.departments')}
        extra={<Button icon={<PlusOutlined />} onClick={() => setAdding('department')}>{t('service.settings.addDepartment')}</Button>}
      >
        <Table<ServiceDepartment>
          size="small" rowKey="id" pagination={false} loading={departments.isFetching} dataSource={departments.data?.items ?? []}
          columns={[
            { title: t('service.settings.departmentName'), dataIndex: 'name' },
            { title: t('service.settings.kind'), dataIndex: 'kind', width: 160, render: (v: string) => t(`service.settings.kinds.${v}`) },
            { title: t('service.settings.jurisdiction'), dataIndex: 'jurisdictionCode', width: 140 },
            { title: t('service.settings.members'), dataIndex: 'memberCount', width: 100 },
          ]}
        />
      </Card>
      <CategoryModal open={adding === 'category'} onClose={() => setAdding(null)} />
      <DepartmentModal open={adding === 'department'} onClose={() => setAdding(null)} />
    </Space>
  );
}

/** Working days, saved when the field is left or Enter is pressed. */
function DaysInput({ value, label, onSave }: { value: number; label: string; onSave: (days: number) => void }) {
  const [days, setDays] = useState<number | null>(value);
  const save = () => {
    if (days !== null && days !== value) onSave(days);
  };
  return <InputNumber size="small" min={1} max={120} precision={0} value={days} onChange={(v) => setDays(typeof v === 'number' ? v : null)} onBlur={save} onPressEnter={save} aria-label={label} />;
}

/** Sends a form; field problems go next to their fields, anything else into a message. */
function useSubmit<T extends object>(form: ReturnType<typeof Form.useForm<T>>[0], url: string, onDone: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [saving, setSaving] = useState(false);
  const submit = async (values: T) => {
    setSaving(true);
    try {
      await api.post(url, values, { silent: true });
      void client.invalidateQueries({ queryKey: ['service'] });
      form.resetFields();
      onDone();
    } catch (e) {
      const issues = e instanceof ApiError ? fieldIssues(e.details) : [];
      if (issues.length) form.setFields(issues.map((i) => ({ name: i.path.split('.') as never, errors: [i.message] })));
      else void message.error(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  };
  return { submit, saving };
}

function CategoryModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  type Values = { code: string; nameZh: string; nameEn: string; normalDays: number; urgentDays: number; criticalDays: number };
  const [form] = Form.useForm<Values>();
  const { submit, saving } = useSubmit(form, '/api/v1/service-categories', onClose);
  const required = (field: string) => [{ required: true, message: t('validation.required', { field }) }];
  return (
    <Modal open={open} title={t('service.settings.addCategory')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ normalDays: 10, urgentDays: 5, criticalDays: 3 }}>
        <Form.Item name="code" label={t('service.settings.code')} extra={t('service.settings.codeHint')} rules={[...required(t('service.settings.code')), { pattern: /^[a-z_]{2,30}$/, message: t('service.settings.codeHint') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="nameZh" label={t('service.settings.nameZh')} rules={required(t('service.settings.nameZh'))}><Input maxLength={20} /></Form.Item>
        <Form.Item name="nameEn" label={t('service.settings.nameEn')} rules={required(t('service.settings.nameEn'))}><Input maxLength={60} /></Form.Item>
        <Space size={12}>
          {DAY_FIELDS.map((field) => (
            <Form.Item key={field} name={field} label={t(`service.settings.${field}`)} rules={required(t(`service.settings.${field}`))}>
              <InputNumber min={1} max={120} precision={0} />
            </Form.Item>
          ))}
        </Space>
      </Form>
    </Modal>
  );
}

function DepartmentModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  type Values = { name: string; kind: string; jurisdictionCode: string };
  const [form] = Form.useForm<Values>();
  const { submit, saving } = useSubmit(form, '/api/v1/service-departments', onClose);
  const required = (field: string) => [{ required: true, message: t('validation.required', { field }) }];
  return (
    <Modal open={open} title={t('service.settings.addDepartment')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ kind: 'other', jurisdictionCode: '410100' }}>
        <Form.Item name="name" label={t('service.settings.departmentName')} rules={required(t('service.settings.departmentName'))}><Input maxLength={100} /></Form.Item>
        <Form.Item name="kind" label={t('service.settings.kind')}>
          <Select options={DEPARTMENT_KINDS.map((k) => ({ value: k, label: t(`service.settings.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="jurisdictionCode" label={t('service.settings.jurisdiction')} rules={required(t('service.settings.jurisdiction'))}>
          <JurisdictionFormSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** JurisdictionSelect as a form control. */
function JurisdictionFormSelect({ value, onChange }: { value?: string; onChange?: (code: string | null) => void }) {
  const { t } = useTranslation();
  return <JurisdictionSelect value={value ?? null} onChange={(code) => onChange?.(code)} placeholder={t('service.settings.jurisdiction')} width={320} />;
}
