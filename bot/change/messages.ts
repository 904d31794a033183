// What a person is told when a change or a create could not be saved, one wording each for every
// kind: storage not answering, not confirmed, Teams not saying who is asking, a form without its id.
import { noticeCard } from '../../cards/commonCards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { PLACE_NAMES, type PlaceCode } from '../../records/places.js';
import { storeErrorCode, storeWriteUnconfirmed } from '../ports.js';

export const UNAVAILABLE =
  'The record store is not answering just now, so nothing was saved. Your entries are kept: try again in a minute.';
/** When storage fails before the record could even be read, so there is no card to keep the text on. */
export const UNAVAILABLE_UNREAD = 'The record store is not answering just now, so nothing was saved. Try again in a minute.';
/** For a read (a list, a ref typed in chat) while storage is down. */
export const UNAVAILABLE_READ = 'The record store is not answering just now. Nothing was changed: try again in a minute.';
/**
 * A change was sent but storage did not confirm it in time: it may still be saved. The card's
 * ETag makes repeating it safe: if it did land, the repeat is shown the latest instead.
 */
export const UNCONFIRMED_CHANGE =
  'The record store did not confirm your change in time, so it may not have been saved. Your entry is kept below: submit it again in a minute. If the first one did arrive, you will see it rather than a second copy.';
/** A create was sent but not confirmed: the form's id makes submitting again safe. */
export const UNCONFIRMED_CREATE =
  'The record store did not confirm in time, so this may not have been logged. Your entries are kept: submit the form again in a minute. It can never log twice: if the first one arrived, you will be shown it.';

/** A create when Teams would not say who is asking (bot/teams/viewer.ts): nothing is saved, the entries are kept. */
export const VIEWER_UNCONFIRMED_CREATE =
  'Teams did not say who you are just now, so nothing was saved. Your entries are kept: submit this form again in a minute.';

/** A guest's form for a place whose partnership channel they are not in. */
export function guestElsewhere(place: PlaceCode): string {
  return `As a guest you can record only in the places whose partnership channel you are in, so not in ${PLACE_NAMES[place]}. Nothing was saved.`;
}

/** A form asked for by a guest who is in no place's partnership channel: there is nowhere they may record. */
export function nowhereToRecordCard(): AdaptiveCardJson {
  return noticeCard(
    'Nowhere to record yet',
    'As a guest you can record only in the places whose partnership channel you are in, and you are not in any of them yet. Ask a place admin to add you to its channel.',
  );
}

/**
 * A create submitted without its form's id (an old or altered form): nothing is created, since the
 * id is what makes a resubmit safe and what counts a person's creates. The form comes back with one.
 */
export const NO_FORM_ID =
  'This form came without its form id (it may be an old or altered copy), so nothing was saved. Your entries are kept: submit this form again.';

/** A create's banner when storage failed (not confirmed: resubmitting is safe; or not saved); undefined for any other error. */
export function createFailure(err: unknown): string | undefined {
  if (storeErrorCode(err) !== 'UNAVAILABLE') return undefined;
  return storeWriteUnconfirmed(err) ? UNCONFIRMED_CREATE : UNAVAILABLE;
}
