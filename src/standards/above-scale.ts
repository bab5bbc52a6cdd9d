/**
 * 规模以上工业企业 (industrial enterprises above designated size): since 2011 the National
 * Bureau of Statistics (国家统计局) counts industrial legal-entity enterprises with annual
 * 主营业务收入 of 2000 万元 or more (GB/T 4754-2017 sections B 采矿业, C 制造业, D 电力、热力、燃气及水).
 */
import { normalizeIndustryCode } from './industries.ts';

export const ABOVE_SCALE_VERSION = 'above-scale@2011' as const;

/** 主营业务收入 threshold in 万元 (inclusive). */
export const ABOVE_SCALE_REVENUE_WAN = 2000;

const INDUSTRIAL_SECTIONS = new Set(['B', 'C', 'D']);

export type AboveScaleProfile = {
  /** GB/T 4754-2017 code at any level, with or without the section letter. */
  industryCode: string;
  /** 主营业务收入 in 万元; when absent, 营业收入 (`revenueWan`) is used, as NBS has done since the 2019 reports. */
  mainBusinessRevenueWan?: number | null;
  revenueWan?: number | null;
  /** Whether the enterprise is a legal entity (法人); defaults to true, as registry entries are 企业法人 unless marked. */
  legalEntity?: boolean | null;
};

export type AboveScaleReason =
  | 'unknown-industry'
  | 'not-industrial'
  | 'not-legal-entity'
  | 'missing-revenue'
  | 'invalid-revenue'
  | 'below-threshold';

export type AboveScaleResult = { aboveScale: boolean; version: typeof ABOVE_SCALE_VERSION; reason?: AboveScaleReason };

/**
 * Whether an enterprise is 规模以上工业 (`above-scale@2011`): an industrial (B, C, D) legal
 * entity with 主营业务收入 ≥ 2000 万元. When false, `reason` says why (not industrial, below
 * the threshold, revenue missing or negative, unknown industry code, not a legal entity).
 */
export function isAboveScale(profile: AboveScaleProfile): AboveScaleResult {
  const code = normalizeIndustryCode(profile.industryCode);
  if (code === null) return { aboveScale: false, version: ABOVE_SCALE_VERSION, reason: 'unknown-industry' };
  if (!INDUSTRIAL_SECTIONS.has(code.charAt(0))) return { aboveScale: false, version: ABOVE_SCALE_VERSION, reason: 'not-industrial' };
  if (profile.legalEntity === false) return { aboveScale: false, version: ABOVE_SCALE_VERSION, reason: 'not-legal-entity' };
  const revenue = profile.mainBusinessRevenueWan ?? profile.revenueWan;
  if (revenue === undefined || revenue === null) return { aboveScale: false, version: ABOVE_SCALE_VERSION, reason: 'missing-revenue' };
  if (typeof revenue !== 'number' || !Number.isFinite(revenue) || revenue < 0) {
    return { aboveScale: false, version: ABOVE_SCALE_VERSION, reason: 'invalid-revenue' };
  }
  if (revenue < ABOVE_SCALE_REVENUE_WAN) return { aboveScale: false, version: ABOVE_SCALE_VERSION, reason: 'below-threshold' };
  return { aboveScale: true, version: ABOVE_SCALE_VERSION };
}
