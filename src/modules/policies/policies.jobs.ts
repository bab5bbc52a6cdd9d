import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { PolicyMatchRuns } from './match-runs.ts';

export const MATCH_RUN_QUEUE = 'policy-match-run';
/** The service desk's advisory lock key serialising queue creation across processes ("gaodi-sv" in ASCII). */
const QUEUE_SETUP_LOCK = 0x6761_6f64_692d_7376n.toString();

type Log = { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };

/**
 * Runs full re-matches on pg-boss: `POST /api/v1/policy-match-runs` queues a job naming its run, a
 * worker of this process takes it (woken at once, not at the next poll) and writes the progress to
 * the run's row. One run at a time per process (`teamSize` 1); a failed run is not retried.
 */
export async function startPolicyJobs(options: { pool: pg.Pool; runs: PolicyMatchRuns; log: Log; pollingIntervalSeconds?: number; singleConnection?: boolean }): Promise<{ stop: () => Promise<void> }> {
  const { pool, runs, log } = options;
  const boss = new PgBoss({
    db: { executeSql: async (text: string, values?: unknown[]) => pool.query(text, values as unknown[]) },
    schema: 'pgboss',
    schedule: false,
    supervise: false,
  });
  boss.on('error', (error: Error) => log.error({ err: error }, 'pg-boss error (policies)'));
  const setUp = async (): Promise<void> => {
    await boss.start();
    await boss.createQueue(MATCH_RUN_QUEUE, { name: MATCH_RUN_QUEUE, policy: 'standard', retryLimit: 0, expireInSeconds: 3600 });
  };
  // as for the service desk's queue: processes creating queues at once deadlock, so one at a time
  // (the embedded database has one connection: a held lock connection would deadlock there)
  if (options.singleConnection) {
    await setUp();
  } else {
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [QUEUE_SETUP_LOCK]);
      await setUp();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [QUEUE_SETUP_LOCK]).catch(() => undefined);
      client.release();
    }
  }
  const workerId = await boss.work<{ runId: string }>(MATCH_RUN_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10, batchSize: 1 }, async ([job]) => {
    if (!job) return;
    await runs.run(job.data.runId);
  });
  runs.attachQueue(async (runId) => {
    await boss.send(MATCH_RUN_QUEUE, { runId });
    boss.notifyWorker(workerId);
  });
  log.info({ queue: MATCH_RUN_QUEUE }, 'policies: full re-match jobs ready');
  return {
    stop: async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
