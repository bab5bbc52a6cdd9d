import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { api, errorMessage } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { ME_QUERY_KEY, useCurrentUser } from '../../app/auth.tsx';
import { safeNextPath } from '../../app/navigation.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';

type Credentials = { username: string; password: string };

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { user } = useCurrentUser();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const next = params.get('next');

  if (user) return <Navigate to={safeNextPath(next, user.role)} replace />;

  const submit = async (values: Credentials) => {
    setSubmitting(true);
    setError(null);
    try {
      const body = await api.post<{ user: User }>('/api/v1/auth/login', values, { silent: true, allowUnauthorized: true });
      client.setQueryData(ME_QUERY_KEY, body.user);
      navigate(safeNextPath(next, body.user.role), { replace: true });
    } catch (cause) {
      setError(errorMessage(cause, t));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(160deg, #0d2a57 0%, #1f5fbf 60%, #3b7dd8 100%)',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: 16 }}>
        <LanguageSwitch />
      </div>
      <div style={{ flex: 1, display: 'grid', placeItems: 'center', padding: 16 }}>
        <div style={{ width: 380, maxWidth: '100%' }}>
          <div style={{ textAlign: 'center', color: '#fff', marginBottom: 24 }}>
            <div style={{ fontSize: 34, fontWeight: 700, letterSpacing: 8 }}>{t('app.name')}</div>
            <div style={{ fontSize: 15, opacity: 0.9, marginTop: 4 }}>{t('app.fullName')}</div>
          </div>
          <Card styles={{ body: { padding: '28px 28px 12px' } }}>
            <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 20 }}>
              {t('auth.title')}
            </Typography.Title>
            {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
            <Form<Credentials> layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} size="large">
              <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}>
                <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
              </Form.Item>
              <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
              </Form.Item>
              <Form.Item>
                <Button type="primary" htmlType="submit" block loading={submitting}>
                  {t('auth.signIn')}
                </Button>
              </Form.Item>
            </Form>
            <div style={{ textAlign: 'center', marginBottom: 12 }}>
              <Link to="/self-check/public">{t('selfCheck.publicLink')}</Link>
            </div>
            <div style={{ textAlign: 'center', marginBottom: 12 }}>
              <Link to="/policy-calculator/public" data-testid="policy-calculator-link">{t('policies.publicLink')}</Link>
            </div>
          </Card>
        </div>
      </div>
      <div style={{ textAlign: 'center', color: 'rgba(255,255,255,0.7)', fontSize: 12, padding: 16 }}>{t('app.footer')}</div>
    </div>
  );
}
