import { describe, expect, it } from 'vitest';
import { lastMonths } from './service-stats.ts';
import { quarterOf, quarterRange } from './liaisons.service.ts';
import { parseLevel } from './liaison-import.ts';
import { toRequestFilter } from './service.service.ts';

describe('periods', () => {
  it('lists the last twelve months in China time, across a year boundary', () => {
    // 2026-12-31 20:00 UTC is already 2027-01-01 in Zhengzhou.
    const months = lastMonths(new Date('2026-12-31T20:00:00Z'), 12);
    expect(months[0]).toBe('2026-02');
    expect(months.at(-1)).toBe('2027-01');
    expect(months).toHaveLength(12);
  });

  it('names quarters and their first and last days', () => {
    expect(quarterOf('2026-11-25')).toBe('2026-Q4');
    expect(quarterOf('2026-03-31')).toBe('2026-Q1');
    expect(quarterRange('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quarterRange('2024-Q1')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(quarterRange('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });

  it('turns a month filter into China-time bounds', () => {
    const filter = toRequestFilter({ month: '2026-11' });
    expect(filter.createdFrom?.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(filter.createdBefore?.toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('reads liaison levels in Chinese or English', () => {
    expect(parseLevel('街道')).toBe('street');
    expect(parseLevel(' District ')).toBe('district');
    expect(parseLevel('市级')).toBe('city');
    expect(parseLevel('省')).toBeNull();
  });
});
