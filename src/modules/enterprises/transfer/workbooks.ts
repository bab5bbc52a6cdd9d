import ExcelJS from 'exceljs';
import { PassThrough, type Readable } from 'node:stream';
import { listIndustries, getDivision, getIndustry } from '../../../standards/index.ts';
import { ENTERPRISE_TAGS } from '../enterprises.constants.ts';
import { COLUMNS, neutralizeFormula, type Column } from './columns.ts';
import type { FailedRow } from './import.service.ts';

const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E2' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF1B8' } };

function styleHeader(row: ExcelJS.Row, columns: readonly Column[]): void {
  row.font = { bold: true };
  row.height = 22;
  columns.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    cell.fill = c.required ? REQUIRED_FILL : HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    if (c.required) cell.note = '必填 / required';
  });
}

/** The import template: required columns marked (*, red), drop-downs for coded fields from a hidden list sheet, an example row. */
export async function buildTemplate(streets: { code: string; name: string }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gaodi';
  const sheet = wb.addWorksheet('企业信息');
  const lists = wb.addWorksheet('代码表', { state: 'hidden' });
  const guide = wb.addWorksheet('填写说明');

  sheet.columns = COLUMNS.map((c) => ({ header: c.required ? `*${c.header}` : c.header, key: c.key, width: c.width }));
  styleHeader(sheet.getRow(1), COLUMNS);
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  const industries = listIndustries({ level: 'class' });
  lists.getColumn(1).values = ['街道(乡镇)', ...streets.map((s) => `${s.code} ${s.name}`)];
  lists.getColumn(2).values = ['国民经济行业(小类)', ...industries.map((i) => `${i.code} ${i.name}`)];
  lists.getColumn(3).values = ['企业标签', ...ENTERPRISE_TAGS];
  lists.getColumn(4).values = ['是否', '是', '否'];
  const listRef = (col: string, n: number) => [`代码表!$${col}$2:$${col}$${Math.max(2, n + 1)}`];
  const colIndex = (key: string) => COLUMNS.findIndex((c) => c.key === key) + 1;
  const validations: [string, ExcelJS.DataValidation][] = [
    ['divisionCode', { type: 'list', allowBlank: false, formulae: listRef('A', streets.length), showErrorMessage: false }],
    ['industryCode', { type: 'list', allowBlank: false, formulae: listRef('B', industries.length), showErrorMessage: false }],
    ['tags', { type: 'list', allowBlank: true, formulae: listRef('C', ENTERPRISE_TAGS.length), showErrorMessage: false }],
    ['legalEntity', { type: 'list', allowBlank: true, formulae: listRef('D', 2) }],
  ];
  for (let r = 2; r <= 1001; r++) {
    for (const [key, validation] of validations) sheet.getCell(r, colIndex(key)).dataValidation = validation;
  }
  const example = streets[0];
  sheet.addRow({
    creditCode: '示例行，导入时会被忽略',
    name: '示例：郑州某某智能装备有限公司',
    divisionCode: example ? `${example.code} ${example.name}` : '410105001',
    industryCode: 'C3670 汽车零部件及配件制造',
    foundedOn: '2015-06-18', employees: 260, revenueWan: 18500, mainBusinessRevenueWan: 17600, assetsWan: 21000,
    rdExpenseWan: 720, taxWan: 650, landMu: 48, energyTce: 1200, patents: 36, exportWan: 0,
    tags: '高新技术企业', legalEntity: '是', parkName: '', address: '郑州市某区某路 1 号', legalRepresentative: '张三', contactName: '李四', contactPhone: '13800000000',
  }).font = { italic: true, color: { argb: 'FF8C8C8C' } };

  guide.columns = [{ width: 24 }, { width: 90 }];
  guide.addRows([
    ['填写说明', ''],
    ['必填列', '表头带 * 且底色为红色的列必须填写：统一社会信用代码、企业名称、所在街道(乡镇)代码、国民经济行业代码。'],
    ['统一社会信用代码', '18 位，按 GB 32100-2015 校验；同一代码再次导入会更新该企业，不会重复新增。'],
    ['街道(乡镇)代码', '从下拉列表选择，或填写 9 位统计用区划代码（GB/T 2260 / 国家统计局）。'],
    ['国民经济行业代码', '从下拉列表选择，或填写 GB/T 4754-2017 代码，如 C3670。'],
    ['金额与单位', '金额单位为万元，用地单位为亩，能耗单位为吨标准煤；不得为负数。'],
    ['企业标签', `多个标签用顿号或逗号分隔，可选：${ENTERPRISE_TAGS.join('、')}`],
    ['示例行', '第 2 行为示例，企业名称以“示例”开头的行导入时会被忽略，可直接删除。'],
    ['错误报告', '导入后可下载错误报告，修改标黄的行后可直接重新导入。'],
  ]);
  guide.getRow(1).font = { bold: true, size: 14 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The failed rows as they were, with a last column saying what is wrong: fix and re-import as it is. */
export async function buildErrorReport(headers: string[], failedRows: FailedRow[], describe: (p: FailedRow['problems'][number]) => string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('错误行');
  const errorColumn = headers.length + 1;
  sheet.addRow([...headers, '错误说明']);
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).fill = HEADER_FILL;
  sheet.getColumn(errorColumn).width = 60;
  headers.forEach((_, i) => (sheet.getColumn(i + 1).width = 18));
  for (const failed of failedRows) {
    const row = sheet.addRow([...failed.cells, failed.problems.map((p) => `第${p.row}行【${p.column}】${describe(p)}`).join('；')]);
    const badColumns = new Set(failed.problems.map((p) => p.column));
    headers.forEach((h, i) => {
      if ([...badColumns].some((c) => h.replace(/^\*/, '') === c)) row.getCell(i + 1).fill = ERROR_FILL;
    });
    row.getCell(errorColumn).font = { color: { argb: 'FFCF1322' } };
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const SIZE_LABELS: Record<string, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };

export type ExportRow = Record<string, unknown> & { sizeClass: string | null; aboveScale: boolean };

/** Streams an .xlsx of enterprises (template columns plus derived ones); text that looks like a formula is neutralised. */
export function streamExport(batches: AsyncIterable<ExportRow[]>): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = wb.addWorksheet('企业名录');
  const extra = [
    { header: '区划名称', key: 'divisionName', width: 16 },
    { header: '行业名称', key: 'industryName', width: 24 },
    { header: '企业规模', key: 'sizeLabel', width: 10 },
    { header: '是否规上', key: 'aboveScaleLabel', width: 10 },
  ];
  sheet.columns = [...COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width })), ...extra];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  (async () => {
    for await (const batch of batches) {
      for (const r of batch) {
        const values: Record<string, unknown> = {};
        for (const c of COLUMNS) {
          const v = r[c.key];
          if (Array.isArray(v)) values[c.key] = neutralizeFormula(v.join('、'));
          else if (typeof v === 'string') values[c.key] = neutralizeFormula(v);
          else if (typeof v === 'boolean') values[c.key] = v ? '是' : '否';
          else values[c.key] = v ?? null;
        }
        values.divisionName = getDivision(String(r.divisionCode))?.name ?? '';
        values.industryName = getIndustry(String(r.industryCode))?.name ?? '';
        values.sizeLabel = r.sizeClass ? (SIZE_LABELS[r.sizeClass] ?? '') : '';
        values.aboveScaleLabel = r.aboveScale ? '是' : '否';
        sheet.addRow(values).commit();
      }
    }
    sheet.commit();
    await wb.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
