export { SIZE_CLASSES } from './enterprises.tables.ts';

/** Figures kept per year in enterprise_indicators and, for the newest year, on the enterprise row. */
export const INDICATOR_FIELDS = [
  'employees', 'revenueWan', 'mainBusinessRevenueWan', 'assetsWan', 'rdExpenseWan', 'taxWan', 'landMu', 'energyTce', 'patents', 'exportWan',
] as const;

/** Tags (certifications and statuses) an enterprise can carry; the values are the Chinese names. */
export const ENTERPRISE_TAGS = [
  '高新技术企业',
  '科技型中小企业',
  '创新型中小企业',
  '专精特新中小企业',
  '专精特新“小巨人”',
  '制造业单项冠军',
  '瞪羚企业',
  '绿色工厂',
  '智能工厂',
  '数字化车间',
  '上市企业',
  '外资企业',
  '失信',
] as const;
