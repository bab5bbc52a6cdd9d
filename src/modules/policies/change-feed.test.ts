import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../test/helpers/app.ts';
import { createFixedClock } from '../../../test/helpers/clock.ts';
import { creditCode, enterpriseBody } from '../../../test/helpers/factories.ts';
import { buildApp } from '../../server/app.ts';
import { openDatabase, type Database } from '../../server/db/index.ts';
import { findAuditChanges, findLatestAuditId, type AuditChange } from '../audit/index.ts';
import { createChangeFeed, type ListenClient } from './change-feed.ts';

// Two app processes over one PostgreSQL database (DATABASE_URL): A writes, B must follow through the
// change feed. On PGlite (one process) B is A, and the same assertions hold.
const MILESTONE = 'zz-large-enterprise-milestone'; // 主营业务收入 > 500000 万元, 门类 B/C/D
const onServer = Boolean(process.env.DATABASE_URL);

let t: TestApp;
let second: { app: FastifyInstance; database: Database } | null = null;
let a: Client;
let cityA: Client;
let firm: { id: string; version: number };

/** GET on instance B with a session signed in on A (sessions live in the database). */
const getOnB = async (client: Client, url: string) => {
  const app = second?.app ?? t.app;
  return app.inject({ method: 'GET', url, cookies: client.cookies });
};

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser({ username: 'jinshui', role: 'district', jurisdictionCode: '410105' });
  await t.createUser({ username: 'city', role: 'city', jurisdictionCode: '410100' });
  a = await t.signIn('jinshui');
  cityA = await t.signIn('city');
  const res = await a.post('/api/v1/enterprises', enterpriseBody({ name: '郑州金水跟随装备有限公司', industryCode: 'C3511', employees: 3000, revenueWan: 500000, mainBusinessRevenueWan: 490000, assetsWan: 700000 }));
  expect(res.statusCode, res.body).toBe(201);
  firm = res.json();
  if (onServer) {
    const database = await openDatabase({ databaseUrl: String(t.database.pool.options.connectionString), poolSize: 3 });
    const app = await buildApp({
      config: { sessionIdleMinutes: 30, sessionAbsoluteHours: 12, secureCookies: false, uploadLimitBytes: 5 * 1024 * 1024, logLevel: 'silent', dataDir: 'memory' },
      database,
      clock: createFixedClock(),
      logger: false,
    });
    await app.ready();
    second = { app, database };
  }
  // B has read the registry (its snapshot holds the firm below the milestone)
  const before = await getOnB(a, `/api/v1/enterprises/${firm.id}/policy-matches`);
  expect(before.statusCode, before.body).toBe(200);
  expect(before.json().matches.map((m: { item: { id: string } }) => m.item.id)).not.toContain(MILESTONE);
});

afterAll(async () => {
  if (second) {
    await second.app.close();
    await second.database.close();
  }
  await t.close();
});

const itemIds = (body: { matches: { item: { id: string } }[] }) => body.matches.map((m) => m.item.id);

describe('the change feed keeps every process’s matches current', () => {
  it('shows an enterprise edited through A in B’s matches, by enterprise and by item, without a restart', async () => {
    const patched = await a.patch(`/api/v1/enterprises/${firm.id}`, { version: firm.version, mainBusinessRevenueWan: 510000 });
    expect(patched.statusCode, patched.body).toBe(200);
    await vi.waitFor(async () => {
      const mine = await getOnB(a, `/api/v1/enterprises/${firm.id}/policy-matches`);
      expect(itemIds(mine.json())).toContain(MILESTONE);
    }, { timeout: 20_000, interval: 100 });
    const eligible = (await getOnB(a, `/api/v1/policy-items/${MILESTONE}/matches?kind=eligible`)).json();
    expect(eligible.items.map((r: { enterpriseId: string }) => r.enterpriseId)).toContain(firm.id);
  });

  it('shows an enterprise created through A in B, and a year’s figures set through A', async () => {
    const created = await a.post('/api/v1/enterprises', enterpriseBody({ name: '郑州金水新建重工有限公司', industryCode: 'C3511', employees: 4000, revenueWan: 700000, mainBusinessRevenueWan: 650000, assetsWan: 900000 }));
    expect(created.statusCode, created.body).toBe(201);
    const id: string = created.json().id;
    await vi.waitFor(async () => {
      const list = (await getOnB(a, `/api/v1/policy-items/${MILESTONE}/matches?kind=eligible&pageSize=100`)).json();
      expect(list.items.map((r: { enterpriseId: string }) => r.enterpriseId)).toContain(id);
    }, { timeout: 20_000, interval: 100 });
    const year = createFixedClock().now().getFullYear() - 1;
    const figures = await a.put(`/api/v1/enterprises/${id}/indicators/${year}`, { employees: 4000, revenueWan: 400000, mainBusinessRevenueWan: 390000, assetsWan: 900000, rdExpenseWan: 100, taxWan: 100, landMu: 50, energyTce: 1000, patents: 10, exportWan: 0 });
    expect(figures.statusCode, figures.body).toBe(200);
    await vi.waitFor(async () => {
      expect(itemIds((await getOnB(a, `/api/v1/enterprises/${id}/policy-matches`)).json())).not.toContain(MILESTONE);
    }, { timeout: 20_000, interval: 100 });
  });

  it('shows in B the enterprises an Excel import through A wrote', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业');
    ws.addRow(['统一社会信用代码', '企业名称', '所在街道(乡镇)代码', '国民经济行业代码', '从业人员(人)', '营业收入(万元)', '主营业务收入(万元)']);
    ws.addRow([creditCode('410105'), '郑州跟随导入重型机械有限公司', '410105001', 'C3511', 5000, 900000, 900000]);
    const started = await a.upload('/api/v1/enterprises/imports', Buffer.from(await wb.xlsx.writeBuffer()), 'firms.xlsx');
    expect(started.statusCode, started.body).toBe(202);
    await vi.waitFor(async () => {
      const list = (await getOnB(a, `/api/v1/policy-items/${MILESTONE}/matches?kind=eligible&q=${encodeURIComponent('跟随导入')}`)).json();
      expect(list.total).toBe(1);
    }, { timeout: 20_000, interval: 100 });
  });

  it('matches in B an item version published through A, and drops it when A withdraws it', async () => {
    const document = await cityA.post('/api/v1/policy-documents', {
      title: '郑州市跟随测试办法', issuer: '郑州市工业和信息化局', level: 'city', documentNumber: '郑工信〔2026〕9号', publishedOn: '2026-01-10', validFrom: '2026-01-01', sourceUrl: 'https://example.org/zz-follow', fullText: '第一条 …',
    });
    expect(document.statusCode, document.body).toBe(201);
    const version = {
      title: '大型企业跟随奖励', article: '从业人员2000人以上的企业给予奖励。', eligibility: { and: [{ '>=': [{ var: 'employees' }, 2000] }] }, benefit: 10, benefitCapWan: 10,
      budgetWan: 1000, applicationOpensOn: '2026-03-01', applicationClosesOn: '2026-12-31', verification: 'confirmed',
    };
    const created = await cityA.post('/api/v1/policy-items', { documentId: document.json().id, id: 'zz-test-follow', ...version });
    expect(created.statusCode, created.body).toBe(201);
    expect((await cityA.post('/api/v1/policy-items/zz-test-follow/publications', {})).statusCode).toBe(200);
    await vi.waitFor(async () => {
      const list = await getOnB(cityA, '/api/v1/policy-items/zz-test-follow/matches?kind=eligible&pageSize=100');
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items.map((r: { enterpriseId: string }) => r.enterpriseId)).toContain(firm.id);
    }, { timeout: 20_000, interval: 100 });
    expect(itemIds((await getOnB(a, `/api/v1/enterprises/${firm.id}/policy-matches`)).json())).toContain('zz-test-follow');

    expect((await cityA.post('/api/v1/policy-items/zz-test-follow/withdrawals')).statusCode).toBe(200);
    await vi.waitFor(async () => {
      expect(itemIds((await getOnB(a, `/api/v1/enterprises/${firm.id}/policy-matches`)).json())).not.toContain('zz-test-follow');
    }, { timeout: 20_000, interval: 100 });
  });
});

describe.skipIf(!onServer)('the change feed on PostgreSQL', () => {
  it('reads a lower audit id that commits after a higher one was read (the bigserial gap)', async () => {
    const pool = new pg.Pool({ ...t.database.pool.options, max: 2 });
    const db = t.database.db;
    const seen: AuditChange[] = [];
    const feed = createChangeFeed({ read: (q) => findAuditChanges(db, q), latestId: () => findLatestAuditId(db), pollMs: 60_000 });
    feed.subscribe(async (rows) => {
      seen.push(...rows);
    });
    const slow = await pool.connect();
    try {
      await feed.start();
      const insert = (client: pg.PoolClient | pg.Pool, entityId: string) =>
        client.query(`insert into audit_log (at, actor_name, actor_role, action, entity_type, entity_id) values (now(), 'test', 'system', 'gap-test', 'gap_test', $1)`, [entityId]);
      await slow.query('begin');
      await insert(slow, 'first-taken-last-committed');
      await insert(pool, 'second-taken-first-committed');
      await feed.catchUp();
      expect(seen.filter((r) => r.action === 'gap-test').map((r) => r.entityId)).toEqual(['second-taken-first-committed']);
      expect(feed.position()?.gaps.length).toBe(1);
      await slow.query('commit');
      await feed.catchUp();
      expect(seen.filter((r) => r.action === 'gap-test').map((r) => r.entityId)).toEqual(['second-taken-first-committed', 'first-taken-last-committed']);
      expect(feed.position()?.gaps).toEqual([]);
    } finally {
      slow.release();
      await feed.close();
      await pool.end();
    }
  });

  it('delivers a transaction that was still open when the feed started, below the latest id', async () => {
    const pool = new pg.Pool({ ...t.database.pool.options, max: 2 });
    const db = t.database.db;
    const seen: string[] = [];
    const feed = createChangeFeed({ read: (q) => findAuditChanges(db, q), latestId: () => findLatestAuditId(db), pollMs: 60_000 });
    feed.subscribe(async (rows) => {
      seen.push(...rows.map((r) => r.entityId));
    });
    const slow = await pool.connect();
    try {
      const insert = (client: pg.PoolClient | pg.Pool, entityId: string) =>
        client.query(`insert into audit_log (at, actor_name, actor_role, action, entity_type, entity_id) values (now(), 'test', 'system', 'start-test', 'gap_test', $1)`, [entityId]);
      await slow.query('begin');
      await insert(slow, 'open-at-start');
      await insert(pool, 'committed-before-start');
      await feed.start();
      await feed.catchUp();
      expect(seen).toEqual([]);
      await slow.query('commit');
      await feed.catchUp();
      expect(seen).toEqual(['open-at-start']);
    } finally {
      slow.release();
      await feed.close();
      await pool.end();
    }
  });

  it('is woken by NOTIFY at commit, with polling far away', async () => {
    const db = t.database.db;
    const seen: string[] = [];
    const feed = createChangeFeed({
      read: (q) => findAuditChanges(db, q), latestId: () => findLatestAuditId(db), pollMs: 600_000,
      listen: () => new pg.Client(t.database.pool.options),
    });
    feed.subscribe(async (rows) => {
      seen.push(...rows.map((r) => r.entityId));
    });
    try {
      await feed.start();
      await t.database.pool.query(`insert into audit_log (at, actor_name, actor_role, action, entity_type, entity_id) values (now(), 'test', 'system', 'notify-test', 'gap_test', 'woken')`);
      await vi.waitFor(() => expect(seen).toContain('woken'), { timeout: 10_000, interval: 20 });
    } finally {
      await feed.close();
    }
  });
});

describe('the change feed’s listening connection', () => {
  it('reconnects after losing it, reads at once after listening again, and ends it on close', async () => {
    const clients: { queries: string[]; ended: boolean; emit: (event: string) => void }[] = [];
    const listen = (): ListenClient => {
      const handlers = new Map<string, ((error?: Error) => void)[]>();
      const state = { queries: [] as string[], ended: false, emit: (event: string) => (handlers.get(event) ?? []).forEach((h) => h(new Error(event))) };
      clients.push(state);
      return {
        connect: async () => undefined,
        query: async (text: string) => void state.queries.push(text),
        end: async () => void (state.ended = true),
        on: ((event: string, handler: (error?: Error) => void) => handlers.set(event, [...(handlers.get(event) ?? []), handler])) as ListenClient['on'],
      };
    };
    let reads = 0;
    const feed = createChangeFeed({ read: async () => ((reads += 1), []), latestId: async () => 0, listen, pollMs: 600_000 });
    await feed.start();
    expect(clients).toHaveLength(1);
    expect(clients[0]?.queries).toEqual(['listen gaodi_audit_log']);
    await vi.waitFor(() => expect(reads).toBeGreaterThanOrEqual(2)); // the priming read, then one after listening
    const before = reads;
    clients[0]?.emit('error');
    expect(clients[0]?.ended).toBe(true);
    await vi.waitFor(() => expect(clients).toHaveLength(2), { timeout: 5000 });
    await vi.waitFor(() => expect(reads).toBeGreaterThan(before));
    clients[1]?.emit('notification');
    await vi.waitFor(() => expect(reads).toBeGreaterThan(before + 1));
    await feed.close();
    expect(clients[1]?.ended).toBe(true);
    clients[1]?.emit('end');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(clients).toHaveLength(2);
  });
});
