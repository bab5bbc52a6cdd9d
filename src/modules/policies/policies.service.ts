/**
 * 政策找企业 in the app: the checked catalogue, one columnar match of every enterprise per as-of
 * day (kept current from the registry's change hook, one row at a time), and the answers by item
 * and by enterprise, always inside the caller's scope.
 */
import { describeRule, explain, forEachBit, hasBit, popcount, truthy, compileRule } from '../../rules/index.ts';
import type { Bitset, Evaluator, Explanation } from '../../rules/index.ts';
import type { Actor, Scope } from '../../server/actor.ts';
import { scopeContainsDivision } from '../../server/actor.ts';
import type { Clock } from '../../server/clock.ts';
import { AppError } from '../../server/errors.ts';
import { assertCan } from '../../server/permissions.ts';
import { classifyEnterprise, getDivision, getIndustry, getJurisdiction, listDivisions, normalizeIndustryCode } from '../../standards/index.ts';
import { ENTERPRISE_TAGS } from '../enterprises/index.ts';
import type { EnterpriseChange, EnterpriseMatchingRecord } from '../enterprises/index.ts';
import type { Db } from '../../server/db/index.ts';
import type { AuditChange, AuditService } from '../audit/index.ts';
import { checkRule, createPolicyAuthoring } from './authoring.service.ts';
import { createPolicyDocuments } from './documents.service.ts';
import type { DocumentFiles } from './documents.service.ts';
import { createRulePreview } from './rule-preview.ts';
import type { PolicyPreview, PolicyRuleInput } from './authoring.schemas.ts';
import { isInForce, loadStarterCatalogue, parseCatalogue } from './catalogue.ts';
import type { PolicyItem } from './catalogue.ts';
import { resolveAsOf, starterRows } from './catalogue-store.ts';
import type { PolicyItemRecord } from './catalogue-store.ts';
import { loadStoredItems } from './policies.repository.ts';
import { ensureStarterCatalogue } from './starter-catalogue.ts';
import type { StoredPolicyItem } from './policies.repository.ts';
import { createPolicyMatching, evaluateBenefit } from './matching.ts';
import type { BenefitEstimate, PolicyMatching } from './matching.ts';
import { POLICY_FIELDS, describePolicyFields, policyFieldsIn, toRuleRow } from './policy-fields.ts';
import type { FieldLabelLocale } from './policy-fields.ts';
import type {
  Benefit, EnterpriseItemMatch, EnterpriseItemNearMiss, EnterprisePolicyMatches, ExplanationStep, Miss, PolicyCalculatorResult,
  PolicyItemDetail, PolicyItemList, PolicyItemRef, PolicyItemSummary, PolicyMatchPage, PolicyMatchRow, PolicyMatchesQuery,
  PublicPolicyItem, PublicPolicyList,
} from './policies.schemas.ts';
import type { z } from 'zod';
import type { PolicyCalculatorInputSchema } from './policies.schemas.ts';

/** What the policies service needs of the registry (the enterprises service provides it). */
export interface PolicyRegistry {
  streamMatchingRecords(): AsyncIterable<EnterpriseMatchingRecord[]>;
  findMatchingRecords(ids: readonly string[]): Promise<EnterpriseMatchingRecord[]>;
  onEnterpriseChanged(listener: (change: EnterpriseChange) => void): () => void;
}

export interface PoliciesServiceDeps {
  clock: Clock;
  enterprises: PolicyRegistry;
  /**
   * The database holding the catalogue (documents, items, versions); the starter catalogue is
   * loaded into it on first use when it has no item. Without it the catalogue lives in memory.
   */
  db?: Db;
  /** Without `db`: the catalogue (checked); the starter catalogue when absent. A broken one throws here. */
  catalogue?: { version: string; items: PolicyItem[] };
  /** The audit trail every catalogue write is recorded in (with `db`). */
  audit?: AuditService;
  /** Where a document's files are kept (with `db`); without it documents carry no files. */
  files?: DocumentFiles;
  /** Where timings and failed updates are reported (the app's logger). */
  log?: { info: (data: object, message: string) => void; error: (data: object, message: string) => void };
  /** How many as-of days keep a match in memory (today's is one of them). */
  maxCachedDays?: number;
  /**
   * The audit log followed from a cursor (`createChangeFeed`): enterprise and item changes committed
   * by any process are applied here. Started before the registry is read, so nothing falls between.
   */
  changeFeed?: ChangeFeedSource;
}

/** What the service needs of the change feed. */
export interface ChangeFeedSource {
  start(): Promise<void>;
  subscribe(handler: (changes: AuditChange[]) => Promise<void>): void;
}

/** The language of the labels in rules in words and explanations (zh-CN by default). */
export type LabelOptions = { locale?: FieldLabelLocale | undefined };

/** The item actions after which the matches of an item change. */
const ITEM_MATCH_ACTIONS = new Set(['policy_item.publish', 'policy_item.withdraw']);
/** The document actions after which its items read differently (title, 文号, dates, source). */
const DOCUMENT_ACTIONS = new Set(['policy_document.update']);

/** Timing of the last full match built, for the log and the docs. */
export interface MatchTiming {
  asOf: string;
  enterprises: number;
  items: number;
  loadMs: number;
  matchMs: number;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const finite = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
/** JSON-safe value for an explanation: NaN and ±Infinity become null. */
const jsonValue = (x: unknown): unknown => (typeof x === 'number' && !Number.isFinite(x) ? null : x);

/** The values of one condition as a reply carries them: as read and required, in words where named, and the gap. */
function conditionValues(node: Explanation): Pick<ExplanationStep, 'actual' | 'actualLabel' | 'required' | 'requiredLabel' | 'gap' | 'relativeGap'> {
  const gap = finite(node.gap);
  const relativeGap = finite(node.relativeGap);
  return {
    ...(node.actual !== undefined ? { actual: jsonValue(node.actual) } : {}),
    ...(node.actualLabel !== undefined ? { actualLabel: node.actualLabel } : {}),
    ...(node.required !== undefined ? { required: jsonValue(node.required) } : {}),
    ...(node.requiredLabel !== undefined ? { requiredLabel: node.requiredLabel } : {}),
    ...(gap !== undefined ? { gap } : {}),
    ...(relativeGap !== undefined ? { relativeGap } : {}),
  };
}

/** An explanation tree flattened in reading order, each node with its depth. */
export function flattenExplanation(tree: Explanation, depth = 0, out: ExplanationStep[] = []): ExplanationStep[] {
  out.push({ depth, op: tree.op, label: tree.label ?? tree.op, passed: tree.passed, ...conditionValues(tree) });
  for (const child of tree.children ?? []) flattenExplanation(child, depth + 1, out);
  return out;
}

function toMiss(condition: number, why: Explanation): Miss {
  return { condition, label: why.label ?? why.op, ...conditionValues(why) };
}

function toBenefit(estimate: BenefitEstimate): Benefit {
  switch (estimate.kind) {
    case 'estimated':
      return { kind: 'estimated', amountWan: estimate.amountWan, capped: estimate.capped };
    case 'not-estimable':
      return { kind: 'not-estimable', reason: estimate.reason };
    case 'error':
      return { kind: 'error', code: estimate.code };
  }
}

function toRef(item: PolicyItem): PolicyItemRef {
  return {
    id: item.id,
    title: item.title,
    documentTitle: item.documentTitle,
    documentNumber: item.documentNumber,
    issuer: item.issuer,
    level: item.level,
    validTo: item.validTo ?? null,
    exemptFromApplication: item.exemptFromApplication,
    verification: item.verification,
    verificationNote: item.verificationNote,
  };
}

function topLevelConditions(rule: unknown): unknown[] | null {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule) || !('and' in rule)) return null;
  const raw: unknown = Reflect.get(rule, 'and');
  return Array.isArray(raw) ? raw : [raw];
}

/** A bitset of `size` rows with the rows `keep` accepts. */
function bitsWhere(size: number, keep: (row: number) => boolean): Bitset {
  const bits = new Uint32Array((size + 31) >>> 5);
  for (let row = 0; row < size; row += 1) if (keep(row)) bits[row >>> 5] = (bits[row >>> 5] ?? 0) | (1 << (row & 31));
  return bits;
}

function and(a: Bitset, b: Bitset | undefined): Bitset {
  if (!b) return a;
  const out = new Uint32Array(a.length);
  for (let w = 0; w < a.length; w += 1) out[w] = (a[w] ?? 0) & (b[w] ?? 0);
  return out;
}

export type PoliciesService = ReturnType<typeof createPoliciesService>;

/**
 * Creates the policies service. The catalogue is checked at once (a broken one throws); the
 * registry is read on first use (or by `warmUp`), and every committed change of an enterprise
 * is applied to each kept match in place (`snapshot.update` + `matcher.matchRow`).
 */
export function createPoliciesService(deps: PoliciesServiceDeps) {
  const { clock } = deps;
  const starter = deps.catalogue ? parseCatalogue(deps.catalogue) : loadStarterCatalogue();
  /** The stored catalogue in its order (every state), read once and refreshed item by item after a write. */
  let stored = new Map<string, StoredPolicyItem>();
  let catalogueLoading: Promise<void> | null = null;
  /** Per as-of day, the published items resolved to their version then (cleared by any item change). */
  const resolvedByDay = new Map<string, { items: PolicyItemRecord[]; byId: Map<string, PolicyItemRecord> }>();
  const benefitEvaluators = new WeakMap<PolicyItem, Evaluator>();
  const benefitEvaluatorOf = (item: PolicyItem): Evaluator | undefined => {
    if (item.benefit === null) return undefined;
    let evaluator = benefitEvaluators.get(item);
    if (!evaluator) {
      evaluator = compileRule(item.benefit);
      benefitEvaluators.set(item, evaluator);
    }
    return evaluator;
  };
  const maxCachedDays = deps.maxCachedDays ?? 3;
  const records = new Map<string, EnterpriseMatchingRecord>();
  let loading: Promise<void> | null = null;
  let loaded = false;
  let changes: Promise<void> = Promise.resolve();
  const matchings = new Map<string, PolicyMatching>();
  const scopeCache = new Map<string, Bitset | undefined>();
  let lastTiming: MatchTiming | null = null;
  let loadMs = 0;

  /** The starter catalogue as stored rows, for a database with no item and for the in-memory catalogue. */
  const starterStored = (): StoredPolicyItem[] => {
    const at = new Date(0);
    const rows = starterRows(starter.items, at);
    const documents = new Map(rows.documents.map((d) => [d.id, { divisionCode: null, documentNumber: null, publishedOn: null, validFrom: null, validTo: null, sourceNote: null, fullText: null, createdBy: null, createdAt: at, updatedAt: at, ...d }]));
    return rows.items.flatMap((item) => {
      const document = documents.get(item.documentId);
      const versions = rows.versions.filter((v) => v.itemId === item.id).map((v) => ({
        id: `${item.id}@${v.version}`, effectiveFrom: null, validFrom: null, validTo: null, benefit: null, benefitCapWan: null, applicationOpensOn: null, applicationClosesOn: null,
        budgetWan: null, exemptFromApplication: false, applicationNote: null, createdBy: null, createdAt: at, publishedAt: at, publishedBy: null, ...v,
      }));
      return document ? [{ ...item, createdBy: null, createdAt: at, updatedAt: at, document, versions }] : [];
    });
  };

  const loadCatalogue = (): Promise<void> => {
    if (!catalogueLoading) {
      catalogueLoading = (async () => {
        // the feed's cursor first: an item published while the catalogue is read is applied after it
        await deps.changeFeed?.start();
        const db = deps.db;
        const loaded = db ? await ensureStarterCatalogue({ db, clock }, starter) : 0;
        if (loaded > 0) deps.log?.info({ items: loaded }, `policies: loaded the starter catalogue (${loaded} items) into the database`);
        const items = db ? await loadStoredItems(db) : starterStored();
        stored = new Map(items.map((item) => [item.id, item]));
        resolvedByDay.clear();
      })();
      catalogueLoading.catch(() => {
        catalogueLoading = null;
      });
    }
    return catalogueLoading;
  };

  /** The published items as of a day (each at its version then), in catalogue order. */
  const catalogueOn = (asOf: string): { items: PolicyItemRecord[]; byId: Map<string, PolicyItemRecord> } => {
    const kept = resolvedByDay.get(asOf);
    if (kept) return kept;
    const items = [...stored.values()].flatMap((s) => resolveAsOf(s, asOf) ?? []);
    const resolved = { items, byId: new Map(items.map((item) => [item.id, item])) };
    if (resolvedByDay.size > 16) resolvedByDay.clear();
    resolvedByDay.set(asOf, resolved);
    return resolved;
  };

  /** The catalogue's version: the last day an item was published (the starter catalogue's version before). */
  const catalogueVersion = (): string => {
    let latest = '';
    for (const s of stored.values()) for (const v of s.versions) if (v.publishedAt && v.publishedAt.getTime() > 0) latest = v.publishedAt.toISOString() > latest ? v.publishedAt.toISOString() : latest;
    return latest || starter.version;
  };

  const today = (): string => {
    const now = clock.now();
    // the calendar day in 郑州 (UTC+8, no daylight saving)
    return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  };

  const load = (): Promise<void> => {
    if (!loading) {
      loading = (async () => {
        // the feed's cursor is placed first: a change committed while the registry is read is applied after it
        await deps.changeFeed?.start();
        const started = performance.now();
        for await (const batch of deps.enterprises.streamMatchingRecords()) for (const record of batch) records.set(record.id, record);
        loadMs = performance.now() - started;
        loaded = true;
      })();
      loading.catch(() => {
        loading = null;
      });
    }
    return loading;
  };

  const applyChange = async (change: EnterpriseChange): Promise<void> => {
    if (!loading) return; // nothing read yet: the first read sees the change
    await loading;
    const read = change.records ?? (await readRecords(change.ids));
    // the feed brings this process's own changes back, already applied: a record that did not change is skipped
    const fresh = read.filter((record) => JSON.stringify(records.get(record.id)) !== JSON.stringify(record));
    if (fresh.length === 0) return;
    for (const record of fresh) records.set(record.id, record);
    for (const matching of matchings.values()) matching.upsert(fresh);
  };

  /** Records by id, read 1,000 ids at a time. */
  const readRecords = async (ids: readonly string[]): Promise<EnterpriseMatchingRecord[]> => {
    const out: EnterpriseMatchingRecord[] = [];
    for (let i = 0; i < ids.length; i += 1000) out.push(...(await deps.enterprises.findMatchingRecords(ids.slice(i, i + 1000))));
    return out;
  };

  /** Ids changed while a full re-match was reading the registry: re-read before its result is taken. */
  let changedDuringRebuild: Set<string> | null = null;
  /** Items changed while a full re-match was reading the catalogue: refreshed again after it. */
  let itemsChangedDuringRebuild: Set<string> | null = null;
  /** Applies a committed change of enterprises after the changes before it; reads wait for it. */
  const enqueueChange = (change: EnterpriseChange): Promise<void> => {
    if (changedDuringRebuild) for (const id of change.ids) changedDuringRebuild.add(id);
    changes = changes
      .then(() => applyChange(change))
      .catch((error: unknown) => {
        // a lost update must not leave a stale match: the next read rebuilds from the registry
        deps.log?.error({ err: error }, 'policies: applying an enterprise change failed; matches will be rebuilt');
        matchings.clear();
        records.clear();
        loading = null;
        loaded = false;
      });
    return changes;
  };
  deps.enterprises.onEnterpriseChanged((change) => void enqueueChange(change));

  /** The match of every item in force on `asOf`, current with every committed change. */
  const matchingFor = async (asOf: string): Promise<PolicyMatching> => {
    await loadCatalogue();
    await load();
    await changes;
    const kept = matchings.get(asOf);
    if (kept) {
      matchings.delete(asOf);
      matchings.set(asOf, kept);
      return kept;
    }
    return buildMatching(asOf);
  };

  /** A new full match of the records in memory as of a day, kept with the others. */
  const buildMatching = (asOf: string): PolicyMatching => {
    const started = performance.now();
    const matching = createPolicyMatching({ enterprises: [...records.values()], items: catalogueOn(asOf).items.filter((item) => item.isEffective), asOf });
    const matchMs = performance.now() - started;
    lastTiming = { asOf, enterprises: records.size, items: matching.items.length, loadMs: Math.round(loadMs), matchMs: Math.round(matchMs) };
    deps.log?.info({ ...lastTiming }, `policies: matched ${matching.items.length} items × ${records.size} enterprises as of ${asOf} in ${Math.round(matchMs)} ms`);
    matchings.set(asOf, matching);
    while (matchings.size > maxCachedDays) {
      const oldest = matchings.keys().next().value;
      if (oldest === undefined) break;
      matchings.delete(oldest);
    }
    return matching;
  };

  /** The rows of a match inside a scope (undefined: every row). */
  const scopeRows = (matching: PolicyMatching, scope: Scope): Bitset | undefined => {
    if (scope.kind === 'all') return undefined;
    const key = `${matching.asOf}|${matching.snapshot.changeCount}|${matching.snapshot.size}|${JSON.stringify(scope)}`;
    if (scopeCache.has(key)) return scopeCache.get(key);
    const ids = matching.enterpriseIds;
    let bits: Bitset;
    if (scope.kind === 'enterprise') {
      const row = matching.rowOf(scope.enterpriseId);
      bits = bitsWhere(matching.snapshot.size, (r) => r === row);
    } else if (scope.kind === 'none') {
      bits = new Uint32Array((matching.snapshot.size + 31) >>> 5);
    } else {
      bits = bitsWhere(matching.snapshot.size, (r) => {
        const record = records.get(ids[r] ?? '');
        return record !== undefined && scopeContainsDivision(scope, record.divisionCode);
      });
    }
    if (scopeCache.size > 64) scopeCache.clear();
    scopeCache.set(key, bits);
    return bits;
  };

  /** A published item as of a day; 404 for an unknown, draft or withdrawn one. */
  const itemOf = (asOf: string, id: string): PolicyItemRecord => {
    const item = catalogueOn(asOf).byId.get(id);
    if (!item) throw new AppError('POLICIES_ITEM_NOT_FOUND', { status: 404, params: { id } });
    return item;
  };

  const inForceItem = (matching: PolicyMatching, id: string): boolean => matching.hasItem(id);

  const summarize = (matching: PolicyMatching, item: PolicyItemRecord, scope: Bitset | undefined): PolicyItemSummary => {
    const inForce = matching.hasItem(item.id);
    let eligibleCount: number | null = null;
    let nearMissCount: number | null = null;
    let totalBenefitWan: number | null = null;
    let benefitErrorCount = 0;
    if (inForce) {
      const eligible = and(matching.eligibleRows(item.id), scope);
      eligibleCount = popcount(eligible);
      nearMissCount = matching.countNearMisses(item.id, scope);
      if (item.benefit !== null) {
        let total = 0;
        forEachBit(eligible, (row) => {
          const benefit = matching.benefitAt(item.id, row);
          if (benefit.kind === 'estimated') total += benefit.amountWan;
          else if (benefit.kind === 'error') benefitErrorCount += 1;
        });
        totalBenefitWan = round2(total);
      }
    }
    return {
      ...toRef(item),
      divisionCode: item.divisionCode ?? null,
      divisionName: item.divisionCode ? (getJurisdiction(item.divisionCode)?.name ?? getDivision(item.divisionCode)?.name ?? null) : null,
      publishedOn: item.publishedOn,
      validFrom: item.validFrom,
      inForce,
      benefitCapWan: item.benefitCapWan,
      benefitEstimable: item.benefit !== null,
      eligibleCount,
      nearMissCount,
      totalBenefitWan,
      benefitErrorCount,
      documentId: item.documentId,
      version: item.version,
      effectiveFrom: item.effectiveFrom,
      budgetWan: item.budgetWan,
      applicationOpensOn: item.applicationOpensOn,
      applicationClosesOn: item.applicationClosesOn,
    };
  };

  /** Rows of an item's list (eligible or near misses) in scope, filtered by division and name. */
  const listRows = (matching: PolicyMatching, item: PolicyItem, actor: Actor, query: Omit<PolicyMatchesQuery, 'page' | 'pageSize'>): { row: number; condition?: number }[] => {
    let scope = scopeRows(matching, actor.scope);
    const ids = matching.enterpriseIds;
    if (query.division) {
      const jurisdiction = getJurisdiction(query.division);
      const filter: Scope = jurisdiction
        ? { kind: 'divisions', prefixes: jurisdiction.divisionPrefixes, excludedPrefixes: jurisdiction.excludedPrefixes }
        : { kind: 'divisions', prefixes: [query.division] };
      scope = and(scopeRows(matching, filter) ?? new Uint32Array(0), scope);
    }
    const q = query.q?.toLowerCase();
    const keep = (row: number): boolean => {
      if (!q) return true;
      const record = records.get(ids[row] ?? '');
      return record !== undefined && (record.name.toLowerCase().includes(q) || record.creditCode.toLowerCase().startsWith(q));
    };
    if (query.kind === 'near-miss') return matching.nearMissRows(item.id, scope).filter(({ row }) => keep(row));
    const eligible = and(matching.eligibleRows(item.id), scope);
    const rows: { row: number; amount: number; name: string }[] = [];
    forEachBit(eligible, (row) => {
      if (!keep(row)) return;
      const benefit = matching.benefitAt(item.id, row);
      rows.push({ row, amount: benefit.kind === 'estimated' ? benefit.amountWan : -1, name: records.get(ids[row] ?? '')?.name ?? '' });
    });
    // the largest estimated benefit first, then by name
    rows.sort((a, b) => b.amount - a.amount || a.name.localeCompare(b.name, 'zh-CN'));
    return rows;
  };

  const matchRow = (matching: PolicyMatching, item: PolicyItem, entry: { row: number; condition?: number }, locale: FieldLabelLocale): PolicyMatchRow => {
    const id = matching.enterpriseIds[entry.row] ?? '';
    const record = records.get(id);
    if (!record) throw new Error(`no record for row ${entry.row}`);
    return {
      enterpriseId: id,
      name: record.name,
      creditCode: record.creditCode,
      divisionCode: record.divisionCode,
      divisionName: getDivision(record.divisionCode)?.name ?? null,
      industryCode: record.industryCode,
      benefit: toBenefit(matching.benefitAt(item.id, entry.row)),
      miss: entry.condition === undefined ? null : toMiss(entry.condition, matching.explainCondition(item.id, entry.condition, entry.row, policyFieldsIn(locale))),
    };
  };

  const asOfOf = (asOf: string | undefined): string => asOf ?? today();

  /** The one enterprise's matches, near misses and explanations on a match. */
  const enterpriseMatches = (matching: PolicyMatching, enterpriseId: string, locale: FieldLabelLocale): Omit<EnterprisePolicyMatches, 'name'> => {
    const labels = policyFieldsIn(locale);
    const row = matching.rowOf(enterpriseId);
    if (row === undefined) throw new AppError('POLICIES_ENTERPRISE_NOT_FOUND', { status: 404, params: { id: enterpriseId } });
    const { matches, nearMisses } = matching.forEnterprise(enterpriseId);
    const matched: EnterpriseItemMatch[] = matches.map((m) => ({
      item: toRef(itemOf(matching.asOf, m.itemId)),
      benefit: toBenefit(m.benefit),
      explanation: flattenExplanation(matching.explain(enterpriseId, m.itemId, labels)),
    }));
    const missed: EnterpriseItemNearMiss[] = nearMisses.map((m) => ({
      item: toRef(itemOf(matching.asOf, m.itemId)),
      miss: toMiss(m.condition, matching.explainCondition(m.itemId, m.condition, row, labels)),
      benefit: toBenefit(matching.estimateBenefit(enterpriseId, m.itemId)),
      explanation: flattenExplanation(matching.explain(enterpriseId, m.itemId, labels)),
    }));
    missed.sort((a, b) => (a.miss.relativeGap ?? Infinity) - (b.miss.relativeGap ?? Infinity));
    const total = matched.reduce((sum, m) => sum + (m.benefit.kind === 'estimated' ? m.benefit.amountWan : 0), 0);
    return { asOf: matching.asOf, enterpriseId, totalBenefitWan: round2(total), matches: matched, nearMisses: missed };
  };

  const publicItem = (item: PolicyItemRecord, asOf: string, locale: FieldLabelLocale, attachments: PublicPolicyItem['attachments']): PublicPolicyItem => ({
    ...toRef(item),
    documentId: item.documentId,
    attachments,
    divisionCode: item.divisionCode ?? null,
    publishedOn: item.publishedOn,
    validFrom: item.validFrom,
    inForce: item.isEffective && isInForce(item, asOf),
    sourceUrl: item.sourceUrl,
    article: item.article,
    eligibility: item.eligibility,
    ruleText: describeRule(item.eligibility, policyFieldsIn(locale)),
    benefit: item.benefit,
    benefitText: item.benefit === null ? null : describeRule(item.benefit, policyFieldsIn(locale)),
    benefitCapWan: item.benefitCapWan,
    benefitNote: item.benefitNote,
    unencodedConditions: item.unencodedConditions,
    version: item.version,
    effectiveFrom: item.effectiveFrom,
  });

  const itemListeners = new Set<(itemId: string) => void>();
  /** Re-reads one item from the database and re-matches it alone in every kept match (`matcher.addRule`). */
  const refreshItem = async (id: string, options: { skipUnchanged?: boolean } = {}): Promise<void> => {
    if (itemsChangedDuringRebuild) itemsChangedDuringRebuild.add(id);
    await loadCatalogue();
    const [fresh] = deps.db ? await loadStoredItems(deps.db, [id]) : [];
    // the feed brings this process's own publications back, already applied
    if (options.skipUnchanged && JSON.stringify(fresh ?? null) === JSON.stringify(stored.get(id) ?? null)) return;
    if (fresh) stored.set(id, fresh);
    else stored.delete(id);
    resolvedByDay.clear();
    await changes;
    for (const matching of matchings.values()) {
      const item = fresh ? resolveAsOf(fresh, matching.asOf) : null;
      if (item && item.isEffective) matching.putItem(item);
      else matching.dropItem(id);
    }
    scopeCache.clear();
    for (const listener of itemListeners) {
      try {
        listener(id);
      } catch (error) {
        deps.log?.error({ err: error }, 'policies: an item change listener failed');
      }
    }
  };

  /**
   * Re-reads the items of an edited document (its title, 文号, dates and source are theirs too). Their
   * rules did not change, so nothing is re-matched.
   */
  const refreshDocument = async (documentId: string): Promise<void> => {
    await loadCatalogue();
    const ids = [...stored.values()].filter((item) => item.documentId === documentId).map((item) => item.id);
    if (!deps.db || ids.length === 0) return;
    for (const item of await loadStoredItems(deps.db, ids)) stored.set(item.id, item);
    resolvedByDay.clear();
  };

  /**
   * Applies a batch of the change feed (audit rows committed by any process, this one included): the
   * enterprises named are re-read and updated in place, a published or withdrawn item is re-read and
   * re-matched alone; a seeded batch (no ids) drops the kept matches, rebuilt on the next read.
   */
  const applyFeed = async (rows: readonly AuditChange[]): Promise<void> => {
    const ids = new Set<string>();
    const items = new Set<string>();
    const documentIds = new Set<string>();
    let wholeRegistry = false;
    for (const row of rows) {
      if (row.entityType === 'policy_document' && DOCUMENT_ACTIONS.has(row.action)) documentIds.add(row.entityId);
      if (row.entityType === 'enterprise') {
        if (row.entityId === 'batch') wholeRegistry = true;
        else ids.add(row.entityId);
      } else if (row.entityType === 'policy_item' && ITEM_MATCH_ACTIONS.has(row.action) && deps.db) items.add(row.entityId);
    }
    if (wholeRegistry) {
      changes = changes.then(() => {
        if (!loading) return;
        deps.log?.info({}, 'policies: enterprises were seeded by another process; matches will be rebuilt');
        matchings.clear();
        records.clear();
        loading = null;
        loaded = false;
      });
    } else if (ids.size > 0) await enqueueChange({ ids: [...ids] });
    for (const id of documentIds) {
      try {
        await refreshDocument(id);
      } catch (error) {
        deps.log?.error({ err: error, documentId: id }, 'policies: applying a document change from the feed failed; the catalogue will be read again');
        catalogueLoading = null;
      }
    }
    for (const id of items) {
      try {
        await refreshItem(id, { skipUnchanged: true });
      } catch (error) {
        deps.log?.error({ err: error, itemId: id }, 'policies: applying an item change from the feed failed; the catalogue will be read again');
        catalogueLoading = null;
        matchings.clear();
      }
    }
    await changes;
  };
  deps.changeFeed?.subscribe(applyFeed);

  const preview = createRulePreview({ matchingToday: () => matchingFor(today()), recordOf: (id) => records.get(id), scopeRows });
  const benefitProblems = preview.benefitProblems;

  const documents = createPolicyDocuments({ db: deps.db, audit: deps.audit, clock, files: deps.files, onDocumentChanged: refreshDocument });
  const authoring = createPolicyAuthoring({ db: deps.db, audit: deps.audit, clock, matching: { refreshItem, benefitProblems }, describeDocument: documents.describeDocument });

  return {
    ...authoring,
    listDocuments: documents.listDocuments,
    getDocument: documents.getDocument,
    createDocument: documents.createDocument,
    updateDocument: documents.updateDocument,
    attachDocumentFiles: documents.attachDocumentFiles,
    detachDocumentFile: documents.detachDocumentFile,
    readPublicDocumentFile: documents.readPublicDocumentFile,

    /**
     * How many enterprises in the caller's scope a rule (not saved yet) matches today, the estimated
     * total, the formula's problems, and a sample of 20 with their key figures. The rule is checked first.
     */
    async previewRule(actor: Actor, input: PolicyRuleInput): Promise<PolicyPreview> {
      assertCan(actor, 'policies.match');
      const issues = checkRule(input);
      if (issues.length > 0) throw new AppError('POLICIES_RULE_INVALID', { status: 400, details: { issues } });
      return preview.previewRule(actor.scope, input);
    },

    /**
     * Re-reads the catalogue and the whole registry and rebuilds today's match (the full re-match job),
     * reporting progress; reads keep the previous match until the new one is in place.
     */
    async rematchAll(progress: (p: { stage: 'reading' | 'matching'; done: number; total: number }) => Promise<void> | void = () => undefined): Promise<MatchTiming | null> {
      const started = performance.now();
      catalogueLoading = null;
      await loadCatalogue();
      const estimate = Math.max(records.size, 1);
      changedDuringRebuild = new Set();
      itemsChangedDuringRebuild = new Set();
      const fresh = new Map<string, EnterpriseMatchingRecord>();
      try {
        for await (const batch of deps.enterprises.streamMatchingRecords()) {
          for (const record of batch) fresh.set(record.id, record);
          await progress({ stage: 'reading', done: fresh.size, total: Math.max(estimate, fresh.size) });
        }
      } catch (error) {
        changedDuringRebuild = null;
        itemsChangedDuringRebuild = null;
        throw error;
      }
      await progress({ stage: 'matching', done: 0, total: 1 });
      const swap = changes.then(async () => {
        const again = changedDuringRebuild ? [...changedDuringRebuild] : [];
        changedDuringRebuild = null;
        const reread = again.length > 0 ? await deps.enterprises.findMatchingRecords(again) : [];
        for (const record of reread) fresh.set(record.id, record);
        records.clear();
        for (const [id, record] of fresh) records.set(id, record);
        loading = Promise.resolve();
        loaded = true;
        loadMs = performance.now() - started;
        matchings.clear();
        scopeCache.clear();
        buildMatching(today());
      });
      changes = swap.catch(() => undefined);
      await swap;
      // an item published while the catalogue was read again may have been overwritten by the older read
      const items = itemsChangedDuringRebuild ? [...itemsChangedDuringRebuild] : [];
      itemsChangedDuringRebuild = null;
      for (const id of items) await refreshItem(id);
      await progress({ stage: 'matching', done: 1, total: 1 });
      return lastTiming;
    },

    /** Calls `listener` after an item was published or withdrawn and re-matched (its matches may have changed); returns an unsubscribe. */
    onItemChanged(listener: (itemId: string) => void): () => void {
      itemListeners.add(listener);
      return () => itemListeners.delete(listener);
    },

    /** An item as published on a day (today by default), with its budget, window and 免申即享 flag; null when unknown. */
    async getItemDetails(id: string, options: { asOf?: string | undefined } = {}): Promise<PolicyItemRecord | null> {
      await loadCatalogue();
      return catalogueOn(asOfOf(options.asOf)).byId.get(id) ?? null;
    },

    /** The ids of the enterprises an item matches (in force on the day) inside a scope. */
    async findEligibleEnterpriseIds(scope: Scope, itemId: string, options: { asOf?: string | undefined } = {}): Promise<string[]> {
      const matching = await matchingFor(asOfOf(options.asOf));
      if (!matching.hasItem(itemId)) return [];
      const ids: string[] = [];
      forEachBit(and(matching.eligibleRows(itemId), scopeRows(matching, scope)), (row) => {
        const id = matching.enterpriseIds[row];
        if (id !== undefined) ids.push(id);
      });
      return ids;
    },

    /** Reads the registry and matches today's items, logging how long it took (called at start). */
    async warmUp(): Promise<MatchTiming | null> {
      await matchingFor(today());
      return lastTiming;
    },

    /** The timing of the last full match built. */
    lastTiming: (): MatchTiming | null => lastTiming,

    /** Whether the registry has been read into memory. */
    isLoaded: (): boolean => loaded,

    /** The catalogue with, per item in force, the eligible enterprises, near misses and estimated total in the caller's scope. */
    async listItems(actor: Actor, query: { asOf?: string | undefined }): Promise<PolicyItemList> {
      assertCan(actor, 'policies.read');
      const matching = await matchingFor(asOfOf(query.asOf));
      const scope = scopeRows(matching, actor.scope);
      return { asOf: matching.asOf, catalogueVersion: catalogueVersion(), items: catalogueOn(matching.asOf).items.map((item) => summarize(matching, item, scope)) };
    },

    /** One item: its article, rule in words, counts in scope and eligible enterprises per district. */
    async getItem(actor: Actor, id: string, query: { asOf?: string | undefined }, options: LabelOptions = {}): Promise<PolicyItemDetail> {
      const labels = policyFieldsIn(options.locale ?? 'zh-CN');
      assertCan(actor, 'policies.read');
      const matching = await matchingFor(asOfOf(query.asOf));
      const item = itemOf(matching.asOf, id);
      const scope = scopeRows(matching, actor.scope);
      const byCounty = new Map<string, number>();
      if (matching.hasItem(item.id)) {
        forEachBit(and(matching.eligibleRows(item.id), scope), (row) => {
          const county = (records.get(matching.enterpriseIds[row] ?? '')?.divisionCode ?? '').slice(0, 6);
          byCounty.set(county, (byCounty.get(county) ?? 0) + 1);
        });
      }
      const conditions = topLevelConditions(item.eligibility) ?? [item.eligibility];
      return {
        ...summarize(matching, item, scope),
        article: item.article,
        sourceUrl: item.sourceUrl,
        sourceNote: item.sourceNote ?? null,
        eligibility: item.eligibility,
        ruleText: describeRule(item.eligibility, labels),
        conditions: conditions.map((c, index) => ({ index, label: describeRule(c, labels) })),
        benefit: item.benefit,
        benefitText: item.benefit === null ? null : describeRule(item.benefit, labels),
        benefitNote: item.benefitNote,
        applicationNote: item.applicationNote ?? null,
        unencodedConditions: item.unencodedConditions,
        byDistrict: [...byCounty.entries()]
          .map(([code, count]) => ({ code, name: getDivision(code)?.name ?? code, count }))
          .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
      };
    },

    /** One page of an item's eligible enterprises (largest benefit first) or near misses (closest first), in scope. */
    async findItemMatches(actor: Actor, id: string, query: PolicyMatchesQuery, options: LabelOptions = {}): Promise<PolicyMatchPage> {
      assertCan(actor, 'policies.match');
      const matching = await matchingFor(asOfOf(query.asOf));
      const item = itemOf(matching.asOf, id);
      const page = { asOf: matching.asOf, kind: query.kind, page: query.page, pageSize: query.pageSize };
      if (!inForceItem(matching, id)) return { ...page, items: [], total: 0 };
      const rows = listRows(matching, item, actor, query);
      const start = (query.page - 1) * query.pageSize;
      return { ...page, total: rows.length, items: rows.slice(start, start + query.pageSize).map((entry) => matchRow(matching, item, entry, options.locale ?? 'zh-CN')) };
    },

    /** Every row of an item's list in scope, for the .xlsx export (batches of 1,000). */
    async exportItemMatches(actor: Actor, id: string, query: Omit<PolicyMatchesQuery, 'page' | 'pageSize'>, options: LabelOptions = {}): Promise<{ item: PolicyItem; asOf: string; batches: AsyncIterable<PolicyMatchRow[]> }> {
      assertCan(actor, 'policies.export');
      const matching = await matchingFor(asOfOf(query.asOf));
      const item = itemOf(matching.asOf, id);
      const rows = inForceItem(matching, id) ? listRows(matching, item, actor, query) : [];
      async function* batches(): AsyncGenerator<PolicyMatchRow[]> {
        for (let start = 0; start < rows.length; start += 1000) yield rows.slice(start, start + 1000).map((entry) => matchRow(matching, item, entry, options.locale ?? 'zh-CN'));
      }
      return { item, asOf: matching.asOf, batches: batches() };
    },

    /** The items an enterprise in scope qualifies for (with benefit and explanation) and those it misses by one condition. */
    async getEnterpriseMatches(actor: Actor, enterpriseId: string, query: { asOf?: string | undefined }, options: LabelOptions = {}): Promise<EnterprisePolicyMatches> {
      assertCan(actor, 'policies.match');
      const matching = await matchingFor(asOfOf(query.asOf));
      const record = records.get(enterpriseId);
      const row = matching.rowOf(enterpriseId);
      const scope = scopeRows(matching, actor.scope);
      if (!record || row === undefined || (scope !== undefined && !hasBit(scope, row))) throw new AppError('ENTERPRISE_NOT_FOUND', { status: 404 });
      return { ...enterpriseMatches(matching, enterpriseId, options.locale ?? 'zh-CN'), name: record.name };
    },

    /** The public catalogue: every item's rule, formula, 文号, article and dates, and the fields rules read (labels in both languages). */
    async listPublicItems(query: { asOf?: string | undefined }, options: LabelOptions = {}): Promise<PublicPolicyList> {
      await loadCatalogue();
      const asOf = asOfOf(query.asOf);
      const counties = listDivisions({ level: 'county' }).filter((d) => d.code.startsWith('4101')).map((d) => ({ code: d.code, name: d.name }));
      const items = catalogueOn(asOf).items;
      const files = await documents.publicAttachments([...new Set(items.map((item) => item.documentId))]);
      return { asOf, catalogueVersion: catalogueVersion(), fields: describePolicyFields(), counties, items: items.map((item) => publicItem(item, asOf, options.locale ?? 'zh-CN', files.get(item.documentId) ?? [])) };
    },

    /** 政策计算器: the items a firm with these figures would qualify for, and the near misses. Nothing is stored. */
    async calculate(input: z.output<typeof PolicyCalculatorInputSchema>, options: LabelOptions = {}): Promise<PolicyCalculatorResult> {
      const labels = policyFieldsIn(options.locale ?? 'zh-CN');
      await loadCatalogue();
      const asOf = asOfOf(input.asOf);
      const industryCode = normalizeIndustryCode(input.industryCode) ?? input.industryCode.toUpperCase();
      const issues: { path: string; code: string; params: Record<string, string> }[] = [];
      if (!getIndustry(industryCode)) issues.push({ path: 'industryCode', code: 'INDUSTRY_UNKNOWN', params: {} });
      if (!getDivision(input.divisionCode)) issues.push({ path: 'divisionCode', code: 'DIVISION_UNKNOWN', params: {} });
      const allowed: readonly string[] = ENTERPRISE_TAGS;
      input.tags.forEach((tag, i) => {
        if (!allowed.includes(tag)) issues.push({ path: `tags.${i}`, code: 'TAG_UNKNOWN', params: { tag } });
      });
      if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { status: 400, details: { issues } });
      const figures = {
        employees: input.employees ?? null,
        revenueWan: input.revenueWan ?? null,
        mainBusinessRevenueWan: input.mainBusinessRevenueWan ?? null,
        assetsWan: input.assetsWan ?? null,
        rdExpenseWan: input.rdExpenseWan ?? null,
        taxWan: input.taxWan ?? null,
        landMu: input.landMu ?? null,
        energyTce: input.energyTce ?? null,
        patents: input.patents ?? null,
        exportWan: input.exportWan ?? null,
      };
      const derived = classifyEnterprise({ industryCode, ...figures, legalEntity: input.legalEntity });
      const row = toRuleRow(
        { id: 'calculator', divisionCode: input.divisionCode, industryCode, foundedOn: input.foundedOn ?? null, legalEntity: input.legalEntity, ...figures, sizeClass: derived.sizeClass, aboveScale: derived.aboveScale, tags: [...new Set(input.tags)] },
        { asOf },
      );
      const matches: EnterpriseItemMatch[] = [];
      const nearMisses: EnterpriseItemNearMiss[] = [];
      for (const item of catalogueOn(asOf).items) {
        if (!item.isEffective || !isInForce(item, asOf)) continue;
        const tree = explain(item.eligibility, row, labels);
        const benefit = toBenefit(evaluateBenefit(item, row, benefitEvaluatorOf(item)));
        if (truthy(tree.value)) {
          matches.push({ item: toRef(item), benefit, explanation: flattenExplanation(tree) });
          continue;
        }
        const conditions = topLevelConditions(item.eligibility);
        if (!conditions || tree.op !== 'and' || !tree.children) continue;
        const failed = tree.children.flatMap((child, k) => (child.passed ? [] : [k]));
        const [k] = failed;
        const child = k === undefined ? undefined : tree.children[k];
        if (failed.length !== 1 || k === undefined || !child) continue;
        nearMisses.push({ item: toRef(item), miss: toMiss(k, child), benefit, explanation: flattenExplanation(tree) });
      }
      nearMisses.sort((a, b) => (a.miss.relativeGap ?? Infinity) - (b.miss.relativeGap ?? Infinity));
      const total = matches.reduce((sum, m) => sum + (m.benefit.kind === 'estimated' ? m.benefit.amountWan : 0), 0);
      return { asOf, derived: { sizeClass: derived.sizeClass, aboveScale: derived.aboveScale }, totalBenefitWan: round2(total), matches, nearMisses };
    },
  };
}
