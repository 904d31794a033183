// A person's weekday reminder: their actions overdue or due within 3 days, their risks overdue for
// review, and sign-offs awaiting their decision. Pure; nothing to say means no message.
import { currentDueDate, isOpen, type Action } from './action.js';
import { addDays, daysBetween, formatDate, londonToday } from './dates.js';
import type { Digest, DigestItem, DigestSection, DigestSectionId } from './digest.js';
import { DIGEST_SECTION_LIMIT } from './digest.js';
import type { Person } from './people.js';
import { maySeePlace, type Viewer } from './access.js';
import type { PlaceCode } from './places.js';
import { isReviewOverdue, type Risk } from './risk.js';
import { deciders, type SignOff } from './signoff.js';

export const REMINDER_DUE_DAYS = 3;

export interface ReminderSources {
  person: Person;
  /** Who the person is to the read rule (records/access.ts): a reminder holds only records of places they may see. */
  viewer: Viewer;
  now: Date;
  /** The person's open actions (as owner). */
  actions: Action[];
  /** Risks overdue for review in every place (those the person owns are kept). */
  risksReviewOverdue: Risk[];
  /** Sign-offs pending for the person. */
  signOffs: SignOff[];
}

/** The reminder, or undefined when there is nothing to remind the person of. */
export function composeReminder(src: ReminderSources): Digest | undefined {
  const today = londonToday(src.now);
  const soon = addDays(today, REMINDER_DUE_DAYS);
  const visible = <T extends { place: PlaceCode }>(list: readonly T[]) => list.filter((r) => maySeePlace(src.viewer, r.place));
  const mine = visible(src.actions).filter((a) => isOpen(a) && a.owner.id === src.person.id);
  const overdue = mine.filter((a) => currentDueDate(a) < today);
  const dueSoon = mine.filter((a) => currentDueDate(a) >= today && currentDueDate(a) <= soon);
  const risks = visible(src.risksReviewOverdue).filter((r) => r.owner.id === src.person.id && isReviewOverdue(r, src.now));
  const signOffs = visible(src.signOffs).filter((s) => deciders(s).some((p) => p.id === src.person.id));
  const sections: DigestSection[] = [];
  const add = (id: DigestSectionId, heading: string, items: DigestItem[]) => {
    if (items.length)
      sections.push({
        id,
        heading,
        total: items.length,
        groups: [{ label: '', items: items.slice(0, DIGEST_SECTION_LIMIT) }],
        more: Math.max(0, items.length - DIGEST_SECTION_LIMIT),
      });
  };
  add(
    'overdueActions',
    'Your overdue actions',
    overdue.map((a) => ({
      ref: a.ref,
      kind: 'action',
      title: a.description,
      detail: `${daysBetween(currentDueDate(a), today)} days overdue (due ${formatDate(currentDueDate(a))})`,
    })),
  );
  add(
    'dueActions',
    `Your actions due in the next ${REMINDER_DUE_DAYS} days`,
    dueSoon.map((a) => ({ ref: a.ref, kind: 'action', title: a.description, detail: `due ${formatDate(currentDueDate(a))}` })),
  );
  add(
    'reviewOverdue',
    'Your risks overdue for review',
    risks.map((r) => ({ ref: r.ref, kind: 'risk', title: r.title, detail: `review was due ${formatDate(r.nextReviewDate)}` })),
  );
  add(
    'awaitingDecision',
    'Sign-offs awaiting your decision',
    signOffs.map((s) => ({ ref: s.ref, kind: 'signoff', title: s.title, detail: `due by ${formatDate(s.dueBy)}` })),
  );
  if (!sections.length) return undefined;
  return {
    place: mine[0]?.place ?? risks[0]?.place ?? signOffs[0]!.place,
    week: '',
    title: `Good morning, ${src.person.name.split(' ')[0]}: your reminders`,
    subtitle: `${formatDate(today)} · type “reminders off” to stop these`,
    sections,
    mentions: [],
  };
}
