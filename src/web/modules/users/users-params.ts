/** The filters and page of the account list and the login log, kept in the URL's search params. */
import type { QueryValue } from '../../api/http.ts';
import { ROLES, type Role } from '../../api/types.ts';
import { LOGIN_OUTCOMES, USER_STATUSES, type UserStatus } from './users-types.ts';

const DEFAULT_PAGE_SIZE = 20;

export type UserListState = { q: string; role: Role | null; jurisdiction: string | null; status: UserStatus | null; page: number; pageSize: number };
export type LoginLogState = { username: string; outcome: (typeof LOGIN_OUTCOMES)[number] | null; from: string | null; to: string | null; page: number; pageSize: number };

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

function positiveInt(value: string | null, max: number): number | null {
  if (!value || !/^\d{1,6}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 && n <= max ? n : null;
}

function isoDate(value: string | null): string | null {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : null;
}

function paging(params: URLSearchParams) {
  return { page: positiveInt(params.get('page'), 100_000) ?? 1, pageSize: positiveInt(params.get('pageSize'), 200) ?? DEFAULT_PAGE_SIZE };
}

function setPaging(params: URLSearchParams, state: { page: number; pageSize: number }) {
  if (state.page !== 1) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(state.pageSize));
}

export function parseUserListParams(params: URLSearchParams): UserListState {
  const jurisdiction = params.get('jurisdiction')?.trim() ?? '';
  return {
    q: params.get('q')?.trim().slice(0, 100) ?? '',
    role: oneOf(ROLES, params.get('role')),
    jurisdiction: /^[0-9A-Z-]{2,20}$/.test(jurisdiction) ? jurisdiction : null,
    status: oneOf(USER_STATUSES, params.get('status')),
    ...paging(params),
  };
}

export function toUserListParams(state: UserListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.role) params.set('role', state.role);
  if (state.jurisdiction) params.set('jurisdiction', state.jurisdiction);
  if (state.status) params.set('status', state.status);
  setPaging(params, state);
  return params;
}

export function userListQuery(state: UserListState): Record<string, QueryValue> {
  return { q: state.q || undefined, role: state.role ?? undefined, jurisdiction: state.jurisdiction ?? undefined, status: state.status ?? undefined, page: state.page, pageSize: state.pageSize };
}

export function parseLoginLogParams(params: URLSearchParams): LoginLogState {
  return {
    username: params.get('username')?.trim().slice(0, 100) ?? '',
    outcome: oneOf(LOGIN_OUTCOMES, params.get('outcome')),
    from: isoDate(params.get('from')),
    to: isoDate(params.get('to')),
    ...paging(params),
  };
}

export function toLoginLogParams(state: LoginLogState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.username) params.set('username', state.username);
  if (state.outcome) params.set('outcome', state.outcome);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  setPaging(params, state);
  return params;
}

export function loginLogQuery(state: LoginLogState): Record<string, QueryValue> {
  return { username: state.username || undefined, outcome: state.outcome ?? undefined, from: state.from ?? undefined, to: state.to ?? undefined, page: state.page, pageSize: state.pageSize };
}
