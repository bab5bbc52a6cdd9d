import ExcelJS from 'exceljs';
import type { Locale } from '../../server/i18n/index.ts';

type Item = {
  serial: number; enterpriseName: string; divisionName: string | null; categoryName: string; urgency: string; title: string; state: string;
  leadDepartmentName: string | null; createdAt: string; dueAt: string; isOverdue: boolean; reopenCount: number; escalationLevel: number; latestRating: string | null; resolvedAt: string | null;
};

const HEADERS: Record<Locale, string[]> = {
  'zh-CN': ['编号', '企业', '属地', '类别', '紧急程度', '标题', '状态', '承办单位', '提交时间', '办理时限', '是否超期', '重办次数', '督办级别', '评价', '办结时间'],
  'en-US': ['No.', 'Enterprise', 'Division', 'Category', 'Urgency', 'Title', 'State', 'Department', 'Submitted', 'Due', 'Overdue', 'Reopened', 'Escalation', 'Rating', 'Resolved'],
};
const WORDS: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    submitted: '已提交', accepted: '已受理', dispatched: '已交办', in_progress: '办理中', resolved: '已办结', rated: '已评价', archived: '已归档', returned: '已退回', merged: '已合并',
    normal: '一般', urgent: '紧急', critical: '特急', satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意', yes: '是', no: '否',
  },
  'en-US': {
    submitted: 'Submitted', accepted: 'Accepted', dispatched: 'Dispatched', in_progress: 'In progress', resolved: 'Resolved', rated: 'Rated', archived: 'Archived', returned: 'Returned', merged: 'Merged',
    normal: 'Normal', urgent: 'Urgent', critical: 'Critical', satisfied: 'Satisfied', basically_satisfied: 'Basically satisfied', unsatisfied: 'Unsatisfied', yes: 'Yes', no: 'No',
  },
};

/** Text that a spreadsheet would read as a formula is prefixed with a quote. */
const safe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const local = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

/** The filtered request list as an .xlsx workbook, in the caller's language. */
export async function buildRequestWorkbook(batches: AsyncIterable<Item[]>, locale: Locale): Promise<Buffer> {
  const words = WORDS[locale];
  const w = (key: string | null) => (key ? (words[key] ?? key) : '');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gaodi';
  const sheet = wb.addWorksheet(locale === 'en-US' ? 'Requests' : '企业诉求');
  sheet.addRow(HEADERS[locale]).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.columns.forEach((c, i) => {
    c.width = [8, 30, 14, 12, 8, 40, 10, 24, 17, 17, 8, 8, 8, 12, 17][i] ?? 12;
  });
  for await (const items of batches) {
    for (const r of items) {
      sheet.addRow([
        r.serial, safe(r.enterpriseName), r.divisionName ?? '', r.categoryName, w(r.urgency), safe(r.title), w(r.state), r.leadDepartmentName ?? '',
        local(r.createdAt), local(r.dueAt), w(r.isOverdue ? 'yes' : 'no'), r.reopenCount, r.escalationLevel, w(r.latestRating), local(r.resolvedAt),
      ]);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type Stats = {
  total: number; open: number; overdueOpen: number; onTimeRate: number | null; satisfactionRate: number | null; averageDaysToResolve: number | null;
  byState: { key: string; name: string; count: number }[]; byCategory: { key: string; name: string; count: number }[]; byDistrict: { key: string; name: string; count: number }[];
  byDepartment: { name: string; count: number; resolved: number; onTimeRate: number | null; satisfactionRate: number | null }[];
  monthly: { month: string; created: number; resolved: number }[];
  oldestOpen: Item[];
};

const STATS_WORDS: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    summary: '概览', figure: '指标', value: '数值', scope: '范围', total: '诉求总数', open: '在办', overdueOpen: '在办且超期', onTimeRate: '按时办结率(%)', satisfactionRate: '满意率(%)',
    averageDays: '平均办结天数', byState: '按状态', byCategory: '按类别', byDistrict: '按区县', byDepartment: '按承办单位', monthly: '月度趋势', oldestOpen: '最久未办结',
    name: '名称', count: '件数', resolved: '已办结', month: '月份', created: '新增', all: '全部', from: '提交日期自', to: '提交日期至',
  },
  'en-US': {
    summary: 'Summary', figure: 'Figure', value: 'Value', scope: 'Scope', total: 'Requests', open: 'Open', overdueOpen: 'Open and overdue', onTimeRate: 'On-time rate (%)', satisfactionRate: 'Satisfaction rate (%)',
    averageDays: 'Average days to resolve', byState: 'By state', byCategory: 'By category', byDistrict: 'By district', byDepartment: 'By department', monthly: 'By month', oldestOpen: 'Oldest open',
    name: 'Name', count: 'Requests', resolved: 'Resolved', month: 'Month', created: 'Created', all: 'All', from: 'Submitted from', to: 'Submitted to',
  },
};

/** The leaders' figures as an .xlsx: a summary sheet, one sheet per breakdown, the monthly trend and the oldest open requests. */
export async function buildStatsWorkbook(stats: Stats, scope: { districtName: string | null; from?: string | undefined; to?: string | undefined }, locale: Locale): Promise<Buffer> {
  const w = STATS_WORDS[locale];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gaodi';
  const table = (name: string, headers: string[], rows: (string | number | null)[][], widths: number[]) => {
    const sheet = wb.addWorksheet(name);
    sheet.addRow(headers).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of rows) sheet.addRow(r.map((v) => (typeof v === 'string' ? safe(v) : v ?? '')));
    sheet.columns.forEach((c, i) => {
      c.width = widths[i] ?? 12;
    });
  };
  table(w.summary ?? '', [w.figure ?? '', w.value ?? ''], [
    [w.scope ?? '', scope.districtName ?? w.all ?? ''],
    ...(scope.from ? [[w.from ?? '', scope.from]] : []),
    ...(scope.to ? [[w.to ?? '', scope.to]] : []),
    [w.total ?? '', stats.total], [w.open ?? '', stats.open], [w.overdueOpen ?? '', stats.overdueOpen],
    [w.onTimeRate ?? '', stats.onTimeRate], [w.satisfactionRate ?? '', stats.satisfactionRate], [w.averageDays ?? '', stats.averageDaysToResolve],
  ], [24, 20]);
  for (const key of ['byState', 'byCategory', 'byDistrict'] as const) {
    table(w[key] ?? key, [w.name ?? '', w.count ?? ''], stats[key].map((r) => [r.name, r.count]), [24, 10]);
  }
  table(w.byDepartment ?? '', [w.name ?? '', w.count ?? '', w.resolved ?? '', w.onTimeRate ?? '', w.satisfactionRate ?? ''], stats.byDepartment.map((d) => [d.name, d.count, d.resolved, d.onTimeRate, d.satisfactionRate]), [32, 10, 10, 16, 16]);
  table(w.monthly ?? '', [w.month ?? '', w.created ?? '', w.resolved ?? ''], stats.monthly.map((m) => [m.month, m.created, m.resolved]), [12, 10, 10]);
  const words = WORDS[locale];
  table(w.oldestOpen ?? '', HEADERS[locale].slice(0, 10), stats.oldestOpen.map((r) => [
    r.serial, r.enterpriseName, r.divisionName ?? '', r.categoryName, words[r.urgency] ?? r.urgency, r.title, words[r.state] ?? r.state, r.leadDepartmentName ?? '', local(r.createdAt), local(r.dueAt),
  ]), [8, 30, 14, 12, 8, 40, 10, 24, 17, 17]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
