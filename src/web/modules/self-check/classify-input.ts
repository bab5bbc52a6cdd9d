/** The self-check form's values turned into the body of POST /api/v1/standards/classify. */
import type { ClassifyInput } from '../../api/types.ts';

export type SelfCheckValues = {
  industryCode: string | undefined;
  employees: number | null;
  revenueWan: number | null;
  assetsWan: number | null;
  mainBusinessRevenueWan: number | null;
};

/** Leaves out figures the user did not give: the standard needs only some per industry. */
export function toClassifyInput(values: SelfCheckValues): ClassifyInput {
  const input: ClassifyInput = { industryCode: (values.industryCode ?? '').trim().toUpperCase() };
  if (values.employees !== null && values.employees !== undefined) input.employees = values.employees;
  if (values.revenueWan !== null && values.revenueWan !== undefined) input.revenueWan = values.revenueWan;
  if (values.assetsWan !== null && values.assetsWan !== undefined) input.assetsWan = values.assetsWan;
  if (values.mainBusinessRevenueWan !== null && values.mainBusinessRevenueWan !== undefined)
    input.mainBusinessRevenueWan = values.mainBusinessRevenueWan;
  return input;
}
