import { RuleCompileError, joinPath } from '../errors.ts';
import { describeField } from './schema.ts';
import type { FieldSpec, Schema } from './schema.ts';

type StaticType = 'number' | 'string' | 'boolean' | 'tags' | 'array' | 'null' | 'unknown';

interface Typed {
  type: StaticType;
  /** The field the value comes straight from, for messages. */
  field?: string;
  /** The literal, when the node is one. */
  literal?: unknown;
}

interface CheckState {
  fields: Set<string>;
  checkTypes: boolean;
}

/** Rejects a type problem, unless only names are checked. */
function fail(state: CheckState, code: 'RULES_TYPE_MISMATCH' | 'RULES_UNKNOWN_VALUE', path: string, message: string): void {
  if (state.checkTypes) throw new RuleCompileError(code, path, message);
}

const UNKNOWN: Typed = { type: 'unknown' };
const COMPARISONS = new Set(['==', '===', '!=', '!==', '<', '<=', '>', '>=']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%', 'max', 'min']);
const SCOPED = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some']);

/** The static type a field reads as. */
function fieldType(spec: FieldSpec): StaticType {
  switch (spec.type) {
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
    case 'code':
      return 'string';
    case 'tags':
      return 'tags';
  }
}

/** A typed value in words, for messages. */
function label(t: Typed, schema: Schema): string {
  if (t.field !== undefined) return `${t.type} field ${describeField(t.field, schema.fields[t.field])}`;
  if (t.literal !== undefined) return `${t.type} ${JSON.stringify(t.literal)}`;
  return t.type;
}

/** Whether a string literal reads as a finite number. */
function isNumericString(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
}

/** Whether comparing a and b is meaningful; null is always allowed (it tests for a missing value). */
function comparable(a: Typed, b: Typed): boolean {
  if (a.type === 'unknown' || b.type === 'unknown' || a.type === 'null' || b.type === 'null') return true;
  if (a.type === 'tags' || b.type === 'tags' || a.type === 'array' || b.type === 'array') return false;
  if (a.type === b.type) return true;
  // a numeric string literal next to a number field is how forms often send numbers
  if (a.type === 'number' && b.type === 'string') return b.field === undefined && isNumericString(b.literal);
  if (b.type === 'number' && a.type === 'string') return a.field === undefined && isNumericString(a.literal);
  return false;
}

/** Checks one node and infers its static type. */
function checkNode(node: unknown, path: string, schema: Schema, state: CheckState): Typed {
  if (node === null) return { type: 'null', literal: null };
  if (typeof node === 'number') return { type: 'number', literal: node };
  if (typeof node === 'string') return { type: 'string', literal: node };
  if (typeof node === 'boolean') return { type: 'boolean', literal: node };
  if (Array.isArray(node)) {
    node.forEach((item, i) => checkNode(item, joinPath(path, i), schema, state));
    return { type: 'array' };
  }
  if (typeof node !== 'object') return UNKNOWN;
  const record: Record<string, unknown> = { ...node };
  const op = Object.keys(record)[0];
  if (op === undefined) return UNKNOWN;
  const opPath = joinPath(path, op);
  const raw = record[op];
  const values: unknown[] = Array.isArray(raw) ? raw : [raw];
  const childPath = (i: number): string => (Array.isArray(raw) ? joinPath(opPath, i) : opPath);

  if (op === 'var') return checkVar(values, childPath, opPath, schema, state);
  if (SCOPED.has(op)) {
    // the logic of map/filter/… runs on each element, not on the enterprise: only its source is checked
    if (values.length > 0) checkNode(values[0], childPath(0), schema, state);
    if (op === 'reduce' && values.length > 2) checkNode(values[2], childPath(2), schema, state);
    return op === 'all' || op === 'none' || op === 'some' ? { type: 'boolean' } : UNKNOWN;
  }
  const typed = values.map((v, i) => checkNode(v, childPath(i), schema, state));

  if (COMPARISONS.has(op)) {
    for (let i = 0; i + 1 < typed.length && i < 2; i += 1) {
      const a = typed[i] ?? UNKNOWN;
      const b = typed[i + 1] ?? UNKNOWN;
      if (!comparable(a, b)) {
        fail(state, 'RULES_TYPE_MISMATCH', opPath, `"${op}" compares ${label(a, schema)} with ${label(b, schema)}`);
      }
    }
    return { type: 'boolean' };
  }
  if (ARITHMETIC.has(op)) {
    typed.forEach((t, i) => {
      if (t.type === 'tags' || t.type === 'array' || t.type === 'boolean' || (t.type === 'string' && t.field !== undefined)) {
        fail(state, 'RULES_TYPE_MISMATCH', childPath(i), `"${op}" does arithmetic on ${label(t, schema)}`);
      }
    });
    return { type: 'number' };
  }
  if (op === 'in') return checkIn(typed, childPath, schema, state);
  if (op === '!' || op === '!!') return { type: 'boolean' };
  if (op === 'cat' || op === 'substr') return { type: 'string' };
  if (op === 'merge' || op === 'missing' || op === 'missing_some') return { type: 'array' };
  if (op === 'and' || op === 'or' || op === 'if' || op === '?:') {
    const results = op === 'and' || op === 'or' ? typed : typed.filter((_, i) => i % 2 === 1 || i === typed.length - 1);
    const first = results[0];
    return first && results.every((t) => t.type === first.type) ? { type: first.type } : UNKNOWN;
  }
  if (op === 'log') return typed[0] ?? UNKNOWN;
  return UNKNOWN;
}

/** `var`: the field must exist; tags allow a numeric sub-path. */
function checkVar(values: unknown[], childPath: (i: number) => string, opPath: string, schema: Schema, state: CheckState): Typed {
  const key = values[0];
  if (typeof key === 'object' && key !== null) {
    checkNode(key, childPath(0), schema, state);
    return UNKNOWN;
  }
  if (key === undefined || key === null || key === '') return UNKNOWN;
  const [name = '', ...rest] = String(key).split('.');
  const spec = schema.fields[name];
  if (!spec) {
    const known = Object.keys(schema.fields).join(', ');
    throw new RuleCompileError('RULES_UNKNOWN_FIELD', opPath, `unknown field "${name}" (known fields: ${known})`);
  }
  state.fields.add(name);
  if (rest.length > 0) {
    if (spec.type === 'tags' && rest.length === 1 && /^\d+$/.test(rest[0] ?? '')) return { type: 'string' };
    fail(state, 'RULES_TYPE_MISMATCH', opPath, `field ${describeField(name, spec)} has no part "${rest.join('.')}"`);
  }
  return { type: fieldType(spec), field: name };
}

/** `in`: looks in a list or a string, for a value of the right kind. */
function checkIn(typed: Typed[], childPath: (i: number) => string, schema: Schema, state: CheckState): Typed {
  const needle = typed[0] ?? UNKNOWN;
  const haystack = typed[1] ?? UNKNOWN;
  if (haystack.type === 'number' || haystack.type === 'boolean') {
    fail(state, 'RULES_TYPE_MISMATCH', childPath(1), `"in" looks inside ${label(haystack, schema)}, which is never a list`);
  }
  if (haystack.type === 'tags' && needle.type !== 'string' && needle.type !== 'unknown') {
    fail(state, 'RULES_TYPE_MISMATCH', childPath(0), `"in" looks for ${label(needle, schema)} among the tags of ${haystack.field ?? 'a field'}`);
  }
  const spec = haystack.field !== undefined ? schema.fields[haystack.field] : undefined;
  if (spec?.type === 'tags' && spec.values && typeof needle.literal === 'string' && !spec.values.includes(needle.literal)) {
    fail(state, 'RULES_UNKNOWN_VALUE', childPath(0), `"${needle.literal}" is not a tag of ${describeField(haystack.field ?? '', spec)} (known: ${spec.values.join(', ')})`);
  }
  if (needle.field !== undefined && haystack.type === 'array') {
    const needleSpec = schema.fields[needle.field];
    if (needleSpec?.type === 'tags') {
      fail(state, 'RULES_TYPE_MISMATCH', childPath(0), `"in" looks for the tags field ${needle.field} inside a list; use {"in":[value,{"var":"${needle.field}"}]}`);
    }
  }
  return { type: 'boolean' };
}

/**
 * Checks a (structurally valid) rule against a schema: every `var` names a known field and no
 * comparison, arithmetic or `in` mixes incompatible types. Returns the fields the rule reads.
 */
export function checkRule(rule: unknown, schema: Schema, options: { checkTypes?: boolean } = {}): string[] {
  const fields = new Set<string>();
  checkNode(rule, '$', schema, { fields, checkTypes: options.checkTypes ?? true });
  return [...fields];
}
