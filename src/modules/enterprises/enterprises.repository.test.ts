import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/actor.ts';
import type { Database } from '../../server/db/index.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { createFixedClock } from '../../../test/helpers/clock.ts';
import { createAuditService } from '../audit/index.ts';
import { generateDemoEnterprises } from '../demo/index.ts';
import { findEnterprisePage } from './enterprises.repository.ts';
import { createEnterprisesService } from './enterprises.service.ts';

let database: Database;

beforeAll(async () => {
  database = await createTestDb();
  const clock = createFixedClock();
  const enterprises = createEnterprisesService({ db: database.db, audit: createAuditService({ db: database.db, clock }), clock });
  await enterprises.seedEnterprises(SYSTEM_ACTOR, generateDemoEnterprises(60, { reportYear: 2025 }));
  await database.pool.query('analyze enterprises');
});
afterAll(() => database.close());

describe('list totals', () => {
  it('counts exactly up to the limit', async () => {
    const page = await findEnterprisePage(database.db, { kind: 'all' }, {}, { offset: 0, limit: 5, exactCountLimit: 100 });
    expect(page).toMatchObject({ total: 60, totalIsEstimate: false });
    expect(page.rows).toHaveLength(5);
  });

  it('gives the planner’s estimate, flagged, past the limit', async () => {
    const page = await findEnterprisePage(database.db, { kind: 'all' }, {}, { offset: 0, limit: 5, exactCountLimit: 10 });
    expect(page.totalIsEstimate).toBe(true);
    expect(page.total).toBeGreaterThan(10);
  });

  it('orders by revenue, largest first, by default', async () => {
    const page = await findEnterprisePage(database.db, { kind: 'all' }, {}, { offset: 0, limit: 60 });
    const revenues = page.rows.map((r) => r.revenueWan ?? -1);
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
  });
});
