import { z } from 'zod';
import { ROLES } from '../../server/permissions.ts';

export const LoginBodySchema = z.strictObject({
  username: z.string().trim().min(1).max(100).describe('User name'),
  password: z.string().min(1).max(200).describe('Password'),
});

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  jurisdictionCode: z.string().nullable().describe('Division or zone code the user works in'),
  jurisdictionName: z.string().nullable(),
  enterpriseId: z.string().nullable().describe('For enterprise users: the enterprise they act for'),
  permissions: z.array(z.string()),
  mustChangePassword: z.boolean().describe('A temporary password: only /auth/me, /auth/password and /auth/logout answer until it is changed'),
});

export const UserEnvelopeSchema = z.object({ user: UserSchema });

export const PasswordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1).max(200).describe('The password in use now (or the temporary one)'),
  newPassword: z.string().min(1).max(200).describe('At least 8 characters, letters and digits, not containing the user name'),
});

const RoleSchema = z.enum(ROLES);
const username = z.string().trim().min(3).max(50).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, _ . - only, starting with a letter or digit');

export const AdminUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  jurisdictionCode: z.string().nullable(),
  jurisdictionName: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  departmentName: z.string().nullable(),
  status: z.enum(['active', 'inactive', 'locked']),
  lockedUntil: z.string().nullable(),
  failedLoginCount: z.number().int(),
  mustChangePassword: z.boolean(),
  isDemo: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});

export const AdminUserPageSchema = z.object({ items: z.array(AdminUserSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const UserListQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional().describe('Part of the user name, display name or department'),
  role: RoleSchema.optional(),
  jurisdiction: z.string().trim().max(20).optional().describe('Jurisdiction code prefix: a district also finds its streets'),
  status: z.enum(['active', 'inactive', 'locked']).optional(),
  enterpriseId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const UserCreateSchema = z.strictObject({
  username,
  displayName: z.string().trim().min(1).max(100),
  role: RoleSchema,
  jurisdictionCode: z.string().trim().max(20).nullish().describe('Required for city, district, street, department and leader users'),
  enterpriseId: z.uuid().nullish().describe('Required for enterprise users'),
  departmentName: z.string().trim().max(100).nullish().describe('Required for department users: the handling department (承办单位)'),
});

export const UserUpdateSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(100).optional(),
  role: RoleSchema.optional(),
  jurisdictionCode: z.string().trim().max(20).nullish(),
  enterpriseId: z.uuid().nullish(),
  departmentName: z.string().trim().max(100).nullish(),
  isActive: z.boolean().optional(),
});

export const UserWithPasswordSchema = z.object({ user: AdminUserSchema, temporaryPassword: z.string().describe('Shown once; the user must change it at the next sign-in') });

export const LoginEventQuerySchema = z.strictObject({
  username: z.string().trim().max(100).optional(),
  outcome: z.enum(['success', 'bad-credentials', 'locked', 'unknown-user', 'inactive']).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional().describe('Inclusive'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const LoginEventPageSchema = z.object({
  items: z.array(z.object({ id: z.string(), username: z.string(), userId: z.string().nullable(), outcome: z.string(), ip: z.string().nullable(), at: z.string() })),
  total: z.number().int(), page: z.number().int(), pageSize: z.number().int(),
});
