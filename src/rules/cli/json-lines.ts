import { compile } from '../compile.ts';
import { RuleCompileError } from '../errors.ts';
import { explain } from '../explain/explain.ts';
import { compileRule } from '../jsonlogic/compile.ts';
import { defineSchema, FIELD_TYPES } from '../schema/schema.ts';
import type { FieldSpec, Schema } from '../schema/schema.ts';

/** What `gaodi rules` does with each line. */
export type LineMode = 'eval' | 'explain';

/** Options of {@link processLine}. */
export interface LineOptions {
  /** Where the `log` operator writes (never stdout, which carries the answers). */
  log?: (value: unknown) => void;
}

/** Whether a parsed JSON value is an object (not null, not an array). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The optional `schema` of a line as a checked Schema. */
function schemaOf(value: unknown): Schema | undefined {
  if (value === undefined) return undefined;
  const fields = isRecord(value) ? value['fields'] : undefined;
  if (!isRecord(fields)) throw new Error('"schema" must be {"fields": {...}}');
  const specs: Record<string, FieldSpec> = {};
  for (const [name, spec] of Object.entries(fields)) {
    const type = isRecord(spec) ? spec['type'] : undefined;
    const known = FIELD_TYPES.find((t) => t === type);
    if (!isRecord(spec) || !known) throw new Error(`schema field "${name}" needs a "type" among ${FIELD_TYPES.join(', ')}`);
    const text = (key: string): string | undefined => (typeof spec[key] === 'string' ? String(spec[key]) : undefined);
    const values = Array.isArray(spec['values']) ? spec['values'].map(String) : undefined;
    specs[name] = { type: known, unit: text('unit'), label: text('label'), values };
  }
  return defineSchema({ fields: specs });
}

/** The text of an error line: the code first for rule errors. */
function message(error: unknown): string {
  if (error instanceof RuleCompileError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Answers one JSON line `{"rule":…,"data":…[,"schema":…]}` with one JSON line:
 * `{"result":…}` / `{"explanation":…}`, or `{"error":"…"}`; blank lines give undefined.
 * JSON has no NaN, Infinity or undefined: those results print as null.
 */
export function processLine(mode: LineMode, line: string, options: LineOptions = {}): string | undefined {
  if (line.trim() === '') return undefined;
  try {
    let input: unknown;
    try {
      input = JSON.parse(line);
    } catch (error) {
      throw new Error(`not JSON: ${message(error)}`);
    }
    if (!isRecord(input) || !('rule' in input)) throw new Error('expected an object {"rule":…,"data":…}');
    const schema = schemaOf(input['schema']);
    const data = input['data'];
    const compileOptions = { log: options.log ?? ((v: unknown) => console.error(JSON.stringify(v))) };
    if (mode === 'eval') {
      const evaluate = schema ? compile(input['rule'], schema, compileOptions).evaluate : compileRule(input['rule'], compileOptions);
      return JSON.stringify({ result: evaluate(data) ?? null });
    }
    if (schema) compile(input['rule'], schema, compileOptions);
    return JSON.stringify({ explanation: explain(input['rule'], data, schema) });
  } catch (error) {
    return JSON.stringify({ error: message(error) });
  }
}
