import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import { buildTestApp, type Client, type TestApp } from '../../../test/helpers/app.ts';
import { enterpriseBody } from '../../../test/helpers/factories.ts';
import { createAuditService } from '../audit/index.ts';
import { createDeadlineSweep } from './deadline-sweep.ts';
import { startServiceJobs, SWEEP_QUEUE, type ServiceJobs } from './service.jobs.ts';

// Two "processes": two connection pools and two sweeps against one database.
let t: TestApp;
let jinshui: Client;
let secondPool: pg.Pool;
let firmId: string;
const silent = { info: () => undefined, error: () => undefined };

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const result = await t.database.db.execute<{ n: number }>(query);
  return Number(result.rows[0]?.n ?? 0);
}

async function raiseCritical(title: string): Promise<string> {
  jinshui = await t.signIn('jinshui');
  const res = await jinshui.post('/api/v1/service-requests', { enterpriseId: firmId, category: 'utilities', urgency: 'critical', title, description: '停电影响生产' });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser({ username: 'jinshui', role: 'district', jurisdictionCode: '410105' });
  jinshui = await t.signIn('jinshui');
  firmId = (await jinshui.post('/api/v1/enterprises', enterpriseBody({ divisionCode: '410105001' }))).json().id;
  secondPool = new pg.Pool({ ...t.database.pool.options, max: 3 });
});
afterAll(async () => {
  await secondPool.end();
  await t.close();
});

function sweeps() {
  const audit = createAuditService({ db: t.database.db, clock: t.clock });
  const a = createDeadlineSweep({ db: t.database.db, audit, clock: t.clock });
  const otherDb = drizzle({ client: secondPool, casing: 'snake_case' });
  const b = createDeadlineSweep({ db: otherDb, audit: createAuditService({ db: otherDb, clock: t.clock }), clock: t.clock });
  return { a, b };
}

describe('the deadline sweep', () => {
  it('reminds once before the deadline and escalates once after it, however many sweeps run at once', async () => {
    const id = await raiseCritical('变压器故障'); // Wednesday 09:00 + 2 working days = Friday 09:00
    const { a, b } = sweeps();
    expect(await a.run()).toEqual({ escalated: 0, reminded: 0 });

    t.clock.set('2026-11-26T12:00:00+08:00'); // Thursday noon: due within one working day
    const soon = await Promise.all([a.run(), b.run(), a.run()]);
    expect(soon.reduce((s, r) => s + r.reminded, 0)).toBe(1);
    expect(await count(sql`select count(*) as n from service_reminders where request_id = ${id} and kind = 'due_soon'`)).toBe(1);

    t.clock.set('2026-11-30T09:00:00+08:00'); // Monday: overdue since Friday 09:00
    const late = await Promise.all([a.run(), b.run(), b.run(), a.run()]);
    expect(late.reduce((s, r) => s + r.escalated, 0)).toBe(1);
    expect(await count(sql`select count(*) as n from service_request_events where request_id = ${id} and action = 'escalate'`)).toBe(1);
    expect(await count(sql`select count(*) as n from service_reminders where request_id = ${id} and kind = 'overdue'`)).toBe(1);
    expect(await count(sql`select count(*) as n from audit_log where entity_id = ${id} and action = 'escalate'`)).toBe(1);
    jinshui = await t.signIn('jinshui');
    const detail = (await jinshui.get(`/api/v1/service-requests/${id}`)).json();
    expect(detail).toMatchObject({ isOverdue: true, escalationLevel: 1 });
    expect(detail.remainingWorkingHours).toBeLessThan(0);
    expect((await jinshui.get('/api/v1/service-requests?overdue=true')).json().items.map((i: { id: string }) => i.id)).toContain(id);
    const reminders = (await jinshui.get('/api/v1/service-reminders')).json().items as { requestId: string; kind: string }[];
    expect(reminders.filter((r) => r.requestId === id).map((r) => r.kind)).toEqual(['overdue', 'due_soon']);
    await t.createUser({ username: 'zhongyuan', role: 'district', jurisdictionCode: '410102' });
    expect((await (await t.signIn('zhongyuan')).get('/api/v1/service-reminders')).json().items).toEqual([]);
  });

  it('does not escalate a request whose clock is paused', async () => {
    const id = await raiseCritical('等待企业补充材料');
    await jinshui.post(`/api/v1/service-requests/${id}/transitions`, { action: 'accept' });
    await jinshui.post(`/api/v1/service-requests/${id}/transitions`, { action: 'await_enterprise', reason: '请补充用电负荷表' });
    t.clock.advance(10 * 86_400_000);
    await sweeps().a.run();
    expect(await count(sql`select count(*) as n from service_request_events where request_id = ${id} and action = 'escalate'`)).toBe(0);
  });
});

describe('the pg-boss queue', () => {
  let jobs: ServiceJobs[] = [];
  afterAll(async () => {
    await Promise.all(jobs.map((j) => j.stop()));
  });

  it('runs one sweep when two app processes ask at the same time, and keeps the schedule in the database', async () => {
    const { a, b } = sweeps();
    const id = await raiseCritical('两个进程同时督办');
    t.clock.advance(7 * 86_400_000);
    jobs = await Promise.all([
      // A cron slot that does not come up during the test (29 Feb), so only the two explicit requests send jobs.
      startServiceJobs({ pool: t.database.pool, sweep: a, log: silent, pollingIntervalSeconds: 0.5, cron: '0 3 29 2 *', singleConnection: t.database.kind === 'pglite' }),
      startServiceJobs({ pool: secondPool, sweep: b, log: silent, pollingIntervalSeconds: 0.5, schedule: false, singleConnection: t.database.kind === 'pglite' }),
    ]);
    expect(jobs.map((j) => j.kind)).toEqual(['pg-boss', 'pg-boss']);
    await Promise.all([jobs[0]?.requestSweep(), jobs[1]?.requestSweep(), jobs[0]?.requestSweep()]);
    expect(await count(sql`select count(*) as n from pgboss.job where name = ${SWEEP_QUEUE}`)).toBe(1);
    for (let i = 0; i < 60; i++) {
      if ((await count(sql`select count(*) as n from pgboss.job where name = ${SWEEP_QUEUE} and state = 'completed'`)) === 1) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(await count(sql`select count(*) as n from pgboss.job where name = ${SWEEP_QUEUE} and state = 'completed'`)).toBe(1);
    expect(await count(sql`select count(*) as n from service_request_events where request_id = ${id} and action = 'escalate'`)).toBe(1);
    expect(await count(sql`select count(*) as n from pgboss.schedule where name = ${SWEEP_QUEUE}`)).toBe(1);
  });
});
