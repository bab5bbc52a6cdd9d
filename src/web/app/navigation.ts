/** Which modules each role may use, and the sider menu that follows from it. */
import type { Role, User } from '../api/types.ts';

export const APP_MODULES = ['dashboard', 'registry', 'policies', 'policyDocuments', 'myEnterprise', 'myPolicies', 'policyInbox', 'policyApplications', 'policyDelivery', 'serviceDashboard', 'serviceRequests', 'serviceQueue', 'serviceLiaisons', 'serviceSettings', 'selfCheck', 'users', 'audit'] as const;
export type AppModule = (typeof APP_MODULES)[number];

const ACCESS: Record<AppModule, readonly Role[]> = {
  dashboard: ['admin', 'city', 'district', 'street', 'department', 'leader'],
  registry: ['admin', 'city', 'district', 'street', 'department', 'leader'],
  policies: ['admin', 'city', 'district', 'street', 'department', 'leader'],
  policyDocuments: ['admin', 'city', 'district', 'street', 'department', 'leader'],
  myEnterprise: ['enterprise'],
  myPolicies: ['enterprise'],
  policyInbox: ['city', 'district', 'street', 'enterprise'],
  policyApplications: ['admin', 'city', 'district', 'street', 'enterprise', 'leader'],
  policyDelivery: ['admin', 'city', 'district', 'street', 'leader'],
  serviceDashboard: ['admin', 'city', 'district', 'street', 'leader'],
  serviceRequests: ['admin', 'city', 'district', 'street', 'department', 'enterprise', 'leader'],
  serviceQueue: ['department'],
  serviceLiaisons: ['admin', 'city', 'district', 'street', 'enterprise'],
  serviceSettings: ['admin', 'city'],
  selfCheck: ['admin', 'city', 'district', 'street', 'department', 'enterprise', 'leader'],
  users: ['admin'],
  audit: ['admin'],
};

export const MODULE_PATHS: Record<AppModule, string> = {
  dashboard: '/',
  registry: '/enterprises',
  policies: '/policies',
  policyDocuments: '/policy-documents',
  myEnterprise: '/my-enterprise',
  myPolicies: '/my-policies',
  policyInbox: '/inbox',
  policyApplications: '/policy-applications',
  policyDelivery: '/policy-delivery',
  serviceDashboard: '/service/dashboard',
  serviceRequests: '/service/requests',
  serviceQueue: '/service/queue',
  serviceLiaisons: '/service/liaisons',
  serviceSettings: '/service/settings',
  selfCheck: '/self-check',
  users: '/users',
  audit: '/audit',
};

/** The page where a signed-in user changes their own password. */
export const CHANGE_PASSWORD_PATH = '/account/password';

export function canUse(role: Role, module: AppModule): boolean {
  return ACCESS[module].includes(role);
}

/** The modules of the sider menu, in menu order. */
export function modulesFor(role: Role): AppModule[] {
  return APP_MODULES.filter((module) => canUse(role, module));
}

/** Where a role lands after sign-in when no page was asked for. */
export function homePathFor(role: Role): string {
  return canUse(role, 'dashboard') ? MODULE_PATHS.dashboard : role === 'enterprise' ? MODULE_PATHS.myEnterprise : MODULE_PATHS.selfCheck;
}

export const PERMISSIONS = ['enterprises.create', 'enterprises.update', 'enterprises.import', 'enterprises.export'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const WRITERS: readonly Role[] = ['admin', 'city', 'district', 'street'];
const FALLBACK: Record<Permission, readonly Role[]> = {
  'enterprises.create': WRITERS,
  'enterprises.import': WRITERS,
  'enterprises.update': [...WRITERS, 'enterprise'],
  'enterprises.export': [...WRITERS, 'department', 'leader'],
};

/**
 * Whether to offer an action: the server's permission list when it sends one, else by
 * role. Only a matter of showing buttons; the server checks every request.
 */
export function hasPermission(user: Pick<User, 'role' | 'permissions'>, permission: Permission): boolean {
  if (user.permissions) return user.permissions.includes(permission);
  return FALLBACK[permission].includes(user.role);
}

/** The menu key that is active for a path (`/enterprises/42` → registry). */
export function moduleForPath(pathname: string): AppModule | null {
  if (pathname === '/') return 'dashboard';
  const found = APP_MODULES.filter((m) => m !== 'dashboard').find(
    (m) => pathname === MODULE_PATHS[m] || pathname.startsWith(`${MODULE_PATHS[m]}/`),
  );
  return found ?? null;
}

/**
 * Where a signed-in user is sent instead of the page asked for: the change-password page while
 * the account has a temporary password (the server refuses everything else), else nowhere.
 */
export function passwordChangeRedirect(user: Pick<User, 'mustChangePassword'>, location: { pathname: string; search: string }): string | null {
  if (!user.mustChangePassword || location.pathname === CHANGE_PASSWORD_PATH) return null;
  const next = `${location.pathname}${location.search}`;
  return next === '/' ? CHANGE_PASSWORD_PATH : `${CHANGE_PASSWORD_PATH}?next=${encodeURIComponent(next)}`;
}

/**
 * The page to go to after sign-in: the one that was asked for if it is a local path
 * (never another origin, never the sign-in page itself), else the role's home.
 */
export function safeNextPath(next: string | null, role: Role): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) {
    return homePathFor(role);
  }
  return next;
}
