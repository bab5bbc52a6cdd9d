import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { creditCode } from '../helpers/factories.ts';

const GAODI = join(import.meta.dirname, '../../bin/gaodi.js');
const dir = mkdtempSync(join(tmpdir(), 'gaodi-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `node bin/gaodi.js ARGS` with optional stdin and extra environment. */
function gaodi(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [GAODI, ...args], { env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    p.stdin.end(options.input ?? '');
  });
}

describe('gaodi check-code', () => {
  it('prints one JSON line per code with the reason for a wrong one', async () => {
    const good = '91410000170001401D';
    const { code, stdout } = await gaodi(['check-code', '--json', good, '91410000170001401C', '9141000017000140']);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ code: good, valid: true });
    expect(lines[1]).toMatchObject({ valid: false, reason: 'check-character' });
    expect(lines[2]).toMatchObject({ valid: false, reason: 'length' });
  });
});

describe('gaodi classify', () => {
  it('classifies JSON lines and keeps going after a bad line', async () => {
    const input = [
      JSON.stringify({ industryCode: 'C3670', employees: 300, revenueWan: 2000, assetsWan: 5000, mainBusinessRevenueWan: 2000, legalEntity: true }),
      'not json',
      JSON.stringify({ industryCode: 'C36', employees: 299, revenueWan: 50000 }),
    ].join('\n');
    const { stdout } = await gaodi(['classify'], { input });
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ sizeClass: 'medium', aboveScale: true });
    expect(lines[1]).toMatchObject({ sizeClass: null, aboveScale: false, reason: expect.any(String) });
    expect(lines[2]).toMatchObject({ sizeClass: 'small' });
  });
});

describe('gaodi import enterprises', () => {
  it('imports a file into the embedded database and prints the result as the last JSON line; a second run adds nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业');
    ws.addRow(['统一社会信用代码', '企业名称', '所在街道(乡镇)代码', '国民经济行业代码', '营业收入(万元)']);
    ws.addRow([creditCode('410105'), '郑州命令行导入有限公司', '410105001', 'C3670', 3000]);
    ws.addRow(['BAD', '郑州坏行有限公司', '410105001', 'C3670', 10]);
    const file = join(dir, 'firms.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const env = { GAODI_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' }; // always the embedded database: never write into a shared server
    const first = await gaodi(['import', 'enterprises', file, '--json'], { env });
    const result = JSON.parse(first.stdout.trim().split('\n').pop() ?? '{}');
    expect(result).toMatchObject({ imported: 1, updated: 0, unchanged: 0 });
    expect(result.failed).toEqual([{ row: 3, column: '统一社会信用代码', message: expect.stringContaining('统一社会信用代码无效') }]);
    const second = JSON.parse((await gaodi(['import', 'enterprises', file, '--json'], { env })).stdout.trim().split('\n').pop() ?? '{}');
    expect(second).toMatchObject({ imported: 0, unchanged: 1 });
  });
});
