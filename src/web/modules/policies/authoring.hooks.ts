import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { PolicyDocumentDetail, PolicyDocumentSummary, PolicyItemVersions, PolicyMatchRun } from './authoring-types.ts';

/** The documents the caller may see, newest first, each with its files and the number of its items it may see. */
export function usePolicyDocuments() {
  return useQuery({
    queryKey: ['policies', 'documents'],
    queryFn: ({ signal }) => api.get<{ items: PolicyDocumentSummary[] }>('/api/v1/policy-documents', undefined, { signal }),
  });
}

/** One document with its full text, files and items; the caller shows a 404 itself. */
export function usePolicyDocument(id: string) {
  return useQuery({
    queryKey: ['policies', 'document', id],
    queryFn: ({ signal }) => api.get<PolicyDocumentDetail>(`/api/v1/policy-documents/${encodeURIComponent(id)}`, undefined, { signal, silent: true }),
  });
}

export function usePolicyVersions(id: string | null) {
  return useQuery({
    queryKey: ['policies', 'versions', id],
    queryFn: ({ signal }) => api.get<PolicyItemVersions>(`/api/v1/policy-items/${encodeURIComponent(id ?? '')}/versions`, undefined, { signal }),
    enabled: id !== null,
  });
}

export function usePolicyDrafts(enabled: boolean) {
  return useQuery({
    queryKey: ['policies', 'drafts'],
    queryFn: ({ signal }) => api.get<{ items: { id: string; title: string; documentTitle: string; version: number; createdAt: string }[] }>('/api/v1/policy-item-drafts', undefined, { signal }),
    enabled,
  });
}

/** The latest full re-match run, polled every second while one is under way. */
export function useLatestMatchRun(enabled: boolean) {
  return useQuery({
    queryKey: ['policies', 'match-runs'],
    queryFn: ({ signal }) => api.get<{ items: PolicyMatchRun[] }>('/api/v1/policy-match-runs', undefined, { signal }),
    enabled,
    refetchInterval: (query) => {
      const latest = query.state.data?.items[0];
      return latest && (latest.state === 'queued' || latest.state === 'running') ? 1000 : false;
    },
  });
}
