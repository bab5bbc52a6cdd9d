/** The ten yearly figures, in the order the table and the form show them. */
export const INDICATOR_FIELDS = [
  'revenueWan',
  'mainBusinessRevenueWan',
  'assetsWan',
  'employees',
  'rdExpenseWan',
  'taxWan',
  'landMu',
  'energyTce',
  'patents',
  'exportWan',
] as const;
export type IndicatorField = (typeof INDICATOR_FIELDS)[number];

/** The body of PUT …/indicators/:year: every figure present, empty ones as null. */
export function toIndicatorBody(values: Partial<Record<IndicatorField, number | null | undefined>>): Record<IndicatorField, number | null> {
  const body = {} as Record<IndicatorField, number | null>;
  for (const field of INDICATOR_FIELDS) {
    const v = values[field];
    body[field] = typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  return body;
}

/** The year a new row is for by default: the one after the newest on record, but not past last year. */
export function nextIndicatorYear(years: number[], today = new Date()): number {
  const lastYear = today.getFullYear() - 1;
  if (years.length === 0) return lastYear;
  return Math.min(Math.max(...years) + 1, lastYear);
}
