// The weekly digest card: sections of refs (each opens its record), grouped by place priority,
// with the owners of overdue actions @mentioned so Teams notifies them. Pure: digest in, card out.
import type { Digest } from '../records/digest.js';
import { renderCard, type AdaptiveCardJson } from './render.js';
import { plain, truncate } from './text.js';

/** The verb that opens a record of each kind. */
const OPEN_VERB = { action: 'action.view', risk: 'risk.view', signoff: 'signoff.view', meeting: 'meeting.view' } as const;

/** A name inside <at>…</at> is markdown-rendered by Teams: keep letters, digits, spaces and simple punctuation. */
export function mentionName(name: string): string {
  return truncate(name, 80).replace(/[^\p{L}\p{N} .'’-]/gu, '').trim() || 'Owner';
}

/** Teams mention entities for the card's msteams.entities; the text must appear verbatim in a TextBlock. */
export function mentionEntities(people: Digest['mentions']): { type: 'mention'; text: string; mentioned: { id: string; name: string } }[] {
  return people.map((p) => ({ type: 'mention', text: `<at>${mentionName(p.name)}</at>`, mentioned: { id: p.id, name: mentionName(p.name) } }));
}

export function digestCard(digest: Digest, options: { preview?: boolean } = {}): AdaptiveCardJson {
  const entities = mentionEntities(digest.mentions);
  const card = renderCard('digest', {
    title: plain(digest.title),
    subtitle: digest.subtitle,
    preview: options.preview ? 'Preview: only you can see this. The channel gets the digest on Monday at 09:00 (UK time).' : '',
    quiet: digest.quiet ?? '',
    sections: digest.sections.map((s) => ({
      heading: s.heading,
      total: s.total,
      more: s.more,
      groups: s.groups.map((g) => ({
        label: g.label,
        items: g.items.map((i) => ({
          ref: i.ref,
          verb: OPEN_VERB[i.kind],
          title: truncate(i.title, 160),
          detail: truncate(i.detail, 200),
          note: i.note ? truncate(i.note, 300) : '',
        })),
      })),
    })),
    mentionText: entities.length ? `Owners of overdue actions: ${entities.map((e) => e.text).join(', ')}` : '',
  });
  if (entities.length) card.msteams = { entities };
  return card;
}
