/** The URL state every list page shares: how a change moves the page. */

/** A list's state after a change: a new filter goes back to page 1, a page or page-size change keeps the filters. */
export function withListChange<S extends { page: number }>(state: S, change: Partial<S>): S {
  const paging = Object.keys(change).every((k) => k === 'page' || k === 'pageSize');
  return { ...state, ...change, page: paging ? (change.page ?? state.page) : 1 };
}

/**
 * A list table's paging when its page and page size live in the URL: Ant Design's `pagination` and
 * `onChange` props, which write a page or page-size change back through `update`.
 */
export function urlPaging(options: {
  page: number;
  pageSize: number;
  /** Rows on the server; omitted when the table pages the rows it was given. */
  total?: number;
  pageSizeOptions?: readonly number[];
  showTotal: (total: number) => string;
  update: (change: { page: number; pageSize: number }) => void;
}) {
  const { page, pageSize, total, pageSizeOptions, showTotal, update } = options;
  return {
    pagination: {
      current: page,
      pageSize,
      ...(total !== undefined ? { total } : {}),
      ...(pageSizeOptions ? { pageSizeOptions: pageSizeOptions.map(String) } : {}),
      showSizeChanger: true,
      showTotal,
      size: 'small' as const,
    },
    onChange: (pagination: { current?: number; pageSize?: number }, _filters: unknown, _sorter: unknown, extra: { action: string }) => {
      if (extra.action === 'paginate') update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? pageSize });
    },
  };
}
