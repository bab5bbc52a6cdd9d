import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db/index.ts';
import { createAuditService } from '../modules/audit/index.ts';
import { createEnterprisesService } from '../modules/enterprises/index.ts';
import { createUsersService } from '../modules/users/index.ts';
import type { DemoAccount } from '../modules/demo/index.ts';
import { loadDemoData } from './demo-data.ts';

/**
 * First start: on an empty database, load the demo (unless GAODI_DEMO=0) or create the
 * first admin, whose password comes from GAODI_ADMIN_PASSWORD or is printed once.
 */
export async function bootstrap(database: Database, config: Config, clock: Clock, log: Pick<FastifyBaseLogger, 'info' | 'warn'>): Promise<{ demoAccounts?: DemoAccount[]; generatedAdminPassword?: string }> {
  const users = createUsersService({ db: database.db });
  if ((await users.countUsers()) > 0) return {};
  const audit = createAuditService({ db: database.db, clock });
  const enterprises = createEnterprisesService({ db: database.db, audit, clock });
  const demo = config.demo ?? (await enterprises.countAll()) === 0;
  if (demo) {
    log.info({ enterprises: config.demoEnterprises }, 'empty database: loading demo data');
    const result = await loadDemoData(database, clock, { enterprises: config.demoEnterprises, password: config.demoPassword, adminPassword: config.adminPassword });
    return { demoAccounts: result.accounts };
  }
  const password = config.adminPassword ?? randomBytes(12).toString('base64url');
  await users.createUser({ username: 'admin', displayName: '系统管理员', role: 'admin', password });
  return config.adminPassword ? {} : { generatedAdminPassword: password };
}
