import { loadConfig, type Config } from '../server/config.ts';
import { migrateDatabase, openDatabase, type Database } from '../server/db/index.ts';

/** Opens the configured database (DATABASE_URL or the embedded one), migrated, for one command; closes it after. */
export async function withDatabase<T>(work: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(database);
    return await work(database, config);
  } finally {
    await database.close();
  }
}
