import { compileRule } from './jsonlogic/compile.ts';
import type { CompileRuleOptions, Evaluator } from './jsonlogic/compile.ts';
import { truthy } from './jsonlogic/coerce.ts';
import { checkRule } from './schema/check.ts';
import type { Schema } from './schema/schema.ts';

/** A rule compiled against a schema: the closure, the fields it reads, and the rule itself. */
export interface CompiledRule {
  readonly rule: unknown;
  readonly schema: Schema;
  /** Top-level field names the rule reads through `var`. */
  readonly fields: readonly string[];
  /** The JsonLogic value of the rule for one record. */
  readonly evaluate: Evaluator;
  /** Whether the record is eligible: JsonLogic truthiness of `evaluate`. */
  readonly matches: (data: unknown) => boolean;
}

/** Options of {@link compile}. */
export interface CompileOptions extends CompileRuleOptions {
  /** Reject mixed types and unlisted tag values (default true); unknown field names are always rejected. */
  checkTypes?: boolean;
}

/**
 * Compiles a rule and checks it against a schema (unknown fields, mixed types); evaluation
 * keeps plain JsonLogic semantics. Throws RuleCompileError with a path.
 */
export function compile(rule: unknown, schema: Schema, options: CompileOptions = {}): CompiledRule {
  const evaluate = compileRule(rule, options);
  const fields = checkRule(rule, schema, { checkTypes: options.checkTypes ?? true });
  return { rule, schema, fields, evaluate, matches: (data) => truthy(evaluate(data)) };
}
