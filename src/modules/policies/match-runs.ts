/**
 * Full re-match runs: a row per run with its progress, the work done by a pg-boss job (or in the
 * process when no queue is attached, as in tests), readable over HTTP while it runs.
 */
import type { Actor } from '../../server/actor.ts';
import type { Clock } from '../../server/clock.ts';
import type { Db } from '../../server/db/index.ts';
import { AppError } from '../../server/errors.ts';
import { assertCan } from '../../server/permissions.ts';
import type { AuditService } from '../audit/index.ts';
import type { PolicyMatchRun } from './authoring.schemas.ts';
import { findMatchRun, insertMatchRun, listMatchRuns, updateMatchRun } from './policies.repository.ts';
import type { PolicyMatchRunRow } from './policies.repository.ts';

/** What a run needs of the matching side: the full re-match with progress. */
export interface FullRematch {
  rematchAll(progress: (p: { stage: 'reading' | 'matching'; done: number; total: number }) => Promise<void> | void): Promise<{ enterprises: number; items: number } | null>;
}

function toRun(row: PolicyMatchRunRow): PolicyMatchRun {
  // reading the registry is most of the work: it counts for 90 %, matching for the rest
  const share = row.stage === 'reading' ? (row.total > 0 ? (row.done / row.total) * 90 : 0) : row.stage === 'matching' ? 90 + (row.total > 0 ? (row.done / row.total) * 10 : 0) : row.state === 'done' ? 100 : 0;
  return {
    id: row.id,
    state: row.state,
    stage: row.stage,
    done: row.done,
    total: row.total,
    percent: Math.min(100, Math.round(share)),
    enterprises: row.enterprises,
    items: row.items,
    durationMs: row.durationMs,
    error: row.error,
    requestedAt: row.requestedAt.toISOString(),
    startedAt: row.startedAt ? row.startedAt.toISOString() : null,
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}

export type PolicyMatchRuns = ReturnType<typeof createPolicyMatchRuns>;

/** Creates the match runs service; `attachQueue` hands runs to a job queue instead of running them here. */
export function createPolicyMatchRuns(deps: { db: Db; audit: AuditService; clock: Clock; matching: FullRematch; log?: { error: (data: object, message: string) => void } }) {
  const { db, audit, clock, matching } = deps;
  let enqueue: ((runId: string) => Promise<void>) | null = null;

  const run = async (runId: string): Promise<void> => {
    const started = clock.now();
    await updateMatchRun(db, runId, { state: 'running', stage: 'reading', startedAt: started });
    let lastWrite = 0;
    try {
      const timing = await matching.rematchAll(async (p) => {
        const now = Date.now();
        // a progress row every half second at most: the runs table is not the bottleneck
        if (now - lastWrite < 500 && p.done !== p.total) return;
        lastWrite = now;
        await updateMatchRun(db, runId, { stage: p.stage, done: p.done, total: p.total });
      });
      const finished = clock.now();
      await updateMatchRun(db, runId, {
        state: 'done', stage: 'done', done: 1, total: 1, finishedAt: finished, durationMs: finished.getTime() - started.getTime(),
        enterprises: timing?.enterprises ?? null, items: timing?.items ?? null,
      });
    } catch (error) {
      deps.log?.error({ err: error }, 'policies: full re-match failed');
      await updateMatchRun(db, runId, { state: 'failed', error: error instanceof Error ? error.message : String(error), finishedAt: clock.now() });
      throw error;
    }
  };

  return {
    /** Hands every new run to a job queue (pg-boss); without one, runs start in this process. */
    attachQueue(send: (runId: string) => Promise<void>): void {
      enqueue = send;
    },

    /** Starts a full re-match: the catalogue and the whole registry are read again and matched. */
    async requestRun(actor: Actor, requestId?: string): Promise<PolicyMatchRun> {
      assertCan(actor, 'policies.write');
      const row = await db.transaction(async (tx) => {
        const inserted = await insertMatchRun(tx, actor.id);
        await audit.record(tx, actor, { action: 'policy_match_run.request', entityType: 'policy_match_run', entityId: inserted.id }, requestId);
        return inserted;
      });
      if (enqueue) await enqueue(row.id);
      else void run(row.id).catch(() => undefined);
      return toRun(row);
    },

    /** One run and its progress. */
    async getRun(actor: Actor, id: string): Promise<PolicyMatchRun> {
      assertCan(actor, 'policies.read');
      const row = await findMatchRun(db, id);
      if (!row) throw new AppError('POLICIES_MATCH_RUN_NOT_FOUND', { status: 404 });
      return toRun(row);
    },

    /** The latest runs, newest first. */
    async listRuns(actor: Actor): Promise<{ items: PolicyMatchRun[] }> {
      assertCan(actor, 'policies.read');
      return { items: (await listMatchRuns(db, 10)).map(toRun) };
    },

    /** Does one run (the job's handler). */
    run,
  };
}
