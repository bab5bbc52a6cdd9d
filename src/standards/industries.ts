/**
 * GB/T 4754-2017 国民经济行业分类 (industrial classification for national economic
 * activities): 门类 (section, A–T), 大类 (division, 2 digits), 中类 (group, 3 digits),
 * 小类 (class, 4 digits). Gaodi writes every code with its section letter: `C`, `C36`,
 * `C367`, `C3670`. The table lives in data/industries-gbt4754-2017.json (see data/SOURCES.md).
 */
import table from '../../data/industries-gbt4754-2017.json' with { type: 'json' };

export const INDUSTRIES_VERSION = 'industries@GBT4754-2017' as const;

export const INDUSTRY_LEVELS = ['section', 'division', 'group', 'class'] as const;
/** 门类 section, 大类 division, 中类 group, 小类 class. */
export type IndustryLevel = (typeof INDUSTRY_LEVELS)[number];

export type Industry = {
  /** Letter-prefixed code, e.g. `C3670`. */
  code: string;
  /** Chinese name as in the standard. */
  name: string;
  level: IndustryLevel;
  /** Code of the parent, `null` for a section. */
  parent: string | null;
};

const LEVEL_BY_LENGTH: Record<number, IndustryLevel> = { 1: 'section', 3: 'division', 4: 'group', 5: 'class' };

function toIndustry(code: string, name: string): Industry {
  const level = LEVEL_BY_LENGTH[code.length];
  if (!level) throw new Error(`industries data: bad code ${code}`);
  const parent = level === 'section' ? null : level === 'division' ? code.slice(0, 1) : code.slice(0, -1);
  return { code, name, level, parent };
}

const INDUSTRIES: readonly Industry[] = table.items.map(([code, name]) => {
  if (code === undefined || name === undefined) throw new Error('industries data: malformed item');
  return Object.freeze(toIndustry(code, name));
});
const BY_CODE = new Map(INDUSTRIES.map((i) => [i.code, i]));
/** Two-digit division → section letter (01 → A … 97 → T). */
const SECTION_OF_DIVISION = new Map(INDUSTRIES.filter((i) => i.level === 'division').map((i) => [i.code.slice(1), i.code.charAt(0)]));
const CHILDREN = new Map<string | null, Industry[]>();
for (const i of INDUSTRIES) {
  const list = CHILDREN.get(i.parent) ?? [];
  list.push(i);
  CHILDREN.set(i.parent, list);
}

/**
 * Returns the canonical letter-prefixed GB/T 4754-2017 code (`3670` → `C3670`, ` c36 ` → `C36`)
 * or `null` when the input is not a code of the 2017 table. Accepts full-width characters.
 */
export function normalizeIndustryCode(input: string): string | null {
  // Already a code as the standard writes it (as almost every code in a file is): only looked up.
  if (BY_CODE.has(input)) return input;
  const s = input
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
  let code: string;
  if (/^[A-T]$/.test(s) || /^[A-T]\d{2,4}$/.test(s)) code = s;
  else if (/^\d{2,4}$/.test(s)) {
    const section = SECTION_OF_DIVISION.get(s.slice(0, 2));
    if (!section) return null;
    code = section + s;
  } else return null;
  return BY_CODE.has(code) ? code : null;
}

/** True when `code` (with or without its section letter) is a GB/T 4754-2017 code at any level. */
export function isIndustryCode(code: string): boolean {
  return normalizeIndustryCode(code) !== null;
}

/** Looks up a GB/T 4754-2017 industry by code at any level, with or without the section letter. */
export function getIndustry(code: string): Industry | undefined {
  const canonical = normalizeIndustryCode(code);
  return canonical === null ? undefined : BY_CODE.get(canonical);
}

/**
 * The ancestors of a GB/T 4754-2017 code, section first, without the code itself
 * (`C3670` → [C, C36, C367]); empty for a section or an unknown code.
 */
export function industryAncestors(code: string): Industry[] {
  const out: Industry[] = [];
  let current = getIndustry(code);
  while (current?.parent) {
    const parent = BY_CODE.get(current.parent);
    if (!parent) break;
    out.unshift(parent);
    current = parent;
  }
  return out;
}

/**
 * Lists GB/T 4754-2017 industries in the standard's order, optionally only one level and/or
 * the direct children of `parent` (a code at any level, letter optional).
 */
export function listIndustries(options: { level?: IndustryLevel; parent?: string } = {}): Industry[] {
  let list: readonly Industry[] = INDUSTRIES;
  if (options.parent !== undefined) {
    const parent = normalizeIndustryCode(options.parent);
    if (parent === null) return [];
    list = CHILDREN.get(parent) ?? [];
  }
  return options.level ? list.filter((i) => i.level === options.level) : [...list];
}

/**
 * Whether `code` is `ancestor` or lies below it in GB/T 4754-2017 (`C36` contains `3670`).
 * Canonical codes nest as string prefixes, so a SQL filter can use `LIKE 'C36%'` alike.
 */
export function industryContains(ancestor: string, code: string): boolean {
  const a = normalizeIndustryCode(ancestor);
  const c = normalizeIndustryCode(code);
  return a !== null && c !== null && c.startsWith(a);
}

/** All 小类 (class-level) codes below a GB/T 4754-2017 code, or the code itself when it is a 小类. */
export function industryLeaves(code: string): Industry[] {
  const start = getIndustry(code);
  if (!start) return [];
  const out: Industry[] = [];
  const stack: Industry[] = [start];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    if (node.level === 'class') out.push(node);
    else stack.push(...(CHILDREN.get(node.code) ?? []));
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : 1));
}

// ---------------------------------------------------------------------------------------
// Industry groups of the SME size standard (工信部联企业〔2011〕300号), with the scope that
// 国统字〔2017〕213号 (统计上大中小微型企业划分办法(2017)) gives each group in GB/T 4754-2017.

export const SIZE_GROUPS = [
  'agriculture',
  'industry',
  'construction',
  'wholesale',
  'retail',
  'transport',
  'warehousing',
  'postal',
  'accommodation',
  'catering',
  'information-transmission',
  'software-it',
  'real-estate-development',
  'property-management',
  'leasing-business-services',
  'other',
] as const;
/** An industry group of 中小企业划型标准规定 (2011). */
export type SizeGroup = (typeof SIZE_GROUPS)[number];

/** Chinese names of the size-standard industry groups, as in the 2011 rule. */
export const SIZE_GROUP_NAMES: Readonly<Record<SizeGroup, string>> = {
  agriculture: '农、林、牧、渔业',
  industry: '工业',
  construction: '建筑业',
  wholesale: '批发业',
  retail: '零售业',
  transport: '交通运输业',
  warehousing: '仓储业',
  postal: '邮政业',
  accommodation: '住宿业',
  catering: '餐饮业',
  'information-transmission': '信息传输业',
  'software-it': '软件和信息技术服务业',
  'real-estate-development': '房地产开发经营',
  'property-management': '物业管理',
  'leasing-business-services': '租赁和商务服务业',
  other: '其他未列明行业',
};

/**
 * Scope of each group per 国统字〔2017〕213号 and its notes, as code prefixes (longest match wins):
 * 工业 = 采矿业 B, 制造业 C, 电力、热力、燃气及水 D; 交通运输业 = 道路 54, 水上 55, 航空 56,
 * 管道 57, 多式联运和运输代理 58 and 装卸搬运 591, not 铁路 53; 仓储业 = 59 without 591;
 * 信息传输业 = 63, 64; 其他未列明行业 = M, N, O, 社会工作 Q85, R, 房地产中介 703 and
 * 其他房地产业 709, not 自有房地产经营活动 (GB/T 4754-2017: 7040 房地产租赁经营). Not covered
 * at all: 铁路运输 G53, 金融 J, K704, 教育 P, 卫生 Q84, 公共管理 S, 国际组织 T.
 */
const SIZE_GROUP_PREFIXES: ReadonlyArray<readonly [string, SizeGroup | null]> = [
  ['A', 'agriculture'],
  ['B', 'industry'],
  ['C', 'industry'],
  ['D', 'industry'],
  ['E', 'construction'],
  ['F51', 'wholesale'],
  ['F52', 'retail'],
  ['G53', null],
  ['G54', 'transport'],
  ['G55', 'transport'],
  ['G56', 'transport'],
  ['G57', 'transport'],
  ['G58', 'transport'],
  ['G591', 'transport'],
  ['G59', 'warehousing'],
  ['G60', 'postal'],
  ['H61', 'accommodation'],
  ['H62', 'catering'],
  ['I63', 'information-transmission'],
  ['I64', 'information-transmission'],
  ['I65', 'software-it'],
  ['J', null],
  ['K701', 'real-estate-development'],
  ['K702', 'property-management'],
  ['K703', 'other'],
  ['K704', null],
  ['K709', 'other'],
  ['L', 'leasing-business-services'],
  ['M', 'other'],
  ['N', 'other'],
  ['O', 'other'],
  ['P', null],
  ['Q84', null],
  ['Q85', 'other'],
  ['R', 'other'],
  ['S', null],
  ['T', null],
];

function groupOfClass(code: string): SizeGroup | null {
  let best: readonly [string, SizeGroup | null] | undefined;
  for (const entry of SIZE_GROUP_PREFIXES) {
    if (code.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best ? best[1] : null;
}

export type SizeGroupResolution =
  | { group: SizeGroup; reason?: undefined }
  | { group: null; reason: 'unknown-industry' | 'industry-not-covered' | 'industry-too-general' };

const RESOLUTION = new Map<string, SizeGroupResolution>();
for (const industry of INDUSTRIES) {
  const groups = new Set(industryLeaves(industry.code).map((leaf) => groupOfClass(leaf.code)));
  const [only] = groups;
  if (groups.size === 1 && only) RESOLUTION.set(industry.code, { group: only });
  else if (groups.size === 1) RESOLUTION.set(industry.code, { group: null, reason: 'industry-not-covered' });
  else RESOLUTION.set(industry.code, { group: null, reason: 'industry-too-general' });
}

/**
 * Which industry group of the SME size standard (工信部联企业〔2011〕300号, scope per
 * 国统字〔2017〕213号) a GB/T 4754-2017 code at any level falls in, or why none: unknown code,
 * an industry the standard does not cover (e.g. 金融 J), or a code spanning several groups (`F`, `G59`).
 */
export function resolveSizeGroup(code: string): SizeGroupResolution {
  const canonical = normalizeIndustryCode(code);
  if (canonical === null) return { group: null, reason: 'unknown-industry' };
  return RESOLUTION.get(canonical) ?? { group: null, reason: 'unknown-industry' };
}

/** The size-standard industry group (2011 rule, 2017 scope) of a GB/T 4754-2017 code, or `null`; see `resolveSizeGroup` for why. */
export function sizeGroupOf(code: string): SizeGroup | null {
  return resolveSizeGroup(code).group;
}
