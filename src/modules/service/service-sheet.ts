import ExcelJS from 'exceljs';
import { AppError } from '../../server/errors.ts';

/** A column of a service-desk sheet: its key and the header texts (Chinese first) that name it. */
export type SheetColumn<K extends string> = { key: K; headers: readonly string[]; optional?: boolean };

/** One data row of a sheet, with its row number as Excel shows it (the header is row 1). */
export type SheetRow<K extends string> = { row: number } & Record<K, string>;

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return new Date(value.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('').trim();
  if (typeof value === 'object' && 'text' in value) return String(value.text).trim();
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '').trim();
  return String(value).trim();
}

/**
 * Reads the first sheet of an .xlsx: the header row names the columns (Chinese or English, a
 * leading `*` for required columns is ignored); blank rows are skipped. Throws SERVICE_IMPORT_*
 * for a file that is not a workbook, is empty, lacks a required column or has too many rows.
 */
export async function readServiceSheet<K extends string>(buffer: Buffer, columns: readonly SheetColumn<K>[], maxRows: number): Promise<SheetRow<K>[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('SERVICE_IMPORT_UNREADABLE', { status: 400 });
  }
  const sheet = wb.worksheets[0];
  if (!sheet || sheet.rowCount < 2) throw new AppError('SERVICE_IMPORT_EMPTY', { status: 400 });
  if (sheet.rowCount > maxRows + 1) throw new AppError('SERVICE_IMPORT_TOO_MANY_ROWS', { status: 400, params: { max: maxRows } });
  const index = new Map<K, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const text = cellText(cell.value).replace(/^\*/, '').trim().toLowerCase();
    const column = columns.find((c) => c.headers.some((h) => h.toLowerCase() === text));
    if (column && !index.has(column.key)) index.set(column.key, col);
  });
  const missing = columns.filter((c) => !c.optional && !index.has(c.key)).map((c) => c.headers[0]);
  if (missing.length) throw new AppError('SERVICE_IMPORT_HEADER_MISSING', { status: 400, params: { columns: missing.join('、') } });
  const rows: SheetRow<K>[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const values = {} as Record<K, string>;
    for (const c of columns) {
      const col = index.get(c.key);
      values[c.key] = col ? cellText(row.getCell(col).value) : '';
    }
    if (Object.values<string>(values).every((v) => v === '')) continue;
    rows.push({ row: r, ...values });
  }
  if (rows.length === 0) throw new AppError('SERVICE_IMPORT_EMPTY', { status: 400 });
  return rows;
}
