import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Db } from './index.ts';

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type Executor = Pick<Db, 'execute'>;

/** The keys the rows name (a key every row leaves undefined is left out), known to the table, and their SQL names. */
function jsonColumns(table: PgTable, rows: Record<string, unknown>[]) {
  const { name, columns } = getTableConfig(table);
  const known = new Set(columns.map((c) => c.name));
  const present = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) if (row[key] !== undefined) present.add(key);
  const keys = [...present].filter((k) => known.has(k));
  const names = keys.map(snake);
  const payload = JSON.stringify(
    rows.map((r) => {
      const out: Record<string, unknown> = {};
      for (const [i, key] of keys.entries()) out[names[i] ?? key] = r[key] ?? null;
      return out;
    }),
  );
  return { table: name, names, payload };
}

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

/**
 * Inserts many rows as one JSON parameter expanded by `json_populate_recordset`: one
 * statement, one parameter, no per-value query building (drizzle's multi-row insert spends
 * most of a bulk load building SQL). Plain PostgreSQL, so it runs on PGlite, servers and Citus.
 * The columns written are the union of the rows' keys; a column no row names takes its default.
 * `onConflictUpdate` names the conflict target (SQL column names) whose other written columns
 * are then overwritten.
 */
export async function insertJsonRows(
  db: Executor,
  table: PgTable,
  rows: Record<string, unknown>[],
  options: { onConflictDoNothing?: boolean; onConflictUpdate?: string[] } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const { table: name, names, payload } = jsonColumns(table, rows);
  const columnList = quoted(names);
  let conflict = options.onConflictDoNothing ? ' on conflict do nothing' : '';
  if (options.onConflictUpdate) {
    const target = new Set(options.onConflictUpdate);
    const set = names.filter((n) => !target.has(n)).map((n) => `"${n}" = excluded."${n}"`);
    conflict = ` on conflict (${quoted(options.onConflictUpdate)}) ${set.length ? `do update set ${set.join(', ')}` : 'do nothing'}`;
  }
  await db.execute(sql.raw(`insert into "${name}" (${columnList}) select ${columnList} from json_populate_recordset(null::"${name}", `).append(sql`${payload}::json)`).append(sql.raw(conflict)));
}

/**
 * Updates many rows from one JSON parameter: each row's columns other than `match` are set
 * where the stored row equals it on every `match` column (an id and an expected version, say),
 * plus `also` (e.g. `version = version + 1`). Returns how many rows were updated.
 */
export async function updateJsonRows(db: Executor, table: PgTable, rows: Record<string, unknown>[], options: { match: string[]; also?: SQL }): Promise<number> {
  if (rows.length === 0) return 0;
  const { table: name, names, payload } = jsonColumns(table, rows);
  const match = new Set(options.match);
  const set = names.filter((n) => !match.has(n)).map((n) => `"${n}" = u."${n}"`).join(', ');
  const where = options.match.map((n) => `t."${n}" = u."${n}"`).join(' and ');
  const statement = sql.raw(`update "${name}" as t set ${set}`)
    .append(options.also ? sql`, ${options.also}` : sql``)
    .append(sql.raw(` from json_populate_recordset(null::"${name}", `))
    .append(sql`${payload}::json`)
    .append(sql.raw(`) as u where ${where}`));
  const result = await db.execute(statement);
  return result.rowCount ?? 0;
}

/**
 * A UUID whose first 48 bits are the time in milliseconds (the UUIDv7 layout, RFC 9562): rows
 * inserted together land next to each other in a uuid primary key's B-tree instead of on
 * random pages, which keeps a large bulk insert's index writes in cache.
 */
let entropy = Buffer.alloc(0);
let entropyOffset = 0;

export function timeOrderedUuid(now = Date.now()): string {
  // Random bytes drawn 64 KB at a time: one call to the system per 4096 ids.
  if (entropyOffset + 16 > entropy.length) {
    entropy = randomBytes(65_536);
    entropyOffset = 0;
  }
  const b = Buffer.from(entropy.subarray(entropyOffset, entropyOffset + 16));
  entropyOffset += 16;
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | ((b[6] ?? 0) & 0x0f);
  b[8] = 0x80 | ((b[8] ?? 0) & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
