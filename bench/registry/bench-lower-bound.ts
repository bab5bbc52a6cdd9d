/**
 * The physical lower bound of a bulk enterprise import on PostgreSQL: with the demo rows already
 * prepared, how long COPY of the final enterprise rows (every derived column) into a table
 * without secondary indexes takes, then COPY of their figures and audit rows, then building the
 * indexes afterwards; and how long preparing the rows (parse, validate, derive) takes on one
 * thread. Each step is timed alone, in one transaction, against a plain COPY of the same rows.
 *
 *   DATABASE_URL=postgres://… node bin/run-ts.js bench/registry/bench-lower-bound.ts [rows]
 */
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../../src/server/db/index.ts';
import { createScratchDatabase } from '../../src/server/db/scratch.ts';
import { timeOrderedUuid } from '../../src/server/db/bulk.ts';
import { SYSTEM_ACTOR } from '../../src/server/actor.ts';
import { generateDemoEnterprises } from '../../src/modules/demo/index.ts';
import { createCopyChecks, createRowPreparation, importCreateAudit } from '../../src/modules/enterprises/transfer/prepare-rows.ts';
import {
  AUDIT_COPY_COLUMNS, CopyText, ENTERPRISE_COPY_COLUMNS, INDICATOR_COPY_COLUMNS, auditWho, writeAudit, writeEnterprise, writeIndicators,
} from '../../src/modules/enterprises/transfer/copy-rows.ts';
import { toSheet } from './demo-sheet.ts';
import { plainCopyText, PLAIN_COPY_COLUMNS } from './plain-copy.ts';

const N = Number(process.argv[2] ?? 1_000_000);
const YEAR = new Date().getFullYear() - 1;
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const lines: string[] = [];
const say = (label: string, s: number) => {
  const line = `  ${label.padEnd(58)} ${s.toFixed(2).padStart(7)} s  ${((s * 1e6) / N).toFixed(1).padStart(6)} µs a row`;
  lines.push(line);
  console.log(line);
};

console.log(`generating ${N} demo enterprises…`);
const demo = generateDemoEnterprises(N, { reportYear: YEAR });
const sheet = toSheet(demo);

let t = performance.now();
const prepare = createRowPreparation(sheet.headers, SYSTEM_ACTOR.scope);
const prepared = [];
for (let i = 0; i < N; i += 10_000) prepared.push(...prepare(sheet.rows.slice(i, i + 10_000)).good);
say('(d) prepare: parse, validate, derive (one thread)', seconds(t));

// What each thread of a bulk load into an empty registry does: the same, and the rows' COPY bytes.
// The rows pass through structuredClone first, as they reach a worker thread (flat strings).
const copyChecks = createCopyChecks(sheet.headers, SYSTEM_ACTOR.scope, { reportYear: YEAR, who: auditWho(SYSTEM_ACTOR, new Date()) });
let copyChecking = 0;
for (let i = 0; i < N; i += 10_000) {
  const batch = structuredClone(sheet.rows.slice(i, i + 10_000));
  const t0 = performance.now();
  copyChecks(batch);
  copyChecking += performance.now() - t0;
}
say('(d) the same and the COPY bytes, as a bulk load\'s thread (one thread)', copyChecking / 1000);

t = performance.now();
const who = auditWho(SYSTEM_ACTOR, new Date());
const enterpriseText: Uint8Array[] = [];
const indicatorText: Uint8Array[] = [];
const auditText: Uint8Array[] = [];
const [e, f, a] = [new CopyText(), new CopyText(), new CopyText()];
prepared.sort((x, y) => (x.insert.creditCode < y.insert.creditCode ? -1 : 1));
for (let i = 0; i < prepared.length; i += 10_000) {
  for (const p of prepared.slice(i, i + 10_000)) {
    const id = timeOrderedUuid();
    writeEnterprise(e, p.insert, id);
    writeIndicators(f, id, YEAR, p.insert);
    writeAudit(a, who, importCreateAudit(p.insert, id));
  }
  enterpriseText.push(e.take());
  indicatorText.push(f.take());
  auditText.push(a.take());
}
say('    COPY text of enterprises, figures, audit rows (one thread)', seconds(t));

const scratch = await createScratchDatabase(process.env.DATABASE_URL ?? '', 'gaodi_bench');
const database = await openDatabase({ databaseUrl: scratch.url });
try {
  await migrateDatabase(database);
  const pool = database.pool;
  await pool.query('create table plain_copy (like enterprises including defaults)');
  t = performance.now();
  await database.copyText('plain_copy', PLAIN_COPY_COLUMNS, plainCopyText(demo));
  say('plain COPY (the benchmark\'s ceiling)', seconds(t));
  await pool.query('drop table plain_copy');

  const { rows: indexes } = await pool.query<{ indexname: string; indexdef: string }>(
    "select indexname, indexdef from pg_indexes where tablename = 'enterprises' and indexname not in ('enterprises_pkey', 'enterprises_credit_code_key')",
  );
  const total = performance.now();
  await database.copyTransaction(async (tx, copy) => {
    const run = (statement: string) => tx.execute(sql.raw(statement));
    await run(`set local maintenance_work_mem = '1GB'`);
    await run('set local max_parallel_maintenance_workers = 2');
    for (const i of indexes) await run(`drop index ${i.indexname}`);
    await run('alter table enterprise_indicators drop constraint enterprise_indicators_enterprise_id_enterprises_id_fk');
    await run('alter table enterprise_indicators drop constraint enterprise_indicators_enterprise_id_year_pk');
    t = performance.now();
    await copy('enterprises', ENTERPRISE_COPY_COLUMNS, enterpriseText);
    say('(a) COPY enterprises, every column, primary key + credit code', seconds(t));
    t = performance.now();
    await copy('enterprise_indicators', INDICATOR_COPY_COLUMNS, indicatorText);
    say('(b) COPY figures, no key', seconds(t));
    t = performance.now();
    await copy('audit_log', AUDIT_COPY_COLUMNS, auditText);
    say('(b) COPY audit rows (its three B-trees kept)', seconds(t));
    t = performance.now();
    await run('alter table enterprise_indicators add constraint enterprise_indicators_enterprise_id_year_pk primary key (enterprise_id, year)');
    say('(c) figures: primary key built', seconds(t));
    t = performance.now();
    await run('alter table enterprise_indicators add constraint enterprise_indicators_enterprise_id_enterprises_id_fk foreign key (enterprise_id) references enterprises(id) on delete cascade');
    say('(c) figures: foreign key checked', seconds(t));
    for (const i of indexes) {
      t = performance.now();
      await run(i.indexdef);
      say(`(c) ${i.indexname}`, seconds(t));
    }
    t = performance.now();
  });
  say('    commit', seconds(t));
  say('all writes, one transaction', seconds(total));
} finally {
  await database.close();
  await scratch.drop();
}
console.log(`\n${N} rows:\n${lines.join('\n')}`);
