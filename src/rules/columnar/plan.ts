import { compileRule } from '../jsonlogic/compile.ts';
import { toPrimitive, truthy } from '../jsonlogic/coerce.ts';
import type { Schema } from '../schema/schema.ts';

/** Where a range test reads its number: a number field, or the ratio of two number fields. */
export type NumericSource = { kind: 'field'; field: string } | { kind: 'ratio'; numerator: string; denominator: string };

interface LeafBase {
  /** Canonical text of the condition: equal keys are the same condition on any snapshot. */
  readonly key: string;
  /** Exact JsonLogic truthiness of the condition for one row (false if it throws). */
  readonly test: (row: unknown) => boolean;
  /** Fields read, or null when the condition may read anything (dynamic `var`). */
  readonly fields: readonly string[] | null;
}

/** One condition and the way it is evaluated over a snapshot. */
export type Leaf = LeafBase &
  (
    | { method: 'range'; source: NumericSource; lo: number | null; loInclusive: boolean; hi: number | null; hiInclusive: boolean }
    | { method: 'tag'; field: string; tag: string }
    | { method: 'values'; field: string }
    | { method: 'scan'; field: string }
    | { method: 'rows' }
  );

/** A rule lowered to set operations over condition bitsets. */
export type Plan =
  | { kind: 'const'; value: boolean }
  | { kind: 'and'; children: Plan[] }
  | { kind: 'or'; children: Plan[] }
  | { kind: 'not'; child: Plan }
  | { kind: 'leaf'; leaf: Leaf };

/** JSON text of a rule that tells -0 from 0 (JSON.stringify does not), for cache keys. */
export function canonicalKey(rule: unknown): string {
  return JSON.stringify(rule, (_key, value: unknown) => (Object.is(value, -0) ? { '-0': true } : value));
}

/** An operation's arguments as an array (the unary form wrapped). */
function argsOf(node: object, op: string): unknown[] {
  const raw: unknown = Reflect.get(node, op);
  return Array.isArray(raw) ? raw : [raw];
}

/** The operator of an operation object, or undefined for anything else. */
function onlyKey(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  const keys = Object.keys(node);
  return keys.length === 1 ? keys[0] : undefined;
}

const SCOPED = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some']);

/** The top-level fields a rule reads, or null if it may read any (whole-data or computed `var`). */
export function fieldsOf(node: unknown): Set<string> | null {
  if (Array.isArray(node)) return unionOf(node);
  const op = onlyKey(node);
  if (op === undefined || typeof node !== 'object' || node === null) return new Set();
  const args = argsOf(node, op);
  if (op === 'var') {
    const key = args[0];
    if (key === undefined || key === null || key === '' || typeof key === 'object') return null;
    const fields = unionOf(args.slice(1));
    fields?.add(String(key).split('.')[0] ?? '');
    return fields;
  }
  if (op === 'missing' || op === 'missing_some') {
    const keys = op === 'missing' ? (Array.isArray(args[0]) ? args[0] : args) : args[1];
    if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string' || typeof k === 'number') || keys.includes('')) return null;
    return new Set(keys.map((k) => String(k).split('.')[0] ?? ''));
  }
  if (SCOPED.has(op)) return unionOf(op === 'reduce' ? [args[0], args[2]] : [args[0]]);
  return unionOf(args);
}

/** The fields read by several nodes, or null if any may read anything. */
function unionOf(nodes: readonly unknown[]): Set<string> | null {
  const out = new Set<string>();
  for (const n of nodes) {
    const f = fieldsOf(n);
    if (f === null) return null;
    for (const name of f) out.add(name);
  }
  return out;
}

/** The exact JsonLogic truthiness of a condition; a throw counts as false. */
function makeTest(node: unknown): (row: unknown) => boolean {
  const evaluate = compileRule(node);
  return (row) => {
    try {
      return truthy(evaluate(row));
    } catch {
      return false;
    }
  };
}

/** The field of `{"var": "field"}` (no dots, no default), else undefined. */
function isPlainVar(node: unknown): string | undefined {
  if (onlyKey(node) !== 'var' || typeof node !== 'object' || node === null) return undefined;
  const raw: unknown = Reflect.get(node, 'var');
  const args = Array.isArray(raw) ? raw : [raw];
  const key = args[0];
  if (args.length !== 1 || typeof key !== 'string' || key === '' || key.includes('.')) return undefined;
  return key;
}

/** A number field, or a ratio of two, that a range index can serve. */
function numericSource(node: unknown, schema: Schema): NumericSource | undefined {
  const isNumberField = (name: string | undefined): name is string => {
    const type = name === undefined ? undefined : schema.fields[name]?.type;
    return type === 'number' || type === 'integer';
  };
  const field = isPlainVar(node);
  if (isNumberField(field)) return { kind: 'field', field };
  if (onlyKey(node) === '/' && typeof node === 'object' && node !== null) {
    const args = argsOf(node, '/');
    const [a, b] = [isPlainVar(args[0]), isPlainVar(args[1])];
    if (args.length === 2 && isNumberField(a) && isNumberField(b)) return { kind: 'ratio', numerator: a, denominator: b };
  }
  return undefined;
}

/** Whether a rule node is a JSON scalar. */
const isConstant = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v);
/** The number a relational comparison turns a constant into (JavaScript ToNumber). */
const toNumber = (v: unknown): number => Number(toPrimitive(v));

type RangeSpec = { source: NumericSource; lo: number | null; loInclusive: boolean; hi: number | null; hiInclusive: boolean };

/** A comparison of a numeric source with constants as an interval, if it is one. */
function rangeOf(op: string, args: unknown[], schema: Schema): RangeSpec | undefined {
  if (!['<', '<=', '>', '>='].includes(op)) return undefined;
  const inclusive = op.endsWith('=');
  if (args.length === 3 && (op === '<' || op === '<=')) {
    const source = numericSource(args[1], schema);
    if (!source || !isConstant(args[0]) || !isConstant(args[2])) return undefined;
    return { source, lo: toNumber(args[0]), loInclusive: inclusive, hi: toNumber(args[2]), hiInclusive: inclusive };
  }
  if (args.length !== 2) return undefined;
  const left = numericSource(args[0], schema);
  const right = numericSource(args[1], schema);
  const sourceFirst = left !== undefined && isConstant(args[1]);
  const source = sourceFirst ? left : right !== undefined && isConstant(args[0]) ? right : undefined;
  if (!source) return undefined;
  const c = toNumber(sourceFirst ? args[1] : args[0]);
  // "source > c" and "c < source" both bound the source from below
  const lower = (op === '>' || op === '>=') === sourceFirst;
  return lower
    ? { source, lo: c, loInclusive: inclusive, hi: null, hiInclusive: false }
    : { source, lo: null, loInclusive: false, hi: c, hiInclusive: inclusive };
}

/** One condition as a leaf with the cheapest exact evaluation method. */
function lowerLeaf(node: unknown, schema: Schema): Plan {
  const fields = fieldsOf(node);
  const key = canonicalKey(node);
  const test = makeTest(node);
  if (fields === null) return { kind: 'leaf', leaf: { key, test, fields: null, method: 'rows' } };
  const fieldList = [...fields];
  if (fieldList.length === 0) return { kind: 'const', value: test({}) };
  const op = onlyKey(node);
  if (op !== undefined && typeof node === 'object' && node !== null) {
    const args = argsOf(node, op);
    const range = rangeOf(op, args, schema);
    if (range) return { kind: 'leaf', leaf: { key, test, fields: fieldList, method: 'range', ...range } };
    const tagField = isPlainVar(args[1]);
    if (op === 'in' && args.length === 2 && typeof args[0] === 'string' && tagField !== undefined && schema.fields[tagField]?.type === 'tags') {
      return { kind: 'leaf', leaf: { key, test, fields: fieldList, method: 'tag', field: tagField, tag: args[0] } };
    }
  }
  const [only] = fieldList;
  if (fieldList.length === 1 && only !== undefined && schema.fields[only]) {
    const type = schema.fields[only]?.type;
    const method = type === 'code' || type === 'string' || type === 'boolean' ? 'values' : 'scan';
    return { kind: 'leaf', leaf: { key, test, fields: fieldList, method, field: only } };
  }
  return { kind: 'leaf', leaf: { key, test, fields: fieldList, method: 'rows' } };
}

/**
 * Lowers a (compiled, valid) rule to a plan: and/or/!/!!/if become set operations, conditions
 * become leaves evaluated by the fastest exact method; truthiness is preserved exactly.
 */
export function lowerRule(rule: unknown, schema: Schema): Plan {
  if (Array.isArray(rule)) return { kind: 'const', value: rule.length > 0 };
  if (typeof rule !== 'object' || rule === null) return { kind: 'const', value: truthy(rule) };
  const op = onlyKey(rule);
  if (op === undefined) return { kind: 'const', value: true };
  const args = argsOf(rule, op);
  if (op === 'and' || op === 'or') {
    if (args.length === 0) return { kind: 'const', value: false };
    return { kind: op, children: args.map((a) => lowerRule(a, schema)) };
  }
  if (op === '!' && args.length === 1) return { kind: 'not', child: lowerRule(args[0], schema) };
  if (op === '!!' && args.length === 1) return lowerRule(args[0], schema);
  if ((op === 'if' || op === '?:') && args.length === 3) {
    const [c, t, e] = args.map((a) => lowerRule(a, schema));
    if (c && t && e) return { kind: 'or', children: [{ kind: 'and', children: [c, t] }, { kind: 'and', children: [{ kind: 'not', child: c }, e] }] };
  }
  return lowerLeaf(rule, schema);
}

/** The leaves of a plan, each once. */
export function leavesOf(plan: Plan, out: Map<string, Leaf> = new Map()): Map<string, Leaf> {
  if (plan.kind === 'leaf') out.set(plan.leaf.key, plan.leaf);
  else if (plan.kind === 'and' || plan.kind === 'or') for (const c of plan.children) leavesOf(c, out);
  else if (plan.kind === 'not') leavesOf(plan.child, out);
  return out;
}
