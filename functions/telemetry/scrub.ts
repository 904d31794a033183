// No personal data leaves in a URL: Table Storage addresses carry row keys (a person's id, in
// `conversations(PartitionKey='person',RowKey='<id>')`) and query filters, and a board pack link
// carries its token. Each span's URL attributes are cut to scheme, host and path, with key
// segments, Bot Connector ids and tokens blanked, as the span ends (before any exporter sees it).
import type { Context } from '@opentelemetry/api';

/** The URL attributes the HTTP and Azure SDK instrumentations set (old and new semantic conventions). */
const URL_KEYS = ['url.full', 'url.path', 'url.query', 'http.url', 'http.target'];

export function scrubUrl(value: string): string {
  return (
    value
      .replace(/[?#].*$/s, '')
      .replace(/\([^)]*\)/g, '()')
      .replace(/\/api\/files\/[^/]+/g, '/api/files/{token}')
      // Bot Connector: conversation, activity and member ids name chats and people.
      .replace(/\/(conversations|activities|members|attachments)\/[^/]+/g, '/$1/{id}')
  );
}

interface EndingSpan {
  attributes: Record<string, unknown>;
  setAttribute(key: string, value: string): unknown;
}

/** A span processor that only scrubs (SDK 2.x calls onEnding while the span can still be changed). */
export const scrubUrls = {
  onStart(_span: unknown, _context: Context): void {},
  onEnding(span: EndingSpan): void {
    for (const key of URL_KEYS) {
      const value = span.attributes[key];
      if (typeof value === 'string') span.setAttribute(key, key === 'url.query' ? '' : scrubUrl(value));
    }
  },
  onEnd(): void {},
  forceFlush: async (): Promise<void> => undefined,
  shutdown: async (): Promise<void> => undefined,
};
