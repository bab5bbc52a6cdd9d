import { sql } from 'drizzle-orm';
import type { Db } from '../../../server/db/index.ts';

type Executor = Pick<Db, 'execute'>;

/**
 * For a bulk load, inside its transaction: takes the registry's tables for the transaction
 * (readers wait until it ends), drops the secondary indexes of `enterprises` (all but the
 * primary key and, unless `uniqueKeys`, the unique credit code, which a load that also updates
 * relies on) and the figures' foreign key, exactly as the database defines them; the function it
 * returns creates them again, each built in one pass over the loaded table, and the keys checked
 * in one pass each.
 */
export async function dropSecondaryKeys(tx: Executor, { uniqueKeys = false } = {}): Promise<() => Promise<void>> {
  await tx.execute(sql`lock table enterprises, enterprise_indicators in access exclusive mode`);
  const indexes = await tx.execute<{ name: string; definition: string }>(sql`
    select i.relname as name, pg_get_indexdef(i.oid) as definition
      from pg_index x join pg_class i on i.oid = x.indexrelid
     where x.indrelid = 'enterprises'::regclass and not x.indisprimary and not x.indisunique
     order by i.relname`);
  const unique = uniqueKeys
    ? await tx.execute<{ name: string; definition: string }>(sql`
        select conname as name, pg_get_constraintdef(oid) as definition
          from pg_constraint
         where conrelid = 'enterprises'::regclass and contype = 'u'
         order by conname`)
    : { rows: [] };
  const keys = await tx.execute<{ name: string; definition: string }>(sql`
    select conname as name, pg_get_constraintdef(oid) as definition
      from pg_constraint
     where conrelid = 'enterprise_indicators'::regclass and contype = 'f' and confrelid = 'enterprises'::regclass
     order by conname`);
  for (const i of indexes.rows) await tx.execute(sql.raw(`drop index "${i.name}"`));
  for (const u of unique.rows) await tx.execute(sql.raw(`alter table enterprises drop constraint "${u.name}"`));
  for (const k of keys.rows) await tx.execute(sql.raw(`alter table enterprise_indicators drop constraint "${k.name}"`));
  return async () => {
    // Sorting for a B-tree or a GIN build happens in memory up to this size (the server's default is 64 MB).
    await tx.execute(sql`set local maintenance_work_mem = '512MB'`);
    for (const u of unique.rows) await tx.execute(sql.raw(`alter table enterprises add constraint "${u.name}" ${u.definition}`));
    for (const i of indexes.rows) await tx.execute(sql.raw(i.definition));
    for (const k of keys.rows) await tx.execute(sql.raw(`alter table enterprise_indicators add constraint "${k.name}" ${k.definition}`));
  };
}
