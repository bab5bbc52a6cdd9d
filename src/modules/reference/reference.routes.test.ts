import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser({ username: 'zhengdong', role: 'district', jurisdictionCode: '410100-ZD' });
});
afterAll(() => t.close());

describe('reference data over HTTP', () => {
  it('classifies without signing in (企业规模类型自测), reasons in the caller’s language', async () => {
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/standards/classify', payload: { industryCode: 'C3670', employees: 300, revenueWan: 2000, mainBusinessRevenueWan: 2000 } });
    expect(ok.json()).toMatchObject({ sizeClass: 'medium', aboveScale: true, version: 'sme-size@2011' });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/standards/classify', payload: { industryCode: 'Z99' }, headers: { 'accept-language': 'en-US' } });
    expect(unknown.json().sizeClass).toBeNull();
    expect(unknown.json().reason).toMatch(/^[\x20-\x7e]+$/);
  });

  it('lists the industry classification at every level', async () => {
    const items = (await t.app.inject({ method: 'GET', url: '/api/v1/reference/industries' })).json().items as { code: string; level: string; sizeGroup: string | null }[];
    expect(items.find((i) => i.code === 'C')?.level).toBe('section');
    expect(items.find((i) => i.code === 'C36')?.level).toBe('division');
    expect(items.find((i) => i.code === 'C367')?.level).toBe('group');
    expect(items.find((i) => i.code === 'C3670')?.level).toBe('class');
    expect(items.find((i) => i.code === 'C3670')).toMatchObject({ sizeGroup: 'industry', sizeGroupName: expect.stringContaining('工业') });
  });

  it('gives a 郑东新区 officer only the divisions of the zone and their ancestors', async () => {
    const client = await t.signIn('zhengdong');
    const items = (await client.get('/api/v1/reference/divisions')).json().items as { code: string; level: string }[];
    const streets = items.filter((i) => i.level === 'street').map((i) => i.code).sort();
    expect(streets).toEqual(['410104570', '410105560', '410105561', '410105562', '410105563', '410105564']);
    expect(items.map((i) => i.code)).toEqual(expect.arrayContaining(['410100', '410105', '410104']));
  });

  it('serves the district map as GeoJSON', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/reference/geo/zhengzhou-districts' });
    expect(res.statusCode).toBe(200);
    expect(res.json().features.length).toBeGreaterThanOrEqual(12);
  });
});
