import { Badge, Button, Card, Collapse, Empty, Pagination, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ExplanationList } from '../ExplanationList.tsx';
import { formatWan } from './delivery-params.ts';
import { useApplicationForm, useInbox, useMarkRead } from './delivery.hooks.ts';
import type { InboxEntry } from './delivery-types.ts';

function NoticeExplanation({ itemId, enterpriseId, own }: { itemId: string; enterpriseId: string; own: boolean }) {
  const { t } = useTranslation();
  const form = useApplicationForm(own ? itemId : null);
  if (!own) return <Link to={`/policy-matches/${enterpriseId}`}>{t('delivery.inbox.firmMatches')}</Link>;
  if (form.isLoading) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (!form.data) return null;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{form.data.matched ? t('delivery.inbox.why') : t('delivery.inbox.noLongerMatches')}</Typography.Text>
      <ExplanationList steps={form.data.explanation} />
    </Space>
  );
}

function NoticeActions({ notice, own }: { notice: InboxEntry; own: boolean }) {
  const { t } = useTranslation();
  if (notice.withdrawnAt !== null && !notice.applicationId) return null;
  if (!own) return notice.applicationId ? <Link to={`/policy-applications/${notice.applicationId}`}>{t('delivery.inbox.viewApplication')}</Link> : null;
  if (notice.applicationId) return <Link to={`/policy-applications/${notice.applicationId}`}>{t('delivery.inbox.viewApplication')}</Link>;
  if (notice.exemptFromApplication) return <Tag color="green">{t('delivery.exempt.noApplication')}</Tag>;
  return (
    <Link to={`/policy-applications/new?item=${encodeURIComponent(notice.itemId)}`} data-testid={`apply-${notice.itemId}`}>
      <Button type="primary" size="small">{t('delivery.inbox.apply')}</Button>
    </Link>
  );
}

/**
 * 您可能符合以下政策: the enterprise's notices, newest first; opening one shows why and marks it read.
 * A liaison officer (包联) sees the notices of the firms it looks after, each with the firm's name.
 */
export function InboxPage({ own }: { own: boolean }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const inbox = useInbox(page, unreadOnly);
  const markRead = useMarkRead();
  const data = inbox.data;
  return (
    <Card
      title={<span data-testid="inbox-title">{t('delivery.inbox.title')}</span>}
      extra={
        <Space>
          <Segmented value={unreadOnly ? 'unread' : 'all'} options={[{ value: 'all', label: t('delivery.inbox.all') }, { value: 'unread', label: t('delivery.inbox.unread') }]} onChange={(v) => { setUnreadOnly(v === 'unread'); setPage(1); }} />
          <Button size="small" disabled={!data?.unread} onClick={() => markRead.mutate('all')}>{t('delivery.inbox.markAllRead')}</Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{own ? t('delivery.inbox.intro') : t('delivery.inbox.officerIntro')}</Typography.Paragraph>
      {inbox.isLoading ? <Skeleton active /> : null}
      {data && data.items.length === 0 ? <Empty description={t('delivery.inbox.empty')} /> : null}
      {data && data.items.length > 0 ? (
        <Collapse
          data-testid="inbox-list"
          onChange={(keys) => {
            for (const key of Array.isArray(keys) ? keys : [keys]) {
              const notice = data.items.find((n) => n.id === key);
              if (notice && !notice.read && notice.withdrawnAt === null) markRead.mutate(notice.id);
            }
          }}
          items={data.items.map((n) => ({
            key: n.id,
            label: (
              <Space wrap data-testid={`notice-${n.itemId}`}>
                {n.read || n.withdrawnAt !== null ? null : <Badge status="processing" />}
                <Typography.Text strong={!n.read && n.withdrawnAt === null} delete={n.withdrawnAt !== null}>{n.itemTitle}</Typography.Text>
                {n.withdrawnAt !== null ? (
                  <Tag color="default" data-testid={`withdrawn-${n.itemId}`}>{t(`delivery.inbox.withdrawn.${n.withdrawnReason ?? 'unmatched'}`, { date: new Date(n.withdrawnAt).toLocaleDateString(i18n.language) })}</Tag>
                ) : null}
                {own ? null : <Tag>{n.enterpriseName}</Tag>}
                {n.benefitWan !== null ? <Tag color="gold">{t('delivery.inbox.estimate', { amount: formatWan(n.benefitWan, i18n.language) })}</Tag> : null}
                {n.exemptFromApplication ? <Tag color="green">{t('policies.exempt')}</Tag> : null}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{new Date(n.createdAt).toLocaleDateString(i18n.language)}</Typography.Text>
              </Space>
            ),
            extra: <span onClick={(e) => e.stopPropagation()}><NoticeActions notice={n} own={own} /></span>,
            children: <NoticeExplanation itemId={n.itemId} enterpriseId={n.enterpriseId} own={own} />,
          }))}
        />
      ) : null}
      {data && data.total > data.pageSize ? <Pagination style={{ marginTop: 12 }} current={page} pageSize={data.pageSize} total={data.total} onChange={setPage} showSizeChanger={false} /> : null}
    </Card>
  );
}
