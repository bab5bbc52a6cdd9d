/**
 * 您可能符合以下政策: one current notice per item and enterprise (a re-match never sends again), written
 * with its outbox messages (one per recipient) in one transaction; withdrawn when the firm stops matching;
 * the outbox worker sends the messages through the channels.
 */
import { z } from 'zod';
import { SYSTEM_ACTOR, type Actor } from '../../../server/actor.ts';
import { AppError } from '../../../server/errors.ts';
import { assertCan } from '../../../server/permissions.ts';
import { type DeliveryContext, type DeliveryDeps } from './delivery.context.ts';
import {
  claimPendingMessage, countUnread, findApplicationIdsOf, findCurrentNotices, findInboxPage, findNotice, findNoticedItemIds, findUnreadNoticeIds, insertNewNotices, insertOutbox, markMessage,
  markRead, supersedeNotices, withdrawNotices, type NoticeRow,
} from './delivery.repository.ts';
import type { InboxPage, InboxQuery } from './delivery.schemas.ts';
import { createLogChannel, type NotificationChannel } from './notification-channel.ts';

/** What an outbox row carries besides its id and recipient. */
const PayloadSchema = z.object({ title: z.string(), body: z.string(), itemId: z.string(), enterpriseId: z.string() });

type Recipient = { address: string; kind: 'enterprise' | 'liaison' };

/** The message of a notice: to the firm, or to a liaison officer about the firm it looks after. */
const messageOf = (n: NoticeRow, kind: Recipient['kind']): z.infer<typeof PayloadSchema> => ({
  title: kind === 'liaison' ? `包联企业可能符合政策：${n.itemTitle}` : `您可能符合政策：${n.itemTitle}`,
  body: kind === 'liaison'
    ? `您包联的${n.enterpriseName}根据登记信息可能符合“${n.itemTitle}”，请提醒企业登录高地平台查看依据并申报。`
    : `${n.enterpriseName}：根据登记信息，贵企业可能符合“${n.itemTitle}”，请登录高地平台查看依据并申报。`,
  itemId: n.itemId,
  enterpriseId: n.enterpriseId,
});

/** A message is given up after this many failed sends (state `failed`, kept for an operator). */
export const MAX_SEND_ATTEMPTS = 5;
const OFFICER_ROLES = new Set(['city', 'district', 'street']);

export function createInboxService(deps: DeliveryDeps, _ctx: DeliveryContext) {
  const { db, clock, policies, liaisons, users } = deps;
  const noop = { info: () => undefined, error: () => undefined };
  const log = deps.log ?? noop;
  const channels: NotificationChannel[] = deps.channels ?? [createLogChannel(log)];
  const channelByName = new Map(channels.map((c) => [c.name, c]));

  /** The enterprises whose notices the actor reads: its own (enterprise user) or those it looks after (liaison officer). */
  const inboxEnterprises = async (actor: Actor): Promise<string[]> => {
    if (actor.role === 'enterprise') return actor.enterpriseId ? [actor.enterpriseId] : [];
    if (!OFFICER_ROLES.has(actor.role) || !liaisons) return [];
    const page = await liaisons.findLiaisons(SYSTEM_ACTOR, { page: 1, pageSize: 1000, officerId: actor.id, active: true });
    return [...new Set(page.items.map((l) => l.enterpriseId))];
  };

  /**
   * Who a notice is addressed to, per firm: its active users (`user:<id>`), or the firm itself (`enterprise:<id>`,
   * its registry contact) when it has none, and its liaison officers (`user:<id>`); each address once.
   * The liaisons are read once per sweep, the users per batch.
   */
  const recipientBook = () => {
    let officers: Promise<Map<string, string[]>> | null = null;
    const readOfficers = async (): Promise<Map<string, string[]>> => {
      const out = new Map<string, string[]>();
      if (!liaisons) return out;
      const pageSize = 1000;
      for (let page = 1; ; page += 1) {
        const result = await liaisons.findLiaisons(SYSTEM_ACTOR, { page, pageSize, active: true });
        for (const l of result.items) out.set(l.enterpriseId, [...(out.get(l.enterpriseId) ?? []), l.officerId]);
        if (page * pageSize >= result.total) return out;
      }
    };
    return {
      async of(enterpriseIds: readonly string[]): Promise<Map<string, Recipient[]>> {
        officers ??= readOfficers();
        const [people, officerMap] = await Promise.all([users ? users.findEnterpriseUsers(enterpriseIds) : [], officers]);
        const usersOf = new Map<string, string[]>();
        for (const u of people) if (u.enterpriseId) usersOf.set(u.enterpriseId, [...(usersOf.get(u.enterpriseId) ?? []), u.id]);
        const out = new Map<string, Recipient[]>();
        for (const id of enterpriseIds) {
          const own = usersOf.get(id) ?? [];
          const list: Recipient[] = own.length > 0 ? own.map((u) => ({ address: `user:${u}`, kind: 'enterprise' as const })) : [{ address: `enterprise:${id}`, kind: 'enterprise' as const }];
          for (const officer of officerMap.get(id) ?? []) if (!list.some((r) => r.address === `user:${officer}`)) list.push({ address: `user:${officer}`, kind: 'liaison' });
          out.set(id, list);
        }
        return out;
      },
    };
  };

  const exemptFlags = async (): Promise<Map<string, boolean>> => {
    const list = await policies.listItems(SYSTEM_ACTOR, {});
    return new Map(list.items.map((i) => [i.id, i.exemptFromApplication]));
  };

  return {
    /**
     * Brings the notices in line with today's matches. For each item in force, every firm it matches with no
     * current notice gets one, and a message per recipient (its users, or the firm itself when it has none, and
     * its liaison officers) in the outbox, in one transaction per batch; a firm notified before that no longer
     * matches has its notice withdrawn (已不符合), and so has every firm of an item no longer in force.
     * A firm that matches again after a withdrawal is a new match: notified again, once.
     */
    async runNoticeSweep(): Promise<{ created: number; queued: number; withdrawn: number }> {
      const list = await policies.listItems(SYSTEM_ACTOR, {});
      let created = 0;
      let queued = 0;
      let withdrawn = 0;
      const recipients = recipientBook();
      const listed = new Set<string>();
      for (const item of list.items) {
        listed.add(item.id);
        const current = await findCurrentNotices(db, item.id);
        if (!item.inForce) {
          withdrawn += await withdrawNotices(db, [...current.values()], 'item_ended', clock.now());
          continue;
        }
        const matched = new Set<string>();
        if (item.eligibleCount) {
          const { batches } = await policies.exportItemMatches(SYSTEM_ACTOR, item.id, { kind: 'eligible' });
          for await (const batch of batches) {
            for (const r of batch) matched.add(r.enterpriseId);
            const fresh = batch.filter((r) => !current.has(r.enterpriseId));
            if (fresh.length === 0) continue;
            // read before the transaction: nothing may query the database beside an open transaction
            const addresses = await recipients.of(fresh.map((r) => r.enterpriseId));
            const now = clock.now();
            await db.transaction(async (tx) => {
              const notices = await insertNewNotices(tx, fresh.map((r) => ({
                itemId: item.id, itemTitle: item.title, enterpriseId: r.enterpriseId, enterpriseName: r.name, divisionCode: r.divisionCode,
                benefitWan: r.benefit.kind === 'estimated' ? r.benefit.amountWan : null, createdAt: now,
              })));
              await supersedeNotices(tx, item.id, notices.map((n) => n.enterpriseId));
              created += notices.length;
              queued += await insertOutbox(tx, notices.flatMap((n) => (addresses.get(n.enterpriseId) ?? []).flatMap((to) => channels.map((c) => ({
                channel: c.name, recipient: to.address, noticeId: n.id, createdAt: now, payload: messageOf(n, to.kind),
              })))));
            });
          }
        }
        const stale = [...current].filter(([enterpriseId]) => !matched.has(enterpriseId)).map(([, noticeId]) => noticeId);
        withdrawn += await withdrawNotices(db, stale, 'unmatched', clock.now());
      }
      // items withdrawn from the catalogue are not listed at all
      for (const itemId of await findNoticedItemIds(db)) {
        if (listed.has(itemId)) continue;
        withdrawn += await withdrawNotices(db, [...(await findCurrentNotices(db, itemId)).values()], 'item_ended', clock.now());
      }
      if (created > 0 || withdrawn > 0) log.info({ created, queued, withdrawn }, `policies: ${created} new notices, ${queued} messages queued, ${withdrawn} notices withdrawn`);
      return { created, queued, withdrawn };
    },

    /**
     * Sends pending outbox messages, each in its own transaction that holds the row (FOR UPDATE SKIP LOCKED,
     * so two workers never take the same one) until it is marked sent: a crash before the mark leaves it
     * pending, and the channel's idempotency key (`message.id`) keeps the second send from delivering twice.
     */
    async sendPending(options: { limit?: number } = {}): Promise<{ sent: number; failed: number }> {
      const limit = options.limit ?? 1000;
      let sent = 0;
      let failed = 0;
      let afterId = 0;
      for (let i = 0; i < limit; i += 1) {
        const outcome = await db.transaction(async (tx) => {
          const row = await claimPendingMessage(tx, afterId);
          if (!row) return 'empty' as const;
          afterId = row.id;
          const channel = channelByName.get(row.channel);
          const attempts = row.attempts + 1;
          if (!channel) {
            await markMessage(tx, row.id, { state: 'failed', attempts, lastError: `no channel named ${row.channel}` });
            return 'failed' as const;
          }
          const payload = PayloadSchema.parse(row.payload);
          try {
            await channel.send({ ...payload, id: `outbox-${row.id}`, recipient: row.recipient });
          } catch (error) {
            await markMessage(tx, row.id, { attempts, lastError: error instanceof Error ? error.message : String(error), state: attempts >= MAX_SEND_ATTEMPTS ? 'failed' : 'pending' });
            return 'failed' as const;
          }
          await markMessage(tx, row.id, { state: 'sent', attempts, sentAt: clock.now(), lastError: null });
          return 'sent' as const;
        });
        if (outcome === 'empty') break;
        if (outcome === 'sent') sent += 1;
        else failed += 1;
      }
      if (sent > 0 || failed > 0) log.info({ sent, failed }, `notifications: ${sent} sent, ${failed} failed`);
      return { sent, failed };
    },

    /** The actor's inbox (enterprise users, and officers for the firms they look after), newest first, with read state. */
    async findInbox(actor: Actor, query: InboxQuery): Promise<InboxPage> {
      assertCan(actor, 'policies.inbox');
      const enterpriseIds = await inboxEnterprises(actor);
      const { rows, total, unread } = await findInboxPage(db, enterpriseIds, actor.id, { unreadOnly: query.unread ?? false, offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
      const [applied, exempt] = await Promise.all([findApplicationIdsOf(db, [...new Set(rows.map((r) => r.enterpriseId))]), exemptFlags()]);
      return {
        items: rows.map((r) => ({
          id: r.id, itemId: r.itemId, itemTitle: r.itemTitle, enterpriseId: r.enterpriseId, enterpriseName: r.enterpriseName, benefitWan: r.benefitWan,
          exemptFromApplication: exempt.get(r.itemId) ?? false, createdAt: r.createdAt.toISOString(), read: r.readAt !== null,
          withdrawnAt: r.withdrawnAt ? r.withdrawnAt.toISOString() : null, withdrawnReason: r.withdrawnReason, applicationId: applied.get(`${r.itemId}|${r.enterpriseId}`) ?? null,
        })),
        total, unread, page: query.page, pageSize: query.pageSize,
      };
    },

    async countUnread(actor: Actor): Promise<{ unread: number }> {
      assertCan(actor, 'policies.inbox');
      return { unread: await countUnread(db, await inboxEnterprises(actor), actor.id) };
    },

    /** Marks one notice read for the actor (404 when it is not in the actor's inbox). */
    async markNoticeRead(actor: Actor, noticeId: string): Promise<{ unread: number }> {
      assertCan(actor, 'policies.inbox');
      const enterpriseIds = await inboxEnterprises(actor);
      const notice = /^[0-9a-f-]{36}$/i.test(noticeId) ? await findNotice(db, noticeId) : undefined;
      if (!notice || !enterpriseIds.includes(notice.enterpriseId)) throw new AppError('POLICIES_NOTICE_NOT_FOUND', { status: 404 });
      await markRead(db, [{ noticeId, userId: actor.id, readAt: clock.now() }]);
      return { unread: await countUnread(db, enterpriseIds, actor.id) };
    },

    async markAllRead(actor: Actor): Promise<{ unread: number }> {
      assertCan(actor, 'policies.inbox');
      const enterpriseIds = await inboxEnterprises(actor);
      const ids = await findUnreadNoticeIds(db, enterpriseIds, actor.id);
      const now = clock.now();
      for (let start = 0; start < ids.length; start += 1000) await markRead(db, ids.slice(start, start + 1000).map((noticeId) => ({ noticeId, userId: actor.id, readAt: now })));
      return { unread: 0 };
    },
  };
}

export type InboxService = ReturnType<typeof createInboxService>;
