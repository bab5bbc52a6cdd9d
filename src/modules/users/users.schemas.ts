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
});

export const UserEnvelopeSchema = z.object({ user: UserSchema });
