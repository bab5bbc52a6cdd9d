/**
 * Deterministic Zhengzhou-manufacturer-like enterprises and a realistic mix of support
 * policies (municipal and district, tag, threshold, ratio, industry prefix) for the benchmark.
 */
import { defineSchema } from '../../src/rules/index.ts';

/** The benchmark's enterprise schema (units in the names, as in the enterprises table). */
export const enterpriseSchema = defineSchema({
  fields: {
    industryCode: { type: 'code', label: '行业代码 (GB/T 4754-2017 小类)' },
    divisionCode: { type: 'code', label: '行政区划代码' },
    employees: { type: 'integer', unit: '人', label: '从业人员' },
    revenueWan: { type: 'number', unit: '万元', label: '营业收入' },
    mainBusinessRevenueWan: { type: 'number', unit: '万元', label: '主营业务收入' },
    assetsWan: { type: 'number', unit: '万元', label: '资产总额' },
    rdExpenseWan: { type: 'number', unit: '万元', label: '研发费用' },
    taxWan: { type: 'number', unit: '万元', label: '税收' },
    landMu: { type: 'number', unit: '亩', label: '用地面积' },
    energyTce: { type: 'number', unit: '吨标准煤', label: '综合能耗' },
    tags: { type: 'tags', label: '资质标签', values: ['高新技术企业', '专精特新', '科技型中小企业', '失信'] },
    aboveScale: { type: 'boolean', label: '规上 (主营业务收入 ≥ 2000 万元)' },
  },
});

/** mulberry32: a small seeded PRNG, so every run sees the same city. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(random: () => number, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  const last = items[items.length - 1];
  if (!last) throw new Error('empty choice');
  return last[0];
}

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const logNormal = (random: () => number, median: number, sigma: number): number => median * Math.exp(sigma * normal(random));
const round1 = (v: number): number => Math.round(v * 10) / 10;

// GB/T 4754-2017 小类 by 大类, weighted to Zhengzhou's manufacturing mix
const INDUSTRIES: ReadonlyArray<readonly [readonly string[], number]> = [
  [['C3911', 'C3912', 'C3914', 'C3921', 'C3922', 'C3931', 'C3940', 'C3951', 'C3971', 'C3973', 'C3976', 'C3981', 'C3982', 'C3990'], 24],
  [['C3610', 'C3620', 'C3630', 'C3650', 'C3660', 'C3670'], 15],
  [['C3511', 'C3512', 'C3513', 'C3514', 'C3515', 'C3516', 'C3531', 'C3572', 'C3599'], 12],
  [['C2710', 'C2720', 'C2730', 'C2740', 'C2750', 'C2761', 'C2770'], 8],
  [['C3216', 'C3252', 'C3311', 'C3312', 'C3331', 'C3340', 'C3351', 'C3360'], 12],
  [['C1310', 'C1331', 'C1351', 'C1361', 'C1391', 'C1411', 'C1419', 'C1431', 'C1441', 'C1469'], 10],
  [['C2611', 'C2651', 'C2924', 'C3021', 'C3081', 'C3411', 'C3441', 'C3813', 'C3831', 'C4011', 'C4090'], 19],
];

// 郑州市辖区县(市), weighted
const DIVISIONS: ReadonlyArray<readonly [string, number]> = [
  ['410102', 6], ['410103', 5], ['410104', 6], ['410105', 5], ['410106', 4], ['410108', 4],
  ['410122', 14], ['410181', 12], ['410182', 12], ['410183', 9], ['410184', 14], ['410185', 9],
];

/** The benchmark's districts, for policies. */
export const DIVISION_CODES = DIVISIONS.map(([code]) => code);

/** One enterprise record as the engine reads it. */
export type Enterprise = Record<string, unknown>;

/** Generates one enterprise (deterministic for a given PRNG state). */
export function generateEnterprise(random: () => number): Enterprise {
  const codes = weighted(random, INDUSTRIES);
  const industryCode = codes[Math.floor(random() * codes.length)] ?? 'C3990';
  const divisionCode = weighted(random, DIVISIONS);
  const employees = Math.max(1, Math.round(logNormal(random, 60, 1.1)));
  const revenueWan = round1(employees * logNormal(random, 80, 0.6));
  const mainBusinessRevenueWan = round1(revenueWan * (0.85 + 0.15 * random()));
  const assetsWan = round1(revenueWan * logNormal(random, 0.9, 0.5));
  const rdRatio = random() < 0.15 ? 0 : logNormal(random, 0.015, 0.8);
  const rdExpenseWan = random() < 0.03 ? null : round1(revenueWan * rdRatio);
  const taxWan = round1(revenueWan * logNormal(random, 0.03, 0.5));
  const landMu = random() < 0.02 ? null : Math.max(0.5, round1(assetsWan / logNormal(random, 150, 0.7)));
  const energyTce = round1(revenueWan * logNormal(random, 0.05, 0.9));
  const aboveScale = mainBusinessRevenueWan >= 2000;
  const tags: string[] = [];
  if (random() < (rdRatio >= 0.03 ? 0.6 : 0.05)) tags.push('高新技术企业');
  if (random() < (aboveScale ? 0.15 : 0.03)) tags.push('专精特新');
  if (employees < 500 && random() < 0.2) tags.push('科技型中小企业');
  if (random() < 0.02) tags.push('失信');
  return { industryCode, divisionCode, employees, revenueWan, mainBusinessRevenueWan, assetsWan, rdExpenseWan, taxWan, landMu, energyTce, tags, aboveScale };
}

/** `count` enterprises from `seed`. */
export function generateEnterprises(count: number, seed = 4101): Enterprise[] {
  return [...streamEnterprises(count, seed)];
}

/** The same enterprises one at a time, so a million never sit in the JS heap together. */
export function* streamEnterprises(count: number, seed = 4101): Generator<Enterprise> {
  const random = createRandom(seed);
  for (let i = 0; i < count; i += 1) yield generateEnterprise(random);
}

const v = (name: string): { var: string } => ({ var: name });
const notTagged = (tag: string): unknown => ({ '!': { in: [tag, v('tags')] } });
const tagged = (tag: string): unknown => ({ in: [tag, v('tags')] });
const pick = <T>(random: () => number, items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('empty choice');
  return item;
};
const PREFIXES = ['C39', 'C36', 'C35', 'C27', 'C33', 'C32', 'C13', 'C14', 'C38', 'C34'];

/** One policy's eligibility rule (JsonLogic). */
export function generatePolicy(random: () => number): unknown {
  const conditions: unknown[] = [];
  // most support measures exclude 失信 (dishonest) enterprises
  if (random() < 0.8) conditions.push(notTagged('失信'));
  if (random() < 0.55) conditions.push({ '==': [v('divisionCode'), pick(random, DIVISION_CODES)] });
  const kind = weighted(random, [['scale', 3], ['tag', 3], ['rd', 3], ['tax', 2], ['industry', 3], ['small', 2]] as const);
  const jitter = (base: number): number => (random() < 0.4 ? base : Math.round(base * (0.5 + random()) / 10) * 10);
  switch (kind) {
    case 'scale':
      conditions.push(v('aboveScale'));
      conditions.push({ '>=': [v('revenueWan'), jitter(pick(random, [5000, 10000, 20000, 50000]))] });
      break;
    case 'tag':
      conditions.push(tagged(pick(random, ['高新技术企业', '专精特新', '科技型中小企业'])));
      if (random() < 0.5) conditions.push({ '>=': [v('employees'), pick(random, [20, 50, 100])] });
      break;
    case 'rd':
      conditions.push({ '>=': [{ '/': [v('rdExpenseWan'), v('revenueWan')] }, pick(random, [0.02, 0.025, 0.03, 0.04, 0.05])] });
      if (random() < 0.5) conditions.push(v('aboveScale'));
      break;
    case 'tax':
      conditions.push({ '>=': [{ '/': [v('taxWan'), v('landMu')] }, jitter(pick(random, [10, 15, 20, 30, 50]))] });
      break;
    case 'industry': {
      const prefixes = random() < 0.7 ? [pick(random, PREFIXES)] : [pick(random, PREFIXES), pick(random, PREFIXES)];
      const tests = prefixes.map((p) => ({ '==': [{ substr: [v('industryCode'), 0, 3] }, p] }));
      conditions.push(tests.length === 1 ? tests[0] : { or: tests });
      if (random() < 0.5) conditions.push({ '>=': [v('assetsWan'), jitter(pick(random, [1000, 5000, 10000]))] });
      break;
    }
    case 'small':
      conditions.push({ '<=': [10, v('employees'), pick(random, [100, 300, 500])] });
      conditions.push({ '<': [{ '/': [v('energyTce'), v('revenueWan')] }, pick(random, [0.05, 0.1, 0.2])] });
      break;
  }
  return conditions.length === 1 ? conditions[0] : { and: conditions };
}

/** `count` policies from `seed`. */
export function generatePolicies(count: number, seed = 4102): unknown[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => generatePolicy(random));
}
