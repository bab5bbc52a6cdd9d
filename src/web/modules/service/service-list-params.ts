/**
 * The request list's filters, page and sort, read from and written to the URL, so that a
 * reload, a shared link or a click on a dashboard chart shows the same list.
 */
import type { QueryValue } from '../../api/http.ts';
import { REQUEST_STATES } from './service-types.ts';
import type { RequestState } from './service-types.ts';

export const REQUEST_SORTS = ['-createdAt', 'createdAt', 'dueAt', '-dueAt'] as const;
export type RequestSort = (typeof REQUEST_SORTS)[number];
export const PAGE_SIZES = [20, 50, 100] as const;

export type RequestListState = {
  states: RequestState[];
  category: string | null;
  district: string | null;
  department: string | null;
  overdue: boolean | null;
  escalated: boolean | null;
  month: string | null;
  q: string;
  page: number;
  pageSize: number;
  sort: RequestSort;
};

export const EMPTY_REQUEST_LIST: RequestListState = {
  states: [], category: null, district: null, department: null, overdue: null, escalated: null, month: null, q: '', page: 1, pageSize: 20, sort: '-createdAt',
};

const isState = (s: string): s is RequestState => (REQUEST_STATES as readonly string[]).includes(s);
const bool = (v: string | null) => (v === 'true' ? true : v === 'false' ? false : null);
const token = (v: string | null, pattern: RegExp) => (v !== null && pattern.test(v) ? v : null);

/** Reads the list state from search params; anything malformed falls back to its default. */
export function parseRequestListParams(params: URLSearchParams): RequestListState {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const sort = params.get('sort');
  return {
    states: (params.get('state') ?? '').split(',').filter(isState),
    category: token(params.get('category'), /^[a-z_]{2,30}$/),
    district: token(params.get('district'), /^(\d{6,12}|\d{6}-[A-Z]{2,4})$/),
    department: token(params.get('department'), /^[0-9a-f-]{36}$/),
    overdue: bool(params.get('overdue')),
    escalated: bool(params.get('escalated')),
    month: token(params.get('month'), /^\d{4}-(0[1-9]|1[0-2])$/),
    q: (params.get('q') ?? '').slice(0, 100),
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : 20,
    sort: (REQUEST_SORTS as readonly string[]).includes(sort ?? '') ? (sort as RequestSort) : '-createdAt',
  };
}

/** The filters as API query parameters (the list and the .xlsx export take the same). */
export function requestFilterQuery(state: RequestListState): Record<string, QueryValue> {
  return {
    state: state.states, category: state.category, district: state.district, department: state.department,
    overdue: state.overdue ?? undefined, escalated: state.escalated ?? undefined, month: state.month, q: state.q.trim() || undefined, sort: state.sort,
  };
}

export function requestApiQuery(state: RequestListState): Record<string, QueryValue> {
  return { ...requestFilterQuery(state), page: state.page, pageSize: state.pageSize };
}

/** Search params for a state; defaults are left out so links stay short. */
export function toRequestListParams(state: RequestListState): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(requestApiQuery(state))) {
    if (value === undefined || value === null || value === '') continue;
    if (key === 'page' && value === 1) continue;
    if (key === 'pageSize' && value === 20) continue;
    if (key === 'sort' && value === '-createdAt') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
      continue;
    }
    params.set(key, String(value));
  }
  return params;
}

/** Applies a change; changing any filter goes back to page 1. */
export function withRequestFilters(state: RequestListState, change: Partial<RequestListState>): RequestListState {
  const filterChanged = Object.keys(change).some((k) => k !== 'page' && k !== 'pageSize');
  return { ...state, ...change, page: filterChanged && change.page === undefined ? 1 : (change.page ?? state.page) };
}

/** The list URL for a drill-down from the dashboard. */
export function requestListHref(change: Partial<RequestListState>): string {
  const query = toRequestListParams({ ...EMPTY_REQUEST_LIST, ...change }).toString();
  return `/service/requests${query ? `?${query}` : ''}`;
}
