/** The .xlsx of an item's eligible enterprises or near misses, streamed; text that looks like a formula is neutralised. */
import ExcelJS from 'exceljs';
import { PassThrough, type Readable } from 'node:stream';
import type { Locale } from '../../server/i18n/index.ts';
import type { PolicyItem } from './catalogue.ts';
import type { MatchKind, PolicyMatchRow } from './policies.schemas.ts';

/** Prefixes text a spreadsheet would run as a formula (= + - @, tab, carriage return) with `'`. */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const HEADERS = {
  'zh-CN': { name: '企业名称', creditCode: '统一社会信用代码', division: '所在区划', industry: '行业代码', benefit: '预计金额(万元)', benefitNote: '金额说明', condition: '未满足的条件', actual: '实际值', required: '要求', gap: '差距', item: '政策事项', document: '文号', asOf: '匹配日期', sheet: '匹配结果', pending: '文号待核实', capped: '已按上限计', notEstimable: '无法估算', error: '公式出错' },
  'en-US': { name: 'Enterprise', creditCode: 'Credit code', division: 'Division', industry: 'Industry code', benefit: 'Estimated (10k CNY)', benefitNote: 'Note', condition: 'Condition not met', actual: 'Actual', required: 'Required', gap: 'Gap', item: 'Item', document: 'Document number', asOf: 'As of', sheet: 'Matches', pending: 'number to be verified', capped: 'capped', notEstimable: 'not estimable', error: 'formula error' },
} as const;

const text = (value: unknown): string => (value === undefined || value === null ? '' : neutralizeFormula(Array.isArray(value) ? value.join('、') : String(value)));

/** A value of a condition: in words where it has a name (中原区 (410102)), as the condition's label names it; a number stays a number. */
const valueCell = (value: unknown, label: string | undefined): string | number => (label !== undefined ? text(label) : typeof value === 'number' ? value : text(value));

/** Streams the workbook: a title row naming the item and the day, then one row per enterprise. */
export function streamMatchesWorkbook(options: { item: PolicyItem; asOf: string; kind: MatchKind; batches: AsyncIterable<PolicyMatchRow[]>; locale: Locale }): Readable {
  const h = HEADERS[options.locale];
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = wb.addWorksheet(h.sheet);
  const nearMiss = options.kind === 'near-miss';
  sheet.columns = [
    { key: 'name', width: 36 },
    { key: 'creditCode', width: 22 },
    { key: 'division', width: 16 },
    { key: 'industry', width: 10 },
    { key: 'benefit', width: 16 },
    { key: 'benefitNote', width: 18 },
    ...(nearMiss ? [{ key: 'condition', width: 40 }, { key: 'actual', width: 20 }, { key: 'required', width: 20 }, { key: 'gap', width: 12 }] : []),
  ];
  const title = `${h.item}: ${options.item.title} · ${h.document}: ${options.item.documentNumber ?? h.pending} · ${h.asOf}: ${options.asOf}`;
  sheet.addRow([neutralizeFormula(title)]).commit();
  const header = sheet.addRow([h.name, h.creditCode, h.division, h.industry, h.benefit, h.benefitNote, ...(nearMiss ? [h.condition, h.actual, h.required, h.gap] : [])]);
  header.font = { bold: true };
  header.commit();
  (async () => {
    for await (const batch of options.batches) {
      for (const r of batch) {
        const b = r.benefit;
        const values: Record<string, unknown> = {
          name: text(r.name),
          creditCode: text(r.creditCode),
          division: text(r.divisionName ?? r.divisionCode),
          industry: text(r.industryCode),
          benefit: b.kind === 'estimated' ? b.amountWan : null,
          benefitNote: b.kind === 'estimated' ? (b.capped ? h.capped : '') : b.kind === 'error' ? h.error : h.notEstimable,
        };
        if (nearMiss && r.miss) {
          values.condition = text(r.miss.label);
          values.actual = valueCell(r.miss.actual, r.miss.actualLabel);
          values.required = valueCell(r.miss.required, r.miss.requiredLabel);
          values.gap = r.miss.gap ?? null;
        }
        sheet.addRow(values).commit();
      }
    }
    sheet.commit();
    await wb.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
