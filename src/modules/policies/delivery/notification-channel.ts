/**
 * Where a notice goes beyond the in-app inbox. A channel (SMS, a government messaging service)
 * implements `send`; the outbox worker calls it once per message and retries on failure, so
 * `send` must treat a repeated `message.id` as already delivered (an idempotency key).
 */
export interface NotificationMessage {
  /** Unique per outbox row (`outbox-42`): the channel's idempotency key. */
  id: string;
  /** `enterprise:<uuid>` or `user:<uuid>`; the channel resolves the address (a phone, an account). */
  recipient: string;
  title: string;
  body: string;
  itemId: string;
  enterpriseId: string;
}

export interface NotificationChannel {
  readonly name: string;
  send(message: NotificationMessage): Promise<void>;
}

type Logger = { info: (obj: object, msg: string) => void; debug?: (obj: object, msg: string) => void };

/** The channel of the first release: writes each message to the log (pino), nothing leaves the server. */
export function createLogChannel(log: Logger): NotificationChannel {
  return {
    name: 'log',
    async send(message) {
      (log.debug ?? log.info)({ channel: 'log', messageId: message.id, recipient: message.recipient, itemId: message.itemId, title: message.title }, 'notification sent (log channel)');
    },
  };
}
