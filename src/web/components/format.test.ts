import { describe, expect, it } from 'vitest';
import { formatDateTime, formatNumber, formatValue } from './format.ts';

describe('format', () => {
  it('groups thousands and shows missing figures as a dash', () => {
    expect(formatNumber(12345.678, 'zh-CN')).toBe('12,345.68');
    expect(formatNumber(null, 'zh-CN')).toBe('—');
  });

  it('shows timestamps in Beijing time', () => {
    expect(formatDateTime('2026-01-31T16:30:00Z')).toBe('2026-02-01 00:30');
    expect(formatDateTime(null)).toBe('—');
  });

  it('shows change values in one line', () => {
    expect(formatValue(['a', 'b'])).toBe('a、b');
    expect(formatValue(null)).toBe('—');
    expect(formatValue(12)).toBe('12');
  });
});
