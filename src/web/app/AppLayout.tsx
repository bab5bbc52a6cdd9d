import {
  AuditOutlined,
  BankOutlined,
  CalculatorOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  DownOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  GiftOutlined,
  IdcardOutlined,
  InboxOutlined,
  KeyOutlined,
  LogoutOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { FileDoneOutlined, FundOutlined, MailOutlined } from '@ant-design/icons';
import { InboxBell } from '../modules/policies/delivery/InboxBell.tsx';
import { Button, Divider, Dropdown, Layout, Menu, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { FullPageSpin, useForgetSession } from './auth.tsx';
import { CHANGE_PASSWORD_PATH, MODULE_PATHS, moduleForPath, modulesFor } from './navigation.ts';
import type { AppModule } from './navigation.ts';

const ICONS: Record<AppModule, ReactNode> = {
  dashboard: <DashboardOutlined />,
  registry: <BankOutlined />,
  policies: <FileProtectOutlined />,
  policyDocuments: <FileTextOutlined />,
  myEnterprise: <ShopOutlined />,
  myPolicies: <GiftOutlined />,
  policyInbox: <MailOutlined />,
  policyApplications: <FileDoneOutlined />,
  policyDelivery: <FundOutlined />,
  serviceDashboard: <CustomerServiceOutlined />,
  serviceRequests: <SolutionOutlined />,
  serviceQueue: <InboxOutlined />,
  serviceLiaisons: <TeamOutlined />,
  serviceSettings: <SettingOutlined />,
  selfCheck: <CalculatorOutlined />,
  users: <IdcardOutlined />,
  audit: <AuditOutlined />,
};

export function AppLayout({ user }: { user: User }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const forget = useForgetSession();
  const active = moduleForPath(location.pathname);
  // a temporary password opens nothing but its change, so there is nothing to offer until then
  const modules = user.mustChangePassword ? [] : modulesFor(user.role);

  const signOut = async () => {
    try {
      await api.post('/api/v1/auth/logout', undefined, { silent: true, allowUnauthorized: true });
    } finally {
      forget();
      navigate('/login', { replace: true });
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} breakpoint="lg" collapsedWidth={56}>
        <div style={{ position: 'sticky', top: 0 }}>
          <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10, padding: '14px 16px 12px', color: '#fff' }}>
            <span
              aria-hidden
              style={{
                width: 30,
                height: 30,
                borderRadius: 4,
                background: '#c8102e',
                display: 'grid',
                placeItems: 'center',
                fontWeight: 700,
                fontSize: 16,
                flex: 'none',
              }}
            >
              高
            </span>
            <span style={{ lineHeight: 1.2, overflow: 'hidden', whiteSpace: 'nowrap' }}>
              <span style={{ display: 'block', fontSize: 16, fontWeight: 600, letterSpacing: 2 }}>{t('app.name')}</span>
              <span style={{ display: 'block', fontSize: 11, color: 'rgba(255,255,255,0.65)' }}>{t('app.tagline')}</span>
            </span>
          </Link>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={active ? [active] : []}
            items={modules.map((module) => ({
              key: module,
              icon: ICONS[module],
              label: <Link to={MODULE_PATHS[module]}>{t(`nav.${module}`)}</Link>,
            }))}
          />
        </div>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #e8e8e8',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('app.fullName')}
          </Typography.Text>
          <Space size={12} separator={<Divider orientation="vertical" />}>
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'password', icon: <KeyOutlined />, label: t('account.changePassword') },
                  { key: 'signOut', icon: <LogoutOutlined />, label: t('auth.signOut') },
                ],
                onClick: ({ key }) => (key === 'password' ? navigate(CHANGE_PASSWORD_PATH) : void signOut()),
              }}
            >
              <Button type="text" data-testid="current-user">
                <Space size={6}>
                  <UserOutlined />
                  <Typography.Text strong>{user.displayName}</Typography.Text>
                  <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                    {t(`roles.${user.role}`)}
                  </Tag>
                  {user.jurisdictionName ? (
                    <Tooltip title={user.jurisdictionCode}>
                      <Typography.Text type="secondary">{user.jurisdictionName}</Typography.Text>
                    </Tooltip>
                  ) : null}
                  <DownOutlined style={{ fontSize: 10, color: '#8c8c8c' }} />
                </Space>
              </Button>
            </Dropdown>
            {user.role === 'enterprise' && !user.mustChangePassword ? <InboxBell /> : null}
            <LanguageSwitch />
            <Button type="text" size="small" icon={<LogoutOutlined />} onClick={() => void signOut()}>
              {t('auth.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 16 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', padding: '8px 16px 16px', color: '#8c8c8c', fontSize: 12 }}>
          {t('app.footer')}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
