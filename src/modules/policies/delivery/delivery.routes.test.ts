import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../../test/helpers/app.ts';
import { creditCode, enterpriseBody } from '../../../../test/helpers/factories.ts';

const MILESTONE = 'zz-large-enterprise-milestone'; // 主营业务收入 > 500000 万元, 门类 C: 100 万元 (200 above 1,000,000)
const RD_SUBSIDY = 'ha-rd-financial-subsidy'; // R&D > 0, legal entity
const EXEMPT = 'cn-rd-super-deduction-2023'; // 免申即享, R&D × 25 %

let t: TestApp;
let city: Client;
let jinshui: Client;
let zhongyuan: Client;
let leader: Client;
let admin: Client;
const firms: Record<'a' | 'b' | 'c' | 'd', { id: string }> = {} as never;
const users: Record<'a' | 'b' | 'c' | 'd', Client> = {} as never;
const userIds: Record<'a' | 'b' | 'c' | 'd', string> = {} as never;
let applicationA = '';

const multipart = (name: string, mime: string, content: Buffer) => {
  const boundary = '----gaodi-test';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${mime}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
};
const upload = (client: Client, name: string, mime: string, content: Buffer) => client.raw({ method: 'POST', url: '/api/v1/files', ...multipart(name, mime, content) });
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const review = (client: Client, id: string, body: Record<string, unknown>) => client.post(`/api/v1/policy-applications/${id}/reviews`, body);
const pay = (client: Client, id: string, body: Record<string, unknown> = {}) => client.post(`/api/v1/policy-applications/${id}/payouts`, body);
const budget = async (itemId: string) => (await city.get(`/api/v1/policy-items/${itemId}/budget`)).json() as { budgetWan: number | null; paidWan: number; remainingWan: number | null; overBudget: boolean; version: number };

/** Changes an item's budget (and window) the only way there is: a new version, a copy of the one in force, published by the city. */
async function publishBudget(itemId: string, budgetWan: number | null, changes: Record<string, unknown> = {}): Promise<void> {
  const inForce = (await city.get(`/api/v1/policy-items/${itemId}`)).json().version as number;
  const { versions } = (await city.get(`/api/v1/policy-items/${itemId}/versions`)).json() as { versions: Record<string, unknown>[] };
  const { id: _id, version: _version, createdAt: _createdAt, publishedAt: _publishedAt, ...fields } = versions.find((v) => v.version === inForce) ?? {};
  const saved = await city.post(`/api/v1/policy-items/${itemId}/versions`, { ...fields, budgetWan, ...changes });
  expect(saved.statusCode, saved.body).toBe(201);
  const published = await city.post(`/api/v1/policy-items/${itemId}/publications`, {});
  expect(published.statusCode, published.body).toBe(200);
}

/** Reads a 免申即享 list (pending firms by default) and confirms what it selects. */
const exemptList = async (client: Client, itemId: string, query = '') => (await client.get(`/api/v1/policy-items/${itemId}/exempt-list${query ? `?${query}` : ''}`)).json();
async function confirmList(client: Client, itemId: string, body: Record<string, unknown> = {}, filter: Record<string, string> = {}) {
  const seen = await exemptList(client, itemId, new URLSearchParams(filter).toString());
  return client.post(`/api/v1/policy-items/${itemId}/grants`, { filter, expected: { count: seen.selection.count, checksum: seen.selection.checksum }, ...body });
}

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser({ username: 'city', role: 'city', jurisdictionCode: '410100' });
  await t.createUser({ username: 'jinshui', role: 'district', jurisdictionCode: '410105' });
  await t.createUser({ username: 'zhongyuan', role: 'district', jurisdictionCode: '410102' });
  await t.createUser({ username: 'leader', role: 'leader', jurisdictionCode: '410100' });
  await t.createUser({ username: 'admin', role: 'admin' });
  [city, jinshui, zhongyuan, leader, admin] = (await Promise.all(['city', 'jinshui', 'zhongyuan', 'leader', 'admin'].map((u) => t.signIn(u)))) as [Client, Client, Client, Client, Client];
  const create = async (client: Client, body: Record<string, unknown>) => {
    const res = await client.post('/api/v1/enterprises', enterpriseBody({ industryCode: 'C3511', employees: 3000, assetsWan: 900000, ...body }));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  };
  firms.a = await create(jinshui, { name: '郑州金水重型装备有限公司', revenueWan: 650000, mainBusinessRevenueWan: 600000, rdExpenseWan: 1000 });
  firms.b = await create(jinshui, { name: '郑州金水动力装备有限公司', revenueWan: 750000, mainBusinessRevenueWan: 700000, rdExpenseWan: 400 });
  firms.c = await create(zhongyuan, { name: '郑州中原重工有限公司', divisionCode: '410102001', creditCode: creditCode('410102'), revenueWan: 1500000, mainBusinessRevenueWan: 1200000, rdExpenseWan: 2000 });
  firms.d = await create(jinshui, { name: '郑州金水精密机械有限公司', revenueWan: 500000, mainBusinessRevenueWan: 490000, rdExpenseWan: 100 });
  for (const k of ['a', 'b', 'c', 'd'] as const) {
    userIds[k] = (await t.createUser({ username: `firm-${k}`, role: 'enterprise', enterpriseId: firms[k].id })).id;
    users[k] = await t.signIn(`firm-${k}`);
  }
});
afterAll(() => t.close());

describe('files', () => {
  it('stores an upload with its size and SHA-256, and only the uploader may download it before it is attached', async () => {
    const res = await upload(users.a, '审计报告.pdf', 'application/pdf', PDF);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: '审计报告.pdf', mime: 'application/pdf', sizeBytes: PDF.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const id = res.json().id as string;
    const own = await users.a.get(`/api/v1/files/${id}`);
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(PDF)).toBe(true);
    expect((await city.get(`/api/v1/files/${id}`)).statusCode).toBe(404);
  });

  it('refuses a type not allowed, a content that does not match its name, an empty file and one over the limit', async () => {
    const exe = await upload(users.a, 'setup.exe', 'application/octet-stream', Buffer.from('MZ...'));
    expect([exe.statusCode, exe.json().error.code]).toEqual([415, 'FILES_TYPE_NOT_ALLOWED']);
    expect(exe.json().error.message).toContain('pdf');
    const fake = await upload(users.a, 'report.pdf', 'application/pdf', Buffer.from('not a pdf'));
    expect([fake.statusCode, fake.json().error.code]).toEqual([415, 'FILES_CONTENT_MISMATCH']);
    const empty = await upload(users.a, 'empty.pdf', 'application/pdf', Buffer.alloc(0));
    expect(empty.json().error.code).toBe('FILES_EMPTY');
    const big = await upload(users.a, 'big.pdf', 'application/pdf', Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]));
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'FILES_TOO_LARGE']);
  });
});

describe('applications', () => {
  it('pre-fills the form from the registry record and the match explanation', async () => {
    const res = await users.a.get(`/api/v1/policy-items/${MILESTONE}/application-form`);
    expect(res.statusCode, res.body).toBe(200);
    const form = res.json();
    expect(form).toMatchObject({ matched: true, benefit: { kind: 'estimated', amountWan: 100 }, enterprise: { id: firms.a.id, mainBusinessRevenueWan: 600000 }, existingApplicationId: null });
    expect(form.explanation.length).toBeGreaterThan(1);
    expect(form.funding.windowOpen).toBe(true);
  });

  it('files an application with its attachment, which the firm’s district and the city may download and no one else', async () => {
    const file = (await upload(users.a, '申报材料.pdf', 'application/pdf', PDF)).json();
    const res = await users.a.post('/api/v1/policy-applications', { itemId: MILESTONE, note: '首次超过50亿元', attachmentIds: [file.id] });
    expect(res.statusCode, res.body).toBe(201);
    const app = res.json();
    applicationA = app.id;
    expect(app).toMatchObject({ state: 'submitted', matched: true, estimatedWan: 100, requestedWan: 100, enterpriseId: firms.a.id, divisionCode: '410105001', actions: [] });
    expect(app.attachments).toHaveLength(1);
    expect(app.form.explanation.length).toBeGreaterThan(1);
    expect((await jinshui.get(`/api/v1/files/${file.id}`)).statusCode).toBe(200);
    expect((await city.get(`/api/v1/files/${file.id}`)).statusCode).toBe(200);
    expect((await zhongyuan.get(`/api/v1/files/${file.id}`)).statusCode).toBe(404);
    expect((await users.b.get(`/api/v1/files/${file.id}`)).statusCode).toBe(404);
  });

  it('refuses a second application for the same item, an application for a 免申即享 item, and one by an official', async () => {
    const twice = await users.a.post('/api/v1/policy-applications', { itemId: MILESTONE });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'POLICIES_APPLICATION_TAKEN']);
    const exempt = await users.a.post('/api/v1/policy-applications', { itemId: EXEMPT });
    expect([exempt.statusCode, exempt.json().error.code]).toEqual([400, 'POLICIES_ITEM_EXEMPT']);
    expect((await city.post('/api/v1/policy-applications', { itemId: MILESTONE })).statusCode).toBe(403);
    const unknown = await users.a.post('/api/v1/policy-applications', { itemId: 'no-such-item' });
    expect(unknown.json().error.code).toBe('POLICIES_ITEM_NOT_FOUND');
  });

  it('refuses an application outside the window, in the caller’s language, and stores nothing', async () => {
    await publishBudget(RD_SUBSIDY, 1000, { applicationOpensOn: '2026-01-01', applicationClosesOn: '2026-06-30' });
    expect(await budget(RD_SUBSIDY)).toMatchObject({ budgetWan: 1000, windowOpen: false, applicationClosesOn: '2026-06-30', version: 2 });
    const res = await users.a.post('/api/v1/policy-applications', { itemId: RD_SUBSIDY }, { 'accept-language': 'en-US' });
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'POLICIES_APPLICATION_WINDOW_CLOSED']);
    expect(res.json().error.message).toContain('2026-06-30');
    const zh = await users.a.post('/api/v1/policy-applications', { itemId: RD_SUBSIDY });
    expect(zh.json().error.message).toContain('申报时间');
    expect((await users.a.get(`/api/v1/policy-applications?itemId=${RD_SUBSIDY}`)).json().total).toBe(0);
    // there is no other way to set a budget than a version: the old ledger route is gone, and a district cannot write a provincial item
    expect((await city.put(`/api/v1/policy-items/${RD_SUBSIDY}/budget`, { budgetWan: 1 })).statusCode).toBe(404);
    expect((await jinshui.post(`/api/v1/policy-items/${RD_SUBSIDY}/versions`, { title: 'x', article: 'x', eligibility: { '>': [{ var: 'employees' }, 0] }, budgetWan: 1 })).statusCode).toBe(403);
  });

  it('scopes the list: the firm sees its own, the district its firms, another district none', async () => {
    expect((await users.a.get('/api/v1/policy-applications')).json().total).toBe(1);
    expect((await users.b.get('/api/v1/policy-applications')).json().total).toBe(0);
    expect((await jinshui.get('/api/v1/policy-applications')).json().total).toBe(1);
    expect((await zhongyuan.get('/api/v1/policy-applications')).json().total).toBe(0);
    expect((await zhongyuan.get(`/api/v1/policy-applications/${applicationA}`)).statusCode).toBe(404);
    expect((await leader.get(`/api/v1/policy-applications/${applicationA}`)).statusCode).toBe(200);
  });
});

describe('the review state machine', () => {
  it('answers 404 to a district officer outside the firm’s district, 403 to the wrong role, 409 in the wrong state', async () => {
    const outside = await review(zhongyuan, applicationA, { decision: 'approve' });
    expect([outside.statusCode, outside.json().error.code]).toEqual([404, 'POLICIES_APPLICATION_NOT_FOUND']);
    for (const client of [users.a, leader, admin]) {
      const res = await review(client, applicationA, { decision: 'approve' });
      expect([res.statusCode, res.json().error.code]).toEqual([403, 'POLICIES_ACTION_FORBIDDEN']);
    }
    const early = await review(city, applicationA, { decision: 'approve' });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'POLICIES_STATE_CONFLICT']);
    const payEarly = await pay(city, applicationA);
    expect([payEarly.statusCode, payEarly.json().error.code]).toEqual([409, 'POLICIES_STATE_CONFLICT']);
    const resubmit = await users.a.post(`/api/v1/policy-applications/${applicationA}/resubmissions`, {});
    expect(resubmit.json().error.code).toBe('POLICIES_STATE_CONFLICT');
  });

  it('walks return → resubmit → district approval → city approval → payout, each step audited', async () => {
    const noReason = await review(jinshui, applicationA, { decision: 'return' });
    expect([noReason.statusCode, noReason.json().error.code]).toEqual([400, 'POLICIES_REASON_REQUIRED']);
    const returned = await review(jinshui, applicationA, { decision: 'return', reason: '请补充审计报告' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ state: 'returned', lastReason: '请补充审计报告' });
    expect((await users.a.get(`/api/v1/policy-applications/${applicationA}`)).json().actions).toEqual(['resubmit']);
    expect((await jinshui.post(`/api/v1/policy-applications/${applicationA}/resubmissions`, {})).json().error.code).toBe('POLICIES_ACTION_FORBIDDEN');
    const again = await users.a.post(`/api/v1/policy-applications/${applicationA}/resubmissions`, { note: '已补充' });
    expect(again.json()).toMatchObject({ state: 'submitted', note: '已补充' });
    const version = again.json().version as number;
    const stale = await review(jinshui, applicationA, { decision: 'approve', version: version - 1 });
    expect(stale.json().error.code).toBe('POLICIES_APPLICATION_VERSION_CONFLICT');
    expect((await review(jinshui, applicationA, { decision: 'approve', version })).json()).toMatchObject({ state: 'district_approved' });
    expect((await review(jinshui, applicationA, { decision: 'approve' })).json().error.code).toBe('POLICIES_STATE_CONFLICT');
    expect((await city.get(`/api/v1/policy-applications/${applicationA}`)).json().actions).toEqual(['city_approve', 'city_return']);
    expect((await review(city, applicationA, { decision: 'approve' })).json()).toMatchObject({ state: 'approved', approvedWan: 100 });

    const noBudget = await pay(city, applicationA);
    expect([noBudget.statusCode, noBudget.json().error.code]).toEqual([409, 'POLICIES_BUDGET_NOT_SET']);
    await publishBudget(MILESTONE, 350);
    expect((await pay(jinshui, applicationA)).json().error.code).toBe('POLICIES_ACTION_FORBIDDEN');
    const paid = await pay(city, applicationA);
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ state: 'paid', paidWan: 100, actions: [] });
    expect(paid.json().events.map((e: { action: string }) => e.action)).toEqual(['submit', 'district_return', 'resubmit', 'district_approve', 'city_approve', 'pay']);
    expect(await budget(MILESTONE)).toMatchObject({ budgetWan: 350, paidWan: 100, remainingWan: 250 });
    expect((await pay(city, applicationA)).json().error.code).toBe('POLICIES_STATE_CONFLICT');
    const audit = (await admin.get('/api/v1/audit?entityType=policy_application&pageSize=200')).json();
    expect(audit.items.filter((e: { entityId: string }) => e.entityId === applicationA).map((e: { action: string }) => e.action).sort()).toEqual(
      ['policy_application.city_approve', 'policy_application.district_approve', 'policy_application.district_return', 'policy_application.pay', 'policy_application.resubmit', 'policy_application.submit'].sort(),
    );
  });

  it('never pays past the budget when two payouts that together exceed it run at once', async () => {
    const approved: string[] = [];
    for (const [k, district] of [['b', jinshui], ['c', zhongyuan]] as const) {
      const created = await users[k].post('/api/v1/policy-applications', { itemId: MILESTONE });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      expect((await review(district, id, { decision: 'approve' })).statusCode).toBe(200);
      expect((await review(city, id, { decision: 'approve' })).statusCode).toBe(200);
      approved.push(id);
    }
    // 250 万元 left: 100 (b) and 200 (c) each fit, together they do not
    const results = await Promise.all(approved.map((id) => pay(city, id)));
    const codes = results.map((r) => (r.statusCode === 200 ? 'paid' : r.json().error.code)).sort();
    expect(codes).toEqual(['POLICIES_BUDGET_EXCEEDED', 'paid']);
    const ledger = await budget(MILESTONE);
    expect(ledger.paidWan).toBeLessThanOrEqual(350);
    const grants = (await city.get(`/api/v1/policy-grants?itemId=${MILESTONE}`)).json();
    expect(grants.totalWan).toBe(ledger.paidWan);
    expect(grants.total).toBe(2);
    const refused = results.find((r) => r.statusCode !== 200);
    const refusedId = approved[results.indexOf(refused as (typeof results)[number])] as string;
    expect((await city.get(`/api/v1/policy-applications/${refusedId}`)).json()).toMatchObject({ state: 'approved', paidWan: null });
  });

  it('counts an approved application the rule had not matched as a miss', async () => {
    const created = await users.d.post('/api/v1/policy-applications', { itemId: MILESTONE, requestedWan: 100 });
    expect(created.json()).toMatchObject({ matched: false, estimatedWan: null, requestedWan: 100 });
    await review(jinshui, created.json().id, { decision: 'approve' });
    await review(city, created.json().id, { decision: 'approve' });
    const stats = (await city.get('/api/v1/policy-delivery-stats')).json();
    const item = stats.items.find((i: { itemId: string }) => i.itemId === MILESTONE);
    expect(item).toMatchObject({ matched: 3, applied: 4, approved: 4, paidCount: 2, misses: 1, confirmed: 3, rejected: 0, precision: 100 });
  });
});

describe('the budget of the version in force', () => {
  it('pays nothing more once a new version lowers the budget below what is paid, and shows it so', async () => {
    const paidBefore = (await budget(MILESTONE)).paidWan;
    expect(paidBefore).toBeGreaterThan(150);
    // a version effective later changes nothing today
    await publishBudget(MILESTONE, 10000, { effectiveFrom: '2099-01-01' });
    expect(await budget(MILESTONE)).toMatchObject({ budgetWan: 350 });
    await publishBudget(MILESTONE, 150);
    expect(await budget(MILESTONE)).toMatchObject({ budgetWan: 150, paidWan: paidBefore, remainingWan: 0, overBudget: true });
    const approved = (await city.get(`/api/v1/policy-applications?itemId=${MILESTONE}&state=approved`)).json().items as { id: string }[];
    expect(approved.length).toBeGreaterThan(0);
    const refused = await pay(city, approved[0]?.id ?? '');
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'POLICIES_BUDGET_BELOW_PAID']);
    expect(refused.json().error.message).toContain('150');
    expect((await budget(MILESTONE)).paidWan).toBe(paidBefore);
    const stats = (await city.get('/api/v1/policy-delivery-stats')).json().items.find((i: { itemId: string }) => i.itemId === MILESTONE);
    expect(stats).toMatchObject({ budgetWan: 150, canEdit: true });
    expect(stats.budgetUsedPct).toBeGreaterThan(100);
    expect((await jinshui.get(`/api/v1/policy-items/${MILESTONE}/budget`)).json()).toMatchObject({ canEdit: false, overBudget: true });
  });
});

describe('免申即享', () => {
  it('pages the qualifying firms of the official’s jurisdiction only, with the totals of the whole list, and refuses items enterprises apply for', async () => {
    const list = await exemptList(jinshui, EXEMPT, 'pageSize=2');
    expect(list).toMatchObject({ status: 'pending', total: 3, totalWan: 250 + 100 + 25, page: 1, pageSize: 2, counts: { all: { count: 3 }, pending: { count: 3, totalWan: 375 }, granted: { count: 0 } } });
    // the largest estimate first
    expect(list.items.map((c: { enterpriseId: string }) => c.enterpriseId)).toEqual([firms.a.id, firms.b.id]);
    expect((await exemptList(jinshui, EXEMPT, 'pageSize=2&page=2')).items.map((c: { enterpriseId: string }) => c.enterpriseId)).toEqual([firms.d.id]);
    expect(list.selection).toMatchObject({ count: 3, totalWan: 375, unestimated: 0, checksum: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(list.divisions).toEqual([{ code: '410105001', name: expect.any(String), count: 3 }]);
    const byName = await exemptList(jinshui, EXEMPT, `q=${encodeURIComponent('精密')}`);
    expect([byName.total, byName.totalWan, byName.items[0].enterpriseId]).toEqual([1, 25, firms.d.id]);
    expect((await exemptList(city, EXEMPT, 'division=410102')).items.map((c: { enterpriseId: string }) => c.enterpriseId)).toEqual([firms.c.id]);
    expect((await exemptList(jinshui, EXEMPT, 'division=410102')).total).toBe(0);
    expect((await jinshui.get(`/api/v1/policy-items/${MILESTONE}/exempt-list`)).json().error.code).toBe('POLICIES_ITEM_NOT_EXEMPT');
    expect((await users.a.get(`/api/v1/policy-items/${EXEMPT}/exempt-list`)).statusCode).toBe(403);
    expect((await jinshui.get(`/api/v1/policy-items/${EXEMPT}/exempt-list?pageSize=1000`)).statusCode).toBe(400);
  });

  it('confirms what the filter selects minus the firms left out, into grants paid against the budget, all or none', async () => {
    const unknown = await confirmList(jinshui, EXEMPT, { excluded: [{ enterpriseId: firms.c.id, reason: '不在本区' }] });
    expect(unknown.json().error.code).toBe('POLICIES_EXCLUSION_UNKNOWN');
    const noBudget = await confirmList(jinshui, EXEMPT, { excluded: [{ enterpriseId: firms.d.id, reason: '研发费用待核实' }] });
    expect(noBudget.json().error.code).toBe('POLICIES_BUDGET_NOT_SET');
    await publishBudget(EXEMPT, 360);
    const over = await confirmList(jinshui, EXEMPT);
    expect([over.statusCode, over.json().error.code]).toEqual([409, 'POLICIES_BUDGET_EXCEEDED']);
    expect((await city.get(`/api/v1/policy-grants?itemId=${EXEMPT}`)).json().total).toBe(0);
    const confirmed = await confirmList(jinshui, EXEMPT, { excluded: [{ enterpriseId: firms.d.id, reason: '研发费用待核实' }] });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(confirmed.json()).toMatchObject({ grantedCount: 2, excludedCount: 1, totalWan: 350, funding: { remainingWan: 10, budgetWan: 360 } });
    expect(await budget(EXEMPT)).toMatchObject({ paidWan: 350 });
    const after = await exemptList(jinshui, EXEMPT, 'status=all');
    // d was left out: it stays out of the next confirmation unless reinstated
    expect(after.counts).toMatchObject({ pending: { count: 0 }, excluded: { count: 1 }, granted: { count: 2, totalWan: 350 } });
    expect(after.items.find((c: { enterpriseId: string }) => c.enterpriseId === firms.d.id)).toMatchObject({ status: 'excluded', excludedReason: '研发费用待核实' });
    expect((await confirmList(jinshui, EXEMPT)).json().error.code).toBe('POLICIES_NOTHING_TO_CONFIRM');
    expect(after.confirmations[0]).toMatchObject({ grantedCount: 2, excluded: [{ enterpriseId: firms.d.id, reason: '研发费用待核实' }] });
    expect((await exemptList(zhongyuan, EXEMPT)).items.map((c: { enterpriseId: string }) => c.enterpriseId)).toEqual([firms.c.id]);
    expect((await users.a.get('/api/v1/policy-grants')).json().items.map((g: { itemId: string }) => g.itemId).sort()).toEqual([EXEMPT, MILESTONE].sort());
    const quality = (await city.get('/api/v1/policy-delivery-stats')).json().items.find((i: { itemId: string }) => i.itemId === EXEMPT);
    expect(quality).toMatchObject({ confirmed: 2, rejected: 1, precision: 66.67, approved: 2, paidWan: 350 });
  });

  it('refuses a confirmation of a list that changed since it was read, granting nothing', async () => {
    const seen = await exemptList(city, EXEMPT, 'division=410102');
    expect(seen.selection.count).toBe(1);
    // c's R&D expense changes after the official looked: its estimate, and so the list, is not what was seen
    const c = (await zhongyuan.get(`/api/v1/enterprises/${firms.c.id}`)).json();
    expect((await zhongyuan.patch(`/api/v1/enterprises/${firms.c.id}`, { version: c.version, rdExpenseWan: 2400 })).statusCode).toBe(200);
    const stale = await city.post(`/api/v1/policy-items/${EXEMPT}/grants`, { filter: { division: '410102' }, expected: { count: seen.selection.count, checksum: seen.selection.checksum } }, { 'accept-language': 'en-US' });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'POLICIES_EXEMPT_LIST_CHANGED']);
    expect(stale.json().error.message).toContain('changed');
    const wrongCount = await city.post(`/api/v1/policy-items/${EXEMPT}/grants`, { filter: { division: '410102' }, expected: { count: 0, checksum: seen.selection.checksum } });
    expect(wrongCount.json().error.code).toBe('POLICIES_EXEMPT_LIST_CHANGED');
    expect((await city.get(`/api/v1/policy-grants?itemId=${EXEMPT}&division=410102`)).json().total).toBe(0);
    expect(await budget(EXEMPT)).toMatchObject({ paidWan: 350 });
  });

  it('grants a firm left out earlier once it is reinstated, against the budget', async () => {
    const over = await confirmList(jinshui, EXEMPT, { reinstated: [firms.d.id] });
    expect(over.json().error.code).toBe('POLICIES_BUDGET_EXCEEDED');
    await publishBudget(EXEMPT, 400);
    const unknown = await confirmList(jinshui, EXEMPT, { reinstated: [firms.a.id] });
    expect(unknown.json().error.code).toBe('POLICIES_EXCLUSION_UNKNOWN');
    const reinstated = await confirmList(jinshui, EXEMPT, { reinstated: [firms.d.id] });
    expect(reinstated.statusCode, reinstated.body).toBe(201);
    expect(reinstated.json()).toMatchObject({ grantedCount: 1, totalWan: 25, funding: { paidWan: 375, budgetWan: 400 } });
    const quality = (await city.get('/api/v1/policy-delivery-stats')).json().items.find((i: { itemId: string }) => i.itemId === EXEMPT);
    expect(quality).toMatchObject({ confirmed: 3, rejected: 0, precision: 100 });
  });
});

describe('the inbox', () => {
  it('sends one notice per new match, never again on a re-match, with an outbox message in the same transaction', async () => {
    const delivery = t.app.policyDelivery;
    const first = await delivery.runNoticeSweep();
    expect(first.created).toBeGreaterThan(0);
    expect(first.queued).toBe(first.created);
    expect(await delivery.runNoticeSweep()).toEqual({ created: 0, queued: 0, withdrawn: 0 });
    const inbox = (await users.a.get('/api/v1/me/inbox')).json();
    expect(inbox.items.map((n: { itemId: string }) => n.itemId)).toContain(MILESTONE);
    const milestone = inbox.items.find((n: { itemId: string }) => n.itemId === MILESTONE);
    expect(milestone).toMatchObject({ read: false, applicationId: applicationA, benefitWan: 100, exemptFromApplication: false, withdrawnAt: null });
    // a change that makes d match the milestone item: exactly one new notice, for d
    const d = (await jinshui.get(`/api/v1/enterprises/${firms.d.id}`)).json();
    expect((await jinshui.patch(`/api/v1/enterprises/${firms.d.id}`, { version: d.version, mainBusinessRevenueWan: 510000 })).statusCode).toBe(200);
    expect(await delivery.runNoticeSweep()).toEqual({ created: 1, queued: 1, withdrawn: 0 });
    expect((await users.d.get('/api/v1/me/inbox')).json().items.map((n: { itemId: string }) => n.itemId)).toContain(MILESTONE);
    // each message goes to the firm's own user
    const recipients = (await t.database.db.execute<{ recipient: string }>(sql`select recipient from notification_outbox o join policy_notices n on n.id = o.notice_id where n.enterprise_id = ${firms.d.id}`)).rows;
    expect(new Set(recipients.map((r) => r.recipient))).toEqual(new Set([`user:${userIds.d}`]));
    const sent = await delivery.sendPending();
    expect(sent.sent).toBe(first.queued + 1);
    expect(await delivery.sendPending()).toEqual({ sent: 0, failed: 0 });
  });

  it('keeps read state per user, and a notice of another firm is 404', async () => {
    const before = (await users.a.get('/api/v1/me/inbox/unread-count')).json().unread as number;
    const inbox = (await users.a.get('/api/v1/me/inbox')).json();
    const id = inbox.items[0].id as string;
    expect((await users.b.post(`/api/v1/me/inbox/${id}/read`)).json().error.code).toBe('POLICIES_NOTICE_NOT_FOUND');
    expect((await users.a.post(`/api/v1/me/inbox/${id}/read`)).json()).toEqual({ unread: before - 1 });
    expect((await users.a.get('/api/v1/me/inbox?unread=true')).json().items.map((n: { id: string }) => n.id)).not.toContain(id);
    expect((await users.a.post('/api/v1/me/inbox/read-all')).json()).toEqual({ unread: 0 });
    expect((await users.a.get('/api/v1/me/inbox/unread-count')).json()).toEqual({ unread: 0 });
    expect((await leader.get('/api/v1/me/inbox')).statusCode).toBe(403);
  });

  it('shows a liaison officer the notices of the firms it looks after, with its own read state', async () => {
    const officer = await t.createUser({ username: 'baolian', role: 'district', jurisdictionCode: '410105' });
    const baolian = await t.signIn('baolian');
    expect((await baolian.get('/api/v1/me/inbox')).json().total).toBe(0);
    const assigned = await jinshui.post('/api/v1/liaisons', { officerId: officer.id, enterpriseId: firms.a.id, level: 'district', since: '2026-01-01' });
    expect(assigned.statusCode, assigned.body).toBe(201);
    const inbox = (await baolian.get('/api/v1/me/inbox')).json();
    expect(inbox.total).toBe((await users.a.get('/api/v1/me/inbox')).json().total);
    expect(new Set(inbox.items.map((n: { enterpriseId: string }) => n.enterpriseId))).toEqual(new Set([firms.a.id]));
    expect(inbox.unread).toBe(inbox.total);
  });

  it('withdraws the notice of a firm that stops matching (已不符合, not unread), and notifies it again, once, when it matches again', async () => {
    const delivery = t.app.policyDelivery;
    await delivery.sendPending();
    const unreadBefore = (await users.d.get('/api/v1/me/inbox/unread-count')).json().unread as number;
    const setRevenue = async (mainBusinessRevenueWan: number) => {
      const d = (await jinshui.get(`/api/v1/enterprises/${firms.d.id}`)).json();
      expect((await jinshui.patch(`/api/v1/enterprises/${firms.d.id}`, { version: d.version, mainBusinessRevenueWan })).statusCode).toBe(200);
    };
    await setRevenue(490000);
    expect(await delivery.runNoticeSweep()).toEqual({ created: 0, queued: 0, withdrawn: 1 });
    expect(await delivery.runNoticeSweep()).toEqual({ created: 0, queued: 0, withdrawn: 0 });
    const withdrawn = (await users.d.get('/api/v1/me/inbox')).json();
    const entry = withdrawn.items.find((n: { itemId: string }) => n.itemId === MILESTONE);
    expect(entry).toMatchObject({ withdrawnReason: 'unmatched', withdrawnAt: expect.any(String) });
    expect((await users.d.get('/api/v1/me/inbox/unread-count')).json().unread).toBe(unreadBefore - 1);
    expect((await users.d.get('/api/v1/me/inbox?unread=true')).json().items.map((n: { itemId: string }) => n.itemId)).not.toContain(MILESTONE);
    expect(await delivery.sendPending()).toEqual({ sent: 0, failed: 0 });

    await setRevenue(520000);
    expect(await delivery.runNoticeSweep()).toEqual({ created: 1, queued: 1, withdrawn: 0 });
    expect(await delivery.runNoticeSweep()).toEqual({ created: 0, queued: 0, withdrawn: 0 });
    const again = (await users.d.get('/api/v1/me/inbox')).json().items.filter((n: { itemId: string }) => n.itemId === MILESTONE);
    // the new notice replaces the withdrawn one in the inbox
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ withdrawnAt: null, read: false });
    expect(again[0].id).not.toBe(entry.id);
    expect((await users.d.get('/api/v1/me/inbox/unread-count')).json().unread).toBe(unreadBefore);
    expect(await delivery.sendPending()).toEqual({ sent: 1, failed: 0 });
    const stats = (await city.get(`/api/v1/policy-delivery-stats?itemId=${MILESTONE}`)).json();
    expect(stats.items[0].notified).toBe(4);
  });

  it('sends each new notice to the firm’s users and its liaison officers, one message each, never twice', async () => {
    const delivery = t.app.policyDelivery;
    const officer = await t.createUser({ username: 'baolian-2', role: 'district', jurisdictionCode: '410105' });
    const assigned = await jinshui.post('/api/v1/liaisons', { officerId: officer.id, enterpriseId: firms.b.id, level: 'district', since: '2026-01-01' });
    expect(assigned.statusCode, assigned.body).toBe(201);
    await t.createUser({ username: 'firm-b-2', role: 'enterprise', enterpriseId: firms.b.id });
    // b stops matching the R&D items (no R&D expense) and matches them again: new notices for each
    const setRd = async (rdExpenseWan: number) => {
      const b = (await jinshui.get(`/api/v1/enterprises/${firms.b.id}`)).json();
      expect((await jinshui.patch(`/api/v1/enterprises/${firms.b.id}`, { version: b.version, rdExpenseWan })).statusCode).toBe(200);
    };
    await setRd(0);
    const gone = await delivery.runNoticeSweep();
    expect(gone.withdrawn).toBeGreaterThan(0);
    await setRd(400);
    const back = await delivery.runNoticeSweep();
    expect(back.created).toBe(gone.withdrawn);
    // two users of the firm and its liaison officer (the 包联 officer of a's, baolian, does not look after b)
    expect(back.queued).toBe(back.created * 3);
    expect(await delivery.runNoticeSweep()).toEqual({ created: 0, queued: 0, withdrawn: 0 });
    const rows = (await t.database.db.execute<{ recipient: string; n: number }>(sql`
      select o.recipient, count(*)::int as n from notification_outbox o join policy_notices n on n.id = o.notice_id
      where n.enterprise_id = ${firms.b.id} and n.withdrawn_at is null
        and n.item_id in (select item_id from policy_notices where enterprise_id = ${firms.b.id} and withdrawn_at is not null)
      group by o.recipient order by o.recipient`)).rows;
    const firmB2 = (await t.database.db.execute<{ id: string }>(sql`select id from users where username = 'firm-b-2'`)).rows[0]?.id;
    expect(rows).toEqual([`user:${firmB2}`, `user:${officer.id}`, `user:${userIds.b}`].sort().map((recipient) => ({ recipient, n: back.created })));
    expect(await delivery.sendPending()).toEqual({ sent: back.queued, failed: 0 });
    expect(await delivery.sendPending()).toEqual({ sent: 0, failed: 0 });
  });
});

describe('an item published with its budget and window', () => {
  it('applies inside the version’s window and pays against the version’s budget, never past it', async () => {
    const documents = (await city.get('/api/v1/policy-documents')).json();
    const created = await city.post('/api/v1/policy-items', {
      documentId: documents.items[0].id, id: 'zz-test-delivery-award', title: '测试奖励', article: '主营业务收入超过50亿元的制造业企业奖励30万元。',
      eligibility: { and: [{ '>': [{ var: 'mainBusinessRevenueWan' }, 500000] }, { '==': [{ var: 'industrySection' }, 'C'] }] }, benefit: 30, benefitCapWan: 30,
      benefitNote: '定额', budgetWan: 50, applicationOpensOn: '2026-11-01', applicationClosesOn: '2026-12-31', validFrom: '2026-01-01', verificationNote: '测试',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await city.post('/api/v1/policy-items/zz-test-delivery-award/publications', {})).statusCode).toBe(200);
    expect(await budget('zz-test-delivery-award')).toMatchObject({ budgetWan: 50, paidWan: 0, remainingWan: 50, applicationClosesOn: '2026-12-31', windowOpen: true });
    const paid: number[] = [];
    for (const [k, district] of [['c', zhongyuan], ['b', jinshui]] as const) {
      const app = await users[k].post('/api/v1/policy-applications', { itemId: 'zz-test-delivery-award' });
      expect(app.statusCode, app.body).toBe(201);
      await review(district, app.json().id, { decision: 'approve' });
      await review(city, app.json().id, { decision: 'approve' });
      paid.push((await pay(city, app.json().id)).statusCode);
    }
    expect(paid).toEqual([200, 409]);
    expect(await budget('zz-test-delivery-award')).toMatchObject({ budgetWan: 50, paidWan: 30, remainingWan: 20 });
  });
});

describe('the leaders’ view', () => {
  it('counts per item and per district in scope, and exports .xlsx', async () => {
    const cityStats = (await city.get(`/api/v1/policy-delivery-stats?itemId=${MILESTONE}`)).json();
    const codes = cityStats.districts.map((d: { code: string }) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['410105', '410102']));
    expect(cityStats.districts.find((d: { code: string }) => d.code === '410105')).toMatchObject({ matched: 3, notified: 3, applied: 3 });
    const mine = (await jinshui.get(`/api/v1/policy-delivery-stats?itemId=${MILESTONE}`)).json();
    expect(mine.districts.map((d: { code: string }) => d.code)).toEqual(['410105']);
    expect((await leader.get('/api/v1/policy-delivery-stats')).statusCode).toBe(200);
    expect((await users.a.get('/api/v1/policy-delivery-stats')).statusCode).toBe(403);
    const xlsx = await city.get('/api/v1/policy-delivery-stats.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('documents the delivery routes in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/v1/policy-applications', '/api/v1/policy-applications/{id}/reviews', '/api/v1/policy-items/{id}/grants', '/api/v1/me/inbox', '/api/v1/files']) expect(Object.keys(doc.paths)).toContain(path);
  });
});
