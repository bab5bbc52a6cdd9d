import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { parseEnterpriseListParams, toEnterpriseListParams, withFilters } from './enterprise-list-params.ts';
import type { EnterpriseListState } from './enterprise-list-params.ts';

/** The list state lives in the URL; changing it pushes a history entry. */
export function useEnterpriseListState(): [EnterpriseListState, (change: Partial<EnterpriseListState>) => void, () => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseEnterpriseListParams(params), [params]);
  const update = useCallback(
    (change: Partial<EnterpriseListState>) => setParams(toEnterpriseListParams(withFilters(state, change))),
    [setParams, state],
  );
  const reset = useCallback(() => setParams(new URLSearchParams()), [setParams]);
  return [state, update, reset];
}
