import { describe, expect, it } from 'vitest';
import { classifyEnterprise } from './enterprise-class.ts';

describe('classifyEnterprise', () => {
  it('classifies the example profile as a medium, above-scale manufacturer', () => {
    expect(
      classifyEnterprise({ industryCode: 'C3670', employees: 300, revenueWan: 2000, assetsWan: 5000, mainBusinessRevenueWan: 2000, legalEntity: true }),
    ).toEqual({
      sizeClass: 'medium',
      sizeGroup: 'industry',
      aboveScale: true,
      versions: { sizeClass: 'sme-size@2011', aboveScale: 'above-scale@2011' },
    });
  });

  it('gives a reason for each negative answer', () => {
    const result = classifyEnterprise({ industryCode: 'C3670', employees: 300, mainBusinessRevenueWan: 1999 });
    expect(result).toMatchObject({ sizeClass: null, sizeClassReason: 'missing-indicator', aboveScale: false, aboveScaleReason: 'below-threshold' });
    expect(result.sizeClassMessage).toContain('营业收入');
  });

  it('classifies a service firm by size while it can never be 规上工业', () => {
    expect(classifyEnterprise({ industryCode: 'I65', employees: 100, revenueWan: 1000, mainBusinessRevenueWan: 1000 })).toMatchObject({
      sizeClass: 'medium',
      sizeGroup: 'software-it',
      aboveScale: false,
      aboveScaleReason: 'not-industrial',
    });
  });
});
