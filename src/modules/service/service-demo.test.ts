import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { creditCode, enterpriseBody } from '../../../test/helpers/factories.ts';
import { createAuditService } from '../audit/index.ts';
import { createEnterprisesService } from '../enterprises/index.ts';
import { createUsersService } from '../users/index.ts';
import { seedServiceDemo } from './service-demo.ts';

let t: TestApp;
let ownFirm: string;

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser({ username: 'seeder', role: 'city', jurisdictionCode: '410100' });
  const seeder = await t.signIn('seeder');
  const firms: string[] = [];
  for (let i = 0; i < 8; i++) {
    const district = i % 2 === 0 ? '410105' : '410102';
    const res = await seeder.post('/api/v1/enterprises', enterpriseBody({ divisionCode: `${district}001`, creditCode: creditCode(district) }));
    firms.push(res.json().id);
  }
  ownFirm = firms[0] ?? '';
  const users = createUsersService({ db: t.database.db });
  const demo = (username: string, role: 'admin' | 'city' | 'district' | 'street' | 'department' | 'enterprise', extra: Record<string, string> = {}) =>
    users.createUser({ username, displayName: username, role, password: 'demo1234', isDemo: true, ...extra });
  await demo('admin', 'admin');
  await demo('city', 'city', { jurisdictionCode: '410100' });
  await demo('jinshui', 'district', { jurisdictionCode: '410105' });
  await demo('jiedao', 'street', { jurisdictionCode: '410105001' });
  await demo('shuiwu', 'department', { jurisdictionCode: '410100', departmentName: '国家税务总局郑州市税务局' });
  await demo('qiye', 'enterprise', { enterpriseId: ownFirm });
});
afterAll(() => t.close());

describe('service desk demo data', () => {
  it('walks requests through the real state machine into several states, some overdue, all audited', async () => {
    const audit = createAuditService({ db: t.database.db, clock: t.clock });
    const enterprises = createEnterprisesService({ db: t.database.db, audit, clock: t.clock });
    const result = await seedServiceDemo({ db: t.database.db, audit, enterprises, clock: t.clock }, { password: 'demo1234', requests: 50 });
    expect(result).toEqual({ departments: 8, requests: 50 });
    const rows = (await t.database.db.execute<{ state: string; n: number }>(sql`select state, count(*)::int as n from service_requests group by state`)).rows;
    expect(rows.length).toBeGreaterThanOrEqual(6);
    const overdue = (await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from service_requests where is_overdue`)).rows[0]?.n;
    expect(overdue).toBeGreaterThan(0);
    const events = (await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from service_request_events`)).rows[0]?.n ?? 0;
    const audited = (await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where entity_type = 'service_request'`)).rows[0]?.n ?? 0;
    expect(audited).toBe(events);
    const qiye = await t.signIn('qiye', 'demo1234');
    const mine = (await qiye.get('/api/v1/service-requests?state=resolved')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    const shuiwu = await t.signIn('shuiwu', 'demo1234');
    expect((await shuiwu.get('/api/v1/service-requests')).json().total).toBeGreaterThan(0);
    const gongdian = await t.signIn('gongdian', 'demo1234');
    const queue = (await gongdian.get('/api/v1/service-requests')).json().items as { leadDepartmentName: string }[];
    expect(queue.every((r) => r.leadDepartmentName === '国网郑州供电公司')).toBe(true);
    expect((await (await t.signIn('jinshui', 'demo1234')).get('/api/v1/liaisons')).json().total).toBeGreaterThan(0);
  });
});
