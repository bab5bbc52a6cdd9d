import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Drawer, Result, Space, Table, Tabs, Typography } from 'antd';
import type { DescriptionsProps, TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api/client.ts';
import type { EnterpriseDetail, User, YearlyIndicator } from '../../api/types.ts';
import { FullPageSpin } from '../../app/auth.tsx';
import { canUse, hasPermission } from '../../app/navigation.ts';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { EnterpriseForm } from './EnterpriseForm.tsx';
import { EnterpriseHistory } from './EnterpriseHistory.tsx';
import { AboveScaleBadge, SizeClassTag, TagList } from './EnterpriseTags.tsx';
import { toEnterprisePatch, toFormValues } from './enterprise-form.ts';
import type { EnterpriseFormValues } from './enterprise-form.ts';
import { enterpriseKey, historyKey, useEnterprise } from './enterprise.hooks.ts';
import { IndicatorYearForm, type IndicatorYearValues } from './IndicatorYearForm.tsx';
import { INDICATOR_FIELDS, nextIndicatorYear, toIndicatorBody } from './indicator-year.ts';
import { EnterpriseServicePanel } from '../service/EnterpriseServicePanel.tsx';
import { EnterprisePolicyPanel } from '../policies/EnterprisePolicyPanel.tsx';

/** What the server refuses an enterprise user to change on its own record (enterprises.service.ts). */
const ENTERPRISE_LOCKED_FIELDS = ['creditCode', 'name', 'divisionCode', 'industryCode', 'tags'] as const;


export function EnterpriseDetailPage({ user, enterpriseId }: { user: User; enterpriseId?: string }) {
  const params = useParams();
  const id = enterpriseId ?? params.id ?? '';
  const { t } = useTranslation();
  const detail = useEnterprise(id);

  if (detail.isLoading) return <FullPageSpin />;
  if (detail.error || !detail.data) {
    // A malformed id in the URL is answered 400 by the server: for the reader it is not found either.
    const notFound = detail.error instanceof ApiError && (detail.error.status === 404 || detail.error.code === 'VALIDATION_FAILED');
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('enterprises.notFound') : t('errors.loadFailed')}
        subTitle={detail.error instanceof ApiError && !notFound ? detail.error.message : undefined}
        extra={
          canUse(user.role, 'registry') ? (
            <Link to="/enterprises">
              <Button>{t('enterprises.backToList')}</Button>
            </Link>
          ) : null
        }
      />
    );
  }
  return <EnterpriseDetailView user={user} enterprise={detail.data} />;
}

function EnterpriseDetailView({ user, enterprise }: { user: User; enterprise: EnterpriseDetail }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [yearForm, setYearForm] = useState<(Partial<YearlyIndicator> & { year: number }) | null>(null);
  const [tab, setTab] = useState('basic');
  const initialValues = useMemo(() => toFormValues(enterprise), [enterprise]);
  const canEdit = hasPermission(user, 'enterprises.update');
  const num = (value: number | null, digits = 2) => formatNumber(value, i18n.language, digits);

  const save = async (values: EnterpriseFormValues) => {
    const patch = toEnterprisePatch(initialValues, values, enterprise.version);
    if (Object.keys(patch).length === 1) {
      setEditing(false);
      return;
    }
    try {
      const updated = await api.patch<EnterpriseDetail>(`/api/v1/enterprises/${encodeURIComponent(enterprise.id)}`, patch, { silent: true });
      client.setQueryData(enterpriseKey(enterprise.id), updated);
      void client.invalidateQueries({ queryKey: historyKey(enterprise.id) });
      void client.invalidateQueries({ queryKey: ['enterprises', 'list'] });
      void message.success(t('enterprises.saved'));
      setEditing(false);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ENTERPRISE_VERSION_CONFLICT') {
        void message.warning(error.message);
        await client.invalidateQueries({ queryKey: enterpriseKey(enterprise.id) });
        setEditing(false);
        return;
      }
      throw error;
    }
  };

  const saveYear = async ({ year, ...figures }: IndicatorYearValues) => {
    const updated = await api.put<EnterpriseDetail>(`/api/v1/enterprises/${encodeURIComponent(enterprise.id)}/indicators/${year}`, toIndicatorBody(figures));
    client.setQueryData(enterpriseKey(enterprise.id), updated);
    void client.invalidateQueries({ queryKey: historyKey(enterprise.id) });
    void client.invalidateQueries({ queryKey: ['enterprises', 'list'] });
    void message.success(t('enterprises.saved'));
    setYearForm(null);
  };
  const years = enterprise.indicators.map((i) => i.year);

  const items: DescriptionsProps['items'] = [
    { key: 'creditCode', label: t('fields.creditCode'), children: <Typography.Text copyable style={{ fontFamily: 'monospace' }}>{enterprise.creditCode}</Typography.Text> },
    { key: 'division', label: t('fields.division'), children: enterprise.divisionName },
    { key: 'industry', label: t('fields.industry'), children: `${enterprise.industryCode} ${enterprise.industryName}` },
    { key: 'foundedOn', label: t('fields.foundedOn'), children: enterprise.foundedOn ?? '—' },
    { key: 'sizeClass', label: t('fields.sizeClass'), children: <SizeClassTag sizeClass={enterprise.sizeClass} /> },
    { key: 'aboveScale', label: t('fields.aboveScale'), children: <AboveScaleBadge aboveScale={enterprise.aboveScale} /> },
    { key: 'employees', label: t('fields.employees'), children: <span data-testid="detail-employees">{num(enterprise.employees, 0)}</span> },
    { key: 'revenueWan', label: t('fields.revenueWan'), children: num(enterprise.revenueWan) },
    { key: 'mainBusinessRevenueWan', label: t('fields.mainBusinessRevenueWan'), children: num(enterprise.mainBusinessRevenueWan) },
    { key: 'assetsWan', label: t('fields.assetsWan'), children: num(enterprise.assetsWan) },
    { key: 'rdExpenseWan', label: t('fields.rdExpenseWan'), children: num(enterprise.rdExpenseWan) },
    { key: 'taxWan', label: t('fields.taxWan'), children: num(enterprise.taxWan) },
    { key: 'landMu', label: t('fields.landMu'), children: num(enterprise.landMu) },
    { key: 'energyTce', label: t('fields.energyTce'), children: num(enterprise.energyTce) },
    { key: 'patents', label: t('fields.patents'), children: num(enterprise.patents, 0) },
    { key: 'exportWan', label: t('fields.exportWan'), children: num(enterprise.exportWan) },
    { key: 'parkName', label: t('fields.parkName'), children: enterprise.parkName ?? '—' },
    { key: 'legalRepresentative', label: t('fields.legalRepresentative'), children: enterprise.legalRepresentative ?? '—' },
    { key: 'contactName', label: t('fields.contactName'), children: enterprise.contactName ?? '—' },
    { key: 'contactPhone', label: t('fields.contactPhone'), children: enterprise.contactPhone ?? '—' },
    { key: 'address', label: t('fields.address'), children: enterprise.address ?? '—', span: 'filled' },
    { key: 'tags', label: t('fields.tags'), children: enterprise.tags.length ? <TagList values={enterprise.tags} /> : '—', span: 'filled' },
    { key: 'updatedAt', label: t('fields.updatedAt'), children: formatDateTime(enterprise.updatedAt), span: 'filled' },
  ];

  const indicatorColumns: TableColumnsType<YearlyIndicator> = [
    {
      title: t('fields.year'),
      dataIndex: 'year',
      width: 90,
      fixed: 'left',
      render: (year: number, row) =>
        canEdit ? (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setYearForm(row)}>
            {year}
          </Button>
        ) : (
          year
        ),
    },
    ...INDICATOR_FIELDS.map((field) => ({
      title: t(`fields.${field}`),
      dataIndex: field,
      align: 'right' as const,
      render: (value: number | null) => (
        <span className="gaodi-num">{num(value, field === 'employees' || field === 'patents' ? 0 : 2)}</span>
      ),
    })),
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card styles={{ body: { padding: '16px 20px' } }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, alignItems: 'flex-start' }}>
          <div>
            {canUse(user.role, 'registry') ? (
              <Link to="/enterprises" style={{ fontSize: 12 }}>
                <ArrowLeftOutlined /> {t('enterprises.backToList')}
              </Link>
            ) : null}
            <Typography.Title level={4} style={{ margin: '4px 0 8px' }} data-testid="enterprise-name">
              {enterprise.name}
            </Typography.Title>
            <Space size={8} wrap>
              <SizeClassTag sizeClass={enterprise.sizeClass} />
              <AboveScaleBadge aboveScale={enterprise.aboveScale} />
              <Typography.Text type="secondary">{enterprise.divisionName}</Typography.Text>
              <Typography.Text type="secondary">{enterprise.industryName}</Typography.Text>
              {enterprise.isDemo ? <Typography.Text type="warning">{t('enterprises.demoHint')}</Typography.Text> : null}
            </Space>
          </div>
          {canEdit ? (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="enterprise-edit">
              {t('common.edit')}
            </Button>
          ) : null}
        </div>
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'basic',
              label: t('enterprises.tabs.basic'),
              children: <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} items={items} styles={{ label: { width: 150, whiteSpace: 'nowrap' } }} />,
            },
            {
              key: 'indicators',
              label: t('enterprises.tabs.indicators'),
              children: (
                <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                {canEdit ? (
                  <Button size="small" icon={<EditOutlined />} onClick={() => {
                      const year = nextIndicatorYear(years);
                      setYearForm(enterprise.indicators.find((i) => i.year === year) ?? { year });
                    }} data-testid="indicator-add">
                    {t('indicators.add')}
                  </Button>
                ) : null}
                <Table<YearlyIndicator>
                  size="small"
                  bordered
                  rowKey="year"
                  columns={indicatorColumns}
                  dataSource={[...enterprise.indicators].sort((a, b) => b.year - a.year)}
                  pagination={false}
                  scroll={{ x: 1100 }}
                />
                </Space>
              ),
            },
            { key: 'history', label: t('enterprises.tabs.history'), children: <EnterpriseHistory id={enterprise.id} /> },
            ...(canUse(user.role, 'serviceRequests') ? [{ key: 'service', label: t('service.enterprise.tab'), children: <EnterpriseServicePanel enterpriseId={enterprise.id} /> }] : []),
            { key: 'policies', label: t('policyAuthoring.enterpriseTab.title'), children: <EnterprisePolicyPanel user={user} enterpriseId={enterprise.id} /> },
          ]}
        />
      </Card>
      <Drawer open={yearForm !== null} onClose={() => setYearForm(null)} title={t('indicators.title', { name: enterprise.name })} size={560} destroyOnHidden>
        {yearForm ? <IndicatorYearForm initial={yearForm} years={years} onSubmit={saveYear} onCancel={() => setYearForm(null)} /> : null}
      </Drawer>
      <Drawer
        open={editing}
        onClose={() => setEditing(false)}
        title={t('enterprises.editTitle', { name: enterprise.name })}
        size={880}
        destroyOnHidden
      >
        <EnterpriseForm
          initialValues={initialValues}
          submitText={t('common.save')}
          onSubmit={save}
          onCancel={() => setEditing(false)}
          lockedFields={user.role === 'enterprise' ? ENTERPRISE_LOCKED_FIELDS : []}
        />
      </Drawer>
    </Space>
  );
}
