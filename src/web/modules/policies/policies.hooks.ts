import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { MatchesParams } from './policy-params.ts';
import { toMatchesQuery } from './policy-params.ts';
import type { EnterprisePolicyMatches, PolicyItemDetail, PolicyItemList, PolicyMatchPage, PublicPolicyList } from './policy-types.ts';

export function usePolicyItems(asOf: string | null) {
  return useQuery({
    queryKey: ['policies', 'items', asOf],
    queryFn: ({ signal }) => api.get<PolicyItemList>('/api/v1/policy-items', { asOf }, { signal }),
  });
}

// Rules in words and explanations come in the UI language (Accept-Language): the language is part of their keys.

export function usePolicyItem(id: string, asOf: string | null) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['policies', 'item', id, asOf, i18n.language],
    queryFn: ({ signal }) => api.get<PolicyItemDetail>(`/api/v1/policy-items/${encodeURIComponent(id)}`, { asOf }, { signal, silent: true }),
  });
}

export function usePolicyMatches(id: string, params: MatchesParams) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['policies', 'matches', id, params, i18n.language],
    queryFn: ({ signal }) => api.get<PolicyMatchPage>(`/api/v1/policy-items/${encodeURIComponent(id)}/matches`, toMatchesQuery(params), { signal }),
    // Keep the previous page on screen while the next one loads, but never show eligible rows under
    // the near-miss columns (or the other way round) while the other list is on its way.
    placeholderData: (previous, previousQuery) => ((previousQuery?.queryKey[3] as MatchesParams | undefined)?.kind === params.kind ? previous : undefined),
  });
}

export function useEnterprisePolicyMatches(enterpriseId: string, asOf: string | null) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['policies', 'enterprise', enterpriseId, asOf, i18n.language],
    queryFn: ({ signal }) =>
      api.get<EnterprisePolicyMatches>(`/api/v1/enterprises/${encodeURIComponent(enterpriseId)}/policy-matches`, { asOf }, { signal, silent: true }),
  });
}

/** The public catalogue (no sign-in): a 401 is neither shown nor followed. */
export function usePublicPolicies() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['policies', 'public', i18n.language],
    queryFn: ({ signal }) => api.get<PublicPolicyList>('/api/v1/public/policy-items', undefined, { signal, silent: true, allowUnauthorized: true }),
    staleTime: 10 * 60_000,
  });
}
