import { useCallback, useMemo } from 'react';
import { useUrlSearchParams } from '../../app/useUrlSearchParams.ts';
import { parseEnterpriseListParams, toEnterpriseListParams, withFilters } from './enterprise-list-params.ts';
import type { EnterpriseListState } from './enterprise-list-params.ts';

/** The list state lives in the URL; a change is merged into the URL as it is now and pushes a history entry. */
export function useEnterpriseListState(): [EnterpriseListState, (change: Partial<EnterpriseListState>) => void, () => void] {
  const [params, setParams] = useUrlSearchParams();
  const state = useMemo(() => parseEnterpriseListParams(params), [params]);
  const update = useCallback(
    (change: Partial<EnterpriseListState>) => setParams((current) => toEnterpriseListParams(withFilters(parseEnterpriseListParams(current), change))),
    [setParams],
  );
  const reset = useCallback(() => setParams(() => new URLSearchParams()), [setParams]);
  return [state, update, reset];
}
