/**
 * 政策找企业 start-up benchmark: the snapshot a process builds at start, read from a real database of N
 * demo enterprises (PostgreSQL with DATABASE_URL, else PGlite in a folder), then matched. Compares the
 * keyset read of the matching columns (`streamMatchingRecords`, what the app does) with the offset
 * pages of whole rows it replaced, and reports the policies service's own start (`warmUp`).
 * The database is kept between runs (`gaodi_bench_policies_<N>` on the server, /tmp/gaodi-bench-policies-<N>
 * for PGlite) and topped up to N enterprises first.
 *
 *   node bin/run-ts.js bench/policies/bench-policies-start.ts --enterprises 100000 [--runs 2] [--skip-offset] [--json]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { SYSTEM_ACTOR } from '../../src/server/actor.ts';
import { systemClock } from '../../src/server/clock.ts';
import { migrateDatabase, openDatabase, type Database } from '../../src/server/db/index.ts';
import { createAuditService } from '../../src/modules/audit/index.ts';
import { createEnterprisesService } from '../../src/modules/enterprises/index.ts';
import { iterateEnterprises } from '../../src/modules/enterprises/enterprises.repository.ts';
import { generateDemoEnterprises } from '../../src/modules/demo/index.ts';
import { createPoliciesService } from '../../src/modules/policies/index.ts';

const { values } = parseArgs({ options: { enterprises: { type: 'string', default: '100000' }, runs: { type: 'string', default: '2' }, 'skip-offset': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
const N = Number(values.enterprises);
const RUNS = Number(values.runs);
if (!Number.isInteger(N) || N < 1) {
  console.error('usage: bench-policies-start.ts --enterprises N [--runs R] [--skip-offset] [--json]');
  process.exit(2);
}
const say = (line: string) => {
  if (!values.json) console.log(line);
};
const ms = (start: number): number => Math.round(performance.now() - start);
const mb = (): number => Math.round(process.memoryUsage().rss / 1024 / 1024);

async function open(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) return openDatabase({ dataDir: `/tmp/gaodi-bench-policies-${N}`, poolSize: 1 });
  const name = `gaodi_bench_policies_${N}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`create database ${name} encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8' template template0`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return openDatabase({ databaseUrl: target.toString(), poolSize: 4 });
}

const database = await open();
await migrateDatabase(database);
const { db } = database;
const audit = createAuditService({ db, clock: systemClock });
const enterprises = createEnterprisesService({ db, audit, clock: systemClock });
const have = await enterprises.countAll();
if (have < N) {
  const seedStart = performance.now();
  const reportYear = systemClock.now().getFullYear() - 1;
  const generated = generateDemoEnterprises(N, { reportYear }).slice(have);
  for (let i = 0; i < generated.length; i += 10000) {
    await enterprises.seedEnterprises(SYSTEM_ACTOR, generated.slice(i, i + 10000));
    if (!values.json) process.stdout.write(`\rseeding ${have + Math.min(i + 10000, generated.length)} / ${N}`);
  }
  say(`\nseeded ${generated.length} enterprises in ${ms(seedStart)} ms`);
}

type Run = { offsetReadMs: number | null; keysetReadMs: number; warmUpLoadMs: number; warmUpMatchMs: number; startMs: number; rssMb: number };
const runs: Run[] = [];
for (let r = 0; r < RUNS; r += 1) {
  let offsetReadMs: number | null = null;
  if (!values['skip-offset']) {
    const start = performance.now();
    let n = 0;
    for await (const rows of iterateEnterprises(db, { kind: 'all' }, {}, undefined, 20000)) n += rows.length;
    offsetReadMs = ms(start);
    if (n < N) throw new Error(`offset read ${n} rows`);
  }
  const keysetStart = performance.now();
  let n = 0;
  for await (const batch of enterprises.streamMatchingRecords()) n += batch.length;
  const keysetReadMs = ms(keysetStart);
  if (n < N) throw new Error(`keyset read ${n} rows`);
  // the service's start: the feed's cursor would be placed first (not here), the registry read, today's match built
  const policies = createPoliciesService({ db, audit, clock: systemClock, enterprises });
  const start = performance.now();
  const timing = await policies.warmUp();
  const startMs = ms(start);
  const run = { offsetReadMs, keysetReadMs, warmUpLoadMs: timing?.loadMs ?? 0, warmUpMatchMs: timing?.matchMs ?? 0, startMs, rssMb: mb() };
  runs.push(run);
  say(`run ${r + 1}: offset pages ${offsetReadMs ?? '-'} ms · keyset ${keysetReadMs} ms · start: read ${run.warmUpLoadMs} ms + match ${run.warmUpMatchMs} ms (${timing?.items ?? 0} items × ${timing?.enterprises ?? 0}) = ${startMs} ms · rss ${run.rssMb} MB`);
}
if (values.json) console.log(JSON.stringify({ engine: database.kind, enterprises: N, runs }));
await database.close();
