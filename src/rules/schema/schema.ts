import { RuleCompileError, joinPath } from '../errors.ts';

/** Kinds of field an enterprise record has, and what a rule may do with each. */
export const FIELD_TYPES = ['number', 'integer', 'boolean', 'string', 'code', 'tags'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** One field: its type, and for people its unit and label (`万元`, `营业收入`). */
export interface FieldSpec {
  type: FieldType;
  unit?: string;
  label?: string;
  /** For `code` and `tags`: the values a rule may name (a typo is then a compile error). */
  values?: readonly string[];
  /**
   * For people: a text value of this field in words (`410105` → `金水区 (410105)`), used where a
   * rule compares the field with constants; undefined keeps the value as written. Pure.
   */
  describeValue?: (value: string) => string | undefined;
}

/** The fields rules may name. */
export interface Schema {
  readonly fields: Readonly<Record<string, Readonly<FieldSpec>>>;
}

/** Checks and freezes a field schema; throws RuleCompileError(RULES_BAD_SCHEMA) when a field is ill-defined. */
export function defineSchema<const F extends Record<string, FieldSpec>>(definition: { fields: F }): Schema & { fields: F } {
  for (const [name, spec] of Object.entries(definition.fields)) {
    const path = joinPath('$.fields', name);
    if (name === '' || name.includes('.')) {
      throw new RuleCompileError('RULES_BAD_SCHEMA', path, 'a field name must be non-empty and contain no dot');
    }
    if (!FIELD_TYPES.some((t) => t === spec.type)) {
      throw new RuleCompileError('RULES_BAD_SCHEMA', joinPath(path, 'type'), `unknown field type "${String(spec.type)}"`);
    }
    if (spec.values && spec.type !== 'code' && spec.type !== 'tags' && spec.type !== 'string') {
      throw new RuleCompileError('RULES_BAD_SCHEMA', joinPath(path, 'values'), 'only code, string and tags fields list values');
    }
  }
  return Object.freeze({ fields: Object.freeze({ ...definition.fields }) });
}

/** How a field reads in a message: `revenueWan (营业收入, 万元)`. */
export function describeField(name: string, spec: FieldSpec | undefined): string {
  const extra = [spec?.label, spec?.unit].filter((s): s is string => typeof s === 'string' && s !== '');
  return extra.length > 0 ? `${name} (${extra.join(', ')})` : name;
}
