import { describe, expect, it } from 'vitest';
import { urlPaging, withListChange } from './list-state.ts';

describe('withListChange', () => {
  const state = { q: '', level: 'national' as string | null, page: 3, pageSize: 20 };

  it('keeps the other filters and goes back to page 1 when a filter changes', () => {
    expect(withListChange(state, { q: '财税〔2026〕99号' })).toEqual({ q: '财税〔2026〕99号', level: 'national', page: 1, pageSize: 20 });
    expect(withListChange(state, { level: null })).toEqual({ q: '', level: null, page: 1, pageSize: 20 });
  });

  it('keeps the filters and takes the page when only the page or its size changes', () => {
    expect(withListChange(state, { page: 4 })).toEqual({ ...state, page: 4 });
    expect(withListChange(state, { pageSize: 50 })).toEqual({ ...state, pageSize: 50 });
  });
});

describe('urlPaging', () => {
  it('writes a page or page-size change back, and nothing for a sort or a filter inside the table', () => {
    const changes: unknown[] = [];
    const paging = urlPaging({ page: 2, pageSize: 20, total: 95, pageSizeOptions: [20, 50], showTotal: (n) => `共 ${n} 条`, update: (c) => changes.push(c) });
    expect(paging.pagination).toMatchObject({ current: 2, pageSize: 20, total: 95, pageSizeOptions: ['20', '50'], showSizeChanger: true });
    expect(paging.pagination.showTotal(95)).toBe('共 95 条');
    paging.onChange({ current: 3, pageSize: 20 }, {}, {}, { action: 'paginate' });
    paging.onChange({ current: 1, pageSize: 50 }, {}, {}, { action: 'paginate' });
    paging.onChange({ current: 1, pageSize: 20 }, {}, {}, { action: 'sort' });
    expect(changes).toEqual([{ page: 3, pageSize: 20 }, { page: 1, pageSize: 50 }]);
  });

  it('leaves the total to the table when it pages the rows it was given', () => {
    expect(urlPaging({ page: 1, pageSize: 20, showTotal: String, update: () => undefined }).pagination).not.toHaveProperty('total');
  });
});
