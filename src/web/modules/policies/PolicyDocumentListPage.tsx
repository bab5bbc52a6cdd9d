import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { User } from '../../api/types.ts';
import { urlPaging, withListChange } from '../../app/list-state.ts';
import { useUrlSearchParams } from '../../app/useUrlSearchParams.ts';
import { DocumentCreateModal } from './DocumentCreateModal.tsx';
import { LevelTag } from './PolicyBadges.tsx';
import { usePolicyDocuments } from './authoring.hooks.ts';
import type { PolicyDocumentSummary } from './authoring-types.ts';
import { DOCUMENT_LEVELS, DOCUMENT_PAGE_SIZES, filterDocuments, parseDocumentListParams, toDocumentListParams } from './document-list-params.ts';
import type { DocumentListState } from './document-list-params.ts';
import { usePublicPolicies } from './policies.hooks.ts';

/** 政策文件 (`/policy-documents`): the documents the caller may see, searched by title or 文号 and filtered by level; 新建政策文件 for those who may write. */
export function PolicyDocumentListPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params, setParams] = useUrlSearchParams();
  const state = useMemo(() => parseDocumentListParams(params), [params]);
  const [search, setSearch] = useState(state.q);
  useEffect(() => setSearch(state.q), [state.q]);
  const [creating, setCreating] = useState(false);
  const list = usePolicyDocuments();
  const catalogue = usePublicPolicies();
  const counties = catalogue.data?.counties ?? [];
  const canWrite = user.permissions ? user.permissions.includes('policies.write') : ['admin', 'city', 'district'].includes(user.role);
  const isDistrictOfficer = user.role === 'district';
  const documents = useMemo(() => filterDocuments(list.data?.items ?? [], state), [list.data, state]);

  // merged into the URL as it is now: a level chosen just before Enter in the search box is kept
  const update = (change: Partial<DocumentListState>) => setParams((current) => toDocumentListParams(withListChange(parseDocumentListParams(current), change)));
  const divisionName = (code: string | null) => (code ? (counties.find((c) => c.code === code)?.name ?? code) : null);

  const columns: TableColumnsType<PolicyDocumentSummary> = [
    {
      title: t('policyAuthoring.document.title'),
      dataIndex: 'title',
      key: 'title',
      render: (title: string, row) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/policy-documents/${encodeURIComponent(row.id)}`} data-testid="document-list-link">
            {title}
          </Link>
          {row.isPublic ? null : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('policyDocuments.notPublic')}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('policyAuthoring.document.level'),
      key: 'level',
      width: 110,
      render: (_: unknown, row) => (
        <Space size={4} wrap>
          <LevelTag level={row.level} />
          {row.divisionCode ? <Tag>{divisionName(row.divisionCode)}</Tag> : null}
        </Space>
      ),
    },
    { title: t('policyAuthoring.document.issuer'), dataIndex: 'issuer', key: 'issuer', width: 160 },
    {
      title: t('policyAuthoring.document.number'),
      dataIndex: 'documentNumber',
      key: 'documentNumber',
      width: 170,
      render: (value: string | null) => value ?? <Typography.Text type="warning">{t('policies.documentNumberPending')}</Typography.Text>,
    },
    { title: t('policyAuthoring.document.publishedOn'), dataIndex: 'publishedOn', key: 'publishedOn', width: 100, render: (value: string | null) => value ?? '—' },
    {
      title: t('policies.fields.validity'),
      key: 'validity',
      width: 180,
      render: (_: unknown, row) => `${row.validFrom ?? t('policies.unknownDate')} ~ ${row.validTo ?? t('policies.openEnded')}`,
    },
    { title: t('policyDocuments.list.itemCount'), dataIndex: 'itemCount', key: 'itemCount', align: 'right', width: 72, render: (value: number) => <span className="gaodi-num">{value}</span> },
    {
      title: t('policyDocuments.list.fileCount'),
      key: 'fileCount',
      align: 'right',
      width: 72,
      render: (_: unknown, row) => <span className="gaodi-num">{row.attachments.length}</span>,
    },
  ];

  return (
    <Card
      title={t('nav.policyDocuments')}
      extra={
        canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="document-new">
            {t('policyAuthoring.document.create')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('policyDocuments.list.intro')}
      </Typography.Paragraph>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <Input.Search
          allowClear
          enterButton
          style={{ width: 300 }}
          placeholder={t('policyDocuments.list.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(value) => update({ q: value.trim() })}
          data-testid="document-search"
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('policyDocuments.list.allLevels')}
          value={state.level ?? undefined}
          options={DOCUMENT_LEVELS.map((level) => ({ value: level, label: t(`policies.level.${level}`) }))}
          onChange={(value: DocumentListState['level'] | undefined) => update({ level: value ?? null })}
          data-testid="document-level"
        />
        <Button icon={<ReloadOutlined />} onClick={() => setParams(() => new URLSearchParams())}>
          {t('common.reset')}
        </Button>
      </div>
      <Table<PolicyDocumentSummary>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        columns={columns}
        dataSource={documents}
        scroll={{ x: 1100 }}
        {...urlPaging({ page: state.page, pageSize: state.pageSize, pageSizeOptions: DOCUMENT_PAGE_SIZES, showTotal: (total) => t('common.total', { count: total }), update })}
        data-testid="documents-table"
      />
      {canWrite ? (
        <DocumentCreateModal
          open={creating}
          onClose={() => setCreating(false)}
          districts={isDistrictOfficer ? counties.filter((c) => user.jurisdictionCode !== null && c.code.startsWith(user.jurisdictionCode.slice(0, 6))) : counties}
          isDistrictOfficer={isDistrictOfficer}
          onCreated={(created) => {
            setCreating(false);
            void client.invalidateQueries({ queryKey: ['policies', 'documents'] });
            navigate(`/policy-documents/${encodeURIComponent(created.id)}`);
          }}
        />
      ) : null}
    </Card>
  );
}
