// Place setup in chat (`setup`) and `digest preview`. In a team channel an admin links the channel
// to a place and names its chairs, approvers and admins; in personal chat an admin sees the places
// they administer and may change them. Settings writes are ETag-checked and audited (PlaceStore).
import { z } from 'zod';
import { previewNotVisibleCard } from '../../cards/accessCards.js';
import { noticeCard } from '../../cards/commonCards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { setupChooserCard, setupFormCard, setupOverviewCard, type SetupField, type SetupValues } from '../../cards/setupCard.js';
import { formatInstant } from '../../records/dates.js';
import type { Person } from '../../records/people.js';
import { DEFAULT_ESCALATION_THRESHOLD, DEFAULT_MARKING, type PlaceSettings } from '../../records/placeSettings.js';
import { localitySchema, PLACE_CODES, PLACE_NAMES, placeCodeSchema, type PlaceCode } from '../../records/places.js';
import { nextDigestTime } from '../../records/schedule.js';
import type { CardChanges } from '../change/cardChanges.js';
import type { Mechanics } from '../change/mechanics.js';
import type { Audience } from '../change/audience.js';
import { guard } from '../change/guardedRoutes.js';
import { peopleHere, resolvePerson, teamChannels } from '../teams/members.js';
import type { BotDeps, SetupDeps, Stored } from '../ports.js';
import { within } from '../change/timeBound.js';
import { sendCard, speaker, teamIdOf, type Turn } from '../turn.js';
import type { BotRoutes } from '../routes.js';

const STALE =
  'Someone else changed these settings while you had the card open, so nothing was saved. Here are the latest; your entries are kept.';

const idList = (v: unknown) =>
  (typeof v === 'string' ? v : '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, 60);

// The channel is never read from the card's data: it is the channel the card was pressed in
// (the activity's channelData), so a forged or copied card cannot link another channel.
const submittedSchema = z.object({
  place: placeCodeSchema,
  etag: z.string().max(200).default(''),
  people: z.string().max(40_000).default('[]'),
});

/** The channel a message came from (its root, not the thread), when it is a team channel. */
export function channelOf(context: Turn): { id: string; name: string } | undefined {
  const a = context.activity;
  if (a.conversation?.conversationType !== 'channel') return undefined;
  const data = a.channelData as { channel?: { id?: string; name?: string } } | undefined;
  const id = data?.channel?.id || a.conversation.id.split(';')[0]!;
  return { id, name: data?.channel?.name || a.conversation.name || '' };
}

const CHANNEL_LOOKUP_MS = 1500;

/** The channel with its name: Teams often leaves the name out of the activity, so ask for the team's channels (bounded in time). */
async function namedChannelOf(context: Turn): Promise<{ id: string; name: string } | undefined> {
  const channel = channelOf(context);
  if (!channel || channel.name) return channel;
  try {
    const channels = await within(teamChannels(context), CHANNEL_LOOKUP_MS, () => undefined);
    if (!channels) return { id: channel.id, name: 'Partnership channel' };
    const found = channels.find((c) => c.id === channel.id);
    const team = teamIdOf(context.activity);
    return { id: channel.id, name: found?.name || (channel.id === team ? 'General' : 'Partnership channel') };
  } catch {
    return { id: channel.id, name: 'Partnership channel' };
  }
}

export class SetupFlow {
  private readonly changes: CardChanges;
  private readonly audience: Audience;
  constructor(
    private readonly deps: BotDeps,
    private readonly setup: SetupDeps,
    mechanics: Mechanics,
  ) {
    ({ changes: this.changes, audience: this.audience } = mechanics);
  }

  register(app: BotRoutes): void {
    app.message(/^\s*setup\s*$/i, async (context) => sendCard(context, await this.guard(() => this.start(context))));
    app.message(/^\s*digest\s+preview\s*$/i, async (context) => sendCard(context, await this.guard(() => this.previewStart(context))));
    app.cardVerb('setup.open', (context, data) => this.guard(() => this.open(context, placeCodeSchema.parse(data.place))));
    app.cardVerb('setup.save', (context, data) => this.guard(() => this.save(context, data)));
    app.cardVerb('setup.unlink', (context, data) => this.guard(() => this.unlink(context, data)));
    app.cardVerb('digest.preview', (context, data) => this.guard(() => this.preview(context, placeCodeSchema.parse(data.place))));
  }

  private guard(run: () => Promise<AdaptiveCardJson>): Promise<AdaptiveCardJson> {
    return guard('by posting “setup” again', run);
  }

  private async all(): Promise<Map<PlaceCode, Stored<PlaceSettings>>> {
    const found = await Promise.all(PLACE_CODES.map(async (p) => [p, await this.setup.settings.get(p)] as const));
    return new Map(found.filter((f): f is readonly [PlaceCode, Stored<PlaceSettings>] => !!f[1]));
  }

  private bootstrap(person: Person): boolean {
    return this.setup.setupAdminIds.includes(person.id);
  }

  /** Places this person may set up: those they administer, or all of them if listed in SETUP_ADMIN_IDS. */
  private allowed(person: Person, all: Map<PlaceCode, Stored<PlaceSettings>>): PlaceCode[] {
    if (this.bootstrap(person)) return [...PLACE_CODES];
    return PLACE_CODES.filter((p) => all.get(p)?.record.admins.some((a) => a.id === person.id));
  }

  private refusal(all: Map<PlaceCode, Stored<PlaceSettings>>): AdaptiveCardJson {
    const byAdmin = new Map<string, { name: string; places: string[] }>();
    for (const [place, s] of all) {
      for (const a of s.record.admins) {
        const entry = byAdmin.get(a.id) ?? { name: a.name, places: [] };
        entry.places.push(PLACE_NAMES[place]);
        byAdmin.set(a.id, entry);
      }
    }
    const who = [...byAdmin.values()].map((a) => `${a.name} (${a.places.join(', ')})`).join('; ');
    return noticeCard(
      'Only a place’s admins can set it up',
      who
        ? `You are not an admin of any place. Ask: ${who}.`
        : 'No place has admins yet. Someone listed in the SETUP_ADMIN_IDS setting must set up the first place.',
    );
  }

  private placeOfChannel(all: Map<PlaceCode, Stored<PlaceSettings>>, channelId: string): PlaceCode | undefined {
    return [...all].find(([, s]) => s.record.channels.some((c) => c.id === channelId))?.[0];
  }

  /** A channel is linked to one place: setting up another place in it is refused, naming the place it is linked to. */
  private linkedElsewhere(context: Turn, all: Map<PlaceCode, Stored<PlaceSettings>>, place: PlaceCode): AdaptiveCardJson | undefined {
    const channel = channelOf(context);
    const linked = channel ? this.placeOfChannel(all, channel.id) : undefined;
    if (!linked || linked === place) return undefined;
    return noticeCard(
      'This channel is linked to another place',
      `This channel is already linked to ${PLACE_NAMES[linked]}, so it cannot also be set up for ${PLACE_NAMES[place]}. To move it, an admin of ${PLACE_NAMES[linked]} stops its digest here first; or set up ${PLACE_NAMES[place]} in its own channel.`,
    );
  }

  async start(context: Turn): Promise<AdaptiveCardJson> {
    const me = speaker(context);
    const all = await this.all();
    const allowed = this.allowed(me, all);
    if (allowed.length === 0) return this.refusal(all);
    const channel = await namedChannelOf(context);
    if (channel) {
      const linked = this.placeOfChannel(all, channel.id);
      if (linked && allowed.includes(linked)) return this.form(context, linked, all.get(linked));
      if (linked) return this.refusal(new Map([[linked, all.get(linked)!]]));
      return allowed.length === 1 ? this.form(context, allowed[0]!, all.get(allowed[0]!)) : setupChooserCard(allowed, channel.name);
    }
    return this.overview(me, all, allowed);
  }

  private async overview(
    me: Person,
    all: Map<PlaceCode, Stored<PlaceSettings>>,
    allowed: PlaceCode[],
    notice?: { text: string; style: 'good' },
  ): Promise<AdaptiveCardJson> {
    const overview = await Promise.all(
      allowed.map(async (p) => {
        const stored = all.get(p);
        const settings: PlaceSettings = stored?.record ?? emptySettings(p);
        const refs = await this.setup.settings.listChannelReferences(p);
        const channels = settings.channels.map((c) => {
          const ref = refs.find((r) => r.channelId === c.id);
          return { name: c.locality ? `${c.name} (${c.locality})` : c.name, ...(ref?.stopped ? { stopped: ref.stopped } : {}) };
        });
        return { settings, channels, canChange: this.bootstrap(me) || settings.admins.some((a) => a.id === me.id) };
      }),
    );
    return setupOverviewCard(overview, notice);
  }

  async open(context: Turn, place: PlaceCode): Promise<AdaptiveCardJson> {
    const all = await this.all();
    if (!this.allowed(speaker(context), all).includes(place)) return this.refusal(all);
    return this.linkedElsewhere(context, all, place) ?? this.form(context, place, all.get(place));
  }

  private async form(
    context: Turn,
    place: PlaceCode,
    stored: Stored<PlaceSettings> | undefined,
    extra: {
      values?: SetupValues;
      errors?: Partial<Record<SetupField, string>>;
      notice?: { text: string; style: 'attention' | 'warning' | 'good' };
      people?: Person[];
    } = {},
  ): Promise<AdaptiveCardJson> {
    const s = stored?.record ?? emptySettings(place);
    const known = channelOf(context);
    const linkedName = known ? s.channels.find((c) => c.id === known.id)?.name : undefined;
    const channel = known && linkedName ? { ...known, name: linkedName } : await namedChannelOf(context);
    const people = mergePeople(extra.people ?? (await peopleHere(context)), [...s.chairs, ...s.approvers, ...s.admins]);
    const linkedHere = channel ? s.channels.find((c) => c.id === channel.id) : undefined;
    const values: SetupValues = extra.values ?? {
      place,
      locality: linkedHere?.locality ?? '',
      chairs: s.chairs.map((p) => p.id).join(','),
      approvers: s.approvers.map((p) => p.id).join(','),
      admins: (s.admins.length ? s.admins : [speaker(context)]).map((p) => p.id).join(','),
      threshold: String(s.escalationThreshold),
      marking: s.marking,
      digest: String(s.digestEnabled),
    };
    return setupFormCard({
      place,
      etag: stored?.etag ?? '',
      people,
      values,
      ...(extra.errors ? { errors: extra.errors } : {}),
      ...(extra.notice ? { notice: extra.notice } : {}),
      ...(channel ? { channel: { ...channel, linked: !!linkedHere } } : {}),
    });
  }

  async save(context: Turn, data: Record<string, unknown>): Promise<AdaptiveCardJson> {
    const me = speaker(context);
    const now = this.deps.clock();
    const sub = submittedSchema.parse(data);
    const all = await this.all();
    if (!this.allowed(me, all).includes(sub.place)) return this.refusal(all);
    const elsewhere = this.linkedElsewhere(context, all, sub.place);
    if (elsewhere) return elsewhere;
    const current = all.get(sub.place);
    const values: SetupValues = {
      place: sub.place,
      locality: str(data.locality),
      chairs: str(data.chairs),
      approvers: str(data.approvers),
      admins: str(data.admins),
      threshold: str(data.threshold),
      marking: str(data.marking),
      digest: str(data.digest) || 'false',
    };
    // Names come from the speaker, these settings or Teams' member look-up, never from the
    // `people` the card sends back (a client can write any name there).
    const settled = mergePeople([me], current ? [...current.record.chairs, ...current.record.approvers, ...current.record.admins] : []);
    const chosen = [...new Set([values.chairs, values.approvers, values.admins].flatMap(idList))];
    const named = new Map(await Promise.all(chosen.map(async (id) => [id, await resolvePerson(context, id, settled)] as const)));
    const known = mergePeople(settled, [...named.values()]);
    const person = (id: string): Person => named.get(id) ?? { id, name: 'Person chosen in Teams' };
    const errors: Partial<Record<SetupField, string>> = {};
    const admins = idList(values.admins).map(person);
    if (admins.length === 0) errors.admins = 'Name at least one admin, so someone can change these settings.';
    const locality = values.locality ? localitySchema.safeParse(values.locality) : undefined;
    if (locality && !locality.success) errors.locality = 'Choose Central, North or East, or leave it empty for the whole place.';
    if (sub.place !== 'LAN' && values.locality) errors.locality = 'Only Lancashire has localities.';
    // The shared change path's ETag check and write failures (bot/change/cardChanges.ts); the settings are written by their own store.
    return this.changes.checkedWrite({
      cardEtag: sub.etag,
      current,
      stale: STALE,
      reread: () => this.setup.settings.get(sub.place),
      again: (latest, notice) => this.form(context, sub.place, latest, { values, people: known, notice }),
      write: async () => {
        if (Object.keys(errors).length) {
          return this.form(context, sub.place, current, {
            values,
            errors,
            people: known,
            notice: { text: 'Some settings need attention; nothing was saved.', style: 'attention' },
          });
        }
        const base = current?.record ?? emptySettings(sub.place);
        // The channel pressed in (from the activity); its name as already linked, else as Teams gives it.
        const here = channelOf(context);
        const linkedName = here ? base.channels.find((c) => c.id === here.id)?.name : undefined;
        const channel = here && linkedName ? { ...here, name: linkedName } : await namedChannelOf(context);
        const channels = channel
          ? [
              ...base.channels.filter((c) => c.id !== channel.id),
              { id: channel.id, name: channel.name, ...(locality?.success ? { locality: locality.data } : {}) },
            ]
          : base.channels;
        const result = await this.setup.settings.putAudited(
          {
            ...base,
            chairs: idList(values.chairs).map(person),
            approvers: idList(values.approvers).map(person),
            admins,
            escalationThreshold: (values.threshold === '' ? DEFAULT_ESCALATION_THRESHOLD : values.threshold) as number, // coerced and checked by the schema
            digestEnabled: values.digest === 'true',
            marking: values.marking, // upper-cased, bounded and checked by the schema; empty is OFFICIAL
            channels,
          },
          current?.etag,
          me,
          now,
        );
        if (!result.ok) {
          const fieldErrors: Partial<Record<SetupField, string>> = {};
          for (const [k, v] of Object.entries(result.fieldErrors))
            fieldErrors[(k === 'escalationThreshold' ? 'threshold' : k) as SetupField] = v;
          return this.form(context, sub.place, current, {
            values,
            errors: fieldErrors,
            people: known,
            notice: { text: result.message, style: 'attention' },
          });
        }
        let text = `${PLACE_NAMES[sub.place]} is set up. Saved by ${me.name}.`;
        if (channel) {
          const here = context.conversationReference();
          const reference = { ...here, conversation: { ...(here.conversation as Record<string, unknown>), id: channel.id } };
          await this.setup.settings.saveChannelReference(sub.place, channel.id, reference, now);
          text = result.stored.record.digestEnabled
            ? `This channel is linked to ${PLACE_NAMES[sub.place]}. Its weekly digest comes every Monday at 09:00 (UK time); the first on ${formatInstant(nextDigestTime(now).toISOString())}.`
            : `This channel is linked to ${PLACE_NAMES[sub.place]}. The weekly digest is off for this place, so none will come until an admin turns it on.`;
        }
        return this.form(context, sub.place, result.stored, { people: known, notice: { text, style: 'good' } });
      },
    });
  }

  /** Stops the digest in this channel: it is removed from the place's channels and the reference is marked stopped. */
  async unlink(context: Turn, data: Record<string, unknown>): Promise<AdaptiveCardJson> {
    const me = speaker(context);
    const { place } = z.object({ place: placeCodeSchema }).parse(data);
    const all = await this.all();
    if (!this.allowed(me, all).includes(place)) return this.refusal(all);
    const current = all.get(place);
    if (!current) return noticeCard('Nothing to stop', `${PLACE_NAMES[place]} is not set up.`);
    // The channel pressed in, never one named in the card's data.
    const channelId = channelOf(context)?.id;
    if (!channelId || !current.record.channels.some((c) => c.id === channelId)) {
      return noticeCard(
        'Stop the digest from its channel',
        `Post “setup” in the channel whose ${PLACE_NAMES[place]} digest you want to stop, and press “Stop the digest in this channel” there.`,
      );
    }
    const now = this.deps.clock();
    const result = await this.setup.settings.putAudited(
      { ...current.record, channels: current.record.channels.filter((c) => c.id !== channelId) },
      current.etag,
      me,
      now,
    );
    if (!result.ok) return noticeCard('Not saved', result.message);
    await this.setup.settings.stopChannel(place, channelId, `unlinked by ${me.name}`, now);
    return noticeCard(
      'Digest stopped in this channel',
      `This channel is no longer linked to ${PLACE_NAMES[place]} and gets no more digests. Post “setup” here to link it again.`,
    );
  }

  async previewStart(context: Turn): Promise<AdaptiveCardJson> {
    const all = await this.all();
    const channel = channelOf(context);
    if (channel) {
      const place = this.placeOfChannel(all, channel.id);
      if (!place)
        return noticeCard('This channel is not linked to a place', 'A place admin can link it: post “setup” here and mention the bot.');
      if (!(await this.audience.maySee(context, place))) return previewNotVisibleCard(place);
      // In a channel the answer to a button goes to the person who pressed it only.
      return noticeCardWithPreview(place);
    }
    if (all.size === 0) return noticeCard('No place is set up yet', 'A place admin sets up a place with “setup”.');
    // A guest is offered only the places whose channel they are in (records/access.ts).
    const visible = (
      await this.audience.visible(
        context,
        [...all.keys()].map((place) => ({ record: { place } })),
      )
    ).map((v) => v.record.place);
    if (visible.length === 0) return previewNotVisibleCard();
    return previewChooser(visible);
  }

  async preview(context: Turn, place: PlaceCode): Promise<AdaptiveCardJson> {
    const stored = await this.setup.settings.get(place);
    if (!stored) return noticeCard(`${PLACE_NAMES[place]} is not set up`, 'A place admin sets it up with “setup”.');
    if (!(await this.audience.maySee(context, place))) return previewNotVisibleCard(place);
    const channel = channelOf(context);
    const channelId = channel && stored.record.channels.some((c) => c.id === channel.id) ? channel.id : undefined;
    return this.setup.previewDigest(stored.record, channelId, this.deps.clock());
  }
}

function emptySettings(place: PlaceCode): PlaceSettings {
  return {
    place,
    displayName: PLACE_NAMES[place],
    chairs: [],
    approvers: [],
    admins: [],
    channels: [],
    escalationThreshold: DEFAULT_ESCALATION_THRESHOLD,
    defaultAppetite: { level: 'cautious', toleratedScore: 12 },
    digestEnabled: true,
    marking: DEFAULT_MARKING,
  };
}

function mergePeople(...lists: Person[][]): Person[] {
  const seen = new Map<string, Person>();
  for (const list of lists) for (const p of list) if (!seen.has(p.id)) seen.set(p.id, { id: p.id, name: p.name });
  return [...seen.values()];
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function previewChooser(places: PlaceCode[]): AdaptiveCardJson {
  return choiceCard('Digest preview', 'Which place’s next digest would you like to see? Only you see the preview.', places);
}

function noticeCardWithPreview(place: PlaceCode): AdaptiveCardJson {
  return choiceCard('Digest preview', `See what ${PLACE_NAMES[place]}’s next digest will contain. The preview opens for you only.`, [
    place,
  ]);
}

function choiceCard(heading: string, message: string, places: PlaceCode[]): AdaptiveCardJson {
  const card = noticeCard(heading, message);
  card.actions = places.map((place) => {
    const data = { verb: 'digest.preview', place };
    const title = places.length === 1 ? 'Show me the preview' : PLACE_NAMES[place];
    return { type: 'Action.Execute', title, verb: 'digest.preview', data, fallback: { type: 'Action.Submit', title, data } };
  });
  return card;
}
