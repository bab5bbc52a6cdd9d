/**
 * Budgets and 免申即享: the city sets an item's budget and application window; for 免申即享 items
 * an official (the district for its firms, or the city) confirms the qualifying list, leaving firms
 * out with a reason, and it becomes grants paid against the budget without an application.
 */
import type { Actor } from '../../../server/actor.ts';
import { AppError } from '../../../server/errors.ts';
import { assertCan } from '../../../server/permissions.ts';
import { type DeliveryContext, type DeliveryDeps, divisionName, round2 } from './delivery.context.ts';
import {
  findBudget, findExcludedEnterprises, findExemptLists, findGrantPage, findGrantedEnterpriseIds, insertExemptList, insertGrants, isUniqueViolation, upsertBudget, upsertVerdicts,
  type GrantRow,
} from './delivery.repository.ts';
import { ExemptListRecordSchema } from './delivery.schemas.ts';
import type { ExemptCandidate, ExemptConfirm, ExemptConfirmResult, ExemptList, Funding, FundingBody, Grant, GrantListQuery, GrantPage } from './delivery.schemas.ts';

const toGrant = (row: GrantRow): Grant => ({
  id: row.id, itemId: row.itemId, enterpriseId: row.enterpriseId, enterpriseName: row.enterpriseName, divisionCode: row.divisionCode, divisionName: divisionName(row.divisionCode),
  source: row.source, applicationId: row.applicationId, amountWan: row.amountWan, paidAt: row.paidAt.toISOString(),
});

const GRANTING_ROLES = new Set(['district', 'city']);

export function createGrantsService(deps: DeliveryDeps, ctx: DeliveryContext) {
  const { db, audit, clock, policies } = deps;

  /** The firms the rule qualifies for an exempt item in the actor's scope, with their estimate and whether they were granted. */
  const candidatesOf = async (actor: Actor, itemId: string): Promise<ExemptCandidate[]> => {
    const [{ batches }, granted, excluded] = await Promise.all([policies.exportItemMatches(actor, itemId, { kind: 'eligible' }), findGrantedEnterpriseIds(db, itemId), findExcludedEnterprises(db, itemId)]);
    const out: ExemptCandidate[] = [];
    for await (const batch of batches) {
      for (const r of batch) {
        out.push({
          enterpriseId: r.enterpriseId, name: r.name, creditCode: r.creditCode, divisionCode: r.divisionCode, divisionName: r.divisionName,
          estimatedWan: r.benefit.kind === 'estimated' ? r.benefit.amountWan : null, granted: granted.has(r.enterpriseId),
          excludedReason: granted.has(r.enterpriseId) ? null : (excluded.get(r.enterpriseId) ?? null),
        });
      }
    }
    return out;
  };

  const exemptItem = async (itemId: string) => {
    const item = await ctx.itemTerms(itemId);
    if (!item.exemptFromApplication) throw new AppError('POLICIES_ITEM_NOT_EXEMPT', { status: 400, params: { itemId } });
    return item;
  };

  const jurisdictionOf = (actor: Actor): string => actor.jurisdictionCode ?? '410100';

  return {
    /** The firms the rule qualifies for an item in the actor's scope (largest estimate first). */
    async findEligible(actor: Actor, itemId: string): Promise<ExemptCandidate[]> {
      assertCan(actor, 'policies.export');
      return candidatesOf(actor, itemId);
    },

    /** An item's budget, paid so far, and application window (every official and enterprise may read it). */
    async getFunding(actor: Actor, itemId: string): Promise<Funding> {
      assertCan(actor, 'policies.read');
      return ctx.fundingOf(await ctx.itemTerms(itemId));
    },

    /** Sets an item's budget and application window (the city); a budget below what is paid is refused. */
    async setFunding(actor: Actor, itemId: string, body: FundingBody, requestId?: string): Promise<Funding> {
      assertCan(actor, 'policies.budget');
      const item = await ctx.itemTerms(itemId);
      const opens = body.applicationOpensOn ?? null;
      const closes = body.applicationClosesOn ?? null;
      if (opens && closes && closes < opens) throw new AppError('POLICIES_WINDOW_INVERTED', { status: 400 });
      return db.transaction(async (tx) => {
        const before = await findBudget(tx, itemId);
        if (before && body.budgetWan < before.paidWan) throw new AppError('POLICIES_BUDGET_BELOW_PAID', { status: 409, params: { paidWan: before.paidWan } });
        const saved = await upsertBudget(tx, { itemId, budgetWan: round2(body.budgetWan), applicationOpensOn: opens, applicationClosesOn: closes, updatedBy: actor.id, updatedAt: clock.now() });
        await audit.record(tx, actor, {
          action: before ? 'policy_budget.update' : 'policy_budget.create', entityType: 'policy_budget', entityId: itemId,
          before: before ? { budgetWan: before.budgetWan, applicationOpensOn: before.applicationOpensOn, applicationClosesOn: before.applicationClosesOn } : null,
          after: { budgetWan: saved.budgetWan, applicationOpensOn: saved.applicationOpensOn, applicationClosesOn: saved.applicationClosesOn },
        }, requestId);
        return ctx.toFunding(item, saved);
      });
    },

    /** 免申即享: the qualifying firms in the official's jurisdiction, the ones not granted yet, and the lists confirmed before. */
    async getExemptList(actor: Actor, itemId: string): Promise<ExemptList> {
      assertCan(actor, 'policies.grant');
      const item = await exemptItem(itemId);
      const [candidates, funding] = await Promise.all([candidatesOf(actor, itemId), ctx.fundingOf(item)]);
      const pending = candidates.filter((c) => !c.granted && c.excludedReason === null);
      const prefixes = actor.scope.kind === 'divisions' ? actor.scope.prefixes : null;
      const lists = await findExemptLists(db, itemId, actor.scope.kind === 'all' ? null : (prefixes ?? []));
      const { validFrom: _from, inForce: _inForce, ...ref } = item;
      return {
        item: ref, funding, candidates, pendingCount: pending.length, pendingWan: round2(pending.reduce((s, c) => s + (c.estimatedWan ?? 0), 0)),
        confirmations: lists.map((l) => ({
          id: l.id, jurisdictionCode: l.jurisdictionCode, confirmedByName: l.confirmedByName, confirmedAt: l.confirmedAt.toISOString(), grantedCount: l.grantedCount,
          excludedCount: l.excludedCount, totalWan: l.totalWan, excluded: ExemptListRecordSchema.shape.excluded.parse(l.excluded),
        })),
      };
    },

    /**
     * Confirms the list: every qualifying firm in the jurisdiction not granted yet and not excluded becomes a grant of its
     * estimate (or `amountWan`), all paid against the budget in one transaction, or none when the budget does not cover them.
     */
    async confirmExemptList(actor: Actor, itemId: string, body: ExemptConfirm, requestId?: string): Promise<ExemptConfirmResult> {
      assertCan(actor, 'policies.grant');
      if (!GRANTING_ROLES.has(actor.role)) throw new AppError('POLICIES_ACTION_FORBIDDEN', { status: 403 });
      const item = await exemptItem(itemId);
      const candidates = (await candidatesOf(actor, itemId)).filter((c) => !c.granted);
      const excludedInput = body.excluded ?? [];
      const reinstatedInput = body.reinstated ?? [];
      const reinstated = new Set(reinstatedInput);
      // firms left out earlier stay out unless reinstated now
      const pending = candidates.filter((c) => c.excludedReason === null || reinstated.has(c.enterpriseId));
      const byId = new Map(pending.map((c) => [c.enterpriseId, c]));
      const unknown = [...excludedInput.map((e) => e.enterpriseId), ...reinstatedInput].filter((id) => !byId.has(id));
      if (unknown.length > 0) throw new AppError('POLICIES_EXCLUSION_UNKNOWN', { status: 400, details: { enterpriseIds: unknown } });
      const excludedIds = new Set(excludedInput.map((e) => e.enterpriseId));
      const granted = pending.filter((c) => !excludedIds.has(c.enterpriseId));
      if (granted.length === 0 && excludedIds.size === 0) throw new AppError('POLICIES_NOTHING_TO_CONFIRM', { status: 400 });
      const amounts = granted.map((c) => c.estimatedWan ?? body.amountWan ?? null);
      if (amounts.some((a) => a === null || a <= 0)) throw new AppError('POLICIES_AMOUNT_REQUIRED', { status: 400 });
      const totalWan = round2(amounts.reduce<number>((s, a) => s + (a ?? 0), 0));
      const now = clock.now();
      const result = await db
        .transaction(async (tx) => {
          if (totalWan > 0 && !(await ctx.spend(tx, item, totalWan))) throw await ctx.budgetError(tx, itemId, totalWan);
          const excluded = excludedInput.map((e) => ({ enterpriseId: e.enterpriseId, enterpriseName: byId.get(e.enterpriseId)?.name ?? '', reason: e.reason }));
          const list = await insertExemptList(tx, {
            itemId, jurisdictionCode: jurisdictionOf(actor), confirmedBy: actor.id, confirmedByName: actor.displayName, confirmedAt: now,
            grantedCount: granted.length, excludedCount: excluded.length, totalWan, excluded,
          });
          for (let start = 0; start < granted.length; start += 1000) {
            await insertGrants(tx, granted.slice(start, start + 1000).map((c, i) => ({
              itemId, enterpriseId: c.enterpriseId, enterpriseName: c.name, divisionCode: c.divisionCode, source: 'exempt' as const, exemptListId: list.id,
              amountWan: round2(amounts[start + i] ?? 0), paidBy: actor.id, paidAt: now,
            })));
          }
          await upsertVerdicts(tx, [
            ...granted.map((c) => ({ itemId, enterpriseId: c.enterpriseId, divisionCode: c.divisionCode, verdict: 'confirmed' as const, source: 'exempt_list' as const, matched: true, reason: null, actorId: actor.id, at: now })),
            ...excluded.map((e) => ({ itemId, enterpriseId: e.enterpriseId, divisionCode: byId.get(e.enterpriseId)?.divisionCode ?? '', verdict: 'rejected' as const, source: 'exempt_list' as const, matched: true, reason: e.reason, actorId: actor.id, at: now })),
          ]);
          await audit.record(tx, actor, {
            action: 'policy_exempt_list.confirm', entityType: 'policy_exempt_list', entityId: list.id, divisionCode: actor.jurisdictionCode,
            after: { itemId, grantedCount: granted.length, totalWan, excluded },
          }, requestId);
          return list;
        })
        .catch((error: unknown) => {
          // another official confirmed some of these firms at the same moment: nothing was granted, reload
          if (isUniqueViolation(error, 'policy_grants_item_enterprise_key')) throw new AppError('POLICIES_GRANT_TAKEN', { status: 409 });
          throw error;
        });
      return { listId: result.id, grantedCount: granted.length, excludedCount: excludedInput.length, totalWan, funding: await ctx.fundingOf(item) };
    },

    /** Grants (paid) in the actor's scope, newest first, with their total. */
    async findGrants(actor: Actor, query: GrantListQuery): Promise<GrantPage> {
      assertCan(actor, 'policies.applications.read');
      const { rows, total, totalWan } = await findGrantPage(db, actor.scope, query, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
      return { items: rows.map(toGrant), total, totalWan: round2(totalWan), page: query.page, pageSize: query.pageSize };
    },
  };
}

export type GrantsService = ReturnType<typeof createGrantsService>;
