/**
 * The spreadsheet columns of the enterprise registry, shared by the template, the import,
 * the error report and the export. Headers are Chinese; English names and common variants
 * are accepted on import.
 */
export type ColumnType = 'text' | 'creditCode' | 'division' | 'industry' | 'integer' | 'number' | 'date' | 'tags' | 'boolean';

export type Column = {
  key: ImportField;
  header: string;
  aliases: readonly string[];
  type: ColumnType;
  required: boolean;
  width: number;
  maxLength?: number;
};

export const IMPORT_FIELDS = [
  'creditCode', 'name', 'divisionCode', 'industryCode', 'foundedOn', 'employees', 'revenueWan', 'mainBusinessRevenueWan', 'assetsWan',
  'rdExpenseWan', 'taxWan', 'landMu', 'energyTce', 'patents', 'exportWan', 'tags', 'legalEntity', 'parkName', 'address',
  'legalRepresentative', 'contactName', 'contactPhone',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const COLUMNS: readonly Column[] = [
  { key: 'creditCode', header: '统一社会信用代码', aliases: ['信用代码', '社会信用代码', 'credit code', 'creditcode', 'uscc'], type: 'creditCode', required: true, width: 24 },
  { key: 'name', header: '企业名称', aliases: ['名称', '单位名称', '企业全称', 'name', 'enterprise name'], type: 'text', required: true, width: 36, maxLength: 200 },
  { key: 'divisionCode', header: '所在街道(乡镇)代码', aliases: ['行政区划代码', '区划代码', '街道代码', '所在街道', '街道', 'division', 'divisioncode', 'division code'], type: 'division', required: true, width: 26 },
  { key: 'industryCode', header: '国民经济行业代码', aliases: ['行业代码', '行业', '所属行业', 'industry', 'industrycode', 'industry code'], type: 'industry', required: true, width: 30 },
  { key: 'foundedOn', header: '成立日期', aliases: ['成立时间', '注册日期', 'founded', 'foundedon', 'founded on'], type: 'date', required: false, width: 14 },
  { key: 'employees', header: '从业人员(人)', aliases: ['从业人员', '员工人数', '职工人数', 'employees'], type: 'integer', required: false, width: 14 },
  { key: 'revenueWan', header: '营业收入(万元)', aliases: ['营业收入', '营收', 'revenue', 'revenuewan'], type: 'number', required: false, width: 16 },
  { key: 'mainBusinessRevenueWan', header: '主营业务收入(万元)', aliases: ['主营业务收入', '主营收入', 'main business revenue', 'mainbusinessrevenuewan'], type: 'number', required: false, width: 18 },
  { key: 'assetsWan', header: '资产总额(万元)', aliases: ['资产总额', '总资产', 'assets', 'assetswan'], type: 'number', required: false, width: 16 },
  { key: 'rdExpenseWan', header: '研发费用(万元)', aliases: ['研发费用', '研发投入', 'r&d expense', 'rdexpensewan'], type: 'number', required: false, width: 16 },
  { key: 'taxWan', header: '税收(万元)', aliases: ['税收', '纳税额', '实缴税金', 'tax', 'taxwan'], type: 'number', required: false, width: 14 },
  { key: 'landMu', header: '用地面积(亩)', aliases: ['用地面积', '用地', '占地面积', 'land', 'landmu'], type: 'number', required: false, width: 14 },
  { key: 'energyTce', header: '综合能耗(吨标准煤)', aliases: ['综合能耗', '能耗', 'energy', 'energytce'], type: 'number', required: false, width: 18 },
  { key: 'patents', header: '有效专利(件)', aliases: ['有效专利', '专利数', 'patents'], type: 'integer', required: false, width: 14 },
  { key: 'exportWan', header: '出口额(万元)', aliases: ['出口额', '出口交货值', 'exports', 'exportwan'], type: 'number', required: false, width: 14 },
  { key: 'tags', header: '企业标签', aliases: ['标签', '企业资质', 'tags'], type: 'tags', required: false, width: 28 },
  { key: 'legalEntity', header: '是否法人单位', aliases: ['法人单位', 'legal entity', 'legalentity'], type: 'boolean', required: false, width: 14 },
  { key: 'parkName', header: '所在园区', aliases: ['园区', 'park', 'parkname'], type: 'text', required: false, width: 20, maxLength: 100 },
  { key: 'address', header: '地址', aliases: ['注册地址', '经营地址', 'address'], type: 'text', required: false, width: 36, maxLength: 300 },
  { key: 'legalRepresentative', header: '法定代表人', aliases: ['法人代表', '法人', 'legal representative', 'legalrepresentative'], type: 'text', required: false, width: 12, maxLength: 50 },
  { key: 'contactName', header: '联系人', aliases: ['联系人姓名', 'contact', 'contactname'], type: 'text', required: false, width: 12, maxLength: 50 },
  { key: 'contactPhone', header: '联系电话', aliases: ['电话', '手机', '联系方式', 'phone', 'contactphone'], type: 'text', required: false, width: 16, maxLength: 30 },
];

/** Lower-case, no spaces, no required-marker, full-width brackets made half-width. */
export function normalizeHeader(text: string): string {
  return text.normalize('NFKC').replace(/[*＊\s]/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();
}

const BY_HEADER = new Map<string, Column>();
for (const column of COLUMNS) {
  for (const name of [column.header, column.key, ...column.aliases]) BY_HEADER.set(normalizeHeader(name), column);
  BY_HEADER.set(normalizeHeader(column.header.replace(/\(.*\)$/, '')), column);
}

/** Maps a file's header row to columns: which cell index holds which field; unknown headers are ignored. */
export function mapHeaders(headers: string[]): { byIndex: Map<number, Column>; missing: Column[] } {
  const byIndex = new Map<number, Column>();
  const seen = new Set<ImportField>();
  headers.forEach((h, i) => {
    const column = BY_HEADER.get(normalizeHeader(h));
    if (column && !seen.has(column.key)) {
      byIndex.set(i, column);
      seen.add(column.key);
    }
  });
  return { byIndex, missing: COLUMNS.filter((c) => c.required && !seen.has(c.key)) };
}

/** Neutralises text that a spreadsheet would run as a formula (= + - @, tab, carriage return). */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
