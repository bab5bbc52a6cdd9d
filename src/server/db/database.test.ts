import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from './index.ts';
import { createTestDb } from '../../../test/helpers/db.ts';

describe('the database', () => {
  it('runs the same migrations and answers a query', async () => {
    const database = await createTestDb();
    try {
      const { rows } = await database.pool.query<{ n: number }>('select count(*)::int as n from enterprises');
      expect(rows[0]?.n).toBe(0);
    } finally {
      await database.close();
    }
  });

  it('keeps the event loop free while the embedded database works', async () => {
    const database = await openDatabase({ dataDir: 'memory' });
    try {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 5);
      await database.pool.query('select count(*) from generate_series(1, 2000000)');
      clearInterval(timer);
      expect(ticks).toBeGreaterThan(3);
    } finally {
      await database.close();
    }
  });

  it.runIf(process.env.DATABASE_URL)('refuses a server database whose LC_CTYPE is C, saying how to fix it', async () => {
    const url = process.env.DATABASE_URL ?? '';
    const name = `gaodi_c_locale_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} encoding 'UTF8' lc_collate 'C' lc_ctype 'C' template template0`);
    try {
      const u = new URL(url);
      u.pathname = `/${name}`;
      await expect(openDatabase({ databaseUrl: u.toString() })).rejects.toThrow(/LC_CTYPE C.*CREATE DATABASE/s);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });

  it('copies into the transaction it runs: committed with its other writes, or rolled back with them', async () => {
    const database = await createTestDb();
    try {
      await database.pool.query('create table copied (id int primary key, label text, tags text[])');
      const rows = ['1\tone\t{"a","b"}\n', '2\t\\N\t{}\n'];
      const seen = await database.copyTransaction(async (tx, copy) => {
        await copy('copied', ['id', 'label', 'tags'], rows);
        await tx.execute(sql`insert into copied values (3, 'three', '{}')`);
        return (await tx.execute<{ n: number }>(sql`select count(*)::int as n from copied`)).rows[0]?.n;
      });
      expect(seen).toBe(3);
      await expect(
        database.copyTransaction(async (_tx, copy) => {
          await copy('copied', ['id', 'label', 'tags'], '4\tfour\t{}\n');
          await copy('copied', ['id', 'label', 'tags'], '1\tagain\t{}\n');
        }),
      ).rejects.toThrow(/duplicate key/);
      const { rows: after } = await database.pool.query<{ id: number; label: string | null; tags: string[] }>('select id, label, tags from copied order by id');
      expect(after).toEqual([
        { id: 1, label: 'one', tags: ['a', 'b'] },
        { id: 2, label: null, tags: [] },
        { id: 3, label: 'three', tags: [] },
      ]);
    } finally {
      await database.close();
    }
  });
});
