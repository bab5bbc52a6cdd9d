import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../server/actor.ts';
import { permissionsOf } from '../../server/permissions.ts';
import { SESSION_COOKIE, CSRF_COOKIE } from '../../server/plugins/auth.ts';
import type { AuditService } from '../audit/index.ts';
import type { AuthService } from './auth.service.ts';
import type { UsersAdmin } from './users.admin.ts';
import {
  AdminUserPageSchema, AdminUserSchema, LoginBodySchema, LoginEventPageSchema, LoginEventQuerySchema, PasswordChangeSchema, UserCreateSchema,
  UserEnvelopeSchema, UserListQuerySchema, UserUpdateSchema, UserWithPasswordSchema,
} from './users.schemas.ts';

function toUser(actor: Actor, mustChangePassword: boolean) {
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    jurisdictionCode: actor.jurisdictionCode,
    jurisdictionName: actor.jurisdictionName,
    enterpriseId: actor.enterpriseId,
    permissions: [...permissionsOf(actor.role)],
    mustChangePassword,
  };
}

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService; audit: AuditService; secureCookies: boolean }> = async (app, { auth, audit, secureCookies }) => {
  app.post(
    '/api/v1/auth/login',
    { schema: { tags: ['auth'], summary: 'Sign in with user name and password', body: LoginBodySchema, response: { 200: UserEnvelopeSchema } }, config: { public: true } },
    async (req, reply) => {
      const { token, csrfToken, expiresAt, actor, mustChangePassword } = await auth.login(req.body.username, req.body.password, {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      const common = { path: '/', sameSite: 'strict' as const, secure: secureCookies, expires: expiresAt };
      reply.setCookie(SESSION_COOKIE, token, { ...common, httpOnly: true });
      reply.setCookie(CSRF_COOKIE, csrfToken, { ...common, httpOnly: false });
      return { user: toUser(actor, mustChangePassword) };
    },
  );

  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null() } }, config: { beforePasswordChange: true } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await auth.logout(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/api/v1/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: UserEnvelopeSchema } }, config: { beforePasswordChange: true } }, async (req) => {
    return { user: toUser(req.requireActor(), req.mustChangePassword) };
  });

  app.post(
    '/api/v1/auth/password',
    { schema: { tags: ['auth'], summary: 'Change your own password (required after an admin created the account or reset it); ends your other sessions', body: PasswordChangeSchema, response: { 204: z.null() } }, config: { beforePasswordChange: true } },
    async (req, reply) => {
      req.requireActor();
      await auth.changePassword(req.cookies[SESSION_COOKIE] ?? '', req.body.currentPassword, req.body.newPassword, audit, req.id);
      return reply.code(204).send(null);
    },
  );
};

/** Accounts and the login log, for admins. */
export const usersAdminRoutes: FastifyPluginAsyncZod<{ admin: UsersAdmin }> = async (app, { admin }) => {
  const tags = ['users'];
  app.get('/api/v1/users', { schema: { tags, summary: 'Accounts, filtered and paged (admins)', querystring: UserListQuerySchema, response: { 200: AdminUserPageSchema } } }, async (req) =>
    admin.listUsers(req.requireActor(), req.query),
  );
  app.post('/api/v1/users', { schema: { tags, summary: 'Create an account with a temporary password shown once (admins)', body: UserCreateSchema, response: { 201: UserWithPasswordSchema } } }, async (req, reply) =>
    reply.code(201).send(await admin.createUser(req.requireActor(), req.body, req.id)),
  );
  const IdParams = z.strictObject({ id: z.uuid() });
  app.get('/api/v1/users/:id', { schema: { tags, summary: 'One account (admins)', params: IdParams, response: { 200: AdminUserSchema } } }, async (req) =>
    admin.getUser(req.requireActor(), req.params.id),
  );
  app.patch('/api/v1/users/:id', { schema: { tags, summary: 'Change name, role, jurisdiction, enterprise, department or active state (admins)', params: IdParams, body: UserUpdateSchema, response: { 200: AdminUserSchema } } }, async (req) =>
    admin.updateUser(req.requireActor(), req.params.id, req.body, req.id),
  );
  app.post('/api/v1/users/:id/password-reset', { schema: { tags, summary: 'A new temporary password, shown once; ends the user’s sessions (admins)', params: IdParams, response: { 200: UserWithPasswordSchema } } }, async (req) =>
    admin.resetPassword(req.requireActor(), req.params.id, req.id),
  );
  app.post('/api/v1/users/:id/unlock', { schema: { tags, summary: 'Lift a lock-out after failed sign-ins (admins)', params: IdParams, response: { 200: AdminUserSchema } } }, async (req) =>
    admin.unlock(req.requireActor(), req.params.id, req.id),
  );
  app.get('/api/v1/login-events', { schema: { tags, summary: 'The login log: every sign-in attempt and its outcome (admins)', querystring: LoginEventQuerySchema, response: { 200: LoginEventPageSchema } } }, async (req) => {
    const { from, to, ...rest } = req.query;
    return admin.listLoginEvents(req.requireActor(), {
      ...rest,
      from: from ? new Date(`${from}T00:00:00+08:00`) : undefined,
      to: to ? new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000) : undefined,
    });
  });
};
