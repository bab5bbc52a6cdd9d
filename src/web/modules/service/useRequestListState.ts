import { useCallback, useMemo } from 'react';
import { useUrlSearchParams } from '../../app/useUrlSearchParams.ts';
import { parseRequestListParams, toRequestListParams, withRequestFilters } from './service-list-params.ts';
import type { RequestListState } from './service-list-params.ts';

/** The request list state lives in the URL; a change is merged into the URL as it is now and pushes a history entry. */
export function useRequestListState(defaults: Partial<RequestListState> = {}): [RequestListState, (change: Partial<RequestListState>) => void, () => void] {
  const [params, setParams] = useUrlSearchParams();
  const defaultsKey = JSON.stringify(defaults);
  // A page's own defaults (the department queue's states) apply while the URL has no filters.
  const parse = useCallback(
    (search: URLSearchParams): RequestListState => {
      const parsed = parseRequestListParams(search);
      return search.toString() === '' ? { ...parsed, ...(JSON.parse(defaultsKey) as Partial<RequestListState>) } : parsed;
    },
    [defaultsKey],
  );
  const state = useMemo(() => parse(params), [parse, params]);
  const update = useCallback(
    (change: Partial<RequestListState>) => setParams((current) => toRequestListParams(withRequestFilters(parse(current), change))),
    [setParams, parse],
  );
  const reset = useCallback(() => setParams(() => new URLSearchParams()), [setParams]);
  return [state, update, reset];
}
