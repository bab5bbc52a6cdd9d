import { SyncOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Progress, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useLatestMatchRun } from './authoring.hooks.ts';
import type { PolicyMatchRun } from './authoring-types.ts';

/** The full re-match: a button that starts it as a job, and its progress while it runs (polled). */
export function MatchRunBar({ canStart }: { canStart: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const runs = useLatestMatchRun(true);
  const [starting, setStarting] = useState(false);
  const latest = runs.data?.items[0];
  const active = latest !== undefined && (latest.state === 'queued' || latest.state === 'running');
  const wasActive = useRef(false);

  // when a run finishes, the lists show the new match
  useEffect(() => {
    if (wasActive.current && !active) void queryClient.invalidateQueries({ queryKey: ['policies', 'items'] });
    wasActive.current = active;
  }, [active, queryClient]);

  const start = async () => {
    setStarting(true);
    try {
      const run = await api.post<PolicyMatchRun>('/api/v1/policy-match-runs');
      queryClient.setQueryData(['policies', 'match-runs'], { items: [run, ...(runs.data?.items ?? [])] });
    } catch {
      // The client has shown the error.
    } finally {
      setStarting(false);
    }
  };

  return (
    <Space wrap style={{ marginBottom: 12 }} data-testid="match-run">
      {canStart ? (
        <Button icon={<SyncOutlined spin={active} />} onClick={() => void start()} loading={starting} disabled={active} data-testid="match-run-start">
          {t('policyAuthoring.runs.start')}
        </Button>
      ) : null}
      {latest && active ? (
        <Space>
          <Typography.Text type="secondary">{t('policyAuthoring.runs.running', { stage: t(`policyAuthoring.runs.${latest.stage === 'matching' ? 'matching' : latest.stage === 'reading' ? 'reading' : 'queued'}`) })}</Typography.Text>
          <Progress percent={latest.percent} status="active" style={{ width: 240 }} data-testid="match-run-progress" />
        </Space>
      ) : null}
      {latest && latest.state === 'done' ? (
        <Typography.Text type="secondary" data-testid="match-run-done">
          {t('policyAuthoring.runs.done', { at: dayjs(latest.finishedAt).format('YYYY-MM-DD HH:mm:ss'), enterprises: latest.enterprises ?? 0, items: latest.items ?? 0, seconds: ((latest.durationMs ?? 0) / 1000).toFixed(1) })}
        </Typography.Text>
      ) : null}
      {latest && latest.state === 'failed' ? <Typography.Text type="danger">{t('policyAuthoring.runs.failed', { error: latest.error ?? '' })}</Typography.Text> : null}
    </Space>
  );
}
