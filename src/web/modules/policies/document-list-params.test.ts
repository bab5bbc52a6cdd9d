import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT_LIST, filterDocuments, parseDocumentListParams, toDocumentListParams } from './document-list-params.ts';

describe('policy document list URL state', () => {
  it('reads search, level and page, and writes them back without defaults', () => {
    const search = new URLSearchParams({ q: '郑工信', level: 'city', page: '2', pageSize: '50' });
    const state = parseDocumentListParams(search);
    expect(state).toEqual({ q: '郑工信', level: 'city', page: 2, pageSize: 50 });
    expect(toDocumentListParams(state).toString()).toBe(search.toString());
    expect(toDocumentListParams(DEFAULT_DOCUMENT_LIST).toString()).toBe('');
  });

  it('falls back to defaults on malformed values', () => {
    expect(parseDocumentListParams(new URLSearchParams('q=%20%20&level=county&page=0&pageSize=7'))).toEqual(DEFAULT_DOCUMENT_LIST);
  });
});

describe('filterDocuments', () => {
  const documents = [
    { id: 'a', title: '郑州市先进制造业奖补办法', documentNumber: '郑政〔2023〕12号', level: 'city' as const },
    { id: 'b', title: '河南省支持专精特新若干措施', documentNumber: null, level: 'province' as const },
    { id: 'c', title: '金水区研发投入奖励办法', documentNumber: '金政文[2024]3号', level: 'district' as const },
  ];
  const ids = (q: string, level: 'city' | 'province' | 'district' | null = null) => filterDocuments(documents, { q, level }).map((d) => d.id);

  it('finds a title or a 文号 whatever brackets or spaces it was typed with', () => {
    expect(ids('先进制造业')).toEqual(['a']);
    expect(ids('郑政[2023]12号')).toEqual(['a']);
    expect(ids('金政文 〔2024〕')).toEqual(['c']);
    expect(ids('办法')).toEqual(['a', 'c']);
    expect(ids('')).toEqual(['a', 'b', 'c']);
  });

  it('keeps only the chosen level, together with the search', () => {
    expect(ids('', 'province')).toEqual(['b']);
    expect(ids('办法', 'district')).toEqual(['c']);
    expect(ids('措施', 'city')).toEqual([]);
  });
});
