import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../test/helpers/app.ts';
import { enterpriseBody, creditCode } from '../../../test/helpers/factories.ts';

// Example responses from the GeoReport v2 specification (https://wiki.open311.org/GeoReport_v2).
const SPEC_SERVICE = {
  service_code: '001', service_name: 'Cans left out 24x7', description: 'Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.',
  metadata: true, type: 'realtime', keywords: 'lorem, ipsum, dolor', group: 'sanitation',
};
const SPEC_POST_RESPONSE = { service_request_id: '293944', service_notice: 'The City will inspect and require the responsible party to correct within 24 hours and/or issue a Correction Notice or Notice of Violation of the Public Works Code', account_id: null };
const SPEC_REQUEST = {
  service_request_id: '638344', status: 'closed', status_notes: 'Duplicate request.', service_name: 'Sidewalk and Curb Issues', service_code: '006', description: null,
  agency_responsible: null, service_notice: null, requested_datetime: '2010-04-14T06:37:38-08:00', updated_datetime: '2010-04-14T06:37:38-08:00', expected_datetime: '2010-04-15T06:37:38-08:00',
  address: '8TH AVE and JUDAH ST', address_id: '545483', zipcode: '94122', lat: 37.762221815, long: -122.4651145, media_url: 'http://city.gov.s3.amazonaws.com/requests/media/638344.jpg',
};
const keys = (o: object) => Object.keys(o).sort();

let t: TestApp;
let jinshui: Client;
let firm: Client;
let firmId: string;
let otherFirmId: string;
let firmToken: string;

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser({ username: 'jinshui', role: 'district', jurisdictionCode: '410105' });
  await t.createUser({ username: 'zhongyuan', role: 'district', jurisdictionCode: '410102' });
  jinshui = await t.signIn('jinshui');
  firmId = (await jinshui.post('/api/v1/enterprises', enterpriseBody({ name: '郑州开放接口测试有限公司', divisionCode: '410105001' }))).json().id;
  const zhongyuan = await t.signIn('zhongyuan');
  otherFirmId = (await zhongyuan.post('/api/v1/enterprises', enterpriseBody({ divisionCode: '410102001', creditCode: creditCode('410102') }))).json().id;
  await t.createUser({ username: 'firm', role: 'enterprise', enterpriseId: firmId });
  firm = await t.signIn('firm');
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'firm', password: 'test-password-1' } });
  firmToken = login.cookies.find((c) => c.name === 'gaodi_session')?.value ?? '';
});
afterAll(() => t.close());

describe('Open311 GeoReport v2', () => {
  it('lists our categories as services in the spec’s shape, without signing in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/open311/v2/services.json' });
    expect(res.statusCode).toBe(200);
    const services = res.json();
    expect(services).toHaveLength(9);
    for (const s of services) expect(keys(s)).toEqual(keys(SPEC_SERVICE));
    expect(services[0]).toMatchObject({ service_code: 'land', service_name: '用地', metadata: true, type: 'realtime' });
    const en = await t.app.inject({ method: 'GET', url: '/open311/v2/services.json', headers: { 'accept-language': 'en' } });
    expect(en.json()[0].service_name).toBe('Land');
    const definition = await t.app.inject({ method: 'GET', url: '/open311/v2/services/utilities.json' });
    expect(definition.json().attributes.map((a: { code: string }) => a.code)).toEqual(['enterprise_id', 'urgency', 'title']);
    expect((await t.app.inject({ method: 'GET', url: '/open311/v2/services/nope.json' })).statusCode).toBe(404);
  });

  it('creates a request from a form-encoded POST with an api_key and answers in the spec’s shape', async () => {
    const payload = new URLSearchParams({ api_key: firmToken, service_code: 'financing', description: '流动资金贷款到期续贷困难', 'attribute[urgency]': 'urgent', lat: '34.75', long: '113.62' }).toString();
    const res = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(201);
    const [created] = res.json();
    expect(keys(created)).toEqual(keys(SPEC_POST_RESPONSE));
    expect(created.service_request_id).toMatch(/^\d+$/);
    const detail = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${created.service_request_id}.json?api_key=${firmToken}` });
    const [one] = detail.json();
    expect(keys(one)).toEqual(keys(SPEC_REQUEST));
    expect(one).toMatchObject({ service_request_id: created.service_request_id, status: 'open', service_code: 'financing', service_name: '融资', description: '流动资金贷款到期续贷困难' });
    const list = await firm.get('/api/v1/service-requests');
    expect(list.json().items[0]).toMatchObject({ source: 'open311', urgency: 'urgent', category: 'financing' });
  });

  it('lets an officer post JSON with the enterprise as an attribute, only inside the jurisdiction', async () => {
    const ok = await jinshui.post('/open311/v2/requests.json', { service_code: 'land', description: '扩建用地指标', 'attribute[enterprise_id]': firmId });
    expect(ok.statusCode).toBe(201);
    const outside = await jinshui.post('/open311/v2/requests.json', { service_code: 'land', description: '扩建用地指标', 'attribute[enterprise_id]': otherFirmId });
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toEqual([{ code: 404, description: expect.stringContaining('企业') }]);
  });

  it('refuses without a session, with a cookie but no CSRF token, and with an unknown service', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()[0].code).toBe(401);
    const noCsrf = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', cookies: firm.cookies, payload: { service_code: 'land', description: 'x' } });
    expect(noCsrf.statusCode).toBe(403);
    const unknown = await firm.post('/open311/v2/requests.json', { service_code: 'parking', description: '停车难' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()[0]).toMatchObject({ code: 400 });
    const missing = await firm.post('/open311/v2/requests.json', { service_code: 'land' });
    expect(missing.statusCode).toBe(400);
  });

  it('filters the list by status, service and id, within the caller’s scope', async () => {
    const all = await jinshui.get('/open311/v2/requests.json');
    expect(all.json()).toHaveLength(2);
    const land = await jinshui.get('/open311/v2/requests.json?service_code=land&status=open');
    expect(land.json().map((r: { service_code: string }) => r.service_code)).toEqual(['land']);
    expect((await jinshui.get('/open311/v2/requests.json?status=closed')).json()).toHaveLength(0);
    const ids = all.json().map((r: { service_request_id: string }) => r.service_request_id).join(',');
    expect((await jinshui.get(`/open311/v2/requests.json?service_request_id=${ids}`)).json()).toHaveLength(2);
    const zhongyuan = await t.signIn('zhongyuan');
    expect((await zhongyuan.get('/open311/v2/requests.json')).json()).toHaveLength(0);
    expect((await zhongyuan.get(`/open311/v2/requests/${all.json()[0].service_request_id}.json`)).statusCode).toBe(404);
  });
});
