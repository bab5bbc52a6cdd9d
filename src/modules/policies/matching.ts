/**
 * Matching both ways, in memory: which enterprises fit each catalogue item (and which nearly do),
 * which items fit each enterprise with the estimated benefit, and why. Pure: the caller passes
 * the enterprises and the items; nothing is read or stored here.
 */
import {
  compileRule, createMatcher, createSnapshot, explain, findNearMisses, forEachBit, hasBit, popcount, truthy,
} from '../../rules/index.ts';
import type { Bitset, Evaluator, Explanation, Matcher, Schema, Snapshot } from '../../rules/index.ts';
import { relativeGapOf } from '../../rules/explain/explain.ts';

/** Separates an item id from a condition index in the matcher's rule ids (`zz-ipo#0`); item ids are kebab-case. */
const CONDITION_SEPARATOR = '#';
import { AppError } from '../../server/errors.ts';
import { isInForce } from './catalogue.ts';
import type { PolicyItem } from './catalogue.ts';
import { POLICY_FIELDS, toRuleRow } from './policy-fields.ts';
import type { RegistryEnterprise, RuleRow } from './policy-fields.ts';

/** What an item's benefit formula gives for one enterprise. */
export type BenefitEstimate =
  | { kind: 'estimated'; amountWan: number; /** The formula gave more than the item's cap. */ capped: boolean }
  | { kind: 'not-estimable'; reason: string }
  | { kind: 'error'; code: 'POLICIES_BENEFIT_NEGATIVE' | 'POLICIES_BENEFIT_NOT_NUMERIC'; value: unknown };

/** An enterprise failing exactly one top-level condition of an item, with that condition's gap. */
export interface PolicyNearMiss {
  enterpriseId: string;
  /** Index of the failed condition in the item's top-level `and`. */
  condition: number;
  /** The condition in words (`研发费用 (万元) > 0`). */
  label: string;
  /** How far the enterprise is from passing, in the condition's own unit (numeric conditions only). */
  gap?: number;
  relativeGap?: number;
  explanation: Explanation;
}

/** One item's match: the eligible enterprises, the near misses and the estimated total. */
export interface ItemMatch {
  itemId: string;
  eligible: string[];
  nearMisses: PolicyNearMiss[];
  /** How many enterprises fail exactly one condition (the list holds the closest `nearMissLimit`). */
  nearMissTotal: number;
  /** Sum of the estimated benefits of the eligible enterprises (万元); null when the item has no formula. */
  totalBenefitWan: number | null;
  /** Eligible enterprises whose formula gave a negative or non-numeric value (left out of the total). */
  benefitErrors: { enterpriseId: string; code: string; value: unknown }[];
}

/** One item an enterprise qualifies for, with its estimated benefit. */
export interface EnterpriseMatch {
  itemId: string;
  benefit: BenefitEstimate;
}

/** One item an enterprise fails by exactly one condition. */
export interface EnterpriseNearMiss {
  itemId: string;
  condition: number;
  label: string;
  gap?: number;
  relativeGap?: number;
}

/** Options of {@link createPolicyMatching}. */
export interface PolicyMatchingOptions {
  enterprises: readonly RegistryEnterprise[];
  items: readonly PolicyItem[];
  /** The day the match is asked for (`YYYY-MM-DD`): items not in force then are left out, and ages count to it. */
  asOf: string;
}

/** A full match of a catalogue over a set of enterprises, and the questions it answers. */
export interface PolicyMatching {
  readonly asOf: string;
  readonly snapshot: Snapshot;
  /** The matcher: one rule per item (its id), and one per top-level condition (`<item id>#<index>`). */
  readonly matcher: Matcher;
  /** The items matched (those in force on `asOf`), in catalogue order. */
  readonly items: readonly PolicyItem[];
  /** Whether an item is matched here (in force on `asOf`). */
  hasItem(itemId: string): boolean;
  /**
   * Adds an item or replaces its rule (a new version): only its rule and conditions are evaluated
   * against the stored snapshot (`matcher.addRule`), not the whole catalogue. An item not in force on
   * `asOf` is dropped instead. Returns whether the item is now matched.
   */
  putItem(item: PolicyItem): boolean;
  /** Drops an item (withdrawn) and its rules. */
  dropItem(itemId: string): void;
  /** Items of the catalogue left out because they are not in force on `asOf`. */
  readonly itemsNotInForce: readonly PolicyItem[];
  /** The eligible enterprises, near misses (closest first, at most `nearMissLimit`) and benefit total of one item. */
  forItem(itemId: string, options?: { nearMissLimit?: number }): ItemMatch;
  /** Number of eligible enterprises of one item, without listing them. */
  countEligible(itemId: string): number;
  /** The items an enterprise qualifies for with their benefit, and those it misses by one condition. */
  forEnterprise(enterpriseId: string): { matches: EnterpriseMatch[]; nearMisses: EnterpriseNearMiss[] };
  /** Why an enterprise does or does not fit an item: every condition with passed/failed and the gap; labels from `labels` (the Chinese schema by default). */
  explain(enterpriseId: string, itemId: string, labels?: Schema): Explanation;
  /** Enterprise ids by row (the snapshot's row order). */
  readonly enterpriseIds: readonly string[];
  /** The row of an enterprise, or undefined when it is not in the snapshot. */
  rowOf(enterpriseId: string): number | undefined;
  /** The current eligible rows of an item (kept current by {@link PolicyMatching.upsert}). */
  eligibleRows(itemId: string): Bitset;
  /**
   * The rows failing exactly one top-level condition of an item, among `include` (all rows when
   * absent), ranked closest first by the failed condition's relative gap (non-numeric ones last).
   */
  nearMissRows(itemId: string, include?: Bitset): { row: number; condition: number; relativeGap: number }[];
  /** How many rows among `include` fail exactly one top-level condition of an item. */
  countNearMisses(itemId: string, include?: Bitset): number;
  /** One top-level condition of an item explained for one row; labels from `labels` (the Chinese schema by default). */
  explainCondition(itemId: string, condition: number, row: number, labels?: Schema): Explanation;
  /** The benefit of an item for one row (cached per row until the row changes). */
  benefitAt(itemId: string, row: number): BenefitEstimate;
  /**
   * Brings enterprises up to date in place: a known one is rewritten in the snapshot and re-matched
   * alone (`snapshot.update` + `matcher.matchRow`); a new one is appended, and the full match reruns
   * only when the stored bitsets have no room for it.
   */
  upsert(enterprises: readonly RegistryEnterprise[]): { updated: number; appended: number; rematched: boolean };
  /** The benefit formula of an item evaluated for one enterprise (whether or not it is eligible). */
  estimateBenefit(enterpriseId: string, itemId: string): BenefitEstimate;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * Evaluates an item's benefit formula for one rule row: a finite, non-negative number of 万元,
 * capped at `benefitCapWan`; a negative or non-numeric result is reported, never turned into 0.
 */
export function evaluateBenefit(item: Pick<PolicyItem, 'benefit' | 'benefitCapWan' | 'benefitNote'>, row: RuleRow, evaluator?: Evaluator): BenefitEstimate {
  if (item.benefit === null || item.benefit === undefined) return { kind: 'not-estimable', reason: item.benefitNote };
  const value: unknown = (evaluator ?? compileRule(item.benefit))(row);
  if (typeof value !== 'number' || !Number.isFinite(value)) return { kind: 'error', code: 'POLICIES_BENEFIT_NOT_NUMERIC', value };
  if (value < 0) return { kind: 'error', code: 'POLICIES_BENEFIT_NEGATIVE', value };
  const cap = item.benefitCapWan;
  if (cap !== null && value > cap) return { kind: 'estimated', amountWan: cap, capped: true };
  return { kind: 'estimated', amountWan: round2(value), capped: false };
}

/** Rows (below `size`) failing exactly one of the conditions whose pass bitsets are given. */
function countFailingExactlyOne(passes: readonly Bitset[], size: number, include?: Bitset): number {
  const words = (size + 31) >>> 5;
  let count = 0;
  for (let w = 0; w < words; w += 1) {
    const valid = w === words - 1 && (size & 31) !== 0 ? (1 << (size & 31)) - 1 : 0xffffffff;
    let once = 0;
    let twice = 0;
    for (const bits of passes) {
      const failed = ~(bits[w] ?? 0) & valid;
      twice |= once & failed;
      once |= failed;
    }
    let v = (once & ~twice & (include ? (include[w] ?? 0) : 0xffffffff)) >>> 0;
    while (v !== 0) {
      v &= v - 1;
      count += 1;
    }
  }
  return count;
}

function topLevelConditions(rule: unknown): unknown[] | null {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule) || !('and' in rule)) return null;
  const raw: unknown = Reflect.get(rule, 'and');
  return Array.isArray(raw) ? raw : [raw];
}

/**
 * Matches the items in force on `asOf` against the enterprises: one columnar snapshot of their
 * rule rows, one matcher holding every item's eligibility rule, one full match. Questions are then
 * answered from the stored bitsets; explanations and near misses are computed on demand.
 */
export function createPolicyMatching(options: PolicyMatchingOptions): PolicyMatching {
  const { enterprises, asOf } = options;
  const rows = enterprises.map((e) => toRuleRow(e, { asOf }));
  const ids = enterprises.map((e) => e.id);
  // per item, the benefit of each row once computed (NaN: not yet); a changed row is forgotten
  const benefitCache = new Map<string, { values: (BenefitEstimate | undefined)[] }>();
  const rowOf = new Map<string, number>();
  ids.forEach((id, i) => {
    if (rowOf.has(id)) throw new AppError('POLICIES_ENTERPRISE_DUPLICATE', { params: { id } });
    rowOf.set(id, i);
  });
  let items = options.items.filter((item) => isInForce(item, asOf));
  const itemsNotInForce = options.items.filter((item) => !isInForce(item, asOf));
  const itemById = new Map(items.map((item) => [item.id, item]));

  const snapshot = createSnapshot(POLICY_FIELDS, rows);
  const matcher = createMatcher(snapshot);
  // each top-level condition is a rule of its own too: the matcher evaluates a condition shared
  // with the full rule once, and the per-condition bitsets count near misses and find an
  // enterprise's one failed condition without explaining every item
  const conditionsOf = new Map<string, unknown[]>();
  for (const item of items) {
    matcher.addRule(item.id, item.eligibility);
    const conditions = topLevelConditions(item.eligibility);
    if (!conditions) continue;
    conditionsOf.set(item.id, conditions);
    conditions.forEach((condition, k) => matcher.addRule(`${item.id}${CONDITION_SEPARATOR}${k}`, condition));
  }
  matcher.matchAll();
  const benefitEvaluators = new Map<string, Evaluator>();
  for (const item of items) if (item.benefit !== null && item.benefit !== undefined) benefitEvaluators.set(item.id, compileRule(item.benefit));

  const itemOf = (itemId: string): PolicyItem => {
    const item = itemById.get(itemId);
    if (!item) throw new AppError('POLICIES_ITEM_NOT_FOUND', { params: { id: itemId, asOf } });
    return item;
  };
  const rowIndex = (enterpriseId: string): number => {
    const index = rowOf.get(enterpriseId);
    if (index === undefined) throw new AppError('POLICIES_ENTERPRISE_NOT_FOUND', { params: { id: enterpriseId } });
    return index;
  };
  const bitsOf = (itemId: string): Bitset => {
    // results() writes the bits of rows re-matched since the last read
    const bits = matcher.results().get(itemId);
    if (!bits) throw new Error(`no result for item ${itemId}`);
    return bits;
  };
  const rowAt = (index: number): RuleRow => {
    const row = rows[index];
    if (!row) throw new Error(`no row ${index}`);
    return row;
  };
  const benefitFor = (item: PolicyItem, index: number): BenefitEstimate => {
    let cache = benefitCache.get(item.id);
    if (!cache) {
      cache = { values: [] };
      benefitCache.set(item.id, cache);
    }
    const known = cache.values[index];
    if (known) return known;
    const computed = evaluateBenefit(item, rowAt(index), benefitEvaluators.get(item.id));
    cache.values[index] = computed;
    return computed;
  };
  const dropRules = (itemId: string): void => {
    matcher.removeRule(itemId);
    (conditionsOf.get(itemId) ?? []).forEach((_, k) => matcher.removeRule(`${itemId}${CONDITION_SEPARATOR}${k}`));
    conditionsOf.delete(itemId);
    benefitEvaluators.delete(itemId);
    benefitCache.delete(itemId);
  };
  const dropItem = (itemId: string): void => {
    if (itemById.has(itemId)) dropRules(itemId);
    itemById.delete(itemId);
    items = items.filter((i) => i.id !== itemId);
  };
  const conditionBits = (itemId: string): Bitset[] => (conditionsOf.get(itemId) ?? []).map((_, k) => bitsOf(`${itemId}${CONDITION_SEPARATOR}${k}`));

  return {
    asOf,
    snapshot,
    matcher,
    get items() {
      return items;
    },
    itemsNotInForce,
    hasItem: (itemId) => itemById.has(itemId),
    putItem(item) {
      if (itemById.has(item.id)) dropRules(item.id);
      if (!isInForce(item, asOf)) {
        dropItem(item.id);
        return false;
      }
      const known = items.findIndex((i) => i.id === item.id);
      items = known >= 0 ? items.map((i, k) => (k === known ? item : i)) : [...items, item];
      itemById.set(item.id, item);
      // each addRule after the full match evaluates that rule alone over the stored snapshot
      matcher.addRule(item.id, item.eligibility);
      const conditions = topLevelConditions(item.eligibility);
      if (conditions) {
        conditionsOf.set(item.id, conditions);
        conditions.forEach((condition, k) => matcher.addRule(`${item.id}${CONDITION_SEPARATOR}${k}`, condition));
      }
      if (item.benefit !== null && item.benefit !== undefined) benefitEvaluators.set(item.id, compileRule(item.benefit));
      return true;
    },
    dropItem,
    enterpriseIds: ids,
    rowOf: (enterpriseId) => rowOf.get(enterpriseId),
    eligibleRows: (itemId) => {
      itemOf(itemId);
      return bitsOf(itemId);
    },
    countNearMisses: (itemId, include) => {
      itemOf(itemId);
      return conditionsOf.has(itemId) ? countFailingExactlyOne(conditionBits(itemId), snapshot.size, include) : 0;
    },
    nearMissRows(itemId, include) {
      itemOf(itemId);
      const conditions = conditionsOf.get(itemId);
      if (!conditions) return [];
      const passes = conditionBits(itemId);
      const words = (snapshot.size + 31) >>> 5;
      const ranked: { row: number; condition: number; relativeGap: number }[] = [];
      for (let w = 0; w < words; w += 1) {
        const valid = w === words - 1 && (snapshot.size & 31) !== 0 ? (1 << (snapshot.size & 31)) - 1 : 0xffffffff;
        let once = 0;
        let twice = 0;
        for (const bits of passes) {
          const failed = ~(bits[w] ?? 0) & valid;
          twice |= once & failed;
          once |= failed;
        }
        let v = (once & ~twice & (include ? (include[w] ?? 0) : 0xffffffff)) >>> 0;
        while (v !== 0) {
          const bit = 31 - Math.clz32(v & -v);
          v = (v & (v - 1)) >>> 0;
          const row = (w << 5) + bit;
          const k = passes.findIndex((bits) => !hasBit(bits, row));
          ranked.push({ row, condition: k, relativeGap: relativeGapOf(conditions[k], rowAt(row)) ?? Infinity });
        }
      }
      ranked.sort((a, b) => a.relativeGap - b.relativeGap || a.row - b.row);
      return ranked;
    },
    explainCondition: (itemId, condition, row, labels = POLICY_FIELDS) => {
      itemOf(itemId);
      const conditions = conditionsOf.get(itemId);
      return explain(conditions ? conditions[condition] : itemOf(itemId).eligibility, rowAt(row), labels);
    },
    benefitAt: (itemId, row) => benefitFor(itemOf(itemId), row),
    upsert(changed) {
      let updated = 0;
      let appended = 0;
      const words = (snapshot.size + 31) >>> 5;
      for (const enterprise of changed) {
        const row = toRuleRow(enterprise, { asOf });
        const known = rowOf.get(enterprise.id);
        if (known !== undefined) {
          rows[known] = row;
          snapshot.update(known, row);
          for (const cache of benefitCache.values()) cache.values[known] = undefined;
          updated += 1;
          continue;
        }
        const index = snapshot.append(row);
        rows[index] = row;
        ids[index] = enterprise.id;
        rowOf.set(enterprise.id, index);
        appended += 1;
      }
      // stored bitsets are as long as the snapshot was at the last full match: rows past them need one
      const rematched = ((snapshot.size + 31) >>> 5) > words;
      if (rematched) {
        matcher.matchAll();
      } else {
        for (const enterprise of changed) {
          const index = rowOf.get(enterprise.id);
          if (index !== undefined) matcher.matchRow(index);
        }
      }
      return { updated, appended, rematched };
    },
    countEligible: (itemId) => {
      itemOf(itemId);
      return popcount(bitsOf(itemId));
    },
    forItem(itemId, { nearMissLimit = 100 } = {}) {
      const item = itemOf(itemId);
      const eligible: string[] = [];
      const benefitErrors: ItemMatch['benefitErrors'] = [];
      let total = 0;
      forEachBit(bitsOf(itemId), (index) => {
        const enterpriseId = ids[index] ?? '';
        eligible.push(enterpriseId);
        const benefit = benefitFor(item, index);
        if (benefit.kind === 'estimated') total += benefit.amountWan;
        else if (benefit.kind === 'error') benefitErrors.push({ enterpriseId, code: benefit.code, value: benefit.value });
      });
      const found = nearMissLimit > 0 ? findNearMisses(snapshot, item.eligibility, { limit: nearMissLimit, executor: matcher.executor }) : [];
      const nearMisses = found.map((miss) => ({
        enterpriseId: ids[miss.row] ?? '',
        condition: miss.condition,
        label: miss.explanation.label ?? miss.explanation.op,
        ...(miss.gap !== undefined ? { gap: miss.gap } : {}),
        ...(miss.relativeGap !== undefined ? { relativeGap: miss.relativeGap } : {}),
        explanation: miss.explanation,
      }));
      const nearMissTotal = conditionsOf.has(itemId) ? countFailingExactlyOne(conditionBits(itemId), snapshot.size) : 0;
      return { itemId, eligible, nearMisses, nearMissTotal, totalBenefitWan: item.benefit === null ? null : round2(total), benefitErrors };
    },
    forEnterprise(enterpriseId) {
      const index = rowIndex(enterpriseId);
      const matches: EnterpriseMatch[] = [];
      const nearMisses: EnterpriseNearMiss[] = [];
      for (const item of items) {
        if (hasBit(bitsOf(item.id), index)) {
          matches.push({ itemId: item.id, benefit: benefitFor(item, index) });
          continue;
        }
        const conditions = conditionsOf.get(item.id);
        if (!conditions) continue;
        const failed = conditionBits(item.id).flatMap((bits, k) => (hasBit(bits, index) ? [] : [k]));
        const [k] = failed;
        if (failed.length !== 1 || k === undefined) continue;
        const why = explain(conditions[k], rowAt(index), POLICY_FIELDS);
        nearMisses.push({
          itemId: item.id,
          condition: k,
          label: why.label ?? why.op,
          ...(why.gap !== undefined ? { gap: why.gap } : {}),
          ...(why.relativeGap !== undefined ? { relativeGap: why.relativeGap } : {}),
        });
      }
      return { matches, nearMisses };
    },
    explain: (enterpriseId, itemId, labels = POLICY_FIELDS) => explain(itemOf(itemId).eligibility, rowAt(rowIndex(enterpriseId)), labels),
    estimateBenefit: (enterpriseId, itemId) => benefitFor(itemOf(itemId), rowIndex(enterpriseId)),
  };
}

/** True when the JsonLogic value of an item's rule for a row is truthy: the row-by-row reference the matcher must agree with. */
export function matchesRowByRow(item: Pick<PolicyItem, 'eligibility'>, row: RuleRow): boolean {
  return truthy(compileRule(item.eligibility)(row));
}
