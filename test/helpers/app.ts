import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { createUsersService } from '../../src/modules/users/index.ts';
import type { Role } from '../../src/server/permissions.ts';
import type { Database } from '../../src/server/db/index.ts';
import { createTestDb } from './db.ts';
import { createFixedClock } from './clock.ts';

export const TEST_PASSWORD = 'test-password-1';

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  clock: ReturnType<typeof createFixedClock>;
  createUser: (user: { username: string; role: Role; jurisdictionCode?: string | null; enterpriseId?: string | null }) => Promise<{ id: string }>;
  /** Signs in and returns a client that sends the session cookie and CSRF header. */
  signIn: (username: string, password?: string) => Promise<Client>;
  close: () => Promise<void>;
};

export type Client = {
  get: (url: string, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  patch: (url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  put: (url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  delete: (url: string, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  raw: (options: { method: 'POST' | 'PUT'; url: string; payload: Buffer | string; headers: Record<string, string> }) => Promise<LightMyRequestResponse>;
  /** POSTs one file as multipart/form-data (field `file`). */
  upload: (url: string, content: Buffer, fileName?: string, mime?: string) => Promise<LightMyRequestResponse>;
  cookies: Record<string, string>;
};

/** The real app over a fresh test database, with helpers to create users and sign in. */
export async function buildTestApp(): Promise<TestApp> {
  const database = await createTestDb();
  const clock = createFixedClock();
  const app = await buildApp({
    config: { sessionIdleMinutes: 30, sessionAbsoluteHours: 12, secureCookies: false, uploadLimitBytes: 5 * 1024 * 1024, logLevel: 'silent', dataDir: 'memory' },
    database,
    clock,
    logger: false,
  });
  await app.ready();
  const users = createUsersService({ db: database.db });

  async function signIn(username: string, password = TEST_PASSWORD): Promise<Client> {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
    const cookies: Record<string, string> = {};
    for (const c of res.cookies) cookies[c.name] = c.value;
    const headers = () => ({ 'x-csrf-token': cookies.gaodi_csrf ?? '' });
    return {
      cookies,
      get: (url, extra = {}) => app.inject({ method: 'GET', url, cookies, headers: extra }),
      post: (url, body, extra = {}) => app.inject({ method: 'POST', url, cookies, headers: { ...headers(), ...extra }, ...(body === undefined ? {} : { payload: body as object }) }),
      patch: (url, body, extra = {}) => app.inject({ method: 'PATCH', url, cookies, headers: { ...headers(), ...extra }, payload: body as object }),
      put: (url, body, extra = {}) => app.inject({ method: 'PUT', url, cookies, headers: { ...headers(), ...extra }, payload: body as object }),
      delete: (url, extra = {}) => app.inject({ method: 'DELETE', url, cookies, headers: { ...headers(), ...extra } }),
      raw: ({ method, url, payload, headers: h }) => app.inject({ method, url, cookies, headers: { ...headers(), ...h }, payload }),
      upload: (url, content, fileName = 'upload.xlsx', mime = 'application/octet-stream') => {
        const boundary = `----gaodi${Math.random().toString(16).slice(2)}`;
        const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${mime}\r\n\r\n`);
        const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
        return app.inject({ method: 'POST', url, cookies, headers: { ...headers(), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat([head, content, tail]) });
      },
    };
  }

  return {
    app,
    database,
    clock,
    createUser: async (u) => users.createUser({ username: u.username, displayName: u.username, role: u.role, password: TEST_PASSWORD, jurisdictionCode: u.jurisdictionCode ?? null, enterpriseId: u.enterpriseId ?? null }),
    signIn,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
