import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Space, Table, Tag, Typography } from 'antd';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import type { LiaisonPageSchema } from '../../../modules/service/service.schemas.ts';
import { RequestStateTag } from './RequestStateTag.tsx';
import { formatDateTime } from './service-format.ts';
import type { ServiceRequest, ServiceRequestPage } from './service-types.ts';

type LiaisonPage = z.infer<typeof LiaisonPageSchema>;

/** 万人助万企 for one enterprise, on its page: who its liaison officers are and every request it raised, newest first. */
export function EnterpriseServicePanel({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const liaisons = useQuery({
    queryKey: ['service', 'liaisons', { enterpriseId }],
    queryFn: ({ signal }) => api.get<LiaisonPage>('/api/v1/liaisons', { enterpriseId, active: true, pageSize: 50 }, { signal }),
  });
  const requests = useQuery({
    queryKey: ['service', 'requests', { enterpriseId }],
    queryFn: ({ signal }) => api.get<ServiceRequestPage>('/api/v1/service-requests', { enterpriseId, pageSize: 100 }, { signal }),
  });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="enterprise-service">
      <Card size="small" title={t('service.enterprise.liaisons')}>
        {liaisons.data && liaisons.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('service.enterprise.noLiaison')} />
        ) : (
          <Space wrap>
            {(liaisons.data?.items ?? []).map((l) => (
              <Tag key={l.id} color="blue">
                {t(`service.liaisons.levels.${l.level}`)} · {l.officerName}
              </Tag>
            ))}
          </Space>
        )}
      </Card>
      <Card size="small" title={t('service.enterprise.requests', { count: requests.data?.total ?? 0 })}>
        <Table<ServiceRequest>
          size="small"
          rowKey="id"
          loading={requests.isFetching}
          dataSource={requests.data?.items ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: t('service.enterprise.noRequests') }}
          columns={[
            { title: t('service.fields.serial'), dataIndex: 'serial', width: 70 },
            { title: t('service.fields.title'), key: 'title', render: (_, r) => <Link to={`/service/requests/${r.id}`}>{r.title}</Link> },
            { title: t('service.fields.category'), dataIndex: 'categoryName', width: 110 },
            { title: t('service.fields.state'), key: 'state', width: 200, render: (_, r) => <RequestStateTag request={r} /> },
            { title: t('service.fields.department'), dataIndex: 'leadDepartmentName', ellipsis: true, render: (v: string | null) => v ?? '—' },
            {
              title: t('service.fields.dueAt'), key: 'dueAt', width: 150,
              render: (_, r) => <Typography.Text type={r.isOverdue ? 'danger' : undefined}>{formatDateTime(r.dueAt)}</Typography.Text>,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
