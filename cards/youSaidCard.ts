// "you said we did <place>": what people told us and what we did, newest first, with as many
// entries as fit well under Teams' 40 KB and a line saying how many more. Pure.
import { STATUS_LABELS } from '../records/action.js';
import { PLACE_NAMES, type PlaceCode } from '../records/places.js';
import type { YouSaidEntry } from '../records/youSaid.js';
import { renderCard, type AdaptiveCardJson } from './render.js';
import { plain, truncate } from './text.js';

/** The card's size budget, well under Teams' 40 KB. */
export const YOU_SAID_MAX_BYTES = 36_000;
/** At most this many entries are drawn on one card; fewer if they would not fit. */
export const YOU_SAID_SHOWN = 40;

function render(place: PlaceCode, entries: readonly YouSaidEntry[], shown: number): AdaptiveCardJson {
  const name = PLACE_NAMES[place];
  const list = entries.slice(0, shown);
  const done = entries.filter((e) => e.weDid).length;
  const more = entries.length - list.length;
  const count = `${entries.length} ${entries.length === 1 ? 'thing' : 'things'} people told us`;
  return renderCard('youSaid', {
    speak: `${name}: you said, we did. ${count}, ${done} with what we did.${more > 0 ? ` ${list.length} shown, ${more} more not shown.` : ''}`,
    heading: `${name}: you said, we did (${count}, ${done} done)`,
    empty: `No actions in ${name} carry “You said” yet. Add what people told us on the log-action form.`,
    items: list.map((e) => ({
      ref: e.ref,
      youSaid: truncate(plain(e.youSaid), 600),
      weDid: e.weDid ? truncate(plain(e.weDid), 600) : 'Not yet',
      owner: plain(e.owner),
      status: STATUS_LABELS[e.status],
    })),
    more: more > 0 ? `And ${more} more not shown. The board pack's action log (“board pack ${name}”) has them all.` : '',
  });
}

/** The card, with as many entries as fit within YOU_SAID_MAX_BYTES. */
export function youSaidCard(place: PlaceCode, entries: readonly YouSaidEntry[]): AdaptiveCardJson {
  let shown = Math.min(entries.length, YOU_SAID_SHOWN);
  let card = render(place, entries, shown);
  while (shown > 0 && Buffer.byteLength(JSON.stringify(card)) > YOU_SAID_MAX_BYTES) card = render(place, entries, --shown);
  return card;
}
