import { describe, expect, it } from 'vitest';
import { formatDateTime, splitWorkingHours } from './service-format.ts';

describe('service formatting', () => {
  it('shows instants in China time', () => {
    expect(formatDateTime('2026-11-25T01:00:00.000Z')).toBe('2026-11-25 09:00');
    expect(formatDateTime('2026-11-30T16:30:00.000Z')).toBe('2026-12-01 00:30');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('nonsense')).toBe('—');
  });

  it('splits remaining working hours and marks late ones', () => {
    expect(splitWorkingHours(53)).toEqual({ days: 2, hours: 5, late: false });
    expect(splitWorkingHours(-30)).toEqual({ days: 1, hours: 6, late: true });
  });
});
