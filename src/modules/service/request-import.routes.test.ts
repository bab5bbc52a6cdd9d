import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../test/helpers/app.ts';
import { creditCode, enterpriseBody } from '../../../test/helpers/factories.ts';

let t: TestApp;
let jinshui: Client;
let firmUser: Client;
let leader: Client;
let own: { id: string; creditCode: string };
let other: { id: string; creditCode: string };

async function sheet(rows: string[][], header = ['*统一社会信用代码', '*诉求类别', '紧急程度', '*标题', '*诉求内容']): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('诉求');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (client: Client, content: Buffer) => client.upload('/api/v1/service-requests/imports', content, 'requests.xlsx');

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser({ username: 'jinshui', role: 'district', jurisdictionCode: '410105' });
  await t.createUser({ username: 'zhongyuan', role: 'district', jurisdictionCode: '410102' });
  await t.createUser({ username: 'leader', role: 'leader', jurisdictionCode: '410100' });
  jinshui = await t.signIn('jinshui');
  own = (await jinshui.post('/api/v1/enterprises', enterpriseBody({ name: '郑州诉求导入测试有限公司', divisionCode: '410105001' }))).json();
  const zhongyuan = await t.signIn('zhongyuan');
  other = (await zhongyuan.post('/api/v1/enterprises', enterpriseBody({ divisionCode: '410102001', creditCode: creditCode('410102') }))).json();
  await t.createUser({ username: 'firm', role: 'enterprise', enterpriseId: own.id });
  firmUser = await t.signIn('firm');
  leader = await t.signIn('leader');
});
afterAll(() => t.close());

describe('requests from Excel (诉求导入)', () => {
  it('creates nothing while any row is wrong, and reports each bad row with its Excel row number', async () => {
    const before = (await jinshui.get('/api/v1/service-requests')).json().total;
    const bad = await upload(jinshui, await sheet([
      [own.creditCode, '用地', '紧急', '二期厂房用地指标', '需新增用地约 30 亩'],
      [other.creditCode, '用工', '', '招工难', '缺少熟练焊工'],
      [own.creditCode, '飞行', '一般', '无人机航线', '申请航线'],
      [own.creditCode, '融资', '马上', '贷款', '流动资金贷款 500 万元'],
      [own.creditCode, '用电用气', '', '', '增容'],
      [own.creditCode, 'land', 'urgent', '二期厂房用地指标', '同一诉求重复一行'],
    ]));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('SERVICE_REQUEST_IMPORT_ROWS_INVALID');
    expect(bad.json().error.message).toContain('未导入任何诉求');
    const rows = bad.json().error.details.rows as { row: number; column: string; code: string; message: string }[];
    expect(rows.map((r) => [r.row, r.column, r.code])).toEqual([
      [3, '统一社会信用代码', 'ENTERPRISE_NOT_IN_SCOPE'],
      [4, '诉求类别', 'REQUEST_CATEGORY_UNKNOWN'],
      [5, '紧急程度', 'REQUEST_URGENCY_INVALID'],
      [6, '标题', 'REQUIRED'],
      [7, '标题', 'REQUEST_DUPLICATE_ROW'],
    ]);
    expect(rows[1]?.message).toBe('未知的诉求类别“飞行”');
    expect(rows[4]?.message).toBe('与第 2 行是同一企业的同一诉求');
    expect((await jinshui.get('/api/v1/service-requests')).json().total).toBe(before);
  });

  it('creates every row as a submitted request from the import, with its time limit and audit entry', async () => {
    const res = await upload(jinshui, await sheet([
      [` ${own.creditCode.toLowerCase()} `, '用地', '紧急', '二期厂房用地指标', '需新增用地约 30 亩'],
      [own.creditCode, 'labour', '', '招工难', '缺少熟练焊工'],
    ]));
    expect(res.statusCode).toBe(201);
    expect(res.json().imported).toBe(2);
    const list = (await jinshui.get('/api/v1/service-requests?q=')).json();
    const imported = list.items.filter((r: { serial: number }) => res.json().serials.includes(r.serial));
    expect(imported).toHaveLength(2);
    const first = (await jinshui.get(`/api/v1/service-requests/${imported.find((r: { title: string }) => r.title === '二期厂房用地指标').id}`)).json();
    expect(first).toMatchObject({ state: 'submitted', category: 'land', urgency: 'urgent', source: 'import', enterpriseId: own.id });
    expect(first.dueAt).toBeTruthy();
    const second = imported.find((r: { title: string }) => r.title === '招工难');
    expect(second.urgency).toBe('normal');
    await t.createUser({ username: 'admin', role: 'admin' });
    const admin = await t.signIn('admin');
    const audit = (await admin.get('/api/v1/audit?entityType=service_request&pageSize=100')).json();
    expect(audit.items.filter((e: { entityId: string; action: string }) => e.entityId === first.id).map((e: { action: string }) => e.action)).toEqual(['create']);
  });

  it('serves a template whose drop-downs list the categories, and keeps enterprises and leaders out', async () => {
    const template = await jinshui.get('/api/v1/service-requests/import-template.xlsx');
    expect(template.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('诉求');
    expect(ws?.getRow(1).values).toEqual([undefined, '*统一社会信用代码', '*诉求类别', '紧急程度', '*标题', '*诉求内容']);
    expect(ws?.getCell('B2').dataValidation?.type).toBe('list');
    expect(wb.getWorksheet('选项')?.getColumn(1).values).toContain('用地');
    const filled = await sheet([[own.creditCode, '用地', '', '示例', '示例']]);
    expect((await upload(firmUser, filled)).statusCode).toBe(403);
    expect((await upload(leader, filled)).statusCode).toBe(403);
    expect((await upload(jinshui, Buffer.from('not a workbook'))).json().error.code).toBe('SERVICE_IMPORT_UNREADABLE');
    expect((await upload(jinshui, await sheet([[own.creditCode, '用地']], ['统一社会信用代码', '诉求类别']))).json().error).toMatchObject({ code: 'SERVICE_IMPORT_HEADER_MISSING', message: '缺少必填列：标题、诉求内容' });
  });
});
