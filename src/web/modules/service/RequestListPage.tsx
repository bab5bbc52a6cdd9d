import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { downloadFile } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { RequestFilterBar } from './RequestFilterBar.tsx';
import { RequestImportDialog } from './RequestImportDialog.tsx';
import { RequestStateTag } from './RequestStateTag.tsx';
import { formatDateTime } from './service-format.ts';
import { PAGE_SIZES, requestApiQuery, requestFilterQuery } from './service-list-params.ts';
import type { RequestListState } from './service-list-params.ts';
import type { ServiceRequest } from './service-types.ts';
import { useServiceCategories, useServiceDepartments, useServiceRequests } from './service.hooks.ts';
import { useRequestListState } from './useRequestListState.ts';

const CREATORS = new Set(['admin', 'city', 'district', 'street', 'enterprise']);

/** 诉求 list: filters in the URL, scoped by the server; the department queue is this list with its own default states. */
export function RequestListPage({ user, title, defaults }: { user: User; title?: string; defaults?: Partial<RequestListState> }) {
  const { t } = useTranslation();
  const [state, update, reset] = useRequestListState(defaults);
  const list = useServiceRequests(requestApiQuery(state));
  const categories = useServiceCategories();
  const departments = useServiceDepartments();
  const [exporting, setExporting] = useState(false);

  const exportExcel = async () => {
    setExporting(true);
    try {
      await downloadFile('/api/v1/service-requests/export.xlsx', requestFilterQuery(state), t('service.list.exportFileName'));
    } catch {
      // The client has shown the error.
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<ServiceRequest> = [
    { title: t('service.fields.serial'), dataIndex: 'serial', width: 80 },
    { title: t('service.fields.title'), key: 'title', render: (_, r) => <Link to={`/service/requests/${r.id}`}>{r.title}</Link> },
    { title: t('service.fields.enterprise'), dataIndex: 'enterpriseName', ellipsis: true },
    { title: t('service.fields.category'), dataIndex: 'categoryName', width: 110 },
    { title: t('service.fields.urgency'), key: 'urgency', width: 90, render: (_, r) => <Tag color={r.urgency === 'normal' ? 'default' : r.urgency === 'urgent' ? 'orange' : 'red'}>{t(`service.urgency.${r.urgency}`)}</Tag> },
    { title: t('service.fields.state'), key: 'state', width: 200, render: (_, r) => <RequestStateTag request={r} /> },
    { title: t('service.fields.department'), dataIndex: 'leadDepartmentName', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('service.fields.createdAt'), key: 'createdAt', width: 150, render: (_, r) => formatDateTime(r.createdAt) },
    {
      title: t('service.fields.dueAt'), key: 'dueAt', width: 150, sorter: true,
      sortOrder: state.sort === 'dueAt' ? 'ascend' : state.sort === '-dueAt' ? 'descend' : null,
      render: (_, r) => <Typography.Text type={r.isOverdue ? 'danger' : undefined}>{formatDateTime(r.dueAt)}</Typography.Text>,
    },
  ];

  return (
    <Card
      title={title ?? t('service.list.title')}
      extra={
        <Space>
          <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportExcel()}>{t('service.list.export')}</Button>
          {user.permissions?.includes('service.requests.import') ? <RequestImportDialog /> : null}
          {CREATORS.has(user.role) ? (
            <Link to="/service/requests/new"><Button type="primary" icon={<PlusOutlined />}>{t('service.list.create')}</Button></Link>
          ) : null}
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <RequestFilterBar state={state} update={update} reset={reset} categories={categories.data?.items ?? []} departments={departments.data?.items ?? []} />
        <Table<ServiceRequest>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items ?? []}
          onChange={(pagination, _filters, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const sort = s?.order === 'ascend' ? 'dueAt' : s?.order === 'descend' ? '-dueAt' : '-createdAt';
            update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? state.pageSize, ...(sort !== state.sort ? { sort } : {}) });
          }}
          pagination={{ current: state.page, pageSize: state.pageSize, total: list.data?.total ?? 0, pageSizeOptions: PAGE_SIZES.map(String), showSizeChanger: true, showTotal: (count) => t('common.total', { count }) }}
        />
      </Space>
    </Card>
  );
}
