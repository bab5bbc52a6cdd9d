import { useQuery } from '@tanstack/react-query';
import { Card, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import type { ReminderListSchema } from '../../../modules/service/service.schemas.ts';
import { formatDateTime } from './service-format.ts';

type Reminders = z.infer<typeof ReminderListSchema>;

/** 督办 reminders of the last week on requests the user may see; hidden when there are none. */
export function RemindersCard() {
  const { t } = useTranslation();
  const reminders = useQuery({ queryKey: ['service', 'reminders'], queryFn: ({ signal }) => api.get<Reminders>('/api/v1/service-reminders', { days: 7 }, { signal }) });
  const items = reminders.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card size="small" title={t('service.reminders.title')}>
      <List
        size="small"
        dataSource={items.slice(0, 8)}
        renderItem={(r) => (
          <List.Item>
            <Tag color={r.kind === 'overdue' ? 'red' : 'gold'}>{t(`service.reminders.${r.kind}`)}</Tag>
            <Link to={`/service/requests/${r.requestId}`}>#{r.serial} {r.title}</Link>
            <span style={{ marginLeft: 'auto', color: '#8c8c8c' }}>{t('service.reminders.due', { at: formatDateTime(r.dueAt) })}</span>
          </List.Item>
        )}
      />
    </Card>
  );
}
