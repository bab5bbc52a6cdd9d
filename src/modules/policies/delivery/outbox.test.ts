import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../../../test/helpers/clock.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import type { Database } from '../../../server/db/index.ts';
import { createAuditService } from '../../audit/index.ts';
import { createFilesService } from '../../files/index.ts';
import type { PolicyMatchRow } from '../policies.schemas.ts';
import type { DeliveryDeps } from './delivery.context.ts';
import { createDeliveryService } from './delivery.service.ts';
import type { NotificationChannel, NotificationMessage } from './notification-channel.ts';

const ITEM = 'zz-test-item';
const firm = (n: number): PolicyMatchRow => ({
  enterpriseId: `00000000-0000-4000-8000-00000000000${n}`, name: `测试企业${n}`, creditCode: `91410105MA0000000${n}`, divisionCode: '410105001', divisionName: null, industryCode: 'C3511',
  benefit: { kind: 'estimated', amountWan: 10 * n, capped: false }, miss: null,
});

/** The policies service as delivery reads it: one item in force and the firms it matches now. */
function stubPolicies(eligible: () => PolicyMatchRow[]): DeliveryDeps['policies'] {
  const summary = { id: ITEM, title: '测试事项', exemptFromApplication: false, inForce: true, eligibleCount: 0 };
  return {
    listItems: async () => ({ asOf: '2026-11-25', catalogueVersion: 'test', items: [{ ...summary, eligibleCount: eligible().length }] }),
    exportItemMatches: async () => ({
      asOf: '2026-11-25',
      item: {},
      batches: (async function* () {
        yield eligible();
      })(),
    }),
  } as unknown as DeliveryDeps['policies'];
}

/** A channel that records deliveries, honours the idempotency key, and fails when told to. */
function recordingChannel() {
  const calls: NotificationMessage[] = [];
  const delivered = new Map<string, NotificationMessage>();
  const failures = new Map<string, 'before' | 'after'>();
  const channel: NotificationChannel = {
    name: 'test',
    async send(message) {
      calls.push(message);
      const failure = failures.get(message.recipient);
      failures.delete(message.recipient);
      if (failure === 'before') throw new Error('gateway down');
      if (!delivered.has(message.id)) delivered.set(message.id, message);
      // delivered, then the process dies before the outbox row is marked
      if (failure === 'after') throw new Error('crash after delivery');
    },
  };
  return { channel, calls, delivered, failures };
}

let database: Database;
let eligible: PolicyMatchRow[] = [];

beforeAll(async () => {
  database = await createTestDb();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.db.execute(sql`truncate notification_outbox, policy_notices, policy_notice_reads`);
  eligible = [firm(1), firm(2), firm(3)];
});

function build(channel: NotificationChannel) {
  const clock = createFixedClock();
  const audit = createAuditService({ db: database.db, clock });
  return createDeliveryService({
    db: database.db, audit, clock, policies: stubPolicies(() => eligible), files: createFilesService({ db: database.db, audit, maxBytes: 1024 }),
    enterprises: {} as DeliveryDeps['enterprises'], channels: [channel],
  });
}

const states = async () => (await database.db.execute<{ state: string; n: number }>(sql`select state, count(*)::int as n from notification_outbox group by state order by state`)).rows;

describe('the notice outbox', () => {
  it('writes each new notice with its message, once: a re-match never queues again', async () => {
    const { channel } = recordingChannel();
    const delivery = build(channel);
    expect(await delivery.runNoticeSweep()).toEqual({ created: 3, queued: 3, withdrawn: 0 });
    expect(await delivery.runNoticeSweep()).toEqual({ created: 0, queued: 0, withdrawn: 0 });
    eligible = [...eligible, firm(4)];
    expect(await delivery.runNoticeSweep()).toEqual({ created: 1, queued: 1, withdrawn: 0 });
    expect(await states()).toEqual([{ state: 'pending', n: 4 }]);
  });

  it('keeps a message whose send failed pending and sends it on the next run, without sending the others again', async () => {
    const { channel, calls, delivered, failures } = recordingChannel();
    const delivery = build(channel);
    await delivery.runNoticeSweep();
    failures.set(`enterprise:${firm(2).enterpriseId}`, 'before');
    expect(await delivery.sendPending()).toEqual({ sent: 2, failed: 1 });
    expect(await states()).toEqual([{ state: 'pending', n: 1 }, { state: 'sent', n: 2 }]);
    expect(await delivery.sendPending()).toEqual({ sent: 1, failed: 0 });
    expect(delivered.size).toBe(3);
    expect(calls.filter((m) => m.recipient.endsWith(firm(1).enterpriseId))).toHaveLength(1);
    expect(await states()).toEqual([{ state: 'sent', n: 3 }]);
  });

  it('delivers once when the worker dies after the channel accepted a message and before marking it: the retry carries the same key', async () => {
    const { channel, calls, delivered, failures } = recordingChannel();
    const delivery = build(channel);
    await delivery.runNoticeSweep();
    failures.set(`enterprise:${firm(3).enterpriseId}`, 'after');
    await delivery.sendPending();
    await delivery.sendPending();
    const forThree = calls.filter((m) => m.recipient.endsWith(firm(3).enterpriseId));
    expect(forThree).toHaveLength(2);
    expect(forThree[0]?.id).toBe(forThree[1]?.id);
    expect(delivered.size).toBe(3);
    expect(await states()).toEqual([{ state: 'sent', n: 3 }]);
  });

  it('gives each message to one worker when two run at once (FOR UPDATE SKIP LOCKED)', async () => {
    const { channel, calls } = recordingChannel();
    eligible = Array.from({ length: 9 }, (_, i) => firm(i + 1));
    const delivery = build(channel);
    await delivery.runNoticeSweep();
    const [one, two] = await Promise.all([delivery.sendPending(), delivery.sendPending()]);
    expect((one?.sent ?? 0) + (two?.sent ?? 0)).toBe(9);
    expect(calls).toHaveLength(9);
    expect(new Set(calls.map((m) => m.id)).size).toBe(9);
  });

  it('loses nothing when the notice transaction fails: neither the notice nor its message is kept', async () => {
    const { channel } = recordingChannel();
    const delivery = build(channel);
    // a message row that will collide with the first new notice's message cannot exist; instead make the notice insert fail mid-batch
    eligible = [firm(1), { ...firm(2), enterpriseId: 'not-a-uuid' }];
    await expect(delivery.runNoticeSweep()).rejects.toThrow();
    const notices = (await database.db.execute<{ n: number }>(sql`select count(*)::int as n from policy_notices`)).rows[0]?.n;
    expect(notices).toBe(0);
    expect(await states()).toEqual([]);
  });
});
