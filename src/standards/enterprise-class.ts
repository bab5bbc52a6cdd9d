/**
 * The derived classification of an enterprise in one call: size class (sme-size@2011) and
 * 规上 status (above-scale@2011), as stored on enterprise rows and printed by `gaodi classify`.
 */
import { type AboveScaleReason, isAboveScale } from './above-scale.ts';
import type { SizeGroup } from './industries.ts';
import { type SizeClass, type SizeClassReason, classifySize } from './size-class.ts';

export type EnterpriseProfile = {
  /** GB/T 4754-2017 code at any level, with or without the section letter. */
  industryCode: string;
  employees?: number | null;
  revenueWan?: number | null;
  assetsWan?: number | null;
  mainBusinessRevenueWan?: number | null;
  legalEntity?: boolean | null;
};

export type EnterpriseClass = {
  sizeClass: SizeClass | null;
  /** Why `sizeClass` is null. */
  sizeClassReason?: SizeClassReason;
  /** Human message for `sizeClassReason` (zh-CN / English). */
  sizeClassMessage?: string;
  sizeGroup: SizeGroup | null;
  aboveScale: boolean;
  /** Why `aboveScale` is false. */
  aboveScaleReason?: AboveScaleReason;
  versions: { sizeClass: 'sme-size@2011'; aboveScale: 'above-scale@2011' };
};

/**
 * Size class per 工信部联企业〔2011〕300号 (scope 国统字〔2017〕213号) and 规模以上工业 status
 * (国家统计局, 主营业务收入 ≥ 2000 万元) of one enterprise, with the reason for each negative answer.
 */
export function classifyEnterprise(profile: EnterpriseProfile): EnterpriseClass {
  const size = classifySize(profile);
  const above = isAboveScale(profile);
  const out: EnterpriseClass = {
    sizeClass: size.sizeClass,
    sizeGroup: size.group,
    aboveScale: above.aboveScale,
    versions: { sizeClass: size.version, aboveScale: above.version },
  };
  if (size.sizeClass === null) {
    out.sizeClassReason = size.reason;
    out.sizeClassMessage = size.message;
  }
  if (above.reason !== undefined) out.aboveScaleReason = above.reason;
  return out;
}
