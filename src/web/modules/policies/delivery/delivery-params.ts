/** The application list's filters, kept in the URL. */
export const APPLICATION_STATES = ['submitted', 'district_approved', 'approved', 'returned', 'paid'] as const;
export type ApplicationStateValue = (typeof APPLICATION_STATES)[number];

export type ApplicationParams = { page: number; pageSize: number; state?: ApplicationStateValue; itemId?: string; division?: string; q?: string };

const isState = (v: string | null): v is ApplicationStateValue => v !== null && (APPLICATION_STATES as readonly string[]).includes(v);

export function readApplicationParams(search: URLSearchParams): ApplicationParams {
  const page = Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1);
  const state = search.get('state');
  const itemId = search.get('itemId')?.trim();
  const division = search.get('division')?.trim();
  const q = search.get('q')?.trim();
  return {
    page,
    pageSize: 20,
    ...(isState(state) ? { state } : {}),
    ...(itemId ? { itemId } : {}),
    ...(division && /^\d{6}(\d{3})?$/.test(division) ? { division } : {}),
    ...(q ? { q } : {}),
  };
}

export function writeApplicationParams(params: Partial<ApplicationParams>): URLSearchParams {
  const out = new URLSearchParams();
  if (params.state) out.set('state', params.state);
  if (params.itemId) out.set('itemId', params.itemId);
  if (params.division) out.set('division', params.division);
  if (params.q) out.set('q', params.q);
  if (params.page && params.page > 1) out.set('page', String(params.page));
  return out;
}

/** The 免申即享 list's page, status and filter (the filter is also what a confirmation grants). */
export type ExemptListParams = { page: number; pageSize: number; status: 'pending' | 'excluded' | 'granted'; division?: string; q?: string };

/** The amount to show (万元), or a dash. */
export function formatWan(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return '—';
  return `${value.toLocaleString(locale, { maximumFractionDigits: 2 })} 万元`;
}
