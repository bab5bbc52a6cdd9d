import type { User } from '../../api/types.ts';
import { useTranslation } from 'react-i18next';
import { Space } from 'antd';
import { RemindersCard } from './RemindersCard.tsx';
import { RequestListPage } from './RequestListPage.tsx';

/** A department's queue: what is dispatched to it and not yet answered, oldest deadline first. */
export function DepartmentQueuePage({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <RemindersCard />
      <RequestListPage user={user} title={t('service.queue.title')} defaults={{ states: ['dispatched', 'in_progress'], sort: 'dueAt' }} />
    </Space>
  );
}
