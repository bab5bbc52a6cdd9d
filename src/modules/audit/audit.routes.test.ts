import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { enterpriseBody } from '../../../test/helpers/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser({ username: 'root', role: 'admin' });
  await t.createUser({ username: 'jinshui', role: 'district', jurisdictionCode: '410105' });
});
afterAll(() => t.close());

describe('the audit log', () => {
  it('records who created what, with the after image, in the same transaction', async () => {
    const jinshui = await t.signIn('jinshui');
    const created = (await jinshui.post('/api/v1/enterprises', enterpriseBody({ name: '郑州审计测试有限公司' }))).json();
    const admin = await t.signIn('root');
    const res = await admin.get(`/api/v1/audit?actor=jinshui&entityType=enterprise&action=create`);
    expect(res.statusCode).toBe(200);
    const entry = res.json().items.find((i: { entityId: string }) => i.entityId === created.id);
    expect(entry).toMatchObject({ actorName: 'jinshui', actorRole: 'district', action: 'create', after: expect.objectContaining({ name: '郑州审计测试有限公司' }) });
  });

  it('filters by time', async () => {
    const admin = await t.signIn('root');
    const future = (await admin.get('/api/v1/audit?from=2099-01-01T00:00:00Z')).json();
    expect(future.total).toBe(0);
  });

  it('is for admins only', async () => {
    const jinshui = await t.signIn('jinshui');
    const res = await jinshui.get('/api/v1/audit');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('records failed and successful sign-ins without revealing which failure it was', async () => {
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'x' } });
    const { rows } = await t.database.pool.query<{ outcome: string }>("select outcome from login_events where username = 'nobody'");
    expect(rows.map((r) => r.outcome)).toEqual(['unknown-user']);
  });
});
