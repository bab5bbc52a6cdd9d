import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { STATE_COLORS } from './service-types.ts';
import type { ServiceRequest } from './service-types.ts';

/** The state of a request with its paused, overdue and escalation marks. */
export function RequestStateTag({ request }: { request: Pick<ServiceRequest, 'state' | 'isPaused' | 'isOverdue' | 'escalationLevel' | 'reopenCount'> }) {
  const { t } = useTranslation();
  return (
    <Space size={2} wrap>
      <Tag color={STATE_COLORS[request.state]}>{t(`service.states.${request.state}`)}</Tag>
      {request.isPaused ? <Tag color="gold">{t('service.marks.paused')}</Tag> : null}
      {request.isOverdue ? <Tag color="red">{t('service.marks.overdue')}</Tag> : null}
      {request.escalationLevel > 0 ? (
        <Tooltip title={t('service.marks.escalatedHint', { level: request.escalationLevel })}>
          <Tag color="volcano">{t('service.marks.escalated')}</Tag>
        </Tooltip>
      ) : null}
      {request.reopenCount > 0 ? <Tag>{t('service.marks.reopened', { count: request.reopenCount })}</Tag> : null}
    </Space>
  );
}
