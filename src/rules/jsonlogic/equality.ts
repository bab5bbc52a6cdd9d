/**
 * Deep equality that treats NaN as equal to NaN and tells +0 from -0 (Object.is on leaves);
 * the yardstick for "same result as json-logic-js" in tests and the benchmark.
 */
export function sameValueDeep(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!sameValueDeep(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && sameValueDeep(Reflect.get(a, k), Reflect.get(b, k)));
}

/** The outcome of running a rule: its value, or the fact that it threw. */
export type Outcome = { threw: false; value: unknown } | { threw: true; value: undefined };

/** Runs `fn` and captures its value or the fact that it threw. */
export function outcomeOf(fn: () => unknown): Outcome {
  try {
    return { threw: false, value: fn() };
  } catch {
    return { threw: true, value: undefined };
  }
}

/** Two outcomes agree when both threw or both returned deep-equal values. */
export function sameOutcome(a: Outcome, b: Outcome): boolean {
  return a.threw === b.threw && sameValueDeep(a.value, b.value);
}
