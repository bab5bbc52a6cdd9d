import { getDivision } from '../../standards/index.ts';
import type { CategoryRow, DepartmentRow, EventRow, RatingRow, RequestRow } from './service.repository.ts';
import { remainingWorkingMs } from './deadlines.ts';
import type { RequestAction, StoredAttachment } from './service.constants.ts';

/** Names needed to show requests: categories by code and departments by id. */
export type Lookups = { categories: Map<string, CategoryRow>; departments: Map<string, DepartmentRow>; locale: 'zh-CN' | 'en-US' };

export function categoryName(lookups: Lookups, code: string): string {
  const c = lookups.categories.get(code);
  if (!c) return code;
  return lookups.locale === 'en-US' ? c.nameEn : c.nameZh;
}

export function toRequestListItem(row: RequestRow, lookups: Lookups) {
  return {
    id: row.id,
    serial: row.serial,
    enterpriseId: row.enterpriseId,
    enterpriseName: row.enterpriseName,
    divisionCode: row.divisionCode,
    divisionName: getDivision(row.divisionCode)?.name ?? null,
    category: row.category,
    categoryName: categoryName(lookups, row.category),
    urgency: row.urgency,
    title: row.title,
    source: row.source,
    state: row.state,
    returnedTo: row.returnedTo,
    leadDepartmentId: row.leadDepartmentId,
    leadDepartmentName: row.leadDepartmentId ? (lookups.departments.get(row.leadDepartmentId)?.name ?? null) : null,
    dueAt: row.dueAt.toISOString(),
    isPaused: row.pausedSince !== null,
    isOverdue: row.isOverdue,
    reopenCount: row.reopenCount,
    escalationLevel: row.escalationLevel,
    latestRating: row.latestRating,
    createdAt: row.createdAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}

export function toRequestDetail(row: RequestRow, lookups: Lookups, extra: { events: EventRow[]; ratings: RatingRow[]; actions: RequestAction[]; now: Date }) {
  return {
    ...toRequestListItem(row, lookups),
    description: row.description,
    visitId: row.visitId,
    attachments: row.attachments,
    coHandlers: row.coHandlerIds.map((id) => ({ id, name: lookups.departments.get(id)?.name ?? id })),
    reply: row.reply,
    clockStartedAt: row.clockStartedAt.toISOString(),
    allowedDays: row.allowedDays,
    remainingWorkingHours: Math.round(remainingWorkingMs(row, extra.now) / 36_000) / 100,
    mergedIntoId: row.mergedIntoId,
    version: row.version,
    events: extra.events.map((e) => ({
      id: e.id, action: e.action, fromState: e.fromState, toState: e.toState, actorName: e.actorName, actorRole: e.actorRole, note: e.note, details: e.details, at: e.at.toISOString(),
    })),
    ratings: extra.ratings.map((r) => ({ round: r.round, rating: r.rating, comment: r.comment, at: r.at.toISOString() })),
    availableActions: extra.actions,
  };
}

/** What a request or a visit keeps of an attached file. */
export function toStoredAttachment(file: { id: string; name: string; mime: string; sizeBytes: number }): StoredAttachment {
  return { id: file.id, name: file.name, mime: file.mime, sizeBytes: file.sizeBytes };
}
