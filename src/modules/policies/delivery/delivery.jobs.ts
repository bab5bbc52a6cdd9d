import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { DeliveryService } from './delivery.service.ts';

export const NOTICE_QUEUE = 'policy-notices';
/** Every ten minutes, China time, besides the runs a change asks for. */
export const NOTICE_CRON = '*/10 * * * *';
/** Advisory lock key serialising queue creation across processes ("gaodi-pn" in ASCII). */
const QUEUE_SETUP_LOCK = 0x6761_6f64_692d_706en.toString();

type Log = { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };

export type DeliveryJobs = { requestRun: () => Promise<void>; stop: () => Promise<void> };

/**
 * Runs the notice sweep and the outbox worker on pg-boss: on a schedule, and soon after the
 * registry changes (at most one run queued per 30 s, whichever process asks); `stately` keeps one at a time.
 */
export async function startDeliveryJobs(options: { pool: pg.Pool; delivery: DeliveryService; log: Log; pollingIntervalSeconds?: number; singleConnection?: boolean; cron?: string }): Promise<DeliveryJobs> {
  const { pool, delivery, log } = options;
  const boss = new PgBoss({ db: { executeSql: async (text: string, values?: unknown[]) => pool.query(text, values as unknown[]) }, schema: 'pgboss', schedule: true, supervise: true });
  boss.on('error', (error: Error) => log.error({ err: error }, 'pg-boss error (policy notices)'));
  const setUp = async () => {
    await boss.start();
    await boss.createQueue(NOTICE_QUEUE, { name: NOTICE_QUEUE, policy: 'stately', retryLimit: 2, expireInSeconds: 900 });
  };
  if (options.singleConnection) await setUp();
  else {
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [QUEUE_SETUP_LOCK]);
      await setUp();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [QUEUE_SETUP_LOCK]).catch(() => undefined);
      client.release();
    }
  }
  await boss.schedule(NOTICE_QUEUE, options.cron ?? NOTICE_CRON, {}, { tz: 'Asia/Shanghai' });
  await boss.work(NOTICE_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10 }, async () => delivery.runNoticeJob());
  const requestRun = async () => {
    await boss.send(NOTICE_QUEUE, {}, { singletonKey: 'notices', singletonSeconds: 30 });
  };
  delivery.onRunRequested(() => {
    void requestRun().catch((error: unknown) => log.error({ err: error }, 'policies: could not queue a notice run'));
  });
  return { requestRun, stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }) };
}
