/**
 * The enterprise list's filters, page and sort, read from and written to the URL's
 * search params, so that a reload or a shared link shows the same list.
 */
import type { QueryValue } from '../../api/http.ts';
import { SIZE_CLASSES } from '../../api/types.ts';
import type { SizeClass } from '../../api/types.ts';

export const ENTERPRISE_SORTS = ['revenueWan', '-revenueWan', 'name', 'employees', '-employees', 'foundedOn'] as const;
export type EnterpriseSort = (typeof ENTERPRISE_SORTS)[number];

export const PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

export type EnterpriseListState = {
  q: string;
  division: string | null;
  industry: string | null;
  sizeClass: SizeClass | null;
  aboveScale: boolean | null;
  tags: string[];
  foundedFrom: number | null;
  foundedTo: number | null;
  page: number;
  pageSize: number;
  sort: EnterpriseSort | null;
};

export const EMPTY_ENTERPRISE_LIST: EnterpriseListState = {
  q: '',
  division: null,
  industry: null,
  sizeClass: null,
  aboveScale: null,
  tags: [],
  foundedFrom: null,
  foundedTo: null,
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
  sort: null,
};

function positiveInt(value: string | null): number | null {
  if (value === null || !/^\d{1,9}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}

function year(value: string | null): number | null {
  if (value === null || !/^\d{4}$/.test(value)) return null;
  return Number(value);
}

function code(value: string | null): string | null {
  const trimmed = value?.trim();
  return trimmed && /^[0-9A-Za-z]{1,20}(-[A-Z]{2,4})?$/.test(trimmed) ? trimmed : null;
}

/** Reads the list state from search params; anything malformed falls back to its default. */
export function parseEnterpriseListParams(params: URLSearchParams): EnterpriseListState {
  const sizeClass = params.get('sizeClass');
  const aboveScale = params.get('aboveScale');
  const sort = params.get('sort');
  const pageSize = positiveInt(params.get('pageSize'));
  return {
    q: params.get('q')?.trim() ?? '',
    division: code(params.get('division')),
    industry: code(params.get('industry'))?.toUpperCase() ?? null,
    sizeClass: SIZE_CLASSES.find((s) => s === sizeClass) ?? null,
    aboveScale: aboveScale === 'true' ? true : aboveScale === 'false' ? false : null,
    tags: (params.get('tags') ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter((t, i, all) => t !== '' && all.indexOf(t) === i),
    foundedFrom: year(params.get('foundedFrom')),
    foundedTo: year(params.get('foundedTo')),
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: pageSize !== null && pageSize <= 200 ? pageSize : DEFAULT_PAGE_SIZE,
    sort: ENTERPRISE_SORTS.find((s) => s === sort) ?? null,
  };
}

/** The filters only (what the API and the export take), without empty values. */
export function enterpriseFilterQuery(state: EnterpriseListState): Record<string, QueryValue> {
  return {
    q: state.q || undefined,
    division: state.division ?? undefined,
    industry: state.industry ?? undefined,
    sizeClass: state.sizeClass ?? undefined,
    aboveScale: state.aboveScale ?? undefined,
    tags: state.tags.length > 0 ? state.tags : undefined,
    foundedFrom: state.foundedFrom ?? undefined,
    foundedTo: state.foundedTo ?? undefined,
  };
}

/** The query of `GET /api/v1/enterprises`. */
export function enterpriseApiQuery(state: EnterpriseListState): Record<string, QueryValue> {
  return { ...enterpriseFilterQuery(state), page: state.page, pageSize: state.pageSize, sort: state.sort ?? undefined };
}

/** Writes the state to search params, leaving out defaults so URLs stay short. */
export function toEnterpriseListParams(state: EnterpriseListState): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(enterpriseFilterQuery(state))) {
    if (value === undefined || value === null) continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  if (state.page !== 1) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(state.pageSize));
  if (state.sort) params.set('sort', state.sort);
  return params;
}

/** Applies a change of filters: any filter change goes back to page 1. */
export function withFilters(state: EnterpriseListState, change: Partial<EnterpriseListState>): EnterpriseListState {
  const touchesFilters = Object.keys(change).some((key) => key !== 'page' && key !== 'pageSize' && key !== 'sort');
  return { ...state, ...change, page: touchesFilters ? 1 : (change.page ?? state.page) };
}

/** Maps an antd Table sorter to the API sort, honouring which directions the API has. */
export function sortFromTable(field: string | undefined, order: 'ascend' | 'descend' | null | undefined): EnterpriseSort | null {
  if (!field || !order) return null;
  const candidate = order === 'descend' ? `-${field}` : field;
  return ENTERPRISE_SORTS.find((s) => s === candidate) ?? null;
}

/** The antd Table sort order of a column under the current sort. */
export function tableOrder(sort: EnterpriseSort | null, field: string): 'ascend' | 'descend' | null {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}
