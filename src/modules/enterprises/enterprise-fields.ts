import {
  classifySize, getDivision, getIndustry, isAboveScale, normalizeIndustryCode, validateCreditCode,
} from '../../standards/index.ts';
import { scopeContainsDivision, type Scope } from '../../server/actor.ts';
import { ENTERPRISE_TAGS } from './enterprises.constants.ts';
import type { EnterpriseInsert } from './enterprises.repository.ts';
import { searchTokensFor } from './search-tokens.ts';

/** A problem with one field, as an i18n key under `rows.` with its parameters. */
export type FieldProblem = { field: string; code: string; params?: Record<string, string | number> };

export type EnterpriseFields = {
  creditCode?: string | undefined;
  name?: string | undefined;
  divisionCode?: string | undefined;
  industryCode?: string | undefined;
  tags?: string[] | undefined;
};

const TAGS = new Set<string>(ENTERPRISE_TAGS);

/**
 * Checks and normalises the coded fields of an enterprise (credit code, division, industry,
 * tags) — the one validation path shared by the API, the forms and the import.
 */
export function checkCodedFields(input: EnterpriseFields, scope: Scope): { values: EnterpriseFields; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const values: EnterpriseFields = { ...input };
  if (input.creditCode !== undefined) {
    const result = validateCreditCode(input.creditCode);
    if (result.valid) values.creditCode = result.code;
    else problems.push({ field: 'creditCode', code: 'CREDIT_CODE_INVALID', params: { reason: result.reason } });
  }
  if (input.divisionCode !== undefined) {
    const division = getDivision(input.divisionCode.trim());
    if (!division || division.level === 'province' || division.level === 'city') problems.push({ field: 'divisionCode', code: 'DIVISION_UNKNOWN' });
    else if (scope.kind !== 'enterprise' && !scopeContainsDivision(scope, division.code)) problems.push({ field: 'divisionCode', code: 'DIVISION_OUT_OF_SCOPE' });
    else values.divisionCode = division.code;
  }
  if (input.industryCode !== undefined) {
    const code = normalizeIndustryCode(input.industryCode);
    if (!code || !getIndustry(code)) problems.push({ field: 'industryCode', code: 'INDUSTRY_UNKNOWN' });
    else values.industryCode = code;
  }
  if (input.tags !== undefined) {
    const unknown = input.tags.find((t) => !TAGS.has(t));
    if (unknown) problems.push({ field: 'tags', code: 'TAG_UNKNOWN', params: { tag: unknown } });
    else values.tags = [...new Set(input.tags)];
  }
  return { values, problems };
}

type DerivationInput = Pick<EnterpriseInsert, 'industryCode' | 'employees' | 'revenueWan' | 'assetsWan' | 'mainBusinessRevenueWan' | 'legalEntity' | 'name'>;

/** Size class (sme-size@2011), 规上 status (above-scale@2011) and search tokens, recomputed on every write. */
export function deriveFields(row: DerivationInput): { sizeClass: EnterpriseInsert['sizeClass']; aboveScale: boolean; searchTokens: string[]; nameInitials: string; sizeClassReason: string | null } {
  const size = classifySize({ industryCode: row.industryCode, employees: row.employees ?? null, revenueWan: row.revenueWan ?? null, assetsWan: row.assetsWan ?? null });
  const above = isAboveScale({ industryCode: row.industryCode, mainBusinessRevenueWan: row.mainBusinessRevenueWan ?? row.revenueWan ?? null, legalEntity: row.legalEntity ?? true });
  const { tokens, initials } = searchTokensFor(row.name);
  return {
    sizeClass: size.sizeClass,
    sizeClassReason: size.sizeClass === null ? size.message : null,
    aboveScale: above.aboveScale,
    searchTokens: tokens,
    nameInitials: initials,
  };
}

/** 138****1234 and 张* : personal data as shown to roles that may not read it. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  if (phone.length <= 4) return '*'.repeat(phone.length);
  if (phone.length < 8) return `${phone.slice(0, 1)}${'*'.repeat(phone.length - 3)}${phone.slice(-2)}`;
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

export function maskName(name: string | null): string | null {
  if (!name) return name;
  const chars = Array.from(name);
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}
