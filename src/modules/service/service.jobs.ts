import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { DeadlineSweep } from './deadline-sweep.ts';

export const SWEEP_QUEUE = 'service-deadline-sweep';
/** Advisory lock key serialising queue creation across processes ("gaodi-sv" in ASCII). */
const QUEUE_SETUP_LOCK = 0x6761_6f64_692d_7376n.toString();
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
 * Runs the deadline sweep on pg-boss (a PostgreSQL-backed queue): the schedule lives in the
 * database, so it survives restarts, and pg-boss's cron sends each slot once however many app
 * processes run; the queue's `stately` policy keeps one sweep at a time, and the sweep itself
 * is idempotent. The same pool serves PGlite (through its socket) and PostgreSQL.
 */
export async function startServiceJobs(options: { pool: pg.Pool; sweep: DeadlineSweep; log: Log; cron?: string; schedule?: boolean; pollingIntervalSeconds?: number; singleConnection?: boolean }): Promise<ServiceJobs> {
  const { pool, sweep, log } = options;
  const boss = new PgBoss({
    db: { executeSql: async (text: string, values?: unknown[]) => pool.query(text, values as unknown[]) },
    schema: 'pgboss',
    schedule: options.schedule ?? true,
    supervise: true,
  });
  boss.on('error', (error: Error) => log.error({ err: error }, 'pg-boss error'));
  // Two processes creating queues at once (pg-boss's own in start(), then ours) deadlock on
  // their partition tables: one process at a time.
  // The embedded database has one process and one connection: holding a lock connection there would deadlock.
  if (options.singleConnection) {
    await boss.start();
    await boss.createQueue(SWEEP_QUEUE, { name: SWEEP_QUEUE, policy: 'stately', retryLimit: 2, expireInSeconds: 300 });
  } else {
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [QUEUE_SETUP_LOCK]);
      await boss.start();
      await boss.createQueue(SWEEP_QUEUE, { name: SWEEP_QUEUE, policy: 'stately', retryLimit: 2, expireInSeconds: 300 });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [QUEUE_SETUP_LOCK]).catch(() => undefined);
      client.release();
    }
  }
  if (options.schedule ?? true) await boss.schedule(SWEEP_QUEUE, options.cron ?? SWEEP_CRON, {}, { tz: 'Asia/Shanghai' });
  await boss.work(SWEEP_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10 }, async () => {
    const result = await sweep.run();
    if (result.escalated || result.reminded) log.info(result, 'service deadline sweep');
    return result;
  });
  return {
    kind: 'pg-boss',
    requestSweep: async () => {
      await boss.send(SWEEP_QUEUE, {}, { singletonKey: 'sweep', singletonSeconds: 60 });
    },
    stop: async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
