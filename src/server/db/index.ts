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
  /**
   * Runs `work` in one transaction on one connection, whose `copy` loads COPY text into a table
   * inside that same transaction (bulk loads that must commit or roll back with other writes).
   */
  copyTransaction: <T>(work: (tx: Db, copy: CopyIn) => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
};

/** Loads COPY text (tab-separated lines, `\N` for null; each chunk whole lines) into `table`'s `columns`. */
export type CopyIn = (table: string, columns: readonly string[], data: CopyData | Iterable<CopyData> | AsyncIterable<CopyData>) => Promise<void>;
/** COPY text, or its UTF-8 bytes. */
type CopyData = string | Uint8Array;

/** Runs `work` between begin and commit on `client` (rolled back on an error; the connection is dropped if the rollback fails too). */
async function inTransaction<T>(client: pg.PoolClient, work: (tx: Db) => Promise<T>): Promise<T> {
  let broken: Error | undefined;
  try {
    await client.query('begin');
    try {
      const result = await work(drizzle({ client, casing: 'snake_case' }));
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch((e: Error) => {
        broken = e;
      });
      throw error;
    }
  } finally {
    client.release(broken);
  }
}

const copyStatement = (table: string, columns: readonly string[], source: string) => `copy ${table} (${columns.join(', ')}) from ${source}`;

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
    return {
      kind: 'postgres',
      pool,
      db: drizzle({ client: pool, casing: 'snake_case' }),
      copyText: (t, c, x) => copyThroughPool(pool, t, c, x),
      copyTransaction: async (work) => {
        const client = await pool.connect();
        return inTransaction(client, (tx) =>
          work(tx, async (table, columns, data) => {
            await pipeline(Readable.from(typeof data === 'string' || data instanceof Uint8Array ? [data] : data), client.query(copyFrom(copyStatement(table, columns, 'stdin'))));
          }),
        );
      },
      close: () => pool.end(),
    };
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
    // PGlite has one session, which the socket's connection and its COPY API share: a COPY sent
    // while the pool's (only) connection has a transaction open runs inside that transaction.
    copyTransaction: async (work) => {
      const client = await pool.connect();
      return inTransaction(client, (tx) =>
        work(tx, async (table, columns, data) => {
          const encoder = new TextEncoder();
          const parts: Uint8Array[] = [];
          let size = 0;
          const flush = async () => {
            if (size === 0) return;
            const blob = new Uint8Array(size);
            let at = 0;
            for (const p of parts) {
              blob.set(p, at);
              at += p.length;
            }
            parts.length = 0;
            size = 0;
            await embedded.copyFrom(copyStatement(table, columns, `'/dev/blob'`), blob);
          };
          for await (const chunk of typeof data === 'string' || data instanceof Uint8Array ? [data] : data) {
            const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
            parts.push(bytes);
            size += bytes.length;
            // One COPY per 64 MB: the blob is copied to the worker, whole.
            if (size >= 64 * 1024 * 1024) await flush();
          }
          await flush();
        }),
      );
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
