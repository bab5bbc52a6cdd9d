import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ApiError, api } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { canUse, homePathFor, passwordChangeRedirect } from './navigation.ts';
import type { AppModule } from './navigation.ts';

export const ME_QUERY_KEY = ['auth', 'me'] as const;

async function fetchMe(): Promise<User | null> {
  try {
    const body = await api.get<{ user: User }>('/api/v1/auth/me', undefined, { allowUnauthorized: true, silent: true });
    return body.user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** The signed-in user, or null; undefined while the first answer is on its way. */
export function useCurrentUser(): { user: User | null | undefined; isLoading: boolean } {
  const query = useQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
  return { user: query.data, isLoading: query.isLoading };
}

/** Forgets the session on this side (after sign-out or a 401). */
export function useForgetSession(): () => void {
  const client = useQueryClient();
  return () => {
    client.setQueryData(ME_QUERY_KEY, null);
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_QUERY_KEY[0] });
  };
}

export function FullPageSpin() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}>
      <Spin size="large" />
    </div>
  );
}

/**
 * Renders its children for a signed-in user who may use the module; else redirects (to the
 * sign-in page, to the change-password page while the password is temporary, or home).
 */
export function RequireUser({ module, children }: { module?: AppModule; children: (user: User) => ReactNode }) {
  const { user, isLoading } = useCurrentUser();
  const location = useLocation();
  if (isLoading || user === undefined) return <FullPageSpin />;
  if (user === null) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  const passwordChange = passwordChangeRedirect(user, location);
  if (passwordChange) return <Navigate to={passwordChange} replace />;
  if (module && !canUse(user.role, module)) return <Navigate to={homePathFor(user.role)} replace />;
  return <>{children(user)}</>;
}
