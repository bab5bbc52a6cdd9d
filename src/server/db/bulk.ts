import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { Db } from './index.ts';

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type Executor = Pick<Db, 'execute'>;

/**
 * Inserts many rows as one JSON parameter expanded by `json_populate_recordset`: one
 * statement, one parameter, no per-value query building (drizzle's multi-row insert spends
 * most of a bulk load building SQL). Plain PostgreSQL, so it runs on PGlite, servers and Citus.
 * The columns written are the union of the rows' keys; a column no row names takes its default.
 */
export async function insertJsonRows(db: Executor, table: PgTable, rows: Record<string, unknown>[], options: { onConflictDoNothing?: boolean } = {}): Promise<void> {
  if (rows.length === 0) return;
  const { name, columns } = getTableConfig(table);
  const known = new Set(columns.map((c) => c.name));
  const present = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) if (row[key] !== undefined) present.add(key);
  const keys = [...present].filter((k) => known.has(k));
  const columnList = keys.map((k) => `"${snake(k)}"`).join(', ');
  const names = keys.map(snake);
  const payload = JSON.stringify(
    rows.map((r) => {
      const out: Record<string, unknown> = {};
      for (const [i, key] of keys.entries()) out[names[i] ?? key] = r[key] ?? null;
      return out;
    }),
  );
  const conflict = options.onConflictDoNothing ? ' on conflict do nothing' : '';
  await db.execute(sql.raw(`insert into "${name}" (${columnList}) select ${columnList} from json_populate_recordset(null::"${name}", `).append(sql`${payload}::json)`).append(sql.raw(conflict)));
}
