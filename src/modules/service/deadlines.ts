import { HOLIDAYS, MAKEUP_WORKDAYS } from './holidays.ts';

/**
 * Working-time arithmetic for time limits (pure). Days are calendar days in China Standard
 * Time (UTC+8, no daylight saving); a working day is Monday–Friday unless it is a public
 * holiday, or a weekend day the State Council made a working day. Only time that falls on
 * working days counts against a limit, and time spent waiting on the enterprise does not count.
 */
export const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

export type Calendar = { holidays: ReadonlySet<string>; makeupWorkdays: ReadonlySet<string> };
export const CHINA_CALENDAR: Calendar = { holidays: HOLIDAYS, makeupWorkdays: MAKEUP_WORKDAYS };

/** The CST calendar date (YYYY-MM-DD) of an instant. */
export function cstDate(instant: Date | number): string {
  return new Date((typeof instant === 'number' ? instant : instant.getTime()) + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Start (00:00 CST) of the CST day containing `t`, in epoch ms. */
function cstDayStart(t: number): number {
  return Math.floor((t + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS;
}

/** Whether a CST calendar date is a working day. */
export function isWorkingDay(isoDate: string, calendar: Calendar = CHINA_CALENDAR): boolean {
  if (calendar.makeupWorkdays.has(isoDate)) return true;
  if (calendar.holidays.has(isoDate)) return false;
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Milliseconds between two instants that fall on working days (0 when `to` is not after `from`). */
export function workingMsBetween(from: Date, to: Date, calendar: Calendar = CHINA_CALENDAR): number {
  let total = 0;
  const end = to.getTime();
  for (let t = from.getTime(); t < end; ) {
    const next = Math.min(cstDayStart(t) + DAY_MS, end);
    if (isWorkingDay(cstDate(t), calendar)) total += next - t;
    t = next;
  }
  return total;
}

/** The instant at which `ms` of working time has elapsed after `start` (non-working days are skipped). */
export function addWorkingMs(start: Date, ms: number, calendar: Calendar = CHINA_CALENDAR): Date {
  if (ms < 0) throw new RangeError('working time must not be negative');
  let t = start.getTime();
  let remaining = ms;
  // A year has at most ~250 working days; the bound keeps a broken calendar from looping forever.
  for (let guard = 0; guard < 20_000; guard++) {
    const dayEnd = cstDayStart(t) + DAY_MS;
    if (isWorkingDay(cstDate(t), calendar)) {
      if (remaining <= dayEnd - t) return new Date(t + remaining);
      remaining -= dayEnd - t;
    }
    t = dayEnd;
  }
  throw new RangeError('working time too long');
}

export type RequestClock = {
  clockStartedAt: Date;
  allowedDays: number;
  pausedSince: Date | null;
  pausedWorkingMs: number;
};

/** The deadline: `allowedDays` working days after the clock started, pushed back by the working time spent paused. */
export function computeDueAt(clock: Pick<RequestClock, 'clockStartedAt' | 'allowedDays' | 'pausedWorkingMs'>, calendar: Calendar = CHINA_CALENDAR): Date {
  return addWorkingMs(clock.clockStartedAt, clock.allowedDays * DAY_MS + clock.pausedWorkingMs, calendar);
}

/** The clock after pausing at `now` (waiting on the enterprise); the deadline stops moving closer. */
export function pauseClock(clock: RequestClock, now: Date): RequestClock {
  if (clock.pausedSince) return clock;
  return { ...clock, pausedSince: now };
}

/** The clock after resuming at `now`: the working time spent paused is added to the allowance. */
export function resumeClock(clock: RequestClock, now: Date, calendar: Calendar = CHINA_CALENDAR): RequestClock {
  if (!clock.pausedSince) return clock;
  return { ...clock, pausedSince: null, pausedWorkingMs: clock.pausedWorkingMs + workingMsBetween(clock.pausedSince, now, calendar) };
}

/** Working time left before the deadline at `now` (negative when overdue); frozen while paused. */
export function remainingWorkingMs(clock: RequestClock, now: Date, calendar: Calendar = CHINA_CALENDAR): number {
  const at = clock.pausedSince ?? now;
  const used = workingMsBetween(clock.clockStartedAt, at, calendar) - clock.pausedWorkingMs;
  if (used <= clock.allowedDays * DAY_MS) return clock.allowedDays * DAY_MS - used;
  // Overdue: how far past the deadline, in working time.
  return -workingMsBetween(computeDueAt(clock, calendar), at, calendar);
}

/** Overdue when not paused and the deadline has passed. */
export function isPastDue(clock: RequestClock, now: Date, calendar: Calendar = CHINA_CALENDAR): boolean {
  return !clock.pausedSince && now.getTime() > computeDueAt(clock, calendar).getTime();
}
