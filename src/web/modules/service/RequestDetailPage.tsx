import { Alert, Card, Descriptions, Empty, Result, Skeleton, Space, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { RequestActions } from './RequestActions.tsx';
import { RequestStateTag } from './RequestStateTag.tsx';
import { formatDateTime, splitWorkingHours } from './service-format.ts';
import type { ServiceRequestDetail } from './service-types.ts';
import { useServiceRequest } from './service.hooks.ts';
import { AttachmentLinks } from '../files/AttachmentLinks.tsx';

function Timing({ request }: { request: ServiceRequestDetail }) {
  const { t } = useTranslation();
  const open = ['submitted', 'accepted', 'dispatched', 'in_progress', 'returned'].includes(request.state);
  if (!open) return <span>{formatDateTime(request.dueAt)}</span>;
  const left = splitWorkingHours(request.remainingWorkingHours);
  return (
    <Space direction="vertical" size={0}>
      <span>{formatDateTime(request.dueAt)}</span>
      <Typography.Text type={left.late ? 'danger' : 'secondary'}>
        {t(left.late ? 'service.detail.late' : 'service.detail.left', { days: left.days, hours: left.hours })}
        {request.isPaused ? ` · ${t('service.marks.paused')}` : ''}
      </Typography.Text>
    </Space>
  );
}

/** One request: what it is, its clock, the timeline of every transition, and the actions the caller may take. */
export function RequestDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useServiceRequest(id);
  if (query.isLoading) return <Skeleton active />;
  if (query.error) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return <Result status={notFound ? '404' : 'error'} title={notFound ? t('service.detail.notFound') : t('errors.loadFailed')} subTitle={query.error instanceof ApiError ? query.error.message : undefined} />;
  }
  const r = query.data;
  if (!r) return <Empty />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={<Space wrap><span>#{r.serial}</span><span>{r.title}</span><RequestStateTag request={r} /></Space>}
        extra={<Link to="/service/requests">{t('service.detail.back')}</Link>}
      >
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <RequestActions request={r} />
          {r.returnedTo ? <Alert type="warning" showIcon message={t(`service.detail.returnedTo.${r.returnedTo}`)} /> : null}
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('service.fields.enterprise')}>{r.enterpriseName}</Descriptions.Item>
            <Descriptions.Item label={t('service.fields.division')}>{r.divisionName ?? r.divisionCode}</Descriptions.Item>
            <Descriptions.Item label={t('service.fields.category')}>{r.categoryName}</Descriptions.Item>
            <Descriptions.Item label={t('service.fields.urgency')}>{t(`service.urgency.${r.urgency}`)}</Descriptions.Item>
            <Descriptions.Item label={t('service.fields.source')}>{t(`service.sources.${r.source}`)}</Descriptions.Item>
            <Descriptions.Item label={t('service.fields.createdAt')}>{formatDateTime(r.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('service.fields.department')}>
              {r.leadDepartmentName ?? '—'}
              {r.coHandlers.length ? ` (${t('service.fields.coHandlers')}: ${r.coHandlers.map((c) => c.name).join('、')})` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('service.fields.dueAt')}><Timing request={r} /></Descriptions.Item>
            <Descriptions.Item label={t('service.fields.description')} span={2}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.description}</Typography.Paragraph></Descriptions.Item>
            {r.reply ? <Descriptions.Item label={t('service.fields.reply')} span={2}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.reply}</Typography.Paragraph></Descriptions.Item> : null}
            {r.attachments.length ? <Descriptions.Item label={t('service.fields.attachments')} span={2}><AttachmentLinks files={r.attachments} /></Descriptions.Item> : null}
            {r.mergedIntoId ? <Descriptions.Item label={t('service.fields.mergedInto')} span={2}><Link to={`/service/requests/${r.mergedIntoId}`}>{r.mergedIntoId}</Link></Descriptions.Item> : null}
          </Descriptions>
        </Space>
      </Card>
      <Card title={t('service.detail.timeline')}>
        <Timeline
          items={r.events.map((e) => ({
            color: e.action === 'escalate' ? 'red' : e.action === 'rate' ? 'green' : e.action === 'return' ? 'orange' : 'blue',
            children: (
              <Space direction="vertical" size={0}>
                <span>
                  <strong>{t(`service.events.${e.action}`, { defaultValue: e.action })}</strong> · {e.actorName} · {formatDateTime(e.at)}
                </span>
                {e.fromState !== e.toState ? <Typography.Text type="secondary">{e.fromState ? t(`service.states.${e.fromState}`) : '—'} → {t(`service.states.${e.toState}`)}</Typography.Text> : null}
                {e.note ? <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Text> : null}
              </Space>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}
