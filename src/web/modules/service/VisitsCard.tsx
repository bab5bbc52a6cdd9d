import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Table, Typography } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import type { VisitPageSchema } from '../../../modules/service/service.schemas.ts';
import { AttachmentLinks } from '../files/AttachmentLinks.tsx';
import { VisitForm } from './VisitForm.tsx';

type VisitPage = z.infer<typeof VisitPageSchema>;
type Visit = VisitPage['items'][number];

/** 走访记录 in the caller's scope, newest first, and (for officers) the button to record one. */
export function VisitsCard({ user }: { user: User }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [recording, setRecording] = useState(false);
  const visits = useQuery({
    queryKey: ['service', 'visits', page],
    queryFn: ({ signal }) => api.get<VisitPage>('/api/v1/visits', { page, pageSize: 10 }, { signal }),
  });
  const canRecord = user.permissions?.includes('service.visits.write') ?? false;
  return (
    <Card
      title={t('service.visits.title')}
      extra={canRecord ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="visit-record">{t('service.visits.record')}</Button> : null}
    >
      <Table<Visit>
        size="small"
        rowKey="id"
        loading={visits.isFetching}
        dataSource={visits.data?.items ?? []}
        data-testid="visits-table"
        pagination={{ current: page, pageSize: 10, total: visits.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        expandable={{
          expandedRowRender: (v) => (
            <>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{v.situation}</Typography.Paragraph>
              {v.attachments.length ? <AttachmentLinks files={v.attachments} /> : null}
            </>
          ),
        }}
        columns={[
          { title: t('service.visits.visitedOn'), dataIndex: 'visitedOn', width: 110 },
          { title: t('service.fields.enterprise'), dataIndex: 'enterpriseName', ellipsis: true },
          { title: t('service.liaisons.officer'), dataIndex: 'officerName', width: 180, ellipsis: true },
          { title: t('service.visits.peopleMet'), dataIndex: 'peopleMet', ellipsis: true },
          { title: t('service.visits.problems'), key: 'problems', width: 100, render: (_, v) => v.requestIds.length },
          { title: t('service.fields.attachments'), key: 'files', width: 80, render: (_, v) => v.attachments.length },
        ]}
      />
      <VisitForm open={recording} onClose={() => setRecording(false)} />
    </Card>
  );
}
