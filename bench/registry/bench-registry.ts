/**
 * Registry benchmark: import rate, filtered-list and name-search latency at N enterprises,
 * on PGlite and (with DATABASE_URL) on PostgreSQL, against a plain COPY of the same rows
 * into an empty table as the ceiling.
 *
 *   npm run bench:registry -- --enterprises 1000000 [--engine pglite|postgres|both] [--batch-size 10000] [--no-bulk] [--json]
 *
 * The import takes the path the app takes: from 50,000 rows into a registry no larger than the
 * file, the bulk load (one transaction, COPY, keys rebuilt); `--no-bulk` forces the batch path.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SYSTEM_ACTOR, type Actor } from '../../src/server/actor.ts';
import { systemClock } from '../../src/server/clock.ts';
import { migrateDatabase, openDatabase, type Database } from '../../src/server/db/index.ts';
import { createScratchDatabase } from '../../src/server/db/scratch.ts';
import { createAuditService } from '../../src/modules/audit/index.ts';
import { createEnterprisesService } from '../../src/modules/enterprises/index.ts';
import { generateDemoEnterprises, type DemoEnterprise } from '../../src/modules/demo/index.ts';
import { BULK_FROM, bulkLoadOf, importSheet } from '../../src/modules/enterprises/transfer/import.service.ts';
import { COLUMNS } from '../../src/modules/enterprises/transfer/columns.ts';
import type { Sheet } from '../../src/modules/enterprises/transfer/read-sheet.ts';
import { toSheet } from './demo-sheet.ts';
import { plainCopyText, PLAIN_COPY_COLUMNS } from './plain-copy.ts';
import { createRandom } from '../../src/modules/demo/random.ts';

const { values } = parseArgs({ options: { enterprises: { type: 'string', default: '100000' }, json: { type: 'boolean', default: false }, queries: { type: 'string', default: '300' }, engine: { type: 'string', default: 'both' }, updates: { type: 'boolean', default: false }, 'batch-size': { type: 'string' }, 'no-bulk': { type: 'boolean', default: false } } });
const N = Number(values.enterprises);
const Q = Number(values.queries);

type EngineResult = {
  engine: 'pglite' | 'postgres';
  copyRowsPerSec: number;
  importRowsPerSec: number;
  importSeconds: number;
  importVsCopy: number;
  importPath: 'bulk load' | 'batches';
  /** With --updates: the same file again (every row unchanged), then with every row's revenue changed. */
  reimportRowsPerSec?: number;
  updateRowsPerSec?: number;
  list: { p50: number; p95: number };
  search: { p50: number; p95: number };
  searchByKind: Record<string, { p50: number; p95: number }>;
};

const log = (m: string) => {
  if (!values.json) console.log(m);
  else console.error(m);
};

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[i] ?? 0) * 100) / 100;
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95) };
}

async function measureCopy(database: Database, tsv: string): Promise<number> {
  await database.pool.query('drop table if exists bench_copy_ceiling');
  await database.pool.query('create table bench_copy_ceiling (like enterprises including defaults)');
  const t0 = performance.now();
  await database.copyText('bench_copy_ceiling', PLAIN_COPY_COLUMNS, tsv);
  const seconds = (performance.now() - t0) / 1000;
  await database.pool.query('drop table bench_copy_ceiling');
  return N / seconds;
}

async function runEngine(engine: 'pglite' | 'postgres', rows: DemoEnterprise[]): Promise<EngineResult> {
  let database: Database;
  let cleanup = async () => undefined as void;
  if (engine === 'postgres') {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL ?? '', 'gaodi_bench');
    database = await openDatabase({ databaseUrl: scratch.url });
    cleanup = scratch.drop;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'gaodi-bench-'));
    database = await openDatabase({ dataDir: dir });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  try {
    await migrateDatabase(database);
    log(`[${engine}] COPY ceiling…`);
    const copyRowsPerSec = await measureCopy(database, plainCopyText(rows));
    log(`[${engine}] import of ${N} rows…`);
    const audit = createAuditService({ db: database.db, clock: systemClock });
    const sheet = toSheet(rows);
    const t0 = performance.now();
    let shown = 0;
    const bulk = values['no-bulk'] ? undefined : bulkLoadOf(database);
    const outcome = await importSheet({ db: database.db, audit, clock: systemClock, bulk }, SYSTEM_ACTOR, sheet, {
      ...(values['batch-size'] ? { batchSize: Number(values['batch-size']) } : {}),
      onProgress: (done) => {
        if (done - shown >= 100_000) {
          shown = done;
          log(`[${engine}]   ${done} rows, ${Math.round(done / ((performance.now() - t0) / 1000))} rows/s`);
        }
      },
    });
    const importSeconds = (performance.now() - t0) / 1000;
    if (outcome.result.failed.length) throw new Error(`import reported ${outcome.result.failed.length} problems, first: ${JSON.stringify(outcome.result.failed[0])}`);
    // What a large import job does when it finishes (transfer.service.ts).
    await database.pool.query('vacuum analyze enterprises');
    let reimportRowsPerSec: number | undefined;
    let updateRowsPerSec: number | undefined;
    if (values.updates) {
      const timed = async (label: string, s: Sheet) => {
        log(`[${engine}] ${label} of ${N} rows…`);
        const t = performance.now();
        const o = await importSheet({ db: database.db, audit, clock: systemClock, bulk }, SYSTEM_ACTOR, s);
        const rate = N / ((performance.now() - t) / 1000);
        log(`[${engine}]   ${JSON.stringify({ imported: o.result.imported, updated: o.result.updated, unchanged: o.result.unchanged, failed: o.result.failed.length })}, ${Math.round(rate)} rows/s`);
        await database.pool.query('vacuum analyze enterprises');
        return Math.round(rate);
      };
      reimportRowsPerSec = await timed('re-import (unchanged)', sheet);
      const revenueColumn = COLUMNS.findIndex((c) => c.key === 'revenueWan');
      updateRowsPerSec = await timed('import with every revenue changed', { ...sheet, rows: sheet.rows.map((r) => ({ ...r, cells: r.cells.map((c, i) => (i === revenueColumn && typeof c === 'number' ? c + 1 : c)) })) });
    }

    const enterprises = createEnterprisesService({ db: database.db, audit, clock: systemClock });
    const r = createRandom(7);
    const districts = ['410102', '410103', '410104', '410105', '410106', '410108', '410122', '410181', '410182', '410183', '410184', '410185', '410171', '410172', '410173'];
    const industries = ['C39', 'C36', 'C35', 'C34', 'C27', 'C32', 'C13', 'C3670', 'C38', 'C30'];
    const district: Actor = { ...SYSTEM_ACTOR, role: 'district', scope: { kind: 'divisions', prefixes: ['410105'], excludedPrefixes: ['410105560', '410105561', '410105562', '410105563', '410105564'] } };
    const listTimes: number[] = [];
    for (let i = 0; i < Q; i++) {
      const actor = i % 2 ? SYSTEM_ACTOR : district;
      const query = {
        page: 1, pageSize: 20,
        ...(i % 2 ? { division: r.pick(districts) } : {}),
        industry: r.pick(industries),
        ...(i % 3 === 0 ? { aboveScale: true } : {}),
        ...(i % 5 === 0 ? { sizeClass: ['small' as const, 'micro' as const] } : {}),
        sort: '-revenueWan' as const,
      };
      const t = performance.now();
      await enterprises.findEnterprises(actor, query);
      listTimes.push(performance.now() - t);
    }
    const searchTimes: number[] = [];
    const byKind: Record<string, number[]> = { twoChars: [], fullName: [], pinyin: [], typo: [] };
    for (let i = 0; i < Q; i++) {
      const target = r.pick(rows);
      const core = target.name.replace(/^郑州/, '').replace(/(股份|科技)?有限公司$/, '');
      const kind = (['twoChars', 'fullName', 'pinyin', 'typo'] as const)[i % 4] ?? 'twoChars';
      const chars = Array.from(core);
      let q = core;
      if (kind === 'twoChars') q = chars.slice(0, 2).join('');
      if (kind === 'pinyin') q = (await import('../../src/modules/enterprises/search-tokens.ts')).pinyinInitials(core).slice(0, 4);
      if (kind === 'typo' && chars.length >= 4) q = [...chars.slice(0, 2), '错', ...chars.slice(3)].join('');
      const t = performance.now();
      await enterprises.findEnterprises(SYSTEM_ACTOR, { page: 1, pageSize: 20, q });
      const ms = performance.now() - t;
      searchTimes.push(ms);
      byKind[kind]?.push(ms);
    }
    return {
      engine,
      copyRowsPerSec: Math.round(copyRowsPerSec),
      importRowsPerSec: Math.round(N / importSeconds),
      importSeconds: Math.round(importSeconds * 10) / 10,
      importPath: !values['no-bulk'] && N >= BULK_FROM ? ('bulk load' as const) : ('batches' as const),
      importVsCopy: Math.round((N / importSeconds / copyRowsPerSec) * 1000) / 1000,
      ...(reimportRowsPerSec ? { reimportRowsPerSec } : {}),
      ...(updateRowsPerSec ? { updateRowsPerSec } : {}),
      list: stats(listTimes),
      search: stats(searchTimes),
      searchByKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, stats(v)])),
    };
  } finally {
    await database.close();
    await cleanup();
  }
}

log(`generating ${N} demo enterprises…`);
const rows = generateDemoEnterprises(N, { reportYear: new Date().getFullYear() - 1 });
const results: EngineResult[] = [];
if (values.engine !== 'postgres') results.push(await runEngine('pglite', rows));
if (process.env.DATABASE_URL && values.engine !== 'pglite') results.push(await runEngine('postgres', rows));

for (const r of results) {
  log(`\n${r.engine}: ${N} enterprises`);
  log(`  plain COPY into an empty table   ${r.copyRowsPerSec.toLocaleString()} rows/s (ceiling)`);
  log(`  import (validate, derive, upsert, audit; ${r.importPath})  ${r.importRowsPerSec.toLocaleString()} rows/s  (${r.importSeconds} s, ${(r.importVsCopy * 100).toFixed(1)} % of COPY)`);
  if (r.reimportRowsPerSec) log(`  re-import, every row unchanged    ${r.reimportRowsPerSec.toLocaleString()} rows/s`);
  if (r.updateRowsPerSec) log(`  import, every row's revenue changed  ${r.updateRowsPerSec.toLocaleString()} rows/s`);
  log(`  filtered list, page of 20        p50 ${r.list.p50} ms   p95 ${r.list.p95} ms`);
  log(`  name search                      p50 ${r.search.p50} ms   p95 ${r.search.p95} ms`);
  for (const [k, v] of Object.entries(r.searchByKind)) log(`    ${k.padEnd(10)} p50 ${v.p50} ms   p95 ${v.p95} ms`);
}
if (values.json) console.log(JSON.stringify({ enterprises: N, results }));
