import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useUnreadCount } from './delivery.hooks.ts';

/** The header bell of an enterprise user: unread notices (您可能符合以下政策), a click opens the inbox. */
export function InboxBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const unread = useUnreadCount(true).data?.unread ?? 0;
  return (
    <Tooltip title={t('delivery.inbox.bell', { count: unread })}>
      <Badge count={unread} size="small" overflowCount={99} data-testid="inbox-unread">
        <Button type="text" size="small" icon={<BellOutlined />} aria-label={t('delivery.inbox.title')} onClick={() => navigate('/inbox')} data-testid="inbox-bell" />
      </Badge>
    </Tooltip>
  );
}
