import ExcelJS from 'exceljs';
import { normalizeCreditCode } from '../../standards/index.ts';
import { URGENCIES, type Urgency } from './service.constants.ts';
import { readServiceSheet, type SheetRow } from './service-sheet.ts';

/** The columns of a request sheet (诉求导入). */
export const REQUEST_COLUMNS = [
  { key: 'creditCode', headers: ['统一社会信用代码', 'creditcode', 'credit code'] },
  { key: 'category', headers: ['诉求类别', '类别', 'category'] },
  { key: 'urgency', headers: ['紧急程度', 'urgency'], optional: true },
  { key: 'title', headers: ['标题', '诉求标题', 'title'] },
  { key: 'description', headers: ['诉求内容', '内容', '描述', 'description'] },
] as const;

export type RequestSheetRow = SheetRow<(typeof REQUEST_COLUMNS)[number]['key']>;

export const MAX_REQUEST_ROWS = 2000;
export const TITLE_MAX = 100;
export const DESCRIPTION_MAX = 5000;

const URGENCY_WORDS: Record<string, Urgency> = { 一般: 'normal', 普通: 'normal', 紧急: 'urgent', 急: 'urgent', 特急: 'critical', 非常紧急: 'critical' };
const URGENCY_NAMES: Record<Urgency, string> = { normal: '一般', urgent: '紧急', critical: '特急' };

/** 一般/紧急/特急 (or normal/urgent/critical); a blank cell is 一般; null when unknown. */
export function parseUrgency(text: string): Urgency | null {
  const t = text.trim().toLowerCase();
  if (t === '') return 'normal';
  if ((URGENCIES as readonly string[]).includes(t)) return t as Urgency;
  return URGENCY_WORDS[t] ?? null;
}

/** Reads a request sheet; credit codes normalised (trimmed, half-width, upper case). */
export async function readRequestSheet(buffer: Buffer): Promise<RequestSheetRow[]> {
  const rows = await readServiceSheet(buffer, REQUEST_COLUMNS, MAX_REQUEST_ROWS);
  return rows.map((r) => ({ ...r, creditCode: normalizeCreditCode(r.creditCode) }));
}

/** The blank request sheet: required columns starred, drop-downs for category and urgency, an example row. */
export async function buildRequestTemplate(categories: readonly { code: string; nameZh: string }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('诉求');
  const lists = wb.addWorksheet('选项', { state: 'veryHidden' });
  categories.forEach((c, i) => {
    lists.getCell(i + 1, 1).value = c.nameZh;
  });
  URGENCIES.forEach((u, i) => {
    lists.getCell(i + 1, 2).value = URGENCY_NAMES[u];
  });
  sheet.columns = [
    { header: '*统一社会信用代码', width: 24 },
    { header: '*诉求类别', width: 14 },
    { header: '紧急程度', width: 10 },
    { header: '*标题', width: 30 },
    { header: '*诉求内容', width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(['91410100MA40000000', categories[0]?.nameZh ?? '用地', '一般', '（示例，导入前请删除）扩建厂房用地指标', '企业计划扩建二期厂房，需新增用地约 30 亩，请协调用地指标。']);
  for (let r = 2; r <= MAX_REQUEST_ROWS + 1; r++) {
    sheet.getCell(r, 2).dataValidation = { type: 'list', allowBlank: false, formulae: [`'选项'!$A$1:$A$${Math.max(categories.length, 1)}`] };
    sheet.getCell(r, 3).dataValidation = { type: 'list', allowBlank: true, formulae: [`'选项'!$B$1:$B$${URGENCIES.length}`] };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
