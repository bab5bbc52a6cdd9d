/**
 * Service desk load test on loopback: the request list and request creation at a fixed
 * arrival rate (default 300 req/s), reporting achieved req/s and latency percentiles (p50,
 * p99, measured from each request's scheduled time). The app runs in this process on
 * 127.0.0.1 with a fresh database (in-memory PGlite, or a new database on DATABASE_URL);
 * the load comes from a worker thread. autocannon is not installed, hence the small generator.
 *
 *   node bin/run-ts.js bench/service/bench-service.ts [--rate 300] [--seconds 20] [--requests 5000] [--pool N] [--json]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bin/run-ts.js bench/service/bench-service.ts
 */
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { buildApp } from '../../src/server/app.ts';
import { systemClock } from '../../src/server/clock.ts';
import { migrateDatabase, openDatabase, type Database } from '../../src/server/db/index.ts';
import { createUsersService } from '../../src/modules/users/index.ts';
import { createAuditService } from '../../src/modules/audit/index.ts';
import { createEnterprisesService } from '../../src/modules/enterprises/index.ts';
import { generateDemoEnterprises } from '../../src/modules/demo/index.ts';
import { SYSTEM_ACTOR } from '../../src/server/actor.ts';
import { createServiceDeskService } from '../../src/modules/service/index.ts';
import { createFilesService } from '../../src/modules/files/index.ts';

const { values } = parseArgs({
  options: { pool: { type: 'string' }, rate: { type: 'string', default: '300' }, seconds: { type: 'string', default: '20' }, requests: { type: 'string', default: '5000' }, json: { type: 'boolean', default: false } },
});
const RATE = Math.min(Number(values.rate), 5000);
const SECONDS = Math.min(Number(values.seconds), 120);
const EXISTING = Math.min(Number(values.requests), 200_000);
const log = (m: string) => {
  if (!values.json) console.log(m);
};

async function openBenchDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  // One connection to PGlite: with several, concurrent extended-protocol queries through
  // @electric-sql/pglite-socket 0.2.17 can clobber each other's unnamed prepared statement
  // ("unnamed prepared statement does not exist") and leave a transaction waiting forever.
  if (!url) return { database: await openDatabase({ dataDir: 'memory', poolSize: Number(values.pool ?? 1) }), drop: async () => undefined };
  const name = `gaodi_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8' template template0`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString(), poolSize: Number(values.pool ?? 10) });
  return {
    database,
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

function runLoad(options: { port: number; path: string; method: 'GET' | 'POST'; headers: Record<string, string>; bodies?: string[] }) {
  return new Promise<{ reqPerSec: number; p50: number; p99: number; max: number; errors: number; completed: number; statuses: Record<string, number> }>((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.js', import.meta.url), { workerData: { ...options, rate: RATE, seconds: SECONDS } });
    worker.once('message', (m) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

const { database, drop } = await openBenchDatabase();
await migrateDatabase(database);
const app = await buildApp({
  config: { sessionIdleMinutes: 600, sessionAbsoluteHours: 12, secureCookies: false, uploadLimitBytes: 5 * 1024 * 1024, logLevel: 'silent', dataDir: 'memory' },
  database, clock: systemClock, logger: false,
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

const audit = createAuditService({ db: database.db, clock: systemClock });
const enterprises = createEnterprisesService({ db: database.db, audit, clock: systemClock });
await enterprises.seedEnterprises(SYSTEM_ACTOR, generateDemoEnterprises(2000, { reportYear: 2025 }).map((e) => ({ ...e, isDemo: true })));
const users = createUsersService({ db: database.db });
await users.createUser({ username: 'bench-city', displayName: 'bench', role: 'city', password: 'bench-password', jurisdictionCode: '410100' });
const firms = (await enterprises.findEnterprises(SYSTEM_ACTOR, { page: 1, pageSize: 200 })).items;

async function signIn(username: string): Promise<Record<string, string>> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'bench-password' }) });
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  const csrf = cookies.find((c) => c.startsWith('gaodi_csrf='))?.split('=')[1] ?? '';
  return { cookie: cookies.join('; '), 'x-csrf-token': csrf, 'content-type': 'application/json' };
}
const headers = await signIn('bench-city');
const body = (i: number) => JSON.stringify({ enterpriseId: firms[i % firms.length]?.id, category: ['land', 'labour', 'financing', 'utilities'][i % 4], urgency: 'normal', title: `压测诉求 ${i}`, description: '负载测试生成的诉求' });

log(`Seeding ${EXISTING} requests…`);
const desk = createServiceDeskService({ db: database.db, audit, clock: systemClock, enterprises, users: createUsersService({ db: database.db }), files: createFilesService({ db: database.db, audit, maxBytes: 10 * 1024 * 1024 }) });
const seeder = { ...SYSTEM_ACTOR, role: 'city' as const };
for (let i = 0; i < EXISTING; i += 10) {
  await Promise.all(
    Array.from({ length: Math.min(10, EXISTING - i) }, (_, k) =>
      desk.createRequest(seeder, { enterpriseId: firms[(i + k) % firms.length]?.id, category: ['land', 'labour', 'financing', 'utilities'][(i + k) % 4] ?? 'other', urgency: 'normal', title: `已有诉求 ${i + k}`, description: '基线数据', fileIds: [] }),
    ),
  );
}

log(`\n${database.kind} (pool ${database.pool.options.max}), ${RATE} req/s for ${SECONDS} s on 127.0.0.1:${port}`);
const list = await runLoad({ port, path: '/api/v1/service-requests?pageSize=20', method: 'GET', headers });
const filtered = await runLoad({ port, path: '/api/v1/service-requests?pageSize=20&state=submitted&category=land&district=410105', method: 'GET', headers });
const create = await runLoad({ port, path: '/api/v1/service-requests', method: 'POST', headers, bodies: Array.from({ length: 500 }, (_, i) => body(i)) });
const results = { engine: database.kind, pool: database.pool.options.max, rate: RATE, seconds: SECONDS, existingRequests: EXISTING, list, filtered, create };
const row = (name: string, r: typeof list) =>
  `${name.padEnd(22)} ${r.reqPerSec.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(1).padStart(7)} ms   p99 ${r.p99.toFixed(1).padStart(7)} ms   max ${r.max.toFixed(0).padStart(6)} ms   errors ${r.errors}`;
if (values.json) console.log(JSON.stringify(results));
else {
  console.log(row('GET list', list));
  console.log(row('GET list, filtered', filtered));
  console.log(row('POST create', create));
}
await app.close();
await database.close();
await drop();
