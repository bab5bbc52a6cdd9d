import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';

export const SESSION_COOKIE = 'gaodi_session';
export const CSRF_COOKIE = 'gaodi_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** The signed-in actor, or a 401 AUTH_REQUIRED. */
    requireActor: () => Actor;
    /** The signed-in user was given a temporary password and must choose a new one first. */
    mustChangePassword: boolean;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (and without a CSRF token). */
    public?: boolean;
    /** Reachable by a user who must still change a temporary password (who am I, sign out, change it). */
    beforePasswordChange?: boolean;
  }
}

type Authenticator = { authenticate: (token: string) => Promise<{ actor: Actor; csrfToken: string; mustChangePassword?: boolean } | null> };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Resolves the session cookie to an actor on every /api request and enforces the
 * double-submit CSRF token on writes. Routes call `req.requireActor()`. A user with a temporary
 * password reaches only the routes marked `beforePasswordChange` until it is changed.
 */
const authPlugin: FastifyPluginAsync<{ auth: Authenticator }> = async (app, { auth }) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('mustChangePassword', false);
  app.decorateRequest('requireActor', function (this: { actor: Actor | null }) {
    if (!this.actor) throw new AppError('AUTH_REQUIRED', { status: 401 });
    return this.actor;
  });

  app.addHook('preValidation', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    const session = token ? await auth.authenticate(token) : null;
    req.actor = session?.actor ?? null;
    req.mustChangePassword = session?.mustChangePassword ?? false;
    const { config } = req.routeOptions;
    // a temporary password opens nothing but the way to replace it
    if (req.mustChangePassword && !config.public && !config.beforePasswordChange) throw new AppError('AUTH_PASSWORD_CHANGE_REQUIRED', { status: 403 });
    if (SAFE_METHODS.has(req.method) || config.public) return;
    if (!session) throw new AppError('AUTH_REQUIRED', { status: 401 });
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken)) {
      throw new AppError('AUTH_CSRF_INVALID', { status: 403 });
    }
  });
};

export const authPluginFp = fp(authPlugin, { name: 'gaodi-auth' });
