/**
 * The URL state of an item's page: which list (eligible or near misses), its filters and page,
 * and the as-of day, so that a reload or a shared link shows the same list.
 */
import type { QueryValue } from '../../api/http.ts';
import type { MatchKind } from './policy-types.ts';

export const MATCH_PAGE_SIZES = [20, 50, 100] as const;

export type MatchesParams = {
  kind: MatchKind;
  page: number;
  pageSize: number;
  division: string | null;
  q: string;
  asOf: string | null;
};

export const DEFAULT_MATCHES: MatchesParams = { kind: 'eligible', page: 1, pageSize: 20, division: null, q: '', asOf: null };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a text is a calendar day `YYYY-MM-DD`. */
export function isIsoDate(value: string | null | undefined): value is string {
  if (!value || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function positiveInt(value: string | null): number | null {
  if (value === null || !/^\d{1,6}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}

/** Reads the state from search params; anything malformed falls back to its default. */
export function parseMatchesParams(params: URLSearchParams): MatchesParams {
  const size = positiveInt(params.get('pageSize'));
  const division = params.get('division');
  return {
    kind: params.get('kind') === 'near-miss' ? 'near-miss' : 'eligible',
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: size !== null && (MATCH_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_MATCHES.pageSize,
    division: division && /^\d{6}(\d{3})?(-[A-Z]{2})?$/.test(division) ? division : null,
    q: (params.get('q') ?? '').trim().slice(0, 50),
    asOf: isIsoDate(params.get('asOf')) ? params.get('asOf') : null,
  };
}

/** Writes the state as search params, leaving defaults out. */
export function toMatchesSearch(state: MatchesParams): URLSearchParams {
  const out = new URLSearchParams();
  if (state.kind !== 'eligible') out.set('kind', state.kind);
  if (state.page !== 1) out.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_MATCHES.pageSize) out.set('pageSize', String(state.pageSize));
  if (state.division) out.set('division', state.division);
  if (state.q) out.set('q', state.q);
  if (state.asOf) out.set('asOf', state.asOf);
  return out;
}

/** The API query of the matches list (and, without page, of its export). */
export function toMatchesQuery(state: MatchesParams): Record<string, QueryValue> {
  return { kind: state.kind, page: state.page, pageSize: state.pageSize, division: state.division, q: state.q || null, asOf: state.asOf };
}
