import { SYSTEM_ACTOR } from '../../server/actor.ts';
import type { Clock } from '../../server/clock.ts';
import type { Db } from '../../server/db/index.ts';
import type { AuditService } from '../audit/index.ts';
import { addWorkingMs, DAY_MS } from './deadlines.ts';
import { insertDueSoonReminders, insertEvents, insertOverdueReminders, markOverdue } from './service.repository.ts';

export type DeadlineSweep = ReturnType<typeof createDeadlineSweep>;

/**
 * 督办: one pass over the open requests. Requests past their deadline are marked overdue and
 * escalated one level (district → city); requests due within one working day get a reminder.
 * Idempotent: both steps are conditional writes (`not is_overdue`, a unique reminder per
 * deadline), so two processes sweeping at once change each request once.
 */
export function createDeadlineSweep(deps: { db: Db; audit: AuditService; clock: Clock }) {
  const { db, audit, clock } = deps;
  return {
    async run(): Promise<{ escalated: number; reminded: number }> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const overdue = await markOverdue(tx, now);
        if (overdue.length) {
          await insertEvents(
            tx,
            overdue.map((r) => ({
              requestId: r.id, action: 'escalate', fromState: r.state, toState: r.state, actorId: null, actorName: SYSTEM_ACTOR.displayName, actorRole: 'system',
              note: null, details: { reason: 'overdue', dueAt: r.dueAt.toISOString(), escalationLevel: r.escalationLevel }, at: now,
            })),
          );
          await insertOverdueReminders(tx, overdue, now);
          await audit.record(
            tx,
            SYSTEM_ACTOR,
            overdue.map((r) => ({ action: 'escalate', entityType: 'service_request', entityId: r.id, divisionCode: r.divisionCode, before: { isOverdue: false, escalationLevel: r.escalationLevel - 1 }, after: { isOverdue: true, escalationLevel: r.escalationLevel } })),
          );
        }
        const reminded = await insertDueSoonReminders(tx, now, addWorkingMs(now, DAY_MS));
        return { escalated: overdue.length, reminded: reminded.length };
      });
    },
  };
}
