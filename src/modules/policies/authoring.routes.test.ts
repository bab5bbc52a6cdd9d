import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../test/helpers/app.ts';
import { creditCode, enterpriseBody } from '../../../test/helpers/factories.ts';
import { SYSTEM_ACTOR } from '../../server/actor.ts';
import { createAuditService } from '../audit/index.ts';
import { createEnterprisesService } from '../enterprises/index.ts';
import { createPoliciesService } from './policies.service.ts';


let t: TestApp;
let admin: Client;
let city: Client;
let jinshui: Client;
let zhongyuan: Client;
let leader: Client;
let bigJinshui: { id: string; version: number };

const cityDocument = {
  title: '郑州市测试奖补办法',
  issuer: '郑州市工业和信息化局',
  level: 'city',
  documentNumber: '郑工信〔2026〕1号',
  publishedOn: '2026-01-10',
  validFrom: '2026-01-01',
  sourceUrl: 'https://example.org/zz-test',
  fullText: '第一条 …',
};

/** 研发费用 ≥ 100 万元 and 从业人员 ≥ 100 人; 10 % of R&D, at most 50 万元. */
const version = (over: Record<string, unknown> = {}) => ({
  title: '研发投入奖励',
  article: '研发费用100万元以上的企业，按研发费用的10%给予奖励，最高50万元。',
  eligibility: { and: [{ '>=': [{ var: 'rdExpenseWan' }, 100] }, { '>=': [{ var: 'employees' }, 100] }] },
  benefit: { '*': [{ var: 'rdExpenseWan' }, 0.1] },
  benefitCapWan: 50,
  budgetWan: 1000,
  applicationOpensOn: '2026-03-01',
  applicationClosesOn: '2026-12-31',
  verification: 'confirmed',
  ...over,
});

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser({ username: 'admin', role: 'admin' });
  await t.createUser({ username: 'city', role: 'city', jurisdictionCode: '410100' });
  await t.createUser({ username: 'jinshui', role: 'district', jurisdictionCode: '410105' });
  await t.createUser({ username: 'zhongyuan', role: 'district', jurisdictionCode: '410102' });
  await t.createUser({ username: 'leader', role: 'leader', jurisdictionCode: '410100' });
  admin = await t.signIn('admin');
  city = await t.signIn('city');
  jinshui = await t.signIn('jinshui');
  zhongyuan = await t.signIn('zhongyuan');
  leader = await t.signIn('leader');
  const created = async (client: Client, body: Record<string, unknown>) => {
    const res = await client.post('/api/v1/enterprises', enterpriseBody(body));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number };
  };
  bigJinshui = await created(jinshui, { name: '郑州金水研发装备有限公司', employees: 300, rdExpenseWan: 800 });
  await created(jinshui, { name: '郑州金水小型研发有限公司', employees: 150, rdExpenseWan: 120 });
  await created(jinshui, { name: '郑州金水无研发有限公司', employees: 150, rdExpenseWan: 10 });
  await created(zhongyuan, { name: '郑州中原研发制造有限公司', divisionCode: '410102001', creditCode: creditCode('410102'), employees: 200, rdExpenseWan: 300 });
});
afterAll(() => t.close());

const createDocument = async (client: Client, body: Record<string, unknown> = cityDocument) => {
  const res = await client.post('/api/v1/policy-documents', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
};

describe('the catalogue in the database', () => {
  it('loads the starter catalogue once, with its stable ids, as published version 1', async () => {
    const list = await city.get('/api/v1/policy-items');
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((i: { id: string }) => i.id);
    expect(ids).toContain('cn-hnte-income-tax-15');
    expect(ids.length).toBe(17);
    const versions = await city.get('/api/v1/policy-items/cn-hnte-income-tax-15/versions');
    expect(versions.json()).toMatchObject({ id: 'cn-hnte-income-tax-15', state: 'published', canWrite: true, versions: [{ version: 1, publishedAt: expect.any(String) }] });
  });
});

describe('writing items: draft, versions, publish, as-of', () => {
  it('creates a draft that matches nothing until published, then matches at once', async () => {
    const document = await createDocument(city);
    const created = await city.post('/api/v1/policy-items', { documentId: document.id, id: 'zz-test-rd-award', ...version() });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ id: 'zz-test-rd-award', state: 'draft', versions: [{ version: 1, publishedAt: null }] });
    expect((await city.get('/api/v1/policy-items/zz-test-rd-award')).statusCode).toBe(404);
    expect((await city.get('/api/v1/policy-item-drafts')).json().items.map((i: { id: string }) => i.id)).toContain('zz-test-rd-award');

    const published = await city.post('/api/v1/policy-items/zz-test-rd-award/publications', {});
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().state).toBe('published');
    const item = (await city.get('/api/v1/policy-items/zz-test-rd-award')).json();
    // 800 → capped at 50; 120 → 12; 300 (中原区) → 30; the firm with 10 万元 fails
    expect(item).toMatchObject({ inForce: true, eligibleCount: 3, totalBenefitWan: 92, budgetWan: 1000, applicationOpensOn: '2026-03-01', version: 1 });
    expect((await jinshui.get('/api/v1/policy-items/zz-test-rd-award')).json()).toMatchObject({ eligibleCount: 2, totalBenefitWan: 62 });
    const mine = (await jinshui.get(`/api/v1/enterprises/${bigJinshui.id}/policy-matches`)).json();
    expect(mine.matches.map((m: { item: { id: string } }) => m.item.id)).toContain('zz-test-rd-award');

    const audit = (await admin.get('/api/v1/audit?entityType=policy_item')).json();
    const actions = audit.items.filter((e: { entityId: string }) => e.entityId === 'zz-test-rd-award').map((e: { action: string }) => e.action);
    expect(actions.sort()).toEqual(['policy_item.create', 'policy_item.publish']);
  });

  it('keeps the old rule for dates before a new version’s effective date', async () => {
    const saved = await city.post('/api/v1/policy-items/zz-test-rd-award/versions', version({
      effectiveFrom: '2026-12-01',
      eligibility: { and: [{ '>=': [{ var: 'rdExpenseWan' }, 200] }, { '>=': [{ var: 'employees' }, 100] }] },
    }));
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json().versions.map((v: { version: number; publishedAt: string | null }) => [v.version, v.publishedAt === null])).toEqual([[1, false], [2, true]]);
    // a saved draft changes nothing
    expect((await city.get('/api/v1/policy-items/zz-test-rd-award')).json()).toMatchObject({ eligibleCount: 3, version: 1 });
    expect((await city.post('/api/v1/policy-items/zz-test-rd-award/publications', { version: 2 })).statusCode).toBe(200);
    // today (2026-11-25) version 1 is still in force; from 2026-12-01 the stricter rule is
    expect((await city.get('/api/v1/policy-items/zz-test-rd-award')).json()).toMatchObject({ eligibleCount: 3, version: 1 });
    expect((await city.get('/api/v1/policy-items/zz-test-rd-award?asOf=2026-12-02')).json()).toMatchObject({ eligibleCount: 2, version: 2, effectiveFrom: '2026-12-01' });
  });

  it('re-matches a new version effective today at once', async () => {
    const saved = await city.post('/api/v1/policy-items/zz-test-rd-award/versions', version({ effectiveFrom: '2026-11-20', eligibility: { and: [{ '>=': [{ var: 'rdExpenseWan' }, 500] }, { '>=': [{ var: 'employees' }, 100] }] } }));
    expect(saved.statusCode).toBe(201);
    expect((await city.post('/api/v1/policy-items/zz-test-rd-award/publications', {})).statusCode).toBe(200);
    expect((await city.get('/api/v1/policy-items/zz-test-rd-award')).json()).toMatchObject({ eligibleCount: 1, version: 3 });
  });

  it('lists an item whose first version starts later as not in force until then', async () => {
    const document = await createDocument(city);
    await city.post('/api/v1/policy-items', { documentId: document.id, id: 'zz-test-2027', ...version({ effectiveFrom: '2027-01-01' }) });
    expect((await city.post('/api/v1/policy-items/zz-test-2027/publications', {})).statusCode).toBe(200);
    expect((await city.get('/api/v1/policy-items/zz-test-2027')).json()).toMatchObject({ inForce: false, eligibleCount: null, effectiveFrom: '2027-01-01' });
    expect((await city.get('/api/v1/policy-items/zz-test-2027?asOf=2027-01-02')).json()).toMatchObject({ inForce: true, eligibleCount: 3 });
    const publicList = (await t.app.inject({ method: 'GET', url: '/api/v1/public/policy-items?asOf=2027-01-02' })).json();
    expect(publicList.items.find((i: { id: string }) => i.id === 'zz-test-2027')).toMatchObject({ inForce: true, version: 1, effectiveFrom: '2027-01-01' });
  });

  it('withdraws an item: no date matches it any more', async () => {
    const document = await createDocument(city);
    await city.post('/api/v1/policy-items', { documentId: document.id, id: 'zz-test-withdrawn', ...version() });
    await city.post('/api/v1/policy-items/zz-test-withdrawn/publications', {});
    expect((await city.get('/api/v1/policy-items/zz-test-withdrawn')).statusCode).toBe(200);
    const withdrawn = await city.post('/api/v1/policy-items/zz-test-withdrawn/withdrawals');
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await city.get('/api/v1/policy-items/zz-test-withdrawn')).statusCode).toBe(404);
    expect((await city.get('/api/v1/policy-items')).json().items.map((i: { id: string }) => i.id)).not.toContain('zz-test-withdrawn');
  });
});

describe('who may write', () => {
  it('lets a district officer write only district measures of its district', async () => {
    const own = await createDocument(jinshui, { ...cityDocument, level: 'district', divisionCode: '410105', issuer: '金水区工信局' });
    const rule = version({ eligibility: { and: [{ '==': [{ var: 'countyCode' }, '410105'] }, { '>=': [{ var: 'rdExpenseWan' }, 100] }] } });
    const created = await jinshui.post('/api/v1/policy-items', { documentId: own.id, ...rule });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect((await jinshui.post(`/api/v1/policy-items/${id}/publications`, {})).statusCode).toBe(200);
    expect((await jinshui.get(`/api/v1/policy-items/${id}`)).json()).toMatchObject({ eligibleCount: 2, level: 'district', divisionCode: '410105' });

    // another district's officer may neither publish nor version it, nor see it as a draft
    expect((await zhongyuan.post(`/api/v1/policy-items/${id}/versions`, rule)).json().error.code).toBe('POLICIES_WRITE_FORBIDDEN');
    expect((await zhongyuan.post('/api/v1/policy-documents', { ...cityDocument, level: 'district', divisionCode: '410105' })).statusCode).toBe(403);
    // a district officer writes no city measure; a leader writes nothing
    expect((await jinshui.post('/api/v1/policy-documents', cityDocument)).json().error.code).toBe('POLICIES_WRITE_FORBIDDEN');
    const cityDoc = await createDocument(city);
    expect((await jinshui.post('/api/v1/policy-items', { documentId: cityDoc.id, ...version() })).statusCode).toBe(403);
    expect((await leader.post('/api/v1/policy-documents', cityDocument)).json().error.code).toBe('FORBIDDEN');
  });

  it('refuses a district rule that does not restrict its division', async () => {
    const own = await createDocument(jinshui, { ...cityDocument, level: 'district', divisionCode: '410105', issuer: '金水区工信局' });
    const res = await jinshui.post('/api/v1/policy-items', { documentId: own.id, ...version() });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues.map((i: { code: string }) => i.code)).toContain('POLICIES_DISTRICT_NOT_SCOPED');
  });
});

describe('bad input: a clear error in the caller’s language, nothing saved or published', () => {
  it('refuses a rule that is not valid JsonLogic or names an unknown field (zh-CN and en-US)', async () => {
    const document = await createDocument(city);
    const unknownField = await city.post('/api/v1/policy-items', { documentId: document.id, id: 'zz-bad-field', ...version({ eligibility: { '>=': [{ var: 'turnover' }, 100] } }) });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.code).toBe('POLICIES_RULE_INVALID');
    expect(unknownField.json().error.details.issues[0]).toMatchObject({ code: 'RULES_UNKNOWN_FIELD', path: expect.stringContaining('eligibility'), message: expect.stringContaining('turnover') });
    expect(unknownField.json().error.details.issues[0].message).toMatch(/字段/);

    const english = await city.post('/api/v1/policy-items', { documentId: document.id, id: 'zz-bad-op', ...version({ eligibility: { between: [{ var: 'employees' }, 1, 2] } }) }, { 'accept-language': 'en-US' });
    expect(english.statusCode).toBe(400);
    expect(english.json().error.message).toMatch(/rule/i);
    expect(english.json().error.details.issues[0]).toMatchObject({ code: 'RULES_UNKNOWN_OPERATOR', message: expect.stringContaining('between') });

    expect((await city.get('/api/v1/policy-items/zz-bad-field/versions')).statusCode).toBe(404);
    expect((await city.get('/api/v1/policy-items/zz-bad-op/versions')).statusCode).toBe(404);
  });

  it('refuses to publish a formula that yields a negative or non-numeric benefit', async () => {
    const document = await createDocument(city);
    const negative = await city.post('/api/v1/policy-items', { documentId: document.id, id: 'zz-negative', ...version({ benefit: { '-': [100, { var: 'rdExpenseWan' }] }, benefitCapWan: null }) });
    expect(negative.statusCode, negative.body).toBe(201);
    const refused = await city.post('/api/v1/policy-items/zz-negative/publications', {});
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'POLICIES_BENEFIT_NEGATIVE', message: expect.stringContaining('负') });
    const english = await city.post('/api/v1/policy-items/zz-negative/publications', {}, { 'accept-language': 'en-US' });
    expect(english.json().error.message).toMatch(/negative/i);
    expect((await city.get('/api/v1/policy-items/zz-negative/versions')).json()).toMatchObject({ state: 'draft', versions: [{ publishedAt: null }] });

    // dividing by a figure that is 0 for a matched firm gives Infinity: not numeric
    await city.post('/api/v1/policy-items', { documentId: document.id, id: 'zz-infinite', ...version({ benefit: { '/': [100, { var: 'exportWan' }] }, benefitCapWan: null }) });
    const infinite = await city.post('/api/v1/policy-items/zz-infinite/publications', {});
    expect(infinite.json().error.code).toBe('POLICIES_BENEFIT_NOT_NUMERIC');
    expect((await city.get('/api/v1/policy-items/zz-infinite')).statusCode).toBe(404);
    // a non-arithmetic formula is refused when saved
    const text = await city.post('/api/v1/policy-items', { documentId: document.id, id: 'zz-text', ...version({ benefit: { cat: ['a', 'b'] } }) });
    expect(text.json().error.details.issues.map((i: { code: string }) => i.code)).toContain('POLICIES_BENEFIT_NOT_ARITHMETIC');
  });
});

describe('check and preview', () => {
  it('checks a rule without saving it', async () => {
    const ok = await city.post('/api/v1/policy-rule-checks', { eligibility: { '>=': [{ var: 'employees' }, 100] } });
    expect(ok.json()).toEqual({ valid: true, issues: [] });
    const bad = await city.post('/api/v1/policy-rule-checks', { eligibility: { in: ['高新技术企', { var: 'tags' }] } }, { 'accept-language': 'en-US' });
    expect(bad.json()).toMatchObject({ valid: false, issues: [{ code: 'RULES_UNKNOWN_VALUE', message: expect.any(String) }] });
  });

  it('previews how many enterprises in the caller’s scope match now, with a sample', async () => {
    const body = { eligibility: { '>=': [{ var: 'rdExpenseWan' }, 100] }, benefit: { '*': [{ var: 'rdExpenseWan' }, 0.1] }, benefitCapWan: 50 };
    const cityPreview = (await city.post('/api/v1/policy-rule-previews', body)).json();
    expect(cityPreview).toMatchObject({ eligibleCount: 3, totalBenefitWan: 92, benefitErrors: { negative: 0, notNumeric: 0 } });
    expect(cityPreview.sample[0]).toMatchObject({ name: '郑州金水研发装备有限公司', benefitWan: 50, rdExpenseWan: 800, employees: 300 });
    const jinshuiPreview = (await jinshui.post('/api/v1/policy-rule-previews', body)).json();
    expect(jinshuiPreview).toMatchObject({ eligibleCount: 2, totalBenefitWan: 62 });
    expect(jinshuiPreview.sample).toHaveLength(2);
    const broken = await city.post('/api/v1/policy-rule-previews', { eligibility: { '>=': [{ var: 'nope' }, 1] } });
    expect(broken.json().error.code).toBe('POLICIES_RULE_INVALID');
  });
});

describe('full re-match runs', () => {
  it('runs a full re-match as a job whose progress can be read', async () => {
    const started = await city.post('/api/v1/policy-match-runs');
    expect(started.statusCode, started.body).toBe(202);
    const id = started.json().id as string;
    let run = started.json();
    for (let i = 0; i < 100 && run.state !== 'done' && run.state !== 'failed'; i += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      run = (await city.get(`/api/v1/policy-match-runs/${id}`)).json();
    }
    expect(run).toMatchObject({ state: 'done', percent: 100, enterprises: 4 });
    expect((await city.get('/api/v1/policy-match-runs')).json().items[0].id).toBe(id);
    expect((await city.get('/api/v1/policy-items/zz-test-rd-award')).json()).toMatchObject({ eligibleCount: 1 });
    expect((await leader.post('/api/v1/policy-match-runs')).statusCode).toBe(403);
  });
});

describe('what other modules read through the policies service', () => {
  it('gives an item’s budget, window, 免申即享 flag, level and division, its eligible ids in a scope, and tells about publications', async () => {
    const audit = createAuditService({ db: t.database.db, clock: t.clock });
    const policies = createPoliciesService({ db: t.database.db, audit, clock: t.clock, enterprises: createEnterprisesService({ db: t.database.db, audit, clock: t.clock }) });
    const document = await createDocument(city);
    await city.post('/api/v1/policy-items', { documentId: document.id, id: 'zz-test-details', ...version({ exemptFromApplication: true }) });
    await city.post('/api/v1/policy-items/zz-test-details/publications', {});
    expect(await policies.getItemDetails('zz-test-details')).toMatchObject({
      id: 'zz-test-details', level: 'city', budgetWan: 1000, applicationOpensOn: '2026-03-01', applicationClosesOn: '2026-12-31', exemptFromApplication: true, version: 1,
    });
    expect(await policies.getItemDetails('no-such-item')).toBeNull();
    const everywhere = await policies.findEligibleEnterpriseIds({ kind: 'all' }, 'zz-test-details');
    const inJinshui = await policies.findEligibleEnterpriseIds({ kind: 'divisions', prefixes: ['410105'] }, 'zz-test-details');
    expect(everywhere).toHaveLength(3);
    expect(inJinshui).toHaveLength(2);
    expect(inJinshui).toContain(bigJinshui.id);

    const changed: string[] = [];
    policies.onItemChanged((id) => changed.push(id));
    await policies.withdraw(SYSTEM_ACTOR, 'zz-test-details');
    expect(changed).toEqual(['zz-test-details']);
    expect(await policies.findEligibleEnterpriseIds({ kind: 'all' }, 'zz-test-details')).toEqual([]);
  });
});
