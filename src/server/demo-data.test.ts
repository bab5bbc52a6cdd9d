import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb } from '../../test/helpers/db.ts';
import { createFixedClock } from '../../test/helpers/clock.ts';
import type { Database } from './db/index.ts';
import { loadDemoData } from './demo-data.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDb();
});
afterAll(() => database.close());

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const result = await database.db.execute<{ n: number }>(query);
  return Number(result.rows[0]?.n ?? 0);
}

describe('the demo (first start and `gaodi seed --demo`)', () => {
  it('loads enterprises, every demo account and each module’s demo on top of them', async () => {
    const result = await loadDemoData(database, createFixedClock(), { enterprises: 300, password: 'demo1234' });
    expect(result.enterprises).toBe(300);
    const usernames = result.accounts.map((a) => a.username);
    for (const name of ['admin', 'city', 'jinshui', 'jiedao', 'shuiwu', 'qiye', 'gongdian']) expect(usernames).toContain(name);
    expect(new Set(usernames).size).toBe(usernames.length);
    expect(await count(sql`select count(*)::int as n from enterprises`)).toBe(300);
    expect(await count(sql`select count(*)::int as n from users`)).toBe(usernames.length);
    expect(await count(sql`select count(*)::int as n from service_requests`)).toBeGreaterThan(0);
  });
});
