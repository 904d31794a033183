// "escalations Blackpool": what each forum of a place sent up its reporting lines and whether it
// came back. Acknowledging a matter is a command of its meeting (records/escalations.ts), through
// the one change pipeline (bot/change/cardChanges.ts): read → ETag check → rule → one transaction
// with its audit event; a refusal to the wrong person is audited too. The list is drawn again
// after a change, with the typed note kept when it was not saved.
import { noticeCard, type Notice } from '../../cards/commonCards.js';
import { ackNoteId, escalationsCard } from '../../cards/escalationsCard.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { escalationsByForum, linesOfMeeting } from '../../records/escalationList.js';
import { acknowledgedLine, mayAcknowledge, refusedAcknowledgement } from '../../records/escalations.js';
import type { Forum } from '../../records/forum.js';
import { LIMITS } from '../../records/limits.js';
import type { Meeting, MeetingCommand } from '../../records/meeting.js';
import type { Actor } from '../../records/people.js';
import { PLACE_NAMES, placeCodeSchema, placeFromText, type PlaceCode } from '../../records/places.js';
import { parseRef } from '../../records/refs.js';
import { cardRef } from '../change/cardData.js';
import type { RecordCards, VerbTable } from '../change/declarations.js';
import { text } from '../change/forms.js';
import { guardedRoutes } from '../change/guardedRoutes.js';
import type { Mechanics } from '../change/mechanics.js';
import type { BotDeps, Stored } from '../ports.js';
import type { BotRoutes } from '../routes.js';
import { channelIdOf, type Turn } from '../turn.js';
import { MEETING_VERBS } from './meetingVerbs.js';

const REOPEN = 'from “escalations <place>”';
/** The latest meetings a place's list reads, besides every one still waiting for an acknowledgement. */
const MEETINGS_READ = 24;

/** The matter a card's Acknowledge names (its place in the meeting's list), or -1 when the data is not a whole number. */
function matterOf(data: Record<string, unknown>): number {
  const n = typeof data.matter === 'number' ? data.matter : typeof data.matter === 'string' ? Number(data.matter) : NaN;
  return Number.isInteger(n) ? n : -1;
}

/** What was typed on the card; the note itself is read from the matter's own input (its id carries the meeting and matter). */
type AckValues = Record<string, never>;

export class EscalationsFlow {
  constructor(
    private readonly deps: BotDeps,
    private readonly mechanics: Mechanics,
    /** The meeting kind's cards: its rule, noun and what follows a change (its posted copies updated). */
    private readonly meetingCards: RecordCards<'meeting', MeetingCommand, unknown>,
  ) {}

  register(app: BotRoutes): void {
    const routes = guardedRoutes(app, REOPEN);
    routes.readMessage(/^\s*escalations\b(.*)$/i, (context, match) => this.list(context, match[1] ?? ''));
    routes.read('escalations.show', (context, data) => this.list(context, text(data.place).slice(0, 60)));
    this.mechanics.changes.verbs(routes, this.cardsFor({}), this.verbs, { cardsFor: async (data) => this.cardsFor(data) });
  }

  private readonly verbs: VerbTable<'meeting', MeetingCommand, AckValues> = {
    verbs: {
      'meeting.acknowledgeMatter': {
        echo: {},
        // The note from the matter's own input; who receives for its line from the forum as stored now, never the card.
        command: async (_inputs, data) => {
          const { ref } = cardRef(data);
          const matter = matterOf(data);
          return { type: 'acknowledgeMatter', matter, note: text(data[ackNoteId(ref, matter)]), lines: await this.linesOf(ref) };
        },
      },
    },
    changed: MEETING_VERBS.changed,
    saved: { acknowledgeMatter: 'Acknowledged: your note is on the matter, for the forum that sent it.' },
  };

  /** This turn's cards: the meeting's rule and afterwards, drawn as the escalations list with the typed note kept. */
  private cardsFor(data: Record<string, unknown>): RecordCards<'meeting', MeetingCommand, AckValues> {
    const matter = matterOf(data);
    const ref = text(data.ref);
    const note = text(data[ackNoteId(ref, matter)]).slice(0, LIMITS.note);
    const clipped = text(data[ackNoteId(ref, matter)]).length > LIMITS.note;
    return {
      ...(this.meetingCards as RecordCards<'meeting', MeetingCommand, AckValues>),
      reopenHint: REOPEN,
      card: async (stored, actor, extras) => {
        if (!extras.values) return this.draw(stored.record.place, actor, { ...(extras.notice ? { notice: extras.notice } : {}) }, stored);
        // Not saved: if someone acknowledged it meanwhile, say by whom; else keep what was typed.
        const done = stored.record.matters[matter]?.acknowledged;
        const notice: Notice | undefined = done
          ? { text: `Not saved: that matter is already acknowledged. ${acknowledgedLine(done)}`, style: 'warning' }
          : extras.notice && clipped
            ? {
                ...extras.notice,
                text: `${extras.notice.text} Your note was longer than ${LIMITS.note.toLocaleString('en-GB')} characters: the first ones are kept below.`,
              }
            : extras.notice;
        return this.draw(
          stored.record.place,
          actor,
          { ...(notice ? { notice } : {}), kept: { meetingRef: stored.record.ref, index: matter, note } },
          stored,
        );
      },
      // Everyone else's view in a chat: that meeting's matters, read-only, and a button for their own view.
      sharedCard: (stored, notice) =>
        escalationsCard({
          place: stored.record.place,
          forums: escalationsByForum([stored.record], [], this.deps.clock()),
          etags: {},
          mayAcknowledge: () => false,
          notice,
          shared: true,
        }),
      refusedEvent: (record, actor, command, refusal, now) =>
        command.type === 'acknowledgeMatter' && refusal.code === 'WRONG_PERSON'
          ? refusedAcknowledgement(record, actor, command.matter, refusal.message, now)
          : undefined,
    };
  }

  /** The reporting lines a meeting's matters are matched against (its forum's now, then its own); none for a meeting not found. */
  private async linesOf(ref: string) {
    const meeting = parseRef(ref)?.kind === 'meeting' ? await this.deps.records.get('meeting', ref) : undefined;
    if (!meeting) return undefined;
    return linesOfMeeting(meeting.record, await this.forumsOf(meeting.record.place));
  }

  private async forumsOf(place: PlaceCode): Promise<Forum[]> {
    return (await this.deps.records.listByPlace('forum', place)).map((s) => s.record);
  }

  /** "escalations Blackpool", or "escalations" in a place's channel. */
  async list(context: Turn, typed: string): Promise<AdaptiveCardJson> {
    const place =
      placeFromText(typed) ?? placeCodeSchema.safeParse(typed.trim().toUpperCase()).data ?? (await this.channelPlace(context, typed));
    if (!place)
      return noticeCard('Which place?', `Name the place, e.g. “escalations Blackpool”. Places: ${Object.values(PLACE_NAMES).join(', ')}.`);
    if (!(await this.mechanics.audience.maySee(context, place)))
      return noticeCard(`No escalations for ${PLACE_NAMES[place]}`, 'You can see the escalations of the places whose channel you are in.');
    return this.draw(place, await this.mechanics.audience.actor(context, place));
  }

  private async channelPlace(context: Turn, typed: string): Promise<PlaceCode | undefined> {
    if (typed.trim() || context.activity.conversation?.conversationType !== 'channel') return undefined;
    const channelId = channelIdOf(context.activity) ?? context.activity.conversation.id ?? '';
    return channelId ? (await this.deps.places.placeOfChannel(channelId))?.place : undefined;
  }

  /**
   * The list for one person: the place's latest meetings and every one still waiting for an
   * acknowledgement (an index range), with `changed` (just written) in place of its stored copy.
   */
  private async draw(
    place: PlaceCode,
    actor: Actor,
    extras: { notice?: Notice; kept?: { meetingRef: string; index: number; note: string } } = {},
    changed?: Stored<Meeting>,
  ): Promise<AdaptiveCardJson> {
    const [latest, waiting, forums] = await Promise.all([
      this.deps.records.latestMeetings(place, MEETINGS_READ),
      this.deps.records.unacknowledgedMatters(place, '9999'),
      this.forumsOf(place),
    ]);
    const byRef = new Map<string, Stored<Meeting>>();
    for (const s of [...latest.meetings, ...waiting, ...(changed ? [changed] : [])]) byRef.set(s.record.ref, s);
    const meetings = [...byRef.values()];
    const lines = new Map(meetings.map((s) => [s.record.ref, linesOfMeeting(s.record, forums)]));
    const records = new Map(meetings.map((s) => [s.record.ref, s.record]));
    return escalationsCard({
      place,
      forums: escalationsByForum(
        meetings.map((s) => s.record),
        forums,
        this.deps.clock(),
      ),
      etags: Object.fromEntries(meetings.map((s) => [s.record.ref, s.etag])),
      mayAcknowledge: (m) => {
        const matter = records.get(m.meetingRef)?.matters[m.index];
        return !!matter && mayAcknowledge(matter, lines.get(m.meetingRef), actor);
      },
      ...extras,
    });
  }
}
