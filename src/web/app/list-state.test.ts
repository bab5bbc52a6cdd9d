import { describe, expect, it } from 'vitest';
import { withListChange } from './list-state.ts';

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
