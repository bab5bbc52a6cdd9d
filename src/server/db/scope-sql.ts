import { sql, type SQL, type Column } from 'drizzle-orm';
import type { Scope } from '../actor.ts';

/**
 * The SQL condition that keeps a query inside the caller's scope: a prefix match on a
 * division column (uses a text_pattern_ops index) or equality on an enterprise id column.
 */
export function scopeCondition(scope: Scope, columns: { division: Column; enterpriseId: Column }): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'divisions': {
      if (scope.prefixes.length === 0) return sql`false`;
      const parts = scope.prefixes.map((p) => sql`${columns.division} like ${escapeLike(p) + '%'}`);
      const excluded = (scope.excludedPrefixes ?? []).map((p) => sql` and ${columns.division} not like ${escapeLike(p) + '%'}`);
      return sql`((${sql.join(parts, sql` or `)})${sql.join(excluded, sql``)})`;
    }
    case 'enterprise':
      return sql`${columns.enterpriseId} = ${scope.enterpriseId}`;
    case 'none':
      return sql`false`;
  }
}

/** Escapes LIKE wildcards in user text. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
