import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../server/actor.ts';
import { permissionsOf } from '../../server/permissions.ts';
import { SESSION_COOKIE, CSRF_COOKIE } from '../../server/plugins/auth.ts';
import type { AuthService } from './auth.service.ts';
import { LoginBodySchema, UserEnvelopeSchema } from './users.schemas.ts';

function toUser(actor: Actor) {
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    jurisdictionCode: actor.jurisdictionCode,
    jurisdictionName: actor.jurisdictionName,
    enterpriseId: actor.enterpriseId,
    permissions: [...permissionsOf(actor.role)],
  };
}

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService; secureCookies: boolean }> = async (app, { auth, secureCookies }) => {
  app.post(
    '/api/v1/auth/login',
    { schema: { tags: ['auth'], summary: 'Sign in with user name and password', body: LoginBodySchema, response: { 200: UserEnvelopeSchema } }, config: { public: true } },
    async (req, reply) => {
      const { token, csrfToken, expiresAt, actor } = await auth.login(req.body.username, req.body.password, {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      const common = { path: '/', sameSite: 'strict' as const, secure: secureCookies, expires: expiresAt };
      reply.setCookie(SESSION_COOKIE, token, { ...common, httpOnly: true });
      reply.setCookie(CSRF_COOKIE, csrfToken, { ...common, httpOnly: false });
      return { user: toUser(actor) };
    },
  );

  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null() } } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await auth.logout(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/api/v1/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: UserEnvelopeSchema } } }, async (req) => {
    return { user: toUser(req.requireActor()) };
  });
};
