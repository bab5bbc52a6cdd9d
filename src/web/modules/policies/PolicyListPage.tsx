import { CalculatorOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { User } from '../../api/types.ts';
import { formatNumber } from '../../components/format.ts';
import { MatchRunBar } from './MatchRunBar.tsx';
import { usePolicyDrafts } from './authoring.hooks.ts';
import { ExemptTag, LevelTag, VerificationTag } from './PolicyBadges.tsx';
import { usePolicyItems } from './policies.hooks.ts';
import { isIsoDate } from './policy-params.ts';
import type { PolicyItemSummary } from './policy-types.ts';

/** 政策库: every item with its level, 文号, validity, 免申即享, verification, and the matches in the caller's scope. */
export function PolicyListPage({ user }: { user?: User } = {}) {
  const { t, i18n } = useTranslation();
  const canWrite = user ? (user.permissions ? user.permissions.includes('policies.write') : ['admin', 'city', 'district'].includes(user.role)) : false;
  const drafts = usePolicyDrafts(canWrite);
  const [params, setParams] = useSearchParams();
  const asOf = isIsoDate(params.get('asOf')) ? params.get('asOf') : null;
  const list = usePolicyItems(asOf);
  const num = (value: number | null) => formatNumber(value, i18n.language, 2);
  const pending = list.data?.items.filter((i) => i.verification !== 'confirmed').length ?? 0;
  const linkTo = (id: string) => `/policies/${encodeURIComponent(id)}${asOf ? `?asOf=${asOf}` : ''}`;

  const columns: TableColumnsType<PolicyItemSummary> = [
    {
      title: t('policies.fields.title'),
      dataIndex: 'title',
      key: 'title',
      width: 340,
      fixed: 'left',
      render: (title: string, row) => (
        <Space orientation="vertical" size={0}>
          <Link to={linkTo(row.id)} data-testid="policy-link">
            {title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <Link to={`/policy-documents/${encodeURIComponent(row.documentId)}`} data-testid="policy-document-link">
              {row.documentTitle}
            </Link>{' '}
            · {row.issuer}
          </Typography.Text>
          {row.verification !== 'confirmed' ? (
            <Typography.Paragraph type="warning" style={{ fontSize: 12, marginBottom: 0 }} ellipsis={{ rows: 2, tooltip: row.verificationNote }} data-testid="verification-note">
              {t('policies.pendingTitle')}: {row.verificationNote}
            </Typography.Paragraph>
          ) : null}
        </Space>
      ),
    },
    { title: t('policies.fields.level'), dataIndex: 'level', key: 'level', width: 90, render: (_: unknown, row) => <LevelTag level={row.level} /> },
    {
      title: t('policies.fields.documentNumber'),
      dataIndex: 'documentNumber',
      key: 'documentNumber',
      width: 200,
      render: (value: string | null) => value ?? <Typography.Text type="warning">{t('policies.documentNumberPending')}</Typography.Text>,
    },
    {
      title: t('policies.fields.validity'),
      key: 'validity',
      width: 200,
      render: (_: unknown, row) => (
        <Space orientation="vertical" size={0}>
          <span>
            {row.validFrom ?? t('policies.unknownDate')} ~ {row.validTo ?? t('policies.openEnded')}
          </span>
          {row.inForce ? null : <Typography.Text type="danger">{t('policies.notInForce')}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('policies.exempt'), dataIndex: 'exemptFromApplication', key: 'exempt', width: 110, render: (value: boolean) => <ExemptTag exempt={value} /> },
    { title: t('policies.fields.verification'), key: 'verification', width: 100, render: (_: unknown, row) => <VerificationTag item={row} /> },
    {
      title: t('policies.fields.eligibleCount'),
      dataIndex: 'eligibleCount',
      key: 'eligibleCount',
      align: 'right',
      width: 110,
      render: (value: number | null, row) => (value === null ? '—' : <Link to={linkTo(row.id)} className="gaodi-num">{formatNumber(value, i18n.language, 0)}</Link>),
    },
    {
      title: t('policies.fields.nearMissCount'),
      dataIndex: 'nearMissCount',
      key: 'nearMissCount',
      align: 'right',
      width: 110,
      render: (value: number | null) => <span className="gaodi-num">{formatNumber(value, i18n.language, 0)}</span>,
    },
    {
      title: t('policies.fields.totalBenefitWan'),
      dataIndex: 'totalBenefitWan',
      key: 'totalBenefitWan',
      align: 'right',
      width: 150,
      render: (value: number | null, row) =>
        row.inForce && !row.benefitEstimable ? <Typography.Text type="secondary">{t('policies.benefit.notEstimable')}</Typography.Text> : <span className="gaodi-num">{num(value)}</span>,
    },
  ];

  return (
    <Card
      title={t('policies.title')}
      extra={
        <Space>
          <Typography.Text type="secondary">{t('policies.asOf')}</Typography.Text>
          <DatePicker
            value={asOf ? dayjs(asOf) : null}
            placeholder={t('policies.today')}
            onChange={(value) => setParams(value ? { asOf: value.format('YYYY-MM-DD') } : {})}
            data-testid="policies-as-of"
          />
          <Link to="/policy-calculator">
            <Button icon={<CalculatorOutlined />}>{t('nav.policyCalculator')}</Button>
          </Link>
          {canWrite ? (
            <Link to="/policies/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="policy-new">
                {t('policyAuthoring.newItem')}
              </Button>
            </Link>
          ) : null}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('policies.intro')}
      </Typography.Paragraph>
      <MatchRunBar canStart={canWrite} />
      {drafts.data && drafts.data.items.length > 0 ? (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          title={t('policyAuthoring.drafts')}
          description={
            <Space wrap>
              {drafts.data.items.map((d) => (
                <Link key={d.id} to={`/policies/${encodeURIComponent(d.id)}/edit`} data-testid="policy-draft">
                  {d.title} (v{d.version})
                </Link>
              ))}
            </Space>
          }
        />
      ) : null}
      {pending > 0 ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('policies.pendingBanner', { count: pending })} /> : null}
      <Table<PolicyItemSummary>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1300 }}
        data-testid="policies-table"
      />
      {list.data ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
          {t('policies.footnote', { asOf: list.data.asOf, version: list.data.catalogueVersion })}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
