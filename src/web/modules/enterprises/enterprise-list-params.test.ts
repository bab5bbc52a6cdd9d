import { describe, expect, it } from 'vitest';
import {
  EMPTY_ENTERPRISE_LIST,
  enterpriseApiQuery,
  parseEnterpriseListParams,
  sortFromTable,
  tableOrder,
  toEnterpriseListParams,
  withFilters,
} from './enterprise-list-params.ts';

describe('enterprise list params', () => {
  it('reads every filter from the URL', () => {
    const state = parseEnterpriseListParams(
      new URLSearchParams(
        'q=宇通&division=410105&industry=c36&sizeClass=medium&aboveScale=true&tags=specialized,hightech&foundedFrom=2010&foundedTo=2020&page=3&pageSize=50&sort=-revenueWan',
      ),
    );
    expect(state).toEqual({
      q: '宇通',
      division: '410105',
      industry: 'C36',
      sizeClass: 'medium',
      aboveScale: true,
      tags: ['specialized', 'hightech'],
      foundedFrom: 2010,
      foundedTo: 2020,
      page: 3,
      pageSize: 50,
      sort: '-revenueWan',
    });
  });

  it('falls back to defaults for malformed values', () => {
    const state = parseEnterpriseListParams(
      new URLSearchParams('sizeClass=huge&aboveScale=maybe&page=-2&pageSize=100000&sort=drop&foundedFrom=20x0&division=<x>'),
    );
    expect(state).toEqual(EMPTY_ENTERPRISE_LIST);
  });

  it('round-trips through search params and leaves defaults out', () => {
    const state = { ...EMPTY_ENTERPRISE_LIST, q: 'ytkc', aboveScale: false, tags: ['a', 'b'], page: 2 };
    const params = toEnterpriseListParams(state);
    expect(params.toString()).toBe('q=ytkc&aboveScale=false&tags=a%2Cb&page=2');
    expect(parseEnterpriseListParams(params)).toEqual(state);
    expect(toEnterpriseListParams(EMPTY_ENTERPRISE_LIST).toString()).toBe('');
  });

  it('goes back to page 1 when a filter changes but not when the page changes', () => {
    const onPage3 = { ...EMPTY_ENTERPRISE_LIST, page: 3 };
    expect(withFilters(onPage3, { division: '410105' }).page).toBe(1);
    expect(withFilters(onPage3, { page: 4 }).page).toBe(4);
    expect(withFilters(onPage3, { sort: 'name' }).page).toBe(3);
  });

  it('builds the API query with page and sort', () => {
    expect(enterpriseApiQuery({ ...EMPTY_ENTERPRISE_LIST, industry: 'C3670', sort: 'name' })).toMatchObject({
      industry: 'C3670',
      page: 1,
      pageSize: 20,
      sort: 'name',
    });
  });

  it('maps table sorters onto the sorts the API has', () => {
    expect(sortFromTable('revenueWan', 'descend')).toBe('-revenueWan');
    expect(sortFromTable('name', 'descend')).toBeNull();
    expect(sortFromTable('employees', null)).toBeNull();
    expect(tableOrder('-employees', 'employees')).toBe('descend');
    expect(tableOrder('-employees', 'name')).toBeNull();
  });
});
