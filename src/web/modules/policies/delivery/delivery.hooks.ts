import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { ApplicationParams, ExemptListParams } from './delivery-params.ts';
import type { ApplicationDetail, ApplicationForm, ApplicationPage, DeliveryStats, ExemptList, InboxPage } from './delivery-types.ts';

export const UNREAD_KEY = ['delivery', 'unread'] as const;

/** The unread count of the header bell: polled every minute, and refreshed by any inbox change. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: UNREAD_KEY,
    queryFn: ({ signal }) => api.get<{ unread: number }>('/api/v1/me/inbox/unread-count', undefined, { signal, silent: true }),
    enabled,
    refetchInterval: 60_000,
  });
}

export function useInbox(page: number, unreadOnly: boolean) {
  return useQuery({
    queryKey: ['delivery', 'inbox', page, unreadOnly],
    queryFn: ({ signal }) => api.get<InboxPage>('/api/v1/me/inbox', { page, pageSize: 20, unread: unreadOnly ? 'true' : undefined }, { signal }),
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') => (id === 'all' ? api.post<{ unread: number }>('/api/v1/me/inbox/read-all') : api.post<{ unread: number }>(`/api/v1/me/inbox/${id}/read`)),
    onSuccess: (result) => {
      client.setQueryData(UNREAD_KEY, result);
      void client.invalidateQueries({ queryKey: ['delivery', 'inbox'] });
    },
  });
}

export function useApplicationForm(itemId: string | null) {
  return useQuery({
    queryKey: ['delivery', 'form', itemId],
    queryFn: ({ signal }) => api.get<ApplicationForm>(`/api/v1/policy-items/${encodeURIComponent(itemId ?? '')}/application-form`, undefined, { signal }),
    enabled: itemId !== null,
  });
}

export function useApplications(params: ApplicationParams) {
  return useQuery({
    queryKey: ['delivery', 'applications', params],
    queryFn: ({ signal }) => api.get<ApplicationPage>('/api/v1/policy-applications', { ...params }, { signal }),
    placeholderData: (previous) => previous,
  });
}

export function useApplication(id: string) {
  return useQuery({
    queryKey: ['delivery', 'application', id],
    queryFn: ({ signal }) => api.get<ApplicationDetail>(`/api/v1/policy-applications/${encodeURIComponent(id)}`, undefined, { signal }),
  });
}

/** A step on an application (review, resubmission, payout); the page shows the new state. */
export function useApplicationStep(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: 'reviews' | 'resubmissions' | 'payouts'; body: Record<string, unknown> }) => api.post<ApplicationDetail>(`/api/v1/policy-applications/${id}/${path}`, body),
    onSuccess: (detail) => {
      client.setQueryData(['delivery', 'application', id], detail);
      void client.invalidateQueries({ queryKey: ['delivery', 'applications'] });
      void client.invalidateQueries({ queryKey: ['delivery', 'stats'] });
    },
  });
}

/** One page of a 免申即享 list: a status (pending, excluded, granted) under a filter (division, name). */
export function useExemptList(itemId: string, params: ExemptListParams) {
  return useQuery({
    queryKey: ['delivery', 'exempt', itemId, params],
    queryFn: ({ signal }) => api.get<ExemptList>(`/api/v1/policy-items/${encodeURIComponent(itemId)}/exempt-list`, { ...params }, { signal }),
    placeholderData: (previous) => previous,
  });
}

export function useDeliveryStats(itemId: string | null) {
  return useQuery({
    queryKey: ['delivery', 'stats', itemId],
    queryFn: ({ signal }) => api.get<DeliveryStats>('/api/v1/policy-delivery-stats', { itemId: itemId ?? undefined }, { signal }),
    placeholderData: (previous) => previous,
  });
}
