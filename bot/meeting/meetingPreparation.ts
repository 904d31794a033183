// Who may prepare a forum's meeting, asked where it is asked (the typed "prepare meeting", the
// form's submit) by the rule in records/meetingPreparers.ts; and the forum a submitted form names,
// read again from the store. Someone who may not prepare it, and a forged forum ref in card data
// (another place's forum, one that does not exist, an archived one), are refused and the attempt
// is kept in the audit trail.
import { isForumActive, type Forum } from '../../records/forum.js';
import { mayPrepareMeeting, notPreparerLine } from '../../records/meetingPreparers.js';
import { PLACE_NAMES, type PlaceCode } from '../../records/places.js';
import { parseRef } from '../../records/refs.js';
import { refusedAttemptOn } from '../../records/refusedAttempt.js';
import type { Actor } from '../../records/people.js';
import type { BotDeps } from '../ports.js';
import { speaker, type Turn } from '../turn.js';

export class MeetingPreparation {
  constructor(private readonly deps: Pick<BotDeps, 'records' | 'clock'>) {}

  /** Why `actor` may not prepare this forum's meeting (the attempt audited on the forum), or undefined when they may. */
  async refusal(actor: Actor, forum: Forum): Promise<string | undefined> {
    if (mayPrepareMeeting(actor, forum)) return undefined;
    const line = notPreparerLine(forum);
    await this.deps.records.appendAudit(refusedAttemptOn(forum, actor, 'prepareMeeting', line, this.deps.clock()));
    return line;
  }

  /** The forum a submitted form names, if it is this place's and active; else why not, the forged or stale ref audited. */
  async forumOnForm(context: Turn, place: PlaceCode, ref: string): Promise<Forum | string> {
    const found = parseRef(ref)?.kind === 'forum' ? await this.deps.records.get('forum', ref) : undefined;
    const line =
      !found || found.record.place !== place
        ? `That form names no forum of ${PLACE_NAMES[place]}: type “prepare meeting” and the forum again.`
        : !isForumActive(found.record)
          ? `${found.record.name} has been archived since the form was drawn, so no meeting of it can be prepared.`
          : undefined;
    if (!line) return found!.record;
    // Kept on the forum the card named (in its place, whether or not it exists), else on the form's place.
    const parsed = parseRef(ref);
    const target = parsed?.kind === 'forum' ? { kind: 'forum' as const, ref: ref.trim().toUpperCase(), place: parsed.place } : undefined;
    const attempt = refusedAttemptOn(
      target ?? { kind: 'forum', ref: `${place}-F-FORGED`, place },
      speaker(context),
      'prepareMeeting',
      line,
      this.deps.clock(),
    );
    await this.deps.records.appendAudit(attempt);
    return line;
  }
}
