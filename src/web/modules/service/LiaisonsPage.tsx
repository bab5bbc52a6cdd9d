import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import type { z } from 'zod';
import { rowProblemsOf, type RowProblem } from './row-problems.ts';
import { VisitsCard } from './VisitsCard.tsx';
import { VisitPlansCard } from './VisitPlansCard.tsx';
import type { LiaisonPageSchema, OfficerLoadSchema } from '../../../modules/service/service.schemas.ts';

type LiaisonPage = z.infer<typeof LiaisonPageSchema>;
type OfficerLoad = z.infer<typeof OfficerLoadSchema>;

const MANAGERS = new Set(['admin', 'city', 'district']);

/** 包联: who looks after which enterprise (an enterprise sees its own officers), officers' load and visit plans, bulk assignment from Excel. */
export function LiaisonsPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const liaisons = useQuery({ queryKey: ['service', 'liaisons'], queryFn: ({ signal }) => api.get<LiaisonPage>('/api/v1/liaisons', { active: true, pageSize: 200 }, { signal }) });
  const officer = user.role !== 'enterprise';
  const load = useQuery({ queryKey: ['service', 'load'], enabled: officer, queryFn: ({ signal }) => api.get<OfficerLoad>('/api/v1/liaisons/load', undefined, { signal }) });
  const [problems, setProblems] = useState<RowProblem[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const upload = async (file: File) => {
    const form = new FormData();
    form.append('file', file);
    setProblems(null);
    setMessage(null);
    try {
      const result = await api.post<{ imported: number }>('/api/v1/liaisons/imports', form, { silent: true });
      setMessage(t('service.liaisons.imported', { count: result.imported }));
      void client.invalidateQueries({ queryKey: ['service'] });
    } catch (e) {
      if (e instanceof ApiError) {
        setMessage(e.message);
        setProblems(rowProblemsOf(e.details));
      }
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t(officer ? 'service.liaisons.title' : 'service.liaisons.mine')}
        extra={
          MANAGERS.has(user.role) ? (
            <Upload accept=".xlsx" showUploadList={false} beforeUpload={(file) => {
              void upload(file);
              return false;
            }}>
              <Button icon={<UploadOutlined />}>{t('service.liaisons.import')}</Button>
            </Upload>
          ) : null
        }
      >
        {message ? <Alert style={{ marginBottom: 12 }} type={problems ? 'error' : 'success'} showIcon message={message} description={t('service.liaisons.importHint')} /> : null}
        {problems ? (
          <Table size="small" rowKey={(r) => `${r.row}-${r.column}-${r.message}`} pagination={false} dataSource={problems} style={{ marginBottom: 12 }}
            columns={[{ title: t('service.liaisons.row'), dataIndex: 'row', width: 80 }, { title: t('service.liaisons.column'), dataIndex: 'column', width: 160 }, { title: t('service.liaisons.problem'), dataIndex: 'message' }]} />
        ) : null}
        <Table
          size="small" rowKey="id" loading={liaisons.isFetching} dataSource={liaisons.data?.items ?? []} pagination={{ pageSize: 20 }}
          columns={[
            { title: t('service.liaisons.officer'), dataIndex: 'officerName' },
            { title: t('service.fields.enterprise'), dataIndex: 'enterpriseName' },
            { title: t('service.liaisons.level'), dataIndex: 'level', render: (v: string) => <Tag>{t(`service.liaisons.levels.${v}`)}</Tag> },
            { title: t('service.liaisons.since'), dataIndex: 'since' },
            { title: t('service.liaisons.until'), dataIndex: 'until', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
      {officer ? (
        <Card title={t('service.liaisons.load')}>
          <Table
            size="small" rowKey="officerId" loading={load.isFetching} dataSource={load.data?.items ?? []} pagination={false}
            columns={[
              { title: t('service.liaisons.officer'), dataIndex: 'officerName' },
              { title: t('service.liaisons.enterprises'), dataIndex: 'enterprises' },
              { title: t('service.liaisons.openRequests'), dataIndex: 'openRequests' },
              { title: t('service.liaisons.visitsThisQuarter'), dataIndex: 'visitsThisQuarter' },
            ]}
          />
        </Card>
      ) : null}
      {officer ? <VisitsCard user={user} /> : null}
      {officer ? <VisitPlansCard canPlan={MANAGERS.has(user.role)} /> : null}
    </Space>
  );
}
