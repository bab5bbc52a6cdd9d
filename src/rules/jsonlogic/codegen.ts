/**
 * Compiles a validated rule to straight-line JavaScript with `new Function`, so V8 sees plain
 * property loads and native operators (whose coercions are exactly json-logic-js's, since it
 * uses the same operators). Only literals (JSON-escaped), property names (JSON-escaped) and
 * fixed operator tokens are ever emitted; anything unusual is delegated to a closure.
 */
import { inOp, memberOf, parseFloatJs, primitiveSet, substrOp, truthy } from './coerce.ts';
import type { Evaluator } from './types.ts';

interface Emitter {
  temps: number;
  helpers: Evaluator[];
  constants: unknown[];
  fallback: (node: unknown) => Evaluator;
}

const INLINE = new Set(['var', 'if', '?:', 'and', 'or', '==', '===', '!=', '!==', '!', '!!', '>', '>=', '<', '<=', '/', '%', '-', '+', 'in', 'substr', 'cat']);
const ARITY: Record<string, number> = { '==': 2, '===': 2, '!=': 2, '!==': 2, '!': 1, '!!': 1, '>': 2, '>=': 2, '/': 2, '%': 2, '-': 2, in: 2, substr: 3 };

/** A value as JavaScript source (JSON-escaped), or a reference to a shared constant. */
function literal(value: unknown, e: Emitter): string {
  if (typeof value === 'number') {
    if (Object.is(value, -0)) return '(-0)';
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '(-Infinity)';
    return `(${String(value)})`;
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value === 'boolean') return String(value);
  e.constants.push(value);
  return `c[${e.constants.length - 1}]`;
}

/** A fresh temporary variable name. */
function temp(e: Emitter): string {
  e.temps += 1;
  return `t${e.temps}`;
}

/** JsonLogic truthiness of an expression's value, as source. */
function truthyOf(expr: string, e: Emitter): string {
  const t = temp(e);
  return `(Array.isArray(${t} = ${expr}) ? ${t}.length !== 0 : !!${t})`;
}

/** Calls the closure-compiled node from generated code. */
function delegate(node: unknown, e: Emitter): string {
  e.helpers.push(e.fallback(node));
  return `f[${e.helpers.length - 1}](d)`;
}

/** `var` as inline property loads when its key and default are constants. */
function emitVar(args: unknown[], node: unknown, e: Emitter): string {
  const [key, fallback] = args;
  const simple = (v: unknown): boolean => v === undefined || v === null || ['string', 'number', 'boolean'].includes(typeof v);
  if (args.length > 2 || !simple(key) || !simple(fallback)) return delegate(node, e);
  if (key === undefined || key === '' || key === null) return 'd';
  const notFound = literal(fallback === undefined ? null : fallback, e);
  const t = temp(e);
  const steps = String(key)
    .split('.')
    .map((part) => `${t} == null ? ${notFound} : (${t} = ${t}[${JSON.stringify(part)}]) === undefined ? ${notFound} : `)
    .join('');
  return `(${t} = d, ${steps}${t})`;
}

/** One node as a JavaScript expression with json-logic-js semantics. */
function emit(node: unknown, e: Emitter): string {
  if (Array.isArray(node)) return `[${node.map((n) => emit(n, e)).join(', ')}]`;
  if (typeof node !== 'object' || node === null) return literal(node, e);
  const keys = Object.keys(node);
  const op = keys[0];
  if (keys.length !== 1 || op === undefined) return literal(node, e);
  const raw: unknown = Reflect.get(node, op);
  const args: unknown[] = Array.isArray(raw) ? raw : [raw];
  if (!INLINE.has(op)) return delegate(node, e);
  const arity = ARITY[op];
  if (arity !== undefined && args.length > arity) return delegate(node, e);
  const a = (i: number): string => (i < args.length ? emit(args[i], e) : 'undefined');
  switch (op) {
    case 'var':
      return emitVar(args, node, e);
    case 'if':
    case '?:': {
      let out = '';
      let i = 0;
      for (; i < args.length - 1; i += 2) out += `${truthyOf(a(i), e)} ? ${a(i + 1)} : `;
      return `(${out}${args.length === i + 1 ? a(i) : 'null'})`;
    }
    case 'and':
    case 'or': {
      if (args.length === 0) return 'undefined';
      let out = a(args.length - 1);
      for (let i = args.length - 2; i >= 0; i -= 1) {
        const t = temp(e);
        const test = `(Array.isArray(${t}) ? ${t}.length !== 0 : !!${t})`;
        out = op === 'and' ? `(${t} = ${a(i)}, ${test} ? ${out} : ${t})` : `(${t} = ${a(i)}, ${test} ? ${t} : ${out})`;
      }
      return out;
    }
    case '==':
    case '===':
    case '!=':
    case '!==':
    case '>':
    case '>=':
    case '/':
    case '%':
      return `(${a(0)} ${op} ${a(1)})`;
    case '!':
      return `!${truthyOf(a(0), e)}`;
    case '!!':
      return truthyOf(a(0), e);
    case '<':
    case '<=': {
      if (args.length <= 2) return `(${a(0)} ${op} ${a(1)})`;
      if (args.length > 3) return delegate(node, e);
      const [x, y, z] = [temp(e), temp(e), temp(e)];
      return `(${x} = ${a(0)}, ${y} = ${a(1)}, ${z} = ${a(2)}, ${z} === undefined ? ${x} ${op} ${y} : ${x} ${op} ${y} && ${y} ${op} ${z})`;
    }
    case '-': {
      if (args.length === 1) return `(-${a(0)})`;
      const [x, y] = [temp(e), temp(e)];
      return `(${x} = ${a(0)}, ${y} = ${a(1)}, ${y} === undefined ? -${x} : ${x} - ${y})`;
    }
    case '+': {
      const t = temp(e);
      const steps = args.map((_, i) => `${t} = pf(${t}) + pf(${a(i)})`);
      return `(${t} = 0${steps.map((s) => `, ${s}`).join('')}, ${t})`;
    }
    case 'in': {
      const set = primitiveSet(args[1]);
      if (!set) return `inOp(${a(0)}, ${a(1)})`;
      e.constants.push(set);
      return `memberOf(c[${e.constants.length - 1}], ${a(0)})`;
    }
    case 'substr':
      return `substr(${a(0)}, ${a(1)}, ${a(2)})`;
    case 'cat':
      return `[${args.map((_, i) => a(i)).join(', ')}].join("")`;
    default:
      return delegate(node, e);
  }
}

/**
 * Generates a function for a rule that compileRule has already validated; `fallback` compiles
 * the sub-rules that are not inlined. Returns undefined where `new Function` is unavailable.
 */
export function generateEvaluator(rule: unknown, fallback: (node: unknown) => Evaluator): Evaluator | undefined {
  const e: Emitter = { temps: 0, helpers: [], constants: [], fallback };
  const body = emit(rule, e);
  const temps = Array.from({ length: e.temps }, (_, i) => `t${i + 1}`);
  const source = `"use strict"; return function rule(d) { ${temps.length > 0 ? `let ${temps.join(', ')};` : ''} return ${body}; };`;
  try {
    const factory: unknown = new Function('f', 'c', 'pf', 'inOp', 'substr', 'truthy', 'memberOf', source);
    if (typeof factory !== 'function') return undefined;
    const made: unknown = factory(e.helpers, e.constants, parseFloatJs, inOp, substrOp, truthy, memberOf);
    if (typeof made !== 'function') return undefined;
    return (data) => made(data);
  } catch {
    return undefined;
  }
}

/** Evaluates many rules on one record at once: `out[k]` = JsonLogic truthiness of rule k. */
export type BatchEvaluator = (data: unknown, out: Uint8Array) => void;

/**
 * Generates one function testing several validated rules on one record (V8 then sees one
 * monomorphic function instead of a megamorphic call per rule). A rule that throws makes the
 * whole batch throw; callers fall back to rule-by-rule evaluation then.
 */
export function generateBatch(rules: readonly unknown[], fallback: (node: unknown) => Evaluator): BatchEvaluator | undefined {
  const e: Emitter = { temps: 0, helpers: [], constants: [], fallback };
  const lines = rules.map((rule, k) => `out[${k}] = ${truthyOf(emit(rule, e), e)} ? 1 : 0;`);
  const temps = Array.from({ length: e.temps }, (_, i) => `t${i + 1}`);
  const source = `"use strict"; return function batch(d, out) { ${temps.length > 0 ? `let ${temps.join(', ')};` : ''} ${lines.join(' ')} };`;
  try {
    const factory: unknown = new Function('f', 'c', 'pf', 'inOp', 'substr', 'truthy', 'memberOf', source);
    if (typeof factory !== 'function') return undefined;
    const made: unknown = factory(e.helpers, e.constants, parseFloatJs, inOp, substrOp, truthy, memberOf);
    if (typeof made !== 'function') return undefined;
    return (data, out) => {
      made(data, out);
    };
  } catch {
    return undefined;
  }
}
