import type { Clock } from '../../src/server/clock.ts';

/** A clock that stands still until moved. */
export function createFixedClock(start = '2026-11-25T09:00:00+08:00'): Clock & { advance: (ms: number) => void; set: (iso: string) => void } {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
    set: (iso: string) => {
      now = new Date(iso).getTime();
    },
  };
}
