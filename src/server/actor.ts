import type { Role } from './permissions.ts';

/**
 * What a signed-in caller may reach: everything, some division subtrees (a jurisdiction),
 * or one enterprise. Computed once per request by the auth plugin; every repository
 * query takes it, so scoping happens on the server in one place.
 */
export type Scope =
  | { kind: 'all' }
  | { kind: 'divisions'; prefixes: string[]; excludedPrefixes?: string[] }
  | { kind: 'enterprise'; enterpriseId: string }
  | { kind: 'none' };

export type Actor = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  jurisdictionCode: string | null;
  jurisdictionName: string | null;
  enterpriseId: string | null;
  scope: Scope;
};

/** The system itself (seeding, CLI imports run by an operator), with city-wide scope. */
export const SYSTEM_ACTOR: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  displayName: '系统',
  role: 'admin',
  jurisdictionCode: null,
  jurisdictionName: null,
  enterpriseId: null,
  scope: { kind: 'all' },
};

/** True when a division code lies inside the scope (enterprise scopes are checked by id instead). */
export function scopeContainsDivision(scope: Scope, divisionCode: string): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'divisions':
      return scope.prefixes.some((p) => divisionCode.startsWith(p)) && !(scope.excludedPrefixes ?? []).some((p) => divisionCode.startsWith(p));
    case 'enterprise':
    case 'none':
      return false;
  }
}
