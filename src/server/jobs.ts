import PgBoss from 'pg-boss';
import type pg from 'pg';

/** Advisory lock key serialising queue set-up across processes ("gaodi-sv" in ASCII; the service desk's first key). */
const QUEUE_SETUP_LOCK = 0x6761_6f64_692d_7376n.toString();

type Log = { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };

/** A queue and its worker: pg-boss's queue options, and the handler of one job at a time. */
export type JobDefinition<T extends object> = {
  name: string;
  policy: 'standard' | 'stately' | 'singleton' | 'short';
  retryLimit: number;
  expireInSeconds: number;
  /** A schedule (China time); pg-boss sends each slot once, however many processes run. */
  cron?: string;
  handle: (data: T) => Promise<unknown>;
};

export type JobQueue = {
  /**
   * Queues a job and wakes this process's worker for it at once (another process may take it first).
   * With `singletonSeconds` one job per slot; `singletonNextSlot` queues into the next slot when this one is taken.
   */
  send: <T extends object>(name: string, data: T, options?: { singletonKey?: string; singletonSeconds?: number; singletonNextSlot?: boolean }) => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * The one PostgreSQL-backed job queue of a process (pg-boss), shared by the modules: each gives its
 * queues and handlers; the queues are created under one advisory lock (processes creating queues at
 * once deadlock on pg-boss's partition tables), except on the embedded database, which has one
 * connection and one process. The same pool serves PGlite (through its socket) and PostgreSQL.
 */
export async function startJobQueue(options: {
  pool: pg.Pool;
  log: Log;
  definitions: readonly JobDefinition<never>[];
  pollingIntervalSeconds?: number;
  singleConnection?: boolean;
  schedule?: boolean;
}): Promise<JobQueue> {
  const { pool, log } = options;
  const boss = new PgBoss({
    db: { executeSql: async (text: string, values?: unknown[]) => pool.query(text, values as unknown[]) },
    schema: 'pgboss',
    schedule: options.schedule ?? true,
    supervise: true,
  });
  boss.on('error', (error: Error) => log.error({ err: error }, 'pg-boss error'));
  const setUp = async () => {
    await boss.start();
    for (const d of options.definitions) await boss.createQueue(d.name, { name: d.name, policy: d.policy, retryLimit: d.retryLimit, expireInSeconds: d.expireInSeconds });
  };
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
  if (options.schedule ?? true) {
    for (const d of options.definitions) if (d.cron) await boss.schedule(d.name, d.cron, {}, { tz: 'Asia/Shanghai' });
  }
  const workers = new Map<string, string>();
  for (const d of options.definitions) {
    const handle = d.handle as (data: object) => Promise<unknown>;
    workers.set(d.name, await boss.work<object>(d.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10, batchSize: 1 }, async ([job]) => (job ? handle(job.data) : undefined)));
  }
  return {
    send: async (name, data, sendOptions = {}) => {
      await boss.send(name, data, sendOptions);
      const worker = workers.get(name);
      if (worker) boss.notifyWorker(worker);
    },
    stop: async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
