import { randomUUID } from 'node:crypto';
import { getJurisdiction } from '../../standards/index.ts';
import type { Actor } from '../../server/actor.ts';
import type { Clock } from '../../server/clock.ts';
import type { Db } from '../../server/db/index.ts';
import { AppError } from '../../server/errors.ts';
import { assertCan, can } from '../../server/permissions.ts';
import type { Locale } from '../../server/i18n/index.ts';
import type { AuditService } from '../audit/index.ts';
import type { UsersService } from '../users/index.ts';
import type { FilesService } from '../files/index.ts';
import type { EnterprisesService } from '../enterprises/index.ts';
import { buildRequestTemplate, DESCRIPTION_MAX, parseUrgency, readRequestSheet, TITLE_MAX } from './request-import.ts';
import { computeDueAt, pauseClock, resumeClock, type RequestClock } from './deadlines.ts';
import { toRequestDetail, toRequestListItem, toStoredAttachment, type Lookups } from './service.mappers.ts';
import {
  findCategory, findDepartmentIdOfUser, findDepartmentsByIds, findEvents, findRatings, findReminders, findRequestById, findRequestPage, findVisitById, insertCategory, insertDepartment,
  insertEvents, insertRating, insertRequest, iterateRequests, listCategories, listDepartments, updateCategory, updateRequest, upsertDepartmentMember,
  type CategoryRow, type RequestFilter, type RequestInsert, type RequestRow, type RequestScope,
} from './service.repository.ts';
import { REQUEST_FILE_OWNER, type DepartmentKind, type StoredAttachment, type Urgency } from './service.constants.ts';
import type { RequestCreate, RequestListQuery, TransitionBody } from './service.schemas.ts';
import { availableActions, planTransition, type Relation } from './state-machine.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Reader = Db | Tx;

export function allowedDaysFor(category: CategoryRow, urgency: Urgency): number {
  switch (urgency) {
    case 'normal':
      return category.normalDays;
    case 'urgent':
      return category.urgentDays;
    case 'critical':
      return category.criticalDays;
  }
}

/** Query parameters → repository filter (district codes expand to their jurisdiction's subtrees). */
export function toRequestFilter(query: Omit<RequestListQuery, 'page' | 'pageSize' | 'sort'>): RequestFilter {
  const filter: RequestFilter = {
    states: query.state, category: query.category, departmentId: query.department, enterpriseId: query.enterpriseId,
    overdue: query.overdue, escalated: query.escalated, q: query.q,
  };
  if (query.district) {
    const j = getJurisdiction(query.district);
    filter.division = j ? { prefixes: j.divisionPrefixes, excludedPrefixes: j.excludedPrefixes } : { prefixes: [query.district] };
  }
  if (query.month) {
    const [y, m] = query.month.split('-').map(Number) as [number, number];
    filter.createdFrom = new Date(Date.UTC(y, m - 1, 1) - 8 * 3_600_000);
    filter.createdBefore = new Date(Date.UTC(y, m, 1) - 8 * 3_600_000);
  }
  return filter;
}

const OFFICIAL_ROLES = new Set(['admin', 'city', 'district', 'street']);

export type ServiceDeskService = ReturnType<typeof createServiceDeskService>;

/**
 * The 诉求 desk: requests and their life cycle, categories, departments. Every function takes
 * the actor first and checks the permission first; every write is audited in its transaction.
 */
export function createServiceDeskService(deps: { db: Db; audit: AuditService; clock: Clock; enterprises: EnterprisesService; users: UsersService; files: FilesService }) {
  const { db, audit, clock, enterprises, users, files } = deps;

  async function requestScopeOf(actor: Actor, reader: Reader = db): Promise<RequestScope> {
    if (actor.role !== 'department') return { scope: actor.scope, departmentOnly: false, departmentId: null };
    return { scope: actor.scope, departmentOnly: true, departmentId: await findDepartmentIdOfUser(reader, actor.id) };
  }

  function relationOf(actor: Actor, row: RequestRow, rs: RequestScope): Relation {
    if (actor.role === 'enterprise') return actor.enterpriseId === row.enterpriseId ? 'enterprise' : 'viewer';
    if (actor.role === 'department') return rs.departmentId && row.leadDepartmentId === rs.departmentId ? 'lead_department' : 'co_department';
    if (OFFICIAL_ROLES.has(actor.role)) return 'official';
    return 'viewer';
  }

  // The category dictionary is tiny and rarely changes: names come from a copy at most a minute old
  // (refreshed at once in this process when an admin edits it).
  let categoryCache: { at: number; rows: Map<string, CategoryRow> } | null = null;
  async function categoryNames(reader: Reader): Promise<Map<string, CategoryRow>> {
    const now = Date.now();
    if (!categoryCache || now - categoryCache.at > 60_000) categoryCache = { at: now, rows: new Map((await listCategories(reader)).map((c) => [c.code, c])) };
    return categoryCache.rows;
  }

  async function lookups(reader: Reader, rows: RequestRow[], locale: Locale): Promise<Lookups> {
    const categories = await categoryNames(reader);
    const ids = [...new Set(rows.flatMap((r) => [...(r.leadDepartmentId ? [r.leadDepartmentId] : []), ...r.coHandlerIds]))];
    const departments = new Map((await findDepartmentsByIds(reader, ids)).map((d) => [d.id, d]));
    return { categories, departments, locale };
  }

  async function detail(reader: Reader, actor: Actor, row: RequestRow, rs: RequestScope, locale: Locale) {
    const [events, ratings, names] = [await findEvents(reader, row.id), await findRatings(reader, row.id), await lookups(reader, [row], locale)];
    const relation = relationOf(actor, row, rs);
    const actions = availableActions({ state: row.state, paused: row.pausedSince !== null, returnedTo: row.returnedTo, reopenCount: row.reopenCount }, relation);
    return toRequestDetail(row, names, { events, ratings, actions, now: clock.now() });
  }

  const eventOf = (actor: Actor, requestId: string, e: { action: string; fromState: RequestRow['state'] | null; toState: RequestRow['state']; note?: string | null; details?: unknown }, at: Date) => ({
    requestId, action: e.action, fromState: e.fromState, toState: e.toState, actorId: actor.id, actorName: actor.displayName, actorRole: actor.role, note: e.note ?? null, details: e.details ?? null, at,
  });

  async function activeCategory(reader: Reader, code: string): Promise<CategoryRow> {
    const category = await findCategory(reader, code);
    if (!category || !category.isActive) throw new AppError('SERVICE_CATEGORY_UNKNOWN', { status: 400, params: { category: code } });
    return category;
  }

  /** The enterprise a request is for: the caller's own, or one in the caller's scope. */
  async function enterpriseFor(actor: Actor, enterpriseId: string | undefined): Promise<{ id: string; name: string; divisionCode: string }> {
    if (actor.role === 'enterprise') {
      if (!actor.enterpriseId || (enterpriseId && enterpriseId !== actor.enterpriseId)) throw new AppError('SERVICE_ENTERPRISE_NOT_FOUND', { status: 404 });
      enterpriseId = actor.enterpriseId;
    }
    if (!enterpriseId) throw new AppError('SERVICE_ENTERPRISE_REQUIRED', { status: 400 });
    try {
      const e = await enterprises.getEnterprise(actor, enterpriseId);
      return { id: e.id, name: e.name, divisionCode: e.divisionCode };
    } catch (error) {
      if (error instanceof AppError && (error.code === 'ENTERPRISE_NOT_FOUND' || error.code === 'FORBIDDEN')) throw new AppError('SERVICE_ENTERPRISE_NOT_FOUND', { status: 404 });
      throw error;
    }
  }

  /** Builds (not inserts) a new request: its clock starts now. */
  async function newRequest(
    reader: Reader,
    actor: Actor,
    input: Omit<RequestCreate, 'enterpriseId' | 'fileIds'> & { source: RequestInsert['source']; id?: string; attachments?: StoredAttachment[] },
    enterprise: { id: string; name: string; divisionCode: string },
    now: Date,
  ): Promise<RequestInsert> {
    const category = await activeCategory(reader, input.category);
    const allowedDays = allowedDaysFor(category, input.urgency);
    return {
      ...(input.id ? { id: input.id } : {}),
      enterpriseId: enterprise.id, enterpriseName: enterprise.name, divisionCode: enterprise.divisionCode, category: category.code, urgency: input.urgency,
      title: input.title, description: input.description, source: input.source, visitId: input.visitId ?? null, attachments: input.attachments ?? [],
      state: 'submitted', clockStartedAt: now, allowedDays, dueAt: computeDueAt({ clockStartedAt: now, allowedDays, pausedWorkingMs: 0 }),
      createdBy: actor.id, createdAt: now, updatedAt: now,
    };
  }

  async function insertAudited(tx: Tx, actor: Actor, values: RequestInsert, requestId: string | undefined): Promise<{ row: RequestRow; events: Awaited<ReturnType<typeof insertEvents>> }> {
    const row = await insertRequest(tx, values);
    const events = await insertEvents(tx, [eventOf(actor, row.id, { action: 'submit', fromState: null, toState: 'submitted', details: { source: row.source } }, row.createdAt)]);
    await audit.record(tx, actor, { action: 'create', entityType: 'service_request', entityId: row.id, divisionCode: row.divisionCode, after: { serial: row.serial, enterpriseId: row.enterpriseId, category: row.category, urgency: row.urgency, title: row.title, state: row.state, dueAt: row.dueAt } }, requestId);
    return { row, events };
  }

  // a request's files may be downloaded by whoever may see the request
  files.registerOwner(REQUEST_FILE_OWNER, async (actor, id) => can(actor, 'service.read') && (await findRequestById(db, await requestScopeOf(actor), id)) !== undefined);

  /** An enterprise in the caller's scope by its exact credit code, or null. */
  async function enterpriseByCreditCode(actor: Actor, creditCode: string): Promise<{ id: string; name: string; divisionCode: string } | null> {
    const page = await enterprises.findEnterprises(actor, { q: creditCode, page: 1, pageSize: 5 });
    const hit = page.items.find((e) => e.creditCode === creditCode);
    return hit ? { id: hit.id, name: hit.name, divisionCode: hit.divisionCode } : null;
  }

  return {
    requestScopeOf,

    async findRequests(actor: Actor, query: RequestListQuery, locale: Locale = 'zh-CN') {
      assertCan(actor, 'service.read');
      const { page, pageSize, sort, ...rest } = query;
      const rs = await requestScopeOf(actor);
      const { rows, total } = await findRequestPage(db, rs, toRequestFilter(rest), { sort, offset: (page - 1) * pageSize, limit: pageSize });
      const names = await lookups(db, rows, locale);
      return { items: rows.map((r) => toRequestListItem(r, names)), total, page, pageSize };
    },

    /** 督办 reminders (due soon, overdue) the sweep wrote in the last `days` days, on requests the caller may see. */
    async findReminders(actor: Actor, days: number) {
      assertCan(actor, 'service.read');
      const rs = await requestScopeOf(actor);
      const rows = await findReminders(db, rs, new Date(clock.now().getTime() - days * 86_400_000), 200);
      return { items: rows.map((r) => ({ ...r, dueAt: r.dueAt.toISOString(), at: r.at.toISOString() })) };
    },

    /** Up to `limit` requests of a repository filter with their details (the Open311 endpoints). */
    async findRequestDetails(actor: Actor, filter: RequestFilter, limit: number, locale: Locale = 'zh-CN') {
      assertCan(actor, 'service.read');
      const rs = await requestScopeOf(actor);
      const { rows } = await findRequestPage(db, rs, filter, { sort: '-createdAt', offset: 0, limit });
      const names = await lookups(db, rows, locale);
      return rows.map((r) => ({ ...toRequestListItem(r, names), description: r.description, reply: r.reply, updatedAt: r.updatedAt.toISOString(), attachments: r.attachments }));
    },

    /** Every request of a filtered list, in batches, with names (for the .xlsx export). */
    async *iterateRequests(actor: Actor, query: Omit<RequestListQuery, 'page' | 'pageSize'>, locale: Locale = 'zh-CN') {
      assertCan(actor, 'service.read');
      const { sort, ...rest } = query;
      const rs = await requestScopeOf(actor);
      for await (const rows of iterateRequests(db, rs, toRequestFilter(rest), sort)) {
        const names = await lookups(db, rows, locale);
        yield rows.map((r) => toRequestListItem(r, names));
      }
    },

    async getRequest(actor: Actor, id: string, locale: Locale = 'zh-CN') {
      assertCan(actor, 'service.read');
      const rs = await requestScopeOf(actor);
      const row = await findRequestById(db, rs, id);
      if (!row) throw new AppError('SERVICE_REQUEST_NOT_FOUND', { status: 404 });
      return detail(db, actor, row, rs, locale);
    },

    async createRequest(actor: Actor, input: RequestCreate, options: { requestId?: string; locale?: Locale; source?: 'open311' } = {}) {
      assertCan(actor, 'service.requests.create');
      const enterprise = await enterpriseFor(actor, input.enterpriseId);
      const now = clock.now();
      const source = options.source ?? (actor.role === 'enterprise' ? 'enterprise' : 'officer');
      return db.transaction(async (tx) => {
        if (input.visitId) {
          const visit = await findVisitById(tx, actor.scope, input.visitId);
          if (!visit || visit.enterpriseId !== enterprise.id) throw new AppError('SERVICE_VISIT_NOT_FOUND', { status: 400 });
        }
        const id = randomUUID();
        const attachments = (await files.attach(tx, actor, input.fileIds, { type: REQUEST_FILE_OWNER, id })).map(toStoredAttachment);
        const values = await newRequest(tx, actor, { ...input, id, attachments, source }, enterprise, now);
        const { row, events } = await insertAudited(tx, actor, values, options.requestId);
        // A new request has its one event and no ratings or departments yet: no need to read them back.
        const names: Lookups = { categories: await categoryNames(tx), departments: new Map(), locale: options.locale ?? 'zh-CN' };
        const relation = relationOf(actor, row, await requestScopeOf(actor, tx));
        const actions = availableActions({ state: row.state, paused: false, returnedTo: null, reopenCount: 0 }, relation);
        return toRequestDetail(row, names, { events, ratings: [], actions, now });
      });
    },

    /** Requests raised at a visit, inserted inside the visit's own transaction. */
    async createRequestsInTx(tx: Tx, actor: Actor, enterprise: { id: string; name: string; divisionCode: string }, problems: { category: string; urgency: Urgency; title: string; description: string }[], visitId: string, requestId?: string) {
      const now = clock.now();
      const rows: RequestRow[] = [];
      for (const p of problems) rows.push((await insertAudited(tx, actor, await newRequest(tx, actor, { ...p, visitId, source: 'officer' }, enterprise, now), requestId)).row);
      return rows;
    },

    /**
     * 诉求 in bulk from an .xlsx (统一社会信用代码, 诉求类别, 紧急程度, 标题, 诉求内容), by officers: every
     * row is checked first; if any is wrong nothing is created and each bad row is reported.
     */
    async importRequests(actor: Actor, buffer: Buffer, options: { requestId?: string } = {}) {
      assertCan(actor, 'service.requests.import');
      const rows = await readRequestSheet(buffer);
      const categories = [...(await categoryNames(db)).values()].filter((c) => c.isActive);
      const categoryOf = (text: string) => {
        const t = text.trim().toLowerCase();
        return categories.find((c) => c.code === t || c.nameZh === text.trim() || c.nameEn.toLowerCase() === t);
      };
      const problems: { row: number; column: string; code: string; params?: Record<string, string | number> }[] = [];
      const ready: { enterprise: { id: string; name: string; divisionCode: string }; category: string; urgency: Urgency; title: string; description: string }[] = [];
      const seen = new Map<string, number>();
      const byCode = new Map<string, { id: string; name: string; divisionCode: string } | null>();
      for (const r of rows) {
        const before = problems.length;
        if (!r.creditCode) problems.push({ row: r.row, column: '统一社会信用代码', code: 'REQUIRED' });
        else if (!byCode.has(r.creditCode)) byCode.set(r.creditCode, await enterpriseByCreditCode(actor, r.creditCode));
        const enterprise = r.creditCode ? byCode.get(r.creditCode) : undefined;
        if (r.creditCode && !enterprise) problems.push({ row: r.row, column: '统一社会信用代码', code: 'ENTERPRISE_NOT_IN_SCOPE' });
        const category = categoryOf(r.category);
        if (!r.category) problems.push({ row: r.row, column: '诉求类别', code: 'REQUIRED' });
        else if (!category) problems.push({ row: r.row, column: '诉求类别', code: 'REQUEST_CATEGORY_UNKNOWN', params: { category: r.category } });
        const urgency = parseUrgency(r.urgency);
        if (!urgency) problems.push({ row: r.row, column: '紧急程度', code: 'REQUEST_URGENCY_INVALID' });
        for (const [value, column, max] of [[r.title, '标题', TITLE_MAX], [r.description, '诉求内容', DESCRIPTION_MAX]] as const) {
          if (!value) problems.push({ row: r.row, column, code: 'REQUIRED' });
          else if (value.length > max) problems.push({ row: r.row, column, code: 'TOO_LONG', params: { max } });
        }
        if (problems.length > before || !enterprise || !category || !urgency) continue;
        const key = `${enterprise.id}\u0000${r.title}`;
        const first = seen.get(key);
        if (first !== undefined) {
          problems.push({ row: r.row, column: '标题', code: 'REQUEST_DUPLICATE_ROW', params: { firstRow: first } });
          continue;
        }
        seen.set(key, r.row);
        ready.push({ enterprise, category: category.code, urgency, title: r.title, description: r.description });
      }
      if (problems.length) throw new AppError('SERVICE_REQUEST_IMPORT_ROWS_INVALID', { status: 400, params: { count: problems.length }, details: { rows: problems } });
      const now = clock.now();
      return db.transaction(async (tx) => {
        const serials: number[] = [];
        for (const r of ready) {
          const { row } = await insertAudited(tx, actor, await newRequest(tx, actor, { category: r.category, urgency: r.urgency, title: r.title, description: r.description, source: 'import' }, r.enterprise, now), options.requestId);
          serials.push(row.serial);
        }
        return { imported: ready.length, serials };
      });
    },

    /** The blank sheet for importRequests, with the active categories in its drop-down. */
    async requestTemplate(actor: Actor) {
      assertCan(actor, 'service.requests.import');
      return buildRequestTemplate([...(await categoryNames(db)).values()].filter((c) => c.isActive));
    },

    enterpriseFor,

    enterpriseByCreditCode,

    /** Takes one action on a request: the state machine decides, the row is locked while it changes. */
    async transition(actor: Actor, id: string, body: TransitionBody, options: { requestId?: string; locale?: Locale } = {}) {
      assertCan(actor, 'service.read');
      const now = clock.now();
      return db.transaction(async (tx) => {
        const rs = await requestScopeOf(actor, tx);
        const row = await findRequestById(tx, rs, id, { forUpdate: true });
        if (!row) throw new AppError('SERVICE_REQUEST_NOT_FOUND', { status: 404 });
        const relation = relationOf(actor, row, rs);
        const planned = planTransition(
          { state: row.state, paused: row.pausedSince !== null, returnedTo: row.returnedTo, reopenCount: row.reopenCount },
          relation,
          { action: body.action, reply: 'reply' in body ? body.reply : undefined, reason: 'reason' in body ? body.reason : undefined, rating: 'rating' in body ? body.rating : undefined },
        );
        if (!planned.ok) throw new AppError(planned.error.code, { status: planned.error.status, params: { action: body.action, state: row.state } });
        const plan = planned.plan;
        const values: Partial<RequestInsert> = { state: plan.to, returnedTo: plan.returnedTo, updatedAt: now };
        const details: Record<string, unknown> = {};
        let note: string | null = 'note' in body ? (body.note ?? null) : null;

        switch (body.action) {
          case 'dispatch': {
            const wanted = [body.leadDepartmentId, ...body.coHandlerIds];
            if (body.coHandlerIds.includes(body.leadDepartmentId) || new Set(wanted).size !== wanted.length) throw new AppError('SERVICE_DEPARTMENT_DUPLICATE', { status: 400 });
            const found = await findDepartmentsByIds(tx, wanted);
            if (found.length !== wanted.length || found.some((d) => !d.isActive)) throw new AppError('SERVICE_DEPARTMENT_NOT_FOUND', { status: 400 });
            values.leadDepartmentId = body.leadDepartmentId;
            values.coHandlerIds = body.coHandlerIds;
            Object.assign(details, { leadDepartmentId: body.leadDepartmentId, leadDepartmentName: found.find((d) => d.id === body.leadDepartmentId)?.name, coHandlerIds: body.coHandlerIds });
            break;
          }
          case 'return':
          case 'await_enterprise':
            note = body.reason.trim();
            break;
          case 'resolve':
            note = body.reply.trim();
            values.reply = note;
            values.resolvedAt = now;
            values.resolvedOnTime = now.getTime() <= row.dueAt.getTime();
            break;
          case 'rate':
            note = body.comment ?? null;
            await insertRating(tx, { requestId: row.id, round: (await findRatings(tx, row.id)).length, rating: body.rating, comment: body.comment ?? null, departmentId: row.leadDepartmentId, ratedBy: actor.id, at: now });
            values.latestRating = body.rating;
            Object.assign(details, { rating: body.rating });
            break;
          case 'merge': {
            const target = body.targetId === row.id ? undefined : await findRequestById(tx, rs, body.targetId);
            if (!target || target.state === 'merged') throw new AppError('SERVICE_MERGE_TARGET_INVALID', { status: 400 });
            values.mergedIntoId = target.id;
            Object.assign(details, { targetId: target.id, targetSerial: target.serial });
            break;
          }
          case 'resubmit':
            if (body.description) values.description = body.description;
            break;
          case 'accept':
          case 'start':
          case 'resume':
          case 'archive':
            break;
        }

        const clockNow: RequestClock = { clockStartedAt: row.clockStartedAt, allowedDays: row.allowedDays, pausedSince: row.pausedSince, pausedWorkingMs: row.pausedWorkingMs };
        if (plan.clock === 'pause') values.pausedSince = pauseClock(clockNow, now).pausedSince;
        if (plan.clock === 'resume') {
          const resumed = resumeClock(clockNow, now);
          Object.assign(values, { pausedSince: null, pausedWorkingMs: resumed.pausedWorkingMs, dueAt: computeDueAt(resumed) });
          if (computeDueAt(resumed).getTime() > now.getTime()) Object.assign(values, { isOverdue: false, overdueAt: null });
        }
        if (plan.clock === 'restart') {
          const category = await findCategory(tx, row.category);
          const allowedDays = category ? allowedDaysFor(category, row.urgency) : row.allowedDays;
          Object.assign(values, {
            clockStartedAt: now, allowedDays, pausedSince: null, pausedWorkingMs: 0, dueAt: computeDueAt({ clockStartedAt: now, allowedDays, pausedWorkingMs: 0 }),
            // The last reply stays in the timeline; the request waits for a new one.
            isOverdue: false, overdueAt: null, resolvedAt: null, resolvedOnTime: null, reply: null,
          });
        }
        if (plan.reopen) values.reopenCount = row.reopenCount + 1;
        if (plan.escalate) values.escalationLevel = row.escalationLevel + 1;
        if (plan.closed) values.closedAt = now;

        const updated = await updateRequest(tx, row.id, row.version, values);
        if (!updated) throw new AppError('SERVICE_REQUEST_VERSION_CONFLICT', { status: 409 });
        if (plan.reopen) details.reopenCount = updated.reopenCount;
        if (plan.escalate) details.escalationLevel = updated.escalationLevel;
        await insertEvents(tx, [eventOf(actor, row.id, { action: body.action, fromState: row.state, toState: updated.state, note, details: Object.keys(details).length ? details : null }, now)]);
        const audited = ['state', 'returnedTo', 'leadDepartmentId', 'coHandlerIds', 'reply', 'pausedSince', 'dueAt', 'reopenCount', 'escalationLevel', 'mergedIntoId', 'latestRating', 'description'] as const;
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        for (const key of audited) {
          if (JSON.stringify(row[key]) !== JSON.stringify(updated[key])) {
            before[key] = row[key];
            after[key] = updated[key];
          }
        }
        await audit.record(tx, actor, { action: `transition.${body.action}`, entityType: 'service_request', entityId: row.id, divisionCode: row.divisionCode, before, after: { ...after, ...(note ? { note } : {}) } }, options.requestId);
        return detail(tx, actor, updated, rs, options.locale ?? 'zh-CN');
      });
    },

    // ------------------------------------------------------------ categories

    /** The category dictionary, which is public (the Open311 service list). */
    publicCategories: () => listCategories(db),

    async listCategories(actor: Actor) {
      assertCan(actor, 'service.read');
      return { items: await listCategories(db) };
    },

    async createCategory(actor: Actor, input: Omit<CategoryRow, 'isActive' | 'sortOrder'> & { sortOrder?: number | undefined; isActive?: boolean | undefined }, requestId?: string) {
      assertCan(actor, 'service.admin');
      return db.transaction(async (tx) => {
        const row = await insertCategory(tx, { ...input, sortOrder: input.sortOrder ?? 99, isActive: input.isActive ?? true });
        categoryCache = null;
        await audit.record(tx, actor, { action: 'create', entityType: 'service_category', entityId: row.code, after: row }, requestId);
        return row;
      });
    },

    async updateCategory(actor: Actor, code: string, patch: Partial<Omit<CategoryRow, 'code'>>, requestId?: string) {
      assertCan(actor, 'service.admin');
      return db.transaction(async (tx) => {
        const before = await findCategory(tx, code);
        if (!before) throw new AppError('SERVICE_CATEGORY_NOT_FOUND', { status: 404 });
        const row = await updateCategory(tx, code, patch);
        if (!row) throw new AppError('SERVICE_CATEGORY_NOT_FOUND', { status: 404 });
        categoryCache = null;
        await audit.record(tx, actor, { action: 'update', entityType: 'service_category', entityId: code, before, after: row }, requestId);
        return row;
      });
    },

    // ------------------------------------------------------------ departments

    async listDepartments(actor: Actor) {
      assertCan(actor, 'service.read');
      const rows = await listDepartments(db);
      return { items: rows.map(({ id, name, kind, jurisdictionCode, isActive, memberCount }) => ({ id, name, kind, jurisdictionCode, isActive, memberCount })) };
    },

    async createDepartment(actor: Actor, input: { name: string; kind: DepartmentKind; jurisdictionCode: string; isDemo?: boolean }, requestId?: string) {
      assertCan(actor, 'service.admin');
      if (!getJurisdiction(input.jurisdictionCode)) throw new AppError('SERVICE_JURISDICTION_UNKNOWN', { status: 400, params: { code: input.jurisdictionCode } });
      return db.transaction(async (tx) => {
        const row = await insertDepartment(tx, { ...input, isDemo: input.isDemo ?? false });
        await audit.record(tx, actor, { action: 'create', entityType: 'service_department', entityId: row.id, after: { name: row.name, kind: row.kind, jurisdictionCode: row.jurisdictionCode } }, requestId);
        return { id: row.id, name: row.name, kind: row.kind, jurisdictionCode: row.jurisdictionCode, isActive: row.isActive, memberCount: 0 };
      });
    },

    /** Links a user with role `department` to a department (moving them if linked elsewhere). */
    async addDepartmentMember(actor: Actor, departmentId: string, userId: string, requestId?: string) {
      assertCan(actor, 'service.admin');
      const [department] = await findDepartmentsByIds(db, [departmentId]);
      if (!department) throw new AppError('SERVICE_DEPARTMENT_NOT_FOUND', { status: 404 });
      const user = await users.findSummary({ id: userId });
      if (!user || user.role !== 'department') throw new AppError('SERVICE_MEMBER_NOT_DEPARTMENT_USER', { status: 400 });
      await db.transaction(async (tx) => {
        const previous = await findDepartmentIdOfUser(tx, userId);
        await upsertDepartmentMember(tx, userId, departmentId);
        await audit.record(tx, actor, { action: 'add_member', entityType: 'service_department', entityId: departmentId, before: { userId, departmentId: previous }, after: { userId, departmentId } }, requestId);
      });
    },

    canManage: (actor: Actor) => can(actor, 'service.admin'),
  };
}
