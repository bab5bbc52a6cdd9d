/**
 * Where an enterprise insert's time goes: the same rows, 10,000 a batch, inserted into copies of
 * `enterprises` with different index sets (one JSON statement a batch, batches interleaved so that
 * a busy machine slows every variant alike), then loaded three ways into a table without indexes
 * (JSON, unnest of typed arrays, COPY). PostgreSQL only (DATABASE_URL).
 *
 *   DATABASE_URL=postgres://… node bin/run-ts.js bench/registry/bench-insert-costs.ts [rows]
 */
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import { migrateDatabase, openDatabase } from '../../src/server/db/index.ts';
import { createScratchDatabase } from '../../src/server/db/scratch.ts';
import { timeOrderedUuid } from '../../src/server/db/bulk.ts';
import { generateDemoEnterprises } from '../../src/modules/demo/index.ts';
import { deriveFields } from '../../src/modules/enterprises/enterprise-fields.ts';

const N = Number(process.argv[2] ?? 200000);
const B = 10000;
const KEYS = ['id', 'creditCode', 'name', 'divisionCode', 'industryCode', 'foundedOn', 'employees', 'revenueWan', 'mainBusinessRevenueWan', 'assetsWan', 'rdExpenseWan', 'taxWan', 'landMu', 'energyTce', 'patents', 'exportWan', 'tags', 'address', 'legalRepresentative', 'contactName', 'contactPhone', 'sizeClass', 'aboveScale', 'searchTokens', 'nameInitials'] as const;
const TYPES = ['uuid', 'text', 'text', 'text', 'text', 'date', 'int', 'numeric', 'numeric', 'numeric', 'numeric', 'numeric', 'numeric', 'numeric', 'int', 'numeric', 'text', 'text', 'text', 'text', 'text', 'text', 'boolean', 'text', 'text'];
type Row = Record<(typeof KEYS)[number], unknown>;

const rows: Row[] = generateDemoEnterprises(N, { reportYear: 2025 }).map((r) => {
  const { sizeClassReason: _s, ...derived } = deriveFields({ ...r, legalEntity: true });
  const row: Record<string, unknown> = { ...r, ...derived, id: timeOrderedUuid() };
  return Object.fromEntries(KEYS.map((k) => [k, row[k] ?? null])) as Row;
});
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const cols = KEYS.map((k) => `"${snake(k)}"`).join(', ');
const json = (batch: Row[], id: () => string) => JSON.stringify(batch.map((r) => Object.fromEntries(KEYS.map((k) => [snake(k), k === 'id' ? id() : r[k]]))));
const tsv = (v: unknown) => (v === null ? '\\N' : Array.isArray(v) ? `{${v.map((x) => `"${String(x)}"`).join(',')}}` : String(v).replace(/[\\\t\n]/g, ' '));

const scratch = await createScratchDatabase(process.env.DATABASE_URL ?? '', 'gaodi_bench');
const database = await openDatabase({ databaseUrl: scratch.url });
const pool = database.pool;
const report = (t: Record<string, number>) => {
  for (const [k, v] of Object.entries(t)) console.log(`  ${k.padEnd(14)} ${Math.round(v)} ms  ${((v * 1000) / N).toFixed(1)} µs a row`);
};
try {
  await migrateDatabase(database);
  const indexes = (await pool.query<{ indexname: string; indexdef: string }>("select indexname, indexdef from pg_indexes where tablename = 'enterprises'")).rows;
  const variants: Record<string, (name: string) => boolean> = {
    none: () => false,
    pkUnique: (n) => n === 'enterprises_pkey' || n === 'enterprises_credit_code_key',
    btrees: (n) => !n.includes('tags') && !n.includes('search_tokens'),
    noSearchGin: (n) => !n.includes('search_tokens'),
    noRedundant: (n) => !['enterprises_division_code_idx', 'enterprises_industry_code_idx', 'enterprises_size_class_idx'].includes(n),
    all: () => true,
    allGinLimit: () => true,
    allRandomIds: () => true,
  };
  for (const [v, keep] of Object.entries(variants)) {
    await pool.query(`create table t_${v} (like enterprises including defaults)`);
    for (const i of indexes) if (keep(i.indexname)) await pool.query(i.indexdef.replace(/INDEX (\S+) ON public\.enterprises/, `INDEX $1_${v} ON public.t_${v}`));
  }
  const byIndexes: Record<string, number> = {};
  for (let s = 0; s < N; s += B) {
    const batch = rows.slice(s, s + B).sort((a, b) => (String(a.creditCode) < String(b.creditCode) ? -1 : 1));
    for (const v of Object.keys(variants)) {
      const payload = json(batch, v === 'allRandomIds' ? randomUUID : timeOrderedUuid);
      const c = await pool.connect();
      const t0 = performance.now();
      await c.query('begin');
      if (v === 'allGinLimit') await c.query(`set local gin_pending_list_limit = '64MB'`);
      await c.query(`insert into t_${v} (${cols}) select ${cols} from json_populate_recordset(null::t_${v}, $1::json)`, [payload]);
      await c.query('commit');
      byIndexes[v] = (byIndexes[v] ?? 0) + performance.now() - t0;
      c.release();
    }
  }
  console.log(`insert by index set, ${N} rows (JSON built before the clock starts):`);
  report(byIndexes);

  for (const v of ['json', 'unnest', 'copy']) await pool.query(`create table l_${v} (like enterprises including defaults)`);
  const byFormat: Record<string, number> = {};
  for (let s = 0; s < N; s += B) {
    const batch = rows.slice(s, s + B);
    for (const v of ['json', 'unnest', 'copy']) {
      const c = await pool.connect();
      const t0 = performance.now();
      await c.query('begin');
      if (v === 'json') {
        await c.query(`insert into l_json (${cols}) select ${cols} from json_populate_recordset(null::l_json, $1::json)`, [json(batch, randomUUID)]);
      } else if (v === 'unnest') {
        const arrays = KEYS.map((k) => batch.map((r) => (Array.isArray(r[k]) ? (r[k] as unknown[]).join('\u001f') : r[k])));
        const select = KEYS.map((k, i) => (k === 'tags' || k === 'searchTokens' ? `string_to_array(c${i}, E'\\x1f')` : `c${i}`)).join(', ');
        await c.query(`insert into l_unnest (${cols}) select ${select} from unnest(${KEYS.map((_, i) => `$${i + 1}::${TYPES[i]}[]`).join(', ')}) as u(${KEYS.map((_, i) => `c${i}`).join(', ')})`, arrays);
      } else {
        const stream = c.query(copyFrom(`copy l_copy (${cols}) from stdin`));
        await pipeline(Readable.from([batch.map((r) => KEYS.map((k) => tsv(k === 'id' ? randomUUID() : r[k])).join('\t')).join('\n') + '\n']), stream);
      }
      await c.query('commit');
      byFormat[v] = (byFormat[v] ?? 0) + performance.now() - t0;
      c.release();
    }
  }
  console.log(`load into a table without indexes, ${N} rows (formatting on the client included):`);
  report(byFormat);
} finally {
  await database.close();
  await scratch.drop();
}
