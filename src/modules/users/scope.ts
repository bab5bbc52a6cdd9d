import { getJurisdiction } from '../../standards/index.ts';
import type { Scope } from '../../server/actor.ts';
import type { UserRow } from './users.repository.ts';

const CITY_WIDE_ROLES = new Set(['admin']);

/**
 * The one place where a user's scope is decided: admins see everything; an enterprise
 * user sees its own enterprise; everyone else sees the division subtrees of their
 * jurisdiction (郑州市 for city-wide roles, a district, a street, or a zone such as 郑东新区).
 */
export function scopeForUser(user: Pick<UserRow, 'role' | 'jurisdictionCode' | 'enterpriseId'>): Scope {
  if (CITY_WIDE_ROLES.has(user.role)) return { kind: 'all' };
  if (user.role === 'enterprise') {
    return user.enterpriseId ? { kind: 'enterprise', enterpriseId: user.enterpriseId } : { kind: 'none' };
  }
  if (!user.jurisdictionCode) return { kind: 'none' };
  const jurisdiction = getJurisdiction(user.jurisdictionCode);
  if (!jurisdiction) return { kind: 'none' };
  return { kind: 'divisions', prefixes: jurisdiction.divisionPrefixes, excludedPrefixes: jurisdiction.excludedPrefixes ?? [] };
}

/** The Chinese name of a jurisdiction code, or null. */
export function jurisdictionNameOf(code: string | null): string | null {
  if (!code) return null;
  return getJurisdiction(code)?.name ?? null;
}
