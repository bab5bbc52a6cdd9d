// Spreadsheets for the browser tests, built with exceljs.
import ExcelJS from 'exceljs';

const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A 统一社会信用代码 with the right check character for a 17-character base (GB 32100-2015). */
export function creditCode(base) {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += CHARS.indexOf(base[i]) * WEIGHTS[i];
  return base + CHARS[(31 - (sum % 31)) % 31];
}

/** The check character of a GB 11714-1997 organisation code from its 8 body characters. */
function organizationCheck(body8) {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += parseInt(body8[i], 36) * weights[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** A base of 17 characters: 91 (enterprise), the division, a random organisation code with its check. */
export function randomBase(division = '410105') {
  let body = '';
  for (let i = 0; i < 8; i += 1) body += String(Math.floor(Math.random() * 10));
  return `91${division}${body}${organizationCheck(body)}`;
}

export const HEADERS = ['统一社会信用代码', '企业名称', '所在街道(乡镇)代码', '国民经济行业代码', '从业人员(人)', '营业收入(万元)', '资产总额(万元)'];

/** An .xlsx with a header row (the enterprise template's by default) and the given rows, as a Buffer. */
export async function buildWorkbook(rows, headers = HEADERS) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('企业');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Every cell's text of the first sheet of an .xlsx file. */
export async function readWorkbook(path) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  const rows = [];
  sheet?.eachRow((row) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows.push(values.map((v) => (v && typeof v === 'object' && 'text' in v ? String(v.text) : v == null ? '' : String(v))));
  });
  return rows;
}
