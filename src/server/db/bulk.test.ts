import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers/db.ts';
import type { Database } from './index.ts';
import { insertJsonRows, timeOrderedUuid, updateJsonRows } from './bulk.ts';
import { sql } from 'drizzle-orm';
import { enterprises, enterpriseIndicators } from '../../modules/enterprises/enterprises.tables.ts';
import { randomUUID } from 'node:crypto';

let database: Database;
beforeAll(async () => {
  database = await createTestDb();
});
afterAll(() => database.close());

describe('insertJsonRows', () => {
  it('writes every column any row names, even when the first row leaves some out', async () => {
    const id = randomUUID();
    await insertJsonRows(database.db, enterprises, [{ id, creditCode: '91410100MA0000000X', name: '测试', divisionCode: '410105001', industryCode: 'C3670', tags: ['高新技术企业'] }]);
    await insertJsonRows(database.db, enterpriseIndicators, [
      { enterpriseId: id, year: 2023, revenueWan: 10 },
      { enterpriseId: id, year: 2024, revenueWan: 20, landMu: 3.5, patents: 2 },
    ]);
    const { rows } = await database.pool.query('select year, revenue_wan, land_mu, patents from enterprise_indicators order by year');
    expect(rows).toEqual([
      { year: 2023, revenue_wan: 10, land_mu: null, patents: null },
      { year: 2024, revenue_wan: 20, land_mu: 3.5, patents: 2 },
    ]);
    const tags = await database.pool.query('select tags, version, is_demo from enterprises');
    expect(tags.rows[0]).toEqual({ tags: ['高新技术企业'], version: 1, is_demo: false });
  });
});

describe('insertJsonRows with onConflictUpdate', () => {
  it('overwrites the written columns of rows already there and inserts the others', async () => {
    const id = randomUUID();
    await insertJsonRows(database.db, enterprises, [{ id, creditCode: '91410100MA0000001X', name: '冲突', divisionCode: '410105001', industryCode: 'C3670' }]);
    await insertJsonRows(database.db, enterpriseIndicators, [{ enterpriseId: id, year: 2023, revenueWan: 1, patents: 7 }]);
    await insertJsonRows(database.db, enterpriseIndicators, [
      { enterpriseId: id, year: 2023, revenueWan: 2 },
      { enterpriseId: id, year: 2024, revenueWan: 3 },
    ], { onConflictUpdate: ['enterprise_id', 'year'] });
    const { rows } = await database.pool.query('select year, revenue_wan, patents from enterprise_indicators where enterprise_id = $1 order by year', [id]);
    expect(rows).toEqual([
      { year: 2023, revenue_wan: 2, patents: 7 },
      { year: 2024, revenue_wan: 3, patents: null },
    ]);
  });
});

describe('updateJsonRows', () => {
  it('updates only the rows that still match, sets the extra assignment, and counts them', async () => {
    const [x, y] = [randomUUID(), randomUUID()];
    await insertJsonRows(database.db, enterprises, [
      { id: x, creditCode: '91410100MA0000002X', name: '甲', divisionCode: '410105001', industryCode: 'C3670' },
      { id: y, creditCode: '91410100MA0000003X', name: '乙', divisionCode: '410105001', industryCode: 'C3670' },
    ]);
    const updated = await updateJsonRows(database.db, enterprises, [
      { id: x, version: 1, name: '甲二', tags: ['高新技术企业'] },
      { id: y, version: 5, name: '乙二', tags: [] },
    ], { match: ['id', 'version'], also: sql.raw('"version" = t."version" + 1') });
    expect(updated).toBe(1);
    const { rows } = await database.pool.query('select name, version, tags from enterprises where id = any($1) order by credit_code', [[x, y]]);
    expect(rows).toEqual([
      { name: '甲二', version: 2, tags: ['高新技术企业'] },
      { name: '乙', version: 1, tags: [] },
    ]);
  });
});

describe('timeOrderedUuid', () => {
  it('makes version-7 UUIDs that sort by the millisecond they were made in', () => {
    const a = timeOrderedUuid(1_700_000_000_000);
    const b = timeOrderedUuid(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
    expect(a.slice(0, 13)).toBe('018bcfe5-6800');
  });
});
