// The forward plan on the agenda and in the digest: a meeting of a forum holds the items due at it
// (its month, or named as that meeting) under "Scheduled items", and those it missed before it,
// flagged "Missed: due at the March 2027 meeting"; the place's digest lists the items missed.
// Pure: the forum (one read) and dates in, agenda or digest items out.
import type { IsoDate } from './dates.js';
import type { DigestItem } from './digest.js';
import type { Forum } from './forum.js';
import { dueBy, dueLabel, missedLine, planItemState, type PlanItem } from './forwardPlan.js';
import { AGENDA_SECTIONS, MAX_AGENDA_ITEMS, type AgendaItem, type AgendaSection } from './meeting.js';
import type { Locality } from './places.js';

const ownerLine = (item: PlanItem) => `Owner ${item.owner.name}`;

function scheduledItem(item: PlanItem, detail: string): AgendaItem {
  return { section: 'scheduled', ref: item.ref, title: item.text, detail: detail.slice(0, 200) };
}

/**
 * The plan's items for the draft agenda of a meeting of the forum on `date`: those due in its month
 * (not yet on another meeting's agenda), and those whose month or meeting passed before it untaken.
 */
export function scheduledAgendaItems(forum: Pick<Forum, 'forwardPlan'> | undefined, date: IsoDate): AgendaItem[] {
  const month = date.slice(0, 7);
  const items: AgendaItem[] = [];
  for (const item of forum?.forwardPlan ?? []) {
    if (item.state !== 'SCHEDULED' || item.taken) continue;
    if ('month' in item.due && item.due.month === month)
      items.push(scheduledItem(item, `${ownerLine(item)} · due at ${dueLabel(item.due)}`));
    else if (dueBy(item.due) < date) items.push(scheduledItem(item, `${missedLine(item)} · ${ownerLine(item)}`));
  }
  return items;
}

/** Items put on this meeting's agenda after it was prepared (named as due at it): drawn on its card with the rest. */
export function addedSincePrepared(
  forum: Pick<Forum, 'forwardPlan'> | undefined,
  meeting: { ref: string; agenda: readonly AgendaItem[] },
): AgendaItem[] {
  const onAgenda = new Set(meeting.agenda.map((i) => i.ref));
  return (forum?.forwardPlan ?? [])
    .filter((i) => i.state === 'SCHEDULED' && i.taken?.meetingRef === meeting.ref && !onAgenda.has(i.ref))
    .map((i) => scheduledItem(i, `${ownerLine(i)} · due at ${dueLabel(i.due)}`));
}

/** The agenda with the scheduled items in their section's place, each ref once, at most MAX_AGENDA_ITEMS. */
export function withScheduled(agenda: readonly AgendaItem[], scheduled: readonly AgendaItem[]): AgendaItem[] {
  const order = Object.keys(AGENDA_SECTIONS) as AgendaSection[];
  const seen = new Set(agenda.map((i) => i.ref));
  const merged = [...agenda, ...scheduled.filter((i) => !seen.has(i.ref))];
  return merged.sort((x, y) => order.indexOf(x.section) - order.indexOf(y.section)).slice(0, MAX_AGENDA_ITEMS);
}

/** The forward plan items of a place's forums that missed their meeting, for its digest (a locality channel: its forums and the place-wide ones). */
export function missedPlanDigestItems(forums: readonly Forum[], today: IsoDate, locality?: Locality): DigestItem[] {
  return forums
    .filter((f) => !locality || !f.locality || f.locality === locality)
    .flatMap((f) =>
      (f.forwardPlan ?? [])
        .filter((i) => planItemState(i, today) === 'MISSED')
        .map((i) => ({
          ref: f.ref,
          kind: 'forum' as const,
          title: i.text,
          detail: `${missedLine(i)} of ${f.name} · owner ${i.owner.name}`,
        })),
    );
}
