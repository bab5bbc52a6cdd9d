import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api/client.ts';
import { ROLES, type Page, type Role, type User } from '../../api/types.ts';
import { urlPaging, withListChange } from '../../app/list-state.ts';
import { useUrlSearchParams } from '../../app/useUrlSearchParams.ts';
import { formatDateTime } from '../../components/format.ts';
import { JurisdictionSelect } from '../reference/JurisdictionSelect.tsx';
import { TemporaryPasswordModal } from './TemporaryPasswordModal.tsx';
import { UserFormDrawer } from './UserFormDrawer.tsx';
import { parseUserListParams, toUserListParams, userListQuery, type UserListState } from './users-params.ts';
import { USER_STATUSES, type AdminUser, type UserWithPassword } from './users-types.ts';

const STATUS_COLORS = { active: 'green', locked: 'orange', inactive: 'default' } as const;

/** 账号管理 (admins): find accounts, create them, change role and jurisdiction, reset, unlock, deactivate. */
export function UsersPage({ user: me }: { user: User }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [params, setParams] = useUrlSearchParams();
  const state = useMemo(() => parseUserListParams(params), [params]);
  const [q, setQ] = useState(state.q);
  useEffect(() => setQ(state.q), [state.q]);
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [issued, setIssued] = useState<UserWithPassword | null>(null);
  const update = (change: Partial<UserListState>) => setParams((current) => toUserListParams(withListChange(parseUserListParams(current), change)));
  const query = userListQuery(state);
  const list = useQuery({
    queryKey: ['users', query],
    queryFn: ({ signal }) => api.get<Page<AdminUser>>('/api/v1/users', query, { signal }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['users'] });

  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      void message.success(done);
    } catch (e) {
      void message.error(errorMessage(e, t));
    } finally {
      void refresh();
    }
  };
  const reset = async (u: AdminUser) => {
    try {
      setIssued(await api.post<UserWithPassword>(`/api/v1/users/${u.id}/password-reset`, undefined, { silent: true }));
    } catch (e) {
      void message.error(errorMessage(e, t));
    } finally {
      void refresh();
    }
  };

  return (
    <Card
      title={t('users.title')}
      extra={
        <Space>
          <Link to="/users/login-events">{t('users.loginLog')}</Link>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-add">
            {t('users.add')}
          </Button>
        </Space>
      }
    >
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <Input.Search
          allowClear enterButton style={{ width: 280 }} placeholder={t('users.search')} value={q}
          onChange={(e) => setQ(e.target.value)} onSearch={(value) => update({ q: value.trim() })} data-testid="user-search"
        />
        <Select
          allowClear style={{ width: 150 }} placeholder={t('users.role')} value={state.role ?? undefined}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          onChange={(value: Role | undefined) => update({ role: value ?? null })}
        />
        <JurisdictionSelect value={state.jurisdiction} onChange={(code) => update({ jurisdiction: code })} placeholder={t('users.jurisdiction')} />
        <Select
          allowClear style={{ width: 130 }} placeholder={t('users.status')} value={state.status ?? undefined}
          options={USER_STATUSES.map((s) => ({ value: s, label: t(`users.statuses.${s}`) }))}
          onChange={(value: (typeof USER_STATUSES)[number] | undefined) => update({ status: value ?? null })}
        />
        <Button icon={<ReloadOutlined />} onClick={() => setParams(() => new URLSearchParams())}>{t('common.reset')}</Button>
      </div>
      <Table<AdminUser>
        size="small" bordered rowKey="id" loading={list.isFetching} dataSource={list.data?.items ?? []} data-testid="users-table"
        {...urlPaging({ page: state.page, pageSize: state.pageSize, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { count: total }), update })}
        columns={[
          {
            title: t('users.username'), dataIndex: 'username', width: 190,
            render: (v: string, u) => (
              <Space size={4}>
                <Typography.Text code style={{ whiteSpace: 'nowrap' }}>{v}</Typography.Text>
                {u.isDemo ? <Tag>{t('users.demo')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          { title: t('users.role'), dataIndex: 'role', width: 100, render: (r: Role) => t(`roles.${r}`) },
          {
            title: t('users.binding'), key: 'binding',
            render: (_: unknown, u) => u.enterpriseName ?? ([u.jurisdictionName ?? u.jurisdictionCode, u.departmentName].filter(Boolean).join(' · ') || '—'),
          },
          {
            title: t('users.status'), dataIndex: 'status', width: 130,
            render: (s: AdminUser['status'], u) => (
              <Space size={4} wrap>
                {/* keyed by status: a changed status is a new tag rather than the old one fading to its colour */}
                <Tag key={s} color={STATUS_COLORS[s]} data-testid={`status-${u.username}`} data-status={s}>{t(`users.statuses.${s}`)}</Tag>
                {u.mustChangePassword ? <Tag color="gold">{t('users.mustChange')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', width: 150, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
          {
            title: t('common.actions'), key: 'actions', width: 210,
            render: (_: unknown, u) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setEditing(u)} data-testid={`edit-${u.username}`}>{t('users.edit')}</Button>
                <Popconfirm title={t('users.resetConfirm', { name: u.displayName })} onConfirm={() => void reset(u)}>
                  <Button type="link" size="small" data-testid={`reset-${u.username}`}>{t('users.reset')}</Button>
                </Popconfirm>
                {u.status === 'locked' ? (
                  <Button type="link" size="small" onClick={() => void act(() => api.post(`/api/v1/users/${u.id}/unlock`, undefined, { silent: true }), t('users.unlocked'))}>
                    {t('users.unlock')}
                  </Button>
                ) : null}
                {u.id === me.id ? null : u.status === 'inactive' ? (
                  <Button type="link" size="small" onClick={() => void act(() => api.patch(`/api/v1/users/${u.id}`, { isActive: true }, { silent: true }), t('users.activated'))} data-testid={`activate-${u.username}`}>
                    {t('users.activate')}
                  </Button>
                ) : (
                  <Popconfirm title={t('users.deactivateConfirm', { name: u.displayName })} onConfirm={() => void act(() => api.patch(`/api/v1/users/${u.id}`, { isActive: false }, { silent: true }), t('users.deactivated'))}>
                    <Button type="link" size="small" danger data-testid={`deactivate-${u.username}`}>{t('users.deactivate')}</Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <UserFormDrawer
        open={editing !== null}
        user={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={(result) => {
          setEditing(null);
          void refresh();
          if ('temporaryPassword' in result) setIssued(result);
          else void message.success(t('users.saved'));
        }}
      />
      <TemporaryPasswordModal issued={issued} onClose={() => setIssued(null)} />
    </Card>
  );
}
