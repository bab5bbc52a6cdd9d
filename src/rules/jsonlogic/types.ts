/** A compiled rule: evaluates against one data object, exactly like json-logic-js 2.0.5. */
export type Evaluator = (data: unknown) => unknown;
