/** The calculator form's values and the request body they become (pure). */
import type { PolicyCalculatorInput } from './policy-types.ts';

export type CalculatorValues = {
  divisionCode?: string;
  industryCode?: string;
  foundedOn?: string | null;
  legalEntity?: boolean;
  employees?: number | null;
  revenueWan?: number | null;
  mainBusinessRevenueWan?: number | null;
  assetsWan?: number | null;
  rdExpenseWan?: number | null;
  taxWan?: number | null;
  landMu?: number | null;
  patents?: number | null;
  tags?: string[];
};

const FIGURES = ['employees', 'revenueWan', 'mainBusinessRevenueWan', 'assetsWan', 'rdExpenseWan', 'taxWan', 'landMu', 'patents'] as const;

/** Only the figures typed in are sent; an empty one is unknown, not zero. */
export function toCalculatorBody(values: CalculatorValues): PolicyCalculatorInput {
  const body: PolicyCalculatorInput = {
    divisionCode: values.divisionCode ?? '',
    industryCode: values.industryCode ?? '',
    legalEntity: values.legalEntity ?? true,
    tags: values.tags ?? [],
  };
  if (values.foundedOn) body.foundedOn = values.foundedOn;
  for (const key of FIGURES) {
    const value = values[key];
    if (typeof value === 'number' && Number.isFinite(value)) body[key] = value;
  }
  return body;
}
