import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../test/helpers/app.ts';
import { creditCode, enterpriseBody } from '../../../test/helpers/factories.ts';

const MILESTONE = 'zz-large-enterprise-milestone'; // 主营业务收入 > 50亿元 (500000 万元), 门类 B/C/D
const FULL_LOAD_2023 = 'ha-full-load-production-2023q1'; // in force 2023-01-01 … 2023-03-31

let t: TestApp;
let city: Client;
let jinshui: Client;
let zhongyuan: Client;
let firmUser: Client;
let giantJinshui: { id: string; version: number };
let giantZhongyuan: { id: string };
let nearJinshui: { id: string; version: number };
let formulaFirm: { id: string };

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser({ username: 'city', role: 'city', jurisdictionCode: '410100' });
  await t.createUser({ username: 'jinshui', role: 'district', jurisdictionCode: '410105' });
  await t.createUser({ username: 'zhongyuan', role: 'district', jurisdictionCode: '410102' });
  city = await t.signIn('city');
  jinshui = await t.signIn('jinshui');
  zhongyuan = await t.signIn('zhongyuan');
  const created = async (client: Client, body: Record<string, unknown>) => {
    const res = await client.post('/api/v1/enterprises', enterpriseBody(body));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number };
  };
  giantJinshui = await created(jinshui, { name: '郑州金水重型装备有限公司', industryCode: 'C3511', employees: 5000, revenueWan: 650000, mainBusinessRevenueWan: 600000, assetsWan: 900000 });
  nearJinshui = await created(jinshui, { name: '郑州金水精密机械有限公司', industryCode: 'C3511', employees: 3000, revenueWan: 500000, mainBusinessRevenueWan: 490000, assetsWan: 700000 });
  formulaFirm = await created(jinshui, { name: '=HYPERLINK("http://x")装备有限公司', industryCode: 'C3511', employees: 4000, revenueWan: 800000, mainBusinessRevenueWan: 800000, assetsWan: 900000 });
  giantZhongyuan = await created(zhongyuan, { name: '郑州中原重工有限公司', divisionCode: '410102001', creditCode: creditCode('410102'), industryCode: 'C3511', employees: 6000, revenueWan: 1500000, mainBusinessRevenueWan: 1200000, assetsWan: 2000000 });
  await t.createUser({ username: 'giant', role: 'enterprise', enterpriseId: giantJinshui.id });
  firmUser = await t.signIn('giant');
});
afterAll(() => t.close());

describe('GET /api/v1/policy-items', () => {
  it('counts eligible firms and the estimated total in the caller’s scope only', async () => {
    const cityList = await city.get('/api/v1/policy-items');
    expect(cityList.statusCode).toBe(200);
    const cityItem = cityList.json().items.find((i: { id: string }) => i.id === MILESTONE);
    // 60亿 and 80亿 get 100 万元 each, 120亿 gets 200 万元
    expect(cityItem).toMatchObject({ inForce: true, eligibleCount: 3, totalBenefitWan: 400 });
    const jinshuiItem = (await jinshui.get('/api/v1/policy-items')).json().items.find((i: { id: string }) => i.id === MILESTONE);
    expect(jinshuiItem).toMatchObject({ eligibleCount: 2, nearMissCount: expect.any(Number), totalBenefitWan: 200 });
    expect(cityList.json().items.length).toBeGreaterThanOrEqual(15);
  });

  it('answers 401 without sign-in and 404 POLICIES_ITEM_NOT_FOUND for an unknown item', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/policy-items' })).statusCode).toBe(401);
    const missing = await city.get('/api/v1/policy-items/no-such-item');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('POLICIES_ITEM_NOT_FOUND');
  });

  it('shows an item with its rule in words and eligible firms per district', async () => {
    const res = await city.get(`/api/v1/policy-items/${MILESTONE}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: MILESTONE, verification: '待核实', conditions: [{ index: 0, label: '主营业务收入 (万元) > 500000' }, { index: 1 }] });
    expect(res.json().byDistrict).toEqual([
      { code: '410105', name: '金水区', count: 2 },
      { code: '410102', name: '中原区', count: 1 },
    ]);
  });
});

describe('GET /api/v1/policy-items/:id/matches', () => {
  it('lists a district officer only its district’s eligible firms', async () => {
    const res = await jinshui.get(`/api/v1/policy-items/${MILESTONE}/matches`);
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((i: { enterpriseId: string }) => i.enterpriseId);
    expect(ids.sort()).toEqual([giantJinshui.id, formulaFirm.id].sort());
    expect(res.json().total).toBe(2);
    const other = await zhongyuan.get(`/api/v1/policy-items/${MILESTONE}/matches`);
    expect(other.json().items.map((i: { enterpriseId: string }) => i.enterpriseId)).toEqual([giantZhongyuan.id]);
  });

  it('lists the near misses with the failed condition, actual, required and gap', async () => {
    const res = await jinshui.get(`/api/v1/policy-items/${MILESTONE}/matches?kind=near-miss&pageSize=100`);
    expect(res.statusCode).toBe(200);
    const near = res.json().items.find((i: { enterpriseId: string }) => i.enterpriseId === nearJinshui.id);
    expect(near.miss).toMatchObject({ condition: 0, actual: 490000, required: 500000, gap: 10000 });
    expect(res.json().items.every((i: { divisionCode: string }) => i.divisionCode.startsWith('410105'))).toBe(true);
  });

  it('filters by name and pages', async () => {
    const res = await city.get(`/api/v1/policy-items/${MILESTONE}/matches?q=${encodeURIComponent('中原重工')}`);
    expect(res.json()).toMatchObject({ total: 1, items: [{ enterpriseId: giantZhongyuan.id, benefit: { kind: 'estimated', amountWan: 200 } }] });
    const paged = await city.get(`/api/v1/policy-items/${MILESTONE}/matches?page=2&pageSize=2`);
    expect(paged.json()).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.json().items).toHaveLength(1);
    expect((await city.get(`/api/v1/policy-items/${MILESTONE}/matches?pageSize=1000`)).statusCode).toBe(400);
    expect((await city.get(`/api/v1/policy-items/${MILESTONE}/matches?kind=maybe`)).json().error.code).toBe('VALIDATION_FAILED');
  });

  it('shows an enterprise user only its own enterprise', async () => {
    const res = await firmUser.get(`/api/v1/policy-items/${MILESTONE}/matches`);
    expect(res.json().items.map((i: { enterpriseId: string }) => i.enterpriseId)).toEqual([giantJinshui.id]);
  });

  it('exports the scoped list to .xlsx with formula-like names neutralised', async () => {
    const res = await jinshui.get(`/api/v1/policy-items/${MILESTONE}/matches.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0];
    const names: string[] = [];
    sheet?.eachRow((row, n) => {
      if (n > 2) names.push(String(row.getCell(1).value));
    });
    expect(names).toHaveLength(2);
    expect(names).toContain('\'=HYPERLINK("http://x")装备有限公司');
    expect(names).not.toContain('郑州中原重工有限公司');
  });
});

describe('GET /api/v1/enterprises/:id/policy-matches', () => {
  it('gives the items the enterprise qualifies for with benefit and explanation, and near misses with the gap', async () => {
    const res = await firmUser.get(`/api/v1/enterprises/${giantJinshui.id}/policy-matches`);
    expect(res.statusCode).toBe(200);
    const milestone = res.json().matches.find((m: { item: { id: string } }) => m.item.id === MILESTONE);
    expect(milestone).toMatchObject({ benefit: { kind: 'estimated', amountWan: 100 } });
    expect(milestone.explanation[0]).toMatchObject({ depth: 0, op: 'and', passed: true });
    expect(milestone.explanation[1]).toMatchObject({ depth: 1, passed: true, actual: 600000, required: 500000 });
    const near = await jinshui.get(`/api/v1/enterprises/${nearJinshui.id}/policy-matches`);
    expect(near.json().nearMisses.find((m: { item: { id: string } }) => m.item.id === MILESTONE)).toMatchObject({ miss: { gap: 10000 } });
  });

  it('words explanations, near misses and rules in English for an en-US caller', async () => {
    const en = { 'accept-language': 'en-US' };
    const own = (await firmUser.get(`/api/v1/enterprises/${giantJinshui.id}/policy-matches`, en)).json();
    const milestone = own.matches.find((m: { item: { id: string } }) => m.item.id === MILESTONE);
    expect(milestone.explanation[1].label).toBe('Main business revenue (10k CNY) > 500000');
    const near = (await jinshui.get(`/api/v1/enterprises/${nearJinshui.id}/policy-matches`, en)).json();
    expect(near.nearMisses.find((m: { item: { id: string } }) => m.item.id === MILESTONE).miss.label).toBe('Main business revenue (10k CNY) > 500000');
    const list = (await jinshui.get(`/api/v1/policy-items/${MILESTONE}/matches?kind=near-miss`, en)).json();
    expect(list.items[0].miss.label).toContain('Main business revenue (10k CNY)');
    const item = (await city.get(`/api/v1/policy-items/${MILESTONE}`, en)).json();
    expect(item.conditions[0].label).toBe('Main business revenue (10k CNY) > 500000');
    expect(item.ruleText).not.toMatch(/[\u4e00-\u9fff]{2}/);
    // the same answers in Chinese by default
    expect((await city.get(`/api/v1/policy-items/${MILESTONE}`)).json().conditions[0].label).toBe('主营业务收入 (万元) > 500000');
  });

  it('answers 404 for an enterprise out of scope', async () => {
    const other = await firmUser.get(`/api/v1/enterprises/${giantZhongyuan.id}/policy-matches`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('ENTERPRISE_NOT_FOUND');
    expect((await jinshui.get(`/api/v1/enterprises/${giantZhongyuan.id}/policy-matches`)).statusCode).toBe(404);
    expect((await city.get(`/api/v1/enterprises/${giantZhongyuan.id}/policy-matches`)).statusCode).toBe(200);
    expect((await city.get('/api/v1/enterprises/not-an-id/policy-matches')).statusCode).toBe(404);
  });
});

describe('keeping matches current', () => {
  it('re-matches an enterprise changed through PATCH at once', async () => {
    const before = await jinshui.get(`/api/v1/enterprises/${nearJinshui.id}/policy-matches`);
    expect(before.json().matches.some((m: { item: { id: string } }) => m.item.id === MILESTONE)).toBe(false);
    const patched = await jinshui.patch(`/api/v1/enterprises/${nearJinshui.id}`, { mainBusinessRevenueWan: 1000000.01, version: nearJinshui.version });
    expect(patched.statusCode, patched.body).toBe(200);
    const after = await jinshui.get(`/api/v1/enterprises/${nearJinshui.id}/policy-matches`);
    expect(after.json().matches.find((m: { item: { id: string } }) => m.item.id === MILESTONE)).toMatchObject({ benefit: { amountWan: 200 } });
    const list = await jinshui.get(`/api/v1/policy-items/${MILESTONE}/matches`);
    expect(list.json().total).toBe(3);
    expect(list.json().items[0]).toMatchObject({ enterpriseId: nearJinshui.id, benefit: { amountWan: 200 } });
  });

  it('adds a newly registered enterprise to the matches', async () => {
    const res = await zhongyuan.post('/api/v1/enterprises', enterpriseBody({ name: '郑州新登记重工有限公司', divisionCode: '410102001', creditCode: creditCode('410102'), industryCode: 'C3511', employees: 6000, revenueWan: 700000, mainBusinessRevenueWan: 700000, assetsWan: 900000 }));
    expect(res.statusCode).toBe(201);
    const list = await zhongyuan.get(`/api/v1/policy-items/${MILESTONE}/matches`);
    expect(list.json().items.map((i: { enterpriseId: string }) => i.enterpriseId)).toContain(res.json().id);
  });

  it('re-matches the enterprises an Excel import wrote, once the import job is done', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业');
    ws.addRow(['统一社会信用代码', '企业名称', '所在街道(乡镇)代码', '国民经济行业代码', '从业人员(人)', '营业收入(万元)', '主营业务收入(万元)']);
    ws.addRow([creditCode('410105'), '郑州导入重型机械有限公司', '410105001', 'C3511', 5000, 900000, 900000]);
    const content = Buffer.from(await wb.xlsx.writeBuffer());
    const boundary = '----gaodi' + Math.random().toString(16).slice(2);
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="firms.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const started = await jinshui.raw({ method: 'POST', url: '/api/v1/enterprises/imports', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(started.statusCode, started.body).toBe(202);
    for (let i = 0; i < 100; i += 1) {
      const job = (await jinshui.get(`/api/v1/import-jobs/${started.json().jobId}`)).json();
      if (job.status === 'done' || job.status === 'failed') {
        expect(job.result.imported).toBe(1);
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const list = await jinshui.get(`/api/v1/policy-items/${MILESTONE}/matches?q=${encodeURIComponent('导入重型')}`);
    expect(list.json().total).toBe(1);
  });
});

describe('asOf', () => {
  it('leaves out an expired item today and matches it on a day it was in force', async () => {
    const today = (await city.get('/api/v1/policy-items')).json().items.find((i: { id: string }) => i.id === FULL_LOAD_2023);
    expect(today).toMatchObject({ inForce: false, eligibleCount: null });
    expect((await city.get(`/api/v1/policy-items/${FULL_LOAD_2023}/matches`)).json().total).toBe(0);
    const then = (await city.get('/api/v1/policy-items?asOf=2023-03-01')).json();
    expect(then.asOf).toBe('2023-03-01');
    const item = then.items.find((i: { id: string }) => i.id === FULL_LOAD_2023);
    expect(item).toMatchObject({ inForce: true });
    expect(item.eligibleCount).toBeGreaterThanOrEqual(4);
    const matches = await firmUser.get(`/api/v1/enterprises/${giantJinshui.id}/policy-matches?asOf=2023-03-01`);
    expect(matches.json().matches.some((m: { item: { id: string } }) => m.item.id === FULL_LOAD_2023)).toBe(true);
    expect((await city.get('/api/v1/policy-items?asOf=2023-02-30')).statusCode).toBe(400);
  });
});

describe('public catalogue and calculator (no sign-in)', () => {
  const anonymous = (method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const calculator = (body: object, headers?: Record<string, string>) => anonymous('POST', '/api/v1/public/policy-calculator', body, headers);

  it('publishes every item’s rule, formula, 文号, article and dates', async () => {
    const res = await anonymous('GET', '/api/v1/public/policy-items');
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((i: { id: string }) => i.id === MILESTONE);
    expect(item).toMatchObject({ eligibility: { and: expect.any(Array) }, benefit: expect.any(Object), article: expect.any(String), verification: '待核实', ruleText: expect.stringContaining('主营业务收入') });
    expect(res.json().fields.find((f: { name: string }) => f.name === 'revenueWan')).toEqual({ name: 'revenueWan', type: 'number', label: '营业收入', labelEn: 'Revenue', unit: '万元', unitEn: '10k CNY', values: null });
    for (const field of res.json().fields) expect(field.labelEn, field.name).toMatch(/^[A-Z][\x20-\x7e]+$/);
    const en = (await anonymous('GET', '/api/v1/public/policy-items', undefined, { 'accept-language': 'en-US' })).json();
    expect(en.items.find((i: { id: string }) => i.id === MILESTONE).ruleText).toContain('Main business revenue (10k CNY) > 500000');
  });

  it('returns the items a firm would qualify for, with explanations and near misses, and stores nothing', async () => {
    const before = (await city.get('/api/v1/enterprises')).json().total;
    const res = await calculator({ divisionCode: '410105001', industryCode: 'C3511', employees: 200, revenueWan: 3000, mainBusinessRevenueWan: 2900, assetsWan: 4800, rdExpenseWan: 150, tags: ['高新技术企业'] });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.derived).toEqual({ sizeClass: 'small', aboveScale: true });
    expect(body.matches.map((m: { item: { id: string } }) => m.item.id)).toEqual(expect.arrayContaining(['cn-small-low-profit-2023', 'cn-hnte-income-tax-15']));
    expect(body.matches[0].explanation[0]).toMatchObject({ depth: 0 });
    const milestone = body.nearMisses.find((m: { item: { id: string } }) => m.item.id === MILESTONE);
    expect(milestone.miss).toMatchObject({ condition: 0, actual: 2900, required: 500000, gap: 497100, label: '主营业务收入 (万元) > 500000' });
    const en = (await calculator({ divisionCode: '410105001', industryCode: 'C3511', mainBusinessRevenueWan: 2900 }, { 'accept-language': 'en-US' })).json();
    expect(en.nearMisses.find((m: { item: { id: string } }) => m.item.id === MILESTONE).miss.label).toBe('Main business revenue (10k CNY) > 500000');
    expect((await city.get('/api/v1/enterprises')).json().total).toBe(before);
  });

  it('gives a code the firm has in words beside the code itself (actualLabel), in Chinese only', async () => {
    const firm = { divisionCode: '410102001', industryCode: 'F5123', mainBusinessRevenueWan: 600000 };
    const missOf = (body: { nearMisses: { item: { id: string }; miss: unknown }[] }) => body.nearMisses.find((m) => m.item.id === MILESTONE)?.miss;
    const zh = await calculator(firm);
    expect(zh.statusCode, zh.body).toBe(200);
    expect(missOf(zh.json())).toMatchObject({ condition: 1, actual: 'F', actualLabel: 'F 批发和零售业', required: ['B', 'C', 'D'] });
    const en = missOf((await calculator(firm, { 'accept-language': 'en-US' })).json());
    expect(en).toMatchObject({ condition: 1, actual: 'F' });
    expect(en).not.toHaveProperty('actualLabel');
  });

  it('gives the codes a rule asks for in words beside the codes themselves (requiredLabel), in Chinese only', async () => {
    const firm = { divisionCode: '410102001', industryCode: 'F5123', mainBusinessRevenueWan: 600000 };
    const missOf = (body: { nearMisses: { item: { id: string }; miss: unknown }[] }) => body.nearMisses.find((m) => m.item.id === MILESTONE)?.miss;
    const zh = await calculator(firm);
    expect(zh.statusCode, zh.body).toBe(200);
    expect(missOf(zh.json())).toMatchObject({ condition: 1, required: ['B', 'C', 'D'], requiredLabel: '[B 采矿业, C 制造业, D 电力、热力、燃气及水生产和供应业]' });
    const en = missOf((await calculator(firm, { 'accept-language': 'en-US' })).json());
    expect(en).toMatchObject({ condition: 1, required: ['B', 'C', 'D'] });
    expect(en).not.toHaveProperty('requiredLabel');
  });

  it('refuses unknown fields, negative figures and unknown codes with 400 VALIDATION_FAILED in the caller’s language', async () => {
    const unknownField = await calculator({ divisionCode: '410105001', industryCode: 'C3511', secret: 1 });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.code).toBe('VALIDATION_FAILED');
    const negative = await calculator({ divisionCode: '410105001', industryCode: 'C3511', revenueWan: -5 }, { 'accept-language': 'en-US' });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.message).toMatch(/[A-Za-z]/);
    expect(negative.json().error.details.issues[0].path).toBe('revenueWan');
    const codes = await calculator({ divisionCode: '999999', industryCode: 'C9999', tags: ['高新企业'] });
    expect(codes.statusCode).toBe(400);
    expect(codes.json().error.details.issues.map((i: { path: string }) => i.path)).toEqual(['industryCode', 'divisionCode', 'tags.0']);
    expect(codes.json().error.details.issues[2].message).toContain('高新企业');
    const missing = await calculator({ employees: 10 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['divisionCode', 'industryCode']);
  });

  it('documents every policies route in /api/openapi.json', async () => {
    const paths = Object.keys((await anonymous('GET', '/api/openapi.json')).json().paths);
    for (const p of ['/api/v1/policy-items', '/api/v1/policy-items/{id}', '/api/v1/policy-items/{id}/matches', '/api/v1/policy-items/{id}/matches.xlsx', '/api/v1/enterprises/{id}/policy-matches', '/api/v1/public/policy-items', '/api/v1/public/policy-calculator']) {
      expect(paths).toContain(p);
    }
  });
});
