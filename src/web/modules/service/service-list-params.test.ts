import { describe, expect, it } from 'vitest';
import { EMPTY_REQUEST_LIST, parseRequestListParams, requestListHref, toRequestListParams, withRequestFilters } from './service-list-params.ts';

describe('request list params', () => {
  it('round-trips filters through the URL', () => {
    const state = { ...EMPTY_REQUEST_LIST, states: ['dispatched', 'in_progress'] as const, category: 'land', district: '410105', overdue: true, month: '2026-11', page: 3, sort: 'dueAt' as const };
    const params = toRequestListParams({ ...state, states: [...state.states] });
    expect(params.toString()).toBe('state=dispatched%2Cin_progress&category=land&district=410105&overdue=true&month=2026-11&sort=dueAt&page=3');
    expect(parseRequestListParams(params)).toEqual({ ...state, states: ['dispatched', 'in_progress'] });
  });

  it('drops malformed values', () => {
    const parsed = parseRequestListParams(new URLSearchParams('state=bogus,rated&category=DROP;&district=abc&overdue=maybe&month=2026-13&page=-1&pageSize=7&sort=evil'));
    expect(parsed).toEqual({ ...EMPTY_REQUEST_LIST, states: ['rated'] });
  });

  it('goes back to page 1 when a filter changes, not when the page does', () => {
    const on3 = { ...EMPTY_REQUEST_LIST, page: 3 };
    expect(withRequestFilters(on3, { category: 'land' }).page).toBe(1);
    expect(withRequestFilters(on3, { page: 4 }).page).toBe(4);
  });

  it('builds drill-down links with only the filters given', () => {
    expect(requestListHref({})).toBe('/service/requests');
    expect(requestListHref({ category: 'labour' })).toBe('/service/requests?category=labour');
  });
});
