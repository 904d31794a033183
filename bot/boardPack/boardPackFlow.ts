// `board pack <place>`: a place's chair or admin has its action log, risk register and board pack
// made as files, delivered as Teams allows. In personal chat: a consent card per file; once the
// person allows one, it is made and uploaded to the URL Teams gives (their OneDrive), then shown
// as a file card. Elsewhere (group chats, channels), where a bot cannot attach files: download
// links served by the app (functions/files.ts) that work for that person only, for 15 minutes.
import { z } from 'zod';
import {
  boardPackCard,
  consentAnsweredCard,
  fileConsentAttachment,
  fileInfoAttachment,
  PACK_FILE_LABELS,
} from '../../cards/boardPackCards.js';
import { noticeCard } from '../../cards/commonCards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { forumRefSchema } from '../../records/meeting.js';
import { forumOfMeeting } from '../../records/meetingForum.js';
import { mayMakeBoardPack, type PackForum, type PackPermission } from '../../records/packAccess.js';
import { PACK_FILE_KINDS, type PackFileKind } from '../../records/pack/packFiles.js';
import { PLACE_CODES, PLACE_NAMES, placeFromText, placeCodeSchema, type PlaceCode } from '../../records/places.js';
import { withStorageDeadline } from '../ports.js';
import { UNAVAILABLE_READ } from '../change/messages.js';
import type { BoardPackDeps } from './packDelivery.js';
import { storeErrorCode, type BotDeps } from '../ports.js';
import { cardAttachment, cardMessage, sendCard, speaker, type Turn } from '../turn.js';
import type { BotRoutes } from '../routes.js';
import { meetingRefSchema, nextMeetingOf, packFor } from './meetingPackSource.js';

/** Making and uploading a file may take longer than a turn's storage budget; its reads are bounded per call. */
const UPLOAD_STORAGE_BUDGET_MS = 60_000;

const consentValueSchema = z.object({
  action: z.enum(['accept', 'decline']),
  context: z.object({
    place: placeCodeSchema,
    kind: z.enum(PACK_FILE_KINDS),
    meeting: meetingRefSchema.optional(),
    /** The forum the meeting cycle offered it to (records/forumCycle.ts): its chairs and secretary may have it. */
    forum: forumRefSchema.optional(),
  }),
  uploadInfo: z
    .object({
      name: z.string().min(1).max(500),
      uploadUrl: z.string().url().max(4000),
      contentUrl: z.string().url().max(4000),
      uniqueId: z.string().max(500).optional(),
      fileType: z.string().max(50).optional(),
    })
    .optional(),
});

export class BoardPackFlow {
  constructor(
    private readonly deps: BotDeps,
    private readonly pack: BoardPackDeps,
  ) {}

  register(app: BotRoutes): void {
    app.message(/^\s*board\s+pack\b(.*)$/i, async (context) => {
      const rest = /^\s*board\s+pack\b(.*)$/i.exec(context.activity.text ?? '')?.[1] ?? '';
      try {
        await this.answer(context, rest);
      } catch (err) {
        if (storeErrorCode(err) !== 'UNAVAILABLE') throw err;
        await sendCard(context, noticeCard('The record store is not answering', UNAVAILABLE_READ));
      }
    });
    app.fileConsent({
      // Answered at once (the invoke's 200); the file is made and uploaded after, in this conversation.
      accepted: async (context) =>
        context.continueAfterAnswer((next) => withStorageDeadline(UPLOAD_STORAGE_BUDGET_MS, () => this.answered(next))),
      declined: (context) => this.answered(context),
    });
  }

  /** The place or meeting named after `board pack` (or the channel's own place), the check, then the pack. */
  private async answer(context: Turn, typed: string): Promise<void> {
    const asked = typed.trim().slice(0, 60);
    const now = this.deps.clock();
    const picked = await packFor(this.deps.records, asked);
    if (!picked.ok) return sendCard(context, noticeCard('No such meeting', picked.line));
    let place = picked.place ?? placeFromText(asked);
    const channelId = (context.activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
    // `board pack` alone in a channel: its place, and the next meeting of the forum that channel speaks for.
    const linked = !asked && channelId ? await this.deps.places.placeOfChannel(channelId) : undefined;
    if (!asked && channelId) place = linked?.place;
    const here = linked && channelId ? { channelId, locality: linked.locality } : undefined;
    if (!place) return sendCard(context, whichPlaceCard(asked));
    const me = speaker(context);
    const permission = await this.permission(context, place, { meeting: picked.meeting?.ref });
    if (!permission.ok) return sendCard(context, noticeCard('Board pack not made', permission.reason));
    // A place's pack is its board's next prepared meeting's, when there is one (bounded reads).
    const meeting = picked.meeting ?? (await nextMeetingOf(this.deps.records, place, now, here));
    const card = { place, madeFor: me, now, ...(meeting ? { meeting } : {}) };
    if (context.activity.conversation?.conversationType === 'personal') {
      await sendCard(context, boardPackCard(card));
      const names = await this.pack.delivery.fileNames(place, me, now, meeting?.ref);
      const forWhat = meeting ? `${meeting.forum} (${meeting.ref})` : PLACE_NAMES[place];
      for (const kind of PACK_FILE_KINDS) {
        const fileName = names[kind];
        const description = `${PACK_FILE_LABELS[kind]} for ${forWhat}, made from the current records when you allow it.`;
        await context.sendActivity({
          type: 'message',
          attachments: [fileConsentAttachment({ fileName, kind, place, description, ...(meeting ? { meeting: meeting.ref } : {}) })],
        });
      }
      return;
    }
    const base = this.pack.baseUrl();
    if (!base)
      return sendCard(
        context,
        noticeCard(
          'Board pack not made',
          'The download address of this app is not configured (PUBLIC_BASE_URL), so no links can be given. Ask for the board pack in a personal chat with me instead.',
        ),
      );
    if (this.pack.linksTrusted === false) {
      return sendCard(
        context,
        noticeCard(
          'Board pack not made',
          'Download links are off here: App Service authentication is not on for this app, so a link could not prove who opens it. Ask for the board pack in a personal chat with me: the files come to your OneDrive.',
        ),
      );
    }
    // The links go to the person who asked, in their personal chat with the bot; the conversation
    // here is told only that they were sent (its other members, guests included, see no link).
    const messenger = this.deps.messenger;
    const reference = messenger ? await messenger.referenceOf(me.id) : undefined;
    if (!messenger || !reference) {
      return sendCard(
        context,
        noticeCard(
          'Board pack not made here',
          `Board pack links are sent only to the person who asks, in a personal chat with me, and we have not chatted yet. Open a chat with me and type “board pack ${PLACE_NAMES[place]}” there.`,
        ),
      );
    }
    const links = await this.pack.delivery.makeLinks(place, me, now, meeting?.ref);
    const expiresAt = new Date(links[0]!.expiresAt);
    const items = links.map((l) => ({ kind: l.kind as PackFileKind, url: `${base.replace(/\/+$/, '')}/api/files/${l.token}` }));
    const sent = await messenger.send(reference, {
      type: 'message',
      attachments: [cardAttachment(boardPackCard({ ...card, links: { items, expiresAt } }))],
    });
    await sendCard(
      context,
      sent.ok
        ? noticeCard(
            `Board pack · ${PLACE_NAMES[place]}`,
            `${me.name} asked for the board pack: the links were sent to them in a personal chat.`,
          )
        : noticeCard(
            'Board pack not sent',
            `I could not reach ${me.name} in our personal chat just now, so no links were given. Try again in a minute.`,
          ),
    );
  }

  /** The rule (records/packAccess.ts) for the speaker, as the place's settings and Teams know them, for that meeting's or forum's pack. */
  private async permission(context: Turn, place: PlaceCode, about: { meeting?: string; forum?: string } = {}): Promise<PackPermission> {
    const [settings, viewer, forum] = await Promise.all([
      this.pack.settingsOf(place),
      this.deps.viewers.of(context).then((looked) => looked.viewer),
      this.forumOf(place, about),
    ]);
    return mayMakeBoardPack(viewer, place, settings, forum);
  }

  /** The forum a pack is for: the meeting's (read from the store, never taken from card data), or the one named; of this place only. */
  private async forumOf(place: PlaceCode, about: { meeting?: string; forum?: string }): Promise<PackForum | undefined> {
    if (!about.meeting && !about.forum) return undefined;
    const [forums, meeting] = await Promise.all([
      this.deps.records.listByPlace('forum', place),
      about.meeting ? this.deps.records.get('meeting', about.meeting) : undefined,
    ]);
    const own = forums.map((f) => f.record).filter((f) => f.place === place);
    if (about.meeting) return meeting && meeting.record.place === place ? forumOfMeeting(meeting.record, own) : undefined;
    return own.find((f) => f.ref === about.forum);
  }

  /** A consent card answered: upload on accept, a polite line on decline; the consent card replaced either way. */
  private async answered(context: Turn): Promise<void> {
    const parsed = consentValueSchema.safeParse(context.activity.value);
    if (!parsed.success) {
      console.warn(
        'board pack: a file consent answer not understood',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        JSON.stringify(context.activity.value)?.slice(0, 300),
      );
      await context.sendActivity('That file card is out of date. Ask for the board pack again, e.g. “board pack Blackpool”.');
      return;
    }
    const { action, context: asked, uploadInfo } = parsed.data;
    const label = `${PLACE_NAMES[asked.place]} ${PACK_FILE_LABELS[asked.kind].replace(/^./, (c) => c.toLowerCase())}`;
    const again = `board pack ${PLACE_NAMES[asked.place]}`;
    if (action === 'decline') {
      await this.replaceConsentCard(context, consentAnsweredCard('declined', label));
      await context.sendActivity(`No problem: the ${label} was not sent. Type “${again}” whenever you want it.`);
      return;
    }
    const permission = await this.permission(context, asked.place, { meeting: asked.meeting, forum: asked.forum });
    if (!permission.ok) {
      await this.replaceConsentCard(context, consentAnsweredCard('refused', label, permission.reason));
      await context.sendActivity(`The ${label} was not sent. ${permission.reason}`);
      return;
    }
    if (!uploadInfo || !this.uploadUrlAllowed(uploadInfo.uploadUrl)) {
      await this.replaceConsentCard(context, consentAnsweredCard('failed', label, 'Teams gave no usable place to upload it to.'));
      await context.sendActivity(
        `The ${label} could not be saved to your OneDrive: Teams gave no usable place to upload it to. Nothing was sent. Try “${again}” again.`,
      );
      return;
    }
    const outcome = await this.pack.delivery.upload(asked.kind, asked.place, speaker(context), uploadInfo.uploadUrl, asked.meeting);
    if (!outcome.ok) {
      await this.replaceConsentCard(context, consentAnsweredCard('failed', label, `(${outcome.detail}.)`));
      await context.sendActivity(
        `The ${label} could not be saved to your OneDrive: ${outcome.detail}. Nothing was sent. Try “${again}” again in a minute.`,
      );
      return;
    }
    await this.replaceConsentCard(context, consentAnsweredCard('sent', label));
    await context.sendActivity({
      type: 'message',
      attachments: [
        fileInfoAttachment({
          name: uploadInfo.name,
          contentUrl: uploadInfo.contentUrl,
          uniqueId: uploadInfo.uniqueId,
          fileType: uploadInfo.fileType,
        }),
      ],
    });
  }

  /** Deployed, only https upload URLs are used (Teams gives OneDrive's); locally a loopback fake may be http. */
  private uploadUrlAllowed(url: string): boolean {
    const { protocol } = new URL(url);
    return protocol === 'https:' || (!this.pack.secure && protocol === 'http:');
  }

  /** The answered consent card becomes a line saying what happened, so it cannot be answered twice. Best effort. */
  private async replaceConsentCard(context: Turn, card: AdaptiveCardJson): Promise<void> {
    const id = context.activity.replyToId;
    if (!id) return;
    try {
      await context.updateActivity({ ...cardMessage(card), id });
    } catch (err) {
      console.warn('board pack: could not update the answered consent card', err);
    }
  }
}

function whichPlaceCard(asked: string): AdaptiveCardJson {
  const places = PLACE_CODES.map((p) => PLACE_NAMES[p]);
  const list = `${places.slice(0, -1).join(', ')} or ${places[places.length - 1]}`;
  return noticeCard(
    'Which place’s board pack?',
    asked
      ? `I don’t know a place called “${asked}”. Type “board pack” and a place: ${list}.`
      : `Type “board pack” and a place: ${list}; for example “board pack Blackpool”.`,
  );
}
