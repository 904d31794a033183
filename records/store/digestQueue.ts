// The `digest` queue on Azure Queue Storage (Azurite locally): one message per (place, channel,
// week) claimed by the timer. Messages are base64 JSON, the Functions queue trigger's default.
import { DefaultAzureCredential } from '@azure/identity';
import type { QueueClient } from '@azure/storage-queue';
import { QueueServiceClient } from '@azure/storage-queue';
import { z } from 'zod';
import { placeCodeSchema } from '../places.js';
import { toStoreError } from './errors.js';
import type { ConnectionOptions } from './tables.js';

export const DIGEST_QUEUE = 'digest';
/** Where the Functions host moves a digest message that failed maxDequeueCount (5) times; an alert watches it. */
export const DIGEST_POISON_QUEUE = 'digest-poison';

/** Few, short retries, like the Table client's: a queue that is down is reported quickly. */
const QUEUE_OPTIONS = { retryOptions: { maxTries: 3, retryDelayInMs: 100, maxRetryDelayInMs: 400, tryTimeoutInMs: 10_000 } };

export const digestMessageSchema = z.object({
  place: placeCodeSchema,
  channelId: z.string().min(1).max(400),
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  /** When the tick claimed it: the digest is composed as of then, so a retry tells the same week. */
  at: z.string().datetime().optional(),
});
export type DigestMessage = z.infer<typeof digestMessageSchema>;

export interface ReceivedMessage {
  message: unknown;
  messageId: string;
  popReceipt: string;
  dequeueCount: number;
}

export function encodeMessage(message: DigestMessage): string {
  return Buffer.from(JSON.stringify(message), 'utf8').toString('base64');
}

/** A queue message body (base64 JSON, or plain JSON as the Functions host may hand it over) parsed. */
export function decodeMessage(body: unknown): DigestMessage {
  if (typeof body === 'object' && body !== null) return digestMessageSchema.parse(body);
  const text = String(body);
  const json = text.trim().startsWith('{') ? text : Buffer.from(text, 'base64').toString('utf8');
  return digestMessageSchema.parse(JSON.parse(json));
}

export class DigestQueue {
  /** Messages sent (each is one Queue Storage request), for tests and the bench. */
  sent = 0;
  private constructor(readonly client: QueueClient) {}

  static fromConnection(opts: ConnectionOptions & { queueName?: string }): DigestQueue {
    const name = opts.queueName ?? DIGEST_QUEUE;
    if (opts.connectionString)
      return new DigestQueue(QueueServiceClient.fromConnectionString(opts.connectionString, QUEUE_OPTIONS).getQueueClient(name));
    if (opts.accountName) {
      return new DigestQueue(
        new QueueServiceClient(
          `https://${opts.accountName}.queue.core.windows.net`,
          new DefaultAzureCredential(),
          QUEUE_OPTIONS,
        ).getQueueClient(name),
      );
    }
    throw new Error('Set STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_NAME to reach Queue Storage.');
  }

  async ensureQueue(): Promise<void> {
    try {
      await this.client.createIfNotExists();
    } catch (err) {
      throw toStoreError(err, 'create queue');
    }
  }

  async send(message: DigestMessage): Promise<void> {
    try {
      await this.client.sendMessage(encodeMessage(message));
      this.sent++;
    } catch (err) {
      throw toStoreError(err, 'enqueue digest');
    }
  }

  /** Up to `max` messages, hidden from other receivers for `visibilitySeconds`. */
  async receive(max = 16, visibilitySeconds = 120): Promise<ReceivedMessage[]> {
    try {
      const res = await this.client.receiveMessages({ numberOfMessages: Math.min(32, max), visibilityTimeout: visibilitySeconds });
      return res.receivedMessageItems.map((m) => ({
        message: m.messageText,
        messageId: m.messageId,
        popReceipt: m.popReceipt,
        dequeueCount: m.dequeueCount,
      }));
    } catch (err) {
      throw toStoreError(err, 'receive digests');
    }
  }

  async delete(m: ReceivedMessage): Promise<void> {
    try {
      await this.client.deleteMessage(m.messageId, m.popReceipt);
    } catch (err) {
      throw toStoreError(err, 'delete digest message');
    }
  }

  async approximateCount(): Promise<number> {
    const props = await this.client.getProperties();
    return props.approximateMessagesCount ?? 0;
  }
}
