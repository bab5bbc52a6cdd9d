import { describe, expect, it } from 'vitest';
import { catalogKeys, describeProblem, pickBilingual, pickLocale, translate } from './index.ts';

describe('server messages', () => {
  it('has the same keys in zh-CN and en-US', () => {
    expect(catalogKeys('en-US')).toEqual(catalogKeys('zh-CN'));
  });

  it('speaks zh-CN unless the caller prefers English', () => {
    expect(pickLocale(undefined, undefined)).toBe('zh-CN');
    expect(pickLocale(undefined, 'en-GB,en;q=0.8')).toBe('en-US');
    expect(pickLocale('zh-CN', 'en-US')).toBe('zh-CN');
    expect(pickLocale(undefined, 'fr-FR, zh;q=0.5')).toBe('zh-CN');
  });

  it('fills parameters and words credit-code reasons', () => {
    expect(translate('zh-CN', 'rows.CREDIT_CODE_DUPLICATE', { firstRow: 4 })).toBe('与第 4 行的统一社会信用代码重复');
    expect(describeProblem('en-US', { code: 'CREDIT_CODE_INVALID', params: { reason: 'check-character' } })).toBe('Invalid unified social credit code: the check character is wrong');
  });
});

describe('bilingual standards messages', () => {
  it('keeps the side of the caller’s language', () => {
    const text = '“X9”不是 GB/T 4754-2017 行业代码 / not a GB/T 4754-2017 industry code';
    expect(pickBilingual(text, 'zh-CN')).toBe('“X9”不是 GB/T 4754-2017 行业代码');
    expect(pickBilingual(text, 'en-US')).toBe('not a GB/T 4754-2017 industry code');
    expect(pickBilingual('只有中文', 'en-US')).toBe('只有中文');
  });
});
