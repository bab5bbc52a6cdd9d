import ExcelJS from 'exceljs';
import { AppError } from '../../server/errors.ts';
import { LIAISON_LEVELS, type LiaisonLevel } from './service.constants.ts';

/** One row of a liaison sheet, as read (before any lookup). */
export type LiaisonSheetRow = { row: number; officer: string; creditCode: string; level: string; since: string; until: string };

export const LIAISON_COLUMNS = [
  { key: 'officer', headers: ['干部账号', '包联干部账号', 'officer'] },
  { key: 'creditCode', headers: ['统一社会信用代码', 'creditcode', 'credit code'] },
  { key: 'level', headers: ['包联层级', '层级', 'level'] },
  { key: 'since', headers: ['开始日期', 'since'] },
  { key: 'until', headers: ['结束日期', 'until'] },
] as const;

export const MAX_LIAISON_ROWS = 2000;

const LEVEL_WORDS: Record<string, LiaisonLevel> = { 市: 'city', 市级: 'city', 区: 'district', 区级: 'district', 区县: 'district', 县: 'district', 街道: 'street', 乡镇: 'street', 街道级: 'street' };

/** 市/区/街道 (or city/district/street) → the level; null when unknown. */
export function parseLevel(text: string): LiaisonLevel | null {
  const t = text.trim().toLowerCase();
  if ((LIAISON_LEVELS as readonly string[]).includes(t)) return t as LiaisonLevel;
  return LEVEL_WORDS[t] ?? null;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return new Date(value.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '');
  return String(value).trim();
}

/** Reads the first sheet of an .xlsx into rows; the header row names the columns (Chinese or English). */
export async function readLiaisonSheet(buffer: Buffer): Promise<LiaisonSheetRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('SERVICE_IMPORT_UNREADABLE', { status: 400 });
  }
  const sheet = wb.worksheets[0];
  if (!sheet || sheet.rowCount < 2) throw new AppError('SERVICE_IMPORT_EMPTY', { status: 400 });
  if (sheet.rowCount > MAX_LIAISON_ROWS + 1) throw new AppError('SERVICE_IMPORT_TOO_MANY_ROWS', { status: 400, params: { max: MAX_LIAISON_ROWS } });
  const header = sheet.getRow(1);
  const index: Partial<Record<(typeof LIAISON_COLUMNS)[number]['key'], number>> = {};
  header.eachCell((cell, col) => {
    const text = cellText(cell.value).replace(/^\*/, '').trim().toLowerCase();
    const column = LIAISON_COLUMNS.find((c) => (c.headers as readonly string[]).includes(text));
    if (column) index[column.key] = col;
  });
  const missing = LIAISON_COLUMNS.filter((c) => c.key !== 'until' && index[c.key] === undefined).map((c) => c.headers[0]);
  if (missing.length) throw new AppError('SERVICE_IMPORT_HEADER_MISSING', { status: 400, params: { columns: missing.join('、') } });
  const rows: LiaisonSheetRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const get = (key: keyof typeof index) => (index[key] ? cellText(row.getCell(index[key]).value) : '');
    const values = { officer: get('officer'), creditCode: get('creditCode').toUpperCase(), level: get('level'), since: get('since'), until: get('until') };
    if (Object.values(values).every((v) => v === '')) continue;
    rows.push({ row: r, ...values });
  }
  if (rows.length === 0) throw new AppError('SERVICE_IMPORT_EMPTY', { status: 400 });
  return rows;
}
