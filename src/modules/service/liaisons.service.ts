import { randomUUID } from 'node:crypto';
import { scopeContainsDivision, type Actor } from '../../server/actor.ts';
import { getJurisdiction } from '../../standards/index.ts';
import type { Clock } from '../../server/clock.ts';
import type { Db } from '../../server/db/index.ts';
import { AppError } from '../../server/errors.ts';
import { assertCan, can } from '../../server/permissions.ts';
import type { AuditService } from '../audit/index.ts';
import type { FilesService } from '../files/index.ts';
import type { UsersService } from '../users/index.ts';
import { cstDate } from './deadlines.ts';
import { parseLevel, readLiaisonSheet } from './liaison-import.ts';
import { VISIT_FILE_OWNER, type LiaisonLevel } from './service.constants.ts';
import { toStoredAttachment } from './service.mappers.ts';
import {
  countVisitsBetween, findActiveLiaison, findLiaisonById, findVisitPlans, upsertVisitPlan, findLiaisonPage, findOfficerLoad, findRequestIdsByVisits, findVisitById, findVisitPage, insertLiaison, insertVisit, updateLiaisonUntil,
  type LiaisonRow, type VisitRow,
} from './service.repository.ts';
import type { VisitCreate } from './service.schemas.ts';
import type { ServiceDeskService } from './service.service.ts';

/** A jurisdiction code's first division prefix (zones such as 郑东新区 have codes of their own). */
function jurisdictionDivision(code: string): string {
  return getJurisdiction(code)?.divisionPrefixes[0] ?? code;
}

/** The officer role that matches each liaison level (a street officer looks after firms at street level). */
const LEVEL_ROLE: Record<LiaisonLevel, string> = { city: 'city', district: 'district', street: 'street' };

/** The quarter of a date (2026-Q4) and its first and last days. */
export function quarterOf(isoDate: string): string {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

export function quarterRange(quarter: string): { from: string; to: string } {
  const [y, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
  const first = (q - 1) * 3 + 1;
  const last = new Date(Date.UTC(y, first + 2, 0)).toISOString().slice(0, 10);
  return { from: `${y}-${String(first).padStart(2, '0')}-01`, to: last };
}

function quarterStart(isoDate: string): string {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  return `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
}

export type LiaisonsService = ReturnType<typeof createLiaisonsService>;

/** 包联 (liaison officers assigned to enterprises) and 走访 (their visits); problems raised at a visit become requests. */
export function createLiaisonsService(deps: { db: Db; audit: AuditService; clock: Clock; desk: ServiceDeskService; users: UsersService; files: FilesService }) {
  const { db, audit, clock, desk, users, files } = deps;
  const today = () => cstDate(clock.now());
  // a visit's photos and files may be downloaded by whoever may see the visit
  files.registerOwner(VISIT_FILE_OWNER, async (actor, id) => can(actor, 'service.read') && (await findVisitById(db, actor.scope, id)) !== undefined);

  const toLiaison = (row: LiaisonRow) => ({
    id: row.id, officerId: row.officerId, officerName: row.officerName, enterpriseId: row.enterpriseId, enterpriseName: row.enterpriseName,
    divisionCode: row.divisionCode, level: row.level, since: row.since, until: row.until, isActive: row.until === null || row.until >= today(),
  });
  const toVisit = (row: VisitRow, requestIds: string[]) => ({
    id: row.id, officerId: row.officerId, officerName: row.officerName, enterpriseId: row.enterpriseId, enterpriseName: row.enterpriseName,
    visitedOn: row.visitedOn, peopleMet: row.peopleMet, situation: row.situation, attachments: row.attachments,
    requestIds, createdAt: row.createdAt.toISOString(),
  });

  return {
    async findLiaisons(actor: Actor, query: { page: number; pageSize: number; enterpriseId?: string | undefined; officerId?: string | undefined; active?: boolean | undefined }) {
      assertCan(actor, 'service.read');
      const { rows, total } = await findLiaisonPage(db, actor.scope, { enterpriseId: query.enterpriseId, officerId: query.officerId, activeOn: query.active ? today() : undefined }, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
      const items = rows.map(toLiaison).filter((l) => query.active === undefined || l.isActive === query.active);
      return { items, total: query.active === false ? items.length : total, page: query.page, pageSize: query.pageSize };
    },

    async assignLiaison(actor: Actor, input: { officerId: string; enterpriseId: string; level: LiaisonLevel; since: string; until?: string | undefined }, requestId?: string) {
      assertCan(actor, 'service.liaisons.manage');
      if (input.until && input.until < input.since) throw new AppError('SERVICE_LIAISON_DATES_INVALID', { status: 400 });
      const officer = await users.findSummary({ id: input.officerId });
      if (!officer || officer.role !== LEVEL_ROLE[input.level]) throw new AppError('SERVICE_LIAISON_OFFICER_INVALID', { status: 400, params: { level: input.level } });
      const enterprise = await desk.enterpriseFor(actor, input.enterpriseId);
      if (await findActiveLiaison(db, officer.id, enterprise.id, today())) throw new AppError('SERVICE_LIAISON_CONFLICT', { status: 409 });
      return db.transaction(async (tx) => {
        const row = await insertLiaison(tx, {
          officerId: officer.id, officerName: officer.displayName, enterpriseId: enterprise.id, enterpriseName: enterprise.name, divisionCode: enterprise.divisionCode,
          level: input.level, since: input.since, until: input.until ?? null, createdBy: actor.id,
        });
        await audit.record(tx, actor, { action: 'create', entityType: 'service_liaison', entityId: row.id, divisionCode: row.divisionCode, after: { officerId: row.officerId, enterpriseId: row.enterpriseId, level: row.level, since: row.since, until: row.until } }, requestId);
        return toLiaison(row);
      });
    },

    async endLiaison(actor: Actor, id: string, until: string, requestId?: string) {
      assertCan(actor, 'service.liaisons.manage');
      const current = await findLiaisonById(db, actor.scope, id);
      if (!current) throw new AppError('SERVICE_LIAISON_NOT_FOUND', { status: 404 });
      if (until < current.since) throw new AppError('SERVICE_LIAISON_DATES_INVALID', { status: 400 });
      return db.transaction(async (tx) => {
        const row = await updateLiaisonUntil(tx, id, until);
        if (!row) throw new AppError('SERVICE_LIAISON_NOT_FOUND', { status: 404 });
        await audit.record(tx, actor, { action: 'update', entityType: 'service_liaison', entityId: id, divisionCode: row.divisionCode, before: { until: current.until }, after: { until } }, requestId);
        return toLiaison(row);
      });
    },

    /**
     * 包联 in bulk from an .xlsx (干部账号, 统一社会信用代码, 包联层级, 开始日期, 结束日期): every row is
     * checked first; if any is wrong nothing is applied and each bad row is reported.
     */
    async importLiaisons(actor: Actor, buffer: Buffer, requestId?: string) {
      assertCan(actor, 'service.liaisons.manage');
      const rows = await readLiaisonSheet(buffer);
      const problems: { row: number; column: string; code: string; params?: Record<string, string | number> }[] = [];
      const ready: { officer: { id: string; displayName: string }; enterprise: { id: string; name: string; divisionCode: string }; level: LiaisonLevel; since: string; until: string | null }[] = [];
      const seen = new Set<string>();
      const date = /^\d{4}-\d{2}-\d{2}$/;
      for (const r of rows) {
        const before = problems.length;
        const level = parseLevel(r.level);
        if (!level) problems.push({ row: r.row, column: '包联层级', code: 'LIAISON_LEVEL_INVALID' });
        const officer = r.officer ? await users.findSummary({ username: r.officer }) : undefined;
        if (!officer) problems.push({ row: r.row, column: '干部账号', code: 'LIAISON_OFFICER_UNKNOWN' });
        else if (level && officer.role !== LEVEL_ROLE[level]) problems.push({ row: r.row, column: '干部账号', code: 'LIAISON_OFFICER_LEVEL' });
        const found = r.creditCode ? await desk.enterpriseByCreditCode(actor, r.creditCode) : null;
        if (!found) problems.push({ row: r.row, column: '统一社会信用代码', code: 'ENTERPRISE_NOT_IN_SCOPE' });
        if (!date.test(r.since)) problems.push({ row: r.row, column: '开始日期', code: 'DATE_INVALID' });
        if (r.until && (!date.test(r.until) || r.until < r.since)) problems.push({ row: r.row, column: '结束日期', code: 'DATE_INVALID' });
        if (problems.length > before || !officer || !found || !level) continue;
        const key = `${officer.id}:${found.id}`;
        if (seen.has(key) || (await findActiveLiaison(db, officer.id, found.id, today()))) {
          problems.push({ row: r.row, column: '干部账号', code: 'LIAISON_DUPLICATE' });
          continue;
        }
        seen.add(key);
        ready.push({ officer, enterprise: found, level, since: r.since, until: r.until || null });
      }
      if (problems.length) throw new AppError('SERVICE_IMPORT_ROWS_INVALID', { status: 400, params: { count: problems.length }, details: { rows: problems } });
      return db.transaction(async (tx) => {
        for (const r of ready) {
          const row = await insertLiaison(tx, {
            officerId: r.officer.id, officerName: r.officer.displayName, enterpriseId: r.enterprise.id, enterpriseName: r.enterprise.name, divisionCode: r.enterprise.divisionCode,
            level: r.level, since: r.since, until: r.until, createdBy: actor.id,
          });
          await audit.record(tx, actor, { action: 'import', entityType: 'service_liaison', entityId: row.id, divisionCode: row.divisionCode, after: { officerId: row.officerId, enterpriseId: row.enterpriseId, level: row.level, since: row.since, until: row.until } }, requestId);
        }
        return { imported: ready.length };
      });
    },

    /** 走访计划 of a quarter for the officers in scope, with visits recorded and the completion rate. */
    async findVisitPlans(actor: Actor, quarter: string | undefined) {
      assertCan(actor, 'service.read');
      const q = quarter ?? quarterOf(today());
      const { from, to } = quarterRange(q);
      const rows = await findVisitPlans(db, actor.scope, q, from, to);
      return {
        quarter: q,
        items: rows.map((r) => ({ ...r, quarter: q, completionRate: r.plannedVisits === 0 ? null : Math.round((r.doneVisits / r.plannedVisits) * 1000) / 10 })),
      };
    },

    async setVisitPlan(actor: Actor, input: { officerId: string; quarter: string; plannedVisits: number }, requestId?: string) {
      assertCan(actor, 'service.liaisons.manage');
      const officer = await users.findSummary({ id: input.officerId });
      if (!officer || !['city', 'district', 'street'].includes(officer.role) || !officer.jurisdictionCode || !scopeContainsDivision(actor.scope, jurisdictionDivision(officer.jurisdictionCode))) {
        throw new AppError('SERVICE_VISIT_PLAN_OFFICER_INVALID', { status: 400 });
      }
      return db.transaction(async (tx) => {
        const { row, before } = await upsertVisitPlan(tx, {
          officerId: officer.id, quarter: input.quarter, officerName: officer.displayName, jurisdictionCode: officer.jurisdictionCode ?? '', plannedVisits: input.plannedVisits, updatedBy: actor.id, updatedAt: clock.now(),
        });
        await audit.record(tx, actor, { action: before === null ? 'create' : 'update', entityType: 'service_visit_plan', entityId: `${row.officerId}:${row.quarter}`, divisionCode: row.jurisdictionCode, before: before === null ? null : { plannedVisits: before }, after: { plannedVisits: row.plannedVisits } }, requestId);
        const { from, to } = quarterRange(row.quarter);
        const doneVisits = await countVisitsBetween(tx, row.officerId, from, to);
        return { ...row, doneVisits, completionRate: row.plannedVisits === 0 ? null : Math.round((doneVisits / row.plannedVisits) * 1000) / 10 };
      });
    },

    /** Each officer's load: enterprises looked after, their open requests, visits this quarter. */
    async officerLoad(actor: Actor) {
      assertCan(actor, 'service.read');
      const rows = await findOfficerLoad(db, actor.scope, today(), quarterStart(today()));
      return { items: rows.map((r) => ({ officerId: r.officer_id, officerName: r.officer_name, enterprises: r.enterprises, openRequests: r.open_requests, visitsThisQuarter: r.visits })) };
    },

    async findVisits(actor: Actor, query: { page: number; pageSize: number; enterpriseId?: string | undefined; officerId?: string | undefined }) {
      assertCan(actor, 'service.read');
      const { rows, total } = await findVisitPage(db, actor.scope, query, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
      const links = await findRequestIdsByVisits(db, rows.map((r) => r.id));
      return { items: rows.map((r) => toVisit(r, links.filter((l) => l.visitId === r.id).map((l) => l.id))), total, page: query.page, pageSize: query.pageSize };
    },

    /** Records a visit; each problem raised becomes a request (source: officer), all in one transaction. */
    async recordVisit(actor: Actor, input: VisitCreate, requestId?: string) {
      assertCan(actor, 'service.visits.write');
      if (input.visitedOn > today()) throw new AppError('SERVICE_VISIT_DATE_IN_FUTURE', { status: 400 });
      const enterprise = await desk.enterpriseFor(actor, input.enterpriseId);
      return db.transaction(async (tx) => {
        const id = randomUUID();
        const attachments = (await files.attach(tx, actor, input.fileIds, { type: VISIT_FILE_OWNER, id })).map(toStoredAttachment);
        const row = await insertVisit(tx, {
          id, officerId: actor.id, officerName: actor.displayName, enterpriseId: enterprise.id, enterpriseName: enterprise.name, divisionCode: enterprise.divisionCode,
          visitedOn: input.visitedOn, peopleMet: input.peopleMet, situation: input.situation, attachments,
        });
        await audit.record(tx, actor, { action: 'create', entityType: 'service_visit', entityId: row.id, divisionCode: row.divisionCode, after: { enterpriseId: row.enterpriseId, visitedOn: row.visitedOn, problems: input.problems.length } }, requestId);
        const requests = await desk.createRequestsInTx(tx, actor, enterprise, input.problems, row.id, requestId);
        return toVisit(row, requests.map((r) => r.id));
      });
    },
  };
}
