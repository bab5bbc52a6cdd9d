/**
 * 免申即享 and grants: for an item exempt from application an official (the district for its firms,
 * or the city) pages through the qualifying list, and confirms what a filter selects, leaving firms out
 * with a reason; it becomes grants paid against the budget of the version in force, all or none.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../../../server/actor.ts';
import { AppError } from '../../../server/errors.ts';
import { assertCan } from '../../../server/permissions.ts';
import { type DeliveryContext, type DeliveryDeps, divisionName, itemRef, round2 } from './delivery.context.ts';
import {
  findExcludedEnterprises, findExemptLists, findGrantPage, findGrantedEnterpriseIds, insertExemptList, insertGrants, isUniqueViolation, upsertVerdicts, type GrantRow,
} from './delivery.repository.ts';
import { ExemptListRecordSchema } from './delivery.schemas.ts';
import type {
  ExemptCandidate, ExemptConfirm, ExemptConfirmResult, ExemptFilter, ExemptList, ExemptListQuery, ExemptStatus, Funding, Grant, GrantListQuery, GrantPage,
} from './delivery.schemas.ts';

const toGrant = (row: GrantRow): Grant => ({
  id: row.id, itemId: row.itemId, enterpriseId: row.enterpriseId, enterpriseName: row.enterpriseName, divisionCode: row.divisionCode, divisionName: divisionName(row.divisionCode),
  source: row.source, applicationId: row.applicationId, amountWan: row.amountWan, paidAt: row.paidAt.toISOString(),
});

const GRANTING_ROLES = new Set(['district', 'city']);

const sumWan = (rows: readonly ExemptCandidate[]): number => round2(rows.reduce((s, c) => s + (c.estimatedWan ?? 0), 0));

/** A fingerprint of the pending firms and their estimates, independent of order: what the official saw. */
export function selectionChecksum(pending: readonly ExemptCandidate[]): string {
  const hash = createHash('sha256');
  for (const line of pending.map((c) => `${c.enterpriseId}:${c.estimatedWan ?? ''}`).sort()) hash.update(line).update('\n');
  return hash.digest('hex').slice(0, 32);
}

export function createGrantsService(deps: DeliveryDeps, ctx: DeliveryContext) {
  const { db, audit, clock, policies } = deps;

  /** Every firm the rule qualifies for the item in the actor's scope under the filter (largest estimate first), with its status. */
  const candidatesOf = async (actor: Actor, itemId: string, filter: ExemptFilter = {}): Promise<ExemptCandidate[]> => {
    const [{ batches }, granted, excluded] = await Promise.all([
      policies.exportItemMatches(actor, itemId, { kind: 'eligible', ...(filter.division ? { division: filter.division } : {}), ...(filter.q ? { q: filter.q } : {}) }),
      findGrantedEnterpriseIds(db, itemId),
      findExcludedEnterprises(db, itemId),
    ]);
    const out: ExemptCandidate[] = [];
    for await (const batch of batches) {
      for (const r of batch) {
        const isGranted = granted.has(r.enterpriseId);
        const reason = isGranted ? null : (excluded.get(r.enterpriseId) ?? null);
        out.push({
          enterpriseId: r.enterpriseId, name: r.name, creditCode: r.creditCode, divisionCode: r.divisionCode, divisionName: r.divisionName,
          estimatedWan: r.benefit.kind === 'estimated' ? r.benefit.amountWan : null, status: isGranted ? 'granted' : reason !== null ? 'excluded' : 'pending', excludedReason: reason,
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

  const confirmationsOf = async (actor: Actor, itemId: string) => {
    const prefixes = actor.scope.kind === 'divisions' ? actor.scope.prefixes : null;
    const lists = await findExemptLists(db, itemId, actor.scope.kind === 'all' ? null : (prefixes ?? []));
    return lists.map((l) => ({
      id: l.id, jurisdictionCode: l.jurisdictionCode, confirmedByName: l.confirmedByName, confirmedAt: l.confirmedAt.toISOString(), grantedCount: l.grantedCount,
      excludedCount: l.excludedCount, totalWan: l.totalWan, excluded: ExemptListRecordSchema.shape.excluded.parse(l.excluded),
    }));
  };

  return {
    /** The firms the rule qualifies for an item in the actor's scope (largest estimate first), with their status. */
    async findEligible(actor: Actor, itemId: string): Promise<ExemptCandidate[]> {
      assertCan(actor, 'policies.export');
      return candidatesOf(actor, itemId);
    },

    /** An item's budget and window (its version in force) and what has been paid (every official and enterprise may read it). */
    async getFunding(actor: Actor, itemId: string): Promise<Funding> {
      assertCan(actor, 'policies.read');
      return ctx.fundingOf(actor, await ctx.itemTerms(itemId));
    },

    /**
     * 免申即享: one page of the qualifying firms of a status in the official's jurisdiction under the filter, the
     * counts and estimated totals of the whole filtered list, the selection a confirmation would grant (with its
     * checksum), and the lists confirmed before.
     */
    async getExemptList(actor: Actor, itemId: string, query: ExemptListQuery): Promise<ExemptList> {
      assertCan(actor, 'policies.grant');
      const item = await exemptItem(itemId);
      const filter = { division: query.division, q: query.q };
      const [candidates, funding, confirmations] = await Promise.all([candidatesOf(actor, itemId, filter), ctx.fundingOf(actor, item), confirmationsOf(actor, itemId)]);
      const byStatus = (status: ExemptStatus) => (status === 'all' ? candidates : candidates.filter((c) => c.status === status));
      const pending = byStatus('pending');
      const shown = byStatus(query.status);
      const start = (query.page - 1) * query.pageSize;
      const count = (rows: readonly ExemptCandidate[]) => ({ count: rows.length, totalWan: sumWan(rows) });
      const digits = actor.role === 'city' || actor.role === 'admin' || actor.role === 'leader' ? 6 : 9;
      const perDivision = new Map<string, number>();
      for (const c of candidates) perDivision.set(c.divisionCode.slice(0, digits), (perDivision.get(c.divisionCode.slice(0, digits)) ?? 0) + 1);
      return {
        item: itemRef(item), funding, status: query.status,
        items: shown.slice(start, start + query.pageSize), total: shown.length, totalWan: sumWan(shown), page: query.page, pageSize: query.pageSize,
        counts: { all: count(candidates), pending: count(pending), excluded: count(byStatus('excluded')), granted: count(byStatus('granted')) },
        divisions: [...perDivision].map(([code, n]) => ({ code, name: divisionName(code) ?? code, count: n })).sort((a, b) => a.code.localeCompare(b.code)),
        selection: { count: pending.length, totalWan: sumWan(pending), unestimated: pending.filter((c) => c.estimatedWan === null).length, checksum: selectionChecksum(pending) },
        confirmations,
      };
    },

    /**
     * Confirms what the filter selects: every pending firm under it, minus those left out (with a reason), plus
     * those reinstated, becomes a grant of its estimate (or `amountWan`), all paid against the budget in one
     * transaction, or none. Refused when the pending firms under the filter are not what the official saw.
     */
    async confirmExemptList(actor: Actor, itemId: string, body: ExemptConfirm, requestId?: string): Promise<ExemptConfirmResult> {
      assertCan(actor, 'policies.grant');
      if (!GRANTING_ROLES.has(actor.role)) throw new AppError('POLICIES_ACTION_FORBIDDEN', { status: 403 });
      const item = await exemptItem(itemId);
      const filter = body.filter ?? {};
      const candidates = await candidatesOf(actor, itemId, filter);
      const pending = candidates.filter((c) => c.status === 'pending');
      if (pending.length !== body.expected.count || selectionChecksum(pending) !== body.expected.checksum) {
        throw new AppError('POLICIES_EXEMPT_LIST_CHANGED', { status: 409, params: { expected: body.expected.count, count: pending.length } });
      }
      const excludedInput = body.excluded ?? [];
      const reinstatedInput = body.reinstated ?? [];
      const pendingById = new Map(pending.map((c) => [c.enterpriseId, c]));
      const excludedBefore = new Map(candidates.filter((c) => c.status === 'excluded').map((c) => [c.enterpriseId, c]));
      const unknown = [...excludedInput.map((e) => e.enterpriseId).filter((id) => !pendingById.has(id)), ...reinstatedInput.filter((id) => !excludedBefore.has(id))];
      if (unknown.length > 0) throw new AppError('POLICIES_EXCLUSION_UNKNOWN', { status: 400, details: { enterpriseIds: unknown } });
      const excludedIds = new Set(excludedInput.map((e) => e.enterpriseId));
      const granted = [
        ...pending.filter((c) => !excludedIds.has(c.enterpriseId)),
        ...[...new Set(reinstatedInput)].flatMap((id) => excludedBefore.get(id) ?? []),
      ];
      if (granted.length === 0 && excludedIds.size === 0) throw new AppError('POLICIES_NOTHING_TO_CONFIRM', { status: 400 });
      const amounts = granted.map((c) => c.estimatedWan ?? body.amountWan ?? null);
      if (amounts.some((a) => a === null || a <= 0)) throw new AppError('POLICIES_AMOUNT_REQUIRED', { status: 400 });
      const totalWan = round2(amounts.reduce<number>((s, a) => s + (a ?? 0), 0));
      const now = clock.now();
      const excluded = excludedInput.map((e) => ({ enterpriseId: e.enterpriseId, enterpriseName: pendingById.get(e.enterpriseId)?.name ?? '', reason: e.reason }));
      const result = await db
        .transaction(async (tx) => {
          if (totalWan > 0) await ctx.spend(tx, item, totalWan);
          const list = await insertExemptList(tx, {
            itemId, jurisdictionCode: filter.division ?? jurisdictionOf(actor), confirmedBy: actor.id, confirmedByName: actor.displayName, confirmedAt: now,
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
            ...excluded.map((e) => ({ itemId, enterpriseId: e.enterpriseId, divisionCode: pendingById.get(e.enterpriseId)?.divisionCode ?? '', verdict: 'rejected' as const, source: 'exempt_list' as const, matched: true, reason: e.reason, actorId: actor.id, at: now })),
          ]);
          await audit.record(tx, actor, {
            action: 'policy_exempt_list.confirm', entityType: 'policy_exempt_list', entityId: list.id, divisionCode: actor.jurisdictionCode,
            after: { itemId, filter, grantedCount: granted.length, totalWan, excluded, reinstated: reinstatedInput, checksum: body.expected.checksum },
          }, requestId);
          return list;
        })
        .catch((error: unknown) => {
          // another official confirmed some of these firms at the same moment: nothing was granted, reload
          if (isUniqueViolation(error, 'policy_grants_item_enterprise_key')) throw new AppError('POLICIES_GRANT_TAKEN', { status: 409 });
          throw error;
        });
      return { listId: result.id, grantedCount: granted.length, excludedCount: excluded.length, totalWan, funding: await ctx.fundingOf(actor, await ctx.itemTerms(itemId)) };
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
