import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers/db.ts';
import type { Database } from './index.ts';
import { insertJsonRows } from './bulk.ts';
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
