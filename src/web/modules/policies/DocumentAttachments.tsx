import { DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Empty, List, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/client.ts';
import { AttachmentUpload } from '../files/AttachmentUpload.tsx';
import { formatFileSize } from '../files/files.api.ts';
import type { UploadedFile } from '../files/files.api.ts';
import type { PolicyDocumentDetail } from './authoring-types.ts';

/**
 * A document's files as download links; for those who may write it, an upload (each file is
 * attached as soon as it is uploaded) and a remove button that asks first.
 */
export function DocumentAttachments({ document, onChanged }: { document: PolicyDocumentDetail; onChanged: (document: PolicyDocumentDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [removing, setRemoving] = useState<string | null>(null);
  const base = `/api/v1/policy-documents/${encodeURIComponent(document.id)}/attachments`;

  // The shared upload lists what it has uploaded; here each upload is attached at once, so it keeps nothing.
  const attach = async (uploaded: UploadedFile[]) => {
    if (uploaded.length === 0) return;
    try {
      onChanged(await api.post<PolicyDocumentDetail>(base, { fileIds: uploaded.map((f) => f.id) }, { silent: true }));
      void message.success(t('policyDocuments.attachments.attached', { name: uploaded.map((f) => f.name).join(t('policyAuthoring.rule.listSeparator')) }));
    } catch (error) {
      void message.error(errorMessage(error, t));
    }
  };

  const remove = async (fileId: string) => {
    setRemoving(fileId);
    try {
      onChanged(await api.delete<PolicyDocumentDetail>(`${base}/${encodeURIComponent(fileId)}`, { silent: true }));
      void message.success(t('policyDocuments.attachments.removed'));
    } catch (error) {
      void message.error(errorMessage(error, t));
    } finally {
      setRemoving(null);
    }
  };

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="document-attachments">
      {document.attachments.length ? (
        <List
          size="small"
          dataSource={document.attachments}
          renderItem={(f) => (
            <List.Item
              data-testid="document-attachment"
              actions={
                document.canWrite
                  ? [
                      <Popconfirm
                        key="remove"
                        title={t('policyDocuments.attachments.removeConfirm', { name: f.name })}
                        okText={t('policyDocuments.attachments.remove')}
                        cancelText={t('common.cancel')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove(f.id)}
                      >
                        <Button type="text" size="small" danger icon={<DeleteOutlined />} loading={removing === f.id} aria-label={t('policyDocuments.attachments.remove')} data-testid="attachment-remove" />
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <Space size={6}>
                <PaperClipOutlined />
                <a href={f.url} data-testid="attachment-link">
                  {f.name}
                </a>
                <Typography.Text type="secondary">· {formatFileSize(f.sizeBytes)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policyDocuments.attachments.none')} style={{ margin: '8px 0' }} />
      )}
      {document.canWrite ? <AttachmentUpload value={[]} onChange={(files) => void attach(files)} max={20} /> : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {document.isPublic ? t('policyDocuments.attachments.publicHint') : t('policyDocuments.attachments.privateHint')}
      </Typography.Text>
    </Space>
  );
}
