// Place setup cards: the overview of the places a person administers (personal chat), the choice of
// place (a channel not linked yet), and the settings form for one place. Pure: data in, card out.
import { formatInstant } from '../records/dates.js';
import type { Person } from '../records/people.js';
import type { PlaceSettings } from '../records/placeSettings.js';
import { LANCASHIRE_LOCALITIES, PLACE_NAMES, type PlaceCode } from '../records/places.js';
import type { Notice } from './commonCards.js';
import { renderCard, type AdaptiveCardJson } from './render.js';
import { plain, speech, truncate } from './text.js';

export const SETUP_FIELDS = ['locality', 'chairs', 'approvers', 'admins', 'threshold', 'marking', 'digest'] as const;
export type SetupField = (typeof SETUP_FIELDS)[number];
export type SetupValues = Partial<Record<SetupField | 'place', string>>;

/** A linked channel as setup shows it. */
export interface ChannelStatus {
  name: string;
  stopped?: { at: string; reason: string };
}

export interface PlaceOverview {
  settings: PlaceSettings;
  channels: ChannelStatus[];
  canChange: boolean;
}

const names = (people: Person[]) => (people.length ? people.map((p) => plain(p.name)).join(', ') : 'nobody yet');

function facts(o: PlaceOverview) {
  const s = o.settings;
  const channels = o.channels.length
    ? o.channels
        .map((c) =>
          c.stopped
            ? `${plain(c.name)} (digest stopped ${formatInstant(c.stopped.at)}: ${truncate(c.stopped.reason, 160)})`
            : plain(c.name),
        )
        .join('; ')
    : 'none linked: post “setup” in the place’s channel';
  return [
    { title: 'Chairs', value: names(s.chairs) },
    { title: 'Approvers', value: names(s.approvers) },
    { title: 'Admins', value: names(s.admins) },
    { title: 'Escalation', value: `risks scoring ${s.escalationThreshold} or more` },
    { title: 'Protective marking', value: `${plain(s.marking)} (printed on every board pack page)` },
    { title: 'Weekly digest', value: s.digestEnabled ? 'on, Mondays 09:00 UK time' : 'off' },
    { title: 'Channels', value: channels },
  ];
}

const base = {
  speak: '',
  notice: '',
  noticeStyle: 'default',
  intro: '',
  overview: [] as unknown[],
  choose: [] as unknown[],
  form: false,
  values: { place: '' },
  errors: {},
  people: [] as Person[],
  localities: [] as unknown[],
  etag: '',
  channelId: '',
  peopleJson: '[]',
  linked: false,
};

export function setupOverviewCard(places: PlaceOverview[], notice?: Notice): AdaptiveCardJson {
  return renderCard('setup', {
    ...base,
    speak: speech(
      'Place setup',
      notice?.text,
      places.length
        ? `The places you administer: ${places.map((o) => plain(o.settings.displayName)).join(', ')}`
        : 'You administer no places',
      ...places.flatMap((o) => o.channels.filter((c) => c.stopped).map((c) => `The digest to ${plain(c.name)} has stopped`)),
    ),
    heading: 'Place setup',
    ...(notice ? { notice: notice.text, noticeStyle: notice.style } : {}),
    intro: 'The places you administer. To link a channel, post “setup” there and mention the bot.',
    overview: places.map((o) => ({
      place: o.settings.place,
      name: plain(o.settings.displayName),
      facts: facts(o),
      canChange: o.canChange,
    })),
  });
}

export function setupChooserCard(places: PlaceCode[], channelName: string): AdaptiveCardJson {
  return renderCard('setup', {
    ...base,
    speak: speech(
      'Set up this channel',
      `Which place is ${plain(channelName)} for? Choose one of: ${places.map((p) => PLACE_NAMES[p]).join(', ')}`,
    ),
    heading: 'Set up this channel',
    intro: `Which place is “${plain(channelName)}” for? It will get that place’s weekly digest.`,
    choose: places.map((p) => ({ place: p, name: PLACE_NAMES[p] })),
  });
}

export interface SetupFormInput {
  place: PlaceCode;
  etag: string;
  people: Person[];
  values: SetupValues;
  errors?: Partial<Record<SetupField, string>>;
  notice?: Notice;
  /** In a channel: the channel being linked. */
  channel?: { id: string; name: string; linked: boolean };
}

export function setupFormCard(input: SetupFormInput): AdaptiveCardJson {
  const { place, channel } = input;
  const values = Object.fromEntries([...SETUP_FIELDS, 'place'].map((f) => [f, plain(input.values[f as SetupField] ?? '')]));
  values.place = place;
  const heading = channel ? `Set up ${PLACE_NAMES[place]} in this channel` : `Settings for ${PLACE_NAMES[place]}`;
  const card = renderCard('setup', {
    ...base,
    speak: speech(`${heading}: a form`, input.notice?.text, ...SETUP_FIELDS.map((f) => input.errors?.[f])),
    heading,
    ...(input.notice ? { notice: input.notice.text, noticeStyle: input.notice.style } : {}),
    intro: channel
      ? `Saving links “${plain(channel.name)}” to ${PLACE_NAMES[place]}: it gets the place's weekly digest every Monday at 09:00 (UK time).`
      : 'Chairs and named approvers decide sign-offs; admins may change these settings.',
    form: true,
    values,
    errors: Object.fromEntries(SETUP_FIELDS.map((f) => [f, input.errors?.[f] ?? ''])),
    people: input.people.map((p) => ({ id: p.id, name: plain(p.name) })),
    localities: LANCASHIRE_LOCALITIES.map((l) => ({ title: l, value: l })),
    etag: input.etag,
    // Only for showing "Stop the digest in this channel": the channel acted on is always the activity's.
    channelId: channel?.id ?? '',
    peopleJson: JSON.stringify(input.people.slice(0, 100).map((p) => ({ id: p.id, name: truncate(p.name, 200) }))),
    linked: channel?.linked ?? false,
  });
  // The place's forums (their chairs, rhythms, reporting lines), added and changed from their own cards.
  const forums = `Forums of ${PLACE_NAMES[place]}`;
  const data = { verb: 'forum.list', place };
  const list = {
    type: 'Action.Execute',
    title: forums,
    verb: 'forum.list',
    data,
    fallback: { type: 'Action.Submit', title: forums, data },
  };
  return { ...card, actions: [...((card.actions as unknown[] | undefined) ?? []), list] };
}
