import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../test/helpers/app.ts';
import { enterpriseBody } from '../../../test/helpers/factories.ts';

let t: TestApp;
let admin: Client;
let city: Client;
let jinshui: Client;
let zhongyuan: Client;
let leader: Client;
let firm: Client;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const cityDocument = {
  title: '郑州市先进制造业奖补办法（测试）',
  issuer: '郑州市工业和信息化局',
  level: 'city',
  documentNumber: '郑工信〔2026〕7号',
  publishedOn: '2026-01-10',
  validFrom: '2026-01-01',
  validTo: '2028-12-31',
  sourceUrl: 'https://example.org/zz-documents',
  sourceNote: '官方网站',
  fullText: '第一条 为加快先进制造业发展，制定本办法。',
};
const jinshuiDocument = { ...cityDocument, title: '金水区专精特新奖补办法（测试）', issuer: '金水区工业和信息化局', level: 'district', divisionCode: '410105' };

/** A valid city rule: 研发费用 ≥ 100 万元, 10 % of it. */
const itemVersion = {
  title: '研发投入奖励（文件测试）',
  article: '研发费用100万元以上的企业，按研发费用的10%给予奖励。',
  eligibility: { '>=': [{ var: 'rdExpenseWan' }, 100] },
  benefit: { '*': [{ var: 'rdExpenseWan' }, 0.1] },
  verification: 'confirmed',
};

type Attachment = { id: string; name: string; sha256: string; url: string };
type Detail = Record<string, unknown> & { id: string; attachments: Attachment[]; items: { id: string; state: string }[]; updatedAt: string };
type AuditRow = { action: string; entityId: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null };

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser({ username: 'admin', role: 'admin' });
  await t.createUser({ username: 'city', role: 'city', jurisdictionCode: '410100' });
  await t.createUser({ username: 'jinshui', role: 'district', jurisdictionCode: '410105' });
  await t.createUser({ username: 'zhongyuan', role: 'district', jurisdictionCode: '410102' });
  await t.createUser({ username: 'leader', role: 'leader', jurisdictionCode: '410100' });
  [admin, city, jinshui, zhongyuan, leader] = (await Promise.all(['admin', 'city', 'jinshui', 'zhongyuan', 'leader'].map((u) => t.signIn(u)))) as [Client, Client, Client, Client, Client];
  const enterprise = await jinshui.post('/api/v1/enterprises', enterpriseBody({ name: '郑州金水文件测试有限公司', employees: 120, rdExpenseWan: 300 }));
  expect(enterprise.statusCode, enterprise.body).toBe(201);
  await t.createUser({ username: 'firm', role: 'enterprise', enterpriseId: enterprise.json().id });
  firm = await t.signIn('firm');
});
afterAll(() => t.close());

const upload = async (client: Client, name = '正式文件.pdf'): Promise<string> => {
  const res = await client.upload('/api/v1/files', PDF, name, 'application/pdf');
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};

const createDocument = async (client: Client, body: Record<string, unknown> = cityDocument): Promise<Detail> => {
  const res = await client.post('/api/v1/policy-documents', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Detail;
};

const readDocument = async (id: string, client: Client = admin): Promise<Detail> => {
  const res = await client.get(`/api/v1/policy-documents/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Detail;
};

const auditOf = async (id: string): Promise<AuditRow[]> => {
  const res = await admin.get('/api/v1/audit?entityType=policy_document&pageSize=200');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as AuditRow[]).filter((row) => row.entityId === id);
};

const documentCount = async (): Promise<number> => (await admin.get('/api/v1/policy-documents')).json().items.length;

/** A city document with a published item: public, with its files downloadable by anyone. */
const publicDocument = async (): Promise<Detail> => {
  const document = await createDocument(city);
  const item = await city.post('/api/v1/policy-items', { documentId: document.id, ...itemVersion });
  expect(item.statusCode, item.body).toBe(201);
  const published = await city.post(`/api/v1/policy-items/${item.json().id}/publications`, {});
  expect(published.statusCode, published.body).toBe(200);
  return readDocument(document.id);
};

const anonymous = (url: string) => t.app.inject({ method: 'GET', url });

const errorCode = (res: { json: () => { error?: { code?: string } } }) => res.json().error?.code;
const issueCodes = (res: { json: () => { error: { details: { issues: { path: string; code?: string }[] } } } }) =>
  res.json().error.details.issues.map((i) => [i.path, i.code]);

describe('creating a document', () => {
  it('creates a document with the files its author uploaded, audited with their hashes', async () => {
    const first = await upload(city, '郑工信〔2026〕7号.pdf');
    const second = await upload(city, '附件2 申报指南.pdf');
    const res = await city.post('/api/v1/policy-documents', { ...cityDocument, attachmentIds: [first, second] });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as Detail;
    expect(created).toMatchObject({ title: cityDocument.title, level: 'city', divisionCode: null, documentNumber: '郑工信〔2026〕7号', isPublic: false, canWrite: true, hasFullText: true });
    expect(created.attachments.map((a) => [a.id, a.name, a.url])).toEqual([
      [first, '郑工信〔2026〕7号.pdf', `/api/v1/files/${first}`],
      [second, '附件2 申报指南.pdf', `/api/v1/files/${second}`],
    ]);

    const detail = await readDocument(created.id, city);
    expect(detail).toMatchObject({ fullText: cityDocument.fullText, items: [], validTo: '2028-12-31', sourceNote: '官方网站' });
    expect(detail.attachments.map((a) => a.id)).toEqual([first, second]);
    // an attached file is downloaded by whoever may see the document, no one else
    const download = await city.get(`/api/v1/files/${first}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(errorCode(await jinshui.get(`/api/v1/files/${first}`))).toBe('FILES_NOT_FOUND');

    const [row, ...more] = await auditOf(created.id);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ action: 'policy_document.create', after: { title: cityDocument.title, fullTextLength: cityDocument.fullText.length } });
    expect(row?.after).not.toHaveProperty('fullText');
    expect((row?.after?.attachments as { id: string; sha256: string }[]).map((a) => a.id)).toEqual([first, second]);
    expect((row?.after?.attachments as { sha256: string }[])[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an unknown file id with 404 FILES_NOT_FOUND and creates nothing', async () => {
    const before = await documentCount();
    const res = await city.post('/api/v1/policy-documents', { ...cityDocument, attachmentIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(res.statusCode).toBe(404);
    expect(errorCode(res)).toBe('FILES_NOT_FOUND');
    expect(await documentCount()).toBe(before);
  });

  it('refuses someone else’s upload with 404 FILES_NOT_FOUND; the file stays its uploader’s', async () => {
    const before = await documentCount();
    const own = await upload(city);
    const theirs = await upload(jinshui);
    const res = await city.post('/api/v1/policy-documents', { ...cityDocument, attachmentIds: [own, theirs] });
    expect(res.statusCode).toBe(404);
    expect(errorCode(res)).toBe('FILES_NOT_FOUND');
    expect(await documentCount()).toBe(before);
    // nothing was attached: the uploader's own file is still free to attach
    expect((await jinshui.get(`/api/v1/files/${theirs}`)).statusCode).toBe(200);
    expect((await createDocument(city, { ...cityDocument, attachmentIds: [own] })).attachments.map((a) => a.id)).toEqual([own]);
  });

  it('refuses a malformed body with 400 VALIDATION_FAILED and creates nothing', async () => {
    const before = await documentCount();
    const bodies: Record<string, unknown>[] = [
      { ...cityDocument, colour: 'red' },
      { ...cityDocument, title: '' },
      { ...cityDocument, sourceUrl: 'ftp://example.org/a' },
      { ...cityDocument, level: 'county' },
      { ...cityDocument, publishedOn: '2026-02-30' },
      { ...cityDocument, attachmentIds: ['not-a-uuid'] },
      { ...cityDocument, attachmentIds: 'x' },
    ];
    for (const body of bodies) {
      const res = await city.post('/api/v1/policy-documents', body);
      expect([res.statusCode, errorCode(res)], JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED']);
    }
    const district = await city.post('/api/v1/policy-documents', { ...cityDocument, level: 'district' });
    expect(issueCodes(district)).toEqual([['divisionCode', 'POLICIES_DIVISION_REQUIRED']]);
    const inverted = await city.post('/api/v1/policy-documents', { ...cityDocument, validFrom: '2027-01-01', validTo: '2026-12-31' });
    expect(issueCodes(inverted)).toEqual([['validTo', 'POLICIES_DATES_INVERTED']]);
    expect(await documentCount()).toBe(before);
  });
});

describe('listing documents', () => {
  type Listed = { id: string; itemCount: number; attachments: unknown[]; canWrite: boolean };
  const listed = async (client: Client, id: string): Promise<Listed | undefined> => {
    const res = await client.get('/api/v1/policy-documents');
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as Listed[]).find((d) => d.id === id);
  };

  it('counts the items each caller may see: all for those who may write it, the published ones for others', async () => {
    const document = await publicDocument();
    const draft = await city.post('/api/v1/policy-items', { documentId: document.id, ...itemVersion, title: '草稿事项（文件测试）' });
    expect(draft.statusCode, draft.body).toBe(201);
    expect((await city.post(`/api/v1/policy-documents/${document.id}/attachments`, { fileIds: [await upload(city), await upload(city, '解读.pdf')] })).statusCode).toBe(201);

    expect(await listed(city, document.id)).toMatchObject({ canWrite: true, itemCount: 2 });
    for (const client of [jinshui, leader, firm]) {
      const seen = await listed(client, document.id);
      expect(seen).toMatchObject({ canWrite: false, itemCount: 1 });
      expect(seen?.attachments).toHaveLength(2);
    }
    expect(await listed(city, (await createDocument(city)).id)).toMatchObject({ itemCount: 0, attachments: [] });
  });
});

describe('editing a document', () => {
  it('edits each field, audits only what changed, and keeps the full text out of the trail', async () => {
    const document = await createDocument(city);
    const edits: Record<string, unknown>[] = [
      { title: '郑州市先进制造业奖补办法（修订）' },
      { issuer: '郑州市人民政府办公厅' },
      { documentNumber: '郑政办〔2026〕3号' },
      { documentNumber: null },
      { publishedOn: '2026-02-01' },
      { validFrom: '2026-02-01' },
      { validTo: null },
      { sourceUrl: 'https://example.org/zz-documents-2' },
      { sourceNote: null },
      { fullText: '第一条（修订）' },
    ];
    for (const edit of edits) {
      t.clock.advance(60_000);
      const res = await city.patch(`/api/v1/policy-documents/${document.id}`, edit);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject(edit);
    }
    const detail = await readDocument(document.id);
    expect(detail).toMatchObject({
      title: '郑州市先进制造业奖补办法（修订）', issuer: '郑州市人民政府办公厅', documentNumber: null, publishedOn: '2026-02-01', validFrom: '2026-02-01', validTo: null,
      sourceUrl: 'https://example.org/zz-documents-2', sourceNote: null, fullText: '第一条（修订）', level: 'city',
    });
    expect(detail.updatedAt).toBe(t.clock.now().toISOString());

    const updates = (await auditOf(document.id)).filter((row) => row.action === 'policy_document.update');
    expect(updates).toHaveLength(edits.length);
    const number = updates.find((row) => row.after?.documentNumber === '郑政办〔2026〕3号');
    expect(number).toMatchObject({ before: { documentNumber: '郑工信〔2026〕7号' }, after: { documentNumber: '郑政办〔2026〕3号' } });
    expect(Object.keys(number?.after ?? {})).toEqual(['documentNumber']);
    const text = updates.find((row) => row.after && 'fullTextLength' in row.after);
    expect(text).toMatchObject({ before: { fullTextLength: cityDocument.fullText.length }, after: { fullTextLength: '第一条（修订）'.length } });
    expect(JSON.stringify(updates)).not.toContain('第一条（修订）');
  });

  it('writes no audit row when an edit changes nothing', async () => {
    const document = await createDocument(city);
    const res = await city.patch(`/api/v1/policy-documents/${document.id}`, { title: cityDocument.title, documentNumber: cityDocument.documentNumber });
    expect(res.statusCode).toBe(200);
    expect((await auditOf(document.id)).map((row) => row.action)).toEqual(['policy_document.create']);
  });

  it('changes the level and division only while the document has no item', async () => {
    const document = await createDocument(city);
    const moved = await city.patch(`/api/v1/policy-documents/${document.id}`, { level: 'district', divisionCode: '410105' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ level: 'district', divisionCode: '410105' });
    // now a 金水区 measure: its district officer may write it
    expect((await readDocument(document.id, jinshui)).canWrite).toBe(true);
    const back = await city.patch(`/api/v1/policy-documents/${document.id}`, { level: 'province', divisionCode: null });
    expect(back.json()).toMatchObject({ level: 'province', divisionCode: null });

    const item = await city.post('/api/v1/policy-items', { documentId: document.id, ...itemVersion });
    expect(item.statusCode, item.body).toBe(201);
    for (const edit of [{ level: 'city' }, { level: 'district', divisionCode: '410105' }]) {
      const res = await city.patch(`/api/v1/policy-documents/${document.id}`, edit);
      expect([res.statusCode, errorCode(res)]).toEqual([409, 'POLICIES_DOCUMENT_HAS_ITEMS']);
      expect(res.json().error.message).not.toContain('POLICIES_DOCUMENT_HAS_ITEMS');
    }
    // the same level again is no change; every other field may still change
    expect((await city.patch(`/api/v1/policy-documents/${document.id}`, { level: 'province', title: '省级文件（测试）' })).statusCode).toBe(200);
    expect(await readDocument(document.id)).toMatchObject({ level: 'province', divisionCode: null, title: '省级文件（测试）' });
  });

  it('shows an edit of a published document on its items at once', async () => {
    const document = await publicDocument();
    const itemId = document.items[0]?.id ?? '';
    const res = await city.patch(`/api/v1/policy-documents/${document.id}`, { documentNumber: '郑工信〔2026〕99号', title: '改名后的文件（测试）' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await city.get(`/api/v1/policy-items/${itemId}`)).json()).toMatchObject({ documentNumber: '郑工信〔2026〕99号', documentTitle: '改名后的文件（测试）' });
    const catalogue = (await anonymous('/api/v1/public/policy-items')).json().items as { id: string; documentNumber: string }[];
    expect(catalogue.find((i) => i.id === itemId)?.documentNumber).toBe('郑工信〔2026〕99号');
  });

  it('refuses bad edits with their codes and changes nothing', async () => {
    const document = await createDocument(city);
    const path = `/api/v1/policy-documents/${document.id}`;
    const cases: [Record<string, unknown>, number, string, [string, string][] | null][] = [
      [{}, 400, 'VALIDATION_FAILED', null],
      [{ colour: 'red' }, 400, 'VALIDATION_FAILED', null],
      [{ title: '  ' }, 400, 'VALIDATION_FAILED', null],
      [{ sourceUrl: 'not a url' }, 400, 'VALIDATION_FAILED', null],
      [{ level: null }, 400, 'VALIDATION_FAILED', null],
      [{ validTo: '2025-12-31' }, 400, 'VALIDATION_FAILED', [['validTo', 'POLICIES_DATES_INVERTED']]],
      [{ level: 'district' }, 400, 'VALIDATION_FAILED', [['divisionCode', 'POLICIES_DIVISION_REQUIRED']]],
      [{ divisionCode: '410105' }, 400, 'VALIDATION_FAILED', [['divisionCode', 'POLICIES_DIVISION_UNEXPECTED']]],
      [{ level: 'district', divisionCode: '419999' }, 400, 'VALIDATION_FAILED', [['divisionCode', 'DIVISION_UNKNOWN']]],
    ];
    for (const [body, status, code, issues] of cases) {
      const res = await city.patch(path, body);
      expect([res.statusCode, errorCode(res)], JSON.stringify(body)).toEqual([status, code]);
      if (issues) expect(issueCodes(res)).toEqual(issues);
    }
    const unknown = await city.patch('/api/v1/policy-documents/no-such-document', { title: 'x' });
    expect([unknown.statusCode, errorCode(unknown)]).toEqual([404, 'POLICIES_DOCUMENT_NOT_FOUND']);
    expect(await readDocument(document.id)).toMatchObject({ level: 'city', divisionCode: null, validTo: '2028-12-31', updatedAt: document.updatedAt });
    expect((await auditOf(document.id)).map((row) => row.action)).toEqual(['policy_document.create']);
  });
});

// Two connections racing on one document: only the PostgreSQL server has them (PGlite has one).
describe.skipIf(!process.env.DATABASE_URL)('an item and a change of level at the same moment, on PostgreSQL', () => {
  /** Runs `work` in a transaction of its own connection, and `request` while that transaction is open; commits once `request` waits for a lock. */
  const whileOpen = async <R,>(work: (client: pg.PoolClient) => Promise<void>, request: () => Promise<R>): Promise<R> => {
    const pool = new pg.Pool({ ...t.database.pool.options, max: 2 });
    const open = await pool.connect();
    try {
      await open.query('begin');
      await work(open);
      const answer = request();
      await vi.waitFor(async () => {
        const waiting = await pool.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
        expect(waiting.rows[0].n).toBeGreaterThan(0);
      }, { timeout: 10_000, interval: 20 });
      await open.query('commit');
      return await answer;
    } finally {
      open.release();
      await pool.end();
    }
  };

  it('refuses the level change with 409 POLICIES_DOCUMENT_HAS_ITEMS when an item is being added to the document', async () => {
    const document = await createDocument(city);
    const itemId = `zz-race-${document.id.slice(0, 8)}`;
    const res = await whileOpen(
      async (client) => {
        await client.query(`insert into policy_items (id, document_id, state) values ($1, $2, 'draft')`, [itemId, document.id]);
      },
      () => city.patch(`/api/v1/policy-documents/${document.id}`, { level: 'province' }),
    );
    try {
      expect([res.statusCode, errorCode(res)]).toEqual([409, 'POLICIES_DOCUMENT_HAS_ITEMS']);
      expect(await readDocument(document.id)).toMatchObject({ level: 'city' });
    } finally {
      await t.database.pool.query('delete from policy_items where id = $1', [itemId]);
    }
  });

  it('checks a new item against the document as it is once a change of its district commits', async () => {
    const document = await createDocument(jinshui, jinshuiDocument);
    const res = await whileOpen(
      async (client) => {
        await client.query('select id from policy_documents where id = $1 for update', [document.id]);
        await client.query(`update policy_documents set division_code = '410102' where id = $1`, [document.id]);
      },
      () => jinshui.post('/api/v1/policy-items', { documentId: document.id, ...itemVersion, eligibility: { and: [{ '==': [{ var: 'countyCode' }, '410105'] }, itemVersion.eligibility] } }),
    );
    expect([res.statusCode, errorCode(res)]).toEqual([403, 'POLICIES_WRITE_FORBIDDEN']);
    expect((await readDocument(document.id)).items).toEqual([]);
  });
});

describe('who may edit a document and its files', () => {
  it('lets the city and an admin edit documents of any level, a district’s included', async () => {
    const national = await createDocument(admin, { ...cityDocument, level: 'national', issuer: '工业和信息化部' });
    const district = await createDocument(jinshui, jinshuiDocument);
    for (const [client, id] of [[city, national.id], [city, district.id], [admin, district.id], [admin, national.id]] as const) {
      const res = await client.patch(`/api/v1/policy-documents/${id}`, { sourceNote: `由 ${client === city ? 'city' : 'admin'} 修改` });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().canWrite).toBe(true);
    }
    const file = await upload(city);
    expect((await city.post(`/api/v1/policy-documents/${district.id}/attachments`, { fileIds: [file] })).statusCode).toBe(201);
  });

  it('lets a district officer edit only its own district’s documents', async () => {
    const own = await createDocument(jinshui, jinshuiDocument);
    const other = await createDocument(zhongyuan, { ...jinshuiDocument, divisionCode: '410102', issuer: '中原区工业和信息化局' });
    const cityDraft = await createDocument(city);
    const cityPublic = await publicDocument();

    expect((await jinshui.patch(`/api/v1/policy-documents/${own.id}`, { documentNumber: '金工信〔2026〕1号' })).statusCode).toBe(200);
    const file = await upload(jinshui);
    expect((await jinshui.post(`/api/v1/policy-documents/${own.id}/attachments`, { fileIds: [file] })).statusCode).toBe(201);

    // another district's document and a city draft are out of sight; a public city document is read-only
    for (const id of [other.id, cityDraft.id]) {
      const res = await jinshui.patch(`/api/v1/policy-documents/${id}`, { documentNumber: 'x' });
      expect([res.statusCode, errorCode(res)]).toEqual([404, 'POLICIES_DOCUMENT_NOT_FOUND']);
      expect(errorCode(await jinshui.get(`/api/v1/policy-documents/${id}`))).toBe('POLICIES_DOCUMENT_NOT_FOUND');
    }
    expect((await readDocument(cityPublic.id, jinshui)).canWrite).toBe(false);
    const spare = await upload(jinshui);
    for (const res of [
      await jinshui.patch(`/api/v1/policy-documents/${cityPublic.id}`, { documentNumber: 'x' }),
      await jinshui.post(`/api/v1/policy-documents/${cityPublic.id}/attachments`, { fileIds: [spare] }),
      await jinshui.delete(`/api/v1/policy-documents/${cityPublic.id}/attachments/${cityPublic.attachments[0]?.id ?? spare}`),
      // nor may it move its own document out of its district, or up a level
      await jinshui.patch(`/api/v1/policy-documents/${own.id}`, { divisionCode: '410102' }),
      await jinshui.patch(`/api/v1/policy-documents/${own.id}`, { level: 'city', divisionCode: null }),
    ]) expect([res.statusCode, errorCode(res)]).toEqual([403, 'POLICIES_WRITE_FORBIDDEN']);
    expect(await readDocument(own.id)).toMatchObject({ level: 'district', divisionCode: '410105', documentNumber: '金工信〔2026〕1号' });
    expect(await readDocument(cityPublic.id)).toMatchObject({ documentNumber: cityDocument.documentNumber });
    // the spare upload was not attached anywhere
    expect((await jinshui.get(`/api/v1/files/${spare}`)).statusCode).toBe(200);
  });

  it('never lets an enterprise user or a leader write: 403 on what they may see, 404 on what they may not', async () => {
    const draft = await createDocument(city);
    const open = await publicDocument();
    for (const client of [firm, leader]) {
      expect(errorCode(await client.post('/api/v1/policy-documents', cityDocument))).toBe('FORBIDDEN');
      expect(errorCode(await client.get(`/api/v1/policy-documents/${draft.id}`))).toBe('POLICIES_DOCUMENT_NOT_FOUND');
      expect(errorCode(await client.patch(`/api/v1/policy-documents/${draft.id}`, { title: 'x' }))).toBe('POLICIES_DOCUMENT_NOT_FOUND');
      const seen = (await client.get(`/api/v1/policy-documents/${open.id}`)).json();
      expect(seen).toMatchObject({ id: open.id, canWrite: false });
      const list = (await client.get('/api/v1/policy-documents')).json().items as { id: string; isPublic: boolean }[];
      expect(list.every((d) => d.isPublic)).toBe(true);
      expect(list.map((d) => d.id)).toContain(open.id);
      const patch = await client.patch(`/api/v1/policy-documents/${open.id}`, { title: 'x' });
      expect([patch.statusCode, errorCode(patch)]).toEqual([403, 'FORBIDDEN']);
      const detach = await client.delete(`/api/v1/policy-documents/${open.id}/attachments/${open.attachments[0]?.id ?? '00000000-0000-4000-8000-000000000000'}`);
      expect([detach.statusCode, errorCode(detach)]).toEqual([403, 'FORBIDDEN']);
    }
    const file = await upload(firm, '营业执照.pdf');
    const attach = await firm.post(`/api/v1/policy-documents/${open.id}/attachments`, { fileIds: [file] });
    expect([attach.statusCode, errorCode(attach)]).toEqual([403, 'FORBIDDEN']);
    expect(errorCode(await leader.upload('/api/v1/files', PDF, 'a.pdf', 'application/pdf'))).toBe('FORBIDDEN');
    expect(await readDocument(open.id)).toMatchObject({ title: cityDocument.title, attachments: [] });
  });
});

describe('a document’s files', () => {
  it('attaches and detaches files, each audited, and a detached file is its uploader’s alone again', async () => {
    const document = await createDocument(city);
    const first = await upload(city, '原文.pdf');
    const second = await upload(city, '解读.pdf');
    t.clock.advance(60_000);
    const attached = await city.post(`/api/v1/policy-documents/${document.id}/attachments`, { fileIds: [first, second] });
    expect(attached.statusCode, attached.body).toBe(201);
    expect((attached.json() as Detail).attachments.map((a) => a.name)).toEqual(['原文.pdf', '解读.pdf']);
    expect((attached.json() as Detail).updatedAt).toBe(t.clock.now().toISOString());

    const detached = await city.delete(`/api/v1/policy-documents/${document.id}/attachments/${first}`);
    expect(detached.statusCode, detached.body).toBe(200);
    expect((detached.json() as Detail).attachments.map((a) => a.id)).toEqual([second]);
    expect((await readDocument(document.id)).attachments.map((a) => a.id)).toEqual([second]);
    // the detached file is private to its uploader again, and may be attached again
    expect((await city.get(`/api/v1/files/${first}`)).statusCode).toBe(200);
    expect(errorCode(await admin.get(`/api/v1/files/${first}`))).toBe('FILES_NOT_FOUND');

    const rows = await auditOf(document.id);
    expect(rows.map((row) => row.action).sort()).toEqual(['policy_document.attach', 'policy_document.create', 'policy_document.detach']);
    expect((rows.find((row) => row.action === 'policy_document.attach')?.after?.attachments as { id: string }[]).map((a) => a.id)).toEqual([first, second]);
    expect((rows.find((row) => row.action === 'policy_document.detach')?.before?.attachments as { id: string; name: string }[])).toMatchObject([{ id: first, name: '原文.pdf' }]);
  });

  it('refuses files that are not the caller’s free uploads with 404 FILES_NOT_FOUND, attaching none of the batch', async () => {
    const document = await createDocument(city);
    const elsewhere = await createDocument(city, { ...cityDocument, attachmentIds: [await upload(city)] });
    const own = await upload(city);
    const theirs = await upload(jinshui);
    const batches = [
      [own, '00000000-0000-4000-8000-000000000000'],
      [own, theirs],
      [own, elsewhere.attachments[0]?.id ?? ''],
    ];
    for (const fileIds of batches) {
      const res = await city.post(`/api/v1/policy-documents/${document.id}/attachments`, { fileIds });
      expect([res.statusCode, errorCode(res)]).toEqual([404, 'FILES_NOT_FOUND']);
    }
    for (const body of [{ fileIds: [] }, { fileIds: ['nope'] }, { files: [own] }, {}]) {
      const res = await city.post(`/api/v1/policy-documents/${document.id}/attachments`, body);
      expect([res.statusCode, errorCode(res)], JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED']);
    }
    const unknown = await city.post('/api/v1/policy-documents/no-such-document/attachments', { fileIds: [own] });
    expect([unknown.statusCode, errorCode(unknown)]).toEqual([404, 'POLICIES_DOCUMENT_NOT_FOUND']);

    expect((await readDocument(document.id)).attachments).toEqual([]);
    expect((await readDocument(elsewhere.id)).attachments).toHaveLength(1);
    expect((await auditOf(document.id)).map((row) => row.action)).toEqual(['policy_document.create']);
    // the caller's own file of each failed batch is still free
    expect((await city.post(`/api/v1/policy-documents/${document.id}/attachments`, { fileIds: [own] })).statusCode).toBe(201);
  });

  it('refuses to detach a file that is not the document’s with 404 FILES_NOT_FOUND', async () => {
    const document = await createDocument(city, { ...cityDocument, attachmentIds: [await upload(city)] });
    const other = await createDocument(city, { ...cityDocument, attachmentIds: [await upload(city)] });
    const free = await upload(city);
    for (const fileId of [other.attachments[0]?.id ?? '', free, '00000000-0000-4000-8000-000000000000']) {
      const res = await city.delete(`/api/v1/policy-documents/${document.id}/attachments/${fileId}`);
      expect([res.statusCode, errorCode(res)]).toEqual([404, 'FILES_NOT_FOUND']);
    }
    const malformed = await city.delete(`/api/v1/policy-documents/${document.id}/attachments/not-a-uuid`);
    expect([malformed.statusCode, errorCode(malformed)]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await readDocument(other.id)).attachments).toHaveLength(1);
    expect((await readDocument(document.id)).attachments).toHaveLength(1);
    expect((await auditOf(document.id)).map((row) => row.action)).toEqual(['policy_document.create']);
  });
});

describe('the public download', () => {
  it('serves a file of a document with a published item to anyone, without a session', async () => {
    const document = await publicDocument();
    const file = await upload(city, '郑工信〔2026〕7号 正式文件.pdf');
    const attached = (await city.post(`/api/v1/policy-documents/${document.id}/attachments`, { fileIds: [file] })).json() as Detail;
    const url = `/api/v1/public/policy-documents/${document.id}/files/${file}`;
    expect(attached).toMatchObject({ isPublic: true, attachments: [{ id: file, url }] });

    const res = await anonymous(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/pdf/);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('郑工信〔2026〕7号 正式文件.pdf')}`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.equals(PDF)).toBe(true);

    // the public catalogue links the same file
    const catalogue = (await anonymous('/api/v1/public/policy-items')).json().items as { documentId: string; attachments: { id: string; url: string }[] }[];
    expect(catalogue.find((i) => i.documentId === document.id)?.attachments).toMatchObject([{ id: file, url }]);
  });

  it('answers 404 for a draft-only document, a file not attached to the document, and a detached file', async () => {
    const draftFile = await upload(city);
    const draft = await createDocument(city, { ...cityDocument, attachmentIds: [draftFile] });
    const draftRes = await anonymous(`/api/v1/public/policy-documents/${draft.id}/files/${draftFile}`);
    expect([draftRes.statusCode, errorCode(draftRes)]).toEqual([404, 'POLICIES_DOCUMENT_NOT_FOUND']);
    // not even signed in as its author: the public link is for public documents only
    expect((await city.get(`/api/v1/public/policy-documents/${draft.id}/files/${draftFile}`)).statusCode).toBe(404);

    const open = await publicDocument();
    const own = await upload(city);
    await city.post(`/api/v1/policy-documents/${open.id}/attachments`, { fileIds: [own] });
    const notItsOwn = await anonymous(`/api/v1/public/policy-documents/${open.id}/files/${draftFile}`);
    expect([notItsOwn.statusCode, errorCode(notItsOwn)]).toEqual([404, 'FILES_NOT_FOUND']);
    const unknownDocument = await anonymous(`/api/v1/public/policy-documents/no-such-document/files/${own}`);
    expect([unknownDocument.statusCode, errorCode(unknownDocument)]).toEqual([404, 'POLICIES_DOCUMENT_NOT_FOUND']);
    const malformed = await anonymous(`/api/v1/public/policy-documents/${open.id}/files/not-a-uuid`);
    expect([malformed.statusCode, errorCode(malformed)]).toEqual([400, 'VALIDATION_FAILED']);

    expect((await anonymous(`/api/v1/public/policy-documents/${open.id}/files/${own}`)).statusCode).toBe(200);
    expect((await city.delete(`/api/v1/policy-documents/${open.id}/attachments/${own}`)).statusCode).toBe(200);
    const detached = await anonymous(`/api/v1/public/policy-documents/${open.id}/files/${own}`);
    expect([detached.statusCode, errorCode(detached)]).toEqual([404, 'FILES_NOT_FOUND']);
  });

  it('stops serving a document’s files once its only item is withdrawn', async () => {
    const document = await publicDocument();
    const file = await upload(city);
    await city.post(`/api/v1/policy-documents/${document.id}/attachments`, { fileIds: [file] });
    const url = `/api/v1/public/policy-documents/${document.id}/files/${file}`;
    expect((await anonymous(url)).statusCode).toBe(200);
    expect((await city.post(`/api/v1/policy-items/${document.items[0]?.id ?? ''}/withdrawals`, {})).statusCode).toBe(200);
    expect(errorCode(await anonymous(url))).toBe('POLICIES_DOCUMENT_NOT_FOUND');
    // its author still reads it, through the signed-in link
    const detail = await readDocument(document.id, city);
    expect(detail).toMatchObject({ isPublic: false, attachments: [{ id: file, url: `/api/v1/files/${file}` }] });
    expect((await city.get(`/api/v1/files/${file}`)).statusCode).toBe(200);
  });
});
