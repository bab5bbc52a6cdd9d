import pg from 'pg';
import { describe, expect, it } from 'vitest';
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
});
