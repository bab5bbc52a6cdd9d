/** Conversions between the enterprise form, the API's detail and its write bodies. */
import { ApiError } from '../../api/client.ts';
import { fieldIssues } from '../../api/http.ts';
import type { EnterpriseDetail, EnterpriseInput } from '../../api/types.ts';

/** What the form holds; dates as `YYYY-MM-DD` strings (the picker converts at its edge). */
export type EnterpriseFormValues = {
  creditCode: string;
  name: string;
  divisionCode: string | undefined;
  industryCode: string | undefined;
  employees: number | null;
  revenueWan: number | null;
  assetsWan: number | null;
  mainBusinessRevenueWan: number | null;
  foundedOn: string | null;
  tags: string[];
  address: string;
  legalRepresentative: string;
  contactName: string;
  contactPhone: string;
};

export const EMPTY_ENTERPRISE_FORM: EnterpriseFormValues = {
  creditCode: '',
  name: '',
  divisionCode: undefined,
  industryCode: undefined,
  employees: null,
  revenueWan: null,
  assetsWan: null,
  mainBusinessRevenueWan: null,
  foundedOn: null,
  tags: [],
  address: '',
  legalRepresentative: '',
  contactName: '',
  contactPhone: '',
};

export function toFormValues(detail: EnterpriseDetail): EnterpriseFormValues {
  return {
    creditCode: detail.creditCode,
    name: detail.name,
    divisionCode: detail.divisionCode,
    industryCode: detail.industryCode,
    employees: detail.employees,
    revenueWan: detail.revenueWan,
    assetsWan: detail.assetsWan,
    mainBusinessRevenueWan: detail.mainBusinessRevenueWan,
    foundedOn: detail.foundedOn,
    tags: [...detail.tags],
    address: detail.address ?? '',
    legalRepresentative: detail.legalRepresentative ?? '',
    contactName: detail.contactName ?? '',
    contactPhone: detail.contactPhone ?? '',
  };
}

const text = (value: string | undefined | null): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/** The body of POST /api/v1/enterprises (the form has already checked required fields). */
export function toEnterpriseInput(values: EnterpriseFormValues): EnterpriseInput {
  return {
    creditCode: values.creditCode.trim(),
    name: values.name.trim(),
    divisionCode: values.divisionCode ?? '',
    industryCode: values.industryCode ?? '',
    employees: values.employees ?? 0,
    revenueWan: values.revenueWan ?? 0,
    assetsWan: values.assetsWan ?? 0,
    mainBusinessRevenueWan: values.mainBusinessRevenueWan,
    foundedOn: values.foundedOn,
    tags: values.tags,
    address: text(values.address),
    legalRepresentative: text(values.legalRepresentative),
    contactName: text(values.contactName),
    contactPhone: text(values.contactPhone),
  };
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return (a ?? null) === (b ?? null);
}

/**
 * The PATCH body: only the fields that changed, plus `version` for optimistic locking.
 * A masked phone left as it was is therefore never sent back.
 */
export function toEnterprisePatch(
  initial: EnterpriseFormValues,
  values: EnterpriseFormValues,
  version: number,
): Partial<EnterpriseInput> & { version: number } {
  const before = toEnterpriseInput(initial);
  const after = toEnterpriseInput(values);
  const patch: Partial<EnterpriseInput> & { version: number } = { version };
  for (const key of Object.keys(after) as (keyof EnterpriseInput)[]) {
    if (!same(before[key], after[key])) Object.assign(patch, { [key]: after[key] });
  }
  return patch;
}

const FORM_FIELDS: readonly (keyof EnterpriseFormValues)[] = [
  'creditCode',
  'name',
  'divisionCode',
  'industryCode',
  'employees',
  'revenueWan',
  'assetsWan',
  'mainBusinessRevenueWan',
  'foundedOn',
  'tags',
  'address',
  'legalRepresentative',
  'contactName',
  'contactPhone',
];

function formField(path: string): keyof EnterpriseFormValues | null {
  const head = path.split('.')[0] ?? '';
  return FORM_FIELDS.find((f) => f === head) ?? null;
}

/**
 * The server's complaints per form field (`details.issues` of VALIDATION_FAILED, or a
 * taken credit code), or null when the error is about no field of the form.
 */
export function serverFieldErrors(error: unknown): { name: keyof EnterpriseFormValues; errors: string[] }[] | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'ENTERPRISE_CREDIT_CODE_TAKEN') return [{ name: 'creditCode', errors: [error.message] }];
  const byField = new Map<keyof EnterpriseFormValues, string[]>();
  for (const issue of fieldIssues(error.details)) {
    const field = formField(issue.path);
    if (field) byField.set(field, [...(byField.get(field) ?? []), issue.message]);
  }
  return byField.size > 0 ? [...byField].map(([name, errors]) => ({ name, errors })) : null;
}
