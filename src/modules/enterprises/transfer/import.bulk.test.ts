import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/helpers/db.ts';
import { createFixedClock } from '../../../../test/helpers/clock.ts';
import { SYSTEM_ACTOR } from '../../../server/actor.ts';
import type { Database } from '../../../server/db/index.ts';
import { createAuditService } from '../../audit/index.ts';
import { generateDemoEnterprises, type DemoEnterprise } from '../../demo/index.ts';
import { COLUMNS } from './columns.ts';
import { bulkLoadOf, importSheet } from './import.service.ts';
import type { Cell, Sheet } from './read-sheet.ts';

// The same file through the batch path (one database) and the bulk load (another): the same registry.
let batchDb: Database;
let bulkDb: Database;
const clock = createFixedClock('2026-11-25T09:00:00+08:00');

beforeAll(async () => {
  [batchDb, bulkDb] = await Promise.all([createTestDb(), createTestDb()]);
});
afterAll(() => Promise.all([batchDb.close(), bulkDb.close()]));

const demo = generateDemoEnterprises(60, { reportYear: 2025, seed: 7 });
const cellsOf = (r: DemoEnterprise): Cell[] =>
  COLUMNS.map((c) => {
    const v = r[c.key as keyof DemoEnterprise];
    if (Array.isArray(v)) return v.join('、');
    return v === undefined || v === null || typeof v === 'object' ? null : v;
  });
const column = (key: string) => COLUMNS.findIndex((c) => c.key === key);
const rows: Cell[][] = demo.map(cellsOf);
// Quotes and a backslash in a name, and every character COPY's text format escapes, must arrive unchanged.
rows[3]![column('name')] = '郑州"引号\\斜杠"有限公司';
rows[3]![column('address')] = '金水路\t1号\n2楼\r3室';
rows[5]![column('revenueWan')] = -1; // bad: negative
rows[8]![column('creditCode')] = rows[2]![column('creditCode')] ?? null; // bad: a repeat of row 4
rows[9]![column('foundedOn')] = '2020-02-30'; // bad: no such date
const sheet = (cells: Cell[][]): Sheet => ({ headers: COLUMNS.map((c) => c.header), rows: cells.map((c, i) => ({ rowNumber: i + 2, cells: c })) });

const viaBatches = (db: Database, cells: Cell[][]) =>
  importSheet({ db: db.db, audit: createAuditService({ db: db.db, clock }), clock }, SYSTEM_ACTOR, sheet(cells), { batchSize: 7 });
const inBulk = (db: Database, cells: Cell[][], onProgress?: (done: number) => void, onWritten?: (ids: string[]) => void) =>
  importSheet({ db: db.db, audit: createAuditService({ db: db.db, clock }), clock, bulk: bulkLoadOf(db) }, SYSTEM_ACTOR, sheet(cells), { batchSize: 7, bulkFrom: 1, offThreadFrom: 0, onProgress, onWritten });

/** The registry as rows that do not depend on generated ids or the time of the write, by credit code. */
async function registry(db: Database) {
  const enterprises = await db.pool.query(`
    select credit_code, name, division_code, industry_code, park_name, address, legal_representative, contact_name, contact_phone, founded_on::text,
           legal_entity, employees, revenue_wan, main_business_revenue_wan, assets_wan, rd_expense_wan, tax_wan, land_mu, energy_tce, patents, export_wan,
           size_class, above_scale, tags, search_tokens, name_initials, is_demo, version
      from enterprises order by credit_code`);
  const figures = await db.pool.query(`
    select e.credit_code, i.year, i.employees, i.revenue_wan, i.main_business_revenue_wan, i.assets_wan, i.rd_expense_wan, i.tax_wan, i.land_mu, i.energy_tce, i.patents, i.export_wan
      from enterprise_indicators i join enterprises e on e.id = i.enterprise_id order by e.credit_code, i.year`);
  const audits = await db.pool.query(`
    select e.credit_code, a.at, a.actor_id, a.actor_name, a.actor_role, a.action, a.entity_type, a.division_code, a.before, a.after, a.request_id
      from audit_log a join enterprises e on e.id::text = a.entity_id order by e.credit_code, a.id`);
  const keys = await db.pool.query(`
    select indexdef as definition from pg_indexes where tablename in ('enterprises', 'enterprise_indicators')
    union all select pg_get_constraintdef(oid) from pg_constraint where conrelid = 'enterprise_indicators'::regclass
    order by 1`);
  return { enterprises: enterprises.rows, figures: figures.rows, audits: audits.rows, keys: keys.rows.map((k) => k.definition) };
}

describe('importSheet, bulk load', () => {
  it('writes the same enterprises, figures and audit rows as the batch path, keeps the good rows and reports the bad ones', async () => {
    const progress: number[] = [];
    const written: string[] = [];
    const [batched, bulk] = await Promise.all([
      viaBatches(batchDb, rows),
      inBulk(bulkDb, rows, (done) => progress.push(done), (ids) => written.push(...ids)),
    ]);
    expect(bulk.result).toEqual(batched.result);
    expect(bulk.failedRows).toEqual(batched.failedRows);
    expect(bulk.result).toMatchObject({ imported: 57, updated: 0, unchanged: 0 });
    expect(bulk.result.failed.map((p) => [p.row, p.code])).toEqual([[7, 'NEGATIVE'], [10, 'CREDIT_CODE_DUPLICATE'], [11, 'DATE_INVALID']]);

    const [expected, actual] = await Promise.all([registry(batchDb), registry(bulkDb)]);
    expect(actual.enterprises).toHaveLength(57);
    expect(actual).toEqual(expected);
    expect(actual.enterprises.find((e) => e.name.includes('引号'))).toMatchObject({ name: '郑州"引号\\斜杠"有限公司', address: '金水路\t1号\n2楼\r3室' });
    expect(actual.enterprises.find((e) => e.name.includes('引号'))?.search_tokens).toEqual(expect.arrayContaining(['引号', '斜杠', 'p:yh']));
    // Every secondary index and the figures' foreign key are back, as the migrations define them.
    expect(actual.keys.join('\n')).toMatch(/enterprises_search_tokens_idx[\s\S]*FOREIGN KEY \(enterprise_id\) REFERENCES enterprises\(id\) ON DELETE CASCADE/);

    const ids = await bulkDb.pool.query<{ id: string }>('select id from enterprises');
    expect(new Set(written)).toEqual(new Set(ids.rows.map((r) => r.id)));
    expect(progress.at(-1)).toBe(60);
  });

  it('adds, changes and audits nothing when the same file is loaded again', async () => {
    const before = await registry(bulkDb);
    const again = await inBulk(bulkDb, rows);
    expect(again.result).toMatchObject({ imported: 0, updated: 0, unchanged: 57 });
    expect(await registry(bulkDb)).toEqual(before);
  });

  it('updates the enterprises already registered as the batch path does, with their figures and audit rows', async () => {
    const changed = rows.map((cells) => [...cells]);
    changed[0]![column('revenueWan')] = 123_456;
    changed[1]![column('name')] = '郑州改名重工有限公司';
    const extra = generateDemoEnterprises(61, { reportYear: 2025, seed: 8 }).slice(60).map(cellsOf);
    const cells = [...changed, ...extra];
    clock.advance(60_000);
    const [batched, bulk] = await Promise.all([viaBatches(batchDb, cells), inBulk(bulkDb, cells)]);
    expect(bulk.result).toEqual(batched.result);
    expect(bulk.result).toMatchObject({ imported: 1, updated: 2, unchanged: 55 });
    const [expected, actual] = await Promise.all([registry(batchDb), registry(bulkDb)]);
    expect(actual).toEqual(expected);
    expect(actual.audits.filter((a) => a.action === 'import-update')).toHaveLength(2);
  });
});
