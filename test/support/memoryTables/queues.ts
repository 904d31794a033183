// Queue Storage in memory, beside the tables (../memoryTables.ts): the few queue operations the
// digest queue (DigestQueue) uses, answered in the Queue REST API's XML.
import { randomId, type Answer, type Call } from './http.js';

interface QueueMessage {
  id: string;
  text: string;
  popReceipt: string;
  visibleAt: number;
  insertedAt: number;
  dequeueCount: number;
}

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** The queue operations DigestQueue uses: create, send, receive, delete, properties. */
export class MemoryQueues {
  readonly queues = new Map<string, QueueMessage[]>();

  answer(call: Call, base: Record<string, string | undefined>): Answer {
    const [name = '', sub, id] = call.path.split('/');
    const xml = (status: number, body: string, headers: Record<string, string> = {}) => ({
      status,
      headers: { ...base, 'content-type': 'application/xml', ...headers },
      body: `<?xml version="1.0" encoding="utf-8"?>${body}`,
    });
    const error = (status: number, code: string) =>
      xml(status, `<Error><Code>${code}</Code><Message>${code}</Message></Error>`, { 'x-ms-error-code': code });
    const queue = this.queues.get(name);
    if (!sub) {
      if (call.method === 'PUT') {
        if (queue) return { status: 204, headers: base };
        this.queues.set(name, []);
        return { status: 201, headers: base };
      }
      if (!queue) return error(404, 'QueueNotFound');
      if (call.method === 'GET' || call.method === 'HEAD')
        return { status: 200, headers: { ...base, 'x-ms-approximate-messages-count': String(queue.length) } };
      if (call.method === 'DELETE') {
        this.queues.delete(name);
        return { status: 204, headers: base };
      }
    }
    if (!queue) return error(404, 'QueueNotFound');
    const now = Date.now();
    const time = (ms: number) => new Date(ms).toUTCString();
    if (sub === 'messages' && call.method === 'POST') {
      const text = /<MessageText>([\s\S]*)<\/MessageText>/.exec(call.body)?.[1] ?? '';
      const visibility = Number(call.query.get('visibilitytimeout') ?? 0);
      const m: QueueMessage = {
        id: randomId(),
        text,
        popReceipt: randomId(),
        visibleAt: now + visibility * 1000,
        insertedAt: now,
        dequeueCount: 0,
      };
      queue.push(m);
      return xml(
        201,
        `<QueueMessagesList><QueueMessage><MessageId>${m.id}</MessageId><InsertionTime>${time(now)}</InsertionTime><ExpirationTime>${time(now + 7 * 86_400_000)}</ExpirationTime><PopReceipt>${m.popReceipt}</PopReceipt><TimeNextVisible>${time(m.visibleAt)}</TimeNextVisible></QueueMessage></QueueMessagesList>`,
      );
    }
    if (sub === 'messages' && call.method === 'GET' && !id) {
      const n = Math.min(32, Number(call.query.get('numofmessages') ?? 1));
      const visibility = Number(call.query.get('visibilitytimeout') ?? 30);
      const taken = queue.filter((m) => m.visibleAt <= now).slice(0, n);
      for (const m of taken) {
        m.dequeueCount++;
        m.popReceipt = randomId();
        m.visibleAt = now + visibility * 1000;
      }
      const items = taken
        .map(
          (m) =>
            `<QueueMessage><MessageId>${m.id}</MessageId><InsertionTime>${time(m.insertedAt)}</InsertionTime><ExpirationTime>${time(m.insertedAt + 7 * 86_400_000)}</ExpirationTime><PopReceipt>${xmlEscape(m.popReceipt)}</PopReceipt><TimeNextVisible>${time(m.visibleAt)}</TimeNextVisible><DequeueCount>${m.dequeueCount}</DequeueCount><MessageText>${m.text}</MessageText></QueueMessage>`,
        )
        .join('');
      return xml(200, `<QueueMessagesList>${items}</QueueMessagesList>`);
    }
    if (sub === 'messages' && call.method === 'DELETE' && id) {
      const at = queue.findIndex((m) => m.id === id);
      if (at < 0) return error(404, 'MessageNotFound');
      if (queue[at]!.popReceipt !== call.query.get('popreceipt')) return error(400, 'PopReceiptMismatch');
      queue.splice(at, 1);
      return { status: 204, headers: base };
    }
    return error(400, 'UnsupportedHttpVerb');
  }
}
