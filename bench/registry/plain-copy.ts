import type { DemoEnterprise } from '../../src/modules/demo/index.ts';

/** The columns of the benchmark's ceiling: what a spreadsheet row holds, nothing derived. */
export const PLAIN_COPY_COLUMNS = ['credit_code', 'name', 'division_code', 'industry_code', 'founded_on', 'employees', 'revenue_wan', 'main_business_revenue_wan', 'assets_wan', 'rd_expense_wan', 'tax_wan', 'land_mu', 'energy_tce', 'patents', 'export_wan', 'tags', 'address', 'legal_representative', 'contact_name', 'contact_phone'];

/** Demo enterprises as COPY text of `PLAIN_COPY_COLUMNS`. */
export function plainCopyText(rows: DemoEnterprise[]): string {
  const esc = (v: unknown) => (v === null || v === undefined ? '\\N' : String(v).replace(/[\\\t\n]/g, ' '));
  return rows
    .map((r) => [r.creditCode, r.name, r.divisionCode, r.industryCode, r.foundedOn, r.employees, r.revenueWan, r.mainBusinessRevenueWan, r.assetsWan, r.rdExpenseWan, r.taxWan, r.landMu, r.energyTce, r.patents, r.exportWan, `{${r.tags.map((t) => `"${t}"`).join(',')}}`, r.address, r.legalRepresentative, r.contactName, r.contactPhone].map(esc).join('\t'))
    .join('\n') + '\n';
}
