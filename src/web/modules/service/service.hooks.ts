import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { QueryValue } from '../../api/http.ts';
import type { ServiceCategory, ServiceDepartment, ServiceRequestDetail, ServiceRequestPage, ServiceStats, TransitionBody } from './service-types.ts';

export const requestKey = (id: string) => ['service', 'request', id] as const;

export function useServiceRequests(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: ['service', 'requests', query],
    queryFn: ({ signal }) => api.get<ServiceRequestPage>('/api/v1/service-requests', query, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useServiceRequest(id: string) {
  return useQuery({
    queryKey: requestKey(id),
    queryFn: ({ signal }) => api.get<ServiceRequestDetail>(`/api/v1/service-requests/${encodeURIComponent(id)}`, undefined, { signal, silent: true }),
  });
}

export function useServiceCategories() {
  return useQuery({
    queryKey: ['service', 'categories'],
    queryFn: ({ signal }) => api.get<{ items: ServiceCategory[] }>('/api/v1/service-categories', undefined, { signal }),
    staleTime: 10 * 60_000,
  });
}

export function useServiceDepartments() {
  return useQuery({
    queryKey: ['service', 'departments'],
    queryFn: ({ signal }) => api.get<{ items: ServiceDepartment[] }>('/api/v1/service-departments', undefined, { signal }),
    staleTime: 10 * 60_000,
  });
}

export function useServiceStats(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: ['service', 'stats', query],
    queryFn: ({ signal }) => api.get<ServiceStats>('/api/v1/service-stats', query, { signal }),
  });
}

/** Takes an action on a request; the caller shows field errors, the detail refreshes with the answer. */
export function useTransition(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TransitionBody) => api.post<ServiceRequestDetail>(`/api/v1/service-requests/${encodeURIComponent(id)}/transitions`, body),
    onSuccess: (detail) => {
      client.setQueryData(requestKey(id), detail);
      void client.invalidateQueries({ queryKey: ['service', 'requests'] });
      void client.invalidateQueries({ queryKey: ['service', 'stats'] });
    },
  });
}
