import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Progress, Space, Statistic, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, downloadFile, errorMessage } from '../../api/client.ts';
import type { ImportFailure, ImportJob } from '../../api/types.ts';
import { IMPORT_ACCEPT, IMPORT_MAX_BYTES, importFileProblem, importPercent, isImportFinished } from './import-job.ts';

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);

  const job = useQuery({
    queryKey: ['import-jobs', jobId],
    queryFn: () => api.get<ImportJob>(`/api/v1/import-jobs/${encodeURIComponent(jobId ?? '')}`),
    enabled: jobId !== null,
    refetchInterval: (q) => (isImportFinished(q.state.data) ? false : 800),
  });
  const finished = isImportFinished(job.data);
  const result = job.data?.result;

  const start = async () => {
    if (!file) return;
    setUploading(true);
    setFileError(null);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const body = await api.post<{ jobId: string }>('/api/v1/enterprises/imports', form, { silent: true });
      setJobId(body.jobId);
    } catch (error) {
      setFileError(errorMessage(error, t));
    } finally {
      setUploading(false);
    }
  };

  const close = () => {
    if (jobId) void client.invalidateQueries({ queryKey: ['enterprises'] });
    onClose();
  };

  const problemText = (problem: ReturnType<typeof importFileProblem>) =>
    problem === 'type'
      ? t('import.wrongType')
      : problem === 'empty'
        ? t('import.emptyFile')
        : t('import.tooLarge', { mb: IMPORT_MAX_BYTES / 1024 / 1024 });

  return (
    <Modal
      open
      title={t('import.title')}
      width={760}
      onCancel={close}
      mask={{ closable: false }}
      footer={
        jobId ? (
          <Button type="primary" onClick={close} disabled={!finished}>
            {t('common.close')}
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" disabled={!file} loading={uploading} onClick={() => void start()} data-testid="import-start">
              {t('import.start')}
            </Button>
          </Space>
        )
      }
    >
      {!jobId ? (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t('import.hint')}{' '}
            <Typography.Link
              onClick={() => void downloadFile('/api/v1/enterprises/import-template.xlsx', {}, t('enterprises.templateFileName')).catch(() => {})}
            >
              {t('enterprises.template')}
            </Typography.Link>
          </Typography.Paragraph>
          <Upload.Dragger
            accept={IMPORT_ACCEPT}
            multiple={false}
            maxCount={1}
            fileList={file ? [{ uid: '1', name: file.name, size: file.size, status: 'done' }] : []}
            beforeUpload={(chosen) => {
              const problem = importFileProblem(chosen);
              if (problem) {
                setFileError(problemText(problem));
                setFile(null);
              } else {
                setFileError(null);
                setFile(chosen);
              }
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('import.drop')}</p>
            <p className="ant-upload-hint">{t('import.dropHint')}</p>
          </Upload.Dragger>
          {fileError ? <Alert type="error" showIcon title={fileError} style={{ marginTop: 12 }} data-testid="import-error" /> : null}
        </>
      ) : (
        <div data-testid="import-progress">
          <Progress
            percent={importPercent(job.data)}
            status={job.data?.status === 'failed' ? 'exception' : finished ? 'success' : 'active'}
          />
          <Typography.Text type="secondary">
            {job.data ? t(`import.status.${job.data.status}`) : t('import.status.queued')}
            {job.data && job.data.progress.total > 0 ? ` · ${job.data.progress.done} / ${job.data.progress.total}` : ''}
          </Typography.Text>
          {job.data?.status === 'failed' && !result ? (
            <Alert type="error" showIcon title={t('import.jobFailed')} style={{ marginTop: 12 }} />
          ) : null}
          {result ? <ImportResult result={result} errorReportUrl={job.data?.errorReportUrl} /> : null}
        </div>
      )}
    </Modal>
  );
}

function ImportResult({ result, errorReportUrl }: { result: NonNullable<ImportJob['result']>; errorReportUrl: string | undefined }) {
  const { t } = useTranslation();
  return (
    <div data-testid="import-result" style={{ marginTop: 16 }}>
      <Space size={40} style={{ marginBottom: 12 }}>
        <Statistic title={t('import.imported')} value={result.imported} />
        <Statistic title={t('import.updated')} value={result.updated} />
        <Statistic title={t('import.unchanged')} value={result.unchanged} />
        <Statistic title={t('import.failed')} value={result.failed.length} styles={{ content: { color: result.failed.length ? '#c8102e' : undefined } }} />
      </Space>
      {result.failed.length > 0 ? (
        <>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
            <Typography.Text strong>{t('import.failedRows')}</Typography.Text>
            {errorReportUrl ? (
              <a href={errorReportUrl} download data-testid="import-error-report">
                <DownloadOutlined /> {t('import.errorReport')}
              </a>
            ) : null}
          </div>
          <Table<ImportFailure>
            size="small"
            bordered
            data-testid="import-failures"
            rowKey={(f) => `${f.row}:${f.column ?? ''}:${f.code}`}
            dataSource={result.failed}
            pagination={result.failed.length > 10 ? { pageSize: 10, size: 'small' } : false}
            columns={[
              { title: t('import.row'), dataIndex: 'row', width: 80, align: 'right' },
              { title: t('import.column'), dataIndex: 'column', width: 160, render: (c: string | null) => c ?? '—' },
              { title: t('import.reason'), dataIndex: 'message' },
            ]}
          />
        </>
      ) : (
        <Alert type="success" showIcon title={t('import.allGood')} />
      )}
    </div>
  );
}
