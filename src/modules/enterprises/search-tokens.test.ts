import { describe, expect, it } from 'vitest';
import { generateDemoEnterprises } from '../demo/index.ts';
import { pinyinInitials, pinyinInitialsInContext, searchTokensFor } from './search-tokens.ts';

describe('pinyinInitials', () => {
  it('reads polyphonic characters in context, as pinyin-pro does for the whole name', () => {
    expect(pinyinInitials('重庆重工长城银行')).toBe('cqzgccyh');
    expect(pinyinInitials('郑州ABC科技有限公司')).toBe('zzabckjyxgs');
  });

  it('agrees with pinyin-pro’s reading of the whole name, character cache or not', () => {
    const names = [
      ...generateDemoEnterprises(3000, { reportYear: 2025 }).map((e) => e.name),
      '重庆长安汽车股份有限公司', '中国建设银行股份有限公司', '厦门航空有限公司', '乐凯胶片股份有限公司', '河南省〇一二厂',
      '单县会计师事务所', '藏宝阁', '西藏药业', '郑州一只不会飞的鸟科技有限公司', '长垣市长城机械厂', '行知教育', '朝阳区供销社', '',
    ];
    for (const name of names) expect(pinyinInitials(name), name).toBe(pinyinInitialsInContext(name));
  });

  it('writes the name’s character bigrams and its initials’ bigrams', () => {
    expect(searchTokensFor('宇通客车')).toEqual({ tokens: ['宇通', '通客', '客车', 'p:yt', 'p:tk', 'p:kc'], initials: 'ytkc' });
  });
});
