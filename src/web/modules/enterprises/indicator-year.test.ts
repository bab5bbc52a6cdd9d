import { describe, expect, it } from 'vitest';
import { nextIndicatorYear, toIndicatorBody } from './indicator-year.ts';

describe('yearly figures form', () => {
  it('sends every figure, empty ones as null', () => {
    const body = toIndicatorBody({ revenueWan: 12.5, employees: undefined, taxWan: Number.NaN });
    expect(body.revenueWan).toBe(12.5);
    expect(body.employees).toBeNull();
    expect(body.taxWan).toBeNull();
    expect(Object.keys(body)).toHaveLength(10);
  });

  it('proposes the year after the newest, never past last year', () => {
    const today = new Date('2026-11-25T00:00:00+08:00');
    expect(nextIndicatorYear([], today)).toBe(2025);
    expect(nextIndicatorYear([2022, 2023], today)).toBe(2024);
    expect(nextIndicatorYear([2025], today)).toBe(2025);
  });
});
