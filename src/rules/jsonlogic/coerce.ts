/**
 * JavaScript's own coercions, spelled out so that typed code can reproduce exactly what
 * json-logic-js gets from `<`, `+`, `parseFloat` and property access on untyped values.
 */

type Primitive = string | number | boolean | null | undefined | bigint | symbol;

/** JsonLogic truthiness: an empty array is falsy, everything else as in JavaScript. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) return false;
  return !!value;
}

/** Whether a value is a primitive (what ToPrimitive returns as is). */
function isPrimitive(value: unknown): value is Primitive {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

/** ECMAScript ToPrimitive (hint "number" or "default"), as `<` and `+` apply it. */
export function toPrimitive(value: unknown, hint: 'number' | 'default' = 'number'): Primitive {
  if (isPrimitive(value)) return value;
  const exotic: unknown = Reflect.get(Object(value), Symbol.toPrimitive);
  if (typeof exotic === 'function') {
    const result: unknown = Reflect.apply(exotic, value, [hint]);
    if (isPrimitive(result)) return result;
    throw new TypeError('Cannot convert object to primitive value');
  }
  for (const name of ['valueOf', 'toString']) {
    const method: unknown = Reflect.get(Object(value), name);
    if (typeof method === 'function') {
      const result: unknown = Reflect.apply(method, value, []);
      if (isPrimitive(result)) return result;
    }
  }
  throw new TypeError('Cannot convert object to primitive value');
}

/** `a < b` with JavaScript's abstract relational comparison. */
export function lessThan(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  const pa = toPrimitive(a);
  const pb = toPrimitive(b);
  if (typeof pa === 'string' && typeof pb === 'string') return pa < pb;
  return Number(pa) < Number(pb);
}

/** `a <= b` with JavaScript's abstract relational comparison. */
export function lessOrEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a <= b;
  const pa = toPrimitive(a);
  const pb = toPrimitive(b);
  if (typeof pa === 'string' && typeof pb === 'string') return pa <= pb;
  return Number(pa) <= Number(pb);
}

/** `a + b` with JavaScript's string-or-number addition. */
export function jsAdd(a: unknown, b: unknown): string | number {
  const pa = toPrimitive(a, 'default');
  const pb = toPrimitive(b, 'default');
  if (typeof pa === 'string' || typeof pb === 'string') return String(pa) + String(pb);
  return Number(pa) + Number(pb);
}

/** `parseFloat(value)`, with the common number case short-cut (parseFloat(-0) is 0). */
export function parseFloatJs(value: unknown): number {
  if (typeof value === 'number') return value === 0 ? 0 : value;
  return parseFloat(String(value));
}

/** `value[key]` as JavaScript evaluates it on any non-nullish value (strings index by char). */
export function getProperty(value: unknown, key: string): unknown {
  if (typeof value === 'object' && value !== null) return Reflect.get(value, key);
  const boxed: object = Object(value);
  return Reflect.get(boxed, key);
}

/** json-logic-js `var`: dotted path lookup with a default (null when none is given). */
export function lookupVar(data: unknown, key: unknown, fallback: unknown): unknown {
  const notFound = fallback === undefined ? null : fallback;
  if (key === undefined || key === '' || key === null) return data;
  const parts = String(key).split('.');
  return lookupParts(data, parts, notFound);
}

/** The descent of `var` once the key is split into parts. */
export function lookupParts(data: unknown, parts: readonly string[], notFound: unknown): unknown {
  let current = data;
  for (const part of parts) {
    if (current === null || current === undefined) return notFound;
    current = getProperty(current, part);
    if (current === undefined) return notFound;
  }
  return current;
}

/** json-logic-js `in`: membership in an array or substring of a string. */
export function inOp(a: unknown, b: unknown): boolean {
  if (!b) return false;
  if (Array.isArray(b)) return b.indexOf(a) !== -1;
  if (typeof b === 'string') return b.indexOf(String(a)) !== -1;
  const indexOf = getProperty(b, 'indexOf');
  if (typeof indexOf === 'undefined') return false;
  // json-logic-js calls it whatever it is; a non-function throws there, so here too
  if (typeof indexOf !== 'function') throw new TypeError('b.indexOf is not a function');
  const found: unknown = Reflect.apply(indexOf, b, [a]);
  return found !== -1;
}

/** json-logic-js `substr`, including its PHP-like negative length. */
export function substrOp(source: unknown, start: unknown, end: unknown): string {
  const text = String(source);
  if (lessThan(end, 0)) {
    const temp = text.substr(Number(start));
    return temp.substr(0, Number(jsAdd(temp.length, end)));
  }
  return end === undefined ? text.substr(Number(start)) : text.substr(Number(start), Number(end));
}

/** json-logic-js `merge`: concatenates arrays, wrapping non-arrays. */
export function mergeOp(values: readonly unknown[]): unknown[] {
  let result: unknown[] = [];
  for (const value of values) result = result.concat(value);
  return result;
}

/** The members of a literal array of JSON scalars, or undefined if it holds anything else. */
export function primitiveSet(value: unknown): Set<unknown> | undefined {
  if (!Array.isArray(value) || value.length < 8) return undefined;
  const scalar = (v: unknown): boolean => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && !Number.isNaN(v));
  return value.every(scalar) ? new Set(value) : undefined;
}

/** `in` on a literal list: an object never equals a freshly built list's members. */
export function memberOf(set: Set<unknown>, value: unknown): boolean {
  return (typeof value !== 'object' || value === null) && set.has(value);
}
