import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, List, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { formatFileSize, uploadFile, type UploadedFile } from './files.api.ts';

/**
 * Picks files for a record: each is uploaded at once (type and size checked by the server, its
 * message shown here) and listed with a remove button; the form sends the ids.
 */
export function AttachmentUpload({ value, onChange, max = 10 }: { value: UploadedFile[]; onChange: (files: UploadedFile[]) => void; max?: number }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(0);
  return (
    <Space orientation="vertical" size={6} style={{ width: '100%' }}>
      <Upload
        multiple
        showUploadList={false}
        disabled={value.length >= max}
        customRequest={async ({ file, onSuccess, onError }) => {
          if (!(file instanceof File)) return;
          setError(null);
          setBusy((n) => n + 1);
          try {
            const meta = await uploadFile(file);
            onChange([...value, meta]);
            onSuccess?.(meta);
          } catch (e) {
            setError(`${file.name}: ${errorMessage(e, t)}`);
            onError?.(e instanceof Error ? e : new Error(String(e)));
          } finally {
            setBusy((n) => n - 1);
          }
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy > 0} disabled={value.length >= max} data-testid="attachment-upload">
          {t('files.choose')}
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('files.hint', { max })}
      </Typography.Text>
      {error ? <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} /> : null}
      {value.length ? (
        <List
          size="small"
          bordered
          dataSource={value}
          data-testid="attachment-list"
          renderItem={(f) => (
            <List.Item actions={[<Button key="remove" type="text" size="small" icon={<DeleteOutlined />} aria-label={t('files.remove')} onClick={() => onChange(value.filter((x) => x.id !== f.id))} />]}>
              <PaperClipOutlined /> {f.name} <Typography.Text type="secondary">· {formatFileSize(f.sizeBytes)}</Typography.Text>
            </List.Item>
          )}
        />
      ) : null}
    </Space>
  );
}
