import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../test/helpers/app.ts';
import { enterpriseBody } from '../../../test/helpers/factories.ts';

let t: TestApp;
let city: Client;
beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser({ username: 'city', role: 'city', jurisdictionCode: '410100' });
  city = await t.signIn('city');
});
afterAll(() => t.close());

describe('concurrent requests', () => {
  it('answers 30 simultaneous writes and reads correctly', async () => {
    const writes = Array.from({ length: 30 }, (_, i) => city.post('/api/v1/enterprises', enterpriseBody({ name: `郑州并发测试${i}有限公司` })));
    const reads = Array.from({ length: 30 }, () => city.get('/api/v1/enterprises?q=' + encodeURIComponent('并发测试')));
    const results = await Promise.all([...writes, ...reads]);
    expect(results.slice(0, 30).map((r) => r.statusCode)).toEqual(Array(30).fill(201));
    expect(results.slice(30).every((r) => r.statusCode === 200)).toBe(true);
    expect((await city.get('/api/v1/enterprises?q=' + encodeURIComponent('并发测试'))).json().total).toBe(30);
  });
});
