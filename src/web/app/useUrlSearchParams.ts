import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { NavigateOptions } from 'react-router-dom';

/** Computes the next search params from the current ones. */
export type SearchParamsChange = (current: URLSearchParams) => URLSearchParams;

/**
 * The URL's search params as last rendered, and a setter that computes the next ones from the
 * address bar as it is now. React Router commits a navigation in a transition, so the params a
 * page last rendered can be older than the URL: on a slow machine a level chosen just before Enter
 * in the search box would be written over if the search started from them.
 */
export function useUrlSearchParams(): [URLSearchParams, (change: SearchParamsChange, options?: NavigateOptions) => void] {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (change: SearchParamsChange, options?: NavigateOptions) => setParams(change(new URLSearchParams(window.location.search)), options),
    [setParams],
  );
  return [params, update];
}
