import { ArrowLeftOutlined, EditOutlined, FileExcelOutlined, LinkOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Input, Result, Row, Segmented, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, downloadFile } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { FullPageSpin } from '../../app/auth.tsx';
import { useUrlSearchParams } from '../../app/useUrlSearchParams.ts';
import { EChart } from '../../components/EChart.tsx';
import { formatNumber } from '../../components/format.ts';
import { useDivisions } from '../reference/reference.hooks.ts';
import { ExemptTag, LevelTag, VerificationTag } from './PolicyBadges.tsx';
import { usePolicyItem, usePolicyMatches } from './policies.hooks.ts';
import { byDistrictOption, formatBenefit, formatConditionValue, formatRuleValue } from './policy-format.ts';
import { MATCH_PAGE_SIZES, parseMatchesParams, toMatchesQuery, toMatchesSearch } from './policy-params.ts';
import type { MatchesParams } from './policy-params.ts';
import type { PolicyItemDetail, PolicyMatchRow } from './policy-types.ts';

/** One item: the article, the rule in words, eligible firms and near misses in scope, by district. */
export function PolicyItemPage({ user }: { user: User }) {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [params, setParams] = useUrlSearchParams();
  const state = useMemo(() => parseMatchesParams(params), [params]);
  const update = useCallback(
    (change: Partial<MatchesParams>) => setParams((current) => toMatchesSearch({ ...parseMatchesParams(current), page: 1, ...change })),
    [setParams],
  );
  const item = usePolicyItem(id, state.asOf);
  if (item.isLoading) return <FullPageSpin />;
  if (item.error || !item.data) {
    const notFound = item.error instanceof ApiError && item.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('policies.notFound') : t('errors.loadFailed')}
        extra={
          <Link to="/policies">
            <Button>{t('policies.backToList')}</Button>
          </Link>
        }
      />
    );
  }
  return <PolicyItemView user={user} item={item.data} state={state} update={update} />;
}

function PolicyItemView({ user, item, state, update }: { user: User; item: PolicyItemDetail; state: MatchesParams; update: (change: Partial<MatchesParams>) => void }) {
  const { t, i18n } = useTranslation();
  const matches = usePolicyMatches(item.id, state);
  const divisions = useDivisions();
  const [q, setQ] = useState(state.q);
  const [exporting, setExporting] = useState(false);
  const chart = useMemo(() => byDistrictOption(item.byDistrict, t('policies.fields.eligibleCount')), [item.byDistrict, t]);
  const canExport = user.permissions ? user.permissions.includes('policies.export') : user.role !== 'enterprise';
  const canWrite = user.permissions ? user.permissions.includes('policies.write') : ['admin', 'city', 'district'].includes(user.role);
  const nearMiss = state.kind === 'near-miss';

  const exportExcel = async () => {
    setExporting(true);
    try {
      const { page: _p, pageSize: _s, ...query } = toMatchesQuery(state);
      await downloadFile(`/api/v1/policy-items/${encodeURIComponent(item.id)}/matches.xlsx`, query, `${item.id}.xlsx`);
    } catch {
      // The client has shown the error.
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<PolicyMatchRow> = [
    {
      title: t('fields.name'),
      dataIndex: 'name',
      key: 'name',
      width: 240,
      ellipsis: true,
      render: (name: string, row) => <Link to={`/policy-matches/${row.enterpriseId}${state.asOf ? `?asOf=${state.asOf}` : ''}`}>{name}</Link>,
    },
    { title: t('fields.creditCode'), dataIndex: 'creditCode', key: 'creditCode', width: 170, render: (code: string) => <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }}>{code}</Typography.Text> },
    { title: t('fields.division'), dataIndex: 'divisionName', key: 'division', width: 130, ellipsis: true, render: (name: string | null, row) => name ?? row.divisionCode },
    ...(nearMiss
      ? [
          { title: t('policies.missing'), key: 'miss', width: 280, render: (_: unknown, row: PolicyMatchRow) => <Typography.Text type="danger">{row.miss?.label ?? '—'}</Typography.Text> },
          { title: t('policies.actual'), key: 'actual', width: 150, align: 'right' as const, render: (_: unknown, row: PolicyMatchRow) => formatConditionValue(row.miss, 'actual', i18n.language) },
          { title: t('policies.required'), key: 'required', width: 150, align: 'right' as const, render: (_: unknown, row: PolicyMatchRow) => formatConditionValue(row.miss, 'required', i18n.language) },
          { title: t('policies.gapColumn'), key: 'gap', width: 110, align: 'right' as const, render: (_: unknown, row: PolicyMatchRow) => (row.miss?.gap === undefined ? '—' : formatRuleValue(row.miss.gap, i18n.language)) },
        ]
      : []),
    { title: t('policies.fields.benefit'), key: 'benefit', width: 160, align: 'right', render: (_: unknown, row) => formatBenefit(row.benefit, t, i18n.language) },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card styles={{ body: { padding: '16px 20px' } }}>
        <Link to={`/policies${state.asOf ? `?asOf=${state.asOf}` : ''}`} style={{ fontSize: 12 }}>
          <ArrowLeftOutlined /> {t('policies.backToList')}
        </Link>
        <Typography.Title level={4} style={{ margin: '4px 0 8px' }} data-testid="policy-title">
          {item.title}
        </Typography.Title>
        <Space size={8} wrap>
          <LevelTag level={item.level} />
          <ExemptTag exempt={item.exemptFromApplication} />
          <VerificationTag item={item} />
          {item.inForce ? null : <Tag color="default">{t('policies.notInForce')}</Tag>}
          <Typography.Text type="secondary">{item.issuer}</Typography.Text>
          <Tag>v{item.version}{item.effectiveFrom ? ` · ${item.effectiveFrom}` : ''}</Tag>
          {canWrite ? (
            <Link to={`/policies/${encodeURIComponent(item.id)}/edit`}>
              <Button size="small" icon={<EditOutlined />} data-testid="policy-edit">
                {t('policyAuthoring.edit')}
              </Button>
            </Link>
          ) : null}
        </Space>
        {item.verification !== 'confirmed' ? (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('policies.pendingTitle')} description={item.verificationNote} data-testid="verification-note" />
        ) : null}
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Card title={t('policies.document')} size="small">
            <Descriptions size="small" column={1} bordered styles={{ label: { width: 120 } }}>
              <Descriptions.Item label={t('policies.fields.documentTitle')}>
                <Space size={8} wrap>
                  <Link to={`/policy-documents/${encodeURIComponent(item.documentId)}`} data-testid="policy-document-link">
                    {item.documentTitle}
                  </Link>
                  <a href={item.sourceUrl} target="_blank" rel="noreferrer noopener" style={{ fontSize: 12 }}>
                    <LinkOutlined /> {t('policyDocuments.source')}
                  </a>
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.documentNumber')}>{item.documentNumber ?? t('policies.documentNumberPending')}</Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.validity')}>
                {item.validFrom ?? t('policies.unknownDate')} ~ {item.validTo ?? t('policies.openEnded')}
              </Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.article')}>
                <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }} data-testid="policy-article">
                  {item.article}
                </Typography.Paragraph>
              </Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.rule')}>
                <ol style={{ margin: 0, paddingLeft: 18 }} data-testid="policy-conditions">
                  {item.conditions.map((c) => (
                    <li key={c.index}>{c.label}</li>
                  ))}
                </ol>
              </Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.benefit')}>
                {item.benefitText ? <div>{item.benefitText}{item.benefitCapWan !== null ? ` (${t('policies.cap', { cap: formatNumber(item.benefitCapWan, i18n.language) })})` : ''}</div> : null}
                <Typography.Text type="secondary">{item.benefitNote}</Typography.Text>
              </Descriptions.Item>
              {item.unencodedConditions.length ? (
                <Descriptions.Item label={t('policies.fields.unencoded')}>
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {item.unencodedConditions.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                </Descriptions.Item>
              ) : null}
              {item.applicationNote ? <Descriptions.Item label={t('policies.fields.application')}>{item.applicationNote}</Descriptions.Item> : null}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('policies.byDistrict')} size="small">
            <Space size={24} style={{ marginBottom: 8 }}>
              <div>
                <Typography.Text type="secondary">{t('policies.fields.eligibleCount')}</Typography.Text>
                <div style={{ fontSize: 22, fontWeight: 600 }} data-testid="eligible-count">{formatNumber(item.eligibleCount, i18n.language, 0)}</div>
              </div>
              <div>
                <Typography.Text type="secondary">{t('policies.fields.nearMissCount')}</Typography.Text>
                <div style={{ fontSize: 22, fontWeight: 600 }}>{formatNumber(item.nearMissCount, i18n.language, 0)}</div>
              </div>
              <div>
                <Typography.Text type="secondary">{t('policies.fields.totalBenefitWan')}</Typography.Text>
                <div style={{ fontSize: 22, fontWeight: 600 }}>{item.benefitEstimable ? formatNumber(item.totalBenefitWan, i18n.language) : t('policies.benefit.notEstimable')}</div>
              </div>
            </Space>
            {item.byDistrict.length ? (
              <EChart
                option={chart}
                height={Math.max(160, item.byDistrict.length * 28)}
                ariaLabel={t('policies.byDistrict')}
                onItemClick={(event) => {
                  const code = (event.data as { code?: string } | undefined)?.code;
                  if (code) update({ division: code, kind: 'eligible' });
                }}
              />
            ) : (
              <Typography.Text type="secondary">{t('policies.noEligible')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      <Card
        title={
          <Segmented
            value={state.kind}
            onChange={(kind) => update({ kind: kind === 'near-miss' ? 'near-miss' : 'eligible' })}
            options={[
              { value: 'eligible', label: t('policies.eligibleTab') },
              { value: 'near-miss', label: t('policies.nearMissTab') },
            ]}
            data-testid="matches-kind"
          />
        }
        extra={
          canExport ? (
            <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportExcel()} data-testid="matches-export">
              {t('policies.export')}
            </Button>
          ) : null
        }
      >
        {nearMiss ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t('policies.nearMissIntro')}
          </Typography.Paragraph>
        ) : null}
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('policies.searchPlaceholder')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(value) => update({ q: value.trim() })}
            style={{ width: 260 }}
          />
          <TreeSelect
            allowClear
            showSearch
            treeNodeFilterProp="title"
            style={{ width: 240 }}
            placeholder={t('fields.division')}
            treeData={divisions.tree}
            value={state.division ?? undefined}
            onChange={(value: string | undefined) => update({ division: value ?? null })}
          />
        </Space>
        <Table<PolicyMatchRow>
          rowKey="enterpriseId"
          size="small"
          loading={matches.isFetching}
          columns={columns}
          dataSource={matches.data?.items ?? []}
          scroll={{ x: nearMiss ? 1400 : 800 }}
          data-testid={nearMiss ? 'near-miss-table' : 'eligible-table'}
          pagination={{
            current: state.page,
            pageSize: state.pageSize,
            total: matches.data?.total ?? 0,
            pageSizeOptions: MATCH_PAGE_SIZES.map(String),
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page, pageSize) => update({ page: pageSize === state.pageSize ? page : 1, pageSize }),
          }}
        />
      </Card>
    </Space>
  );
}
