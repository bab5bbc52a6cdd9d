import { Button, Form, Input, Modal, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { RequestAction, ServiceRequestDetail } from './service-types.ts';
import { RATINGS } from './service-types.ts';
import { transitionBody, type TransitionFormValues as FormValues } from './transition-body.ts';
import { useServiceDepartments, useTransition } from './service.hooks.ts';

/** Actions that need a form; the others are confirmed with an optional note. */
const PRIMARY: RequestAction[] = ['accept', 'dispatch', 'start', 'resolve', 'rate', 'resume', 'resubmit'];

/** The buttons for what the caller may do now (the server says which), each with its form. */
export function RequestActions({ request }: { request: ServiceRequestDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<RequestAction | null>(null);
  const [form] = Form.useForm<FormValues>();
  const transition = useTransition(request.id);
  const departments = useServiceDepartments();
  const [error, setError] = useState<string | null>(null);

  if (request.availableActions.length === 0) return null;

  const submit = async () => {
    if (!open) return;
    const values = await form.validateFields();
    setError(null);
    try {
      await transition.mutateAsync(transitionBody(open, values));
      setOpen(null);
      form.resetFields();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.unknown'));
    }
  };

  const departmentOptions = (departments.data?.items ?? []).filter((d) => d.isActive).map((d) => ({ value: d.id, label: d.name }));
  const required = (field: string) => [{ required: true, whitespace: true, message: t('validation.required', { field }) }];

  return (
    <>
      <Space wrap>
        {request.availableActions.map((action) => (
          <Button key={action} type={PRIMARY.includes(action) ? 'primary' : 'default'} danger={action === 'return'} onClick={() => setOpen(action)}>
            {t(`service.actions.${action}`)}
          </Button>
        ))}
      </Space>
      <Modal open={open !== null} title={open ? t(`service.actions.${open}`) : ''} onCancel={() => setOpen(null)} onOk={() => void submit()} confirmLoading={transition.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}>
          {open === 'dispatch' ? (
            <>
              <Form.Item name="leadDepartmentId" label={t('service.form.leadDepartment')} rules={[{ required: true, message: t('validation.required', { field: t('service.form.leadDepartment') }) }]}>
                <Select showSearch optionFilterProp="label" options={departmentOptions} />
              </Form.Item>
              <Form.Item name="coHandlerIds" label={t('service.form.coHandlers')}>
                <Select mode="multiple" showSearch optionFilterProp="label" options={departmentOptions} />
              </Form.Item>
            </>
          ) : null}
          {open === 'return' || open === 'await_enterprise' ? (
            <Form.Item name="reason" label={t(open === 'return' ? 'service.form.returnReason' : 'service.form.awaitReason')} rules={required(t('service.form.reason'))}>
              <Input.TextArea rows={3} maxLength={2000} showCount />
            </Form.Item>
          ) : null}
          {open === 'resolve' ? (
            <Form.Item name="reply" label={t('service.form.reply')} rules={required(t('service.form.reply'))}>
              <Input.TextArea rows={5} maxLength={5000} showCount />
            </Form.Item>
          ) : null}
          {open === 'rate' ? (
            <>
              <Form.Item name="rating" label={t('service.form.rating')} initialValue="satisfied" rules={[{ required: true }]}>
                <Radio.Group options={RATINGS.map((r) => ({ value: r, label: t(`service.ratings.${r}`) }))} />
              </Form.Item>
              <Form.Item name="comment" label={t('service.form.comment')}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          ) : null}
          {open === 'merge' ? (
            <Form.Item name="targetId" label={t('service.form.mergeTarget')} rules={[{ required: true, pattern: /^[0-9a-f-]{36}$/, message: t('service.form.mergeTargetHint') }]}>
              <Input placeholder={t('service.form.mergeTargetHint')} />
            </Form.Item>
          ) : null}
          {open && ['accept', 'dispatch', 'start', 'resume', 'archive', 'merge', 'resubmit'].includes(open) ? (
            <Form.Item name="note" label={t('service.form.note')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          ) : null}
          {error ? <div role="alert" style={{ color: '#c8102e' }}>{error}</div> : null}
        </Form>
      </Modal>
    </>
  );
}
