import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/helpers/db.ts';
import { createFixedClock } from '../../../../test/helpers/clock.ts';
import { creditCode } from '../../../../test/helpers/factories.ts';
import { SYSTEM_ACTOR, type Actor } from '../../../server/actor.ts';
import type { Database } from '../../../server/db/index.ts';
import { createAuditService, type AuditEntry, type AuditService } from '../../audit/index.ts';
import { importSheet } from './import.service.ts';
import type { Cell, Sheet } from './read-sheet.ts';

let database: Database;
let audit: AuditService;
const clock = createFixedClock('2026-11-25T09:00:00+08:00');
/** Ids the import's audit entries name: what the app announces to the registry's change listeners. */
const announced: string[] = [];
const jinshui: Actor = {
  ...SYSTEM_ACTOR,
  id: randomUUID(),
  username: 'jinshui',
  role: 'district',
  jurisdictionCode: '410105',
  scope: { kind: 'divisions', prefixes: ['410105'], excludedPrefixes: ['410105560', '410105561', '410105562', '410105563', '410105564'] },
};

beforeAll(async () => {
  database = await createTestDb();
  const inner = createAuditService({ db: database.db, clock });
  audit = {
    ...inner,
    async record(tx, actor, entries: AuditEntry | AuditEntry[], requestId?: string) {
      await inner.record(tx, actor, entries, requestId);
      for (const e of Array.isArray(entries) ? entries : [entries]) announced.push(e.entityId);
    },
  };
});
afterAll(() => database.close());

const HEADERS = ['统一社会信用代码', '企业名称', '所在街道(乡镇)代码', '国民经济行业代码', '从业人员(人)', '营业收入(万元)', '主营业务收入(万元)', '资产总额(万元)'];
const sheet = (rows: Cell[][]): Sheet => ({ headers: HEADERS, rows: rows.map((cells, i) => ({ rowNumber: i + 2, cells })) });
const run = (actor: Actor, rows: Cell[][], options: { batchSize?: number; offThreadFrom?: number } = {}) => importSheet({ db: database.db, audit, clock }, actor, sheet(rows), options);

async function enterprise(code: string) {
  const { rows } = await database.pool.query<{ id: string; name: string; employees: number | null; revenue_wan: number | null; size_class: string | null; above_scale: boolean; version: number; search_tokens: string[]; name_initials: string }>(
    'select id, name, employees, revenue_wan, size_class, above_scale, version, search_tokens, name_initials from enterprises where credit_code = $1',
    [code],
  );
  return rows[0];
}

describe('importSheet, set-based', () => {
  const [a, b, c, d, e] = [creditCode('410105'), creditCode('410105'), creditCode('410105'), creditCode('410105'), creditCode('410105')];

  it('writes a batch of new, changed, unchanged and bad rows: counts, row numbers, versions, derived fields and figures', async () => {
    const first = await run(jinshui, [
      [a, '郑州批量甲有限公司', '410105001', 'C3670', 100, 3000, 2900, 5000],
      [b, '郑州批量乙有限公司', '410105001', 'C3670', 100, 3000, 2900, 5000],
      [c, '郑州批量丙有限公司', '410105001', 'C3670', 100, 3000, 2900, 5000],
      [e, '郑州批量戊有限公司', '410105001', 'C3670', 100, 3000, 2900, 5000],
    ]);
    expect(first.result).toMatchObject({ imported: 4, updated: 0, unchanged: 0, failed: [] });
    const before = await enterprise(b);
    expect(before).toMatchObject({ version: 1, size_class: 'small', above_scale: true, name_initials: 'zzplyyxgs' });

    const second = await run(
      jinshui,
      [
        [a, '郑州批量甲有限公司', '410105001', 'C3670', 100, 3000, 2900, 5000], // unchanged
        [b, '郑州批量乙重工有限公司', '410105001', 'C3670', 500, 30000, 1500, 5000], // changed: name, figures
        [c, null, null, null, null, null, null, null], // required cells missing
        [d, '郑州批量丁有限公司', '410105002', 'C3670', 10, 100, 100, 100], // new
        [creditCode('410105'), '郑州负数有限公司', '410105001', 'C3670', 10, -5, 1, 1], // bad
        [d, '郑州重复有限公司', '410105001', 'C3670', 10, 100, 100, 100], // duplicate of row 5
        [e, '郑州批量戊有限公司', '410105001', 'C3670', null, null, null, null], // empty cells keep the registry's figures: unchanged
      ],
      { batchSize: 2 }, // several batches, so that duplicates are found across them
    );
    expect(second.result).toMatchObject({ imported: 1, updated: 1, unchanged: 2 });
    expect(second.result.failed.map((f) => [f.row, f.column, f.code])).toEqual([
      [4, '企业名称', 'REQUIRED'],
      [4, '所在街道(乡镇)代码', 'REQUIRED'],
      [4, '国民经济行业代码', 'REQUIRED'],
      [6, '营业收入(万元)', 'NEGATIVE'],
      [7, '统一社会信用代码', 'CREDIT_CODE_DUPLICATE'],
    ]);
    expect(second.failedRows.map((r) => r.rowNumber)).toEqual([4, 6, 7]);

    const changed = await enterprise(b);
    expect(changed).toMatchObject({ id: before?.id, version: 2, name: '郑州批量乙重工有限公司', employees: 500, revenue_wan: 30000, size_class: 'medium', above_scale: false, name_initials: 'zzplyzgyxgs' });
    expect(changed?.search_tokens).toEqual(expect.arrayContaining(['重工', 'p:zg']));
    expect(await enterprise(a)).toMatchObject({ version: 1 });
    expect(await enterprise(c)).toMatchObject({ version: 1, employees: 100 });
    expect(await enterprise(e)).toMatchObject({ version: 1, employees: 100 });
    expect(await enterprise(d)).toMatchObject({ version: 1, name: '郑州批量丁有限公司', size_class: 'micro' });

    const figures = await database.pool.query('select e.credit_code, i.year, i.employees, i.revenue_wan from enterprise_indicators i join enterprises e on e.id = i.enterprise_id where e.credit_code = any($1) order by e.credit_code', [[b, d]]);
    expect(figures.rows).toEqual(expect.arrayContaining([
      { credit_code: b, year: 2025, employees: 500, revenue_wan: 30000 },
      { credit_code: d, year: 2025, employees: 10, revenue_wan: 100 },
    ]));
    expect(figures.rows).toHaveLength(2);
  });

  it('writes one audit row per created or updated enterprise: who, when, what, before and after', async () => {
    const ids = await database.pool.query<{ id: string; credit_code: string }>('select id, credit_code from enterprises where credit_code = any($1)', [[a, b, d]]);
    const idOf = new Map(ids.rows.map((r) => [r.credit_code, r.id]));
    const { rows } = await database.pool.query('select entity_id, action, actor_id, actor_name, actor_role, at, division_code, before, after from audit_log where entity_type = $1 and entity_id = any($2) order by id', ['enterprise', [...idOf.values()]]);
    const of = (code: string) => rows.filter((r) => r.entity_id === idOf.get(code)).map((r) => r.action);
    expect(of(a)).toEqual(['import-create']);
    expect(of(b)).toEqual(['import-create', 'import-update']);
    expect(of(d)).toEqual(['import-create']);
    const update = rows.find((r) => r.action === 'import-update');
    expect(update).toMatchObject({
      actor_id: jinshui.id, actor_name: 'jinshui', actor_role: 'district', division_code: '410105001',
      before: { name: '郑州批量乙有限公司', employees: 100, revenueWan: 3000, mainBusinessRevenueWan: 2900 },
      after: { name: '郑州批量乙重工有限公司', employees: 500, revenueWan: 30000, mainBusinessRevenueWan: 1500 },
    });
    expect(new Date(update.at).toISOString()).toBe(clock.now().toISOString());
    const created = rows.find((r) => r.entity_id === idOf.get(d));
    expect(created).toMatchObject({ before: null, after: { creditCode: d, name: '郑州批量丁有限公司', divisionCode: '410105002', industryCode: 'C3670' } });
    // The change hook hears of exactly the enterprises written.
    expect(new Set(announced)).toEqual(new Set([...idOf.values(), (await enterprise(c))?.id, (await enterprise(e))?.id]));
  });

  it('adds, changes and audits nothing when the same file is imported again', async () => {
    const rows: Cell[][] = [
      [a, '郑州批量甲有限公司', '410105001', 'C3670', 100, 3000, 2900, 5000],
      [b, '郑州批量乙重工有限公司', '410105001', 'C3670', 500, 30000, 1500, 5000],
      [d, '郑州批量丁有限公司', '410105002', 'C3670', 10, 100, 100, 100],
    ];
    const count = async () => (await database.pool.query<{ n: number }>('select count(*)::int as n from audit_log')).rows[0]?.n;
    const auditRows = await count();
    announced.length = 0;
    expect((await run(jinshui, rows)).result).toMatchObject({ imported: 0, updated: 0, unchanged: 3, failed: [] });
    expect(await count()).toBe(auditRows);
    expect(announced).toEqual([]);
    expect(await enterprise(b)).toMatchObject({ version: 2 });
  });

  it('reports an enterprise registered outside the caller’s jurisdiction and leaves it alone', async () => {
    const other = creditCode('410102');
    await run(SYSTEM_ACTOR, [[other, '郑州中原批量有限公司', '410102001', 'C3670', 10, 100, 100, 100]]);
    const outcome = await run(jinshui, [
      [creditCode('410105'), '郑州金水批量有限公司', '410105001', 'C3670', 10, 100, 100, 100],
      [other, '郑州被改名有限公司', '410105001', 'C3670', 10, 100, 100, 100],
    ]);
    expect(outcome.result).toMatchObject({ imported: 1, updated: 0, unchanged: 0 });
    expect(outcome.result.failed.map((f) => [f.row, f.code])).toEqual([[3, 'CREDIT_CODE_OUT_OF_SCOPE']]);
    expect(await enterprise(other)).toMatchObject({ name: '郑州中原批量有限公司', version: 1 });
  });

  it('validates in a worker thread for large files, with the same report and writes', async () => {
    const [f, g] = [creditCode('410105'), creditCode('410105')];
    let progress = 0;
    const outcome = await importSheet({ db: database.db, audit, clock }, jinshui, sheet([
      [f, '郑州线程甲有限公司', '410105001', 'C3670', 10, 100, 100, 100],
      [a, '郑州批量甲有限公司', '410105001', 'C3670', 100, 3000, 2900, 5000],
      ['91410105XXXXXXXXX1', '郑州坏代码有限公司', '410105001', 'C3670', 10, 100, 100, 100],
      [g, '郑州线程乙有限公司', '成立日期不是街道', 'C3670', 10, 100, 100, 100],
      [f, '郑州线程丙有限公司', '410105001', 'C3670', 10, 100, 100, 100],
    ]), { batchSize: 2, offThreadFrom: 0, onProgress: (done) => { progress = done; } });
    expect(outcome.result).toMatchObject({ imported: 1, updated: 0, unchanged: 1 });
    expect(outcome.result.failed.map((p) => [p.row, p.code])).toEqual([[4, 'CREDIT_CODE_INVALID'], [5, 'DIVISION_UNKNOWN'], [6, 'CREDIT_CODE_DUPLICATE']]);
    expect(outcome.failedRows.map((r) => r.cells[1])).toEqual(['郑州坏代码有限公司', '郑州线程乙有限公司', '郑州线程丙有限公司']);
    expect(progress).toBe(5);
    expect(await enterprise(f)).toMatchObject({ name: '郑州线程甲有限公司', name_initials: 'zzxcjyxgs' });
  });
});
