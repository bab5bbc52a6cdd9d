import { PaperClipOutlined } from '@ant-design/icons';
import { Space, Typography } from 'antd';
import { fileHref, formatFileSize } from './files.api.ts';

/** A record's attachments as download links (`url` when the record gives its own, e.g. a public one). */
export function AttachmentLinks({ files }: { files: readonly { id: string; name: string; sizeBytes: number; url?: string }[] }) {
  return (
    <Space orientation="vertical" size={2} data-testid="attachment-links">
      {files.map((f) => (
        <span key={f.id}>
          <PaperClipOutlined /> <a href={f.url ?? fileHref(f.id)} data-testid="attachment-link">{f.name}</a> <Typography.Text type="secondary">· {formatFileSize(f.sizeBytes)}</Typography.Text>
        </span>
      ))}
    </Space>
  );
}
