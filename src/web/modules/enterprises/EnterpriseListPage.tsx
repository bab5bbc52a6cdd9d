import { DownloadOutlined, FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, downloadFile } from '../../api/client.ts';
import type { Enterprise, EnterprisePage, User } from '../../api/types.ts';
import { hasPermission } from '../../app/navigation.ts';
import { formatNumber } from '../../components/format.ts';
import { EnterpriseFilterBar } from './EnterpriseFilterBar.tsx';
import { AboveScaleBadge, CompactTagList, SizeClassTag } from './EnterpriseTags.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { useDivisions } from '../reference/reference.hooks.ts';
import { PAGE_SIZES, enterpriseApiQuery, enterpriseFilterQuery, sortFromTable, tableOrder } from './enterprise-list-params.ts';
import { useEnterpriseListState } from './useEnterpriseListState.ts';

export function EnterpriseListPage({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const [state, update, reset] = useEnterpriseListState();
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const query = enterpriseApiQuery(state);
  const list = useQuery({
    queryKey: ['enterprises', 'list', query],
    queryFn: ({ signal }) => api.get<EnterprisePage>('/api/v1/enterprises', query, { signal }),
    placeholderData: keepPreviousData,
  });
  const divisions = useDivisions();
  /** The county of a street, shown when the user sees more than one county. */
  const countyOf = (code: string): string | null => {
    const division = divisions.byCode.get(code);
    if (!division || division.level !== 'street' || !division.parentCode) return null;
    if (user.jurisdictionCode && division.parentCode.startsWith(user.jurisdictionCode)) return null;
    return divisions.names.get(division.parentCode) ?? null;
  };
  const canCreate = hasPermission(user, 'enterprises.create');
  const canImport = hasPermission(user, 'enterprises.import');
  const canExport = hasPermission(user, 'enterprises.export');

  const exportExcel = async () => {
    setExporting(true);
    try {
      await downloadFile('/api/v1/enterprises/export.xlsx', { ...enterpriseFilterQuery(state), sort: state.sort ?? undefined }, t('enterprises.exportFileName'));
    } catch {
      // The client has shown the error.
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<Enterprise> = [
    {
      title: t('fields.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortDirections: ['ascend'],
      sortOrder: tableOrder(state.sort, 'name'),
      width: 220,
      fixed: 'left',
      ellipsis: true,
      render: (name: string, row) => <Link to={`/enterprises/${row.id}`}>{name}</Link>,
    },
    {
      title: t('fields.creditCode'),
      dataIndex: 'creditCode',
      key: 'creditCode',
      width: 166,
      render: (code: string) => <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }}>{code}</Typography.Text>,
    },
    {
      title: t('fields.division'),
      dataIndex: 'divisionName',
      key: 'division',
      width: 140,
      ellipsis: true,
      render: (name: string, row) => {
        const county = countyOf(row.divisionCode);
        return county ? `${county}·${name}` : name;
      },
    },
    {
      title: t('fields.industry'),
      dataIndex: 'industryName',
      key: 'industry',
      width: 160,
      ellipsis: { showTitle: false },
      render: (name: string, row) => (
        <Tooltip title={`${row.industryCode} ${name}`} placement="topLeft">
          {name}
        </Tooltip>
      ),
    },
    {
      title: t('fields.employees'),
      dataIndex: 'employees',
      key: 'employees',
      align: 'right',
      width: 84,
      sorter: true,
      sortOrder: tableOrder(state.sort, 'employees'),
      render: (n: number | null) => <span className="gaodi-num">{formatNumber(n, i18n.language, 0)}</span>,
    },
    {
      title: t('fields.revenueWanShort'),
      dataIndex: 'revenueWan',
      key: 'revenueWan',
      align: 'right',
      width: 116,
      sorter: true,
      sortOrder: tableOrder(state.sort, 'revenueWan'),
      render: (n: number | null) => <span className="gaodi-num">{formatNumber(n, i18n.language)}</span>,
    },
    {
      title: t('fields.sizeClass'),
      dataIndex: 'sizeClass',
      key: 'sizeClass',
      width: 74,
      render: (_: unknown, row) => <SizeClassTag sizeClass={row.sizeClass} />,
    },
    {
      title: t('fields.aboveScale'),
      dataIndex: 'aboveScale',
      key: 'aboveScale',
      width: 62,
      render: (v: boolean) => <AboveScaleBadge aboveScale={v} short />,
    },
    { title: t('fields.tags'), dataIndex: 'tags', key: 'tags', width: 126, render: (tags: string[]) => <CompactTagList values={tags} /> },
  ];

  return (
    <Card
      title={
        <Space size={8}>
          <span>{t('enterprises.title')}</span>
          {list.data ? (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
              {t(list.data.totalIsEstimate ? 'enterprises.totalCountEstimate' : 'enterprises.totalCount', { count: list.data.total })}
            </Typography.Text>
          ) : null}
          {list.data?.items.some((e) => e.isDemo) ? (
            <Tooltip title={t('enterprises.demoHint')}>
              <Tag style={{ fontWeight: 'normal' }}>{t('enterprises.demoData')}</Tag>
            </Tooltip>
          ) : null}
        </Space>
      }
      extra={
        <Space size={8}>
          {canImport ? (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              {t('enterprises.import')}
            </Button>
          ) : null}
          {canExport ? (
            <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportExcel()}>
              {t('enterprises.export')}
            </Button>
          ) : null}
          {canImport ? (
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void downloadFile('/api/v1/enterprises/import-template.xlsx', {}, t('enterprises.templateFileName')).catch(() => {})}
            >
              {t('enterprises.template')}
            </Button>
          ) : null}
          {canCreate ? (
            <Link to="/enterprises/new">
              <Button type="primary" icon={<PlusOutlined />}>
                {t('enterprises.create')}
              </Button>
            </Link>
          ) : null}
        </Space>
      }
      styles={{ body: { paddingTop: 12 } }}
    >
      <EnterpriseFilterBar state={state} onChange={update} onReset={reset} />
      <Table<Enterprise>
        style={{ marginTop: 12 }}
        size="small"
        rowKey="id"
        bordered
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 1140 }}
        data-testid="enterprise-table"
        pagination={{
          current: state.page,
          pageSize: state.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES.map(String),
          showTotal: (total) => t(list.data?.totalIsEstimate ? 'common.totalEstimate' : 'common.total', { count: total }),
          size: 'small',
        }}
        onChange={(pagination, _filters, sorter, extra) => {
          if (extra.action === 'sort') {
            const one = Array.isArray(sorter) ? sorter[0] : sorter;
            update({ sort: sortFromTable(one?.columnKey ? String(one.columnKey) : undefined, one?.order) });
            return;
          }
          if (extra.action === 'paginate') update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? state.pageSize });
        }}
      />
      {importing ? <ImportDialog onClose={() => setImporting(false)} /> : null}
    </Card>
  );
}
