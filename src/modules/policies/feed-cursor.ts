/**
 * Where a process stands in the audit log it follows (the change feed), and the gaps it still
 * waits for. Pure: no I/O, no clock (the caller passes `now`).
 *
 * `audit_log.id` is a bigserial: ids are handed out when a row is inserted, not when its transaction
 * commits, so a reader can see id 12 while id 11 is still uncommitted (or rolled back, and never
 * visible). Every id between the last one read and a newer one read is therefore kept as a gap and
 * asked for again on each read, until it shows up or has waited `gapTtlMs` (a rolled-back
 * transaction, or one open longer than that, which the feed then misses).
 */

/** Ids `from`..`to` (inclusive) not seen yet, missing since `since` (ms). */
export interface FeedGap {
  from: number;
  to: number;
  since: number;
}

/** The highest id read and the gaps below it, oldest gap first. */
export interface FeedCursor {
  high: number;
  gaps: FeedGap[];
}

export interface FeedCursorOptions {
  /** How long a missing id is asked for again before it is given up (ms). */
  gapTtlMs: number;
  /** At most this many gap ranges are kept; past it the oldest are given up. */
  maxGaps: number;
}

/** A cursor standing at `high` with no gap. */
export function startCursor(high: number): FeedCursor {
  return { high, gaps: [] };
}

/** The id ranges a read must cover besides `id > high`: the gaps, as `[from, to]`. */
export function gapRanges(cursor: FeedCursor): [number, number][] {
  return cursor.gaps.map((g) => [g.from, g.to]);
}

/**
 * The cursor after a read that returned `ids` (ascending; each above `high` or inside a gap, as the
 * read asks). Ids skipped above `high` become a gap; an id found inside a gap splits it. Gaps older
 * than `gapTtlMs`, or past `maxGaps`, are given up and returned as `expired`.
 */
export function advanceCursor(cursor: FeedCursor, ids: readonly number[], now: number, options: FeedCursorOptions): { cursor: FeedCursor; expired: FeedGap[] } {
  let high = cursor.high;
  let gaps = cursor.gaps.map((g) => ({ ...g }));
  for (const id of ids) {
    if (id > high) {
      if (id > high + 1) gaps.push({ from: high + 1, to: id - 1, since: now });
      high = id;
      continue;
    }
    const at = gaps.findIndex((g) => g.from <= id && id <= g.to);
    const gap = gaps[at];
    if (!gap) continue; // already seen: nothing to do
    const pieces: FeedGap[] = [];
    if (gap.from < id) pieces.push({ from: gap.from, to: id - 1, since: gap.since });
    if (id < gap.to) pieces.push({ from: id + 1, to: gap.to, since: gap.since });
    gaps.splice(at, 1, ...pieces);
  }
  const expired: FeedGap[] = [];
  gaps = gaps.filter((g) => {
    if (now - g.since < options.gapTtlMs) return true;
    expired.push(g);
    return false;
  });
  if (gaps.length > options.maxGaps) {
    // oldest first: `since` never decreases along the list except where a split kept an older one
    const byAge = [...gaps].sort((a, b) => a.since - b.since || a.from - b.from);
    const dropped = new Set(byAge.slice(0, gaps.length - options.maxGaps));
    expired.push(...dropped);
    gaps = gaps.filter((g) => !dropped.has(g));
  }
  gaps.sort((a, b) => a.from - b.from);
  return { cursor: { high, gaps }, expired };
}
