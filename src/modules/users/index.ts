/** Users, sessions and sign-in. */
export { createAuthService, hashPassword, type AuthService, MAX_LOGIN_FAILURES } from './auth.service.ts';
export { authRoutes } from './users.routes.ts';
export { createUsersService, type UsersService, type UserSummary } from './users.service.ts';
