import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Input, Select, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { urlPaging, withListChange } from '../../app/list-state.ts';
import { useUrlSearchParams } from '../../app/useUrlSearchParams.ts';
import { formatDateTime } from '../../components/format.ts';
import { loginLogQuery, parseLoginLogParams, toLoginLogParams, type LoginLogState } from './users-params.ts';
import { LOGIN_OUTCOMES, type LoginEvent } from './users-types.ts';

const OUTCOME_COLORS: Record<string, string> = { success: 'green', 'bad-credentials': 'orange', locked: 'red', 'unknown-user': 'default', inactive: 'default' };

/** 登录日志 (admins): every sign-in attempt, filtered by user name, outcome and dates kept in the URL. */
export function LoginEventsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useUrlSearchParams();
  const state = useMemo(() => parseLoginLogParams(params), [params]);
  const [username, setUsername] = useState(state.username);
  useEffect(() => setUsername(state.username), [state.username]);
  const update = (change: Partial<LoginLogState>) => setParams((current) => toLoginLogParams(withListChange(parseLoginLogParams(current), change)));
  const query = loginLogQuery(state);
  const list = useQuery({
    queryKey: ['login-events', query],
    queryFn: ({ signal }) => api.get<Page<LoginEvent>>('/api/v1/login-events', query, { signal }),
    placeholderData: keepPreviousData,
  });

  return (
    <Card title={t('users.loginLog')} extra={<Link to="/users">{t('users.title')}</Link>}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <Input.Search
          allowClear enterButton style={{ width: 220 }} placeholder={t('users.username')} value={username}
          onChange={(e) => setUsername(e.target.value)} onSearch={(value) => update({ username: value.trim() })}
        />
        <Select
          allowClear style={{ width: 160 }} placeholder={t('users.outcome')} value={state.outcome ?? undefined}
          options={LOGIN_OUTCOMES.map((o) => ({ value: o, label: t(`users.outcomes.${o}`) }))}
          onChange={(value: (typeof LOGIN_OUTCOMES)[number] | undefined) => update({ outcome: value ?? null })}
        />
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          value={[state.from ? dayjs(state.from) : null, state.to ? dayjs(state.to) : null]}
          onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD') ?? null, to: range?.[1]?.format('YYYY-MM-DD') ?? null })}
        />
        <Button icon={<ReloadOutlined />} onClick={() => setParams(() => new URLSearchParams())}>{t('common.reset')}</Button>
      </div>
      <Table<LoginEvent>
        size="small" bordered rowKey="id" loading={list.isFetching} dataSource={list.data?.items ?? []} data-testid="login-events-table"
        {...urlPaging({ page: state.page, pageSize: state.pageSize, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { count: total }), update })}
        columns={[
          { title: t('users.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
          { title: t('users.username'), dataIndex: 'username', width: 160 },
          { title: t('users.outcome'), dataIndex: 'outcome', width: 140, render: (o: string) => <Tag color={OUTCOME_COLORS[o] ?? 'default'}>{t(`users.outcomes.${o}`, { defaultValue: o })}</Tag> },
          { title: t('users.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}
