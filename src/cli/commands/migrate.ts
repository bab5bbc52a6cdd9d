import { withDatabase } from '../database.ts';

/** `gaodi migrate`: apply the migrations to DATABASE_URL or the embedded database. */
export async function run(): Promise<number> {
  return withDatabase(async () => {
    console.log('migrations applied');
    return 0;
  });
}
