// Matters for escalation come back: whoever a forum's reporting line names to receive for it (e.g.
// the Health and Wellbeing Board's officer), or an admin of the meeting's place, acknowledges a
// matter with a note. Pure: a command of the meeting (records/meeting.ts dispatches it here), so it
// goes through the meeting kind's one change pipeline, ETag-checked and audited.
// Nothing here imports meeting.ts (it imports this module's schema and rule): the rule is written
// over the few fields of a meeting and its matters it reads.
import { z } from 'zod';
import { auditEvent, type AuditEvent } from './audit.js';
import { formatDate, isoInstantSchema, londonToday } from './dates.js';
import { reportingLineSchema, type ReportingLine } from './forum.js';
import { boundedText, LIMITS } from './limits.js';
import { fieldErrorsOf, invalid, refuse, type Transition } from './outcome.js';
import { personSchema, samePerson, toPerson, type Actor, type Person } from './people.js';
import { PLACE_NAMES, type PlaceCode } from './places.js';

/** How a matter was acknowledged: by whom, when, and what they said. */
export const matterAckSchema = z.object({
  note: boundedText('Acknowledgement note', LIMITS.note),
  by: personSchema,
  at: isoInstantSchema,
});
export type MatterAck = z.infer<typeof matterAckSchema>;

/** What the rule reads of a matter (records/meeting.ts Matter). */
interface Matter {
  /** 'reporting-line' when it went up one of the forum's named lines, its name in `toDetail`. */
  to: string;
  toDetail?: string | undefined;
  acknowledged?: MatterAck | undefined;
}

/** What the rule reads of a meeting (records/meeting.ts Meeting). */
interface MeetingWithMatters {
  ref: string;
  place: PlaceCode;
  reportingLines?: ReportingLine[] | undefined;
  matters: Matter[];
}

export interface AcknowledgeMatterCommand {
  type: 'acknowledgeMatter';
  /** The matter's place in the meeting's list (from the card: checked against the meeting here). */
  matter: number;
  note: string;
  /**
   * The forum's reporting lines as they are now (read by the bot, never from card data): who is
   * named to receive for each. Absent: the lines the meeting was prepared with.
   */
  lines?: readonly ReportingLine[];
}

const NOT_ON_MEETING = 'That matter is not on this meeting: open the escalations again.';

export const acknowledgeMatterInput = z.object({
  matter: z.number({ invalid_type_error: NOT_ON_MEETING }).int(NOT_ON_MEETING).min(0, NOT_ON_MEETING).max(39, NOT_ON_MEETING),
  note: boundedText('Acknowledgement note', LIMITS.note),
  lines: z.array(reportingLineSchema).max(12).optional(),
});

/** Who is named to receive a matter: the receiver of the reporting line it went up (by name), if any. */
export function receiverOf(matter: Pick<Matter, 'to' | 'toDetail'>, lines: readonly ReportingLine[] | undefined): Person | undefined {
  if (matter.to !== 'reporting-line' || !matter.toDetail) return undefined;
  return lines?.find((l) => l.name === matter.toDetail)?.receiver;
}

/**
 * Who may acknowledge a matter: the person named to receive for its reporting line, or an admin
 * of the meeting's place (`actor.roles` are the roles held in that place). Not a chair as such,
 * not the receiver of another line, nobody of another place.
 */
export function mayAcknowledge(
  matter: Pick<Matter, 'to' | 'toDetail'>,
  lines: readonly ReportingLine[] | undefined,
  actor: Actor,
): boolean {
  if (actor.roles.includes('admin')) return true;
  const receiver = receiverOf(matter, lines);
  return !!receiver && samePerson(receiver, actor);
}

/** "Acknowledged by Jo Bloggs on 12 Mar 2026: taken to the April board." */
export function acknowledgedLine(ack: MatterAck): string {
  return `Acknowledged by ${ack.by.name} on ${formatDate(londonToday(new Date(ack.at)))}: ${ack.note}`;
}

/** The one rule: the matter's receiver (or a place admin) acknowledges it once, with a note. */
export function acknowledgeMatter<M extends MeetingWithMatters>(
  meeting: M,
  actor: Actor,
  command: AcknowledgeMatterCommand,
  now: Date,
): Transition<M> {
  const parsed = acknowledgeMatterInput.safeParse({
    matter: command.matter,
    note: command.note,
    ...(command.lines ? { lines: command.lines } : {}),
  });
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const { matter: index, note } = parsed.data;
  const matter = meeting.matters[index];
  if (!matter) return refuse('NOT_ALLOWED', `That matter is not on ${meeting.ref}: open the escalations again.`);
  if (matter.acknowledged) return refuse('WRONG_STATE', `That matter was already acknowledged. ${acknowledgedLine(matter.acknowledged)}`);
  const lines = parsed.data.lines ?? meeting.reportingLines;
  if (!mayAcknowledge(matter, lines, actor)) {
    const receiver = receiverOf(matter, lines);
    return refuse(
      'WRONG_PERSON',
      receiver
        ? `Only ${receiver.name}, named to receive for ${matter.toDetail}, or an admin of ${PLACE_NAMES[meeting.place]} can acknowledge that matter.`
        : `Only an admin of ${PLACE_NAMES[meeting.place]} can acknowledge that matter: nobody is named to receive for where it went.`,
    );
  }
  const at = now.toISOString();
  const matters = meeting.matters.map((m, i) => (i === index ? { ...m, acknowledged: { note, by: toPerson(actor), at } } : m));
  const next: M = { ...meeting, matters };
  return { ok: true, record: next, event: auditEvent('meeting', next, actor, 'acknowledgeMatter', at, meeting, next) };
}

/**
 * The audit event of an acknowledgement refused because the person may not give it (a forged
 * card, another line's receiver, someone of another place): nothing changes, the attempt is kept.
 */
export function refusedAcknowledgement(meeting: MeetingWithMatters, actor: Actor, matter: number, reason: string, now: Date): AuditEvent {
  return {
    kind: 'meeting',
    ref: meeting.ref,
    place: meeting.place,
    at: now.toISOString(),
    actor: toPerson(actor),
    command: 'refused:acknowledgeMatter',
    before: null,
    after: { refused: 'acknowledgeMatter', matter, reason },
  };
}
