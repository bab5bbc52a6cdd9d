/** 政策直达 (delivery) as one service: applications, budgets and 免申即享 grants, the inbox and outbox, the leaders' figures. */
import { createApplicationsService } from './applications.service.ts';
import { createDeliveryContext, type DeliveryDeps } from './delivery.context.ts';
import { createGrantsService } from './grants.service.ts';
import { createInboxService } from './inbox.service.ts';
import { createStatsService } from './stats.service.ts';
import { APPLICATION_OWNER } from './applications.service.ts';

export type DeliveryService = ReturnType<typeof createDeliveryService>;

/**
 * Builds the delivery service on the policies service's public functions. Files attached to an
 * application may be downloaded by whoever may see the application.
 */
export function createDeliveryService(deps: DeliveryDeps) {
  const ctx = createDeliveryContext(deps);
  const applications = createApplicationsService(deps, ctx);
  const grants = createGrantsService(deps, ctx);
  const inbox = createInboxService(deps, ctx);
  const stats = createStatsService(deps, ctx);
  deps.files.registerOwner(APPLICATION_OWNER, (actor, id) => applications.canSeeApplication(actor, id));
  let requestRun: (() => void) | null = null;
  return {
    ...applications,
    ...grants,
    ...inbox,
    ...stats,
    /** Called when matches may have changed (an enterprise was written); the job runner decides when the sweep runs. */
    matchesChanged(): void {
      requestRun?.();
    },
    /** The job runner registers how to ask for a notice sweep. */
    onRunRequested(request: () => void): void {
      requestRun = request;
    },
    /** One full pass, as the job runs it: new and withdrawn notices, then the messages. */
    async runNoticeJob(): Promise<{ created: number; queued: number; withdrawn: number; sent: number }> {
      const { created, queued, withdrawn } = await inbox.runNoticeSweep();
      let sent = 0;
      for (;;) {
        const round = await inbox.sendPending({ limit: 500 });
        sent += round.sent;
        if (round.sent + round.failed < 500) break;
      }
      return { created, queued, withdrawn, sent };
    },
  };
}
