import { describe, expect, it } from 'vitest';
import { parseStatsParams, toStatsParams } from './service-stats-params.ts';

describe('leaders’ dashboard filters in the URL', () => {
  it('round-trips a district, a zone and a date range', () => {
    for (const query of ['district=410105&from=2026-01-01&to=2026-06-30', 'district=410100-ZD', '']) {
      expect(toStatsParams(parseStatsParams(new URLSearchParams(query))).toString()).toBe(query);
    }
  });

  it('drops malformed values and the end of an inverted range', () => {
    expect(parseStatsParams(new URLSearchParams('district=jinshui&from=2026-13-01&to=2026-02-30x'))).toEqual({ district: null, from: null, to: null });
    expect(parseStatsParams(new URLSearchParams('from=2026-06-01&to=2026-01-01'))).toEqual({ district: null, from: '2026-06-01', to: null });
  });
});
