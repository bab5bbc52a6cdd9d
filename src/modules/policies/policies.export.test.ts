import ExcelJS from 'exceljs';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { loadStarterCatalogue } from './catalogue.ts';
import { streamMatchesWorkbook } from './policies.export.ts';
import type { PolicyMatchRow } from './policies.schemas.ts';

const row = (name: string, miss: PolicyMatchRow['miss']): PolicyMatchRow => ({
  enterpriseId: name, name, creditCode: '91410102MA00000001', divisionCode: '410102001', divisionName: null, industryCode: 'C3670', benefit: { kind: 'estimated', amountWan: 20, capped: false }, miss,
});

/** The cells of the workbook's rows under its title and header rows. */
async function bodyRows(rows: PolicyMatchRow[]): Promise<unknown[][]> {
  async function* batches() {
    yield rows;
  }
  const [item] = loadStarterCatalogue().items;
  if (!item) throw new Error('the starter catalogue has no item');
  const stream = streamMatchesWorkbook({ item, asOf: '2026-11-25', kind: 'near-miss', batches: batches(), locale: 'zh-CN' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buffer(stream)) as unknown as ExcelJS.Buffer);
  const out: unknown[][] = [];
  wb.worksheets[0]?.eachRow((r, n) => {
    if (n > 2) out.push((r.values as unknown[]).slice(1));
  });
  return out;
}

describe('streamMatchesWorkbook', () => {
  it('writes a near miss’s actual value in words when it has them, and the value itself otherwise', async () => {
    const rows = await bodyRows([
      row('中原区企业', { condition: 0, label: '所在县级区划 (GB/T 2260 前6位) = 金水区 (410105)', actual: '410102', actualLabel: '中原区 (410102)', required: '410105' }),
      row('差一点企业', { condition: 1, label: '主营业务收入 (万元) > 500000', actual: 490000, required: 500000, gap: 10000 }),
      row('未知区划企业', { condition: 0, label: '所在县级区划 (GB/T 2260 前6位) = 金水区 (410105)', actual: '999999', required: '410105' }),
    ]);
    // columns: name, credit code, division, industry, benefit, note, condition, actual, required, gap
    expect(rows.map((r) => [r[0], r[7], r[8]])).toEqual([
      ['中原区企业', '中原区 (410102)', '410105'],
      ['差一点企业', 490000, 500000],
      ['未知区划企业', '999999', '410105'],
    ]);
  });

  it('writes a near miss’s required value in words when it has them, and the value itself otherwise', async () => {
    const rows = await bodyRows([
      row('中原区企业', { condition: 0, label: '所在县级区划 (GB/T 2260 前6位) = 金水区 (410105)', actual: '410102', actualLabel: '中原区 (410102)', required: '410105', requiredLabel: '金水区 (410105)' }),
      row('批发企业', { condition: 1, label: '行业门类 (如 C 制造业) ∈ [B 采矿业, C 制造业]', actual: 'F', required: ['B', 'C'], requiredLabel: '[B 采矿业, C 制造业]' }),
      row('差一点企业', { condition: 1, label: '主营业务收入 (万元) > 500000', actual: 490000, required: 500000, gap: 10000 }),
      row('英文企业', { condition: 1, label: 'Industry section in [B, C]', actual: 'F', required: ['B', 'C'] }),
    ]);
    // columns: name, credit code, division, industry, benefit, note, condition, actual, required, gap
    expect(rows.map((r) => [r[0], r[7], r[8]])).toEqual([
      ['中原区企业', '中原区 (410102)', '金水区 (410105)'],
      ['批发企业', 'F', '[B 采矿业, C 制造业]'],
      ['差一点企业', 490000, 500000],
      ['英文企业', 'F', 'B、C'],
    ]);
  });
});
