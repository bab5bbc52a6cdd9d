import { RuleCompileError, joinPath } from '../errors.ts';

/** Limits a rule must respect before it is compiled. */
export interface RuleLimits {
  /** Deepest nesting of arrays and objects (the root container is depth 1). */
  maxDepth: number;
  /** Longest serialised form, in UTF-16 code units of `JSON.stringify`. */
  maxBytes: number;
}

export const DEFAULT_LIMITS: RuleLimits = { maxDepth: 64, maxBytes: 1_000_000 };

/** Whether an object is a plain JSON object (not a Date, Map, class instance). */
function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Checks that a rule is a JSON value within the depth and size limits, iteratively so
 * that a hostile rule (very deep, cyclic, or a DAG that explodes when serialised) cannot
 * overflow the stack or hang.
 */
export function validateRuleShape(rule: unknown, limits: RuleLimits = DEFAULT_LIMITS): void {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: rule, path: '$', depth: 0 }];
  let bytes = 0;
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) break;
    const { value, path, depth } = item;
    if (value === null || typeof value === 'boolean') {
      bytes += 5;
    } else if (typeof value === 'number') {
      bytes += String(value).length;
    } else if (typeof value === 'string') {
      bytes += value.length + 2;
    } else if (typeof value === 'object') {
      if (depth + 1 > limits.maxDepth) {
        throw new RuleCompileError('RULES_TOO_DEEP', path, `rule nests deeper than ${limits.maxDepth} levels`);
      }
      if (Array.isArray(value)) {
        bytes += 2 + value.length;
        for (let i = value.length - 1; i >= 0; i -= 1) {
          stack.push({ value: value[i], path: joinPath(path, i), depth: depth + 1 });
        }
      } else {
        if (!isPlainObject(value)) {
          throw new RuleCompileError('RULES_NOT_JSON', path, 'rule contains an object that is not plain JSON');
        }
        const keys = Object.keys(value);
        bytes += 2 + keys.length;
        for (let i = keys.length - 1; i >= 0; i -= 1) {
          const key = keys[i] ?? '';
          bytes += key.length + 3;
          stack.push({ value: Reflect.get(value, key), path: joinPath(path, key), depth: depth + 1 });
        }
      }
    } else {
      throw new RuleCompileError('RULES_NOT_JSON', path, `rule contains a ${typeof value}, which is not JSON`);
    }
    if (bytes > limits.maxBytes) {
      throw new RuleCompileError('RULES_TOO_LARGE', '$', `rule is larger than ${limits.maxBytes} bytes when serialised`);
    }
  }
}
