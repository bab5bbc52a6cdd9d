import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../../test/helpers/app.ts';
import { creditCode } from '../../../../test/helpers/factories.ts';

let t: TestApp;
let jinshui: Client;
let zhongyuan: Client;

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser({ username: 'jinshui', role: 'district', jurisdictionCode: '410105' });
  await t.createUser({ username: 'zhongyuan', role: 'district', jurisdictionCode: '410102' });
  await t.createUser({ username: 'leader', role: 'leader', jurisdictionCode: '410100' });
  jinshui = await t.signIn('jinshui');
  zhongyuan = await t.signIn('zhongyuan');
});
afterAll(() => t.close());

const HEADER = ['统一社会信用代码', '企业名称', '所在街道(乡镇)代码', '国民经济行业代码', '从业人员(人)', '营业收入(万元)', '主营业务收入(万元)', '联系电话'];

async function xlsx(rows: unknown[][], header = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(client: Client, fileName: string, content: Buffer) {
  return client.upload('/api/v1/enterprises/imports', content, fileName);
}

async function importAndWait(client: Client, fileName: string, content: Buffer) {
  const res = await upload(client, fileName, content);
  expect(res.statusCode, res.body).toBe(202);
  const { jobId } = res.json();
  for (let i = 0; i < 200; i++) {
    const job = (await client.get(`/api/v1/import-jobs/${jobId}`)).json();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

describe('import', () => {
  const good1 = creditCode('410105');
  const good2 = creditCode('410105');

  it('keeps the good rows and reports each bad row with its Excel row number, column and reason', async () => {
    const file = await xlsx([
      [good1, '郑州导入甲科技有限公司', '410105001', 'C3670', 300, 12000, 11000, '13900000001'],
      ['91410105XXXXXXXXX1', '郑州坏代码有限公司', '410105001', 'C3670', 10, 100, 100, ''],
      [good2, '郑州导入乙智能装备有限公司', '经八路街道', '矿山机械制造', 50, 800, 700, ''],
      [creditCode('410105'), '郑州负数有限公司', '410105001', 'C3670', 10, -5, 1, ''],
      [good1, '郑州重复代码有限公司', '410105001', 'C3670', 10, 100, 100, ''],
      [creditCode('410102'), '郑州越界有限公司', '410102001', 'C3670', 10, 100, 100, ''],
    ]);
    const job = await importAndWait(jinshui, 'firms.xlsx', file);
    expect(job.status).toBe('done');
    expect(job.result).toMatchObject({ imported: 2, updated: 0, unchanged: 0 });
    const failed = job.result.failed.map((f: { row: number; column: string; code: string }) => [f.row, f.column, f.code]);
    expect(failed).toEqual([
      [3, '统一社会信用代码', 'CREDIT_CODE_INVALID'],
      [5, '营业收入(万元)', 'NEGATIVE'],
      [6, '统一社会信用代码', 'CREDIT_CODE_DUPLICATE'],
      [7, '所在街道(乡镇)代码', 'DIVISION_OUT_OF_SCOPE'],
    ]);
    expect(job.result.failed[2].message).toMatch(/第 2 行/);
    expect(job.errorReportUrl).toBeDefined();
    const byName = (await jinshui.get(`/api/v1/enterprises?q=${encodeURIComponent('导入乙智能')}`)).json().items[0];
    expect(byName).toMatchObject({ divisionCode: '410105001', industryCode: 'C3511' });

    const report = await jinshui.get(job.errorReportUrl);
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('统一社会信用代码');
    expect(sheet.rowCount).toBe(5);
    expect(String(sheet.getRow(2).getCell(HEADER.length + 1).value)).toMatch(/校验|字符/);
  });

  it('adds nothing when the same file is imported twice, and updates changed rows', async () => {
    const code = creditCode('410105');
    const first = await xlsx([[code, '郑州两次导入有限公司', '410105001', 'C3670', 100, 3000, 2900, '']]);
    expect((await importAndWait(jinshui, 'a.xlsx', first)).result).toMatchObject({ imported: 1, updated: 0, unchanged: 0 });
    expect((await importAndWait(jinshui, 'a.xlsx', first)).result).toMatchObject({ imported: 0, updated: 0, unchanged: 1 });
    const changed = await xlsx([[code, '郑州两次导入有限公司', '410105001', 'C3670', 500, 3000, 2900, '']]);
    expect((await importAndWait(jinshui, 'a.xlsx', changed)).result).toMatchObject({ imported: 0, updated: 1, unchanged: 0 });
    const list = (await jinshui.get(`/api/v1/enterprises?q=${encodeURIComponent('两次导入')}`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ employees: 500, sizeClass: 'medium' });
  });

  it('never overwrites another district’s enterprise through an import', async () => {
    const code = creditCode('410102');
    expect((await importAndWait(zhongyuan, 'z.xlsx', await xlsx([[code, '郑州中原企业有限公司', '410102001', 'C3670', 10, 100, 100, '']]))).result.imported).toBe(1);
    const job = await importAndWait(jinshui, 'j.xlsx', await xlsx([[code, '郑州被改名有限公司', '410105001', 'C3670', 10, 100, 100, '']]));
    expect(job.result.imported + job.result.updated).toBe(0);
    expect(job.result.failed[0].code).toBe('CREDIT_CODE_OUT_OF_SCOPE');
  });

  it('imports a UTF-8 CSV with a BOM, header aliases and thousands separators', async () => {
    const code = creditCode('410105');
    const csv = `\uFEFF信用代码,名称,街道代码,行业代码,营业收入\n${code},郑州CSV导入有限公司,410105001,C3670,"1,500"\n`;
    const job = await importAndWait(jinshui, 'firms.csv', Buffer.from(csv, 'utf8'));
    expect(job.result).toMatchObject({ imported: 1 });
    const found = (await jinshui.get(`/api/v1/enterprises?q=${encodeURIComponent('CSV导入')}`)).json();
    expect(found.items[0].revenueWan).toBe(1500);
  });

  it('reads a GB18030 CSV as Excel in China saves it', async () => {
    // 名称 / 信用代码 … encoded in GB18030 by hand: the bytes are the standard's code points.
    const gb = (hex: string) => Buffer.from(hex.replace(/\s/g, ''), 'hex');
    const header = Buffer.concat([gb('D0C5 D3C3 B4FA C2EB'), Buffer.from(','), gb('C3FB B3C6'), Buffer.from(','), gb('BDD6 B5C0 B4FA C2EB'), Buffer.from(','), gb('D0D0 D2B5 B4FA C2EB'), Buffer.from('\n')]);
    const code = creditCode('410105');
    const row = Buffer.concat([Buffer.from(`${code},`), gb('D6A3 D6DD BCD7 D2D2 D3D0 CFDE B9AB CBBE'), Buffer.from(',410105001,C3670\n')]);
    const job = await importAndWait(jinshui, 'gbk.csv', Buffer.concat([header, row]));
    expect(job.result).toMatchObject({ imported: 1 });
    expect((await jinshui.get(`/api/v1/enterprises?q=${encodeURIComponent('郑州甲乙')}`)).json().total).toBe(1);
  });

  it('refuses a file that is not a spreadsheet, an empty file, missing columns and a zip bomb, changing nothing', async () => {
    const before = (await jinshui.get('/api/v1/enterprises')).json().total;
    const png = await upload(jinshui, 'photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    expect(png.statusCode).toBe(400);
    expect(png.json().error.code).toBe('IMPORT_FILE_UNREADABLE');
    expect((await upload(jinshui, 'empty.xlsx', Buffer.alloc(0))).json().error.code).toBe('IMPORT_FILE_EMPTY');
    const noColumns = await upload(jinshui, 'x.xlsx', await xlsx([['a']], ['名称']));
    expect(noColumns.json().error.code).toBe('IMPORT_HEADER_MISSING');
    expect(noColumns.json().error.message).toMatch(/统一社会信用代码/);
    const zip = new JSZip();
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(300 * 1024 * 1024, 0x41));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    const bombRes = await upload(jinshui, 'bomb.xlsx', bomb);
    expect(bombRes.statusCode).toBe(400);
    expect(bombRes.json().error.code).toBe('IMPORT_FILE_SUSPICIOUS');
    expect((await jinshui.get('/api/v1/enterprises')).json().total).toBe(before);
  });

  it('refuses an upload over the size limit with 413', async () => {
    const res = await upload(jinshui, 'big.csv', Buffer.alloc(6 * 1024 * 1024, 0x41));
    expect(res.statusCode).toBe(413);
  });
});

describe('template and export', () => {
  it('offers a template with required columns marked and drop-downs', async () => {
    const res = await jinshui.get('/api/v1/enterprises/import-template.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('企业信息')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('*统一社会信用代码');
    expect(sheet.getCell('C2').dataValidation?.type).toBe('list');
  });

  it('exports the filtered, scoped list with formulas neutralised and contacts masked for read-only roles', async () => {
    await jinshui.post('/api/v1/enterprises', {
      creditCode: creditCode('410105'), name: '=HYPERLINK("http://evil")有限公司', divisionCode: '410105001', industryCode: 'C3670', contactPhone: '13912345678',
    });
    const res = await jinshui.get('/api/v1/enterprises/export.xlsx?industry=C36');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const names = sheet.getColumn(2).values.filter((v) => typeof v === 'string') as string[];
    expect(names).toContain(`'=HYPERLINK("http://evil")有限公司`);
    expect(names.every((n) => !n.startsWith('='))).toBe(true);
    expect(names).not.toContain('郑州中原企业有限公司');

    const leader = await t.signIn('leader');
    const leaderExport = await leader.get('/api/v1/enterprises/export.xlsx');
    const lwb = new ExcelJS.Workbook();
    await lwb.xlsx.load(leaderExport.rawPayload as unknown as ArrayBuffer);
    const phones = lwb.worksheets[0]!.getColumn(22).values.filter((v) => typeof v === 'string') as string[];
    expect(phones).toContain('139****5678');
  });
});
