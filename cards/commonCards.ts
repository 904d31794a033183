import { renderCard, type AdaptiveCardJson } from './render.js';
import { speech } from './text.js';
import { PLACE_CODES, PLACE_NAMES, type PlaceCode } from '../records/places.js';

export type NoticeStyle = 'good' | 'attention' | 'warning' | 'accent' | 'default';
/** A line of news on a card: what just happened, or why it did not. */
export interface Notice {
  text: string;
  style: NoticeStyle;
}

/** Where a prefilled form came from (e.g. a Teams message): shown as a link and carried in the submit data. */
export interface FormSource {
  url: string;
  label: string;
}

/** The form's `source` binding: empty strings hide the line. */
export function sourceBinding(source: FormSource | undefined): FormSource {
  return source ? { url: source.url, label: source.label.slice(0, 200) } : { url: '', label: '' };
}

export function helpCard(notice = ''): AdaptiveCardJson {
  const card = renderCard('help', { notice, speak: '' });
  // The commands are read from the card itself, so what is spoken stays what the help card lists.
  const commands = factTitles(card);
  card.speak = speech(
    'Place Partnership bot help',
    notice,
    'I keep the action logs, risk registers and sign-offs of the four place-based partnerships',
    commands.length ? `Type one of: ${commands.join(', ')}` : '',
  );
  return card;
}

/** A short message with a way back to help: for errors and dead ends. */
export function noticeCard(heading: string, message: string): AdaptiveCardJson {
  return renderCard('notice', { heading, message, speak: speech(heading, message) });
}

function factTitles(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(factTitles);
  if (!node || typeof node !== 'object') return [];
  const n = node as { type?: string; facts?: { title?: string }[] };
  if (n.type === 'FactSet' && n.facts) return n.facts.map((f) => f.title ?? '').filter(Boolean);
  return Object.values(n).flatMap(factTitles);
}

/** A form's place choices: every place, or only those the person may record in (a guest's: records/access.ts). */
export function placeChoices(places: readonly PlaceCode[] = PLACE_CODES): { title: string; value: PlaceCode }[] {
  return places.map((code) => ({ title: PLACE_NAMES[code], value: code }));
}

/** For a button this version of the app does not know: an old card, or one edited by hand. */
export function outOfDateCard(): AdaptiveCardJson {
  return noticeCard('This card is out of date', 'That button is from an older version of the app. Type “help” to see what I can do now.');
}

/** A button that runs a card verb (Universal Actions), with Action.Submit as its fallback for clients without them. */
export const execute = (title: string, verb: string, data: Record<string, unknown> = {}) => ({
  type: 'Action.Execute',
  title,
  verb,
  data: { verb, ...data },
  fallback: { type: 'Action.Submit', title, data: { verb, ...data } },
});
