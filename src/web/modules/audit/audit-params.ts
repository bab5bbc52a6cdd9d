/** The audit log's filters and page, kept in the URL's search params. */
import type { QueryValue } from '../../api/http.ts';

export type AuditListState = {
  actor: string;
  entityType: string | null;
  action: string | null;
  from: string | null;
  to: string | null;
  page: number;
  pageSize: number;
};

const DEFAULT_PAGE_SIZE = 20;

export const EMPTY_AUDIT_LIST: AuditListState = {
  actor: '',
  entityType: null,
  action: null,
  from: null,
  to: null,
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
};

function isoDate(value: string | null): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  return Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? null : value;
}

function word(value: string | null): string | null {
  const trimmed = value?.trim();
  return trimmed && /^[\w.:-]{1,60}$/.test(trimmed) ? trimmed : null;
}

function positiveInt(value: string | null, max: number): number | null {
  if (!value || !/^\d{1,6}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 && n <= max ? n : null;
}

export function parseAuditParams(params: URLSearchParams): AuditListState {
  return {
    actor: params.get('actor')?.trim() ?? '',
    entityType: word(params.get('entityType')),
    action: word(params.get('action')),
    from: isoDate(params.get('from')),
    to: isoDate(params.get('to')),
    page: positiveInt(params.get('page'), 1_000_000) ?? 1,
    pageSize: positiveInt(params.get('pageSize'), 200) ?? DEFAULT_PAGE_SIZE,
  };
}

export function auditApiQuery(state: AuditListState): Record<string, QueryValue> {
  return {
    actor: state.actor || undefined,
    entityType: state.entityType ?? undefined,
    action: state.action ?? undefined,
    from: state.from ?? undefined,
    to: state.to ?? undefined,
    page: state.page,
    pageSize: state.pageSize,
  };
}

export function toAuditParams(state: AuditListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.actor) params.set('actor', state.actor);
  if (state.entityType) params.set('entityType', state.entityType);
  if (state.action) params.set('action', state.action);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.page !== 1) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(state.pageSize));
  return params;
}
