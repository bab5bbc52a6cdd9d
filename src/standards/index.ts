/**
 * National standards as code: pure, versioned, each citing its source. The public surface
 * of `src/standards/`; other folders import from here only.
 */
export {
  CREDIT_CODE_CHARSET,
  CREDIT_CODE_FAILURE_REASONS,
  CREDIT_CODE_VERSION,
  CREDIT_CODE_WEIGHTS,
  REGISTRATION_AUTHORITIES,
  computeCreditCodeCheckChar,
  computeOrganizationCodeCheckChar,
  describeCreditCode,
  isCreditCode,
  makeCreditCode,
  normalizeCreditCode,
  validateCreditCode,
} from './credit-code.ts';
export type { CreditCodeDescription, CreditCodeFailureReason, CreditCodeParts, CreditCodeValidation } from './credit-code.ts';

export {
  INDUSTRIES_VERSION,
  INDUSTRY_LEVELS,
  SIZE_GROUPS,
  SIZE_GROUP_NAMES,
  getIndustry,
  industryAncestors,
  industryContains,
  industryLeaves,
  isIndustryCode,
  listIndustries,
  normalizeIndustryCode,
  resolveSizeGroup,
  sizeGroupOf,
} from './industries.ts';
export type { Industry, IndustryLevel, SizeGroup, SizeGroupResolution } from './industries.ts';

export { SIZE_CLASSES, SIZE_CLASS_NAMES, SIZE_CLASS_VERSION, SIZE_INDICATOR_NAMES, SIZE_STANDARDS, classifySize } from './size-class.ts';
export type { SizeClass, SizeClassReason, SizeClassResult, SizeIndicator, SizeProfile, SizeStandard } from './size-class.ts';

export { ABOVE_SCALE_REVENUE_WAN, ABOVE_SCALE_VERSION, isAboveScale } from './above-scale.ts';
export type { AboveScaleProfile, AboveScaleReason, AboveScaleResult } from './above-scale.ts';

export {
  DIVISIONS_VERSION,
  DIVISION_LEVELS,
  divisionAncestors,
  getDivision,
  getJurisdiction,
  isDivisionCode,
  jurisdictionContains,
  listDivisions,
  listJurisdictions,
  normalizeDivisionCode,
} from './divisions.ts';
export type { Division, DivisionLevel, Jurisdiction, JurisdictionKind } from './divisions.ts';

export { classifyEnterprise } from './enterprise-class.ts';
export type { EnterpriseClass, EnterpriseProfile } from './enterprise-class.ts';
