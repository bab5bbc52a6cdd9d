import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedDatabase } from './embedded.ts';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

export type Db = NodePgDatabase;

export type Database = {
  kind: 'pglite' | 'postgres';
  pool: pg.Pool;
  db: Db;
  /** Bulk-loads tab-separated text with COPY … FROM STDIN (server) or FROM '/dev/blob' (PGlite). */
  copyText: (table: string, columns: string[], text: string) => Promise<void>;
  close: () => Promise<void>;
};

async function copyThroughPool(pool: pg.Pool, table: string, columns: string[], text: string): Promise<void> {
  const client = await pool.connect();
  try {
    const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
    await pipeline(Readable.from([text]), stream);
  } finally {
    client.release();
  }
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url));

// node-postgres returns int8 and numeric as strings; counts and figures are numbers here.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/**
 * Opens the database: a PostgreSQL server when `databaseUrl` is set, otherwise the
 * embedded PGlite in `dataDir` (`memory` for a throw-away in-memory database).
 */
export async function openDatabase(options: { databaseUrl?: string | undefined; dataDir?: string; poolSize?: number }): Promise<Database> {
  const max = options.poolSize ?? 10;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max });
    pool.on('error', () => undefined);
    await assertChineseSearchWorks(pool);
    return { kind: 'postgres', pool, db: drizzle({ client: pool, casing: 'snake_case' }), copyText: (t, c, x) => copyThroughPool(pool, t, c, x), close: () => pool.end() };
  }
  const dataDir = options.dataDir === 'memory' ? undefined : resolve(options.dataDir ?? './.gaodi-data');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const embedded = await startEmbeddedDatabase(dataDir);
  // One connection: pglite-socket interleaves the protocol messages of concurrent connections
  // outside transactions, so requests queue here instead (PGlite runs one query at a time anyway).
  const pool = new pg.Pool({ ...embedded.connection, max: 1 });
  pool.on('error', () => undefined);
  return {
    kind: 'pglite',
    pool,
    db: drizzle({ client: pool, casing: 'snake_case' }),
    copyText: async (table, columns, text) => {
      await embedded.copyFrom(`copy ${table} (${columns.join(', ')}) from '/dev/blob'`, new TextEncoder().encode(text));
    },
    close: async () => {
      await pool.end();
      await embedded.stop();
    },
  };
}

/** Applies the committed migrations in drizzle/ (the same files on PGlite and PostgreSQL). */
export async function migrateDatabase(database: Database): Promise<void> {
  await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
}

/**
 * Refuses a server database whose encoding or LC_CTYPE breaks Chinese text handling
 * (in the C/POSIX locale character classes and case mapping ignore CJK characters).
 */
async function assertChineseSearchWorks(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ datname: string; ctype: string; encoding: string }>(
    `select datname, datctype as ctype, pg_encoding_to_char(encoding) as encoding
       from pg_database where datname = current_database()`,
  );
  const row = rows[0];
  if (!row) return;
  const ctype = row.ctype.toUpperCase();
  if (row.encoding !== 'UTF8' || ctype === 'C' || ctype === 'POSIX') {
    throw new Error(
      `Database "${row.datname}" has encoding ${row.encoding} and LC_CTYPE ${row.ctype}; Chinese search needs UTF8 ` +
        `and a UTF-8 LC_CTYPE. Create it with: CREATE DATABASE ${row.datname} ENCODING 'UTF8' ` +
        `LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0;`,
    );
  }
}
