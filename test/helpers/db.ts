import { migrateDatabase, openDatabase, type Database } from '../../src/server/db/index.ts';
import { createScratchDatabase } from '../../src/server/db/scratch.ts';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new
 * database on the PostgreSQL server named by DATABASE_URL (dropped again by `close`).
 */
export async function createTestDb(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ dataDir: 'memory', poolSize: 5 });
    await migrateDatabase(database);
    return database;
  }
  const scratch = await createScratchDatabase(url, 'gaodi_test');
  const database = await openDatabase({ databaseUrl: scratch.url, poolSize: 5 });
  await migrateDatabase(database);
  return {
    ...database,
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}
