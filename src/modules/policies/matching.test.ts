import { describe, expect, it } from 'vitest';
import { compileRule, hasBit, truthy } from '../../rules/index.ts';
import { classifyEnterprise } from '../../standards/index.ts';
import { generateDemoEnterprises } from '../demo/index.ts';
import { loadStarterCatalogue } from './catalogue.ts';
import type { PolicyItem } from './catalogue.ts';
import { createPolicyMatching, evaluateBenefit } from './matching.ts';
import { toRuleRow } from './policy-fields.ts';
import type { RegistryEnterprise } from './policy-fields.ts';

const { items: catalogue } = loadStarterCatalogue();
const itemOf = (id: string): PolicyItem => {
  const item = catalogue.find((i) => i.id === id);
  if (!item) throw new Error(id);
  return item;
};

/** An enterprise with its size class and 规上 derived by the standards, as the registry stores them. */
function firm(id: string, figures: Partial<RegistryEnterprise> = {}): RegistryEnterprise {
  const e: RegistryEnterprise = {
    id,
    divisionCode: '410105001',
    industryCode: 'C3670',
    foundedOn: '2015-03-01',
    legalEntity: true,
    employees: 100,
    revenueWan: 2000,
    mainBusinessRevenueWan: 2000,
    assetsWan: 3000,
    rdExpenseWan: 60,
    taxWan: 50,
    landMu: 10,
    energyTce: 100,
    patents: 2,
    exportWan: 0,
    sizeClass: null,
    aboveScale: false,
    tags: [],
    ...figures,
  };
  const derived = classifyEnterprise({ industryCode: e.industryCode, employees: e.employees, revenueWan: e.revenueWan, assetsWan: e.assetsWan, mainBusinessRevenueWan: e.mainBusinessRevenueWan, legalEntity: e.legalEntity });
  return { ...e, sizeClass: derived.sizeClass, aboveScale: derived.aboveScale };
}

/** A test item in an official's words: 规上, 研发费用/营业收入 ≥ 3 %, 营业收入 > 0, not 失信; 10 % of R&D, at most 100 万元. */
const rdIntensity: PolicyItem = {
  ...itemOf('ha-rd-financial-subsidy'),
  id: 'test-rd-intensity',
  validFrom: '2020-01-01',
  eligibility: {
    and: [
      { '==': [{ var: 'aboveScale' }, true] },
      { '>': [{ var: 'revenueWan' }, 0] },
      { '>=': [{ '/': [{ var: 'rdExpenseWan' }, { var: 'revenueWan' }] }, 0.03] },
      { '!': [{ in: ['失信', { var: 'tags' }] }] },
    ],
  },
  benefit: { min: [{ '*': [{ var: 'rdExpenseWan' }, 0.1] }, 100] },
  benefitCapWan: 100,
};

const firms = [
  firm('exact', { mainBusinessRevenueWan: 2000, revenueWan: 2000, rdExpenseWan: 60 }), // 规上 at exactly 2000, R&D exactly 3 %
  firm('below-scale', { mainBusinessRevenueWan: 1999.99, revenueWan: 2000, rdExpenseWan: 60 }),
  firm('ratio-short', { revenueWan: 2000, rdExpenseWan: 59.99 }),
  firm('discredited', { tags: ['失信'] }),
  firm('big-rd', { revenueWan: 20000, mainBusinessRevenueWan: 20000, rdExpenseWan: 1200, tags: ['科技型中小企业'] }),
  firm('fails-two', { mainBusinessRevenueWan: 1500, revenueWan: 1500, rdExpenseWan: 10 }),
  firm('no-revenue', { revenueWan: null, rdExpenseWan: 60 }),
  firm('small-300', { employees: 300, assetsWan: 5000 }),
  firm('small-301', { employees: 301, assetsWan: 5000 }),
  firm('unknown-size', { employees: null, assetsWan: 100 }),
  firm('giant-exact', { mainBusinessRevenueWan: 500000, revenueWan: 500000, industryCode: 'C3670' }),
  firm('giant-over', { mainBusinessRevenueWan: 500000.01, revenueWan: 500000.01 }),
  firm('giant-100', { mainBusinessRevenueWan: 1000000.01, revenueWan: 1000000.01 }),
];

const asOf = '2026-11-25';
const matching = createPolicyMatching({ enterprises: firms, items: [...catalogue, rdIntensity], asOf });

describe('createPolicyMatching: an item’s enterprises', () => {
  it('finds the firms meeting 规上 and R&D ≥ 3 % including both boundaries (2000 万元 exactly, 3 % exactly)', () => {
    expect(firms.find((f) => f.id === 'exact')?.aboveScale).toBe(true);
    expect(firms.find((f) => f.id === 'below-scale')?.aboveScale).toBe(false);
    const result = matching.forItem('test-rd-intensity');
    expect(result.eligible.sort()).toEqual(['big-rd', 'exact', 'small-300', 'small-301', 'unknown-size'].sort());
  });

  it('lists firms failing exactly one condition with that condition and its gap, closest first', () => {
    const misses = matching.forItem('test-rd-intensity').nearMisses;
    // numeric gaps by relative size (a missing revenue reads as 0, 0 short of "> 0"), then the others
    expect(misses.map((m) => [m.enterpriseId, m.condition])).toEqual([
      ['no-revenue', 1],
      ['ratio-short', 2],
      ['giant-exact', 2],
      ['giant-over', 2],
      ['giant-100', 2],
      ['below-scale', 0],
      ['discredited', 3],
    ]);
    const ratio = misses[1];
    expect(ratio?.gap).toBeCloseTo(0.000005, 9);
    expect(ratio?.label).toBe('(研发费用 (万元) / 营业收入 (万元)) ≥ 0.03');
    expect(misses.some((m) => m.enterpriseId === 'fails-two')).toBe(false);
    expect(matching.forItem('test-rd-intensity', { nearMissLimit: 2 })).toMatchObject({ nearMissTotal: 7, nearMisses: [{ enterpriseId: 'no-revenue' }, { enterpriseId: 'ratio-short' }] });
  });

  it('sums the capped benefit of the eligible firms', () => {
    // exact 6, big-rd min(120, 100) = 100, small-300/small-301/unknown-size 6 each
    expect(matching.forItem('test-rd-intensity').totalBenefitWan).toBe(124);
  });

  it('encodes 小型微利企业 bounds as inclusive and leaves firms of unknown headcount out', () => {
    const result = matching.forItem('cn-small-low-profit-2023');
    expect(result.eligible).toContain('small-300');
    expect(result.eligible).not.toContain('small-301');
    expect(result.eligible).not.toContain('unknown-size');
    expect(result.nearMisses.find((m) => m.enterpriseId === 'small-301')).toMatchObject({ gap: 1, label: '从业人员 (人) ≤ 300' });
    expect(result.totalBenefitWan).toBeNull();
  });

  it('rewards 首次超过50亿元 strictly above the threshold, with the tier of 100亿元', () => {
    const result = matching.forItem('zz-large-enterprise-milestone');
    expect(result.eligible.sort()).toEqual(['giant-100', 'giant-over']);
    expect(matching.estimateBenefit('giant-over', 'zz-large-enterprise-milestone')).toEqual({ kind: 'estimated', amountWan: 100, capped: false });
    expect(matching.estimateBenefit('giant-100', 'zz-large-enterprise-milestone')).toEqual({ kind: 'estimated', amountWan: 200, capped: false });
  });

  it('leaves out items not in force on the as-of date and matches them on a date they were', () => {
    expect(matching.itemsNotInForce.map((i) => i.id)).toContain('zz-hnte-first-recognition-2019');
    expect(() => matching.forItem('zz-hnte-first-recognition-2019')).toThrow(expect.objectContaining({ code: 'POLICIES_ITEM_NOT_FOUND' }));
    expect(() => matching.forEnterprise('nobody')).toThrow(expect.objectContaining({ code: 'POLICIES_ENTERPRISE_NOT_FOUND' }));
    expect(() => createPolicyMatching({ enterprises: [firms[0]!, firms[0]!], items: catalogue, asOf })).toThrow(expect.objectContaining({ code: 'POLICIES_ENTERPRISE_DUPLICATE' }));
    const tagged = [firm('h1000', { revenueWan: 1000, tags: ['高新技术企业'] }), firm('h999', { revenueWan: 999.99, tags: ['高新技术企业'] }), firm('h200', { revenueWan: 200, tags: ['高新技术企业'] }), firm('h199', { revenueWan: 199.99, tags: ['高新技术企业'] })];
    const in2020 = createPolicyMatching({ enterprises: tagged, items: catalogue, asOf: '2020-06-01' });
    const amounts = tagged.map((f) => in2020.estimateBenefit(f.id, 'zz-hnte-first-recognition-2019'));
    expect(amounts.map((a) => (a.kind === 'estimated' ? a.amountWan : null))).toEqual([30, 20, 20, 10]);
    expect(in2020.itemsNotInForce.map((i) => i.id)).toContain('zz-ipo-listing-award-2024');
  });
});

describe('createPolicyMatching: an enterprise’s items', () => {
  it('gives the items it qualifies for with the benefit, and those it misses by one condition', () => {
    const { matches, nearMisses } = matching.forEnterprise('big-rd');
    const byId = new Map(matches.map((m) => [m.itemId, m.benefit]));
    // 河南 研发补助: 500 × 10 % + 700 × 5 % = 85, under the 200 万元 cap of 科技型中小企业
    expect(byId.get('ha-rd-financial-subsidy')).toEqual({ kind: 'estimated', amountWan: 85, capped: false });
    expect(byId.get('cn-rd-super-deduction-2023')).toEqual({ kind: 'estimated', amountWan: 300, capped: false });
    expect(byId.get('cn-advanced-manufacturing-vat-2023')).toBeUndefined();
    expect(nearMisses.find((m) => m.itemId === 'cn-advanced-manufacturing-vat-2023')).toMatchObject({ condition: 0, label: '"高新技术企业" ∈ 资质与状态标签' });
  });

  it('explains one enterprise × item condition by condition with the gap', () => {
    const tree = matching.explain('ratio-short', 'test-rd-intensity');
    expect(tree.passed).toBe(false);
    expect(tree.children?.map((c) => c.passed)).toEqual([true, true, false, true]);
    expect(tree.children?.[2]).toMatchObject({ actual: 0.029995, required: 0.03 });
    expect(tree.children?.[2]?.gap).toBeCloseTo(0.000005, 9);
    expect(matching.explain('exact', 'test-rd-intensity').passed).toBe(true);
  });
});

describe('evaluateBenefit', () => {
  const row = toRuleRow(firm('x', { rdExpenseWan: 80 }), { asOf });

  it('caps at the item’s cap and says so', () => {
    expect(evaluateBenefit({ benefit: { '*': [{ var: 'rdExpenseWan' }, 0.1] }, benefitCapWan: 5, benefitNote: '' }, row)).toEqual({ kind: 'estimated', amountWan: 5, capped: true });
    expect(evaluateBenefit({ benefit: { '*': [{ var: 'rdExpenseWan' }, 0.1] }, benefitCapWan: null, benefitNote: '' }, row)).toEqual({ kind: 'estimated', amountWan: 8, capped: false });
  });

  it('reports a negative or non-numeric benefit as an error instead of a number', () => {
    expect(evaluateBenefit({ benefit: { '-': [10, { var: 'rdExpenseWan' }] }, benefitCapWan: null, benefitNote: '' }, row)).toEqual({ kind: 'error', code: 'POLICIES_BENEFIT_NEGATIVE', value: -70 });
    expect(evaluateBenefit({ benefit: { '/': [{ var: 'rdExpenseWan' }, 0] }, benefitCapWan: null, benefitNote: '' }, row)).toMatchObject({ kind: 'error', code: 'POLICIES_BENEFIT_NOT_NUMERIC' });
    expect(evaluateBenefit({ benefit: { if: [true, '十万', 0] }, benefitCapWan: null, benefitNote: '' }, row)).toMatchObject({ kind: 'error', code: 'POLICIES_BENEFIT_NOT_NUMERIC', value: '十万' });
    expect(evaluateBenefit({ benefit: null, benefitCapWan: null, benefitNote: 'no data' }, row)).toEqual({ kind: 'not-estimable', reason: 'no data' });
  });

  it('counts formula errors of eligible firms apart from the total', () => {
    const broken: PolicyItem = { ...rdIntensity, id: 'test-broken', benefit: { '-': [10, { var: 'rdExpenseWan' }] } };
    const result = createPolicyMatching({ enterprises: firms, items: [broken], asOf }).forItem('test-broken');
    expect(result.benefitErrors.map((e) => e.enterpriseId).sort()).toEqual(['big-rd', 'exact', 'small-300', 'small-301', 'unknown-size']);
    expect(result.totalBenefitWan).toBe(0);
  });
});

describe('the columnar match equals evaluating each rule row by row', () => {
  it('agrees on every catalogue item for the hand-made firms and 1,500 demo enterprises', () => {
    const demo = generateDemoEnterprises(1500, { reportYear: 2025, seed: 7 }).map((e, i) => firm(`demo-${i}`, {
      divisionCode: e.divisionCode, industryCode: e.industryCode, foundedOn: e.foundedOn, employees: e.employees, revenueWan: e.revenueWan,
      mainBusinessRevenueWan: e.mainBusinessRevenueWan, assetsWan: e.assetsWan, rdExpenseWan: e.rdExpenseWan, taxWan: e.taxWan,
      landMu: e.landMu, energyTce: e.energyTce, patents: e.patents, exportWan: e.exportWan, tags: e.tags,
    }));
    const all = [...firms, ...demo];
    const items = [...catalogue, rdIntensity];
    const full = createPolicyMatching({ enterprises: all, items, asOf: '2025-01-01' });
    const results = full.matcher.results();
    let positives = 0;
    for (const item of full.items) {
      const evaluate = compileRule(item.eligibility);
      const bits = results.get(item.id);
      if (!bits) throw new Error(item.id);
      all.forEach((enterprise, index) => {
        const expected = truthy(evaluate(toRuleRow(enterprise, { asOf: '2025-01-01' })));
        if (expected) positives += 1;
        expect(hasBit(bits, index), `${item.id} × ${enterprise.id}`).toBe(expected);
      });
    }
    expect(full.items.length).toBe(items.length - 2);
    expect(positives).toBeGreaterThan(1000);

    // near misses counted on the condition bitsets equal counting failed conditions row by row
    for (const item of full.items) {
      const raw: unknown = Reflect.get(item.eligibility, 'and');
      if (!Array.isArray(raw)) continue;
      const conditions = raw.map((c) => compileRule(c));
      const failing = all.map((enterprise) => {
        const row = toRuleRow(enterprise, { asOf: '2025-01-01' });
        return conditions.filter((evaluate) => !truthy(evaluate(row))).length;
      });
      expect(full.forItem(item.id, { nearMissLimit: 0 }).nearMissTotal, item.id).toBe(failing.filter((n) => n === 1).length);
      all.slice(0, 300).forEach((enterprise, index) => {
        const listed = full.forEnterprise(enterprise.id).nearMisses.some((m) => m.itemId === item.id);
        expect(listed, `${item.id} × ${enterprise.id}`).toBe(failing[index] === 1);
      });
    }
  });
});

describe('PolicyMatching.upsert', () => {
  it('leaves the match equal to a fresh one after updates and appends (past the last bitset word too)', () => {
    const demo = generateDemoEnterprises(90, { reportYear: 2025, seed: 11 }).map((e, i) => firm(`d-${i}`, {
      divisionCode: e.divisionCode, industryCode: e.industryCode, foundedOn: e.foundedOn, employees: e.employees, revenueWan: e.revenueWan,
      mainBusinessRevenueWan: e.mainBusinessRevenueWan, assetsWan: e.assetsWan, rdExpenseWan: e.rdExpenseWan, taxWan: e.taxWan,
      landMu: e.landMu, energyTce: e.energyTce, patents: e.patents, exportWan: e.exportWan, tags: e.tags,
    }));
    const items = [...catalogue, rdIntensity];
    const live = createPolicyMatching({ enterprises: demo.slice(0, 60), items, asOf });
    for (const item of live.items) live.forItem(item.id, { nearMissLimit: 0 }); // fills the per-row benefit cache the updates must invalidate
    const changed = demo.slice(0, 60).map((e, i) => (i % 7 === 0 ? firm(e.id, { ...e, mainBusinessRevenueWan: 600000 + i, revenueWan: 600000 + i, tags: ['高新技术企业', '专精特新中小企业'] }) : e));
    expect(live.upsert(changed.filter((_, i) => i % 7 === 0))).toMatchObject({ updated: 9, appended: 0, rematched: false });
    expect(live.upsert(demo.slice(60, 62))).toMatchObject({ appended: 2, rematched: false }); // rows 60, 61 fit in word 1
    expect(live.upsert(demo.slice(62))).toMatchObject({ appended: 28, rematched: true });
    const fresh = createPolicyMatching({ enterprises: [...changed, ...demo.slice(60)], items, asOf });
    for (const item of live.items) {
      expect(live.forItem(item.id, { nearMissLimit: 0 }).eligible.sort(), item.id).toEqual(fresh.forItem(item.id, { nearMissLimit: 0 }).eligible.sort());
      expect(live.countNearMisses(item.id), item.id).toBe(fresh.countNearMisses(item.id));
      expect(live.forItem(item.id, { nearMissLimit: 0 }).totalBenefitWan, item.id).toBe(fresh.forItem(item.id, { nearMissLimit: 0 }).totalBenefitWan);
    }
    expect(live.forItem('zz-large-enterprise-milestone').eligible).toHaveLength(9);
  });
});
