/**
 * The rules engine: exact JsonLogic compiled to closures, checked against a field schema,
 * matched over a columnar snapshot, and explained. Pure: no I/O, no server imports.
 */
export { compileRule, JSONLOGIC_OPERATORS } from './jsonlogic/compile.ts';
export type { CompileRuleOptions, Evaluator } from './jsonlogic/compile.ts';
export { truthy } from './jsonlogic/coerce.ts';
export { RuleCompileError, RULE_ERROR_CODES } from './errors.ts';
export type { RuleErrorCode } from './errors.ts';
export { compile } from './compile.ts';
export type { CompiledRule, CompileOptions } from './compile.ts';
export { defineSchema, FIELD_TYPES } from './schema/schema.ts';
export type { FieldSpec, FieldType, Schema } from './schema/schema.ts';
export { createSnapshot } from './columnar/snapshot.ts';
export type { Column, Snapshot, SnapshotOptions } from './columnar/snapshot.ts';
export { createMatcher } from './columnar/matcher.ts';
export type { Matcher, MatcherOptions, MatcherRule } from './columnar/matcher.ts';
export { hasBit, popcount, toRows, forEachBit } from './columnar/bitset.ts';
export type { Bitset } from './columnar/bitset.ts';
export { explain, describeRule } from './explain/explain.ts';
export type { Explanation } from './explain/explain.ts';
export { findNearMisses } from './explain/near-miss.ts';
export type { NearMiss, NearMissOptions } from './explain/near-miss.ts';
