import { describe, expect, it } from 'vitest';
import { advanceCursor, gapRanges, startCursor } from './feed-cursor.ts';

const options = { gapTtlMs: 60_000, maxGaps: 3 };

describe('the change feed cursor', () => {
  it('moves to the highest id read and keeps the ids skipped below it as a gap', () => {
    const { cursor, expired } = advanceCursor(startCursor(10), [11, 12, 15, 16], 1000, options);
    expect(cursor.high).toBe(16);
    expect(gapRanges(cursor)).toEqual([[13, 14]]);
    expect(expired).toEqual([]);
  });

  it('reads a gap again until its id shows up (a transaction that committed after a higher id), then forgets it', () => {
    let { cursor } = advanceCursor(startCursor(10), [11, 15], 1000, options);
    expect(gapRanges(cursor)).toEqual([[12, 14]]);
    ({ cursor } = advanceCursor(cursor, [13, 16], 2000, options));
    expect(cursor.high).toBe(16);
    expect(gapRanges(cursor)).toEqual([[12, 12], [14, 14]]);
    ({ cursor } = advanceCursor(cursor, [12, 14], 3000, options));
    expect(gapRanges(cursor)).toEqual([]);
  });

  it('keeps the time a gap opened when it is split, and gives it up after gapTtlMs (a rolled-back transaction)', () => {
    let { cursor } = advanceCursor(startCursor(0), [5], 0, options);
    ({ cursor } = advanceCursor(cursor, [2, 9], 30_000, options));
    expect(cursor.gaps).toEqual([{ from: 1, to: 1, since: 0 }, { from: 3, to: 4, since: 0 }, { from: 6, to: 8, since: 30_000 }]);
    const later = advanceCursor(cursor, [], 60_000, options);
    expect(gapRanges(later.cursor)).toEqual([[6, 8]]);
    expect(later.expired.map((g) => [g.from, g.to])).toEqual([[1, 1], [3, 4]]);
    expect(advanceCursor(later.cursor, [], 90_000, options).cursor.gaps).toEqual([]);
  });

  it('keeps at most maxGaps ranges, giving up the oldest', () => {
    let { cursor } = advanceCursor(startCursor(0), [2], 1, options);
    ({ cursor } = advanceCursor(cursor, [4], 2, options));
    ({ cursor } = advanceCursor(cursor, [6], 3, options));
    const { cursor: next, expired } = advanceCursor(cursor, [8], 4, options);
    expect(gapRanges(next)).toEqual([[3, 3], [5, 5], [7, 7]]);
    expect(expired).toEqual([{ from: 1, to: 1, since: 1 }]);
  });

  it('ignores an id it has already seen and changes nothing on an empty read', () => {
    const { cursor } = advanceCursor(startCursor(0), [1, 3], 0, options);
    expect(advanceCursor(cursor, [1, 3], 10, options).cursor).toEqual(cursor);
    expect(advanceCursor(cursor, [], 10, options).cursor).toEqual(cursor);
  });
});
