import { LockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError, errorMessage } from '../../api/client.ts';
import { fieldIssues } from '../../api/http.ts';
import type { User } from '../../api/types.ts';
import { ME_QUERY_KEY } from '../../app/auth.tsx';
import { safeNextPath } from '../../app/navigation.ts';

type Values = { currentPassword: string; newPassword: string; confirmPassword: string };
const FIELDS: readonly (keyof Values)[] = ['currentPassword', 'newPassword', 'confirmPassword'];

function isField(name: unknown): name is keyof Values {
  return FIELDS.some((f) => f === name);
}

/**
 * 修改密码: every signed-in user changes their own password here; a user with a temporary
 * password is sent here from every page until it is changed. The server checks the policy and
 * answers its errors in the user's language; they are shown on the field they concern.
 */
export function ChangePasswordPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async ({ currentPassword, newPassword }: Values) => {
    setSaving(true);
    setError(null);
    try {
      await api.post('/api/v1/auth/password', { currentPassword, newPassword }, { silent: true });
      client.setQueryData<User>(ME_QUERY_KEY, { ...user, mustChangePassword: false });
      void message.success(t('account.changed'));
      navigate(safeNextPath(params.get('next'), user.role), { replace: true });
    } catch (e) {
      const text = errorMessage(e, t);
      const details = e instanceof ApiError ? e.details : undefined;
      const field = typeof details === 'object' && details !== null ? (details as { field?: unknown }).field : undefined;
      const issues = fieldIssues(details).filter((i) => isField(i.path));
      if (issues.length) form.setFields(issues.map((i) => ({ name: i.path as keyof Values, errors: [i.message] })));
      else if (isField(field)) form.setFields([{ name: field, errors: [text] }]);
      else setError(text);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('account.changePassword')} style={{ maxWidth: 520 }}>
      {user.mustChangePassword ? (
        <Alert type="warning" showIcon title={t('account.mustChangeTitle')} description={t('account.mustChangeHint')} style={{ marginBottom: 16 }} data-testid="must-change-password" />
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="password-error" /> : null}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[{ required: true, message: t('account.currentRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus data-testid="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('account.newPassword')} extra={t('account.passwordHint')} rules={[{ required: true, message: t('account.newRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword" label={t('account.confirmPassword')} dependencies={['newPassword']}
          rules={[
            { required: true, message: t('account.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value: unknown) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('account.mismatch')))),
            }),
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="confirm-password" />
        </Form.Item>
        <Alert type="info" showIcon title={t('account.sessionsHint')} style={{ marginBottom: 16 }} />
        <Button type="primary" htmlType="submit" loading={saving} data-testid="password-submit">
          {t('account.submit')}
        </Button>
      </Form>
    </Card>
  );
}
