import type pg from 'pg';
import { startJobQueue, type JobDefinition } from '../../server/jobs.ts';
import type { DeadlineSweep } from './deadline-sweep.ts';

export const SWEEP_QUEUE = 'service-deadline-sweep';
/** Every five minutes, China time. */
export const SWEEP_CRON = '*/5 * * * *';

type Log = { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };

export type ServiceJobs = {
  kind: 'pg-boss';
  /** Asks for a sweep now; with pg-boss at most one is queued per minute, whichever process asks. */
  requestSweep: () => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * 督办 on the job queue: the deadline sweep on a schedule kept in the database (so it survives
 * restarts, and each slot is sent once however many app processes run); the `stately` policy keeps
 * one sweep at a time, and the sweep itself is idempotent.
 */
export function sweepJob(sweep: DeadlineSweep, log: Log, cron: string = SWEEP_CRON): JobDefinition<object> {
  return {
    name: SWEEP_QUEUE, policy: 'stately', retryLimit: 2, expireInSeconds: 300, cron,
    handle: async () => {
      const result = await sweep.run();
      if (result.escalated || result.reminded) log.info(result, 'service deadline sweep');
      return result;
    },
  };
}

/** Asks the queue for a sweep now: at most one queued per minute, whichever process asks. */
export const requestSweep = (queue: { send: (name: string, data: object, options: { singletonKey: string; singletonSeconds: number }) => Promise<void> }) =>
  queue.send(SWEEP_QUEUE, {}, { singletonKey: 'sweep', singletonSeconds: 60 });

/** The sweep on a job queue of its own (tests; the app runs it on the process's shared queue). */
export async function startServiceJobs(options: { pool: pg.Pool; sweep: DeadlineSweep; log: Log; cron?: string; schedule?: boolean; pollingIntervalSeconds?: number; singleConnection?: boolean }): Promise<ServiceJobs> {
  const queue = await startJobQueue({
    pool: options.pool, log: options.log, definitions: [sweepJob(options.sweep, options.log, options.cron)],
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10, singleConnection: options.singleConnection ?? false, schedule: options.schedule ?? true,
  });
  return { kind: 'pg-boss', requestSweep: () => requestSweep(queue), stop: queue.stop };
}
