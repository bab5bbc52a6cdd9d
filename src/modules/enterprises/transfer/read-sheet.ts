import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse as parseCsv } from 'csv-parse/sync';
import { AppError } from '../../../server/errors.ts';

export type Cell = string | number | boolean | Date | null;
export type SheetRow = { rowNumber: number; cells: Cell[] };
export type Sheet = { headers: string[]; rows: SheetRow[] };

/** An .xlsx may expand to at most this much, and no entry may expand more than this ratio (zip bombs). */
const MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024;
const MAX_RATIO = 400;

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Buffer) => b.length >= 8 && b.readUInt32BE(0) === 0xd0cf11e0; // legacy .xls

/** Rejects an archive whose entries expand far beyond their compressed size, before anything inflates them. */
async function assertNotZipBomb(buffer: Buffer): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer, { checkCRC32: false });
  } catch {
    throw new AppError('IMPORT_FILE_UNREADABLE');
  }
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    // JSZip keeps the central directory's sizes without inflating the entry.
    const data = (entry as unknown as { _data?: { uncompressedSize?: number; compressedSize?: number } })._data;
    const size = data?.uncompressedSize ?? 0;
    const compressed = Math.max(1, data?.compressedSize ?? 1);
    total += size;
    if (size > 1024 * 1024 && size / compressed > MAX_RATIO) throw new AppError('IMPORT_FILE_SUSPICIOUS');
  }
  if (total > MAX_UNCOMPRESSED_BYTES) throw new AppError('IMPORT_FILE_SUSPICIOUS');
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return null;
  }
  return String(value);
}

async function readXlsx(buffer: Buffer): Promise<Sheet> {
  await assertNotZipBomb(buffer);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_FILE_UNREADABLE');
  }
  const sheet = workbook.worksheets.find((w) => w.state !== 'hidden' && w.state !== 'veryHidden' && w.actualRowCount > 0) ?? workbook.worksheets[0];
  if (!sheet) throw new AppError('IMPORT_FILE_EMPTY');
  const headerRow = sheet.getRow(1);
  const headers: string[] = [];
  headerRow.eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = String(cellValue(cell.value) ?? '').trim();
  });
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Cell[] = [];
    for (let c = 1; c <= headers.length; c++) cells.push(cellValue(row.getCell(c).value));
    if (cells.some((v) => v !== null && String(v).trim() !== '')) rows.push({ rowNumber, cells });
  });
  return { headers: headers.map((h) => h ?? ''), rows };
}

function decodeText(buffer: Buffer): string {
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(buffer);
  // Excel in China saves CSV as GB18030/GBK; U+FFFD means the bytes were not UTF-8.
  const text = utf8.includes('\uFFFD') ? new TextDecoder('gb18030').decode(buffer) : utf8;
  return text.replace(/^\uFEFF/, '');
}

function readCsv(buffer: Buffer): Sheet {
  const text = decodeText(buffer);
  if (text.includes('\u0000')) throw new AppError('IMPORT_FILE_UNREADABLE');
  let records: string[][];
  try {
    records = parseCsv(text, { relax_column_count: true, skip_empty_lines: false, bom: true, trim: false });
  } catch {
    throw new AppError('IMPORT_FILE_UNREADABLE');
  }
  const [header, ...body] = records;
  if (!header) throw new AppError('IMPORT_FILE_EMPTY');
  const rows: SheetRow[] = [];
  body.forEach((cells, i) => {
    if (cells.some((c) => c.trim() !== '')) rows.push({ rowNumber: i + 2, cells: cells.map((c) => (c.trim() === '' ? null : c)) });
  });
  return { headers: header.map((h) => h.trim()), rows };
}

/** Reads the first sheet of an .xlsx or a .csv (UTF-8 or GB18030); row numbers are as Excel shows them (header = 1). */
export async function readSpreadsheet(buffer: Buffer, fileName: string): Promise<Sheet> {
  if (buffer.length === 0) throw new AppError('IMPORT_FILE_EMPTY');
  let sheet: Sheet;
  if (isZip(buffer)) sheet = await readXlsx(buffer);
  else if (isOle(buffer)) throw new AppError('IMPORT_FILE_UNREADABLE');
  else if (/\.(csv|txt)$/i.test(fileName) || !/\.[a-z0-9]+$/i.test(fileName)) sheet = readCsv(buffer);
  else throw new AppError('IMPORT_FILE_UNREADABLE');
  if (sheet.headers.every((h) => !h)) throw new AppError('IMPORT_FILE_EMPTY');
  return sheet;
}
