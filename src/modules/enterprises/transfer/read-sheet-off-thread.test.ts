import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSpreadsheetOffThread } from './read-sheet-off-thread.ts';

describe('reading a spreadsheet off the main thread', () => {
  it('returns the rows with Excel row numbers while timers keep firing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业');
    ws.addRow(['统一社会信用代码', '企业名称', '成立日期']);
    for (let i = 0; i < 20_000; i++) ws.addRow([`CODE${i}`, `郑州测试${i}有限公司`, new Date(Date.UTC(2010, 0, 1 + (i % 300)))]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const sheet = await readSpreadsheetOffThread(buffer, 'big.xlsx');
    clearInterval(timer);
    expect(sheet.headers).toEqual(['统一社会信用代码', '企业名称', '成立日期']);
    expect(sheet.rows).toHaveLength(20_000);
    expect(sheet.rows[0]).toMatchObject({ rowNumber: 2, cells: ['CODE0', '郑州测试0有限公司', expect.any(Date)] });
    expect(ticks).toBeGreaterThan(3);
  });

  it('brings the reader’s own errors back with their code', async () => {
    await expect(readSpreadsheetOffThread(Buffer.alloc(0), 'empty.xlsx')).rejects.toMatchObject({ code: 'IMPORT_FILE_EMPTY' });
  });
});
