import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, downloadFile } from '../../api/client.ts';
import { rowProblemsOf, type RowProblem } from './row-problems.ts';

type Outcome = { kind: 'done'; imported: number } | { kind: 'failed'; message: string; rows: RowProblem[] };

/** 诉求导入: the template, one .xlsx, and either every row created or each bad row listed (nothing created). */
export function RequestImportDialog() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const upload = async (file: File) => {
    const form = new FormData();
    form.append('file', file);
    setBusy(true);
    setOutcome(null);
    try {
      const result = await api.post<{ imported: number }>('/api/v1/service-requests/imports', form, { silent: true });
      setOutcome({ kind: 'done', imported: result.imported });
      void client.invalidateQueries({ queryKey: ['service'] });
    } catch (e) {
      if (e instanceof ApiError) setOutcome({ kind: 'failed', message: e.message, rows: rowProblemsOf(e.details) });
      else throw e;
    } finally {
      setBusy(false);
    }
  };

  const template = async () => {
    try {
      await downloadFile('/api/v1/service-requests/import-template.xlsx', {}, t('service.import.templateFileName'));
    } catch {
      // The client has shown the error.
    }
  };

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="request-import-open">
        {t('service.import.open')}
      </Button>
      <Modal
        open={open}
        title={t('service.import.title')}
        width={760}
        footer={<Button onClick={() => setOpen(false)}>{t('common.close')}</Button>}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('service.import.hint')}
          </Typography.Paragraph>
          <Button icon={<DownloadOutlined />} onClick={() => void template()} data-testid="request-import-template">
            {t('service.import.template')}
          </Button>
          <Upload.Dragger
            accept=".xlsx"
            showUploadList={false}
            disabled={busy}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
            data-testid="request-import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{busy ? t('service.import.uploading') : t('service.import.drop')}</p>
          </Upload.Dragger>
          {outcome?.kind === 'done' ? <Alert type="success" showIcon title={t('service.import.imported', { count: outcome.imported })} data-testid="request-import-result" /> : null}
          {outcome?.kind === 'failed' ? (
            <>
              <Alert type="error" showIcon title={outcome.message} data-testid="request-import-result" />
              {outcome.rows.length ? (
                <Table<RowProblem>
                  size="small"
                  rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
                  pagination={false}
                  scroll={{ y: 300 }}
                  dataSource={outcome.rows}
                  data-testid="request-import-problems"
                  columns={[
                    { title: t('service.liaisons.row'), dataIndex: 'row', width: 70 },
                    { title: t('service.liaisons.column'), dataIndex: 'column', width: 160 },
                    { title: t('service.liaisons.problem'), dataIndex: 'message' },
                  ]}
                />
              ) : null}
            </>
          ) : null}
        </Space>
      </Modal>
    </>
  );
}
