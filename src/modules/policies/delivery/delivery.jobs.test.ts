import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { enterpriseBody } from '../../../../test/helpers/factories.ts';
import { NOTICE_QUEUE, startDeliveryJobs, type DeliveryJobs } from './delivery.jobs.ts';

const silent = { info: () => undefined, error: () => undefined };
let t: TestApp;
let jobs: DeliveryJobs | undefined;

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const result = await t.database.db.execute<{ n: number }>(query);
  return Number(result.rows[0]?.n ?? 0);
}

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser({ username: 'jinshui', role: 'district', jurisdictionCode: '410105' });
});
afterAll(async () => {
  await jobs?.stop();
  await t.close();
});

describe('the notice job on pg-boss', () => {
  it('runs after a change of the registry: the new match is notified and its message sent, once', async () => {
    // a cron slot that does not come up during the test (29 Feb): only the change asks for a run
    jobs = await startDeliveryJobs({ pool: t.database.pool, delivery: t.app.policyDelivery, log: silent, pollingIntervalSeconds: 0.5, cron: '0 3 29 2 *', singleConnection: t.database.kind === 'pglite' });
    const jinshui = await t.signIn('jinshui');
    const created = await jinshui.post('/api/v1/enterprises', enterpriseBody({ industryCode: 'C3511', employees: 3000, revenueWan: 650000, mainBusinessRevenueWan: 600000, assetsWan: 900000 }));
    expect(created.statusCode).toBe(201);
    const firm = created.json().id as string;
    const notices = sql`select count(*) as n from policy_notices where enterprise_id = ${firm} and item_id = 'zz-large-enterprise-milestone'`;
    for (let i = 0; i < 80 && (await count(sql`select count(*) as n from notification_outbox where state = 'sent'`)) === 0; i++) await new Promise((r) => setTimeout(r, 250));
    expect(await count(notices)).toBe(1);
    expect(await count(sql`select count(*) as n from notification_outbox where state = 'sent'`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*) as n from notification_outbox where state = 'pending'`)).toBe(0);
    expect(await count(sql`select count(*) as n from pgboss.schedule where name = ${NOTICE_QUEUE}`)).toBe(1);
    // a second run changes nothing
    await t.app.policyDelivery.runNoticeJob();
    expect(await count(notices)).toBe(1);
  });
});

describe('the notice job asked for again in the same slot', () => {
  let own: TestApp;
  let ownJobs: DeliveryJobs | undefined;
  beforeAll(async () => {
    own = await buildTestApp();
  });
  afterAll(async () => {
    await ownJobs?.stop();
    await own.close();
  });

  it('queues a run for the next slot when this slot’s run has already started, so a publication is not left to the schedule', async () => {
    // a slot of an hour: the second request certainly falls into the slot of the first
    ownJobs = await startDeliveryJobs({ pool: own.database.pool, delivery: own.app.policyDelivery, log: silent, pollingIntervalSeconds: 0.5, cron: '0 3 29 2 *', singleConnection: own.database.kind === 'pglite', debounceSeconds: 3600 });
    const noticeJobs = async () => (await own.database.db.execute<{ state: string; later: boolean }>(sql`select state, start_after > now() as later from pgboss.job where name = ${NOTICE_QUEUE} order by created_on`)).rows;
    await ownJobs.requestRun();
    for (let i = 0; i < 80 && (await noticeJobs()).some((j) => j.state !== 'completed'); i++) await new Promise((r) => setTimeout(r, 250));
    expect(await noticeJobs()).toEqual([{ state: 'completed', later: false }]);
    // e.g. an item published after the run read the catalogue
    await ownJobs.requestRun();
    expect(await noticeJobs()).toEqual([{ state: 'completed', later: false }, { state: 'created', later: true }]);
  });
});
