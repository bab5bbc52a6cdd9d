import { describe, expect, it } from 'vitest';
import { toClassifyInput } from './classify-input.ts';

describe('toClassifyInput', () => {
  it('sends only the figures given and upper-cases the industry code', () => {
    expect(
      toClassifyInput({ industryCode: ' c3670 ', employees: 300, revenueWan: null, assetsWan: 0, mainBusinessRevenueWan: null }),
    ).toEqual({ industryCode: 'C3670', employees: 300, assetsWan: 0 });
  });
});
