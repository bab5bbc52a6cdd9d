/**
 * The change feed: every process follows the append-only audit log (written in the same transaction
 * as each change) from a cursor, so a change committed by any process reaches this one. Woken by
 * PostgreSQL's NOTIFY (migration 0008: one `gaodi_audit_log` notification per inserting statement,
 * on a connection of its own, reconnected with backoff) and by polling, which also catches what a
 * lost notification would miss. On PGlite (one process) polling alone runs the same path.
 */
import type { AuditChange } from '../audit/index.ts';
import { advanceCursor, gapRanges, startCursor, type FeedCursor, type FeedCursorOptions } from './feed-cursor.ts';

export const AUDIT_NOTIFY_CHANNEL = 'gaodi_audit_log';

/** The part of a node-postgres `Client` the listener uses. */
export interface ListenClient {
  connect(): Promise<unknown>;
  query(text: string): Promise<unknown>;
  end(): Promise<void>;
  on(event: 'notification', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
}

export interface ChangeFeedDeps {
  /** Audit rows above `after` or inside `ranges`, in id order (`findAuditChanges`). */
  read: (query: { after: number; ranges: [number, number][]; limit: number }) => Promise<AuditChange[]>;
  /** The highest audit id so far (`findLatestAuditId`). */
  latestId: () => Promise<number>;
  /** A new, unconnected client for LISTEN (PostgreSQL); without it the feed only polls. */
  listen?: () => ListenClient;
  /** Between two reads when nothing woke the feed (ms). */
  pollMs?: number;
  /** Rows per read. */
  batchSize?: number;
  /** At start, how many ids below the latest are checked for transactions still open (they become gaps). */
  startWindow?: number;
  cursor?: Partial<FeedCursorOptions>;
  log?: { info: (data: object, message: string) => void; error: (data: object, message: string) => void };
  now?: () => number;
}

export type ChangeFeed = ReturnType<typeof createChangeFeed>;

/** Creates a feed that reads nothing until `start`; `close` stops its timer and its listening connection. */
export function createChangeFeed(deps: ChangeFeedDeps) {
  const now = deps.now ?? Date.now;
  const pollMs = deps.pollMs ?? 5000;
  const batchSize = deps.batchSize ?? 1000;
  const options: FeedCursorOptions = { gapTtlMs: deps.cursor?.gapTtlMs ?? 10 * 60 * 1000, maxGaps: deps.cursor?.maxGaps ?? 200 };
  const handlers: ((changes: AuditChange[]) => Promise<void>)[] = [];
  let cursor: FeedCursor | null = null;
  let starting: Promise<void> | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let reading: Promise<void> | null = null;
  let again = false;
  let failures = 0;
  let client: ListenClient | null = null;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let reconnects = 0;

  const schedule = (ms: number): void => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void poll();
    }, ms);
    timer.unref();
  };

  /** Reads until nothing new is left, handing each batch to the handlers; one read at a time. */
  const readAll = async (): Promise<void> => {
    for (;;) {
      if (closed || !cursor) return;
      const rows = await deps.read({ after: cursor.high, ranges: gapRanges(cursor), limit: batchSize });
      if (rows.length > 0) for (const handler of handlers) await handler(rows);
      const next = advanceCursor(cursor, rows.map((r) => r.id), now(), options);
      cursor = next.cursor;
      if (next.expired.length > 0) deps.log?.info({ gaps: next.expired.map((g) => [g.from, g.to]) }, 'policies: change feed gave up waiting for audit ids (rolled back, or open too long)');
      if (rows.length < batchSize) return;
    }
  };

  const poll = (): Promise<void> => {
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      try {
        do {
          again = false;
          await readAll();
        } while (again && !closed);
        failures = 0;
        schedule(pollMs);
      } catch (error) {
        failures += 1;
        deps.log?.error({ err: error, failures }, 'policies: reading the change feed failed; retrying');
        schedule(Math.min(pollMs * 6, 250 * 2 ** Math.min(failures, 10)));
      } finally {
        reading = null;
      }
    })();
    return reading;
  };

  const reconnectLater = (): void => {
    if (closed || reconnectTimer) return;
    const old = client;
    client = null;
    if (old) void old.end().catch(() => undefined);
    const delay = Math.min(30_000, 250 * 2 ** Math.min(reconnects, 7));
    reconnects += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      void connect();
    }, delay);
    reconnectTimer.unref();
  };

  const connect = async (): Promise<void> => {
    if (closed || !deps.listen) return;
    const next = deps.listen();
    client = next;
    next.on('notification', () => void poll());
    next.on('error', (error) => {
      deps.log?.error({ err: error }, 'policies: the change feed lost its listening connection; reconnecting');
      if (client === next) reconnectLater();
    });
    next.on('end', () => {
      if (client === next) reconnectLater();
    });
    try {
      await next.connect();
      await next.query(`listen ${AUDIT_NOTIFY_CHANNEL}`);
      if (closed) {
        await next.end().catch(() => undefined);
        return;
      }
      reconnects = 0;
      // notifications sent while it was not listening are lost: read now
      void poll();
    } catch (error) {
      deps.log?.error({ err: error }, 'policies: the change feed could not listen; reconnecting');
      if (client === next) reconnectLater();
    }
  };

  /**
   * Places the cursor at the latest audit id (the ids just below it that are not visible yet become
   * gaps) and starts following. Idempotent.
   */
  const start = (): Promise<void> => {
    if (!starting) {
      starting = (async () => {
        const latest = await deps.latestId();
        const from = Math.max(0, latest - (deps.startWindow ?? 10_000));
        let primed = startCursor(from);
        // the rows already there are in the state read next; the missing ids may still commit
        for (;;) {
          const rows = await deps.read({ after: primed.high, ranges: [], limit: batchSize });
          const ids = rows.map((r) => r.id).filter((id) => id <= latest);
          primed = advanceCursor(primed, ids, now(), options).cursor;
          if (rows.length < batchSize || ids.length < rows.length) break;
        }
        if (primed.high < latest) primed = advanceCursor(primed, [latest + 1], now(), options).cursor;
        cursor = { high: latest, gaps: primed.gaps.filter((g) => g.from <= latest).map((g) => ({ ...g, to: Math.min(g.to, latest) })) };
        if (closed) return;
        schedule(pollMs);
        await connect();
      })();
      starting.catch(() => {
        starting = null;
      });
    }
    return starting;
  };

  return {
    /** Calls `handler` with each batch of committed audit rows after the cursor, in id order, before the cursor moves past them. */
    subscribe(handler: (changes: AuditChange[]) => Promise<void>): void {
      handlers.push(handler);
    },

    /** Places the cursor at the latest audit id and starts following; call it before reading the state the feed keeps current. Idempotent. */
    start,

    /** Reads and applies everything committed so far (tests, and callers that must see other processes' writes now). */
    async catchUp(): Promise<void> {
      await start();
      await poll();
      if (reading) await reading;
    },

    /** The cursor (for logs and tests). */
    position: (): FeedCursor | null => cursor,

    /** Stops polling and listening; a read under way finishes first. */
    async close(): Promise<void> {
      closed = true;
      if (timer) clearTimeout(timer);
      if (reconnectTimer) clearTimeout(reconnectTimer);
      timer = null;
      reconnectTimer = null;
      const last = client;
      client = null;
      if (last) await last.end().catch(() => undefined);
      if (starting) await starting.catch(() => undefined);
      if (reading) await reading;
    },
  };
}
