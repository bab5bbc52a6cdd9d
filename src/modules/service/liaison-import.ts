import { readServiceSheet } from './service-sheet.ts';
import { LIAISON_LEVELS, type LiaisonLevel } from './service.constants.ts';

/** One row of a liaison sheet, as read (before any lookup). */
export type LiaisonSheetRow = { row: number; officer: string; creditCode: string; level: string; since: string; until: string };

export const LIAISON_COLUMNS = [
  { key: 'officer', headers: ['干部账号', '包联干部账号', 'officer'] },
  { key: 'creditCode', headers: ['统一社会信用代码', 'creditcode', 'credit code'] },
  { key: 'level', headers: ['包联层级', '层级', 'level'] },
  { key: 'since', headers: ['开始日期', 'since'] },
  { key: 'until', headers: ['结束日期', 'until'], optional: true },
] as const;

export const MAX_LIAISON_ROWS = 2000;

const LEVEL_WORDS: Record<string, LiaisonLevel> = { 市: 'city', 市级: 'city', 区: 'district', 区级: 'district', 区县: 'district', 县: 'district', 街道: 'street', 乡镇: 'street', 街道级: 'street' };

/** 市/区/街道 (or city/district/street) → the level; null when unknown. */
export function parseLevel(text: string): LiaisonLevel | null {
  const t = text.trim().toLowerCase();
  if ((LIAISON_LEVELS as readonly string[]).includes(t)) return t as LiaisonLevel;
  return LEVEL_WORDS[t] ?? null;
}

/** Reads the first sheet of an .xlsx into liaison rows; the header row names the columns (Chinese or English). */
export async function readLiaisonSheet(buffer: Buffer): Promise<LiaisonSheetRow[]> {
  const rows = await readServiceSheet(buffer, LIAISON_COLUMNS, MAX_LIAISON_ROWS);
  return rows.map((r) => ({ ...r, creditCode: r.creditCode.toUpperCase() }));
}
