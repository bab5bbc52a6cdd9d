/**
 * The registry fields an eligibility rule (奖补事项的申报条件) may name, with units and labels in
 * Chinese and English, and the mapping from an enterprise as the registry returns it to the record a rule sees.
 */
import { defineSchema } from '../../rules/index.ts';
import type { FieldSpec, Schema } from '../../rules/index.ts';
import { SIZE_CLASSES, getDivision, getIndustry, getJurisdiction } from '../../standards/index.ts';
import { ENTERPRISE_TAGS } from '../enterprises/index.ts';

/**
 * A division code a rule names, in words: `金水区 (410105)`, a street with its district
 * (`金水区东风路街道 (410105010)`, street names repeat across districts), a prefix as its division
 * (`郑州市 (4101)`); a Gaodi-local jurisdiction code by name only (`郑东新区`: the code means nothing to a reader).
 */
function describeDivisionValue(code: string): string | undefined {
  const division = getDivision(code);
  if (division) {
    const county = division.level === 'township' && division.parent ? (getDivision(division.parent)?.name ?? '') : '';
    return `${county}${division.name} (${code})`;
  }
  return getJurisdiction(code)?.name;
}

/** A GB/T 4754-2017 code a rule names, with its name as the standard prints it: `C36 汽车制造业`. */
function describeIndustryValue(code: string): string | undefined {
  const industry = getIndustry(code);
  return industry ? `${code} ${industry.name}` : undefined;
}

/** Size classes of sme-size@2011 as 中小企业划型标准规定 names them. */
const SIZE_CLASS_NAMES: Record<string, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };

function describeSizeClass(code: string): string | undefined {
  return SIZE_CLASS_NAMES[code];
}

/**
 * The field schema of policy rules. Figures are the registry's latest yearly figures (the report
 * year); codes are GB/T 2260 (division) and GB/T 4754-2017 (industry), named in rules in words and
 * explanations; tags are ENTERPRISE_TAGS.
 */
export const POLICY_FIELDS = defineSchema({
  fields: {
    employees: { type: 'integer', unit: '人', label: '从业人员' },
    revenueWan: { type: 'number', unit: '万元', label: '营业收入' },
    mainBusinessRevenueWan: { type: 'number', unit: '万元', label: '主营业务收入' },
    assetsWan: { type: 'number', unit: '万元', label: '资产总额' },
    rdExpenseWan: { type: 'number', unit: '万元', label: '研发费用' },
    taxWan: { type: 'number', unit: '万元', label: '税收' },
    landMu: { type: 'number', unit: '亩', label: '用地' },
    energyTce: { type: 'number', unit: '吨标准煤', label: '综合能耗' },
    patents: { type: 'integer', unit: '件', label: '有效专利' },
    exportWan: { type: 'number', unit: '万元', label: '出口额' },
    foundedYear: { type: 'integer', unit: '年', label: '成立年份' },
    ageYears: { type: 'integer', unit: '年', label: '成立年限' },
    divisionCode: { type: 'code', label: '行政区划 (GB/T 2260, 街道/乡镇或县级)', describeValue: describeDivisionValue },
    countyCode: { type: 'code', label: '所在县级区划 (GB/T 2260 前6位)', describeValue: describeDivisionValue },
    industryCode: { type: 'code', label: '行业小类 (GB/T 4754-2017, 如 C3670)', describeValue: describeIndustryValue },
    industrySection: { type: 'code', label: '行业门类 (如 C 制造业)', describeValue: describeIndustryValue },
    industryDivision: { type: 'code', label: '行业大类 (如 C36)', describeValue: describeIndustryValue },
    industryGroup: { type: 'code', label: '行业中类 (如 C367)', describeValue: describeIndustryValue },
    sizeClass: { type: 'code', label: '企业规模 (大/中/小/微, sme-size@2011)', values: SIZE_CLASSES, describeValue: describeSizeClass },
    aboveScale: { type: 'boolean', label: '规上工业企业 (above-scale@2011)' },
    legalEntity: { type: 'boolean', label: '独立法人' },
    tags: { type: 'tags', label: '资质与状态标签', values: ENTERPRISE_TAGS },
  },
});

/** Names of the fields a policy rule may read. */
export type PolicyField = keyof typeof POLICY_FIELDS.fields;

/** The languages field labels are given in (the app's UI languages). */
export type FieldLabelLocale = 'zh-CN' | 'en-US';

/** The English label and unit of every rule field (the schema's own are Chinese). */
export const POLICY_FIELD_LABELS_EN: Readonly<Record<PolicyField, { label: string; unit?: string }>> = {
  employees: { label: 'Employees', unit: 'people' },
  revenueWan: { label: 'Revenue', unit: '10k CNY' },
  mainBusinessRevenueWan: { label: 'Main business revenue', unit: '10k CNY' },
  assetsWan: { label: 'Total assets', unit: '10k CNY' },
  rdExpenseWan: { label: 'R&D expenses', unit: '10k CNY' },
  taxWan: { label: 'Taxes paid', unit: '10k CNY' },
  landMu: { label: 'Land', unit: 'mu' },
  energyTce: { label: 'Energy consumption', unit: 'tce' },
  patents: { label: 'Valid patents', unit: 'patents' },
  exportWan: { label: 'Exports', unit: '10k CNY' },
  foundedYear: { label: 'Year founded', unit: 'year' },
  ageYears: { label: 'Years since founding', unit: 'years' },
  divisionCode: { label: 'Division (GB/T 2260, street or county)' },
  countyCode: { label: 'County-level division (GB/T 2260, first 6 digits)' },
  industryCode: { label: 'Industry class (GB/T 4754-2017, e.g. C3670)' },
  industrySection: { label: 'Industry section (e.g. C manufacturing)' },
  industryDivision: { label: 'Industry division (e.g. C36)' },
  industryGroup: { label: 'Industry group (e.g. C367)' },
  sizeClass: { label: 'Size class (large/medium/small/micro, sme-size@2011)' },
  aboveScale: { label: 'Above-scale industrial enterprise (above-scale@2011)' },
  legalEntity: { label: 'Independent legal entity' },
  tags: { label: 'Qualification and status tags' },
};

const SPECS: Readonly<Record<string, FieldSpec>> = POLICY_FIELDS.fields;
const LABELS_EN: Readonly<Record<string, { label: string; unit?: string }>> = POLICY_FIELD_LABELS_EN;

// Division and industry names exist in Chinese only, and English text carries no Chinese: codes stay as written.
const POLICY_FIELDS_EN = defineSchema({
  fields: Object.fromEntries(
    Object.entries(SPECS).map(([name, spec]) => {
      const { unit: _unit, describeValue: _describeValue, ...rest } = spec;
      const en = LABELS_EN[name];
      return [name, { ...rest, label: en?.label ?? spec.label, ...(en?.unit ? { unit: en.unit } : {}) }];
    }),
  ),
});

/**
 * The field schema with labels and units in a UI language, for rules in words and explanations
 * (`研发费用 (万元) ≥ 100` or `R&D expenses (10k CNY) ≥ 100`); types and values are the same.
 * Division and industry codes are named in Chinese only (`所在县级区划 = 金水区 (410105)`).
 */
export function policyFieldsIn(locale: FieldLabelLocale): Schema {
  return locale === 'en-US' ? POLICY_FIELDS_EN : POLICY_FIELDS;
}

/** One field as the public catalogue lists it: type, allowed values, and its label and unit in both languages. */
export type PolicyFieldDescription = { name: string; type: string; label: string | null; labelEn: string | null; unit: string | null; unitEn: string | null; values: string[] | null };

/** Every rule field with its labels and units in Chinese and English. */
export function describePolicyFields(): PolicyFieldDescription[] {
  return Object.entries(SPECS).map(([name, spec]) => {
    const en = LABELS_EN[name];
    return { name, type: spec.type, label: spec.label ?? null, labelEn: en?.label ?? null, unit: spec.unit ?? null, unitEn: en?.unit ?? null, values: spec.values ? [...spec.values] : null };
  });
}

/** An enterprise as the registry returns it (the detail shape); only these fields are read. */
export interface RegistryEnterprise {
  id: string;
  divisionCode: string;
  industryCode: string;
  foundedOn: string | null;
  legalEntity: boolean;
  employees: number | null;
  revenueWan: number | null;
  mainBusinessRevenueWan: number | null;
  assetsWan: number | null;
  rdExpenseWan: number | null;
  taxWan: number | null;
  landMu: number | null;
  energyTce: number | null;
  patents: number | null;
  exportWan: number | null;
  sizeClass: (typeof SIZE_CLASSES)[number] | null;
  aboveScale: boolean;
  tags: readonly string[];
}

/** The record one rule sees for one enterprise: every schema field, null when unknown. */
export type RuleRow = {
  employees: number | null;
  revenueWan: number | null;
  mainBusinessRevenueWan: number | null;
  assetsWan: number | null;
  rdExpenseWan: number | null;
  taxWan: number | null;
  landMu: number | null;
  energyTce: number | null;
  patents: number | null;
  exportWan: number | null;
  foundedYear: number | null;
  ageYears: number | null;
  divisionCode: string;
  countyCode: string | null;
  industryCode: string;
  industrySection: string | null;
  industryDivision: string | null;
  industryGroup: string | null;
  sizeClass: string | null;
  aboveScale: boolean;
  legalEntity: boolean;
  tags: string[];
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(value: string | null): { year: number; month: number; day: number } | null {
  const m = value === null ? null : ISO_DATE.exec(value);
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/**
 * Full years from `foundedOn` to `asOf` (both `YYYY-MM-DD`): the count of anniversaries passed, so
 * a firm founded 2020-06-30 is 3 on 2024-06-29 and 4 on 2024-06-30. Null when either date is
 * missing or malformed, or when `asOf` is before the founding date.
 */
export function fullYearsBetween(foundedOn: string | null, asOf: string): number | null {
  const from = parseDate(foundedOn);
  const to = parseDate(asOf);
  if (!from || !to) return null;
  let years = to.year - from.year;
  if (to.month < from.month || (to.month === from.month && to.day < from.day)) years -= 1;
  return years < 0 ? null : years;
}

function finite(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * Maps an enterprise row to the data a rule sees. `asOf` (`YYYY-MM-DD`, the day the match is
 * asked for) fixes `ageYears`; the industry levels are prefixes of the class code (C3670 → C,
 * C36, C367) and `countyCode` is the first six digits of the division code.
 */
export function toRuleRow(enterprise: RegistryEnterprise, options: { asOf: string }): RuleRow {
  const industry = enterprise.industryCode.trim().toUpperCase();
  const hasSection = /^[A-T]\d{2,4}$/.test(industry);
  const founded = parseDate(enterprise.foundedOn);
  return {
    employees: finite(enterprise.employees),
    revenueWan: finite(enterprise.revenueWan),
    mainBusinessRevenueWan: finite(enterprise.mainBusinessRevenueWan),
    assetsWan: finite(enterprise.assetsWan),
    rdExpenseWan: finite(enterprise.rdExpenseWan),
    taxWan: finite(enterprise.taxWan),
    landMu: finite(enterprise.landMu),
    energyTce: finite(enterprise.energyTce),
    patents: finite(enterprise.patents),
    exportWan: finite(enterprise.exportWan),
    foundedYear: founded ? founded.year : null,
    ageYears: fullYearsBetween(enterprise.foundedOn, options.asOf),
    divisionCode: enterprise.divisionCode,
    countyCode: enterprise.divisionCode.length >= 6 ? enterprise.divisionCode.slice(0, 6) : null,
    industryCode: industry,
    industrySection: hasSection ? industry.slice(0, 1) : null,
    industryDivision: hasSection && industry.length >= 3 ? industry.slice(0, 3) : null,
    industryGroup: hasSection && industry.length >= 4 ? industry.slice(0, 4) : null,
    sizeClass: enterprise.sizeClass,
    aboveScale: enterprise.aboveScale,
    legalEntity: enterprise.legalEntity,
    tags: [...enterprise.tags],
  };
}
