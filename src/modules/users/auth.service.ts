import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Actor } from '../../server/actor.ts';
import type { Clock } from '../../server/clock.ts';
import type { Db } from '../../server/db/index.ts';
import { AppError } from '../../server/errors.ts';
import { scopeForUser, jurisdictionNameOf } from './scope.ts';
import type { AuditService } from '../audit/index.ts';
import { PASSWORD_MIN_LENGTH, passwordProblem } from './password-policy.ts';
import {
  deleteSession, deleteSessionsOfUser, updateUserRow, findSession, findUserById, findUserByUsername, insertLoginEvent, insertSession,
  recordLoginFailure, recordLoginSuccess, touchSession, type UserRow,
} from './users.repository.ts';

export const MAX_LOGIN_FAILURES = 5;
export const LOCK_MINUTES = 15;

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified against when the user does not exist, so an unknown name takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;
function getDummyHash(): Promise<string> {
  dummyHash ??= hash(randomBytes(16).toString('hex'));
  return dummyHash;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: { db: Db; clock: Clock; idleMinutes: number; absoluteHours: number }) {
  const { db, clock } = deps;

  function toActor(user: UserRow): Actor {
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      jurisdictionCode: user.jurisdictionCode,
      jurisdictionName: jurisdictionNameOf(user.jurisdictionCode),
      enterpriseId: user.enterpriseId,
      scope: scopeForUser(user),
    };
  }

  return {
    toActor,

    /** The actor of an active user, for work done later on their behalf (an import job); null when unknown or deactivated. */
    async actorOf(userId: string): Promise<Actor | null> {
      const user = await findUserById(db, userId);
      return user?.isActive ? toActor(user) : null;
    },

    /**
     * Signs a user in; every failure (unknown user, wrong password, locked or inactive
     * account) throws the same AUTH_INVALID_CREDENTIALS so nothing is revealed.
     */
    async login(username: string, password: string, meta: { ip?: string; userAgent?: string }) {
      const now = clock.now();
      const user = await findUserByUsername(db, username);
      const fail = async (outcome: 'bad-credentials' | 'locked' | 'unknown-user' | 'inactive') => {
        await insertLoginEvent(db, { username, userId: user?.id ?? null, outcome, ip: meta.ip ?? null, at: now });
        return new AppError('AUTH_INVALID_CREDENTIALS', { status: 401 });
      };
      if (!user) {
        await verify(await getDummyHash(), password).catch(() => false);
        throw await fail('unknown-user');
      }
      const passwordOk = await verify(user.passwordHash, password).catch(() => false);
      if (user.lockedUntil && user.lockedUntil > now) throw await fail('locked');
      if (!user.isActive) throw await fail('inactive');
      if (!passwordOk) {
        await recordLoginFailure(db, user.id, MAX_LOGIN_FAILURES, new Date(now.getTime() + LOCK_MINUTES * 60_000));
        throw await fail('bad-credentials');
      }
      await recordLoginSuccess(db, user.id, now);
      await insertLoginEvent(db, { username, userId: user.id, outcome: 'success', ip: meta.ip ?? null, at: now });
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      const expiresAt = new Date(now.getTime() + deps.absoluteHours * 3_600_000);
      await insertSession(db, {
        tokenHash: sha256(token), userId: user.id, csrfToken, createdAt: now, lastSeenAt: now, expiresAt,
        userAgent: meta.userAgent?.slice(0, 300) ?? null, ip: meta.ip ?? null,
      });
      return { token, csrfToken, expiresAt, actor: toActor(user), mustChangePassword: user.mustChangePassword };
    },

    /** The actor behind a session token, or null when the session is unknown, idle too long or past its absolute expiry. */
    async authenticate(token: string): Promise<{ actor: Actor; csrfToken: string; mustChangePassword: boolean } | null> {
      const now = clock.now();
      const tokenHash = sha256(token);
      const session = await findSession(db, tokenHash);
      if (!session) return null;
      const idleLimit = session.lastSeenAt.getTime() + deps.idleMinutes * 60_000;
      if (session.expiresAt <= now || idleLimit <= now.getTime()) {
        await deleteSession(db, tokenHash);
        return null;
      }
      const user = await findUserById(db, session.userId);
      if (!user || !user.isActive) return null;
      // Write the idle clock at most once a minute, not on every request.
      if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await touchSession(db, tokenHash, now);
      return { actor: toActor(user), csrfToken: session.csrfToken, mustChangePassword: user.mustChangePassword };
    },

    /**
     * Changes the signed-in user's own password: the current one must be right (a wrong one counts
     * towards the lock-out like a failed sign-in), the new one must meet the policy and differ. Ends the
     * user's other sessions and clears the must-change flag; audited without either password.
     */
    async changePassword(token: string, current: string, next: string, audit: AuditService, requestId?: string): Promise<void> {
      const now = clock.now();
      const tokenHash = sha256(token);
      const session = await findSession(db, tokenHash);
      const user = session ? await findUserById(db, session.userId) : undefined;
      if (!session || !user || !user.isActive) throw new AppError('AUTH_REQUIRED', { status: 401 });
      const currentOk = await verify(user.passwordHash, current).catch(() => false);
      if (!currentOk) {
        await recordLoginFailure(db, user.id, MAX_LOGIN_FAILURES, new Date(now.getTime() + LOCK_MINUTES * 60_000));
        throw new AppError('AUTH_CURRENT_PASSWORD_WRONG', { status: 400, details: { field: 'currentPassword' } });
      }
      const problem = passwordProblem(next, user.username);
      if (problem) throw new AppError(`AUTH_PASSWORD_${problem.toUpperCase().replace(/-/g, '_')}`, { status: 400, params: { min: PASSWORD_MIN_LENGTH }, details: { field: 'newPassword' } });
      if (await verify(user.passwordHash, next).catch(() => false)) throw new AppError('AUTH_PASSWORD_UNCHANGED', { status: 400, details: { field: 'newPassword' } });
      const passwordHash = await hashPassword(next);
      await db.transaction(async (tx) => {
        await updateUserRow(tx, user.id, { passwordHash, mustChangePassword: false, failedLoginCount: 0, lockedUntil: null, updatedAt: now });
        await deleteSessionsOfUser(tx, user.id, tokenHash);
        await audit.record(tx, toActor(user), { action: 'change-password', entityType: 'user', entityId: user.id, divisionCode: user.jurisdictionCode }, requestId);
      });
    },

    async logout(token: string): Promise<void> {
      await deleteSession(db, sha256(token));
    },
  };
}
