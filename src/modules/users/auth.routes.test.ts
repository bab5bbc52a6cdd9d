import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../../../test/helpers/app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser({ username: 'officer', role: 'district', jurisdictionCode: '410105' });
  await t.createUser({ username: 'victim', role: 'district', jurisdictionCode: '410105' });
  await t.createUser({ username: 'idler', role: 'city', jurisdictionCode: '410100' });
});
afterAll(() => t.close());

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers });

describe('sign-in', () => {
  it('signs in with the right password and sets an httpOnly SameSite session cookie and a CSRF cookie', async () => {
    const res = await login('officer', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ username: 'officer', role: 'district', jurisdictionCode: '410105', jurisdictionName: '金水区' });
    const session = res.cookies.find((c) => c.name === 'gaodi_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');
    expect(res.cookies.find((c) => c.name === 'gaodi_csrf')?.httpOnly).toBeFalsy();
  });

  it('answers a wrong password, an unknown user and a locked account with the same 401 message', async () => {
    const wrong = await login('officer', 'nope-nope');
    const unknown = await login('nobody-here', 'nope-nope');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('locks an account after 5 failures, even for the right password, and unlocks after 15 minutes', async () => {
    for (let i = 0; i < 5; i++) expect((await login('victim', 'wrong-password')).statusCode).toBe(401);
    const locked = await login('victim', TEST_PASSWORD);
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    t.clock.advance(16 * 60_000);
    expect((await login('victim', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('answers in English when the caller asks for it', async () => {
    const res = await login('officer', 'bad-bad-bad', { 'accept-language': 'en-US,en;q=0.9' });
    expect(res.json().error.message).toMatch(/password/);
    const zh = await login('officer', 'bad-bad-bad');
    expect(zh.json().error.message).toMatch(/密码/);
  });

  it('rejects unknown fields and malformed JSON in the login body with 400', async () => {
    const extra = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'a', password: 'b', admin: true } });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.code).toBe('VALIDATION_FAILED');
    const malformed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('MALFORMED_JSON');
  });
});

describe('sessions', () => {
  it('returns the signed-in user from /me and 401 AUTH_REQUIRED without a session', async () => {
    const client = await t.signIn('officer');
    expect((await client.get('/api/v1/auth/me')).json().user.username).toBe('officer');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('AUTH_REQUIRED');
  });

  it('refuses a write without the CSRF header', async () => {
    const client = await t.signIn('officer');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/enterprises', cookies: client.cookies, payload: {} });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('AUTH_CSRF_INVALID');
  });

  it('ends a session after 30 idle minutes', async () => {
    const client = await t.signIn('idler');
    t.clock.advance(29 * 60_000);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('ends a busy session at its absolute expiry of 12 hours', async () => {
    const client = await t.signIn('idler');
    for (let i = 0; i < 25; i++) {
      t.clock.advance(29 * 60_000);
      await client.get('/api/v1/auth/me');
    }
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('signs out: the session no longer works', async () => {
    const client = await t.signIn('officer');
    expect((await client.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
  });
});

describe('OpenAPI', () => {
  it('documents every route at /api/openapi.json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/enterprises', '/api/v1/enterprises/{id}', '/api/health']));
  });
});
