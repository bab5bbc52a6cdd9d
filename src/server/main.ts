import { loadConfig, type Config } from './config.ts';
import { systemClock } from './clock.ts';
import { migrateDatabase, openDatabase } from './db/index.ts';
import { buildApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { createAuditService } from '../modules/audit/index.ts';
import { createDeadlineSweep, sweepJob } from '../modules/service/index.ts';
import { IMPORT_QUEUE, importJob } from '../modules/enterprises/index.ts';
import { attachMatchRuns, attachNotices, matchRunJob, noticeJob } from '../modules/policies/index.ts';
import { startJobQueue } from './jobs.ts';

/** config → database → migrations → first-start data → app → listen. Returns a stop function. */
export async function startServer(overrides: Partial<Config> = {}): Promise<{ url: string; stop: () => Promise<void> }> {
  const config = { ...loadConfig(), ...overrides };
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(database);
  const app = await buildApp({ config, database, clock: systemClock });
  const first = await bootstrap(database, config, systemClock, app.log);
  await app.listen({ port: config.port, host: config.host });
  // Long and scheduled work on the process's job queue (pg-boss, in the database: docs/architecture.md):
  // Excel imports, 督办's deadline sweep, full policy re-matches. A job sent from this process wakes its
  // worker at once; on PGlite the queue polls rarely otherwise, since every query through its socket
  // competes with the users' (docs/service.md).
  const sweep = createDeadlineSweep({ db: database.db, audit: createAuditService({ db: database.db, clock: systemClock }), clock: systemClock });
  const jobs = await startJobQueue({
    pool: database.pool,
    log: app.log,
    pollingIntervalSeconds: database.kind === 'pglite' ? 60 : 10,
    singleConnection: database.kind === 'pglite',
    definitions: [importJob(app.enterpriseTransfer), sweepJob(sweep, app.log), matchRunJob(app.policyMatchRuns), noticeJob(app.policyDelivery)],
  });
  app.enterpriseTransfer.attachQueue((jobId) => jobs.send(IMPORT_QUEUE, { jobId }));
  attachMatchRuns(app.policyMatchRuns, jobs);
  // 政策直达: the notice job soon after changes, and one sweep now (the demo's applications come with the demo data)
  const delivery = app.policyDelivery;
  attachNotices(delivery, jobs, { log: app.log });
  void delivery.runNoticeJob().catch((error: unknown) => app.log.error({ err: error }, 'policies: the first notice run failed; the job retries'));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  if (first.demoAccounts) {
    const lines = first.demoAccounts.map((a) => `    ${a.username.padEnd(10)} ${a.description}`);
    console.log(`\n  Demo accounts (password: ${config.demoPassword}):\n${lines.join('\n')}\n`);
  }
  if (first.generatedAdminPassword) {
    console.log(`\n  First administrator: admin / ${first.generatedAdminPassword}\n  (shown only this once; set GAODI_ADMIN_PASSWORD to choose it)\n`);
  }
  console.log(`  Gaodi is ready at ${url}  (database: ${database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'})\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await jobs.stop();
    await app.close();
    await database.close();
  };
  return { url, stop };
}
