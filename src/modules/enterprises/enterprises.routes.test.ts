import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../test/helpers/app.ts';
import { creditCode, enterpriseBody } from '../../../test/helpers/factories.ts';

let t: TestApp;
let city: Client;
let jinshui: Client;
let zhongyuan: Client;
let jinshuiFirm: { id: string; name: string };
let zhongyuanFirm: { id: string };

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser({ username: 'city', role: 'city', jurisdictionCode: '410100' });
  await t.createUser({ username: 'jinshui', role: 'district', jurisdictionCode: '410105' });
  await t.createUser({ username: 'zhongyuan', role: 'district', jurisdictionCode: '410102' });
  await t.createUser({ username: 'leader', role: 'leader', jurisdictionCode: '410100' });
  city = await t.signIn('city');
  jinshui = await t.signIn('jinshui');
  zhongyuan = await t.signIn('zhongyuan');
  const a = await jinshui.post('/api/v1/enterprises', enterpriseBody({ name: '郑州宇通客车股份有限公司', divisionCode: '410105001', industryCode: 'C3612', employees: 400 }));
  expect(a.statusCode).toBe(201);
  jinshuiFirm = a.json();
  const b = await zhongyuan.post('/api/v1/enterprises', enterpriseBody({ name: '郑州煤矿机械重工有限公司', divisionCode: '410102001', creditCode: creditCode('410102'), industryCode: 'C3511' }));
  expect(b.statusCode).toBe(201);
  zhongyuanFirm = b.json();
});
afterAll(() => t.close());

describe('creating and reading enterprises', () => {
  it('derives size class (工业: 300 employees and 2000 万元 make a medium firm) and 规上 status', async () => {
    const res = await jinshui.get(`/api/v1/enterprises/${jinshuiFirm.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ sizeClass: 'medium', aboveScale: true, divisionName: expect.any(String), industryName: expect.any(String) });
    expect(res.json().indicators).toHaveLength(1);
  });

  it('returns 400 VALIDATION_FAILED naming creditCode when its check character is wrong', async () => {
    const good = creditCode('410105');
    const last = good.slice(-1);
    const bad = good.slice(0, 17) + (last === '0' ? '1' : '0');
    const res = await jinshui.post('/api/v1/enterprises', enterpriseBody({ creditCode: bad }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.issues[0]).toMatchObject({ path: 'creditCode', code: 'CREDIT_CODE_INVALID' });
    expect(res.json().error.details.issues[0].message).toMatch(/校验码/);
  });

  it('rejects negative figures, unknown fields and unknown industry codes', async () => {
    expect((await jinshui.post('/api/v1/enterprises', enterpriseBody({ revenueWan: -1 }))).statusCode).toBe(400);
    expect((await jinshui.post('/api/v1/enterprises', enterpriseBody({ secret: 1 }))).statusCode).toBe(400);
    const industry = await jinshui.post('/api/v1/enterprises', enterpriseBody({ industryCode: 'C9999' }));
    expect(industry.statusCode).toBe(400);
    expect(industry.json().error.details.issues[0].path).toBe('industryCode');
  });

  it('refuses a second enterprise with the same credit code with 409', async () => {
    const code = creditCode('410105');
    expect((await jinshui.post('/api/v1/enterprises', enterpriseBody({ creditCode: code }))).statusCode).toBe(201);
    const again = await jinshui.post('/api/v1/enterprises', enterpriseBody({ creditCode: code }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ENTERPRISE_CREDIT_CODE_TAKEN');
  });

  it('refuses to register an enterprise in another district', async () => {
    const res = await jinshui.post('/api/v1/enterprises', enterpriseBody({ divisionCode: '410102001' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].code).toBe('DIVISION_OUT_OF_SCOPE');
  });
});

describe('scoping', () => {
  it('never shows a district officer another district’s firm in lists, details or search', async () => {
    const list = await jinshui.get('/api/v1/enterprises?pageSize=200');
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(zhongyuanFirm.id);
    expect((await jinshui.get(`/api/v1/enterprises/${zhongyuanFirm.id}`)).statusCode).toBe(404);
    expect((await jinshui.get(`/api/v1/enterprises/${zhongyuanFirm.id}/history`)).statusCode).toBe(404);
    expect((await jinshui.get(`/api/v1/enterprises?q=${encodeURIComponent('重工')}`)).json().total).toBe(0);
    expect((await zhongyuan.get(`/api/v1/enterprises?q=${encodeURIComponent('重工')}`)).json().total).toBe(1);
    expect((await jinshui.patch(`/api/v1/enterprises/${zhongyuanFirm.id}`, { employees: 1 })).statusCode).toBe(404);
  });

  it('shows the city both firms', async () => {
    const list = await city.get('/api/v1/enterprises?pageSize=200');
    const ids = list.json().items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([jinshuiFirm.id, zhongyuanFirm.id]));
  });

  it('lets an enterprise user see and correct only its own record, not its name', async () => {
    await t.createUser({ username: 'firm-user', role: 'enterprise', enterpriseId: jinshuiFirm.id });
    const firm = await t.signIn('firm-user');
    const list = await firm.get('/api/v1/enterprises');
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([jinshuiFirm.id]);
    expect((await firm.get(`/api/v1/enterprises/${zhongyuanFirm.id}`)).statusCode).toBe(404);
    const ok = await firm.patch(`/api/v1/enterprises/${jinshuiFirm.id}`, { address: '郑州市金水区文化路1号' });
    expect(ok.statusCode).toBe(200);
    const renamed = await firm.patch(`/api/v1/enterprises/${jinshuiFirm.id}`, { name: '别的名字有限公司' });
    expect(renamed.statusCode).toBe(403);
  });

  it('masks contacts for roles that may not read personal data', async () => {
    await t.signIn('leader').then(async (leader) => {
      const res = await leader.get(`/api/v1/enterprises/${jinshuiFirm.id}`);
      expect(res.json().contactPhone).toBe('138****5678');
      expect(res.json().contactName).toBe('张*');
    });
    expect((await jinshui.get(`/api/v1/enterprises/${jinshuiFirm.id}`)).json().contactPhone).toBe('13812345678');
  });
});

describe('search', () => {
  it('finds 郑州宇通客车股份有限公司 by 宇通客车, by 宇通, by pinyin initials and with one wrong character', async () => {
    for (const q of ['宇通客车', '宇通', 'ytkc', '宇通客东']) {
      const res = await city.get(`/api/v1/enterprises?q=${encodeURIComponent(q)}`);
      expect(res.json().items.map((i: { name: string }) => i.name), q).toContain('郑州宇通客车股份有限公司');
    }
  });

  it('filters by industry at any level and by size class', async () => {
    expect((await city.get('/api/v1/enterprises?industry=C36')).json().items.map((i: { id: string }) => i.id)).toContain(jinshuiFirm.id);
    expect((await city.get('/api/v1/enterprises?industry=C361')).json().items.map((i: { id: string }) => i.id)).toContain(jinshuiFirm.id);
    expect((await city.get('/api/v1/enterprises?industry=C35')).json().items.map((i: { id: string }) => i.id)).not.toContain(jinshuiFirm.id);
    expect((await city.get('/api/v1/enterprises?sizeClass=large')).json().items.map((i: { id: string }) => i.id)).not.toContain(jinshuiFirm.id);
  });
});

describe('editing and audit', () => {
  it('records the change in the history and recomputes the size class', async () => {
    const before = (await jinshui.get(`/api/v1/enterprises/${jinshuiFirm.id}`)).json();
    const res = await jinshui.patch(`/api/v1/enterprises/${jinshuiFirm.id}`, { employees: 1500, revenueWan: 50000, version: before.version });
    expect(res.statusCode).toBe(200);
    expect(res.json().sizeClass).toBe('large');
    const history = (await jinshui.get(`/api/v1/enterprises/${jinshuiFirm.id}/history`)).json();
    const change = history.items.find((i: { action: string; changes: { field: string }[] }) => i.action === 'update' && i.changes.some((c) => c.field === 'employees'));
    expect(change.changes).toEqual(expect.arrayContaining([{ field: 'employees', before: 400, after: 1500 }]));
  });

  it('refuses a stale version with 409 ENTERPRISE_VERSION_CONFLICT', async () => {
    const res = await jinshui.patch(`/api/v1/enterprises/${jinshuiFirm.id}`, { employees: 10, version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ENTERPRISE_VERSION_CONFLICT');
  });

  it('never lets the database change or delete audit rows', async () => {
    await expect(t.database.pool.query('update audit_log set actor_name = $1', ['x'])).rejects.toThrow(/append-only/);
    await expect(t.database.pool.query('delete from audit_log')).rejects.toThrow(/append-only/);
  });
});

describe('validation messages', () => {
  it('words field problems in the caller’s language', async () => {
    const zh = await jinshui.post('/api/v1/enterprises', enterpriseBody({ revenueWan: -1 }));
    expect(zh.json().error.details.issues[0]).toMatchObject({ path: 'revenueWan' });
    expect(zh.json().error.details.issues[0].message).toMatch(/[\u4e00-\u9fff]/);
    const en = await jinshui.post('/api/v1/enterprises', enterpriseBody({ revenueWan: -1 }), { 'accept-language': 'en-US' });
    expect(en.json().error.details.issues[0].message).toMatch(/^[\x20-\x7e]+$/);
  });

  it('answers a malformed id with 404, like an unknown one', async () => {
    const res = await jinshui.get('/api/v1/enterprises/not-a-uuid');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ENTERPRISE_NOT_FOUND');
  });
});

describe('郑东新区, a jurisdiction across two districts', () => {
  it('shows a 郑东新区 officer its streets in 金水区 and 管城区, and hides them from 金水区', async () => {
    await t.createUser({ username: 'zhengdong', role: 'district', jurisdictionCode: '410100-ZD' });
    const zhengdong = await t.signIn('zhengdong');
    const longhu = await zhengdong.post('/api/v1/enterprises', enterpriseBody({ name: '郑州龙湖智造有限公司', divisionCode: '410105562' }));
    expect(longhu.statusCode).toBe(201);
    const shangdu = await zhengdong.post('/api/v1/enterprises', enterpriseBody({ name: '郑州商都路科技有限公司', divisionCode: '410104570', creditCode: creditCode('410104') }));
    expect(shangdu.statusCode).toBe(201);
    const mine = (await zhengdong.get('/api/v1/enterprises?pageSize=100')).json().items.map((i: { id: string }) => i.id);
    expect(mine.sort()).toEqual([longhu.json().id, shangdu.json().id].sort());
    expect((await jinshui.get(`/api/v1/enterprises/${longhu.json().id}`)).statusCode).toBe(404);
    expect((await zhengdong.post('/api/v1/enterprises', enterpriseBody({ divisionCode: '410105001' }))).statusCode).toBe(400);
  });
});

describe('yearly indicators', () => {
  const figures = { employees: 20, revenueWan: 280, mainBusinessRevenueWan: 280, assetsWan: 100, rdExpenseWan: 10, taxWan: 5, landMu: 3, energyTce: 12, patents: 1, exportWan: 0 };

  it('keeps an earlier year without touching the latest figures', async () => {
    const created = (await jinshui.post('/api/v1/enterprises', enterpriseBody({ employees: 400, revenueWan: 5000 }))).json();
    const res = await jinshui.put(`/api/v1/enterprises/${created.id}/indicators/2020`, figures);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ employees: 400, sizeClass: 'medium' });
    expect(res.json().indicators.map((i: { year: number }) => i.year)).toEqual([2025, 2020]);
  });

  it('moves the latest figures and the size class with a newer year', async () => {
    const created = (await jinshui.post('/api/v1/enterprises', enterpriseBody({ employees: 400, revenueWan: 5000 }))).json();
    const res = await jinshui.put(`/api/v1/enterprises/${created.id}/indicators/2026`, figures);
    expect(res.json()).toMatchObject({ employees: 20, revenueWan: 280, sizeClass: 'micro', aboveScale: false });
  });

  it('refuses negative figures and unknown fields', async () => {
    const created = (await jinshui.post('/api/v1/enterprises', enterpriseBody())).json();
    expect((await jinshui.put(`/api/v1/enterprises/${created.id}/indicators/2024`, { ...figures, taxWan: -1 })).statusCode).toBe(400);
    expect((await jinshui.put(`/api/v1/enterprises/${created.id}/indicators/2024`, { ...figures, profit: 1 })).statusCode).toBe(400);
  });
});
