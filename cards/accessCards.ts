// What a person is told when records/access.ts keeps a place's records from them (a guest asking
// for another place), or when Teams would not say who they are. Plain notices, with the same
// words spoken as shown.
import { PLACE_NAMES, type PlaceCode } from '../records/places.js';
import { noticeCard } from './commonCards.js';
import type { AdaptiveCardJson } from './render.js';

const GUEST_RULE = 'As a guest you can see only the places whose partnership channel you are in';

function spoken(heading: string, message: string): AdaptiveCardJson {
  return { ...noticeCard(heading, message), speak: `${heading}. ${message}` };
}

/** A guest asked for a register (of `place`, or any) they may not see; names the places they can. */
export function registerNotVisibleCard(place: PlaceCode | undefined, visible: readonly PlaceCode[]): AdaptiveCardJson {
  const which = visible.length ? ` You can see: ${visible.map((p) => PLACE_NAMES[p]).join(', ')}.` : '';
  const asked = place ? `the ${PLACE_NAMES[place]} risk register` : 'a risk register';
  return spoken('No register to show', `${GUEST_RULE}, so not ${asked}.${which}`);
}

/** A guest asked for the digest preview of a place (or any) they may not see. */
export function previewNotVisibleCard(place?: PlaceCode): AdaptiveCardJson {
  const of = place ? `${PLACE_NAMES[place]}’s digest` : 'a digest';
  return spoken('No digest to preview', `${GUEST_RULE}, so not ${of}.`);
}

/** Teams did not answer who is asking, so nothing is shown (never a member by default). */
export function viewerUnconfirmedCard(): AdaptiveCardJson {
  return spoken(
    'Could not check who you are',
    'Teams did not answer when I asked who you are, so I cannot show you records just now. Nothing was changed: try again in a minute.',
  );
}

/** A guest asked for the meetings of a place whose channel they are not in. */
export function meetingsNotVisibleCard(place: PlaceCode): AdaptiveCardJson {
  return noticeCard(
    'No meetings to show',
    `As a guest you can see only the places whose partnership channel you are in, so not ${PLACE_NAMES[place]}’s meetings.`,
  );
}
