/** The leaders' dashboard filters (jurisdiction, submission dates), kept in the URL so a reload or a shared link shows the same figures. */
export type StatsFilter = { district: string | null; from: string | null; to: string | null };

const DISTRICT = /^(\d{6,12}|\d{6}-[A-Z]{2,4})$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Reads the filters; anything malformed is left out, and an inverted range keeps only its start. */
export function parseStatsParams(params: URLSearchParams): StatsFilter {
  const pick = (key: string, pattern: RegExp) => {
    const v = params.get(key);
    return v !== null && pattern.test(v) ? v : null;
  };
  const from = pick('from', DATE);
  const to = pick('to', DATE);
  return { district: pick('district', DISTRICT), from, to: from && to && to < from ? null : to };
}

/** Search params (and API query) for the filters, without the empty ones. */
export function toStatsParams(filter: StatsFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['district', 'from', 'to'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  return params;
}
