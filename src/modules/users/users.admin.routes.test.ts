import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PASSWORD, type Client, type TestApp } from '../../../test/helpers/app.ts';
import { makeCreditCode } from '../../standards/index.ts';
import { passwordProblem, temporaryPassword } from './password-policy.ts';

let t: TestApp;
let admin: Client;
let adminId: string;
let enterpriseId: string;

const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

function cookiesOf(res: Awaited<ReturnType<typeof login>>) {
  const cookies: Record<string, string> = {};
  for (const c of res.cookies) cookies[c.name] = c.value;
  return cookies;
}

beforeAll(async () => {
  t = await buildTestApp();
  adminId = (await t.createUser({ username: 'root', role: 'admin' })).id;
  await t.createUser({ username: 'cityofficer', role: 'city', jurisdictionCode: '410100' });
  admin = await t.signIn('root');
  const created = await admin.post('/api/v1/enterprises', {
    creditCode: makeCreditCode({ authority: '9', category: '1', divisionCode: '410105', organizationBody: 'MA44KQ5X' }), name: '郑州账号测试科技有限公司', divisionCode: '410105001', industryCode: 'C3670',
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  enterpriseId = created.json().id;
});
afterAll(() => t.close());

describe('password policy (GB/T 22239-2019 leaves the rule to us)', () => {
  it('wants 8 to 128 characters with letters and digits, not containing the user name', () => {
    expect(passwordProblem('abc1234', 'someone')).toBe('too-short');
    expect(passwordProblem('abcd1234', 'someone')).toBeNull();
    expect(passwordProblem(`a1${'x'.repeat(126)}`, 'someone')).toBeNull();
    expect(passwordProblem(`a1${'x'.repeat(127)}`, 'someone')).toBe('too-long');
    expect(passwordProblem('abcdefgh', 'someone')).toBe('needs-letter-and-digit');
    expect(passwordProblem('12345678', 'someone')).toBe('needs-letter-and-digit');
    expect(passwordProblem('xJinShui2024', 'jinshui')).toBe('contains-username');
  });

  it('makes temporary passwords that meet it', () => {
    for (let i = 0; i < 200; i++) expect(passwordProblem(temporaryPassword(), 'someone')).toBeNull();
  });
});

describe('accounts (admins)', () => {
  it('creates a street officer with a temporary password that only opens the way to change it', async () => {
    const res = await admin.post('/api/v1/users', { username: 'fengchan', displayName: '丰产路街道 王科员', role: 'street', jurisdictionCode: '410105001' });
    expect(res.statusCode).toBe(201);
    const { user, temporaryPassword: temp } = res.json();
    expect(user).toMatchObject({ username: 'fengchan', role: 'street', jurisdictionCode: '410105001', status: 'active', mustChangePassword: true });
    expect(temp).toMatch(/^[A-Za-z0-9]{12}$/);

    const signedIn = await login('fengchan', temp);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().user.mustChangePassword).toBe(true);
    const cookies = cookiesOf(signedIn);
    const headers = { 'x-csrf-token': cookies.gaodi_csrf ?? '' };
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/enterprises', cookies });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('AUTH_PASSWORD_CHANGE_REQUIRED');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies })).statusCode).toBe(200);

    const weak = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', cookies, headers, payload: { currentPassword: temp, newPassword: 'password' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('AUTH_PASSWORD_NEEDS_LETTER_AND_DIGIT');
    const same = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', cookies, headers, payload: { currentPassword: temp, newPassword: temp } });
    expect(same.json().error.code).toBe('AUTH_PASSWORD_UNCHANGED');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', cookies, headers, payload: { currentPassword: 'not-it-1', newPassword: 'Zhengzhou2026' } });
    expect(wrong.json().error.code).toBe('AUTH_CURRENT_PASSWORD_WRONG');
    const changed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', cookies, headers, payload: { currentPassword: temp, newPassword: 'Zhengzhou2026' } });
    expect(changed.statusCode).toBe(204);

    const after = await t.app.inject({ method: 'GET', url: '/api/v1/enterprises', cookies });
    expect(after.statusCode).toBe(200);
    expect((await login('fengchan', temp)).statusCode).toBe(401);
    expect((await login('fengchan', 'Zhengzhou2026')).json().user.mustChangePassword).toBe(false);
  });

  it('binds each role to the right kind of jurisdiction, or to an existing enterprise', async () => {
    const street = await admin.post('/api/v1/users', { username: 'wrongkind', displayName: 'x', role: 'street', jurisdictionCode: '410105' });
    expect(street.statusCode).toBe(400);
    expect(street.json().error.code).toBe('USERS_JURISDICTION_KIND');
    const none = await admin.post('/api/v1/users', { username: 'nojur', displayName: 'x', role: 'district' });
    expect(none.json().error.code).toBe('USERS_JURISDICTION_REQUIRED');
    const unknown = await admin.post('/api/v1/users', { username: 'unk', displayName: 'x', role: 'district', jurisdictionCode: '999999' }, { 'accept-language': 'en-US' });
    expect(unknown.json().error).toMatchObject({ code: 'USERS_JURISDICTION_UNKNOWN', message: 'Unknown jurisdiction code 999999' });
    const zone = await admin.post('/api/v1/users', { username: 'zhengdong', displayName: '郑东新区 经发局', role: 'district', jurisdictionCode: '410100-ZD' });
    expect(zone.statusCode).toBe(201);
    const noFirm = await admin.post('/api/v1/users', { username: 'firmless', displayName: 'x', role: 'enterprise' });
    expect(noFirm.json().error.code).toBe('USERS_ENTERPRISE_REQUIRED');
    const ghost = await admin.post('/api/v1/users', { username: 'ghostfirm', displayName: 'x', role: 'enterprise', enterpriseId: '00000000-0000-4000-8000-000000000000' });
    expect(ghost.json().error.code).toBe('USERS_ENTERPRISE_UNKNOWN');
    const firm = await admin.post('/api/v1/users', { username: 'firmuser', displayName: '企业填报员', role: 'enterprise', enterpriseId });
    expect(firm.statusCode).toBe(201);
    expect(firm.json().user).toMatchObject({ enterpriseId, enterpriseName: '郑州账号测试科技有限公司', jurisdictionCode: null });
    const dept = await admin.post('/api/v1/users', { username: 'deptless', displayName: 'x', role: 'department', jurisdictionCode: '410100' });
    expect(dept.json().error.code).toBe('USERS_DEPARTMENT_REQUIRED');
    const taken = await admin.post('/api/v1/users', { username: 'firmuser', displayName: 'again', role: 'city', jurisdictionCode: '410100' });
    expect(taken.statusCode).toBe(409);
    const badName = await admin.post('/api/v1/users', { username: '张三', displayName: 'x', role: 'city', jurisdictionCode: '410100' });
    expect(badName.json().error.code).toBe('VALIDATION_FAILED');
    expect((await admin.post('/api/v1/users', { username: 'extra1', displayName: 'x', role: 'city', jurisdictionCode: '410100', isAdmin: true })).statusCode).toBe(400);
  });

  it('lists and filters accounts, paged', async () => {
    const streets = (await admin.get('/api/v1/users?role=street')).json();
    expect(streets.items.map((u: { username: string }) => u.username)).toEqual(['fengchan']);
    const jinshui = (await admin.get('/api/v1/users?jurisdiction=410105')).json();
    expect(jinshui.items.every((u: { jurisdictionCode: string }) => u.jurisdictionCode.startsWith('410105'))).toBe(true);
    const search = (await admin.get(`/api/v1/users?q=${encodeURIComponent('经发局')}`)).json();
    expect(search.items.map((u: { username: string }) => u.username)).toEqual(['zhengdong']);
    const page = (await admin.get('/api/v1/users?pageSize=2&page=2')).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(5);
  });

  it('deactivates an account and ends its sessions at once; reactivates it', async () => {
    const user = await t.signIn('cityofficer');
    const id = (await admin.get('/api/v1/users?q=cityofficer')).json().items[0].id;
    const off = await admin.patch(`/api/v1/users/${id}`, { isActive: false });
    expect(off.json().status).toBe('inactive');
    expect((await user.get('/api/v1/enterprises')).statusCode).toBe(401);
    expect((await login('cityofficer', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await admin.patch(`/api/v1/users/${id}`, { isActive: true })).json().status).toBe('active');
    expect((await login('cityofficer', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('moves a user to another role and jurisdiction, checked like a new one', async () => {
    const id = (await admin.get('/api/v1/users?q=zhengdong')).json().items[0].id;
    const toStreetWithDistrict = await admin.patch(`/api/v1/users/${id}`, { role: 'street' });
    expect(toStreetWithDistrict.json().error.code).toBe('USERS_JURISDICTION_KIND');
    const moved = await admin.patch(`/api/v1/users/${id}`, { role: 'leader', jurisdictionCode: '410100' });
    expect(moved.json()).toMatchObject({ role: 'leader', jurisdictionCode: '410100' });
    const toAdmin = await admin.patch(`/api/v1/users/${id}`, { role: 'admin' });
    expect(toAdmin.json()).toMatchObject({ role: 'admin', jurisdictionCode: null });
  });

  it('unlocks a locked account and resets a password, ending the old one', async () => {
    for (let i = 0; i < 5; i++) await login('firmuser', 'wrong-password-1');
    const id = (await admin.get('/api/v1/users?status=locked')).json().items[0].id;
    expect((await admin.get(`/api/v1/users/${id}`)).json()).toMatchObject({ username: 'firmuser', status: 'locked', failedLoginCount: 5 });
    expect((await admin.post(`/api/v1/users/${id}/unlock`)).json().status).toBe('active');
    const reset = (await admin.post(`/api/v1/users/${id}/password-reset`)).json();
    expect(reset.user.mustChangePassword).toBe(true);
    expect((await login('firmuser', reset.temporaryPassword)).statusCode).toBe(200);
  });

  it('refuses an admin locking themselves out', async () => {
    expect((await admin.patch(`/api/v1/users/${adminId}`, { isActive: false })).json().error.code).toBe('USERS_SELF_LOCKOUT');
    expect((await admin.patch(`/api/v1/users/${adminId}`, { role: 'city', jurisdictionCode: '410100' })).json().error.code).toBe('USERS_SELF_LOCKOUT');
  });

  it('audits every change without the password', async () => {
    const rows = (await admin.get('/api/v1/audit?entityType=user&pageSize=100')).json().items as { action: string; after: Record<string, unknown> | null }[];
    expect(rows.some((r) => r.action === 'create' && r.after?.username === 'fengchan')).toBe(true);
    expect(rows.some((r) => r.action === 'change-password')).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/passwordHash|argon2/);
  });

  it('keeps accounts and the login log to admins', async () => {
    const city = await t.signIn('cityofficer');
    expect((await city.get('/api/v1/users')).statusCode).toBe(403);
    expect((await city.post('/api/v1/users', { username: 'sneaky', displayName: 'x', role: 'admin' })).statusCode).toBe(403);
    expect((await city.get('/api/v1/login-events')).statusCode).toBe(403);
    const log = (await admin.get('/api/v1/login-events?username=firmuser&outcome=bad-credentials')).json();
    expect(log.total).toBeGreaterThanOrEqual(4);
    expect(log.items[0]).toMatchObject({ username: 'firmuser', outcome: 'bad-credentials' });
  });
});
