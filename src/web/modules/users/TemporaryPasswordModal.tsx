import { Alert, Descriptions, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UserWithPassword } from './users-types.ts';

/** Shows a temporary password once, to be handed to the user; it is not kept anywhere readable. */
export function TemporaryPasswordModal({ issued, onClose }: { issued: UserWithPassword | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={issued !== null} onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }} title={t('users.issuedTitle')} maskClosable={false} destroyOnHidden>
      {issued ? (
        <>
          <Alert type="warning" showIcon title={t('users.issuedHint')} style={{ marginBottom: 16 }} />
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('users.username')}>{issued.user.username}</Descriptions.Item>
            <Descriptions.Item label={t('users.temporaryPassword')}>
              <Typography.Text code copyable strong style={{ fontSize: 16 }} data-testid="temporary-password">{issued.temporaryPassword}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </>
      ) : null}
    </Modal>
  );
}
