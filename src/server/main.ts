import { loadConfig, type Config } from './config.ts';
import { systemClock } from './clock.ts';
import { migrateDatabase, openDatabase } from './db/index.ts';
import { buildApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { createAuditService } from '../modules/audit/index.ts';
import { createDeadlineSweep, startServiceJobs } from '../modules/service/index.ts';
import { IMPORT_QUEUE } from '../modules/enterprises/index.ts';
import { startJobQueue } from './jobs.ts';
import { startDeliveryJobs } from '../modules/policies/index.ts';
import { startPolicyJobs } from '../modules/policies/index.ts';

/** config → database → migrations → first-start data → app → listen. Returns a stop function. */
export async function startServer(overrides: Partial<Config> = {}): Promise<{ url: string; stop: () => Promise<void> }> {
  const config = { ...loadConfig(), ...overrides };
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(database);
  const app = await buildApp({ config, database, clock: systemClock });
  const first = await bootstrap(database, config, systemClock, app.log);
  await app.listen({ port: config.port, host: config.host });
  // 督办: the service desk's deadline sweep on the PostgreSQL-backed queue (pg-boss), also on PGlite.
  const sweep = createDeadlineSweep({ db: database.db, audit: createAuditService({ db: database.db, clock: systemClock }), clock: systemClock });
  // On PGlite, poll rarely: every query through its socket competes with the users' (see docs/service.md).
  const serviceJobs = await startServiceJobs({ pool: database.pool, sweep, log: app.log, pollingIntervalSeconds: database.kind === 'pglite' ? 60 : 10, singleConnection: database.kind === 'pglite' });
  // Long work on the process's one job queue (pg-boss): Excel imports, whichever process takes them
  const jobs = await startJobQueue({
    pool: database.pool,
    log: app.log,
    pollingIntervalSeconds: database.kind === 'pglite' ? 60 : 10,
    singleConnection: database.kind === 'pglite',
    definitions: [{ name: IMPORT_QUEUE, policy: 'standard', retryLimit: 1, expireInSeconds: 3600, handle: (data: { jobId: string }) => app.enterpriseTransfer.runImportJob(data.jobId) }],
  });
  app.enterpriseTransfer.attachQueue((jobId) => jobs.send(IMPORT_QUEUE, { jobId }));
  // 政策找企业: full re-match runs on pg-boss (POST /api/v1/policy-match-runs wakes this process's worker at once)
  const policyJobs = await startPolicyJobs({ pool: database.pool, runs: app.policyMatchRuns, log: app.log, pollingIntervalSeconds: database.kind === 'pglite' ? 60 : 10, singleConnection: database.kind === 'pglite' });
  // 政策直达: the notice job on pg-boss, and one sweep now (the demo's applications come with the demo data)
  const delivery = app.policyDelivery;
  const deliveryJobs = await startDeliveryJobs({ pool: database.pool, delivery, log: app.log, pollingIntervalSeconds: database.kind === 'pglite' ? 60 : 10, singleConnection: database.kind === 'pglite' });
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
    await serviceJobs.stop();
    await jobs.stop();
    await deliveryJobs.stop();
    await policyJobs.stop();
    await app.close();
    await database.close();
  };
  return { url, stop };
}
