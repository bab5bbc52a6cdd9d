import type { Db } from '../../server/db/index.ts';
import type { Role } from '../../server/permissions.ts';
import { hashPassword } from './auth.service.ts';
import { countUsers, findActiveUsersOfEnterprises, findDemoUsers, findUserById, findUserByUsername, insertUser, type UserRow } from './users.repository.ts';

export type NewUser = {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  jurisdictionCode?: string | null;
  enterpriseId?: string | null;
  departmentName?: string | null;
  isDemo?: boolean;
};

export type UsersService = ReturnType<typeof createUsersService>;

/** What other modules may know of a user: who, in which role, for which jurisdiction, enterprise or department. */
export type UserSummary = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  jurisdictionCode: string | null;
  enterpriseId: string | null;
  departmentName: string | null;
};

function toSummary(row: UserRow): UserSummary {
  return { id: row.id, username: row.username, displayName: row.displayName, role: row.role, jurisdictionCode: row.jurisdictionCode, enterpriseId: row.enterpriseId, departmentName: row.departmentName };
}

/** Creating users (bootstrap, demo accounts); the admin UI for users comes with the admin module. */
export function createUsersService(deps: { db: Db }) {
  return {
    countUsers: () => countUsers(deps.db),
    findByUsername: (username: string) => findUserByUsername(deps.db, username),
    /** An active user by id or user name; undefined when unknown or deactivated. */
    async findSummary(ref: { id: string } | { username: string }): Promise<UserSummary | undefined> {
      const row = 'id' in ref ? await findUserById(deps.db, ref.id) : await findUserByUsername(deps.db, ref.username);
      return row?.isActive ? toSummary(row) : undefined;
    },
    /** The active demo accounts, for the demo seeding of other modules. */
    async findDemoUsers(): Promise<UserSummary[]> {
      return (await findDemoUsers(deps.db)).map(toSummary);
    },
    /** The active users of these enterprises (who a notice to the firm is sent to). */
    async findEnterpriseUsers(enterpriseIds: readonly string[]): Promise<UserSummary[]> {
      return (await findActiveUsersOfEnterprises(deps.db, enterpriseIds)).map(toSummary);
    },
    async createUser(user: NewUser) {
      return insertUser(deps.db, {
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        passwordHash: await hashPassword(user.password),
        jurisdictionCode: user.jurisdictionCode ?? null,
        enterpriseId: user.enterpriseId ?? null,
        departmentName: user.departmentName ?? null,
        isDemo: user.isDemo ?? false,
      });
    },
  };
}
