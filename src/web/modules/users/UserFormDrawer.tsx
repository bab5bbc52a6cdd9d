import { Alert, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, errorMessage } from '../../api/client.ts';
import { fieldIssues } from '../../api/http.ts';
import { ROLES, type Role } from '../../api/types.ts';
import { JurisdictionSelect } from '../reference/JurisdictionSelect.tsx';
import { EnterprisePicker } from '../service/EnterprisePicker.tsx';
import { useServiceDepartments } from '../service/service.hooks.ts';
import type { AdminUser, UserWithPassword } from './users-types.ts';

type Values = { username: string; displayName: string; role: Role; jurisdictionCode?: string | null; enterpriseId?: string; departmentId?: string };

/** What each role is bound to: a jurisdiction (which kind is checked on the server), an enterprise, a department, or nothing. */
function bindingOf(role: Role | undefined): 'jurisdiction' | 'enterprise' | 'department' | null {
  if (!role || role === 'admin') return null;
  if (role === 'enterprise') return 'enterprise';
  if (role === 'department') return 'department';
  return 'jurisdiction';
}

/** Creates an account (the server answers with a temporary password) or edits one. */
export function UserFormDrawer({ open, user, onClose, onSaved }: { open: boolean; user: AdminUser | null; onClose: () => void; onSaved: (result: UserWithPassword | AdminUser) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const departments = useServiceDepartments();
  const role = Form.useWatch('role', form);
  const binding = bindingOf(role);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (user) {
      const department = departments.data?.items.find((d) => d.name === user.departmentName);
      form.setFieldsValue({
        username: user.username, displayName: user.displayName, role: user.role,
        jurisdictionCode: user.jurisdictionCode ?? undefined, enterpriseId: user.enterpriseId ?? undefined, departmentId: department?.id,
      });
    }
  }, [open, user, form, departments.data]);

  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    const department = departments.data?.items.find((d) => d.id === values.departmentId);
    const body = {
      displayName: values.displayName,
      role: values.role,
      jurisdictionCode: binding === 'jurisdiction' ? (values.jurisdictionCode ?? null) : binding === 'department' ? (department?.jurisdictionCode ?? null) : null,
      enterpriseId: binding === 'enterprise' ? (values.enterpriseId ?? null) : null,
      departmentName: binding === 'department' ? (department?.name ?? null) : null,
    };
    try {
      const saved = user
        ? await api.patch<AdminUser>(`/api/v1/users/${user.id}`, body, { silent: true })
        : await api.post<UserWithPassword>('/api/v1/users', { username: values.username, ...body }, { silent: true });
      const savedUser = 'temporaryPassword' in saved ? saved.user : saved;
      // a department user also joins the department's queue (the service desk's membership)
      if (department && savedUser.role === 'department') await api.post(`/api/v1/service-departments/${department.id}/members`, { userId: savedUser.id }, { silent: true });
      onSaved(saved);
    } catch (e) {
      const issues = e instanceof ApiError ? fieldIssues(e.details) : [];
      const field = e instanceof ApiError && typeof e.details === 'object' && e.details !== null ? (e.details as { field?: unknown }).field : undefined;
      if (issues.length) form.setFields(issues.map((i) => ({ name: i.path as keyof Values, errors: [i.message] })));
      else if (typeof field === 'string') form.setFields([{ name: (field === 'departmentName' ? 'departmentId' : field) as keyof Values, errors: [errorMessage(e, t)] }]);
      setError(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open} onClose={onClose} size="large" destroyOnHidden
      title={user ? t('users.editTitle', { name: user.username }) : t('users.add')}
      extra={<Space><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="user-save">{t('common.save')}</Button></Space>}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="user-form-error" /> : null}
      {!user ? <Alert type="info" showIcon title={t('users.temporaryHint')} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ role: 'district' }}>
        <Form.Item name="username" label={t('users.username')} extra={t('users.usernameHint')} rules={[{ required: true, whitespace: true, message: t('users.required') }, { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{2,49}$/, message: t('users.usernameHint') }]}>
          <Input disabled={Boolean(user)} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('users.required') }]}>
          <Input maxLength={100} data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.required') }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} data-testid="user-role" />
        </Form.Item>
        {binding === 'jurisdiction' ? (
          <Form.Item name="jurisdictionCode" label={t('users.jurisdiction')} extra={t(`users.jurisdictionHint.${role}`)} rules={[{ required: true, message: t('users.required') }]}>
            <JurisdictionValue placeholder={t('users.jurisdiction')} />
          </Form.Item>
        ) : null}
        {binding === 'enterprise' ? (
          <Form.Item name="enterpriseId" label={t('users.enterprise')} rules={[{ required: true, message: t('users.required') }]}>
            <EnterprisePicker placeholder={t('users.enterpriseHint')} known={user?.enterpriseId && user.enterpriseName ? { value: user.enterpriseId, label: user.enterpriseName } : undefined} />
          </Form.Item>
        ) : null}
        {binding === 'department' ? (
          <Form.Item name="departmentId" label={t('users.department')} rules={[{ required: true, message: t('users.required') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }} loading={departments.isLoading}
              options={(departments.data?.items ?? []).filter((d) => d.isActive).map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  );
}

/** The jurisdiction tree as a form control (value/onChange from Form.Item). */
function JurisdictionValue({ value, onChange, placeholder }: { value?: string | null; onChange?: (code: string | null) => void; placeholder: string }) {
  return <JurisdictionSelect value={value ?? null} onChange={(code) => onChange?.(code)} placeholder={placeholder} width={320} />;
}
