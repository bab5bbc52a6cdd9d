import type { Actor } from '../../server/actor.ts';
import type { Clock } from '../../server/clock.ts';
import type { Db } from '../../server/db/index.ts';
import { assertCan } from '../../server/permissions.ts';
import { findAuditRows, insertAuditRows, type AuditFilter } from './audit.repository.ts';

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string;
  divisionCode?: string | null;
  before?: unknown;
  after?: unknown;
};

type Executor = Parameters<typeof insertAuditRows>[0];

export type AuditService = ReturnType<typeof createAuditService>;

/** Records who did what, when, before and after; call `record` inside the write's own transaction. */
export function createAuditService(deps: { db: Db; clock: Clock }) {
  return {
    async record(tx: Executor, actor: Actor, entries: AuditEntry | AuditEntry[], requestId?: string): Promise<void> {
      const list = Array.isArray(entries) ? entries : [entries];
      const at = deps.clock.now();
      await insertAuditRows(
        tx,
        list.map((e) => ({
          at,
          actorId: actor.id,
          actorName: actor.username,
          actorRole: actor.role,
          action: e.action,
          entityType: e.entityType,
          entityId: e.entityId,
          divisionCode: e.divisionCode ?? null,
          before: e.before ?? null,
          after: e.after ?? null,
          requestId: requestId ?? null,
        })),
      );
    },

    async findEntries(actor: Actor, filter: AuditFilter, page: { page: number; pageSize: number }) {
      assertCan(actor, 'audit.read');
      const { rows, total } = await findAuditRows(deps.db, filter, { offset: (page.page - 1) * page.pageSize, limit: page.pageSize });
      return { items: rows, total, page: page.page, pageSize: page.pageSize };
    },

    /** The change history of one entity, for callers that have already checked access to it. */
    async historyOf(entityType: string, entityId: string) {
      const { rows } = await findAuditRows(deps.db, { entityType, entityId }, { offset: 0, limit: 200 });
      return rows;
    },
  };
}
