import { RuleCompileError, joinPath } from '../errors.ts';
import {
  getProperty,
  inOp,
  memberOf,
  primitiveSet,
  jsAdd,
  lessOrEqual,
  lessThan,
  lookupParts,
  lookupVar,
  mergeOp,
  parseFloatJs,
  substrOp,
  truthy,
} from './coerce.ts';
import { generateEvaluator } from './codegen.ts';
import { DEFAULT_LIMITS, validateRuleShape } from './validate.ts';
import type { RuleLimits } from './validate.ts';
import type { Evaluator } from './types.ts';

export type { Evaluator } from './types.ts';

/** Options of {@link compileRule}. */
export interface CompileRuleOptions {
  /** Where `log` writes (console.log by default, as in json-logic-js). */
  log?: (value: unknown) => void;
  /** Nesting and size limits (64 levels, 1,000,000 characters by default). */
  limits?: Partial<RuleLimits>;
  /**
   * `closure` builds a tree of closures; `codegen` emits JavaScript for the common operators
   * (several times faster per row); `tiered` (default) starts with closures and switches to
   * generated code after 64 calls. All give identical results.
   */
  backend?: 'tiered' | 'codegen' | 'closure';
}

interface Context {
  strict: boolean;
  log: (value: unknown) => void;
}

interface Compiled {
  fn: Evaluator;
  isConstant: boolean;
  value: unknown;
}

type OpBuilder = (args: Compiled[], raw: unknown[], ctx: Context, path: string) => Evaluator;

const TIER_UP_CALLS = 64;

/** The operators json-logic-js 2.0.5 knows, in the order of its documentation. */
export const JSONLOGIC_OPERATORS = [
  'var', 'missing', 'missing_some', 'if', '?:', '==', '===', '!=', '!==', '!', '!!', 'or', 'and',
  '>', '>=', '<', '<=', 'max', 'min', '+', '-', '*', '/', '%', 'map', 'filter', 'reduce', 'all',
  'none', 'some', 'merge', 'in', 'cat', 'substr', 'log',
] as const;

/** A compiled literal. */
const constant = (value: unknown): Compiled => ({ fn: () => value, isConstant: true, value });
const UNDEFINED = constant(undefined);

/** Argument i, or the literal undefined when the rule gave fewer. */
function arg(args: Compiled[], i: number): Compiled {
  return args[i] ?? UNDEFINED;
}

/** Evaluates every argument, as json-logic-js does before calling a plain operator. */
function evaluateAll(args: Compiled[], data: unknown): unknown[] {
  const out = new Array<unknown>(args.length);
  for (let i = 0; i < args.length; i += 1) out[i] = (args[i] ?? UNDEFINED).fn(data);
  return out;
}

/** Arguments past an operator's arity are still evaluated (and may throw or log). */
function withExtras(fn: Evaluator, args: Compiled[], arity: number): Evaluator {
  const extras = args.slice(arity).filter((a) => !a.isConstant).map((a) => a.fn);
  if (extras.length === 0) return fn;
  return (data) => {
    for (const extra of extras) extra(data);
    return fn(data);
  };
}

/** An operator of two evaluated arguments (the second folded when constant). */
function binary(args: Compiled[], op: (a: unknown, b: unknown) => unknown): Evaluator {
  const a = arg(args, 0);
  const b = arg(args, 1);
  let fn: Evaluator;
  if (b.isConstant) {
    const bv = b.value;
    const af = a.fn;
    fn = (data) => op(af(data), bv);
  } else {
    const af = a.fn;
    const bf = b.fn;
    fn = (data) => op(af(data), bf(data));
  }
  return withExtras(fn, args, 2);
}

/** An operator of one evaluated argument. */
function unary(args: Compiled[], op: (a: unknown) => unknown): Evaluator {
  const af = arg(args, 0).fn;
  return withExtras((data) => op(af(data)), args, 1);
}

/** An operator of all its evaluated arguments. */
function variadic(args: Compiled[], op: (values: unknown[], data: unknown) => unknown): Evaluator {
  return (data) => op(evaluateAll(args, data), data);
}

const dynamicCache = new WeakMap<object, Evaluator>();

/** json-logic-js `apply` on a value that only exists at run time (inside `missing`). */
function applyDynamic(logic: unknown, data: unknown): unknown {
  if (typeof logic !== 'object' || logic === null) return logic;
  let fn = dynamicCache.get(logic);
  if (!fn) {
    fn = compileNode(logic, '$', { strict: false, log: (v) => console.log(v) }, 0).fn;
    dynamicCache.set(logic, fn);
  }
  return fn(data);
}

/** json-logic-js `is_logic`: an object with exactly one key. */
function isLogic(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1;
}

/** `apply({"var": key}, data)` for a key computed at run time. */
function varDynamic(key: unknown, data: unknown): unknown {
  if (Array.isArray(key)) {
    const values = key.map((k) => applyDynamic(k, data));
    return lookupVar(data, values[0], values[1]);
  }
  if (isLogic(key)) return lookupVar(data, applyDynamic(key, data), undefined);
  return lookupVar(data, key, undefined);
}

/** json-logic-js `missing`: the keys whose value is null or "". */
function missingOp(values: readonly unknown[], data: unknown): unknown[] {
  const first = values[0];
  const keys: readonly unknown[] = Array.isArray(first) ? first : values;
  const missing: unknown[] = [];
  for (const key of keys) {
    const value = varDynamic(key, data);
    if (value === null || value === '') missing.push(key);
  }
  return missing;
}

/** json-logic-js `missing_some`: [] when enough keys are present, else the missing ones. */
function missingSomeOp(needCount: unknown, options: unknown, data: unknown): unknown[] {
  const wrapped: unknown[] = Array.isArray(options) ? options : [options];
  const areMissing = missingOp(
    wrapped.map((v) => applyDynamic(v, data)),
    data,
  );
  if (options === null || options === undefined) {
    throw new TypeError(`Cannot read properties of ${String(options)} (reading 'length')`);
  }
  const present = Number(getProperty(options, 'length')) - areMissing.length;
  return lessOrEqual(needCount, present) ? [] : areMissing;
}

/** `var`, specialised for a constant key and default. */
function buildVar(args: Compiled[]): Evaluator {
  const key = arg(args, 0);
  const fallback = arg(args, 1);
  if (!key.isConstant) {
    const kf = key.fn;
    const ff = fallback.fn;
    return withExtras((data) => lookupVar(data, kf(data), ff(data)), args, 2);
  }
  const k = key.value;
  if (k === undefined || k === '' || k === null) return withExtras((data) => data, args, 1);
  const parts = String(k).split('.');
  if (fallback.isConstant) {
    const notFound = fallback.value === undefined ? null : fallback.value;
    const first = parts[0] ?? '';
    if (parts.length === 1) {
      return withExtras((data) => {
        if (data === null || data === undefined) return notFound;
        const v = typeof data === 'object' ? Reflect.get(data, first) : getProperty(data, first);
        return v === undefined ? notFound : v;
      }, args, 2);
    }
    return withExtras((data) => lookupParts(data, parts, notFound), args, 2);
  }
  const ff = fallback.fn;
  return withExtras((data) => {
    const fb = ff(data);
    return lookupParts(data, parts, fb === undefined ? null : fb);
  }, args, 2);
}

/** `if`/`?:`: pairs of condition and value, then an optional else. */
function buildIf(args: Compiled[]): Evaluator {
  const fns = args.map((a) => a.fn);
  if (fns.length === 3) {
    const [c, t, e] = fns;
    if (c && t && e) return (data) => (truthy(c(data)) ? t(data) : e(data));
  }
  return (data) => {
    let i = 0;
    for (; i < fns.length - 1; i += 2) {
      const cond = fns[i];
      const then = fns[i + 1];
      if (cond && then && truthy(cond(data))) return then(data);
    }
    const last = fns[i];
    if (fns.length === i + 1 && last) return last(data);
    return null;
  };
}

/** `and`/`or`: short-circuit, returning the deciding operand. */
function buildAndOr(args: Compiled[], isAnd: boolean): Evaluator {
  const fns = args.map((a) => a.fn);
  if (fns.length === 2) {
    const [a, b] = fns;
    if (a && b) {
      return isAnd
        ? (data) => {
            const v = a(data);
            return truthy(v) ? b(data) : v;
          }
        : (data) => {
            const v = a(data);
            return truthy(v) ? v : b(data);
          };
    }
  }
  return (data) => {
    let current: unknown;
    for (const fn of fns) {
      current = fn(data);
      if (truthy(current) !== isAnd) return current;
    }
    return current;
  };
}

/** `<`/`<=` with the three-argument between form. */
function buildBetween(args: Compiled[], strict: boolean): Evaluator {
  const cmp = strict ? lessThan : lessOrEqual;
  if (args.length < 3) return binary(args, cmp);
  const af = arg(args, 0).fn;
  const bf = arg(args, 1).fn;
  const cf = arg(args, 2).fn;
  return withExtras((data) => {
    const a = af(data);
    const b = bf(data);
    const c = cf(data);
    return c === undefined ? cmp(a, b) : cmp(a, b) && cmp(b, c);
  }, args, 3);
}

/** map/filter/all/none/some: logic applied to each element of an array. */
function scoped(args: Compiled[], body: (items: unknown[], logic: Evaluator, data: unknown) => unknown, otherwise: (data: unknown) => unknown): Evaluator {
  const source = arg(args, 0).fn;
  const logic = arg(args, 1).fn;
  return (data) => {
    const items = source(data);
    return Array.isArray(items) ? body(items, logic, data) : otherwise(data);
  };
}

const OPS: Record<string, OpBuilder> = {
  var: (args) => buildVar(args),
  missing: (args) => variadic(args, missingOp),
  missing_some: (args) => {
    const need = arg(args, 0).fn;
    const options = arg(args, 1).fn;
    return withExtras((data) => missingSomeOp(need(data), options(data), data), args, 2);
  },
  if: (args) => buildIf(args),
  '?:': (args) => buildIf(args),
  '==': (args) => binary(args, (a, b) => a == b),
  '===': (args) => binary(args, (a, b) => a === b),
  '!=': (args) => binary(args, (a, b) => a != b),
  '!==': (args) => binary(args, (a, b) => a !== b),
  '!': (args) => unary(args, (a) => !truthy(a)),
  '!!': (args) => unary(args, (a) => truthy(a)),
  or: (args) => buildAndOr(args, false),
  and: (args) => buildAndOr(args, true),
  '>': (args) => binary(args, (a, b) => lessThan(b, a)),
  '>=': (args) => binary(args, (a, b) => lessOrEqual(b, a)),
  '<': (args) => buildBetween(args, true),
  '<=': (args) => buildBetween(args, false),
  max: (args) => variadic(args, (values) => Reflect.apply(Math.max, undefined, values)),
  min: (args) => variadic(args, (values) => Reflect.apply(Math.min, undefined, values)),
  '+': (args) =>
    variadic(args, (values) => {
      let sum = 0;
      for (const v of values) sum = parseFloatJs(sum) + parseFloatJs(v);
      return sum;
    }),
  '-': (args) => binary(args, (a, b) => (b === undefined ? -Number(a) : Number(a) - Number(b))),
  '*': (args) =>
    variadic(args, (values) => {
      if (values.length === 0) throw new TypeError('Reduce of empty array with no initial value');
      let product: unknown = values[0];
      for (let i = 1; i < values.length; i += 1) product = parseFloatJs(product) * parseFloatJs(values[i]);
      return product;
    }),
  '/': (args) => binary(args, (a, b) => Number(a) / Number(b)),
  '%': (args) => binary(args, (a, b) => Number(a) % Number(b)),
  map: (args) => scoped(args, (items, logic) => items.map((item) => logic(item)), () => []),
  filter: (args) => scoped(args, (items, logic) => items.filter((item) => truthy(logic(item))), () => []),
  reduce: (args, raw) => {
    const initial = raw.length > 2 && raw[2] !== undefined ? arg(args, 2).fn : () => null;
    const source = arg(args, 0).fn;
    const logic = arg(args, 1).fn;
    return (data) => {
      const items = source(data);
      const init = initial(data);
      if (!Array.isArray(items)) return init;
      let accumulator = init;
      for (const current of items) accumulator = logic({ current, accumulator });
      return accumulator;
    };
  },
  all: (args) => scoped(args, (items, logic) => items.length > 0 && items.every((item) => truthy(logic(item))), () => false),
  none: (args) => scoped(args, (items, logic) => !items.some((item) => truthy(logic(item))), () => true),
  some: (args) => scoped(args, (items, logic) => items.some((item) => truthy(logic(item))), () => false),
  merge: (args) => variadic(args, (values) => mergeOp(values)),
  in: (args, raw) => {
    const set = primitiveSet(raw[1]);
    if (!set || args.length !== 2) return binary(args, inOp);
    // a literal list: a Set answers what indexOf would (strict equality; JSON has no NaN)
    const needle = arg(args, 0).fn;
    return (data) => memberOf(set, needle(data));
  },
  cat: (args) => variadic(args, (values) => values.join('')),
  substr: (args) => {
    const [s, start, end] = [arg(args, 0).fn, arg(args, 1).fn, arg(args, 2).fn];
    return withExtras((data) => substrOp(s(data), start(data), end(data)), args, 3);
  },
  log: (args, _raw, ctx) =>
    unary(args, (a) => {
      ctx.log(a);
      return a;
    }),
};

/** One rule node to a closure; strict mode rejects what json-logic-js would not run. */
function compileNode(node: unknown, path: string, ctx: Context, depth: number): Compiled {
  if (Array.isArray(node)) {
    const items = node.map((item, i) => compileNode(item, joinPath(path, i), ctx, depth + 1));
    if (items.every((c) => c.isConstant)) {
      const values = items.map((c) => c.value);
      return { fn: () => values.slice(), isConstant: false, value: undefined };
    }
    return { fn: (data) => evaluateAll(items, data), isConstant: false, value: undefined };
  }
  if (typeof node !== 'object' || node === null) return constant(node);
  const keys = Object.keys(node);
  if (keys.length !== 1) {
    if (ctx.strict && keys.length > 1) {
      throw new RuleCompileError('RULES_MALFORMED', path, `an operation must have exactly one key, found ${keys.length} (${keys.slice(0, 3).join(', ')})`);
    }
    return { fn: () => node, isConstant: false, value: undefined };
  }
  const op = keys[0] ?? '';
  const opPath = joinPath(path, op);
  const rawValues: unknown = Reflect.get(node, op);
  const raw: unknown[] = Array.isArray(rawValues) ? rawValues : [rawValues];
  const argPath = (i: number): string => (Array.isArray(rawValues) ? joinPath(opPath, i) : opPath);
  const builder = Object.hasOwn(OPS, op) ? OPS[op] : undefined;
  if (!builder) {
    if (ctx.strict) throw new RuleCompileError('RULES_UNKNOWN_OPERATOR', opPath, `unknown operator "${op}"`);
    return { fn: () => { throw new Error(`Unrecognized operation ${op}`); }, isConstant: false, value: undefined };
  }
  const args = raw.map((value, i) => compileNode(value, argPath(i), ctx, depth + 2));
  return { fn: builder(args, raw, ctx, opPath), isConstant: false, value: undefined };
}

/**
 * Compiles a JsonLogic rule to a closure giving exactly json-logic-js 2.0.5's results.
 * Throws {@link RuleCompileError} for unknown operators and malformed, too deep or too large rules.
 */
export function compileRule(rule: unknown, options: CompileRuleOptions = {}): Evaluator {
  const limits: RuleLimits = { ...DEFAULT_LIMITS, ...options.limits };
  validateRuleShape(rule, limits);
  const log = options.log ?? ((value: unknown) => console.log(value));
  const ctx: Context = { strict: true, log };
  const closure = compileNode(rule, '$', ctx, 0).fn;
  if (options.backend === 'closure') return closure;
  if (options.backend === 'codegen') return generateEvaluator(rule, (node) => compileNode(node, '$', ctx, 0).fn) ?? closure;
  // tiered: most compiled rules run a handful of times (a lookup table, one explanation), and
  // generating code costs more than that; hot ones switch to generated code
  let calls = 0;
  let fast: Evaluator | undefined;
  return (data) => {
    if (fast) return fast(data);
    calls += 1;
    if (calls > TIER_UP_CALLS) fast = generateEvaluator(rule, (node) => compileNode(node, '$', ctx, 0).fn) ?? closure;
    return closure(data);
  };
}
