import type { JobDefinition, JobQueue } from '../../server/jobs.ts';
import type { PolicyMatchRuns } from './match-runs.ts';

export const MATCH_RUN_QUEUE = 'policy-match-run';

/**
 * Full re-matches on the job queue: `POST /api/v1/policy-match-runs` queues a job naming its run, a
 * worker takes it (this process's is woken at once, not at the next poll) and writes the progress to
 * the run's row. One run at a time per worker; a failed run is not retried.
 */
export function matchRunJob(runs: PolicyMatchRuns): JobDefinition<{ runId: string }> {
  return { name: MATCH_RUN_QUEUE, policy: 'standard', retryLimit: 0, expireInSeconds: 3600, handle: (data) => runs.run(data.runId) };
}

/** Hands the match runs to a queue that has `matchRunJob`. */
export function attachMatchRuns(runs: PolicyMatchRuns, queue: JobQueue): void {
  runs.attachQueue((runId) => queue.send(MATCH_RUN_QUEUE, { runId }));
}
