/**
 * Enterprise size class 大型/中型/小型/微型 per 中小企业划型标准规定 (工信部联企业〔2011〕300号),
 * as restated for statistics by 国统字〔2017〕213号 (统计上大中小微型企业划分办法(2017)).
 *
 * Bounds: "X 及以上" is inclusive (≥), "X 以下" is strict (<). 大型, 中型 and 小型 need every
 * listed indicator at or above the tier's lower bound, otherwise the firm drops a tier; 微型
 * needs only one indicator below the 小型 bound.
 */
import { SIZE_GROUP_NAMES, type SizeGroup, resolveSizeGroup } from './industries.ts';

export const SIZE_CLASS_VERSION = 'sme-size@2011' as const;

export const SIZE_CLASSES = ['large', 'medium', 'small', 'micro'] as const;
/** 大型 large, 中型 medium, 小型 small, 微型 micro. */
export type SizeClass = (typeof SIZE_CLASSES)[number];

/** Chinese names of the size classes as used in the 2011 rule. */
export const SIZE_CLASS_NAMES: Readonly<Record<SizeClass, string>> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };

/** 从业人员 employees (persons), 营业收入 revenueWan and 资产总额 assetsWan (万元). */
export type SizeIndicator = 'employees' | 'revenueWan' | 'assetsWan';

/** Chinese names of the indicators of the 2011 rule. */
export const SIZE_INDICATOR_NAMES: Readonly<Record<SizeIndicator, string>> = { employees: '从业人员', revenueWan: '营业收入', assetsWan: '资产总额' };

type Bounds = Partial<Record<SizeIndicator, number>>;
export type SizeStandard = {
  /** Indicators the group uses, in the order of the rule's text. */
  indicators: readonly SizeIndicator[];
  /** Inclusive lower bounds of each tier; below `small` on any indicator is micro. */
  large: Bounds;
  medium: Bounds;
  small: Bounds;
};

/**
 * The bounds of every group of 工信部联企业〔2011〕300号 第四条 (一)–(十六), identical in the
 * 2017 statistical table. Checked against two public transcriptions of each text (data/SOURCES.md).
 */
export const SIZE_STANDARDS: Readonly<Record<SizeGroup, SizeStandard>> = {
  agriculture: { indicators: ['revenueWan'], large: { revenueWan: 20000 }, medium: { revenueWan: 500 }, small: { revenueWan: 50 } },
  industry: {
    indicators: ['employees', 'revenueWan'],
    large: { employees: 1000, revenueWan: 40000 },
    medium: { employees: 300, revenueWan: 2000 },
    small: { employees: 20, revenueWan: 300 },
  },
  construction: {
    indicators: ['revenueWan', 'assetsWan'],
    large: { revenueWan: 80000, assetsWan: 80000 },
    medium: { revenueWan: 6000, assetsWan: 5000 },
    small: { revenueWan: 300, assetsWan: 300 },
  },
  wholesale: {
    indicators: ['employees', 'revenueWan'],
    large: { employees: 200, revenueWan: 40000 },
    medium: { employees: 20, revenueWan: 5000 },
    small: { employees: 5, revenueWan: 1000 },
  },
  retail: {
    indicators: ['employees', 'revenueWan'],
    large: { employees: 300, revenueWan: 20000 },
    medium: { employees: 50, revenueWan: 500 },
    small: { employees: 10, revenueWan: 100 },
  },
  transport: {
    indicators: ['employees', 'revenueWan'],
    large: { employees: 1000, revenueWan: 30000 },
    medium: { employees: 300, revenueWan: 3000 },
    small: { employees: 20, revenueWan: 200 },
  },
  warehousing: {
    indicators: ['employees', 'revenueWan'],
    large: { employees: 200, revenueWan: 30000 },
    medium: { employees: 100, revenueWan: 1000 },
    small: { employees: 20, revenueWan: 100 },
  },
  postal: {
    indicators: ['employees', 'revenueWan'],
    large: { employees: 1000, revenueWan: 30000 },
    medium: { employees: 300, revenueWan: 2000 },
    small: { employees: 20, revenueWan: 100 },
  },
  accommodation: {
    indicators: ['employees', 'revenueWan'],
    large: { employees: 300, revenueWan: 10000 },
    medium: { employees: 100, revenueWan: 2000 },
    small: { employees: 10, revenueWan: 100 },
  },
  catering: {
    indicators: ['employees', 'revenueWan'],
    large: { employees: 300, revenueWan: 10000 },
    medium: { employees: 100, revenueWan: 2000 },
    small: { employees: 10, revenueWan: 100 },
  },
  'information-transmission': {
    indicators: ['employees', 'revenueWan'],
    large: { employees: 2000, revenueWan: 100000 },
    medium: { employees: 100, revenueWan: 1000 },
    small: { employees: 10, revenueWan: 100 },
  },
  'software-it': {
    indicators: ['employees', 'revenueWan'],
    large: { employees: 300, revenueWan: 10000 },
    medium: { employees: 100, revenueWan: 1000 },
    small: { employees: 10, revenueWan: 50 },
  },
  'real-estate-development': {
    indicators: ['revenueWan', 'assetsWan'],
    large: { revenueWan: 200000, assetsWan: 10000 },
    medium: { revenueWan: 1000, assetsWan: 5000 },
    small: { revenueWan: 100, assetsWan: 2000 },
  },
  'property-management': {
    indicators: ['employees', 'revenueWan'],
    large: { employees: 1000, revenueWan: 5000 },
    medium: { employees: 300, revenueWan: 1000 },
    small: { employees: 100, revenueWan: 500 },
  },
  'leasing-business-services': {
    indicators: ['employees', 'assetsWan'],
    large: { employees: 300, assetsWan: 120000 },
    medium: { employees: 100, assetsWan: 8000 },
    small: { employees: 10, assetsWan: 100 },
  },
  other: { indicators: ['employees'], large: { employees: 300 }, medium: { employees: 100 }, small: { employees: 10 } },
};

export type SizeProfile = {
  /** GB/T 4754-2017 code at any level, with or without the section letter. */
  industryCode: string;
  employees?: number | null;
  revenueWan?: number | null;
  assetsWan?: number | null;
};

export type SizeClassReason =
  | 'unknown-industry'
  | 'industry-not-covered'
  | 'industry-too-general'
  | 'missing-indicator'
  | 'invalid-indicator';

export type SizeClassResult =
  | { sizeClass: SizeClass; version: typeof SIZE_CLASS_VERSION; group: SizeGroup; reason?: undefined }
  | {
      sizeClass: null;
      version: typeof SIZE_CLASS_VERSION;
      group: SizeGroup | null;
      reason: SizeClassReason;
      message: string;
      /** The indicators that were missing or invalid. */
      indicators?: SizeIndicator[];
    };

const TIERS = ['large', 'medium', 'small'] as const;

function meets(values: Partial<Record<SizeIndicator, number>>, bounds: Bounds, indicators: readonly SizeIndicator[]): boolean {
  return indicators.every((k) => (values[k] ?? Number.NEGATIVE_INFINITY) >= (bounds[k] ?? 0));
}

/**
 * Classifies an enterprise as large/medium/small/micro per 工信部联企业〔2011〕300号 (scope per
 * 国统字〔2017〕213号), version `sme-size@2011`. Returns `sizeClass: null` with a reason when
 * the industry is unknown, not covered or too general, or a needed indicator is missing or negative.
 * An indicator below the 小型 bound makes the firm micro even when another is missing.
 */
export function classifySize(profile: SizeProfile): SizeClassResult {
  const resolution = resolveSizeGroup(profile.industryCode);
  if (resolution.group === null) {
    const messages: Record<typeof resolution.reason, string> = {
      'unknown-industry': `“${profile.industryCode}”不是 GB/T 4754-2017 行业代码 / not a GB/T 4754-2017 industry code`,
      'industry-not-covered': `行业“${profile.industryCode}”不在中小企业划型标准范围内 / the SME size standard does not cover this industry`,
      'industry-too-general': `行业“${profile.industryCode}”跨越多个划型行业，请给出更细的代码 / the code spans several size-standard groups; give a more specific code`,
    };
    return { sizeClass: null, version: SIZE_CLASS_VERSION, group: null, reason: resolution.reason, message: messages[resolution.reason] };
  }
  const group = resolution.group;
  const standard = SIZE_STANDARDS[group];
  const values: Partial<Record<SizeIndicator, number>> = {};
  const missing: SizeIndicator[] = [];
  const invalid: SizeIndicator[] = [];
  for (const k of standard.indicators) {
    const v = profile[k];
    if (v === undefined || v === null) missing.push(k);
    else if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) invalid.push(k);
    else values[k] = v;
  }
  if (invalid.length > 0) {
    return {
      sizeClass: null,
      version: SIZE_CLASS_VERSION,
      group,
      reason: 'invalid-indicator',
      indicators: invalid,
      message: `${invalid.map((k) => SIZE_INDICATOR_NAMES[k]).join('、')}应为非负数 / ${invalid.join(', ')} must be non-negative numbers`,
    };
  }
  // 微型 needs only one indicator below the 小型 bound, so a known low value decides alone.
  const belowSmall = standard.indicators.some((k) => values[k] !== undefined && (values[k] ?? 0) < (standard.small[k] ?? 0));
  if (belowSmall) return { sizeClass: 'micro', version: SIZE_CLASS_VERSION, group };
  if (missing.length > 0) {
    return {
      sizeClass: null,
      version: SIZE_CLASS_VERSION,
      group,
      reason: 'missing-indicator',
      indicators: missing,
      message: `${SIZE_GROUP_NAMES[group]}划型需要${missing.map((k) => SIZE_INDICATOR_NAMES[k]).join('、')} / ${missing.join(', ')} required for this industry`,
    };
  }
  for (const tier of TIERS) {
    if (meets(values, standard[tier], standard.indicators)) return { sizeClass: tier, version: SIZE_CLASS_VERSION, group };
  }
  return { sizeClass: 'micro', version: SIZE_CLASS_VERSION, group };
}
