import { compileRule } from '../jsonlogic/compile.ts';
import type { Evaluator } from '../jsonlogic/compile.ts';
import { truthy } from '../jsonlogic/coerce.ts';
import type { Schema } from '../schema/schema.ts';
import { fieldsOf } from '../columnar/plan.ts';

/** Why a rule (or one of its conditions) passed or failed for one record. */
export interface Explanation {
  /** The operator (`and`, `>=`, `in`, …), or `value` for a literal. */
  op: string;
  /** JsonLogic truthiness of this node's value. */
  passed: boolean;
  /** The node's JsonLogic value. */
  value: unknown;
  /** For comparisons and `in`: the value read from the record. */
  actual?: unknown;
  /**
   * `actual` in words when it is text (or a list of texts) of a field whose schema entry has
   * `describeValue` (`中原区 (410102)`); absent when no part of it has a name.
   */
  actualLabel?: string;
  /** For comparisons and `in`: what the rule asks for (the constant side). */
  required?: unknown;
  /**
   * `required` in words, named as `actualLabel` names `actual` (`金水区 (410105)`, `[B 采矿业, C 制造业]`);
   * absent when no part of it has a name.
   */
  requiredLabel?: string;
  /** For a failed numeric comparison: how far the actual value is from passing, in its own unit. */
  gap?: number;
  /** `gap` relative to the required value (0.3 = 30 % short); orders near misses. */
  relativeGap?: number;
  /** The condition in words, with the schema's labels and units. */
  label?: string;
  children?: Explanation[];
}

const COMPARISONS = new Set(['==', '===', '!=', '!==', '<', '<=', '>', '>=']);
const SYMBOL: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '==': '=', '===': '=', '!=': '≠', '!==': '≠' };

/** An operation's arguments as an array (the unary form wrapped). */
function argsOf(node: object, op: string): unknown[] {
  const raw: unknown = Reflect.get(node, op);
  return Array.isArray(raw) ? raw : [raw];
}

/** The operator of an operation object, or undefined for anything else. */
function operatorOf(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  const keys = Object.keys(node);
  return keys.length === 1 ? keys[0] : undefined;
}

type DescribeValue = (value: string) => string | undefined;

/** How the constants of a condition read: named by its field when it reads one field whose schema entry can name values. */
function valueDescriberOf(args: readonly unknown[], schema: Schema | undefined): DescribeValue | undefined {
  if (!schema) return undefined;
  const fields = fieldsOf(args);
  if (fields === null || fields.size !== 1) return undefined;
  const [field] = fields;
  return field === undefined ? undefined : schema.fields[field]?.describeValue;
}

/** A text constant, or a list of them, in words (`金水区 (410105)`); undefined when no part of it has a name. */
function describeConstant(node: unknown, describeValue: DescribeValue): string | undefined {
  if (typeof node === 'string') return describeValue(node);
  if (!Array.isArray(node) || node.length === 0 || !node.every((v): v is string => typeof v === 'string')) return undefined;
  const named = node.map((v) => describeValue(v));
  if (named.every((n) => n === undefined)) return undefined;
  return `[${node.map((v, i) => named[i] ?? JSON.stringify(v)).join(', ')}]`;
}

/** The actual and required values of a comparison in words, each set only when some part of it has a name. */
function valueLabelsOf(facts: { actual: unknown; required: unknown }, describeValue: DescribeValue | undefined): { actualLabel?: string; requiredLabel?: string } {
  if (!describeValue) return {};
  const actualLabel = describeConstant(facts.actual, describeValue);
  const requiredLabel = describeConstant(facts.required, describeValue);
  return { ...(actualLabel !== undefined ? { actualLabel } : {}), ...(requiredLabel !== undefined ? { requiredLabel } : {}) };
}

/**
 * A rule fragment in words: `研发费用 (万元) / 营业收入 (万元) ≥ 0.03`. A constant compared with a
 * field whose schema entry has `describeValue` reads as that gives it (`行政区划 = 金水区 (410105)`).
 */
export function describeRule(node: unknown, schema?: Schema): string {
  const op = operatorOf(node);
  if (op === undefined || typeof node !== 'object' || node === null) return JSON.stringify(node) ?? 'undefined';
  const args = argsOf(node, op);
  const d = (n: unknown): string => describeRule(n, schema);
  if (op === 'var') {
    const name = String(args[0] ?? '');
    const spec = schema?.fields[name.split('.')[0] ?? ''];
    return spec?.label ? `${spec.label}${spec.unit ? ` (${spec.unit})` : ''}` : name;
  }
  if (COMPARISONS.has(op) || op === 'in') {
    const describeValue = valueDescriberOf(args, schema);
    const side = (n: unknown): string => (describeValue ? describeConstant(n, describeValue) : undefined) ?? d(n);
    if (op === 'in') return `${side(args[0])} ∈ ${side(args[1])}`;
    const symbol = SYMBOL[op] ?? op;
    if (args.length === 3) return `${side(args[0])} ${symbol} ${side(args[1])} ${symbol} ${side(args[2])}`;
    return `${side(args[0])} ${symbol} ${side(args[1])}`;
  }
  if (op === '!') return `not (${d(args[0])})`;
  if (op === '!!') return d(args[0]);
  if (op === 'and' || op === 'or') return args.map(d).join(` ${op} `);
  if (['+', '-', '*', '/', '%'].includes(op)) return `(${args.map(d).join(` ${op} `)})`;
  if (op === 'substr') return `${d(args[0])}[${args.slice(1).map(d).join(', ')}]`;
  return `${op}(${args.map(d).join(', ')})`;
}

/** Rounds away binary noise (0.03 - 0.021 = 0.008999999999999998) for people reading gaps. */
function tidy(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(12)) : value;
}

/** Gap of a failed `actual OP required` comparison, absolute and relative. */
function gapOf(op: string, actual: unknown, required: unknown, actualFirst: boolean): { gap: number; relativeGap: number } | undefined {
  if (typeof actual !== 'number' && actual !== null) return undefined;
  if (typeof required !== 'number') return undefined;
  const a = actual ?? 0;
  // normalise to "actual OP required"
  const flipped: Record<string, string> = { '>': '<', '>=': '<=', '<': '>', '<=': '>=' };
  const effective = actualFirst ? op : (flipped[op] ?? op);
  let gap: number;
  if (effective === '>=' || effective === '>') gap = required - a;
  else if (effective === '<=' || effective === '<') gap = a - required;
  else return undefined;
  if (!Number.isFinite(gap)) return undefined;
  const scale = Math.abs(required) > 0 ? Math.abs(required) : 1;
  return { gap: tidy(Math.max(0, gap)), relativeGap: tidy(Math.max(0, gap) / scale) };
}

const evaluators = new WeakMap<object, Evaluator>();

/** Evaluates a sub-rule, compiling each rule object once (near misses explain many rows). */
function evaluate(node: unknown, row: unknown): unknown {
  if (typeof node !== 'object' || node === null) return node;
  let fn = evaluators.get(node);
  if (!fn) {
    fn = compileRule(node, { backend: 'closure' });
    evaluators.set(node, fn);
  }
  return fn(row);
}

const readsDataCache = new WeakMap<object, boolean[]>();

/** Which arguments of a comparison read the record (the others are the requirement). */
function readsData(node: object, args: unknown[]): boolean[] {
  let reads = readsDataCache.get(node);
  if (!reads) {
    reads = args.map((a) => (fieldsOf(a)?.size ?? 1) > 0);
    readsDataCache.set(node, reads);
  }
  return reads;
}

interface ComparisonFacts {
  actual: unknown;
  required: unknown;
  gap?: number;
  relativeGap?: number;
}

/** Actual, required and (when failed and numeric) the gap of a comparison or `in`. */
function comparisonFacts(node: object, op: string, args: unknown[], row: unknown, passed: boolean): ComparisonFacts {
  const values = args.map((a) => evaluate(a, row));
  if (args.length === 3 && op !== 'in') {
    const [lo, actual, hi] = values;
    const out: ComparisonFacts = { actual, required: [lo, hi] };
    if (!passed && typeof lo === 'number' && typeof hi === 'number' && (typeof actual === 'number' || actual === null)) {
      const a = actual ?? 0;
      const gap = a < lo ? lo - a : a > hi ? a - hi : 0;
      out.gap = tidy(gap);
      out.relativeGap = tidy(gap / Math.max(Math.abs(a < lo ? lo : hi), 1e-12));
    }
    return out;
  }
  const reads = readsData(node, args);
  const actualIndex = op === 'in' ? (reads[0] && !reads[1] ? 0 : 1) : reads[0] || !reads[1] ? 0 : 1;
  const out: ComparisonFacts = { actual: values[actualIndex], required: values[1 - actualIndex] };
  if (!passed && op !== 'in') {
    const gap = gapOf(op, out.actual, out.required, actualIndex === 0);
    if (gap) Object.assign(out, gap);
  }
  return out;
}

/**
 * How far a failed numeric comparison is from passing, relative to its requirement (the
 * `relativeGap` of {@link explain}); undefined when it passed or has no numeric gap.
 */
export function relativeGapOf(condition: unknown, row: unknown): number | undefined {
  const op = operatorOf(condition);
  if (op === undefined || typeof condition !== 'object' || condition === null || !COMPARISONS.has(op)) return undefined;
  const passed = truthy(evaluate(condition, row));
  if (passed) return undefined;
  return comparisonFacts(condition, op, argsOf(condition, op), row, passed).relativeGap;
}

/** The explanation of one node for one record. */
function explainNode(node: unknown, row: unknown, schema: Schema | undefined): Explanation {
  const value = evaluate(node, row);
  const passed = truthy(value);
  const op = operatorOf(node);
  if (op === undefined || typeof node !== 'object' || node === null) return { op: 'value', passed, value };
  const args = argsOf(node, op);
  const label = describeRule(node, schema);
  if (op === 'and' || op === 'or' || op === '!' || op === '!!' || op === 'if' || op === '?:') {
    // every condition is shown, also those JsonLogic skipped after the deciding one: an
    // official wants to see all that is missing, not only the first failure
    const children = args.map((arg) => explainNode(arg, row, schema));
    return { op, passed, value, label, children };
  }
  if (COMPARISONS.has(op) || op === 'in') {
    const facts = comparisonFacts(node, op, args, row, passed);
    // both values are named as the label names the constants, by the one field the condition reads
    return { op, passed, value, label, ...facts, ...valueLabelsOf(facts, valueDescriberOf(args, schema)) };
  }
  return { op, passed, value, label };
}

/**
 * Explains one rule for one record: the tree of conditions with passed/failed, the actual and
 * required values (also in words, for a field with `describeValue`) and, for failed numeric
 * comparisons, the gap (R&D ratio 0.021 vs ≥ 0.03: 0.009).
 */
export function explain(rule: unknown, row: unknown, schema?: Schema): Explanation {
  compileRule(rule);
  return explainNode(rule, row, schema);
}
