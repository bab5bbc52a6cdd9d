import { describe, expect, it } from 'vitest';
import { DEFAULT_MATCHES, isIsoDate, parseMatchesParams, toMatchesQuery, toMatchesSearch } from './policy-params.ts';

describe('policy item URL state', () => {
  it('reads kind, page, filters and as-of day, and writes them back without defaults', () => {
    const state = parseMatchesParams(new URLSearchParams('kind=near-miss&page=3&pageSize=50&division=410105&q=宇通&asOf=2023-03-01'));
    expect(state).toEqual({ kind: 'near-miss', page: 3, pageSize: 50, division: '410105', q: '宇通', asOf: '2023-03-01' });
    expect(toMatchesSearch(state).toString()).toBe(new URLSearchParams('kind=near-miss&page=3&pageSize=50&division=410105&q=宇通&asOf=2023-03-01').toString());
    expect(toMatchesSearch(DEFAULT_MATCHES).toString()).toBe('');
  });

  it('falls back to defaults on malformed values', () => {
    expect(parseMatchesParams(new URLSearchParams('kind=all&page=-2&pageSize=7&division=abc&asOf=2023-02-30'))).toEqual(DEFAULT_MATCHES);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
  });

  it('sends empty filters as absent', () => {
    expect(toMatchesQuery(DEFAULT_MATCHES)).toEqual({ kind: 'eligible', page: 1, pageSize: 20, division: null, q: null, asOf: null });
  });
});
