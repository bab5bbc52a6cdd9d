/**
 * Writing the catalogue: items as drafts, new versions, publishing and withdrawing.
 * Every write checks the permission and the jurisdiction first, validates the rule and formula
 * against the field schema, and is audited in its own transaction; a published change is then
 * matched at once (only that item's rule, over the kept snapshot).
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../server/actor.ts';
import { scopeContainsDivision } from '../../server/actor.ts';
import type { Clock } from '../../server/clock.ts';
import type { Db } from '../../server/db/index.ts';
import { AppError } from '../../server/errors.ts';
import { assertCan, can } from '../../server/permissions.ts';
import type { AuditService } from '../audit/index.ts';
import type {
  PolicyDocument, PolicyItemCreate, PolicyItemVersion, PolicyItemVersionInput, PolicyItemVersions, PolicyRuleInput,
} from './authoring.schemas.ts';
import { PolicyItemCreateSchema, PolicyItemVersionInputSchema, PolicyRuleInputSchema } from './authoring.schemas.ts';
import { checkItem } from './catalogue.ts';
import type { PolicyItem, PolicyLevel } from './catalogue.ts';
import { versionValues } from './catalogue-store.ts';
import {
  findDocument, insertItem, insertVersion, loadStoredItems, lockDocument, markVersionPublished, maxSortOrder, nextVersionNumber, setItemState,
} from './policies.repository.ts';
import type { PolicyDocumentRow, PolicyItemVersionRow, StoredPolicyItem } from './policies.repository.ts';

/** A problem of a rule or formula: where, which code (an i18n key under `rows.`), and its parameters. */
export type RuleIssue = { path: string; code: string; params: Record<string, string> };

/** What authoring needs of the matching side. */
export interface AuthoringMatching {
  /** Re-reads one item and re-matches it in every kept match (its rule alone). */
  refreshItem(id: string): Promise<void>;
  /** Benefit formula problems over every eligible enterprise of the registry (counts). */
  benefitProblems(rule: { eligibility: unknown; benefit: unknown; benefitCapWan: number | null }): Promise<{ negative: number; notNumeric: number }>;
}

const LEVEL_PREFIX: Record<PolicyLevel, string> = { national: 'cn', province: 'ha', city: 'zz', district: 'qx' };

/** Turns a rule compile problem into an issue whose message the error plugin words in the caller's language. */
function toIssue(problem: { path: string; code: string; message: string }): RuleIssue {
  const quoted = /"([^"]*)"/.exec(problem.message)?.[1];
  return { path: problem.path.replace(/^\./, ''), code: problem.code, params: { value: quoted ?? '', detail: problem.message } };
}

/**
 * Checks a rule and formula as one item of `level` would carry them: valid JsonLogic, known fields
 * and values, a rule that reads something, an arithmetic formula, a district rule restricted to its division.
 */
export function checkRule(input: PolicyRuleInput & { validFrom?: string | null | undefined; validTo?: string | null | undefined }): RuleIssue[] {
  const rule = PolicyRuleInputSchema.parse({ level: input.level, divisionCode: input.divisionCode, eligibility: input.eligibility, benefit: input.benefit, benefitCapWan: input.benefitCapWan });
  const issues: RuleIssue[] = [];
  if (typeof rule.eligibility !== 'object') issues.push({ path: 'eligibility', code: 'POLICIES_RULE_READS_NOTHING', params: {} });
  const item: PolicyItem = {
    id: 'check',
    title: 'check',
    documentTitle: 'check',
    documentNumber: 'check',
    issuer: 'check',
    level: rule.level,
    ...(rule.divisionCode ? { divisionCode: rule.divisionCode } : {}),
    publishedOn: null,
    validFrom: input.validFrom ?? null,
    ...(input.validTo ? { validTo: input.validTo } : {}),
    sourceUrl: 'https://example.org',
    article: 'check',
    eligibility: typeof rule.eligibility === 'object' ? rule.eligibility : {},
    benefit: rule.benefit ?? null,
    benefitCapWan: rule.benefitCapWan ?? null,
    benefitNote: 'check',
    exemptFromApplication: false,
    unencodedConditions: [],
    verification: '待核实',
    verificationNote: 'check',
  };
  if (typeof rule.eligibility === 'object') issues.push(...checkItem(item, '').map(toIssue));
  else issues.push(...checkItem({ ...item, eligibility: { '==': [1, 1] } }, '').filter((p) => !p.path.startsWith('.eligibility')).map(toIssue));
  return issues;
}

function toVersion(row: PolicyItemVersionRow): PolicyItemVersion {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    effectiveFrom: row.effectiveFrom,
    validFrom: row.validFrom,
    validTo: row.validTo,
    article: row.article,
    eligibility: row.eligibility,
    benefit: row.benefit ?? null,
    benefitCapWan: row.benefitCapWan,
    benefitNote: row.benefitNote,
    applicationOpensOn: row.applicationOpensOn,
    applicationClosesOn: row.applicationClosesOn,
    budgetWan: row.budgetWan,
    exemptFromApplication: row.exemptFromApplication,
    applicationNote: row.applicationNote,
    unencodedConditions: row.unencodedConditions,
    verification: row.verification,
    verificationNote: row.verificationNote,
    createdAt: row.createdAt.toISOString(),
    publishedAt: row.publishedAt ? row.publishedAt.toISOString() : null,
  };
}

/** Whether an actor may write items of a document at this level and division. */
export function canWriteLevel(actor: Actor, level: PolicyLevel, divisionCode: string | null): boolean {
  if (!can(actor, 'policies.write')) return false;
  const inScope = divisionCode !== null && (actor.jurisdictionCode === divisionCode || scopeContainsDivision(actor.scope, divisionCode));
  if (actor.role === 'admin' || actor.role === 'city') return level !== 'district' || inScope;
  if (actor.role === 'district') return level === 'district' && inScope;
  return false;
}

export type PolicyAuthoring = ReturnType<typeof createPolicyAuthoring>;

/** Creates the authoring side of the policies module (needs the database and the audit trail). */
export function createPolicyAuthoring(deps: {
  db: Db | undefined;
  audit: AuditService | undefined;
  clock: Clock;
  matching: AuthoringMatching;
  /** An item's document as its readers see it (with its files and whether it is public). */
  describeDocument: (actor: Actor, row: PolicyDocumentRow) => Promise<PolicyDocument>;
}) {
  const { clock, matching } = deps;
  const store = (): { db: Db; audit: AuditService } => {
    if (!deps.db || !deps.audit) throw new AppError('POLICIES_READ_ONLY', { status: 409 });
    return { db: deps.db, audit: deps.audit };
  };

  const assertWrite = (actor: Actor, document: Pick<PolicyDocumentRow, 'level' | 'divisionCode'>): void => {
    assertCan(actor, 'policies.write');
    if (!canWriteLevel(actor, document.level, document.divisionCode)) throw new AppError('POLICIES_WRITE_FORBIDDEN', { status: 403 });
  };

  const storedItem = async (id: string): Promise<StoredPolicyItem> => {
    const [item] = await loadStoredItems(store().db, [id]);
    if (!item) throw new AppError('POLICIES_ITEM_NOT_FOUND', { status: 404, params: { id } });
    return item;
  };

  /** Refuses a version whose rule or formula is broken, listing every problem. */
  const validateVersion = (document: PolicyDocumentRow, input: ReturnType<typeof PolicyItemVersionInputSchema.parse>): void => {
    const issues = checkRule({ level: document.level, divisionCode: document.divisionCode, eligibility: input.eligibility, benefit: input.benefit ?? null, benefitCapWan: input.benefitCapWan ?? null, validFrom: input.validFrom ?? null, validTo: input.validTo ?? null });
    if (input.applicationOpensOn && input.applicationClosesOn && input.applicationClosesOn < input.applicationOpensOn) {
      issues.push({ path: 'applicationClosesOn', code: 'POLICIES_DATES_INVERTED', params: {} });
    }
    if (issues.length > 0) throw new AppError('POLICIES_RULE_INVALID', { status: 400, details: { issues } });
  };

  const versionRow = (input: ReturnType<typeof PolicyItemVersionInputSchema.parse>) =>
    versionValues({
      title: input.title,
      effectiveFrom: input.effectiveFrom ?? null,
      validFrom: input.validFrom ?? null,
      ...(input.validTo ? { validTo: input.validTo } : {}),
      article: input.article,
      eligibility: typeof input.eligibility === 'object' ? input.eligibility : {},
      benefit: input.benefit ?? null,
      benefitCapWan: input.benefitCapWan ?? null,
      benefitNote: input.benefitNote || (input.benefit === null || input.benefit === undefined ? '不估算' : '按公式估算'),
      applicationOpensOn: input.applicationOpensOn ?? null,
      applicationClosesOn: input.applicationClosesOn ?? null,
      budgetWan: input.budgetWan ?? null,
      exemptFromApplication: input.exemptFromApplication,
      ...(input.applicationNote ? { applicationNote: input.applicationNote } : {}),
      unencodedConditions: input.unencodedConditions,
      verification: input.verification,
      verificationNote: input.verificationNote || (input.verification === 'confirmed' ? '已核对原文' : '未核对原文'),
    });

  return {
    /** A new item of a document, as a draft (version 1); nothing is matched until it is published. */
    async createItem(actor: Actor, raw: PolicyItemCreate, requestId?: string): Promise<PolicyItemVersions> {
      const { db, audit } = store();
      const input = PolicyItemCreateSchema.parse(raw);
      const document = await findDocument(db, input.documentId);
      if (!document) throw new AppError('POLICIES_DOCUMENT_NOT_FOUND', { status: 404, params: { id: input.documentId } });
      assertWrite(actor, document);
      validateVersion(document, input);
      const id = input.id ?? `${LEVEL_PREFIX[document.level]}-${randomBytes(4).toString('hex')}`;
      const now = clock.now();
      await db.transaction(async (tx) => {
        // The document as it is now, kept so until commit: an edit of its level or district that
        // committed since the read above is checked again, and one that comes later sees this item.
        const locked = await lockDocument(tx, document.id, 'share');
        if (!locked) throw new AppError('POLICIES_DOCUMENT_NOT_FOUND', { status: 404, params: { id: input.documentId } });
        assertWrite(actor, locked);
        validateVersion(locked, input);
        await insertItem(tx, { id, documentId: document.id, state: 'draft', sortOrder: (await maxSortOrder(tx)) + 1, createdBy: actor.id, createdAt: now, updatedAt: now });
        const version = await insertVersion(tx, { ...versionRow(input), itemId: id, version: 1, createdBy: actor.id, createdAt: now });
        await audit.record(tx, actor, { action: 'policy_item.create', entityType: 'policy_item', entityId: id, divisionCode: document.divisionCode, after: version }, requestId);
      });
      return this.getVersions(actor, id);
    },

    /** A new version of an item (a draft until published): a changed rule never overwrites the one in force. */
    async saveVersion(actor: Actor, id: string, raw: PolicyItemVersionInput, requestId?: string): Promise<PolicyItemVersions> {
      const { db, audit } = store();
      const input = PolicyItemVersionInputSchema.parse(raw);
      const item = await storedItem(id);
      assertWrite(actor, item.document);
      validateVersion(item.document, input);
      const now = clock.now();
      await db.transaction(async (tx) => {
        const version = await insertVersion(tx, { ...versionRow(input), itemId: id, version: await nextVersionNumber(tx, id), createdBy: actor.id, createdAt: now });
        await audit.record(tx, actor, { action: 'policy_item.version', entityType: 'policy_item', entityId: id, divisionCode: item.document.divisionCode, after: version }, requestId);
      });
      return this.getVersions(actor, id);
    },

    /**
     * Publishes a version (the newest when none is named): checked again, and its formula evaluated for
     * every enterprise the rule matches; a negative or non-numeric benefit refuses it. Then matched at once.
     */
    async publish(actor: Actor, id: string, options: { version?: number | undefined }, requestId?: string): Promise<PolicyItemVersions> {
      const { db, audit } = store();
      const item = await storedItem(id);
      assertWrite(actor, item.document);
      const version = options.version === undefined ? item.versions[item.versions.length - 1] : item.versions.find((v) => v.version === options.version);
      if (!version) throw new AppError('POLICIES_VERSION_NOT_FOUND', { status: 404, params: { id, version: options.version ?? 0 } });
      if (version.publishedAt && item.state === 'published') throw new AppError('POLICIES_ALREADY_PUBLISHED', { status: 409, params: { version: version.version } });
      const issues = checkRule({ level: item.document.level, divisionCode: item.document.divisionCode, eligibility: version.eligibility as Record<string, unknown>, benefit: (version.benefit ?? null) as Record<string, unknown> | null, benefitCapWan: version.benefitCapWan, validFrom: version.validFrom, validTo: version.validTo });
      if (issues.length > 0) throw new AppError('POLICIES_RULE_INVALID', { status: 400, details: { issues } });
      const problems = await matching.benefitProblems({ eligibility: version.eligibility, benefit: version.benefit ?? null, benefitCapWan: version.benefitCapWan });
      if (problems.negative > 0) throw new AppError('POLICIES_BENEFIT_NEGATIVE', { status: 400, params: { count: problems.negative } });
      if (problems.notNumeric > 0) throw new AppError('POLICIES_BENEFIT_NOT_NUMERIC', { status: 400, params: { count: problems.notNumeric } });
      const now = clock.now();
      await db.transaction(async (tx) => {
        if (!version.publishedAt) await markVersionPublished(tx, version.id, actor.id, now);
        await setItemState(tx, id, 'published', now);
        await audit.record(tx, actor, { action: 'policy_item.publish', entityType: 'policy_item', entityId: id, divisionCode: item.document.divisionCode, before: { state: item.state }, after: { state: 'published', version: version.version } }, requestId);
      });
      await matching.refreshItem(id);
      return this.getVersions(actor, id);
    },

    /** Withdraws a published item: no date matches it any more; its versions stay for the record. */
    async withdraw(actor: Actor, id: string, requestId?: string): Promise<PolicyItemVersions> {
      const { db, audit } = store();
      const item = await storedItem(id);
      assertWrite(actor, item.document);
      if (item.state !== 'published') throw new AppError('POLICIES_ITEM_STATE_CONFLICT', { status: 409, params: { state: item.state } });
      const now = clock.now();
      await db.transaction(async (tx) => {
        await setItemState(tx, id, 'withdrawn', now);
        await audit.record(tx, actor, { action: 'policy_item.withdraw', entityType: 'policy_item', entityId: id, divisionCode: item.document.divisionCode, before: { state: item.state }, after: { state: 'withdrawn' } }, requestId);
      });
      await matching.refreshItem(id);
      return this.getVersions(actor, id);
    },

    /** An item with its document and every version (drafts too), for authors and readers. */
    async getVersions(actor: Actor, id: string): Promise<PolicyItemVersions> {
      assertCan(actor, 'policies.read');
      const item = await storedItem(id);
      const canWrite = canWriteLevel(actor, item.document.level, item.document.divisionCode);
      if (item.state === 'draft' && !canWrite) throw new AppError('POLICIES_ITEM_NOT_FOUND', { status: 404, params: { id } });
      return { id: item.id, state: item.state, document: await deps.describeDocument(actor, item.document), canWrite, versions: item.versions.map(toVersion) };
    },

    /** Drafts the actor may write (items never published), newest first. */
    async listDrafts(actor: Actor): Promise<{ items: { id: string; title: string; documentTitle: string; level: PolicyLevel; version: number; createdAt: string }[] }> {
      assertCan(actor, 'policies.read');
      const items = (await loadStoredItems(store().db)).filter((s) => s.state === 'draft' && canWriteLevel(actor, s.document.level, s.document.divisionCode));
      return {
        items: items
          .flatMap((s) => {
            const last = s.versions[s.versions.length - 1];
            return last ? [{ id: s.id, title: last.title, documentTitle: s.document.title, level: s.document.level, version: last.version, createdAt: last.createdAt.toISOString() }] : [];
          })
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
      };
    },

    /** Checks a rule without saving it: every problem, worded by the error plugin's catalogue. */
    checkRule(actor: Actor, input: PolicyRuleInput): RuleIssue[] {
      assertCan(actor, 'policies.read');
      return checkRule(input);
    },
  };
}
