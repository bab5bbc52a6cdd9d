import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../../test/helpers/app.ts';
import { creditCode } from '../../../../test/helpers/factories.ts';
import { startJobQueue, type JobQueue } from '../../../server/jobs.ts';
import { IMPORT_QUEUE } from './transfer.service.ts';

// Imports on the job queue: the file is kept in the database, so whichever process takes the job can run it.
let t: TestApp;
let jinshui: Client;
let queue: JobQueue;
const silent = { info: () => undefined, error: () => undefined };

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业');
  ws.addRow(['统一社会信用代码', '企业名称', '所在街道(乡镇)代码', '国民经济行业代码', '从业人员(人)', '营业收入(万元)']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function waitForJob(client: Client, jobId: string) {
  for (let i = 0; i < 400; i++) {
    const job = (await client.get(`/api/v1/import-jobs/${jobId}`)).json();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the import job did not finish');
}

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser({ username: 'jinshui', role: 'district', jurisdictionCode: '410105' });
  await t.createUser({ username: 'zhongyuan', role: 'district', jurisdictionCode: '410102' });
  jinshui = await t.signIn('jinshui');
  const transfer = t.app.enterpriseTransfer;
  queue = await startJobQueue({
    pool: t.database.pool,
    log: silent,
    pollingIntervalSeconds: 0.5,
    singleConnection: t.database.kind === 'pglite',
    definitions: [{ name: IMPORT_QUEUE, policy: 'standard', retryLimit: 1, expireInSeconds: 600, handle: (data: { jobId: string }) => transfer.runImportJob(data.jobId) }],
  });
  transfer.attachQueue((jobId) => queue.send(IMPORT_QUEUE, { jobId }));
});
afterAll(async () => {
  await queue.stop();
  await t.close();
});

describe('import jobs on the queue', () => {
  it('keeps the uploaded file and runs the import on the queue as the user who started it', async () => {
    const code = creditCode('410105');
    const res = await jinshui.upload('/api/v1/enterprises/imports', await xlsx([[code, '郑州队列导入有限公司', '410105001', 'C3670', 120, 3000]]), '队列导入.xlsx');
    expect(res.statusCode, res.body).toBe(202);
    const job = await waitForJob(jinshui, res.json().jobId);
    expect(job).toMatchObject({ status: 'done', result: { imported: 1, updated: 0, unchanged: 0, failed: [] } });
    const found = (await jinshui.get(`/api/v1/enterprises?q=${code}`)).json();
    expect(found.items.map((e: { name: string }) => e.name)).toEqual(['郑州队列导入有限公司']);
    // the job's file is the uploader's to download, nobody else's
    const row = await t.database.pool.query<{ file_id: string }>('select file_id from import_jobs where id = $1', [res.json().jobId]);
    const fileId = row.rows[0]?.file_id ?? '';
    expect((await jinshui.get(`/api/v1/files/${fileId}`)).statusCode).toBe(200);
    expect((await (await t.signIn('zhongyuan')).get(`/api/v1/files/${fileId}`)).statusCode).toBe(404);
  });

  it('runs a job again harmlessly when a process died in the middle of it', async () => {
    const code = creditCode('410105');
    const res = await jinshui.upload('/api/v1/enterprises/imports', await xlsx([[code, '郑州重跑导入有限公司', '410105001', 'C3670', 60, 900]]), '重跑.xlsx');
    const jobId: string = res.json().jobId;
    expect((await waitForJob(jinshui, jobId)).status).toBe('done');
    // as if the process had died after the import committed but before the job was marked done
    await t.database.pool.query(`update import_jobs set status = 'running' where id = $1`, [jobId]);
    await t.app.enterpriseTransfer.runImportJob(jobId);
    const again = (await jinshui.get(`/api/v1/import-jobs/${jobId}`)).json();
    expect(again).toMatchObject({ status: 'done', result: { imported: 0, unchanged: 1 } });
    expect((await jinshui.get(`/api/v1/enterprises?q=${code}`)).json().total).toBe(1);
  });
});
