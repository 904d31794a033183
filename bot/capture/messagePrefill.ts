// What a Teams message gives a form when someone picks "Log as action" or "Raise as risk" from
// its "…" menu: its text as plain text (HTML converted, @mentions as names, cut to what the form
// takes), who wrote it, and a link back to it. Pure: the message payload in, the prefill out.
import { convert, type FormatCallback } from 'html-to-text';
import { z } from 'zod';
import { plain } from '../../cards/text.js';
import { teamsMessageLinkSchema } from '../../records/limits.js';

const account = z.object({ id: z.string().max(200).nullish(), displayName: z.string().max(500).nullish() }).passthrough();
const identitySet = z.object({ user: account.nullish(), application: account.nullish() }).passthrough();

/** The `messagePayload` Teams sends with a message action (the fields we use), checked at the boundary. */
export const messagePayloadSchema = z
  .object({
    id: z.string().max(200).nullish().catch(undefined),
    linkToMessage: z.string().max(4000).nullish().catch(undefined),
    body: z
      .object({ contentType: z.string().max(20).nullish(), content: z.string().nullish() })
      .passthrough()
      .nullish()
      .catch(undefined),
    from: identitySet.nullish().catch(undefined),
    mentions: z
      .array(
        z
          .object({
            id: z.union([z.number(), z.string()]).nullish(),
            mentionText: z.string().max(500).nullish(),
            mentioned: identitySet.nullish(),
          })
          .passthrough(),
      )
      .max(1000)
      .nullish()
      .catch([]),
    attachments: z.array(z.unknown()).max(1000).nullish().catch([]),
  })
  .passthrough();
export type MessagePayload = z.infer<typeof messagePayloadSchema>;

type Mention = NonNullable<MessagePayload['mentions']>[number];

/** A Teams mention `<at id="0">Helen</at>` becomes the mentioned person's display name. */
function mentionFormatter(mentions: Mention[]): FormatCallback {
  return (elem, walk, builder) => {
    const id = (elem as { attribs?: Record<string, string> }).attribs?.id;
    const mention = id === undefined ? undefined : mentions.find((m) => String(m.id) === id);
    const name = mention?.mentioned?.user?.displayName ?? mention?.mentioned?.application?.displayName ?? mention?.mentionText;
    if (name) builder.addInline(name);
    else walk(elem.children, builder);
  };
}

/** A message body as plain text: paragraphs and list items on their own lines, links as "text (url)". */
export function messageText(body: MessagePayload['body'], mentions: Mention[] = []): string {
  const content = body?.content ?? '';
  const text =
    (body?.contentType ?? 'html').toLowerCase() === 'text'
      ? content
      : convert(content, {
          wordwrap: false,
          formatters: { mention: mentionFormatter(mentions) },
          selectors: [
            { selector: 'at', format: 'mention' },
            { selector: 'a', options: { linkBrackets: ['(', ')'], hideLinkHrefIfSameAsText: true } },
            { selector: 'ul', options: { itemPrefix: '• ' } },
            { selector: 'img', format: 'skip' },
            { selector: 'attachment', format: 'skip' },
            { selector: 'h1', options: { uppercase: false } },
            { selector: 'h2', options: { uppercase: false } },
            { selector: 'h3', options: { uppercase: false } },
            { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
          ],
        });
  return trimLineEnds(plain(text).replace(/\u00a0/g, ' '))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Spaces and tabs before each line break removed, in one pass. (The regular expression
 * /[ \t]+\n/g does this in time quadratic in a run of blanks: 100,000 spaces took 17 s.)
 */
export function trimLineEnds(text: string): string {
  let out = '';
  let from = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
    let end = nl;
    while (end > from && (text[end - 1] === ' ' || text[end - 1] === '\t')) end -= 1;
    out += text.slice(from, end) + '\n';
    from = nl + 1;
  }
  return out + text.slice(from);
}

/**
 * How much of a message's body is read: four times what the form takes (HTML markup is more than
 * its text), at least 8 KB. It bounds the work a hostile message can cause (1 MB of blanks opens
 * the form in a few milliseconds); a longer message is said to be longer than what was read.
 */
export function bodyCharsRead(limit: number): number {
  return Math.max(4 * limit, 8 * 1024);
}

export interface MessagePrefill {
  /** The message's text, cut to `limit` characters. Empty when it has none. */
  text: string;
  /** Why the form is as it is: copied, cut, or empty because the message had no text. */
  note: string;
  /** Who wrote it (a person, not a bot), offered as owner. */
  author?: { id: string; name: string };
  /** The message's https link (`linkToMessage`), kept on the record as its source. */
  sourceUrl?: string;
}

/** Only a link to a Teams message is kept as a record's source (records/limits.ts). */
const httpsLink = teamsMessageLinkSchema;

export function prefillFromMessage(payload: unknown, limit: number): MessagePrefill {
  const parsed = messagePayloadSchema.safeParse(payload ?? {});
  const message = parsed.success ? parsed.data : {};
  // Cut before converting: the whole of a huge body is never read, whatever it holds.
  const content = message.body?.content ?? '';
  const read = bodyCharsRead(limit);
  const cut = content.length > read;
  const body = cut ? { ...message.body, content: content.slice(0, read) } : message.body;
  const full = messageText(body, message.mentions ?? []);
  const user = message.from?.user;
  const author = user?.id && user.displayName?.trim() ? { id: user.id, name: user.displayName.trim().slice(0, 200) } : undefined;
  const link = httpsLink.safeParse(message.linkToMessage ?? '');
  const whose = author ? `${author.name}’s message` : 'the message';
  let text = full;
  let note: string;
  if (!full) {
    note = `There was no text to copy from ${whose} (it may be an image, a file or a card), so the form starts empty.`;
  } else if (full.length > limit) {
    text = `${full.slice(0, limit - 1).trimEnd()}…`;
    const n = full.length.toLocaleString('en-GB');
    note = `Copied from ${whose}. It is ${cut ? 'more than ' : ''}${n} characters, so only the first ${limit.toLocaleString('en-GB')} fit: check nothing important was cut.`;
  } else if (cut) {
    note = `Copied from ${whose}. It is too long to read whole, so only its beginning is copied: check nothing important was left out.`;
  } else {
    note = `Copied from ${whose}. Check the wording and the details before you save.`;
  }
  return { text, note, ...(author ? { author } : {}), ...(link.success ? { sourceUrl: link.data } : {}) };
}
