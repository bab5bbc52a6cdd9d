import { parseArgs } from 'node:util';
import { systemClock } from '../../server/clock.ts';
import { withDatabase } from '../database.ts';
import { createAuditService } from '../../modules/audit/index.ts';
import { createEnterprisesService } from '../../modules/enterprises/index.ts';
import { loadDemoData } from '../../server/demo-data.ts';

/** `gaodi seed --demo [--enterprises N]`: load deterministic demo data into the configured database. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { demo: { type: 'boolean' }, enterprises: { type: 'string' } } });
  if (!values.demo) {
    console.error('usage: gaodi seed --demo [--enterprises N]');
    return 2;
  }
  const count = values.enterprises === undefined ? 2000 : Number(values.enterprises);
  if (!Number.isInteger(count) || count < 0) {
    console.error('--enterprises must be a whole number');
    return 2;
  }
  return withDatabase(async (database, config) => {
    const audit = createAuditService({ db: database.db, clock: systemClock });
    const enterprises = createEnterprisesService({ db: database.db, audit, clock: systemClock });
    if ((await enterprises.countAll()) > 0) {
      console.error('the database already has enterprises; seed an empty database');
      return 1;
    }
    const started = Date.now();
    const result = await loadDemoData(database, systemClock, { enterprises: count, password: config.demoPassword, adminPassword: config.adminPassword });
    console.log(`seeded ${result.enterprises} demo enterprises in ${((Date.now() - started) / 1000).toFixed(1)} s; accounts: ${result.accounts.map((a) => a.username).join(', ')}`);
    return 0;
  });
}
