// The weekly digest card: sections of refs (each opens its record), grouped by place priority,
// with the owners of overdue actions @mentioned so Teams notifies them. Pure: digest in, card out.
import { VIEW_VERB } from './kindCards.js';
import type { Digest } from '../records/digest.js';
import { renderCard, type AdaptiveCardJson } from './render.js';
import { chartBlock, overdueBar, ragDonut, ragWords, weekTick, type ChartElement } from './charts.js';
import { plain, speech, truncate } from './text.js';

/** The verb that opens a record of each kind. */
const OPEN_VERB = VIEW_VERB;

/** A name inside <at>…</at> is markdown-rendered by Teams: keep letters, digits, spaces and simple punctuation. */
export function mentionName(name: string): string {
  return (
    truncate(name, 80)
      .replace(/[^\p{L}\p{N} .'’-]/gu, '')
      .trim() || 'Owner'
  );
}

/** Teams mention entities for the card's msteams.entities; the text must appear verbatim in a TextBlock. */
export function mentionEntities(people: Digest['mentions']): { type: 'mention'; text: string; mentioned: { id: string; name: string } }[] {
  return people.map((p) => ({
    type: 'mention',
    text: `<at>${mentionName(p.name)}</at>`,
    mentioned: { id: p.id, name: mentionName(p.name) },
  }));
}

export function digestCard(digest: Digest, options: { preview?: boolean } = {}): AdaptiveCardJson {
  const entities = mentionEntities(digest.mentions);
  const charts = digestCharts(digest);
  const card = renderCard('digest', {
    speak: speech(
      plain(digest.title),
      digest.subtitle,
      options.preview && 'Preview: only you can see this',
      digest.quiet,
      charts.summary,
      digest.sections.length > 0 && digest.sections.map((s) => `${s.heading}: ${s.total}`).join('; '),
    ),
    charts: chartBlock(charts.summary, charts.elements),
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

/** The digest's charts (open actions by RAG, overdue actions by week) and one line saying the same. */
function digestCharts(digest: Digest): { summary: string; elements: ChartElement[] } {
  const c = digest.charts;
  if (!c) return { summary: '', elements: [] };
  const open = c.openByRag.reduce((n, r) => n + r.count, 0);
  const overdue = c.overdueByWeek.reduce((n, w) => n + w.count, 0) + c.overdueEarlier;
  if (open === 0) return { summary: '', elements: [] };
  const worst = [...c.overdueByWeek].sort((a, b) => b.count - a.count)[0];
  const summary = [
    `Open actions: ${open} (${ragWords(c.openByRag)})`,
    overdue > 0 && `Overdue: ${overdue}`,
    worst && worst.count > 0 && `Most fell due in the week of ${weekTick(worst.weekOf).replace('w/c ', '')} (${worst.count})`,
    c.overdueEarlier > 0 && `${c.overdueEarlier} fell due more than ${c.overdueByWeek.length} weeks ago`,
  ]
    .filter(Boolean)
    .join('. ');
  const elements = [ragDonut('Open actions by RAG', c.openByRag)];
  if (overdue > 0)
    elements.push(overdueBar(`Overdue actions by the week they fell due (last ${c.overdueByWeek.length} weeks)`, c.overdueByWeek));
  return { summary: `${summary}.`, elements };
}
