import type { Actor } from '../../../server/actor.ts';
import type { EnterpriseInsert } from '../enterprises.repository.ts';
import { INDICATOR_FIELDS } from '../enterprises.service.ts';

/**
 * Rows as COPY's text format takes them (one line each, tab-separated, `\N` for null), for the
 * bulk import: the enterprises with every derived column, their figures of the report year and
 * their audit rows.
 */

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const escapeText = (s: string) => (NEEDS_ESCAPE.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c) : s);

/** An array literal `{"a","b"}` (each element quoted, `"` and `\` escaped inside). */
function arrayLiteral(items: readonly string[]): string {
  let out = '{';
  for (let i = 0; i < items.length; i++) {
    const item = items[i] ?? '';
    out += `${i ? ',' : ''}"${/["\\]/.test(item) ? item.replace(/["\\]/g, (c) => `\\${c}`) : item}"`;
  }
  return `${out}}`;
}

/** One value as a COPY text field. */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (Array.isArray(value)) return escapeText(arrayLiteral(value.map(String)));
  if (value instanceof Date) return value.toISOString();
  return escapeText(JSON.stringify(value));
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const ENTERPRISE_KEYS = [
  'id', 'creditCode', 'name', 'divisionCode', 'industryCode', 'parkName', 'address', 'legalRepresentative', 'contactName', 'contactPhone',
  'foundedOn', 'legalEntity', ...INDICATOR_FIELDS, 'sizeClass', 'aboveScale', 'tags', 'searchTokens', 'nameInitials',
] as const satisfies readonly (keyof EnterpriseInsert)[];

/** The enterprise columns a bulk import writes (the rest take their defaults: version 1, created and updated now). */
export const ENTERPRISE_COPY_COLUMNS = ENTERPRISE_KEYS.map(snake);

/** A new enterprise (its id set) as a COPY line. */
export function enterpriseCopyLine(row: EnterpriseInsert & { id: string }): string {
  let line = '';
  for (let i = 0; i < ENTERPRISE_KEYS.length; i++) line += (i ? '\t' : '') + copyField(row[ENTERPRISE_KEYS[i] as keyof EnterpriseInsert]);
  return `${line}\n`;
}

export const INDICATOR_COPY_COLUMNS = ['enterprise_id', 'year', ...INDICATOR_FIELDS.map(snake)];

/** An enterprise's figures of one year as a COPY line. */
export function indicatorCopyLine(enterpriseId: string, year: number, figures: Partial<Record<(typeof INDICATOR_FIELDS)[number], unknown>>): string {
  let line = `${enterpriseId}\t${year}`;
  for (const f of INDICATOR_FIELDS) line += `\t${copyField(figures[f])}`;
  return `${line}\n`;
}

export const AUDIT_COPY_COLUMNS = ['at', 'actor_id', 'actor_name', 'actor_role', 'action', 'entity_type', 'entity_id', 'division_code', 'before', 'after', 'request_id'];

/** Who and when, the same for every audit row of one transaction (as the audit service writes them). */
export function auditCopyPrefix(actor: Actor, at: Date): string {
  return `${at.toISOString()}\t${copyField(actor.id)}\t${copyField(actor.username)}\t${copyField(actor.role)}`;
}

/** An audit row as a COPY line, after `auditCopyPrefix`. */
export function auditCopyLine(prefix: string, entry: { action: string; entityType: string; entityId: string; divisionCode?: string | null; before?: unknown; after?: unknown }): string {
  return `${prefix}\t${copyField(entry.action)}\t${copyField(entry.entityType)}\t${copyField(entry.entityId)}\t${copyField(entry.divisionCode)}\t${copyField(entry.before ?? null)}\t${copyField(entry.after ?? null)}\t\\N\n`;
}
