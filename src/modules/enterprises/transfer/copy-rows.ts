import type { Actor } from '../../../server/actor.ts';
import type { EnterpriseInsert } from '../enterprises.repository.ts';
import { INDICATOR_FIELDS } from '../enterprises.constants.ts';

/**
 * Rows in COPY's text format (one line each, tab-separated, `\N` for null, backslash escapes),
 * for the bulk import: the enterprises with every derived column, their figures of the report
 * year and their audit rows. They are written straight into UTF-8 bytes: a bulk load writes a
 * million rows of some 800 bytes, and building them as strings first (then joining, then
 * encoding) cost several times as much, most of it in the garbage collector.
 */

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ARRAY_NEEDS_ESCAPE = /["\\]/;
const ENCODER_FROM = 12;
const TAB = 0x09;
const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** What COPY's text format writes after a backslash for the control characters it escapes. */
const ESCAPED: Record<number, number> = { 0x09: 0x74, 0x0a: 0x6e, 0x0d: 0x72 };

/**
 * A growing buffer of COPY text: fields are appended as UTF-8 and escaped as COPY's text format
 * requires, encoded here character by character (a call into the runtime's encoder per field cost
 * more than the field).
 */
export class CopyText {
  private bytes: Uint8Array;
  private length = 0;
  private readonly encoder = new TextEncoder();

  constructor(capacity = 1 << 20) {
    this.bytes = new Uint8Array(capacity);
  }

  private reserve(n: number) {
    if (this.length + n <= this.bytes.length) return;
    const bytes = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    bytes.set(this.bytes.subarray(0, this.length));
    this.bytes = bytes;
  }

  /**
   * Appends the characters of `value`, UTF-8 encoded (a lone surrogate as U+FFFD, as TextEncoder
   * does), backslash, tab, newline and carriage return escaped; inside an array literal, `"` and
   * `\` are escaped for the array first.
   */
  private chars(value: string, inArray: boolean) {
    // Escaped, an array's backslash is four bytes: the most a UTF-16 unit takes.
    this.reserve(value.length * 4);
    const bytes = this.bytes;
    let at = this.length;
    for (let i = 0; i < value.length; i++) {
      let c = value.charCodeAt(i);
      if (c < 0x80) {
        if (c === BACKSLASH) {
          bytes[at++] = BACKSLASH;
          bytes[at++] = BACKSLASH;
          if (inArray) {
            bytes[at++] = BACKSLASH;
            bytes[at++] = BACKSLASH;
          }
        } else if (c === QUOTE && inArray) {
          bytes[at++] = BACKSLASH;
          bytes[at++] = BACKSLASH;
          bytes[at++] = QUOTE;
        } else if (c === 0x09 || c === 0x0a || c === 0x0d) {
          bytes[at++] = BACKSLASH;
          bytes[at++] = ESCAPED[c] ?? c;
        } else {
          bytes[at++] = c;
        }
      } else if (c < 0x800) {
        bytes[at++] = 0xc0 | (c >> 6);
        bytes[at++] = 0x80 | (c & 0x3f);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) {
          const next = value.charCodeAt(i + 1);
          if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
            const point = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
            bytes[at++] = 0xf0 | (point >> 18);
            bytes[at++] = 0x80 | ((point >> 12) & 0x3f);
            bytes[at++] = 0x80 | ((point >> 6) & 0x3f);
            bytes[at++] = 0x80 | (point & 0x3f);
            i++;
            continue;
          }
          c = 0xfffd;
        }
        bytes[at++] = 0xe0 | (c >> 12);
        bytes[at++] = 0x80 | ((c >> 6) & 0x3f);
        bytes[at++] = 0x80 | (c & 0x3f);
      }
    }
    this.length = at;
  }

  private byte(b: number): this {
    this.reserve(1);
    this.bytes[this.length++] = b;
    return this;
  }

  /** A null. */
  null(): this {
    return this.byte(BACKSLASH).byte(0x4e);
  }

  /** A text field (null as `\N`). */
  text(value: string | null | undefined): this {
    if (value === null || value === undefined) return this.null();
    // A longer text with nothing to escape (names, addresses, token lists) goes through the runtime's
    // encoder, which beats a loop over its characters once a call's cost is shared by a dozen of them.
    if (value.length >= ENCODER_FROM && !NEEDS_ESCAPE.test(value)) {
      this.reserve(value.length * 3);
      this.length += this.encoder.encodeInto(value, this.bytes.subarray(this.length)).written;
      return this;
    }
    this.chars(value, false);
    return this;
  }

  /** The decimal digits of a non-negative safe integer. */
  private digits(n: number) {
    let count = 1;
    for (let p = 10; p <= n; p *= 10) count++;
    this.reserve(count);
    let at = this.length + count;
    this.length = at;
    do {
      this.bytes[--at] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
  }

  /**
   * A number. The figures' columns keep two decimals and most figures have at most two: those are
   * written from their hundredths, digit by digit (a general conversion of a double to text costs
   * several times as much, and a bulk load writes twenty a row); any other number as JavaScript
   * writes it, which the database reads back to the same value.
   */
  number(value: number | null | undefined): this {
    if (value === null || value === undefined) return this.null();
    const hundredths = Math.round(value * 100);
    if (hundredths / 100 !== value || !Number.isSafeInteger(hundredths)) return this.text(String(value));
    if (hundredths < 0) this.byte(0x2d);
    const abs = Math.abs(hundredths);
    const fraction = abs % 100;
    this.digits((abs - fraction) / 100);
    if (fraction === 0) return this;
    this.byte(0x2e).byte(0x30 + Math.floor(fraction / 10));
    return fraction % 10 ? this.byte(0x30 + (fraction % 10)) : this;
  }

  boolean(value: boolean | null | undefined): this {
    return value === null || value === undefined ? this.null() : this.byte(value ? 0x74 : 0x66);
  }

  /** An array literal `{"a","b"}`, each element quoted. */
  array(items: readonly string[] | null | undefined): this {
    if (items === null || items === undefined) return this.null();
    if (items.length === 0) return this.byte(0x7b).byte(0x7d);
    const joined = items.join('","');
    if (!ARRAY_NEEDS_ESCAPE.test(joined)) return this.text(`{"${joined}"}`);
    this.byte(0x7b);
    for (let i = 0; i < items.length; i++) {
      if (i) this.byte(0x2c);
      this.byte(QUOTE).chars(items[i] ?? '', true);
      this.byte(QUOTE);
    }
    return this.byte(0x7d);
  }

  json(value: unknown): this {
    return value === null || value === undefined ? this.null() : this.text(JSON.stringify(value));
  }

  tab(): this {
    return this.byte(TAB);
  }

  endLine(): this {
    return this.byte(NEWLINE);
  }

  /** The text written so far, as its own bytes; the buffer starts over. */
  take(): Uint8Array {
    const out = this.bytes.slice(0, this.length);
    this.length = 0;
    return out;
  }
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type IndicatorField = (typeof INDICATOR_FIELDS)[number];
type Figures = Partial<Record<IndicatorField, number | null>>;

const TEXT_KEYS = [
  'creditCode', 'name', 'divisionCode', 'industryCode', 'parkName', 'address', 'legalRepresentative', 'contactName', 'contactPhone', 'foundedOn',
] as const satisfies readonly (keyof EnterpriseInsert)[];

/** The columns of an enterprise's COPY line, in order (the rest take their defaults: version 1, created and updated now). */
const ENTERPRISE_KEYS = [
  'id', ...TEXT_KEYS, 'legalEntity', ...INDICATOR_FIELDS, 'sizeClass', 'aboveScale', 'tags', 'searchTokens', 'nameInitials',
] as const satisfies readonly (keyof EnterpriseInsert)[];

export const ENTERPRISE_COPY_COLUMNS = ENTERPRISE_KEYS.map(snake);

function writeFigures(out: CopyText, figures: Figures) {
  out.number(figures[INDICATOR_FIELDS[0]]);
  for (let i = 1; i < INDICATOR_FIELDS.length; i++) out.tab().number(figures[INDICATOR_FIELDS[i] as IndicatorField]);
}

/** A new enterprise with its id, as a line of `ENTERPRISE_COPY_COLUMNS`. */
export function writeEnterprise(out: CopyText, row: EnterpriseInsert, id: string) {
  out.text(id);
  for (const key of TEXT_KEYS) out.tab().text(row[key]);
  out.tab().boolean(row.legalEntity).tab();
  writeFigures(out, row);
  out.tab().text(row.sizeClass).tab().boolean(row.aboveScale).tab().array(row.tags).tab().array(row.searchTokens).tab().text(row.nameInitials).endLine();
}

export const INDICATOR_COPY_COLUMNS = ['enterprise_id', 'year', ...INDICATOR_FIELDS.map(snake)];

/** An enterprise's figures of one year, as a line of `INDICATOR_COPY_COLUMNS`. */
export function writeIndicators(out: CopyText, enterpriseId: string, year: number, figures: Figures) {
  out.text(enterpriseId).tab().number(year).tab();
  writeFigures(out, figures);
  out.endLine();
}

export const AUDIT_COPY_COLUMNS = ['at', 'actor_id', 'actor_name', 'actor_role', 'action', 'entity_type', 'entity_id', 'division_code', 'before', 'after', 'request_id'];

/** Who and when of a bulk load's audit rows, the same for each (as the audit service writes them in one transaction). */
export type AuditWho = { at: string; actorId: string | null; actorName: string; actorRole: string };

export function auditWho(actor: Actor, at: Date): AuditWho {
  return { at: at.toISOString(), actorId: actor.id, actorName: actor.username, actorRole: actor.role };
}

/** An audit row, as a line of `AUDIT_COPY_COLUMNS`. */
export function writeAudit(out: CopyText, who: AuditWho, entry: { action: string; entityType: string; entityId: string; divisionCode?: string | null; before?: unknown; after?: unknown }) {
  out.text(who.at).tab().text(who.actorId).tab().text(who.actorName).tab().text(who.actorRole).tab();
  out.text(entry.action).tab().text(entry.entityType).tab().text(entry.entityId).tab().text(entry.divisionCode).tab();
  out.json(entry.before).tab().json(entry.after).tab().null().endLine();
}
