/** The URL state every list page shares: how a change moves the page. */

/** A list's state after a change: a new filter goes back to page 1, a page or page-size change keeps the filters. */
export function withListChange<S extends { page: number }>(state: S, change: Partial<S>): S {
  const paging = Object.keys(change).every((k) => k === 'page' || k === 'pageSize');
  return { ...state, ...change, page: paging ? (change.page ?? state.page) : 1 };
}
