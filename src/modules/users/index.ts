/** Users, sessions and sign-in. */
export { createAuthService, hashPassword, type AuthService, MAX_LOGIN_FAILURES } from './auth.service.ts';
export { authRoutes, usersAdminRoutes } from './users.routes.ts';
export { createUsersAdmin, type UsersAdmin, type AdminUser } from './users.admin.ts';
export { passwordProblem, PASSWORD_MIN_LENGTH } from './password-policy.ts';
export { createUsersService, type UsersService, type UserSummary } from './users.service.ts';
