import { describe, expect, it } from 'vitest';
import { isAboveScale } from './above-scale.ts';

describe('isAboveScale', () => {
  it('is true for an industrial legal entity at exactly 2000 万元 主营业务收入, version above-scale@2011', () => {
    expect(isAboveScale({ industryCode: 'C3670', mainBusinessRevenueWan: 2000, legalEntity: true })).toEqual({
      aboveScale: true,
      version: 'above-scale@2011',
    });
  });

  it('is false just below 2000 万元', () => {
    expect(isAboveScale({ industryCode: 'C3670', mainBusinessRevenueWan: 1999.99 })).toMatchObject({ aboveScale: false, reason: 'below-threshold' });
  });

  it.each(['B0610', 'C', '3670', 'D44'])('counts %s (采矿业, 制造业, 电力热力燃气及水) as industrial', (industryCode) => {
    expect(isAboveScale({ industryCode, mainBusinessRevenueWan: 50000 }).aboveScale).toBe(true);
  });

  it.each(['E47', 'F51', 'I65', 'A0111'])('is false for the non-industrial code %s however large the revenue', (industryCode) => {
    expect(isAboveScale({ industryCode, mainBusinessRevenueWan: 1_000_000 })).toMatchObject({ aboveScale: false, reason: 'not-industrial' });
  });

  it('is false for an enterprise that is not a legal entity', () => {
    expect(isAboveScale({ industryCode: 'C3670', mainBusinessRevenueWan: 5000, legalEntity: false })).toMatchObject({ aboveScale: false, reason: 'not-legal-entity' });
  });

  it('prefers 主营业务收入 over 营业收入 and falls back to 营业收入 when it is absent', () => {
    expect(isAboveScale({ industryCode: 'C3670', mainBusinessRevenueWan: 1500, revenueWan: 2500 }).aboveScale).toBe(false);
    expect(isAboveScale({ industryCode: 'C3670', revenueWan: 2500 }).aboveScale).toBe(true);
  });

  it('is false with a reason when revenue is missing or negative, or the code unknown', () => {
    expect(isAboveScale({ industryCode: 'C3670' })).toMatchObject({ aboveScale: false, reason: 'missing-revenue' });
    expect(isAboveScale({ industryCode: 'C3670', mainBusinessRevenueWan: -1 })).toMatchObject({ aboveScale: false, reason: 'invalid-revenue' });
    expect(isAboveScale({ industryCode: 'C9999', mainBusinessRevenueWan: 9000 })).toMatchObject({ aboveScale: false, reason: 'unknown-industry' });
  });
});
