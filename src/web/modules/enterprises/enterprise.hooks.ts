import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { EnterpriseDetail, HistoryEntry } from '../../api/types.ts';

export const enterpriseKey = (id: string) => ['enterprises', 'detail', id] as const;
export const historyKey = (id: string) => ['enterprises', 'history', id] as const;

export function useEnterprise(id: string) {
  return useQuery({
    queryKey: enterpriseKey(id),
    queryFn: ({ signal }) => api.get<EnterpriseDetail>(`/api/v1/enterprises/${encodeURIComponent(id)}`, undefined, { signal, silent: true }),
  });
}

export function useEnterpriseHistory(id: string) {
  return useQuery({
    queryKey: historyKey(id),
    queryFn: ({ signal }) =>
      api.get<{ items: HistoryEntry[] }>(`/api/v1/enterprises/${encodeURIComponent(id)}/history`, undefined, { signal }),
  });
}
