import type pg from 'pg';
import { startJobQueue, type JobDefinition, type JobQueue } from '../../../server/jobs.ts';
import type { DeliveryService } from './delivery.service.ts';

export const NOTICE_QUEUE = 'policy-notices';
/** Every ten minutes, China time, besides the runs a change asks for. */
export const NOTICE_CRON = '*/10 * * * *';

type Log = { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };

export type DeliveryJobs = { requestRun: () => Promise<void>; stop: () => Promise<void> };

/** The notice sweep and the outbox worker: on a schedule; `stately` keeps one run at a time. */
export function noticeJob(delivery: DeliveryService, cron: string = NOTICE_CRON): JobDefinition<object> {
  return { name: NOTICE_QUEUE, policy: 'stately', retryLimit: 2, expireInSeconds: 900, cron, handle: () => delivery.runNoticeJob() };
}

/**
 * Runs the notice job soon after the registry or the catalogue changes, whichever process asks: at
 * most one run per slot of `debounceSeconds` (30). A change once this slot's run has started gets
 * a run in the next slot, not none: that run may have read the catalogue before the change.
 */
export function attachNotices(delivery: DeliveryService, queue: JobQueue, options: { log: Log; debounceSeconds?: number }): () => Promise<void> {
  const { log, debounceSeconds = 30 } = options;
  const requestRun = () => queue.send(NOTICE_QUEUE, {}, { singletonKey: 'notices', singletonSeconds: debounceSeconds, singletonNextSlot: true });
  delivery.onRunRequested(() => {
    void requestRun().catch((error: unknown) => log.error({ err: error }, 'policies: could not queue a notice run'));
  });
  return requestRun;
}

/** The notice job on a job queue of its own (tests; the app runs it on the process's shared queue). */
export async function startDeliveryJobs(options: { pool: pg.Pool; delivery: DeliveryService; log: Log; pollingIntervalSeconds?: number; singleConnection?: boolean; cron?: string; debounceSeconds?: number }): Promise<DeliveryJobs> {
  const queue = await startJobQueue({
    pool: options.pool, log: options.log, definitions: [noticeJob(options.delivery, options.cron)],
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10, singleConnection: options.singleConnection ?? false,
  });
  return { requestRun: attachNotices(options.delivery, queue, { log: options.log, debounceSeconds: options.debounceSeconds }), stop: queue.stop };
}
