/** Account types, from the server's schemas. */
import type { z } from 'zod';
import type { AdminUserSchema, LoginEventPageSchema, UserWithPasswordSchema } from '../../../modules/users/users.schemas.ts';

export type AdminUser = z.infer<typeof AdminUserSchema>;
export type UserWithPassword = z.infer<typeof UserWithPasswordSchema>;
export type LoginEvent = z.infer<typeof LoginEventPageSchema>['items'][number];
export const USER_STATUSES = ['active', 'locked', 'inactive'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
export const LOGIN_OUTCOMES = ['success', 'bad-credentials', 'locked', 'unknown-user', 'inactive'] as const;
