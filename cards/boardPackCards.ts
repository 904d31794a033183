// The board pack's cards: what the pack holds and how it will come (in personal chat, as files to
// save to OneDrive; elsewhere, as download links for the person who asked), and the consent
// card's replacement once it is answered. Pure: data in, card out.
import { DateTime } from 'luxon';
import { LONDON } from '../records/dates.js';
import { longDate } from '../records/meeting.js';
import type { Person } from '../records/people.js';
import { PLACE_NAMES, type PlaceCode } from '../records/places.js';
import type { PackFileKind } from '../records/pack/packFiles.js';
import { noticeCard } from './commonCards.js';
import { renderCard, type AdaptiveCardJson } from './render.js';
import { plain } from './text.js';

/** How each file is called on cards and in consent cards: what it is, and what opens it. */
export const PACK_FILE_LABELS: Record<PackFileKind, string> = {
  actionLogXlsx: 'Action log (Excel workbook)',
  actionLogCsv: 'Action log (CSV)',
  riskRegisterXlsx: 'Risk register (Excel workbook)',
  riskRegisterCsv: 'Risk register (CSV)',
  boardPackDocx: 'Board pack (Word document)',
  boardPackHtml: 'Board pack (printable web page)',
};

/** The pack's three parts, each in two files. */
const GROUPS: { title: string; value: string; kinds: PackFileKind[] }[] = [
  {
    title: 'Action log',
    value: 'Every action of the place: open ones first, with owner, due date, status and RAG. As an Excel workbook and as CSV.',
    kinds: ['actionLogXlsx', 'actionLogCsv'],
  },
  {
    title: 'Risk register',
    value: 'The open risks, scored on the 5×5 matrix, with the heat map. As an Excel workbook and as CSV.',
    kinds: ['riskRegisterXlsx', 'riskRegisterCsv'],
  },
  {
    title: 'Board pack',
    value:
      'Cover, action log, risk register with the heat map, sign-offs decided since the last meeting and chair’s actions awaiting ratification. As a Word document and as a printable web page.',
    kinds: ['boardPackDocx', 'boardPackHtml'],
  },
];

/** What the pack for a meeting adds before the registers. */
const MEETING_OPENING =
  'For this meeting: a cover (forum, date and time, chairs, secretary, where), the agenda in order with each paper’s cover sheet and link, and the last meeting’s published key messages; then:';

/** "15:04": an instant as UK time on the clock. */
function ukTime(at: Date): string {
  return DateTime.fromJSDate(at).setZone(LONDON).toFormat('HH:mm');
}

function ukDateTime(at: Date): string {
  return DateTime.fromJSDate(at).setZone(LONDON).setLocale('en-GB').toFormat('d LLL yyyy, HH:mm');
}

export interface PackLink {
  kind: PackFileKind;
  url: string;
}

/**
 * The card that answers `board pack <place>`: what the pack holds and how it comes. In personal
 * chat (`links` absent) the files follow as consent cards; elsewhere, `links` are the download
 * links, which work for `madeFor` only, until `expiresAt`.
 */
export function boardPackCard(input: {
  place: PlaceCode;
  madeFor: Person;
  now: Date;
  links?: { items: PackLink[]; expiresAt: Date };
  /** The pack for this meeting: its cover, agenda and the forum's last key messages open the board pack. */
  meeting?: { ref: string; forum: string; date: string };
}): AdaptiveCardJson {
  const m = input.meeting;
  const name = m ? `${plain(m.forum)}, ${longDate(m.date)} (${m.ref})` : PLACE_NAMES[input.place];
  const who = plain(input.madeFor.name);
  const links = input.links;
  const how = links
    ? `Teams cannot attach files here, so each file is a link below. Each opens a file made from the current records when you click it. The links work for ${who} only, signed in as yourself, until ${ukTime(links.expiresAt)} (UK time); after that, ask again.`
    : `The six files follow as separate messages. On each, choose Allow to save it to your OneDrive; it is made from the current records at that moment. Choose Decline to skip a file.`;
  const speak = links
    ? `Board pack for ${name}, for ${who}: the action log, the risk register and the board pack, as six download links that work for you only until ${ukTime(links.expiresAt)} UK time.`
    : `Board pack for ${name}, for ${who}: the action log, the risk register and the board pack. Six files follow; allow each one to save it to your OneDrive.`;
  return renderCard('boardPack', {
    heading: `Board pack · ${name}`,
    made: `Asked for by ${who} on ${ukDateTime(input.now)} (UK time)`,
    speak,
    how,
    groups: GROUPS.map((g) => ({
      title: g.title,
      value: m && g.title === 'Board pack' ? `${MEETING_OPENING} ${g.value}` : g.value,
      links: (links?.items ?? [])
        .filter((l) => g.kinds.includes(l.kind))
        .map((l) => ({
          title: PACK_FILE_LABELS[l.kind],
          tooltip: `Download the ${name} ${PACK_FILE_LABELS[l.kind].toLowerCase()}`,
          url: l.url,
        })),
    })),
  });
}

/** A `file.consent` attachment: Teams asks the person to allow the upload to their OneDrive. */
export function fileConsentAttachment(input: {
  fileName: string;
  kind: PackFileKind;
  place: PlaceCode;
  description: string;
  meeting?: string;
  /** The forum the meeting cycle offers it to: its chairs and secretary may accept it (bot/boardPack/boardPackFlow.ts). */
  forum?: string;
}) {
  const context = {
    place: input.place,
    kind: input.kind,
    ...(input.meeting ? { meeting: input.meeting } : {}),
    ...(input.forum ? { forum: input.forum } : {}),
  };
  return {
    contentType: 'application/vnd.microsoft.teams.card.file.consent',
    name: input.fileName,
    content: { description: input.description, acceptContext: context, declineContext: context },
  };
}

/** The `file.info` card that shows a file now in the person's OneDrive. */
export function fileInfoAttachment(upload: { name: string; contentUrl: string; uniqueId?: string; fileType?: string }) {
  return {
    contentType: 'application/vnd.microsoft.teams.card.file.info',
    contentUrl: upload.contentUrl,
    name: upload.name,
    content: { uniqueId: upload.uniqueId ?? '', fileType: upload.fileType ?? '' },
  };
}

/** What replaces a consent card once it is answered, so it cannot be answered again. */
export function consentAnsweredCard(outcome: 'sent' | 'declined' | 'failed' | 'refused', label: string, detail = ''): AdaptiveCardJson {
  switch (outcome) {
    case 'sent':
      return noticeCard(`Saved: ${label}`, `It is in your OneDrive; the file card below opens it.${detail ? ` ${detail}` : ''}`);
    case 'declined':
      return noticeCard(`Not sent: ${label}`, 'You chose not to save this file. Ask for the board pack again whenever you want it.');
    case 'failed':
      return noticeCard(`Not sent: ${label}`, `The file could not be saved to your OneDrive, and nothing was sent. ${detail}`.trim());
    case 'refused':
      return noticeCard(`Not sent: ${label}`, detail);
  }
}
