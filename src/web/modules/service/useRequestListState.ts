import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { parseRequestListParams, toRequestListParams, withRequestFilters } from './service-list-params.ts';
import type { RequestListState } from './service-list-params.ts';

/** The request list state lives in the URL; a change pushes a history entry. */
export function useRequestListState(defaults: Partial<RequestListState> = {}): [RequestListState, (change: Partial<RequestListState>) => void, () => void] {
  const [params, setParams] = useSearchParams();
  const defaultsKey = JSON.stringify(defaults);
  const state = useMemo(() => {
    const parsed = parseRequestListParams(params);
    // A page's own defaults (the department queue's states) apply while the URL has no filters.
    return params.toString() === '' ? { ...parsed, ...(JSON.parse(defaultsKey) as Partial<RequestListState>) } : parsed;
  }, [params, defaultsKey]);
  const update = useCallback((change: Partial<RequestListState>) => setParams(toRequestListParams(withRequestFilters(state, change))), [setParams, state]);
  const reset = useCallback(() => setParams(new URLSearchParams()), [setParams]);
  return [state, update, reset];
}
