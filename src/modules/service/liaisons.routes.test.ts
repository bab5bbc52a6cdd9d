import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../test/helpers/app.ts';
import { creditCode, enterpriseBody } from '../../../test/helpers/factories.ts';

let t: TestApp;
let city: Client;
let jinshui: Client;
let street: Client;
let zhongyuan: Client;
let firm: Client;
let power: Client;
let firmA: string;
let firmB: string;
let streetOfficer: { id: string };
let powerDept: string;

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser({ username: 'city', role: 'city', jurisdictionCode: '410100' });
  await t.createUser({ username: 'jinshui', role: 'district', jurisdictionCode: '410105' });
  await t.createUser({ username: 'zhongyuan', role: 'district', jurisdictionCode: '410102' });
  streetOfficer = await t.createUser({ username: 'jiedao', role: 'street', jurisdictionCode: '410105001' });
  const powerUser = await t.createUser({ username: 'gongdian', role: 'department', jurisdictionCode: '410100' });
  city = await t.signIn('city');
  jinshui = await t.signIn('jinshui');
  zhongyuan = await t.signIn('zhongyuan');
  street = await t.signIn('jiedao');
  firmA = (await jinshui.post('/api/v1/enterprises', enterpriseBody({ name: '郑州包联测试机械有限公司', divisionCode: '410105001' }))).json().id;
  firmB = (await zhongyuan.post('/api/v1/enterprises', enterpriseBody({ divisionCode: '410102001', creditCode: creditCode('410102') }))).json().id;
  await t.createUser({ username: 'firm', role: 'enterprise', enterpriseId: firmA });
  firm = await t.signIn('firm');
  powerDept = (await city.post('/api/v1/service-departments', { name: '国网郑州供电公司', kind: 'power', jurisdictionCode: '410100' })).json().id;
  await city.post(`/api/v1/service-departments/${powerDept}/members`, { userId: powerUser.id });
  power = await t.signIn('gongdian');
});
afterAll(() => t.close());

describe('liaisons (包联)', () => {
  it('assigns a street officer to an enterprise; the enterprise sees its officer', async () => {
    const res = await jinshui.post('/api/v1/liaisons', { officerId: streetOfficer.id, enterpriseId: firmA, level: 'street', since: '2026-01-01' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ officerName: 'jiedao', enterpriseId: firmA, isActive: true });
    const mine = await firm.get('/api/v1/liaisons');
    expect(mine.json().items.map((l: { officerId: string }) => l.officerId)).toEqual([streetOfficer.id]);
    expect((await zhongyuan.get('/api/v1/liaisons')).json().total).toBe(0);
  });

  it('refuses a second active assignment, a mismatched level, an out-of-scope firm and a department user as officer', async () => {
    expect((await jinshui.post('/api/v1/liaisons', { officerId: streetOfficer.id, enterpriseId: firmA, level: 'street', since: '2026-02-01' })).json().error.code).toBe('SERVICE_LIAISON_CONFLICT');
    expect((await jinshui.post('/api/v1/liaisons', { officerId: streetOfficer.id, enterpriseId: firmA, level: 'district', since: '2026-02-01' })).json().error.code).toBe('SERVICE_LIAISON_OFFICER_INVALID');
    expect((await jinshui.post('/api/v1/liaisons', { officerId: streetOfficer.id, enterpriseId: firmB, level: 'street', since: '2026-02-01' })).json().error.code).toBe('SERVICE_ENTERPRISE_NOT_FOUND');
    expect((await street.post('/api/v1/liaisons', { officerId: streetOfficer.id, enterpriseId: firmA, level: 'street', since: '2026-02-01' })).statusCode).toBe(403);
    expect((await jinshui.post('/api/v1/liaisons', { officerId: streetOfficer.id, enterpriseId: firmA, level: 'street', since: '2026-02-01', until: '2026-01-01' })).json().error.code).toBe('SERVICE_LIAISON_DATES_INVALID');
  });

  it('ends an assignment with an audit entry', async () => {
    const assigned = (await jinshui.get('/api/v1/liaisons')).json().items[0];
    const ended = await jinshui.patch(`/api/v1/liaisons/${assigned.id}`, { until: '2026-11-24' });
    expect(ended.json()).toMatchObject({ until: '2026-11-24', isActive: false });
    expect((await jinshui.get('/api/v1/liaisons?active=true')).json().items).toHaveLength(0);
    const again = await jinshui.post('/api/v1/liaisons', { officerId: streetOfficer.id, enterpriseId: firmA, level: 'street', since: '2026-11-25' });
    expect(again.statusCode).toBe(201);
  });
});

describe('visits (走访)', () => {
  it('records a visit whose problems become requests, and shows the officer’s load', async () => {
    const photo = (await street.upload('/api/v1/files', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), '现场照片.png', 'image/png')).json();
    const res = await street.post('/api/v1/visits', {
      enterpriseId: firmA, visitedOn: '2026-11-24', peopleMet: '总经理 王某', situation: '订单饱满，二期厂房在建。',
      fileIds: [photo.id],
      problems: [{ category: 'labour', title: '缺少数控操作工 30 名', description: '急需熟练数控操作工' }, { category: 'utilities', urgency: 'urgent', title: '二期用电增容', description: '需增容 800 kVA' }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().requestIds).toHaveLength(2);
    expect(res.json().attachments).toEqual([{ id: photo.id, name: '现场照片.png', mime: 'image/png', sizeBytes: 6 }]);
    // the visit's photo is the district's to see, not another district's
    expect((await jinshui.get(`/api/v1/files/${photo.id}`)).statusCode).toBe(200);
    expect((await zhongyuan.get(`/api/v1/files/${photo.id}`)).statusCode).toBe(404);
    const requests = await jinshui.get(`/api/v1/service-requests?enterpriseId=${firmA}`);
    expect(requests.json().items.map((r: { source: string }) => r.source)).toEqual(['officer', 'officer']);
    const load = await jinshui.get('/api/v1/liaisons/load');
    expect(load.statusCode, load.body).toBe(200);
    expect(load.json().items).toEqual([{ officerId: streetOfficer.id, officerName: 'jiedao', enterprises: 1, openRequests: 2, visitsThisQuarter: 1 }]);
    expect((await firm.get('/api/v1/visits')).json().total).toBe(1);
    expect((await zhongyuan.get('/api/v1/visits')).json().total).toBe(0);
  });

  it('refuses a visit in the future or to a firm outside the jurisdiction, and writes nothing', async () => {
    expect((await street.post('/api/v1/visits', { enterpriseId: firmA, visitedOn: '2026-12-24', peopleMet: '王某', situation: '正常' })).json().error.code).toBe('SERVICE_VISIT_DATE_IN_FUTURE');
    expect((await street.post('/api/v1/visits', { enterpriseId: firmB, visitedOn: '2026-11-24', peopleMet: '王某', situation: '正常' })).json().error.code).toBe('SERVICE_ENTERPRISE_NOT_FOUND');
    const badProblem = await street.post('/api/v1/visits', { enterpriseId: firmA, visitedOn: '2026-11-24', peopleMet: '王某', situation: '正常', problems: [{ category: 'nope', title: 'x', description: 'y' }] });
    expect(badProblem.json().error.code).toBe('SERVICE_CATEGORY_UNKNOWN');
    expect((await jinshui.get('/api/v1/visits')).json().total).toBe(1);
    expect((await firm.post('/api/v1/visits', { enterpriseId: firmA, visitedOn: '2026-11-24', peopleMet: '王某', situation: '正常' })).statusCode).toBe(403);
  });
});

describe('leaders’ figures', () => {
  it('counts by state, category, district and department, with on-time and satisfaction rates', async () => {
    const items = (await jinshui.get(`/api/v1/service-requests?enterpriseId=${firmA}`)).json().items as { id: string; category: string }[];
    const labour = items.find((i) => i.category === 'labour');
    const utilities = items.find((i) => i.category === 'utilities');
    const go = (c: Client, id: string, body: object) => c.post(`/api/v1/service-requests/${id}/transitions`, body);
    for (const r of [labour, utilities]) {
      await go(jinshui, r!.id, { action: 'accept' });
      await go(jinshui, r!.id, { action: 'dispatch', leadDepartmentId: powerDept });
      await go(power, r!.id, { action: 'start' });
    }
    await go(power, labour!.id, { action: 'resolve', reply: '已对接人社局招聘会' });
    await go(firm, labour!.id, { action: 'rate', rating: 'satisfied' });
    t.clock.set('2026-12-10T09:00:00+08:00'); // the urgent one (5 working days) is late now
    power = await t.signIn('gongdian');
    firm = await t.signIn('firm');
    city = await t.signIn('city');
    await go(power, utilities!.id, { action: 'resolve', reply: '已增容' });
    await go(firm, utilities!.id, { action: 'rate', rating: 'basically_satisfied' });

    const stats = (await city.get('/api/v1/service-stats')).json();
    expect(stats).toMatchObject({ total: 2, open: 0, onTimeRate: 50, satisfactionRate: 100 });
    expect(stats.byState).toEqual([{ key: 'rated', name: 'rated', count: 2 }]);
    expect(stats.byCategory.map((c: { name: string }) => c.name).sort()).toEqual(['用工', '用电用气'].sort());
    expect(stats.byDistrict).toEqual([{ key: '410105', name: '金水区', count: 2 }]);
    expect(stats.byDepartment).toEqual([{ key: powerDept, name: '国网郑州供电公司', count: 2, resolved: 2, onTimeRate: 50, satisfactionRate: 100 }]);
    expect(stats.averageDaysToResolve).toBeGreaterThan(0);
    expect(stats.monthly.at(-1)).toEqual({ month: '2026-12', created: 0, resolved: 1 });
    expect(stats.monthly.at(-2)).toEqual({ month: '2026-11', created: 2, resolved: 1 });
    const departmentView = (await power.get('/api/v1/service-stats')).json();
    expect(departmentView.total).toBe(2);
    expect((await (await t.signIn('zhongyuan')).get('/api/v1/service-stats')).json().total).toBe(0);
    expect((await firm.get('/api/v1/service-stats')).statusCode).toBe(403);

    const exported = await city.get('/api/v1/service-stats/export.xlsx?district=410105');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('.xlsx');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概览', '按状态', '按类别', '按区县', '按承办单位', '月度趋势', '最久未办结']);
    const summary = wb.getWorksheet('概览');
    expect(summary?.getRow(2).values).toEqual([undefined, '范围', '金水区']);
    expect(summary?.getRow(3).values).toEqual([undefined, '诉求总数', 2]);
    expect(summary?.getRow(6).values).toEqual([undefined, '按时办结率(%)', 50]);
    expect(wb.getWorksheet('按承办单位')?.getRow(2).values).toEqual([undefined, '国网郑州供电公司', 2, 2, 50, 100]);
    expect((await firm.get('/api/v1/service-stats/export.xlsx')).statusCode).toBe(403);
    const english = await city.get('/api/v1/service-stats/export.xlsx', { 'accept-language': 'en-US' });
    const en = new ExcelJS.Workbook();
    await en.xlsx.load(english.rawPayload as unknown as ArrayBuffer);
    expect(en.worksheets[0]?.name).toBe('Summary');
  });
});

describe('liaisons from Excel', () => {
  async function sheet(rows: (string | Date)[][]): Promise<Buffer> {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('包联');
    ws.addRow(['干部账号', '统一社会信用代码', '包联层级', '开始日期', '结束日期']);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const upload = (client: Client, content: Buffer) => client.upload('/api/v1/liaisons/imports', content, 'liaisons.xlsx');

  it('imports every row or none, reporting each bad row', async () => {
    jinshui = await t.signIn('jinshui');
    const c = (await jinshui.post('/api/v1/enterprises', enterpriseBody({ name: '郑州批量包联测试有限公司', divisionCode: '410105001' }))).json();
    const d = (await jinshui.post('/api/v1/enterprises', enterpriseBody({ name: '郑州批量包联测试二有限公司', divisionCode: '410105001' }))).json();
    const before = (await jinshui.get('/api/v1/liaisons')).json().total;
    const bad = await upload(jinshui, await sheet([
      ['jinshui', c.creditCode, '区', '2026-11-01', ''],
      ['nobody', d.creditCode, '街道', '2026-11-01', ''],
      ['jiedao', d.creditCode, '市', '2026-11-01', ''],
      ['jiedao', '91410000000000000X', '街道', '2026/11/01', ''],
    ]));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('SERVICE_IMPORT_ROWS_INVALID');
    const rows = bad.json().error.details.rows as { row: number; code: string; message: string }[];
    expect(rows.map((r) => [r.row, r.code])).toEqual([[3, 'LIAISON_OFFICER_UNKNOWN'], [4, 'LIAISON_OFFICER_LEVEL'], [5, 'ENTERPRISE_NOT_IN_SCOPE'], [5, 'DATE_INVALID']]);
    expect(rows[0]?.message).toBe('找不到该干部账号');
    expect((await jinshui.get('/api/v1/liaisons')).json().total).toBe(before);

    const good = await upload(jinshui, await sheet([
      ['jinshui', c.creditCode, '区', '2026-11-01', ''],
      ['jiedao', d.creditCode, 'street', '2026-11-01', '2027-10-31'],
    ]));
    expect(good.statusCode).toBe(201);
    expect(good.json()).toEqual({ imported: 2 });
    expect((await jinshui.get('/api/v1/liaisons')).json().total).toBe(before + 2);
    const again = await upload(jinshui, await sheet([['jinshui', c.creditCode, '区', '2026-11-01', '']]));
    expect(again.json().error.details.rows[0].code).toBe('LIAISON_DUPLICATE');
  });

  it('refuses a file that is not a workbook, a sheet without the required columns, and street officers', async () => {
    expect((await upload(jinshui, Buffer.from('not a workbook'))).json().error.code).toBe('SERVICE_IMPORT_UNREADABLE');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['姓名']).commit();
    wb.getWorksheet('x')?.addRow(['张三']);
    const noHeaders = await upload(jinshui, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(noHeaders.json().error.code).toBe('SERVICE_IMPORT_HEADER_MISSING');
    street = await t.signIn('jiedao');
    expect((await upload(street, await sheet([['jiedao', 'x', '街道', '2026-11-01', '']]))).statusCode).toBe(403);
  });
});

describe('visit plans (走访计划)', () => {
  it('sets a quarter’s plan for an officer in the jurisdiction and reports its completion', async () => {
    jinshui = await t.signIn('jinshui');
    const set = await jinshui.put('/api/v1/visit-plans', { officerId: streetOfficer.id, quarter: '2026-Q4', plannedVisits: 4 });
    expect(set.statusCode).toBe(200);
    // One visit was recorded on 2026-11-24 (above).
    expect(set.json()).toMatchObject({ plannedVisits: 4, doneVisits: 1, completionRate: 25 });
    const again = await jinshui.put('/api/v1/visit-plans', { officerId: streetOfficer.id, quarter: '2026-Q4', plannedVisits: 2 });
    expect(again.json().completionRate).toBe(50);
    const list = await jinshui.get('/api/v1/visit-plans?quarter=2026-Q4');
    expect(list.json()).toEqual({ quarter: '2026-Q4', items: [expect.objectContaining({ officerId: streetOfficer.id, plannedVisits: 2, doneVisits: 1, completionRate: 50 })] });
    expect((await jinshui.get('/api/v1/visit-plans?quarter=2026-Q3')).json().items).toEqual([]);
    street = await t.signIn('jiedao');
    expect((await street.get('/api/v1/visit-plans?quarter=2026-Q4')).json().items).toHaveLength(1);
  });

  it('refuses an officer outside the jurisdiction, a bad quarter, and street officers setting plans', async () => {
    const other = await t.createUser({ username: 'zy-street', role: 'street', jurisdictionCode: '410102001' });
    expect((await jinshui.put('/api/v1/visit-plans', { officerId: other.id, quarter: '2026-Q4', plannedVisits: 3 })).json().error.code).toBe('SERVICE_VISIT_PLAN_OFFICER_INVALID');
    expect((await jinshui.put('/api/v1/visit-plans', { officerId: streetOfficer.id, quarter: '2026-Q5', plannedVisits: 3 })).statusCode).toBe(400);
    expect((await street.put('/api/v1/visit-plans', { officerId: streetOfficer.id, quarter: '2026-Q4', plannedVisits: 9 })).statusCode).toBe(403);
    expect((await (await t.signIn('zhongyuan')).get('/api/v1/visit-plans?quarter=2026-Q4')).json().items).toEqual([]);
  });
});
