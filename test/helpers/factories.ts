import { makeCreditCode } from '../../src/standards/index.ts';

let sequence = 0;
const ORG = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid, unique 统一社会信用代码 registered in the given county-level division. */
export function creditCode(county = '410105'): string {
  sequence += 1;
  let n = sequence * 7919 + 104729;
  let body = '';
  for (let i = 0; i < 8; i++) {
    body = (ORG[n % 31] ?? '0') + body;
    n = Math.floor(n / 31);
  }
  return makeCreditCode({ authority: '9', category: '1', divisionCode: county, organizationBody: body });
}

/** The body of a POST /api/v1/enterprises, with overrides. */
export function enterpriseBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    creditCode: creditCode(String(overrides.divisionCode ?? '410105').slice(0, 6)),
    name: `郑州测试${sequence}制造有限公司`,
    divisionCode: '410105001',
    industryCode: 'C3670',
    employees: 120,
    revenueWan: 5000,
    assetsWan: 8000,
    mainBusinessRevenueWan: 4800,
    contactName: '张三',
    contactPhone: '13812345678',
    ...overrides,
  };
}
