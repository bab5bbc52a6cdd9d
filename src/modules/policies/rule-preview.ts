/**
 * A rule that is not in the catalogue yet, evaluated over today's kept snapshot: the preview an
 * official sees before publishing, and the check of a formula over every enterprise it matches.
 */
import { compileRule, forEachBit, popcount } from '../../rules/index.ts';
import type { Bitset } from '../../rules/index.ts';
import type { Scope } from '../../server/actor.ts';
import { getDivision } from '../../standards/index.ts';
import type { EnterpriseMatchingRecord } from '../enterprises/index.ts';
import type { PolicyPreview, PolicyRuleInput } from './authoring.schemas.ts';
import type { PolicyItem } from './catalogue.ts';
import { evaluateBenefit } from './matching.ts';
import type { PolicyMatching } from './matching.ts';
import { toRuleRow } from './policy-fields.ts';
import type { RuleRow } from './policy-fields.ts';

const round2 = (x: number): number => Math.round(x * 100) / 100;

function intersect(a: Bitset, b: Bitset | undefined): Bitset {
  if (!b) return a;
  const out = new Uint32Array(a.length);
  for (let w = 0; w < a.length; w += 1) out[w] = (a[w] ?? 0) & (b[w] ?? 0);
  return out;
}

/** Creates the preview over the policies service's kept match, records and scope bitsets. */
export function createRulePreview(deps: {
  matchingToday: () => Promise<PolicyMatching>;
  recordOf: (enterpriseId: string) => EnterpriseMatchingRecord | undefined;
  scopeRows: (matching: PolicyMatching, scope: Scope) => Bitset | undefined;
}) {
  /** The rows a rule matches today: added to the matcher (evaluated alone over the snapshot), read, and dropped. */
  const evaluateRule = async (eligibility: unknown): Promise<{ matching: PolicyMatching; bits: Bitset }> => {
    const matching = await deps.matchingToday();
    const ruleId = `preview:${Math.random().toString(36).slice(2)}`;
    matching.matcher.addRule(ruleId, eligibility);
    const bits = matching.matcher.results().get(ruleId);
    matching.matcher.removeRule(ruleId);
    if (!bits) throw new Error('preview rule not evaluated');
    return { matching, bits: bits.slice() };
  };

  const rowOf = (matching: PolicyMatching, row: number): RuleRow => {
    const record = deps.recordOf(matching.enterpriseIds[row] ?? '');
    if (!record) throw new Error(`no record for row ${row}`);
    return toRuleRow(record, { asOf: matching.asOf });
  };

  return {
    /** How many enterprises the formula gives a negative or non-numeric benefit for, among all the rule matches (any scope). */
    async benefitProblems(rule: { eligibility: unknown; benefit: unknown; benefitCapWan: number | null }): Promise<{ negative: number; notNumeric: number }> {
      if (rule.benefit === null || rule.benefit === undefined) return { negative: 0, notNumeric: 0 };
      const { matching, bits } = await evaluateRule(rule.eligibility);
      const evaluator = compileRule(rule.benefit);
      const item = { benefit: rule.benefit as PolicyItem['benefit'], benefitCapWan: rule.benefitCapWan, benefitNote: '' };
      let negative = 0;
      let notNumeric = 0;
      forEachBit(bits, (row) => {
        const estimate = evaluateBenefit(item, rowOf(matching, row), evaluator);
        if (estimate.kind === 'error' && estimate.code === 'POLICIES_BENEFIT_NEGATIVE') negative += 1;
        else if (estimate.kind === 'error') notNumeric += 1;
      });
      return { negative, notNumeric };
    },

    /** The count in a scope, the estimated total, the formula's problems and 20 firms (largest benefit first) with key figures. */
    async previewRule(scope: Scope, input: PolicyRuleInput): Promise<PolicyPreview> {
      const { matching, bits } = await evaluateRule(input.eligibility);
      const inScope = deps.scopeRows(matching, scope);
      const eligible = intersect(bits, inScope);
      const benefit = input.benefit ?? null;
      const evaluator = benefit === null ? undefined : compileRule(benefit);
      const item = { benefit: benefit as PolicyItem['benefit'], benefitCapWan: input.benefitCapWan ?? null, benefitNote: '' };
      const rows: { row: number; amount: number | null }[] = [];
      let total = 0;
      let negative = 0;
      let notNumeric = 0;
      forEachBit(eligible, (row) => {
        const estimate = evaluator ? evaluateBenefit(item, rowOf(matching, row), evaluator) : null;
        if (estimate?.kind === 'estimated') total += estimate.amountWan;
        else if (estimate?.kind === 'error' && estimate.code === 'POLICIES_BENEFIT_NEGATIVE') negative += 1;
        else if (estimate?.kind === 'error') notNumeric += 1;
        rows.push({ row, amount: estimate?.kind === 'estimated' ? estimate.amountWan : null });
      });
      rows.sort((a, b) => (b.amount ?? -1) - (a.amount ?? -1) || a.row - b.row);
      const sample = rows.slice(0, 20).flatMap(({ row, amount }) => {
        const record = deps.recordOf(matching.enterpriseIds[row] ?? '');
        if (!record) return [];
        return [{
          enterpriseId: record.id,
          name: record.name,
          divisionName: getDivision(record.divisionCode)?.name ?? null,
          industryCode: record.industryCode,
          employees: record.employees,
          revenueWan: record.revenueWan,
          rdExpenseWan: record.rdExpenseWan,
          tags: record.tags,
          benefitWan: amount,
        }];
      });
      return {
        asOf: matching.asOf,
        eligibleCount: popcount(eligible),
        scopeCount: inScope ? popcount(inScope) : matching.snapshot.size,
        totalBenefitWan: evaluator ? round2(total) : null,
        benefitErrors: { negative, notNumeric },
        sample,
      };
    },
  };
}
