/**
 * Applications (申报) and their review: the enterprise applies inside the window, once per item;
 * the district of the firm reviews (通过/退回); the city approves or returns; the city records the
 * payout against the item's budget. Every step checks role, state and jurisdiction and is audited.
 */
import type { Actor } from '../../../server/actor.ts';
import { AppError } from '../../../server/errors.ts';
import { assertCan, can } from '../../../server/permissions.ts';
import type { z } from 'zod';
import type { EnterpriseItemMatch, EnterpriseItemNearMiss } from '../policies.schemas.ts';
import { ApplicationDetailSchema } from './delivery.schemas.ts';
import type { ApplicationAction, ApplicationState } from './delivery.constants.ts';
import { type DeliveryContext, type DeliveryDeps, divisionName, itemRef, round2 } from './delivery.context.ts';
import {
  findApplication, findApplicationEvents, findApplicationOf, findApplicationPage, insertApplication, insertApplicationEvent, insertGrants, isUniqueViolation,
  updateApplication, upsertVerdicts, type ApplicationRow, type Executor,
} from './delivery.repository.ts';
import type {
  Application, ApplicationCreate, ApplicationDetail, ApplicationForm, ApplicationListQuery, ApplicationPage, EnterpriseSnapshot, PayoutBody, ResubmitBody, ReviewBody,
} from './delivery.schemas.ts';
import { allowedActions, checkTransition, reviewAction } from './delivery.state-machine.ts';

export const APPLICATION_OWNER = 'policy_application';

const StoredFormSchema = ApplicationDetailSchema.shape.form;
type StoredForm = z.infer<typeof StoredFormSchema>;

export const toApplication = (row: ApplicationRow): Application => ({
  id: row.id, itemId: row.itemId, itemTitle: row.itemTitle, enterpriseId: row.enterpriseId, enterpriseName: row.enterpriseName, divisionCode: row.divisionCode,
  divisionName: divisionName(row.divisionCode), state: row.state, matched: row.matched, requestedWan: row.requestedWan, estimatedWan: row.estimatedWan,
  approvedWan: row.approvedWan, paidWan: row.paidWan, note: row.note, lastReason: row.lastReason, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(), version: row.version,
});

export function createApplicationsService(deps: DeliveryDeps, ctx: DeliveryContext) {
  const { db, audit, clock, policies, enterprises, files } = deps;

  const notFound = () => new AppError('POLICIES_APPLICATION_NOT_FOUND', { status: 404 });

  /** An application the actor may see (404 outside their scope: the firm's district, the firm itself). */
  const visible = async (actor: Actor, id: string, tx: Executor = db, lock = false): Promise<ApplicationRow> => {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
    const row = await findApplication(tx, actor.scope, id, { lock });
    if (!row) throw notFound();
    return row;
  };

  const enterpriseOf = (actor: Actor): string => {
    if (actor.role !== 'enterprise' || !actor.enterpriseId) throw new AppError('POLICIES_ACTION_FORBIDDEN', { status: 403 });
    return actor.enterpriseId;
  };

  /** The registry record and the match (explanation, benefit, or the one missing condition) of the actor's enterprise for an item. */
  const prefill = async (actor: Actor, enterpriseId: string, itemId: string) => {
    const [record, matches] = await Promise.all([enterprises.getEnterprise(actor, enterpriseId), policies.getEnterpriseMatches(actor, enterpriseId, {})]);
    const enterprise: EnterpriseSnapshot = {
      id: record.id, name: record.name, creditCode: record.creditCode, divisionCode: record.divisionCode, divisionName: divisionName(record.divisionCode), industryCode: record.industryCode,
      employees: record.employees, revenueWan: record.revenueWan, mainBusinessRevenueWan: record.mainBusinessRevenueWan, assetsWan: record.assetsWan,
      rdExpenseWan: record.rdExpenseWan, taxWan: record.taxWan, tags: [...record.tags],
    };
    const match: EnterpriseItemMatch | undefined = matches.matches.find((m) => m.item.id === itemId);
    const near: EnterpriseItemNearMiss | undefined = matches.nearMisses.find((m) => m.item.id === itemId);
    return {
      enterprise,
      matched: match !== undefined,
      benefit: match?.benefit ?? near?.benefit ?? null,
      miss: near?.miss ?? null,
      explanation: match?.explanation ?? near?.explanation ?? [],
    };
  };

  const record = async (tx: Executor, actor: Actor, row: ApplicationRow, step: { action: ApplicationAction | 'submit'; from: ApplicationState | null; reason?: string | null | undefined; amountWan?: number | null | undefined }, requestId?: string) => {
    await insertApplicationEvent(tx, {
      applicationId: row.id, action: step.action, fromState: step.from, toState: row.state, reason: step.reason ?? null, amountWan: step.amountWan ?? null,
      actorId: actor.id, actorName: actor.displayName, actorRole: actor.role, at: clock.now(),
    });
    await audit.record(tx, actor, {
      action: `policy_application.${step.action}`, entityType: 'policy_application', entityId: row.id, divisionCode: row.divisionCode,
      before: step.from === null ? null : { state: step.from },
      after: { state: row.state, itemId: row.itemId, enterpriseId: row.enterpriseId, ...(step.reason ? { reason: step.reason } : {}), ...(step.amountWan != null ? { amountWan: step.amountWan } : {}) },
    }, requestId);
  };

  const detail = async (actor: Actor, row: ApplicationRow): Promise<ApplicationDetail> => {
    const [events, attachments, item] = await Promise.all([findApplicationEvents(db, row.id), files.listAttached(APPLICATION_OWNER, row.id), ctx.itemTerms(row.itemId)]);
    return {
      ...toApplication(row),
      form: StoredFormSchema.parse(row.form),
      events: events.map((e) => ({ action: e.action, fromState: e.fromState, toState: e.toState, reason: e.reason, amountWan: e.amountWan, actorName: e.actorName, actorRole: e.actorRole, at: e.at.toISOString() })),
      attachments,
      actions: allowedActions(row.state, actor.role),
      funding: await ctx.fundingOf(actor, item),
    };
  };

  /** Moves an application one step under a row lock: role, then state, then the version the caller saw. */
  const step = async (actor: Actor, id: string, action: ApplicationAction, version: number | undefined, apply: (tx: Executor, row: ApplicationRow, to: ApplicationState) => Promise<{ patch: Partial<ApplicationRow>; reason?: string | null; amountWan?: number | null }>, requestId?: string): Promise<ApplicationRow> =>
    db.transaction(async (tx) => {
      const row = await visible(actor, id, tx, true);
      const check = checkTransition(row.state, action, actor.role);
      if (!check.ok) throw new AppError(check.code, { status: check.code === 'POLICIES_ACTION_FORBIDDEN' ? 403 : 409, params: { state: row.state } });
      if (version !== undefined && version !== row.version) throw new AppError('POLICIES_APPLICATION_VERSION_CONFLICT', { status: 409 });
      const { patch, reason, amountWan } = await apply(tx, row, check.to);
      const updated = await updateApplication(tx, row.id, { ...patch, state: check.to, updatedAt: clock.now() });
      await record(tx, actor, updated, { action, from: row.state, reason, amountWan }, requestId);
      return updated;
    });

  return {
    /** The application form of an item for the actor's enterprise, pre-filled from the registry and the match. */
    async getApplicationForm(actor: Actor, itemId: string): Promise<ApplicationForm> {
      assertCan(actor, 'policies.apply');
      const enterpriseId = enterpriseOf(actor);
      const item = await ctx.itemTerms(itemId);
      const [filled, funding, existing] = await Promise.all([prefill(actor, enterpriseId, itemId), ctx.fundingOf(actor, item), findApplicationOf(db, itemId, enterpriseId)]);
      return { item: itemRef(item), funding, ...filled, existingApplicationId: existing?.id ?? null };
    },

    /** An enterprise applies: only inside the window, once per item, not for 免申即享 items; attachments are its own uploads. */
    async createApplication(actor: Actor, input: ApplicationCreate, requestId?: string): Promise<ApplicationDetail> {
      assertCan(actor, 'policies.apply');
      const enterpriseId = enterpriseOf(actor);
      const item = await ctx.itemTerms(input.itemId);
      if (item.exemptFromApplication) throw new AppError('POLICIES_ITEM_EXEMPT', { status: 400, params: { itemId: item.id } });
      const funding = await ctx.fundingOf(actor, item);
      if (!funding.windowOpen) throw new AppError('POLICIES_APPLICATION_WINDOW_CLOSED', { status: 400, params: { opens: funding.applicationOpensOn ?? '—', closes: funding.applicationClosesOn ?? '—' } });
      if (await findApplicationOf(db, item.id, enterpriseId)) throw new AppError('POLICIES_APPLICATION_TAKEN', { status: 409, params: { itemId: item.id } });
      const filled = await prefill(actor, enterpriseId, item.id);
      // a near miss's benefit is what it would get once the condition is met, not an estimate of this application
      const estimatedWan = filled.matched && filled.benefit?.kind === 'estimated' ? filled.benefit.amountWan : null;
      const form: StoredForm = { enterprise: filled.enterprise, benefit: filled.benefit, explanation: filled.explanation };
      const created = await db
        .transaction(async (tx) => {
          const row = await insertApplication(tx, {
            itemId: item.id, itemTitle: item.title, enterpriseId, enterpriseName: filled.enterprise.name, divisionCode: filled.enterprise.divisionCode,
            state: 'submitted', matched: filled.matched, form, requestedWan: input.requestedWan ?? estimatedWan, estimatedWan, note: input.note ?? '',
            applicantId: actor.id, createdAt: clock.now(), updatedAt: clock.now(),
          });
          await files.attach(tx, actor, input.attachmentIds ?? [], { type: APPLICATION_OWNER, id: row.id });
          await record(tx, actor, row, { action: 'submit', from: null, amountWan: row.requestedWan }, requestId);
          return row;
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error, 'policy_applications_item_enterprise_key')) throw new AppError('POLICIES_APPLICATION_TAKEN', { status: 409, params: { itemId: item.id } });
          throw error;
        });
      return detail(actor, created);
    },

    /** One page of the applications in the actor's scope (an enterprise: its own). */
    async findApplications(actor: Actor, query: ApplicationListQuery): Promise<ApplicationPage> {
      assertCan(actor, 'policies.applications.read');
      const { rows, total } = await findApplicationPage(db, actor.scope, query, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
      return { items: rows.map(toApplication), total, page: query.page, pageSize: query.pageSize };
    },

    async getApplication(actor: Actor, id: string): Promise<ApplicationDetail> {
      assertCan(actor, 'policies.applications.read');
      return detail(actor, await visible(actor, id));
    },

    /** Whether an actor may see an application (its attachments follow it). */
    async canSeeApplication(actor: Actor, id: string): Promise<boolean> {
      if (!can(actor, 'policies.applications.read')) return false;
      return (await findApplication(db, actor.scope, id)) !== undefined;
    },

    /** 区县审核 (district) or 市级审批 (city): 通过 or 退回 with a reason; the verdict on the match is recorded. */
    async reviewApplication(actor: Actor, id: string, body: ReviewBody, requestId?: string): Promise<ApplicationDetail> {
      await visible(actor, id);
      const action = reviewAction(actor.role, body.decision);
      if (!action) throw new AppError('POLICIES_ACTION_FORBIDDEN', { status: 403 });
      const reason = body.reason?.trim() || null;
      if (body.decision === 'return' && !reason) throw new AppError('POLICIES_REASON_REQUIRED', { status: 400 });
      const row = await step(actor, id, action, body.version, async (tx, current) => {
        const patch: Partial<ApplicationRow> = {};
        let amountWan: number | null = null;
        if (action === 'city_approve') {
          amountWan = body.approvedWan ?? current.requestedWan ?? current.estimatedWan;
          if (amountWan === null || amountWan <= 0) throw new AppError('POLICIES_AMOUNT_REQUIRED', { status: 400 });
          patch.approvedWan = round2(amountWan);
        }
        if (body.decision === 'return') patch.lastReason = reason;
        if (body.decision === 'approve' || body.notEligible) {
          await upsertVerdicts(tx, [{
            itemId: current.itemId, enterpriseId: current.enterpriseId, divisionCode: current.divisionCode, verdict: body.decision === 'approve' ? 'confirmed' : 'rejected',
            source: 'application_review', matched: current.matched, reason, actorId: actor.id, at: clock.now(),
          }]);
        }
        return { patch, reason, amountWan };
      }, requestId);
      return detail(actor, row);
    },

    /** The enterprise sends a returned application again (inside the window), with more notes or files. */
    async resubmitApplication(actor: Actor, id: string, body: ResubmitBody, requestId?: string): Promise<ApplicationDetail> {
      const current = await visible(actor, id);
      const funding = await ctx.fundingOf(actor, await ctx.itemTerms(current.itemId));
      if (actor.role === 'enterprise' && current.state === 'returned' && !funding.windowOpen) {
        throw new AppError('POLICIES_APPLICATION_WINDOW_CLOSED', { status: 400, params: { opens: funding.applicationOpensOn ?? '—', closes: funding.applicationClosesOn ?? '—' } });
      }
      const row = await step(actor, id, 'resubmit', undefined, async (tx, cur) => {
        await files.attach(tx, actor, body.attachmentIds ?? [], { type: APPLICATION_OWNER, id: cur.id });
        const patch: Partial<ApplicationRow> = {};
        if (body.note !== undefined) patch.note = body.note;
        if (body.requestedWan !== undefined) patch.requestedWan = body.requestedWan;
        return { patch };
      }, requestId);
      return detail(actor, row);
    },

    /** 拨付: the city pays an approved application; the budget ledger refuses what does not fit, and nothing is paid. */
    async payApplication(actor: Actor, id: string, body: PayoutBody, requestId?: string): Promise<ApplicationDetail> {
      const item = await ctx.itemTerms((await visible(actor, id)).itemId);
      const row = await step(actor, id, 'pay', undefined, async (tx, current) => {
        const amountWan = round2(body.amountWan ?? current.approvedWan ?? 0);
        if (amountWan <= 0) throw new AppError('POLICIES_AMOUNT_REQUIRED', { status: 400 });
        await ctx.spend(tx, item, amountWan);
        try {
          await insertGrants(tx, [{
            itemId: current.itemId, enterpriseId: current.enterpriseId, enterpriseName: current.enterpriseName, divisionCode: current.divisionCode,
            source: 'application', applicationId: current.id, amountWan, paidBy: actor.id, paidAt: clock.now(), isDemo: current.isDemo,
          }]);
        } catch (error) {
          if (isUniqueViolation(error)) throw new AppError('POLICIES_GRANT_TAKEN', { status: 409 });
          throw error;
        }
        return { patch: { paidWan: amountWan }, amountWan };
      }, requestId);
      return detail(actor, row);
    },
  };
}

export type ApplicationsService = ReturnType<typeof createApplicationsService>;
