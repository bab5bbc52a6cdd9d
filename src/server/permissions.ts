import { AppError } from './errors.ts';

export const ROLES = ['admin', 'city', 'district', 'street', 'department', 'enterprise', 'leader'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'enterprises.read',
  'enterprises.create',
  'enterprises.update',
  'enterprises.import',
  'enterprises.export',
  'enterprises.contacts.read',
  'dashboard.read',
  'audit.read',
  'users.manage',
  'service.read',
  'service.requests.create',
  'service.requests.import',
  'service.liaisons.manage',
  'service.visits.write',
  'service.stats.read',
  'service.admin',
  'policies.read',
  'policies.match',
  'policies.export',
  'policies.applications.read',
  'policies.apply',
  'policies.review',
  'policies.pay',
  'policies.grant',
  'policies.inbox',
  'policies.delivery.stats',
  'policies.write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** 政策直达 (delivery): who applies, reviews, pays, sets budgets, confirms 免申即享 lists, reads the inbox and the figures. */
const DELIVERY_GRANTS: Record<Role, readonly Permission[]> = {
  admin: [],
  city: ['policies.applications.read', 'policies.review', 'policies.pay', 'policies.grant', 'policies.inbox', 'policies.delivery.stats'],
  district: ['policies.applications.read', 'policies.review', 'policies.grant', 'policies.inbox', 'policies.delivery.stats'],
  street: ['policies.applications.read', 'policies.inbox', 'policies.delivery.stats'],
  department: [],
  enterprise: ['policies.applications.read', 'policies.apply', 'policies.inbox'],
  leader: ['policies.applications.read', 'policies.delivery.stats'],
};

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  city: ['enterprises.read', 'enterprises.create', 'enterprises.update', 'enterprises.import', 'enterprises.export', 'enterprises.contacts.read', 'dashboard.read', 'service.read', 'service.requests.create', 'service.requests.import', 'service.liaisons.manage', 'service.visits.write', 'service.stats.read', 'service.admin', 'policies.read', 'policies.match', 'policies.export', 'policies.write'],
  district: ['enterprises.read', 'enterprises.create', 'enterprises.update', 'enterprises.import', 'enterprises.export', 'enterprises.contacts.read', 'dashboard.read', 'service.read', 'service.requests.create', 'service.requests.import', 'service.liaisons.manage', 'service.visits.write', 'service.stats.read', 'policies.read', 'policies.match', 'policies.export', 'policies.write'],
  street: ['enterprises.read', 'enterprises.create', 'enterprises.update', 'enterprises.import', 'enterprises.export', 'enterprises.contacts.read', 'dashboard.read', 'service.read', 'service.requests.create', 'service.requests.import', 'service.visits.write', 'service.stats.read', 'policies.read', 'policies.match', 'policies.export'],
  department: ['enterprises.read', 'enterprises.export', 'dashboard.read', 'service.read', 'service.stats.read', 'policies.read', 'policies.match', 'policies.export'],
  enterprise: ['enterprises.read', 'enterprises.update', 'enterprises.contacts.read', 'service.read', 'service.requests.create', 'policies.read', 'policies.match'],
  leader: ['enterprises.read', 'enterprises.export', 'dashboard.read', 'service.read', 'service.stats.read', 'policies.read', 'policies.match', 'policies.export'],
};

/** Whether the actor's role grants a permission (scope is checked separately, in the queries). */
export function can(actor: { role: Role }, permission: Permission): boolean {
  return GRANTS[actor.role].includes(permission) || DELIVERY_GRANTS[actor.role].includes(permission);
}

/** Throws 403 FORBIDDEN unless the actor's role grants the permission. */
export function assertCan(actor: { role: Role }, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError('FORBIDDEN', { status: 403 });
}

/** The permissions a role has, for the web app's menus. */
export function permissionsOf(role: Role): readonly Permission[] {
  return [...GRANTS[role], ...DELIVERY_GRANTS[role]];
}
