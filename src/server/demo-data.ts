import { SYSTEM_ACTOR } from './actor.ts';
import type { Clock } from './clock.ts';
import type { Database } from './db/index.ts';
import { createAuditService } from '../modules/audit/index.ts';
import { createEnterprisesService } from '../modules/enterprises/index.ts';
import { createUsersService } from '../modules/users/index.ts';
import { seedDemo, type DemoAccount } from '../modules/demo/index.ts';
import { DEMO_DEPARTMENT_ACCOUNTS, seedServiceDemo } from '../modules/service/index.ts';
import { ensureStarterCatalogue } from '../modules/policies/index.ts';
import { createDeliveryService, createPoliciesService, seedDeliveryDemo } from '../modules/policies/index.ts';
import { createFilesService } from '../modules/files/index.ts';

export interface DemoDataOptions {
  enterprises: number;
  password: string;
  adminPassword?: string | undefined;
}

/**
 * The whole demo, used by the first start and by `gaodi seed --demo`: enterprises and accounts,
 * then each module's demo on top of them (one call per module, here and nowhere else).
 */
export async function loadDemoData(database: Database, clock: Clock, options: DemoDataOptions): Promise<{ enterprises: number; accounts: DemoAccount[] }> {
  const audit = createAuditService({ db: database.db, clock });
  const enterprises = createEnterprisesService({ db: database.db, audit, clock });
  const users = createUsersService({ db: database.db });
  const result = await seedDemo({ enterprises, users, clock, actor: SYSTEM_ACTOR }, options);
  const accounts = [...result.accounts];

  // The policy catalogue is reference data, not demo: loaded here for `gaodi seed`, and at start when empty.
  await ensureStarterCatalogue({ db: database.db, clock });

  // The service desk: departments, handlers, liaisons, requests in every state.
  await seedServiceDemo({ db: database.db, audit, enterprises, clock }, { password: options.password });
  const listed = new Set(accounts.map((a) => a.username));
  for (const d of DEMO_DEPARTMENT_ACCOUNTS) if (!listed.has(d.username)) accounts.push({ username: d.username, role: 'department', description: `承办单位 (${d.departmentName})` });

  // 政策直达: budgets (as item versions), applications in every state, a confirmed 免申即享 list, walked through the real services.
  const policies = createPoliciesService({ db: database.db, audit, clock, enterprises });
  const files = createFilesService({ db: database.db, audit, maxBytes: 1024 * 1024 });
  await seedDeliveryDemo({ delivery: createDeliveryService({ db: database.db, audit, clock, policies, enterprises, files }), policies, findUser: (username) => users.findByUsername(username) });

  return { enterprises: result.enterprises, accounts };
}
