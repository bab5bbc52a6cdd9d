/** Error codes a rule can be rejected with; each has an i18n key `errors.<CODE>`. */
export const RULE_ERROR_CODES = [
  'RULES_NOT_JSON',
  'RULES_MALFORMED',
  'RULES_UNKNOWN_OPERATOR',
  'RULES_TOO_DEEP',
  'RULES_TOO_LARGE',
  'RULES_UNKNOWN_FIELD',
  'RULES_TYPE_MISMATCH',
  'RULES_UNKNOWN_VALUE',
  'RULES_BAD_SCHEMA',
] as const;

export type RuleErrorCode = (typeof RULE_ERROR_CODES)[number];

/** A rule rejected at compile time: `code` says what, `path` (e.g. `$.and[1][">="][0]`) says where. */
export class RuleCompileError extends Error {
  readonly code: RuleErrorCode;
  readonly path: string;

  constructor(code: RuleErrorCode, path: string, message: string) {
    super(`${message} at ${path}`);
    this.name = 'RuleCompileError';
    this.code = code;
    this.path = path;
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends an object key or an array index to a JSON path (`$` is the root). */
export function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
