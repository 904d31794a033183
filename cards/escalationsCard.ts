// "escalations Blackpool": per forum, each matter for escalation its meetings sent, where, when
// (meeting date and ref), and whether it was acknowledged (by whom, when, the note); an Acknowledge
// panel where the person looking may acknowledge it. Pure: data in, card JSON out.
import { formatDate, londonToday } from '../records/dates.js';
import { ACKNOWLEDGE_WITHIN_DAYS, type ForumEscalations, type SentMatter } from '../records/escalationList.js';
import { acknowledgedLine } from '../records/escalations.js';
import { LIMITS } from '../records/limits.js';
import { PLACE_NAMES, type PlaceCode } from '../records/places.js';
import { execute, type Notice } from './commonCards.js';
import type { AdaptiveCardJson } from './render.js';
import { plain, speech, truncate } from './text.js';

/** The note input of one matter's panel: ids repeat once per matter, so each carries the meeting's ref and the matter's place. */
export function ackNoteId(meetingRef: string, index: number): string {
  return `ackNote.${meetingRef}.${index}`;
}

/** Acknowledge panels drawn at most. */
const PANELS_SHOWN = 6;
/** How much of each matter a card carries: less as the list grows, so the card stays under 40 KB. */
const COMPACTNESS = [
  { matters: 40, text: 300, note: 400 },
  { matters: 25, text: 160, note: 200 },
  { matters: 15, text: 80, note: 100 },
] as const;
const CARD_BUDGET = 38_000;

const COLOURS: Record<Notice['style'], string> = {
  default: 'Default',
  good: 'Good',
  accent: 'Accent',
  warning: 'Warning',
  attention: 'Attention',
};

export interface EscalationsCardInput {
  place: PlaceCode;
  forums: readonly ForumEscalations[];
  /** ETag per meeting ref, for the ETag-checked acknowledgement. */
  etags: Readonly<Record<string, string>>;
  /** Whether the person looking may acknowledge this matter (records/escalations.ts mayAcknowledge). */
  mayAcknowledge(m: SentMatter): boolean;
  notice?: Notice;
  /** The note typed for one matter, kept when it was not saved. */
  kept?: { meetingRef: string; index: number; note: string };
  /** The read-only view everyone else in a chat sees after a change: no panels, a button for one's own view. */
  shared?: boolean;
}

export function escalationsCard(input: EscalationsCardInput): AdaptiveCardJson {
  let card: AdaptiveCardJson | undefined;
  for (const level of COMPACTNESS) {
    card = drawEscalations(input, level);
    if (JSON.stringify(card).length <= CARD_BUDGET) return card;
  }
  return card!;
}

function drawEscalations(input: EscalationsCardInput, level: (typeof COMPACTNESS)[number]): AdaptiveCardJson {
  const { place, forums, etags, notice, kept, shared = false } = input;
  const heading = `Escalations from ${PLACE_NAMES[place]}`;
  const total = forums.reduce((n, f) => n + f.matters.length, 0);
  const waiting = forums.reduce((n, f) => n + f.matters.filter((m) => !m.acknowledged).length, 0);
  let shown = 0;
  let panels = 0;
  const body: unknown[] = [
    { type: 'TextBlock', text: heading, size: 'Large', weight: 'Bolder', wrap: true },
    {
      type: 'TextBlock',
      text: `${total === 1 ? '1 matter' : `${total} matters`} sent, ${waiting} not acknowledged. Those waiting more than ${ACKNOWLEDGE_WITHIN_DAYS} days are in the weekly digest.`,
      isSubtle: true,
      wrap: true,
      spacing: 'None',
    },
    ...(notice ? [{ type: 'TextBlock', text: plain(notice.text), wrap: true, color: COLOURS[notice.style] }] : []),
  ];
  if (!total) body.push({ type: 'TextBlock', text: 'No matters for escalation recorded at its meetings yet.', wrap: true });
  for (const f of forums) {
    if (shown >= level.matters) break;
    body.push({ type: 'TextBlock', text: plain(truncate(f.forum, 120)), weight: 'Bolder', size: 'Medium', wrap: true, separator: true });
    for (const m of f.matters) {
      if (shown++ >= level.matters) break;
      const keptNote = kept?.meetingRef === m.meetingRef && kept.index === m.index ? kept.note : '';
      const panel = !shared && !m.acknowledged && !!etags[m.meetingRef] && panels < PANELS_SHOWN && input.mayAcknowledge(m);
      if (panel) panels += 1;
      body.push({
        type: 'Container',
        separator: true,
        items: [
          { type: 'TextBlock', text: plain(truncate(m.text, level.text)), wrap: true },
          {
            type: 'TextBlock',
            text: plain(
              `To ${truncate(m.where, 120)}${m.receiver ? ` (received by ${m.receiver.name})` : ''} · from the meeting of ${formatDate(m.meetingDate)} (${m.meetingRef}) · sent ${formatDate(londonToday(new Date(m.sentAt)))} by ${m.sentBy.name}`,
            ),
            isSubtle: true,
            wrap: true,
            spacing: 'None',
          },
          {
            type: 'TextBlock',
            text: plain(
              m.acknowledged
                ? truncate(acknowledgedLine(m.acknowledged), level.note)
                : m.waitedTooLong
                  ? `Not acknowledged after ${ACKNOWLEDGE_WITHIN_DAYS} days.`
                  : 'Not acknowledged yet.',
            ),
            color: m.acknowledged ? 'Good' : m.waitedTooLong ? 'Attention' : 'Warning',
            wrap: true,
            spacing: 'None',
          },
          ...(panel
            ? [
                {
                  type: 'Input.Text',
                  id: ackNoteId(m.meetingRef, m.index),
                  label: 'Acknowledgement note',
                  placeholder: 'e.g. Received: on the agenda of the board of 14 May.',
                  isMultiline: true,
                  maxLength: LIMITS.note,
                  isRequired: true,
                  errorMessage: 'Write a note to acknowledge it.',
                  value: plain(keptNote),
                },
                {
                  type: 'ActionSet',
                  actions: [
                    execute('Acknowledge', 'meeting.acknowledgeMatter', {
                      ref: m.meetingRef,
                      etag: etags[m.meetingRef],
                      matter: m.index,
                      place,
                    }),
                  ],
                },
              ]
            : []),
        ],
      });
    }
  }
  if (total > level.matters)
    body.push({ type: 'TextBlock', text: `${total - level.matters} older matters are not shown here.`, isSubtle: true, wrap: true });
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    speak: speech(heading, `${total === 1 ? '1 matter' : `${total} matters`} sent, ${waiting} not acknowledged`, notice?.text),
    body,
    ...(shared ? { actions: [execute('Show my view', 'escalations.show', { place })] } : {}),
  };
}
