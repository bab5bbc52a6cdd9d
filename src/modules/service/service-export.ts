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
