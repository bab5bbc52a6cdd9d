import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type Client, type TestApp } from '../../../test/helpers/app.ts';
import { creditCode, enterpriseBody } from '../../../test/helpers/factories.ts';

let t: TestApp;
let city: Client;
let jinshui: Client;
let zhongyuan: Client;
let firm: Client;
let otherFirm: Client;
let power: Client;
let tax: Client;
let leader: Client;
let firmA: { id: string };
let firmB: { id: string };
let powerDept: { id: string };
let taxDept: { id: string };

const newRequest = (overrides: Record<string, unknown> = {}) => ({ category: 'utilities', urgency: 'normal', title: '厂区增容用电申请迟迟未批', description: '新建二期车间需增容 800 kVA，已提交申请两个月未有答复。', ...overrides });

async function auditCount(entityId: string): Promise<number> {
  const result = await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where entity_id = ${entityId}`);
  return result.rows[0]?.n ?? 0;
}

/** The lead department starts and resolves with a reply. */
async function handle(id: string, reply: string): Promise<void> {
  expect((await power.post(`/api/v1/service-requests/${id}/transitions`, { action: 'start' })).statusCode).toBe(200);
  expect((await power.post(`/api/v1/service-requests/${id}/transitions`, { action: 'resolve', reply })).statusCode).toBe(200);
}

/** Signs everyone in again (sessions expire when the test clock moves on). */
async function signInAll(): Promise<void> {
  // Users not created yet stay signed out.
  const tryIn = async (name: string) => t.signIn(name).catch(() => undefined);
  [city, jinshui, zhongyuan, leader, firm, otherFirm, power, tax] = (await Promise.all(['city', 'jinshui', 'zhongyuan', 'leader', 'firm-a', 'firm-b', 'gongdian', 'shuiwu'].map(tryIn))) as [Client, Client, Client, Client, Client, Client, Client, Client];
}

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser({ username: 'city', role: 'city', jurisdictionCode: '410100' });
  await t.createUser({ username: 'jinshui', role: 'district', jurisdictionCode: '410105' });
  await t.createUser({ username: 'zhongyuan', role: 'district', jurisdictionCode: '410102' });
  await t.createUser({ username: 'leader', role: 'leader', jurisdictionCode: '410100' });
  const powerUser = await t.createUser({ username: 'gongdian', role: 'department', jurisdictionCode: '410100' });
  const taxUser = await t.createUser({ username: 'shuiwu', role: 'department', jurisdictionCode: '410100' });
  await signInAll();
  firmA = (await jinshui.post('/api/v1/enterprises', enterpriseBody({ name: '郑州金水精密机械有限公司', divisionCode: '410105001' }))).json();
  firmB = (await zhongyuan.post('/api/v1/enterprises', enterpriseBody({ name: '郑州中原重工有限公司', divisionCode: '410102001', creditCode: creditCode('410102') }))).json();
  await t.createUser({ username: 'firm-a', role: 'enterprise', enterpriseId: firmA.id });
  await t.createUser({ username: 'firm-b', role: 'enterprise', enterpriseId: firmB.id });
  await signInAll();
  const p = await city.post('/api/v1/service-departments', { name: '国网郑州供电公司', kind: 'power', jurisdictionCode: '410100' });
  expect(p.statusCode).toBe(201);
  powerDept = p.json();
  taxDept = (await city.post('/api/v1/service-departments', { name: '国家税务总局郑州市税务局', kind: 'tax', jurisdictionCode: '410100' })).json();
  expect((await city.post(`/api/v1/service-departments/${powerDept.id}/members`, { userId: powerUser.id })).statusCode).toBe(204);
  expect((await city.post(`/api/v1/service-departments/${taxDept.id}/members`, { userId: taxUser.id })).statusCode).toBe(204);
  await signInAll();
});
afterAll(() => t.close());

describe('the closed loop: raise → accept → dispatch → handle → resolve → rate', () => {
  let id: string;

  it('lets an enterprise raise a request for itself, with a deadline in working days', async () => {
    const res = await firm.post('/api/v1/service-requests', newRequest());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    id = body.id;
    expect(body).toMatchObject({ state: 'submitted', enterpriseId: firmA.id, divisionCode: '410105001', source: 'enterprise', allowedDays: 10, categoryName: '用电用气', availableActions: [] });
    // Wednesday 25 Nov 2026 09:00 + 10 working days = Wednesday 9 Dec 09:00 (China time).
    expect(body.dueAt).toBe(new Date('2026-12-09T09:00:00+08:00').toISOString());
    expect(body.events).toHaveLength(1);
    expect(await auditCount(id)).toBe(1);
  });

  it('offers the district officer accept, return and merge', async () => {
    const res = await jinshui.get(`/api/v1/service-requests/${id}`);
    expect(res.json().availableActions.sort()).toEqual(['accept', 'merge', 'return']);
  });

  it('refuses a dispatch by the enterprise with 403 and leaves the request unchanged', async () => {
    const res = await firm.post(`/api/v1/service-requests/${id}/transitions`, { action: 'dispatch', leadDepartmentId: powerDept.id });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('SERVICE_ACTION_FORBIDDEN');
    const after = (await jinshui.get(`/api/v1/service-requests/${id}`)).json();
    expect(after).toMatchObject({ state: 'submitted', version: 1, leadDepartmentId: null });
    expect(after.events).toHaveLength(1);
  });

  it('refuses a dispatch before acceptance with 409', async () => {
    const res = await jinshui.post(`/api/v1/service-requests/${id}/transitions`, { action: 'dispatch', leadDepartmentId: powerDept.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SERVICE_STATE_CONFLICT');
  });

  it('hides the request from another district, another enterprise and departments it is not dispatched to', async () => {
    expect((await zhongyuan.get(`/api/v1/service-requests/${id}`)).statusCode).toBe(404);
    expect((await otherFirm.get(`/api/v1/service-requests/${id}`)).statusCode).toBe(404);
    expect((await power.get(`/api/v1/service-requests/${id}`)).statusCode).toBe(404);
    expect((await zhongyuan.post(`/api/v1/service-requests/${id}/transitions`, { action: 'accept' })).statusCode).toBe(404);
    expect((await zhongyuan.get('/api/v1/service-requests')).json().total).toBe(0);
  });

  it('accepts and dispatches to the power company with the tax bureau as co-handler', async () => {
    expect((await jinshui.post(`/api/v1/service-requests/${id}/transitions`, { action: 'accept', note: '已受理' })).statusCode).toBe(200);
    const res = await jinshui.post(`/api/v1/service-requests/${id}/transitions`, { action: 'dispatch', leadDepartmentId: powerDept.id, coHandlerIds: [taxDept.id] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'dispatched', leadDepartmentName: '国网郑州供电公司', coHandlers: [{ id: taxDept.id, name: '国家税务总局郑州市税务局' }] });
  });

  it('shows the department its queue; the co-handler sees it but may not act', async () => {
    const queue = await power.get('/api/v1/service-requests?state=dispatched');
    expect(queue.json().items.map((i: { id: string }) => i.id)).toEqual([id]);
    const co = await tax.get(`/api/v1/service-requests/${id}`);
    expect(co.statusCode).toBe(200);
    expect(co.json().availableActions).toEqual([]);
    expect((await tax.post(`/api/v1/service-requests/${id}/transitions`, { action: 'start' })).json().error.code).toBe('SERVICE_ACTION_FORBIDDEN');
  });

  it('refuses a blank reply with 400 SERVICE_REPLY_REQUIRED and changes nothing', async () => {
    expect((await power.post(`/api/v1/service-requests/${id}/transitions`, { action: 'start' })).statusCode).toBe(200);
    const before = (await power.get(`/api/v1/service-requests/${id}`)).json();
    const res = await power.post(`/api/v1/service-requests/${id}/transitions`, { action: 'resolve', reply: '   ' }, { 'accept-language': 'en-US' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'SERVICE_REPLY_REQUIRED', message: 'A reply is required to resolve a request' });
    const after = (await power.get(`/api/v1/service-requests/${id}`)).json();
    expect(after.version).toBe(before.version);
    expect(after.state).toBe('in_progress');
  });

  it('pauses the clock while waiting on the enterprise and moves the deadline on resume', async () => {
    const paused = await power.post(`/api/v1/service-requests/${id}/transitions`, { action: 'await_enterprise', reason: '请提供二期车间用电负荷表' });
    expect(paused.json()).toMatchObject({ isPaused: true, availableActions: ['resume'] });
    expect((await power.post(`/api/v1/service-requests/${id}/transitions`, { action: 'resolve', reply: '已办结' })).json().error.code).toBe('SERVICE_REQUEST_PAUSED');
    const dueBefore = paused.json().dueAt;
    t.clock.advance(24 * 3_600_000); // Thursday 09:00: one working day waiting on the enterprise
    await signInAll();
    const resumed = await firm.post(`/api/v1/service-requests/${id}/transitions`, { action: 'resume', note: '负荷表已上传' });
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json().isPaused).toBe(false);
    expect(new Date(resumed.json().dueAt).getTime() - new Date(dueBefore).getTime()).toBe(24 * 3_600_000);
  });

  it('resolves with a reply; only the enterprise may rate', async () => {
    const res = await power.post(`/api/v1/service-requests/${id}/transitions`, { action: 'resolve', reply: '已完成增容方案审批，预计 12 月 5 日送电。' });
    expect(res.json()).toMatchObject({ state: 'resolved', reply: '已完成增容方案审批，预计 12 月 5 日送电。' });
    for (const other of [jinshui, power, leader]) {
      const rated = await other.post(`/api/v1/service-requests/${id}/transitions`, { action: 'rate', rating: 'satisfied' });
      expect(rated.statusCode).toBe(403);
      expect(rated.json().error.code).toBe('SERVICE_ACTION_FORBIDDEN');
    }
  });

  it('reopens on 不满意 twice and then escalates to the city', async () => {
    const first = await firm.post(`/api/v1/service-requests/${id}/transitions`, { action: 'rate', rating: 'unsatisfied', comment: '送电时间太晚' });
    expect(first.json()).toMatchObject({ state: 'dispatched', reopenCount: 1, escalationLevel: 0, latestRating: 'unsatisfied', resolvedAt: null, reply: null });
    await handle(id, '已协调提前至 12 月 1 日送电');
    const second = await firm.post(`/api/v1/service-requests/${id}/transitions`, { action: 'rate', rating: 'unsatisfied' });
    expect(second.json()).toMatchObject({ state: 'dispatched', reopenCount: 2 });
    await handle(id, '再次答复');
    const third = await firm.post(`/api/v1/service-requests/${id}/transitions`, { action: 'rate', rating: 'unsatisfied' });
    expect(third.json()).toMatchObject({ state: 'accepted', reopenCount: 2, escalationLevel: 1 });
    expect(third.json().ratings.map((r: { round: number }) => r.round)).toEqual([0, 1, 2]);
    const escalated = await city.get('/api/v1/service-requests?escalated=true');
    expect(escalated.json().items.map((i: { id: string }) => i.id)).toContain(id);
  });

  it('closes on 满意 after the city re-dispatches, and archives', async () => {
    await city.post(`/api/v1/service-requests/${id}/transitions`, { action: 'dispatch', leadDepartmentId: powerDept.id });
    await handle(id, '市级协调后已送电');
    expect((await firm.post(`/api/v1/service-requests/${id}/transitions`, { action: 'rate', rating: 'satisfied' })).json().state).toBe('rated');
    const archived = await jinshui.post(`/api/v1/service-requests/${id}/transitions`, { action: 'archive' });
    expect(archived.json().state).toBe('archived');
    const detail = archived.json();
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual([
      'submit', 'accept', 'dispatch', 'start', 'await_enterprise', 'resume', 'resolve', 'rate', 'start', 'resolve', 'rate', 'start', 'resolve', 'rate', 'dispatch', 'start', 'resolve', 'rate', 'archive',
    ]);
    // One audit row per write, in the same transactions.
    expect(await auditCount(id)).toBe(detail.events.length);
  });
});

describe('bad input changes nothing', () => {
  it('refuses a request for an enterprise outside the caller’s jurisdiction', async () => {
    const res = await jinshui.post('/api/v1/service-requests', newRequest({ enterpriseId: firmB.id }));
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('SERVICE_ENTERPRISE_NOT_FOUND');
    const own = await otherFirm.post('/api/v1/service-requests', newRequest({ enterpriseId: firmA.id }));
    expect(own.json().error.code).toBe('SERVICE_ENTERPRISE_NOT_FOUND');
  });

  it('refuses an unknown category, an attachment of the wrong type, too large or not the caller’s own, and unknown fields', async () => {
    expect((await firm.post('/api/v1/service-requests', newRequest({ category: 'nonsense' }))).json().error.code).toBe('SERVICE_CATEGORY_UNKNOWN');
    const exe = await firm.upload('/api/v1/files', Buffer.from('MZ\x90\x00'), 'a.exe');
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.code).toBe('FILES_TYPE_NOT_ALLOWED');
    const fake = await firm.upload('/api/v1/files', Buffer.from('not a pdf'), 'a.pdf');
    expect(fake.json().error.code).toBe('FILES_CONTENT_MISMATCH');
    const big = await firm.upload('/api/v1/files', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(6 * 1024 * 1024)]), 'big.pdf');
    expect(big.statusCode).toBe(413);
    const others = (await jinshui.upload('/api/v1/files', Buffer.from('%PDF-1.7\n%%EOF'), '区里的文件.pdf')).json();
    const stolen = await firm.post('/api/v1/service-requests', newRequest({ fileIds: [others.id] }));
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().error.code).toBe('FILES_NOT_FOUND');
    expect((await firm.post('/api/v1/service-requests', newRequest({ fileIds: ['not-a-uuid'] }))).json().error.code).toBe('VALIDATION_FAILED');
    expect((await firm.post('/api/v1/service-requests', newRequest({ state: 'resolved' }))).statusCode).toBe(400);
    const list = await firm.get('/api/v1/service-requests');
    expect(list.json().total).toBe(1);
  });

  it('refuses an officer request without an enterprise', async () => {
    expect((await jinshui.post('/api/v1/service-requests', newRequest())).json().error.code).toBe('SERVICE_ENTERPRISE_REQUIRED');
  });

  it('refuses a dispatch to an unknown department or with the lead repeated as co-handler', async () => {
    const r = (await jinshui.post('/api/v1/service-requests', newRequest({ enterpriseId: firmA.id }))).json();
    await jinshui.post(`/api/v1/service-requests/${r.id}/transitions`, { action: 'accept' });
    const unknown = await jinshui.post(`/api/v1/service-requests/${r.id}/transitions`, { action: 'dispatch', leadDepartmentId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.json().error.code).toBe('SERVICE_DEPARTMENT_NOT_FOUND');
    const twice = await jinshui.post(`/api/v1/service-requests/${r.id}/transitions`, { action: 'dispatch', leadDepartmentId: powerDept.id, coHandlerIds: [powerDept.id] });
    expect(twice.json().error.code).toBe('SERVICE_DEPARTMENT_DUPLICATE');
    expect((await jinshui.get(`/api/v1/service-requests/${r.id}`)).json()).toMatchObject({ state: 'accepted', leadDepartmentId: null });
  });

  it('returns a request to the district with a reason, and merges a duplicate', async () => {
    const a = (await firm.post('/api/v1/service-requests', newRequest({ title: '招工难' , category: 'labour' }))).json();
    const b = (await firm.post('/api/v1/service-requests', newRequest({ title: '招工难（重复）', category: 'labour' }))).json();
    expect((await jinshui.post(`/api/v1/service-requests/${b.id}/transitions`, { action: 'merge', targetId: b.id })).json().error.code).toBe('SERVICE_MERGE_TARGET_INVALID');
    const merged = await jinshui.post(`/api/v1/service-requests/${b.id}/transitions`, { action: 'merge', targetId: a.id });
    expect(merged.json()).toMatchObject({ state: 'merged', mergedIntoId: a.id });
    await jinshui.post(`/api/v1/service-requests/${a.id}/transitions`, { action: 'accept' });
    await jinshui.post(`/api/v1/service-requests/${a.id}/transitions`, { action: 'dispatch', leadDepartmentId: taxDept.id });
    expect((await tax.post(`/api/v1/service-requests/${a.id}/transitions`, { action: 'return', reason: '' })).json().error.code).toBe('SERVICE_REASON_REQUIRED');
    const back = await tax.post(`/api/v1/service-requests/${a.id}/transitions`, { action: 'return', reason: '用工问题应由人社部门办理' });
    expect(back.json()).toMatchObject({ state: 'returned', returnedTo: 'officials' });
    expect((await firm.post(`/api/v1/service-requests/${a.id}/transitions`, { action: 'resubmit' })).json().error.code).toBe('SERVICE_STATE_CONFLICT');
    expect((await jinshui.get(`/api/v1/service-requests/${a.id}`)).json().availableActions).toContain('dispatch');
  });
});

describe('lists, filters and export', () => {
  it('filters by state, category, district and department', async () => {
    const byDept = await city.get(`/api/v1/service-requests?department=${powerDept.id}`);
    expect(byDept.json().items.every((i: { leadDepartmentId: string }) => i.leadDepartmentId === powerDept.id)).toBe(true);
    expect((await city.get('/api/v1/service-requests?district=410102')).json().total).toBe(0);
    expect((await city.get('/api/v1/service-requests?district=410105')).json().total).toBeGreaterThan(0);
    expect((await city.get('/api/v1/service-requests?category=labour&state=merged')).json().total).toBe(1);
    expect((await city.get('/api/v1/service-requests?state=bogus')).statusCode).toBe(400);
  });

  it('exports the filtered list as .xlsx', async () => {
    const res = await city.get('/api/v1/service-requests/export.xlsx?category=labour');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.rowCount).toBe(3);
    expect(sheet?.getRow(1).getCell(1).value).toBe('编号');
  });
});

describe('OpenAPI', () => {
  it('documents the service desk and Open311 endpoints', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/v1/service-requests', '/api/v1/service-requests/{id}/transitions', '/api/v1/service-departments', '/api/v1/liaisons', '/api/v1/visits', '/api/v1/service-stats', '/open311/v2/requests.json']) {
      expect(paths).toContain(p);
    }
  });
});

describe('the category dictionary', () => {
  it('lets the city change a time limit, which new requests then get; others may not edit', async () => {
    await signInAll();
    const changed = await city.patch('/api/v1/service-categories/financing', { normalDays: 3 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ code: 'financing', normalDays: 3 });
    const created = await firm.post('/api/v1/service-requests', newRequest({ category: 'financing', title: '贷款续贷' }));
    expect(created.json().allowedDays).toBe(3);
    expect((await jinshui.patch('/api/v1/service-categories/financing', { normalDays: 30 })).statusCode).toBe(403);
    expect((await city.patch('/api/v1/service-categories/financing', { normalDays: 0 })).statusCode).toBe(400);
    expect((await city.patch('/api/v1/service-categories/nothing', { normalDays: 5 })).json().error.code).toBe('SERVICE_CATEGORY_NOT_FOUND');
  });

  it('adds a category, refuses a duplicate code, and refuses requests in an inactive one', async () => {
    const added = await city.post('/api/v1/service-categories', { code: 'logistics', nameZh: '物流运输', nameEn: 'Logistics', normalDays: 10, urgentDays: 5, criticalDays: 2 });
    expect(added.statusCode).toBe(201);
    expect((await city.post('/api/v1/service-categories', { code: 'logistics', nameZh: '物流', nameEn: 'L', normalDays: 1, urgentDays: 1, criticalDays: 1 })).json().error.code).toBe('SERVICE_CATEGORY_TAKEN');
    await city.patch('/api/v1/service-categories/logistics', { isActive: false });
    expect((await firm.post('/api/v1/service-requests', newRequest({ category: 'logistics' }))).json().error.code).toBe('SERVICE_CATEGORY_UNKNOWN');
  });
});

describe('attachments', () => {
  it('keeps the files of a request for whoever may see the request, and no one else', async () => {
    const photo = await firm.upload('/api/v1/files', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), '现场照片.jpg', 'image/jpeg');
    expect(photo.statusCode).toBe(201);
    const pdf = (await firm.upload('/api/v1/files', Buffer.from('%PDF-1.7\n%%EOF'), '用电申请.pdf')).json();
    const created = await firm.post('/api/v1/service-requests', newRequest({ title: '带附件的诉求', fileIds: [photo.json().id, pdf.id] }));
    expect(created.statusCode).toBe(201);
    expect(created.json().attachments).toEqual([
      { id: photo.json().id, name: '现场照片.jpg', mime: 'image/jpeg', sizeBytes: 6 },
      { id: pdf.id, name: '用电申请.pdf', mime: 'application/pdf', sizeBytes: 14 },
    ]);
    expect((await jinshui.get(`/api/v1/service-requests/${created.json().id}`)).json().attachments).toHaveLength(2);
    const download = await jinshui.get(`/api/v1/files/${pdf.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('%PDF-1.7\n%%EOF');
    expect(download.headers['content-type']).toBe('application/pdf');
    expect((await zhongyuan.get(`/api/v1/files/${pdf.id}`)).statusCode).toBe(404);
    expect((await otherFirm.get(`/api/v1/files/${pdf.id}`)).statusCode).toBe(404);
    // a file belongs to one record: it cannot be attached again
    const again = await firm.post('/api/v1/service-requests', newRequest({ fileIds: [pdf.id] }));
    expect(again.json().error.code).toBe('FILES_NOT_FOUND');
  });
});
