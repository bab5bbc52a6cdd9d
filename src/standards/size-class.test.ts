import { describe, expect, it } from 'vitest';
import { classifySize, type SizeIndicator, type SizeProfile } from './size-class.ts';

// The bounds as written in 工信部联企业〔2011〕300号 第四条 and the 国统字〔2017〕213号 table,
// typed out again here (not imported) so that a wrong table in the code fails these tests.
type Row = { group: string; code: string; large: Partial<Record<SizeIndicator, number>>; medium: Partial<Record<SizeIndicator, number>>; small: Partial<Record<SizeIndicator, number>> };
const RULE: Row[] = [
  { group: '农、林、牧、渔业', code: 'A0111', large: { revenueWan: 20000 }, medium: { revenueWan: 500 }, small: { revenueWan: 50 } },
  { group: '工业', code: 'C3670', large: { employees: 1000, revenueWan: 40000 }, medium: { employees: 300, revenueWan: 2000 }, small: { employees: 20, revenueWan: 300 } },
  { group: '建筑业', code: 'E47', large: { revenueWan: 80000, assetsWan: 80000 }, medium: { revenueWan: 6000, assetsWan: 5000 }, small: { revenueWan: 300, assetsWan: 300 } },
  { group: '批发业', code: 'F51', large: { employees: 200, revenueWan: 40000 }, medium: { employees: 20, revenueWan: 5000 }, small: { employees: 5, revenueWan: 1000 } },
  { group: '零售业', code: 'F52', large: { employees: 300, revenueWan: 20000 }, medium: { employees: 50, revenueWan: 500 }, small: { employees: 10, revenueWan: 100 } },
  { group: '交通运输业', code: 'G5411', large: { employees: 1000, revenueWan: 30000 }, medium: { employees: 300, revenueWan: 3000 }, small: { employees: 20, revenueWan: 200 } },
  { group: '仓储业', code: 'G5920', large: { employees: 200, revenueWan: 30000 }, medium: { employees: 100, revenueWan: 1000 }, small: { employees: 20, revenueWan: 100 } },
  { group: '邮政业', code: 'G60', large: { employees: 1000, revenueWan: 30000 }, medium: { employees: 300, revenueWan: 2000 }, small: { employees: 20, revenueWan: 100 } },
  { group: '住宿业', code: 'H61', large: { employees: 300, revenueWan: 10000 }, medium: { employees: 100, revenueWan: 2000 }, small: { employees: 10, revenueWan: 100 } },
  { group: '餐饮业', code: 'H62', large: { employees: 300, revenueWan: 10000 }, medium: { employees: 100, revenueWan: 2000 }, small: { employees: 10, revenueWan: 100 } },
  { group: '信息传输业', code: 'I64', large: { employees: 2000, revenueWan: 100000 }, medium: { employees: 100, revenueWan: 1000 }, small: { employees: 10, revenueWan: 100 } },
  { group: '软件和信息技术服务业', code: 'I65', large: { employees: 300, revenueWan: 10000 }, medium: { employees: 100, revenueWan: 1000 }, small: { employees: 10, revenueWan: 50 } },
  { group: '房地产开发经营', code: 'K7010', large: { revenueWan: 200000, assetsWan: 10000 }, medium: { revenueWan: 1000, assetsWan: 5000 }, small: { revenueWan: 100, assetsWan: 2000 } },
  { group: '物业管理', code: 'K7020', large: { employees: 1000, revenueWan: 5000 }, medium: { employees: 300, revenueWan: 1000 }, small: { employees: 100, revenueWan: 500 } },
  { group: '租赁和商务服务业', code: 'L72', large: { employees: 300, assetsWan: 120000 }, medium: { employees: 100, assetsWan: 8000 }, small: { employees: 10, assetsWan: 100 } },
  { group: '其他未列明行业', code: 'M73', large: { employees: 300 }, medium: { employees: 100 }, small: { employees: 10 } },
];

const TIER_BELOW = { large: 'medium', medium: 'small', small: 'micro' } as const;

function justBelow(indicator: SizeIndicator, bound: number): number {
  // Persons are whole numbers; money in 万元 can be fractional, so test one cent of a 万元 below.
  return indicator === 'employees' ? bound - 1 : bound - 0.01;
}

describe('classifySize at every bound of every industry group', () => {
  for (const row of RULE) {
    describe(`${row.group} (${row.code})`, () => {
      for (const tier of ['large', 'medium', 'small'] as const) {
        const bounds = row[tier];
        it(`is ${tier} exactly at the ${tier} lower bounds`, () => {
          expect(classifySize({ industryCode: row.code, ...bounds }).sizeClass).toBe(tier);
        });
        for (const [indicator, bound] of Object.entries(bounds) as [SizeIndicator, number][]) {
          it(`drops to ${TIER_BELOW[tier]} when ${indicator} is just below the ${tier} bound ${bound}`, () => {
            const profile: SizeProfile = { industryCode: row.code, ...bounds, [indicator]: justBelow(indicator, bound) };
            expect(classifySize(profile).sizeClass).toBe(TIER_BELOW[tier]);
          });
        }
      }
      it('is micro at zero', () => {
        const zeros = Object.fromEntries(Object.keys(row.large).map((k) => [k, 0]));
        expect(classifySize({ industryCode: row.code, ...zeros }).sizeClass).toBe('micro');
      });
    });
  }
});

describe('classifySize rules', () => {
  it('classifies the example profile C3670 with 300 people and 2000 万元 as medium, version sme-size@2011', () => {
    expect(classifySize({ industryCode: 'C3670', employees: 300, revenueWan: 2000, assetsWan: 5000 })).toEqual({
      sizeClass: 'medium',
      version: 'sme-size@2011',
      group: 'industry',
    });
  });

  it('needs every indicator for a tier: 5000 people with 1000 万元 in 工业 is small, not large', () => {
    expect(classifySize({ industryCode: 'C', employees: 5000, revenueWan: 1000 }).sizeClass).toBe('small');
  });

  it('ignores indicators the group does not use (assets for 工业)', () => {
    expect(classifySize({ industryCode: 'C36', employees: 1000, revenueWan: 40000, assetsWan: 0 }).sizeClass).toBe('large');
  });

  it('accepts codes without the section letter and at any level', () => {
    expect(classifySize({ industryCode: '3670', employees: 20, revenueWan: 300 }).sizeClass).toBe('small');
    expect(classifySize({ industryCode: 'B', employees: 20, revenueWan: 299 }).sizeClass).toBe('micro');
  });

  it('returns micro when one indicator is below the small bound even if another is missing', () => {
    expect(classifySize({ industryCode: 'C3670', employees: 19 })).toMatchObject({ sizeClass: 'micro' });
  });

  it('returns null with missing-indicator when a needed indicator is absent', () => {
    expect(classifySize({ industryCode: 'C3670', employees: 300 })).toMatchObject({
      sizeClass: null,
      reason: 'missing-indicator',
      indicators: ['revenueWan'],
    });
    expect(classifySize({ industryCode: 'E47', revenueWan: 9000, assetsWan: null })).toMatchObject({ sizeClass: null, reason: 'missing-indicator' });
  });

  it('returns null with invalid-indicator for negative or non-finite figures', () => {
    expect(classifySize({ industryCode: 'C3670', employees: -1, revenueWan: 100 })).toMatchObject({ sizeClass: null, reason: 'invalid-indicator', indicators: ['employees'] });
    expect(classifySize({ industryCode: 'C3670', employees: 10, revenueWan: Number.NaN })).toMatchObject({ sizeClass: null, reason: 'invalid-indicator' });
  });

  it('returns null for an unknown industry code', () => {
    expect(classifySize({ industryCode: 'C3699', employees: 10, revenueWan: 10 })).toMatchObject({ sizeClass: null, reason: 'unknown-industry' });
    expect(classifySize({ industryCode: 'hello', employees: 10 })).toMatchObject({ sizeClass: null, reason: 'unknown-industry' });
  });

  it('returns null for industries the standard does not cover (金融, 铁路运输, 教育, 卫生)', () => {
    for (const code of ['J66', 'G53', 'P83', 'Q84']) {
      expect(classifySize({ industryCode: code, employees: 10, revenueWan: 10, assetsWan: 10 })).toMatchObject({ sizeClass: null, reason: 'industry-not-covered' });
    }
  });

  it('returns null for a code that spans several groups (批发和零售业 F, 装卸搬运和仓储业 G59)', () => {
    for (const code of ['F', 'G59', 'K70']) {
      expect(classifySize({ industryCode: code, employees: 10, revenueWan: 10, assetsWan: 10 })).toMatchObject({ sizeClass: null, reason: 'industry-too-general' });
    }
  });

  it('uses the 交通运输业 bounds for 装卸搬运 G5910 and the 仓储业 bounds for 通用仓储 G5920', () => {
    // 150 people and 2000 万元: medium for 仓储业 (100 / 1000), small for 交通运输业 (300 / 3000).
    expect(classifySize({ industryCode: 'G5910', employees: 150, revenueWan: 2000 }).sizeClass).toBe('small');
    expect(classifySize({ industryCode: 'G5920', employees: 150, revenueWan: 2000 }).sizeClass).toBe('medium');
  });

  it('classifies 社会工作 Q85, 房地产中介 K7030 and 文化 R as 其他未列明行业 by employees only', () => {
    for (const code of ['Q85', 'K7030', 'R']) expect(classifySize({ industryCode: code, employees: 100 })).toMatchObject({ sizeClass: 'medium', group: 'other' });
  });
});
