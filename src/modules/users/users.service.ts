import type { Db } from '../../server/db/index.ts';
import type { Role } from '../../server/permissions.ts';
import { hashPassword } from './auth.service.ts';
import { countUsers, findUserByUsername, insertUser } from './users.repository.ts';

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

/** Creating users (bootstrap, demo accounts); the admin UI for users comes with the admin module. */
export function createUsersService(deps: { db: Db }) {
  return {
    countUsers: () => countUsers(deps.db),
    findByUsername: (username: string) => findUserByUsername(deps.db, username),
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
