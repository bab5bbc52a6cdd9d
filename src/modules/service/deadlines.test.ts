import { describe, expect, it } from 'vitest';
import { addWorkingMs, computeDueAt, cstDate, DAY_MS, isPastDue, isWorkingDay, pauseClock, remainingWorkingMs, resumeClock, workingMsBetween, type RequestClock } from './deadlines.ts';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

describe('working days', () => {
  it('skips weekends, public holidays, and counts 调休 Saturdays and Sundays', () => {
    expect(isWorkingDay('2026-11-23')).toBe(true); // Monday
    expect(isWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-29')).toBe(false); // Sunday
    expect(isWorkingDay('2026-10-01')).toBe(false); // 国庆 (Thursday)
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday worked in place of 国庆
    expect(isWorkingDay('2026-02-23')).toBe(false); // 春节 Monday
    expect(isWorkingDay('2026-02-14')).toBe(true); // Saturday worked before 春节
    expect(isWorkingDay('2026-01-04')).toBe(true); // Sunday worked after 元旦
    expect(isWorkingDay('2027-01-04')).toBe(true); // a year without a table: Monday–Friday
  });

  it('uses China Standard Time for the calendar day', () => {
    expect(cstDate(at('2026-11-27T16:30:00Z'))).toBe('2026-11-28'); // Saturday 00:30 in Zhengzhou
  });

  it('counts only working time between two instants', () => {
    // Friday 09:00 → Monday 09:00 CST: 15 h on Friday, 9 h on Monday.
    expect(workingMsBetween(at('2026-11-27T09:00:00+08:00'), at('2026-11-30T09:00:00+08:00'))).toBe(24 * HOUR);
    expect(workingMsBetween(at('2026-11-28T09:00:00+08:00'), at('2026-11-29T20:00:00+08:00'))).toBe(0);
    expect(workingMsBetween(at('2026-11-30T09:00:00+08:00'), at('2026-11-27T09:00:00+08:00'))).toBe(0);
  });

  it('adds working days across a weekend', () => {
    // Friday 10:00 + 1 working day = Monday 10:00; + 3 = Wednesday 10:00.
    expect(addWorkingMs(at('2026-11-27T10:00:00+08:00'), DAY_MS).toISOString()).toBe(at('2026-11-30T10:00:00+08:00').toISOString());
    expect(addWorkingMs(at('2026-11-27T10:00:00+08:00'), 3 * DAY_MS).toISOString()).toBe(at('2026-12-02T10:00:00+08:00').toISOString());
  });

  it('starts counting on Monday when a request arrives on a Saturday', () => {
    expect(addWorkingMs(at('2026-11-28T15:00:00+08:00'), DAY_MS).toISOString()).toBe(at('2026-12-01T00:00:00+08:00').toISOString());
  });

  it('adds working days across 国庆 and its 调休 Saturday', () => {
    // Wednesday 30 Sep 09:00 + 2 working days: the rest of 30 Sep, 1–7 Oct off, Thu 8 Oct, Fri 9 Oct 09:00.
    expect(addWorkingMs(at('2026-09-30T09:00:00+08:00'), 2 * DAY_MS).toISOString()).toBe(at('2026-10-09T09:00:00+08:00').toISOString());
    // Friday 9 Oct 09:00 + 1 working day lands on the 调休 Saturday 10 Oct 09:00.
    expect(addWorkingMs(at('2026-10-09T09:00:00+08:00'), DAY_MS).toISOString()).toBe(at('2026-10-10T09:00:00+08:00').toISOString());
  });

  it('refuses negative working time', () => {
    expect(() => addWorkingMs(at('2026-11-27T10:00:00+08:00'), -1)).toThrow(RangeError);
  });
});

describe('the request clock', () => {
  const start: RequestClock = { clockStartedAt: at('2026-11-23T09:00:00+08:00'), allowedDays: 5, pausedSince: null, pausedWorkingMs: 0 };

  it('is due five working days later, the next Monday', () => {
    expect(computeDueAt(start).toISOString()).toBe(at('2026-11-30T09:00:00+08:00').toISOString());
  });

  it('does not count paused working time, and not the weekend either', () => {
    // Paused Thursday 09:00, resumed the next Tuesday 09:00: 2 working days (Thu, Fri) + Mon = 3 working days paused.
    const paused = pauseClock(start, at('2026-11-26T09:00:00+08:00'));
    expect(isPastDue(paused, at('2026-12-20T00:00:00+08:00'))).toBe(false);
    expect(remainingWorkingMs(paused, at('2026-12-20T00:00:00+08:00'))).toBe(2 * DAY_MS);
    const resumed = resumeClock(paused, at('2026-12-01T09:00:00+08:00'));
    expect(resumed.pausedWorkingMs).toBe(3 * DAY_MS);
    // Two working days left from Tuesday 09:00: Thursday 09:00.
    expect(computeDueAt(resumed).toISOString()).toBe(at('2026-12-03T09:00:00+08:00').toISOString());
    expect(isPastDue(resumed, at('2026-12-03T08:59:00+08:00'))).toBe(false);
    expect(isPastDue(resumed, at('2026-12-03T09:01:00+08:00'))).toBe(true);
  });

  it('adds nothing for a pause over a weekend only', () => {
    const paused = pauseClock(start, at('2026-11-28T10:00:00+08:00'));
    const resumed = resumeClock(paused, at('2026-11-29T18:00:00+08:00'));
    expect(resumed.pausedWorkingMs).toBe(0);
    expect(computeDueAt(resumed).toISOString()).toBe(computeDueAt(start).toISOString());
  });

  it('reports how far past the deadline an overdue request is, in working time', () => {
    expect(remainingWorkingMs(start, at('2026-12-01T09:00:00+08:00'))).toBe(-DAY_MS);
    expect(remainingWorkingMs(start, at('2026-11-27T09:00:00+08:00'))).toBe(DAY_MS);
  });

  it('ignores a second pause and a resume without a pause', () => {
    const paused = pauseClock(start, at('2026-11-24T09:00:00+08:00'));
    expect(pauseClock(paused, at('2026-11-25T09:00:00+08:00'))).toBe(paused);
    expect(resumeClock(start, at('2026-11-25T09:00:00+08:00'))).toBe(start);
  });
});
