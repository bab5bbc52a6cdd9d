import type { Actor } from '../../server/actor.ts';
import type { Clock } from '../../server/clock.ts';
import type { Db } from '../../server/db/index.ts';
import { AppError } from '../../server/errors.ts';
import { assertCan, type Role } from '../../server/permissions.ts';
import { getJurisdiction, type JurisdictionKind } from '../../standards/index.ts';
import type { AuditService } from '../audit/index.ts';
import { hashPassword } from './auth.service.ts';
import { temporaryPassword } from './password-policy.ts';
import { jurisdictionNameOf } from './scope.ts';
import {
  deleteSessionsOfUser, findLoginEvents, findUserById, findUserByUsername, findUsers, insertUser, lockUser, updateUserRow,
  type LoginEventFilter, type UserFilter, type UserRow,
} from './users.repository.ts';

/** Which jurisdictions each role may be bound to; admins and enterprise users have none. */
const JURISDICTION_KINDS: Record<Role, readonly JurisdictionKind[]> = {
  admin: [],
  city: ['city'],
  leader: ['city', 'district', 'functional-zone'],
  district: ['district', 'functional-zone'],
  street: ['township'],
  department: ['city', 'district', 'functional-zone'],
  enterprise: [],
};

export type AdminUser = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  jurisdictionCode: string | null;
  jurisdictionName: string | null;
  enterpriseId: string | null;
  enterpriseName: string | null;
  departmentName: string | null;
  status: 'active' | 'inactive' | 'locked';
  lockedUntil: string | null;
  failedLoginCount: number;
  mustChangePassword: boolean;
  isDemo: boolean;
  lastLoginAt: string | null;
  createdAt: string;
};

export type UserInput = {
  username: string;
  displayName: string;
  role: Role;
  jurisdictionCode?: string | null | undefined;
  enterpriseId?: string | null | undefined;
  departmentName?: string | null | undefined;
};

export type UserPatch = Partial<Omit<UserInput, 'username'>> & { isActive?: boolean | undefined };

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** What an audit row keeps of a user: never the password hash. */
function auditView(row: UserRow) {
  return {
    username: row.username, displayName: row.displayName, role: row.role, jurisdictionCode: row.jurisdictionCode,
    enterpriseId: row.enterpriseId, departmentName: row.departmentName, isActive: row.isActive, mustChangePassword: row.mustChangePassword,
  };
}

export type UsersAdmin = ReturnType<typeof createUsersAdmin>;

/**
 * Accounts, managed by admins (DESIGN.md: admin — users, roles, jurisdictions, login log): create with a
 * temporary password the user must change, change role and jurisdiction, deactivate, reset a password,
 * unlock. Every write is audited in its transaction; a deactivation or reset ends the user's sessions.
 */
export function createUsersAdmin(deps: {
  db: Db;
  audit: AuditService;
  clock: Clock;
  /** The name of an enterprise, or null when there is none with that id (the registry's lookup). */
  enterpriseName: (id: string) => Promise<string | null>;
}) {
  const { db, audit, clock } = deps;

  async function toAdminUser(row: UserRow, names?: Map<string, string | null>): Promise<AdminUser> {
    const now = clock.now();
    const locked = row.lockedUntil !== null && row.lockedUntil > now;
    const enterpriseName = row.enterpriseId ? (names?.get(row.enterpriseId) ?? (await deps.enterpriseName(row.enterpriseId))) : null;
    return {
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      role: row.role,
      jurisdictionCode: row.jurisdictionCode,
      jurisdictionName: jurisdictionNameOf(row.jurisdictionCode),
      enterpriseId: row.enterpriseId,
      enterpriseName,
      departmentName: row.departmentName,
      status: !row.isActive ? 'inactive' : locked ? 'locked' : 'active',
      lockedUntil: locked && row.lockedUntil ? row.lockedUntil.toISOString() : null,
      failedLoginCount: row.failedLoginCount,
      mustChangePassword: row.mustChangePassword,
      isDemo: row.isDemo,
      lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    };
  }

  /** The binding a role needs, checked and normalised: a jurisdiction of the right kind, or an existing enterprise. */
  async function binding(input: { role: Role; jurisdictionCode?: string | null | undefined; enterpriseId?: string | null | undefined; departmentName?: string | null | undefined }) {
    const { role } = input;
    const kinds = JURISDICTION_KINDS[role];
    let jurisdictionCode: string | null = null;
    if (kinds.length) {
      const code = input.jurisdictionCode?.trim();
      if (!code) throw new AppError('USERS_JURISDICTION_REQUIRED', { status: 400, details: { field: 'jurisdictionCode' } });
      const jurisdiction = getJurisdiction(code);
      if (!jurisdiction) throw new AppError('USERS_JURISDICTION_UNKNOWN', { status: 400, params: { code }, details: { field: 'jurisdictionCode' } });
      if (!kinds.includes(jurisdiction.kind)) throw new AppError('USERS_JURISDICTION_KIND', { status: 400, params: { code, name: jurisdiction.name }, details: { field: 'jurisdictionCode' } });
      jurisdictionCode = jurisdiction.code;
    }
    let enterpriseId: string | null = null;
    if (role === 'enterprise') {
      if (!input.enterpriseId) throw new AppError('USERS_ENTERPRISE_REQUIRED', { status: 400, details: { field: 'enterpriseId' } });
      if ((await deps.enterpriseName(input.enterpriseId)) === null) throw new AppError('USERS_ENTERPRISE_UNKNOWN', { status: 400, details: { field: 'enterpriseId' } });
      enterpriseId = input.enterpriseId;
    }
    const departmentName = role === 'department' ? input.departmentName?.trim() || null : null;
    if (role === 'department' && !departmentName) throw new AppError('USERS_DEPARTMENT_REQUIRED', { status: 400, details: { field: 'departmentName' } });
    return { jurisdictionCode, enterpriseId, departmentName };
  }

  async function change(actor: Actor, id: string, requestId: string | undefined, apply: (tx: Tx, row: UserRow) => Promise<UserRow>): Promise<UserRow> {
    return db.transaction(async (tx) => {
      const before = await lockUser(tx, id);
      if (!before) throw new AppError('USERS_NOT_FOUND', { status: 404 });
      const after = await apply(tx, before);
      await audit.record(tx, actor, { action: 'update', entityType: 'user', entityId: id, divisionCode: after.jurisdictionCode, before: auditView(before), after: auditView(after) }, requestId);
      return after;
    });
  }

  return {
    async listUsers(actor: Actor, query: UserFilter & { page: number; pageSize: number }): Promise<{ items: AdminUser[]; total: number; page: number; pageSize: number }> {
      assertCan(actor, 'users.manage');
      const { page, pageSize, ...filter } = query;
      const { rows, total } = await findUsers(db, filter, { offset: (page - 1) * pageSize, limit: pageSize }, clock.now());
      const ids = [...new Set(rows.flatMap((r) => (r.enterpriseId ? [r.enterpriseId] : [])))];
      const names = new Map(await Promise.all(ids.map(async (e) => [e, await deps.enterpriseName(e)] as const)));
      return { items: await Promise.all(rows.map((r) => toAdminUser(r, names))), total, page, pageSize };
    },

    async getUser(actor: Actor, id: string): Promise<AdminUser> {
      assertCan(actor, 'users.manage');
      const row = await findUserById(db, id);
      if (!row) throw new AppError('USERS_NOT_FOUND', { status: 404 });
      return toAdminUser(row);
    },

    /** Creates an account with a temporary password, shown once, that the user must change at first sign-in. */
    async createUser(actor: Actor, input: UserInput, requestId?: string): Promise<{ user: AdminUser; temporaryPassword: string }> {
      assertCan(actor, 'users.manage');
      const username = input.username.trim();
      if (await findUserByUsername(db, username)) throw new AppError('USERS_USERNAME_TAKEN', { status: 409, params: { username }, details: { field: 'username' } });
      const bound = await binding(input);
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      const row = await db.transaction(async (tx) => {
        const created = await insertUser(tx, { username, displayName: input.displayName.trim(), role: input.role, passwordHash, mustChangePassword: true, ...bound });
        await audit.record(tx, actor, { action: 'create', entityType: 'user', entityId: created.id, divisionCode: created.jurisdictionCode, after: auditView(created) }, requestId);
        return created;
      }).catch((error: unknown) => {
        // two admins creating the same name at once: the unique index decides
        if ((error as { code?: string }).code === '23505') throw new AppError('USERS_USERNAME_TAKEN', { status: 409, params: { username }, details: { field: 'username' } });
        throw error;
      });
      return { user: await toAdminUser(row), temporaryPassword: password };
    },

    /** Changes name, role, binding or active state; deactivating ends the user's sessions. Admins cannot demote or deactivate themselves. */
    async updateUser(actor: Actor, id: string, patch: UserPatch, requestId?: string): Promise<AdminUser> {
      assertCan(actor, 'users.manage');
      if (id === actor.id && ((patch.role && patch.role !== 'admin') || patch.isActive === false)) throw new AppError('USERS_SELF_LOCKOUT', { status: 400 });
      const existing = await findUserById(db, id);
      if (!existing) throw new AppError('USERS_NOT_FOUND', { status: 404 });
      const role = patch.role ?? existing.role;
      const roleChanged = role !== existing.role;
      const bound = await binding({
        role,
        jurisdictionCode: patch.jurisdictionCode !== undefined ? patch.jurisdictionCode : roleChanged && JURISDICTION_KINDS[role].length === 0 ? null : existing.jurisdictionCode,
        enterpriseId: patch.enterpriseId !== undefined ? patch.enterpriseId : existing.enterpriseId,
        departmentName: patch.departmentName !== undefined ? patch.departmentName : existing.departmentName,
      });
      const row = await change(actor, id, requestId, async (tx) => {
        const updated = await updateUserRow(tx, id, {
          ...(patch.displayName !== undefined ? { displayName: patch.displayName.trim() } : {}),
          role, ...bound,
          ...(patch.isActive !== undefined ? { isActive: patch.isActive } : {}),
          updatedAt: clock.now(),
        });
        // a new role or binding, or a deactivation, takes effect now rather than at the next sign-in
        if (patch.isActive === false || roleChanged || bound.jurisdictionCode !== existing.jurisdictionCode || bound.enterpriseId !== existing.enterpriseId) await deleteSessionsOfUser(tx, id);
        return updated;
      });
      return toAdminUser(row);
    },

    /** A new temporary password (shown once), to be changed at the next sign-in; ends the user's sessions and unlocks the account. */
    async resetPassword(actor: Actor, id: string, requestId?: string): Promise<{ user: AdminUser; temporaryPassword: string }> {
      assertCan(actor, 'users.manage');
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      const row = await change(actor, id, requestId, async (tx) => {
        const updated = await updateUserRow(tx, id, { passwordHash, mustChangePassword: true, failedLoginCount: 0, lockedUntil: null, updatedAt: clock.now() });
        await deleteSessionsOfUser(tx, id);
        return updated;
      });
      return { user: await toAdminUser(row), temporaryPassword: password };
    },

    /** Lifts a lock-out after too many failed sign-ins. */
    async unlock(actor: Actor, id: string, requestId?: string): Promise<AdminUser> {
      assertCan(actor, 'users.manage');
      const row = await change(actor, id, requestId, (tx) => updateUserRow(tx, id, { failedLoginCount: 0, lockedUntil: null, updatedAt: clock.now() }));
      return toAdminUser(row);
    },

    async listLoginEvents(actor: Actor, query: LoginEventFilter & { page: number; pageSize: number }) {
      assertCan(actor, 'users.manage');
      const { page, pageSize, ...filter } = query;
      const { rows, total } = await findLoginEvents(db, filter, { offset: (page - 1) * pageSize, limit: pageSize });
      return { items: rows.map((r) => ({ id: r.id, username: r.username, userId: r.userId, outcome: r.outcome, ip: r.ip, at: r.at.toISOString() })), total, page, pageSize };
    },
  };
}

