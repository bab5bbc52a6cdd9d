/**
 * Client-side checks that mirror the server's, so most mistakes are shown before a round
 * trip: the 统一社会信用代码 through the same pure standard the server uses (GB 32100-2015
 * with the GB 11714 organisation-code check), and figures that may not be negative.
 */
import { normalizeCreditCode, validateCreditCode } from '../../../standards/credit-code.ts';
import type { CreditCodeFailureReason } from '../../../standards/credit-code.ts';

export { normalizeCreditCode };
export type CreditCodeProblem = CreditCodeFailureReason;

/** What is wrong with a 统一社会信用代码 (an i18n key under `validation.creditCode`), or null. */
export function creditCodeProblem(input: string): CreditCodeProblem | null {
  const result = validateCreditCode(input);
  return result.valid ? null : result.reason;
}

/** A figure that must be a finite number ≥ 0 when given. */
export function isNonNegativeNumber(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
