// The weekly digest of one place (or one Lancashire locality channel), composed from records.
// Pure: the store gathers the week's changed records and the open-record lists; this decides
// what each section says. Nothing here reads the whole history.
import { currentDueDate, type Action } from './action.js';
import { addDays, daysBetween, formatDate, londonToday, type IsoDate } from './dates.js';
import type { Person } from './people.js';
import { PLACE_PRIORITIES, type Locality, type PlaceCode, type PlacePriority } from './places.js';
import { currentScore, escalationReasons, type Risk } from './risk.js';
import { digestWindow, weekLabel, type WeekKey } from './schedule.js';
import { SIGNOFF_STATUS_LABELS, type SignOff } from './signoff.js';
import { AMBER_WINDOW_DAYS } from './action.js';
import type { RecordKind } from './audit.js';
import { escalationTargetLabel, keyMessagesTitle, longDate, type Meeting } from './meeting.js';
import { countByRag, type RagCount } from './tallies.js';
import { ACKNOWLEDGE_WITHIN_DAYS, unacknowledgedDigestItems } from './escalationList.js';

/** Items shown per section before "and N more": keeps a busy place's card well under 40 KB. */
export const DIGEST_SECTION_LIMIT = 8;
/** At most this many people are @mentioned in one digest. */
export const DIGEST_MENTION_LIMIT = 20;

export interface DigestSources {
  place: PlaceCode;
  placeName: string;
  /** A Lancashire locality channel gets that locality's actions (and place-wide ones). */
  locality?: Locality;
  week: WeekKey;
  /** When it is composed: "overdue" and "due soon" are as of this instant's London date. */
  now: Date;
  /** The place's escalation threshold. */
  threshold: number;
  /** Current versions of the records that changed in the week's window (from the audit rows). */
  changed: { actions: Action[]; risks: Risk[]; signOffs: SignOff[]; meetings?: Meeting[] };
  /** Every open action of the place: the RAG split on the digest's chart. */
  openActions: Action[];
  /** Open actions past their due date, and due within the next 14 days. */
  overdueActions: Action[];
  dueActions: Action[];
  /** Open risks the store flagged for escalation (threshold, appetite, review overdue). */
  escalatedRisks: Risk[];
  /** Sign-offs still waiting: pending, information requested, awaiting ratification. */
  openSignOffs: SignOff[];
  /** Meetings with a matter for escalation not acknowledged after 14 days (records/escalationList.ts). */
  unacknowledgedMatters?: Meeting[];
  /** Forward plan items of the place's forums that missed their meeting (records/forwardPlanAgenda.ts). */
  missedPlanItems?: DigestItem[];
}

export type DigestSectionId =
  | 'newActions'
  | 'newRisks'
  | 'closedActions'
  | 'overdueActions'
  | 'dueActions'
  | 'escalatedRisks'
  | 'aboveAppetite'
  | 'reviewOverdue'
  | 'awaitingDecision'
  | 'decided'
  | 'awaitingRatification'
  | 'keyMessages'
  | 'mattersEscalated'
  | 'mattersUnacknowledged'
  | 'missedPlanItems';

export interface DigestItem {
  ref: string;
  kind: RecordKind;
  /** What it is about (user text: rendered literally). */
  title: string;
  /** One line of facts: owner, dates, outcome. */
  detail: string;
  /** A second line where there is one, e.g. "You said … We did …". */
  note?: string;
  /** The place priority it serves, for grouping. */
  priority?: PlacePriority;
}

export interface DigestGroup {
  /** A place priority's name, or "" when the section is not grouped. */
  label: string;
  items: DigestItem[];
}

export interface DigestSection {
  id: DigestSectionId;
  heading: string;
  /** How many records the section holds; only the first DIGEST_SECTION_LIMIT are shown. */
  total: number;
  groups: DigestGroup[];
  more: number;
}

/** Overdue actions by the week they fell due: a bar on the digest's chart. */
export interface OverdueWeek {
  /** The Monday of that week (London). */
  weekOf: IsoDate;
  count: number;
}

/** The weeks of overdue actions a digest charts, the latest last. */
export const OVERDUE_WEEKS_CHARTED = 8;

/** The numbers behind the digest's charts (cards/ draws them, with their words). */
export interface DigestCharts {
  /** Open actions of the channel's place (or locality) by RAG: red, amber, green, blue. */
  openByRag: RagCount[];
  /** Open actions now overdue, by the week they fell due, for the last 8 weeks (oldest first). */
  overdueByWeek: OverdueWeek[];
  /** Overdue actions that fell due before the first of those weeks. */
  overdueEarlier: number;
}

export interface Digest {
  place: PlaceCode;
  week: WeekKey;
  title: string;
  subtitle: string;
  sections: DigestSection[];
  /** Owners of overdue actions shown, to @mention so Teams notifies them. */
  mentions: Person[];
  /** One line when there is nothing to report. */
  quiet?: string;
  /** The numbers for its charts (a place's weekly digest has them; a personal reminder does not). */
  charts?: DigestCharts;
}

export const QUIET_WEEK = 'A quiet week: nothing new, closed, overdue or due soon, no risks to escalate and no sign-offs waiting.';

const HEADINGS: Record<DigestSectionId, string> = {
  newActions: 'New actions',
  newRisks: 'New risks',
  closedActions: 'Actions closed',
  overdueActions: 'Overdue actions',
  dueActions: `Actions due in the next ${AMBER_WINDOW_DAYS} days`,
  escalatedRisks: 'Risks escalated',
  aboveAppetite: 'Risks above appetite',
  reviewOverdue: 'Risks overdue for review',
  awaitingDecision: 'Sign-offs awaiting a decision',
  decided: 'Sign-offs decided this week',
  awaitingRatification: "Chair's actions awaiting ratification",
  keyMessages: 'Key messages published',
  mattersEscalated: 'Matters escalated from board meetings',
  mattersUnacknowledged: `Matters escalated and not acknowledged after ${ACKNOWLEDGE_WITHIN_DAYS} days`,
  missedPlanItems: 'Forward plan items that missed their meeting',
};

const PRIORITY_ORDER = Object.keys(PLACE_PRIORITIES) as PlacePriority[];
const NO_PRIORITY = 'Not linked to a place priority';

const inWindow = (at: string | undefined, w: { from: Date; to: Date }) => {
  if (!at) return false;
  const t = new Date(at).getTime();
  return t >= w.from.getTime() && t < w.to.getTime();
};

const byRef = <T extends { ref: string }>(a: T, b: T) => a.ref.localeCompare(b.ref);

/** Composes one place's (or locality's) digest for a week. */
export function composeDigest(src: DigestSources): Digest {
  const window = digestWindow(src.week);
  const today = londonToday(src.now);
  const forChannel = (a: Action) => !src.locality || !a.locality || a.locality === src.locality;
  const actions = src.changed.actions.filter((a) => a.place === src.place && forChannel(a));
  const risks = src.changed.risks.filter((r) => r.place === src.place);
  const signOffs = src.changed.signOffs.filter((s) => s.place === src.place);

  const sections: DigestSection[] = [];
  const leading = localityFirst(src);
  const add = (id: DigestSectionId, all: DigestItem[], grouped = false) => {
    if (all.length === 0) return;
    const items = leading(all);
    const shown = items.slice(0, DIGEST_SECTION_LIMIT);
    sections.push({
      id,
      heading: HEADINGS[id],
      total: items.length,
      groups: grouped ? groupByPriority(shown) : [{ label: '', items: shown }],
      more: items.length - shown.length,
    });
  };

  const ownerDue = (a: Action) => `${a.owner.name} · due ${formatDate(currentDueDate(a))}`;

  add(
    'newActions',
    actions
      .filter((a) => inWindow(a.raisedAt, window))
      .sort(byRef)
      .map((a) => actionItem(a, ownerDue(a))),
    true,
  );
  add(
    'newRisks',
    risks
      .filter((r) => inWindow(r.raisedAt, window))
      .sort(byRef)
      .map((r) => riskItem(r, `${r.owner.name} · score ${currentScore(r)}`)),
  );
  add(
    'closedActions',
    actions
      .filter((a) => a.status === 'CLOSED' && inWindow(a.closure?.at, window))
      .sort(byRef)
      .map((a) => ({
        ...actionItem(a, `Closed: ${a.closure!.decision}`),
        ...(a.feedback ? { note: `You said: ${a.feedback.youSaid} We did: ${a.feedback.weDid ?? '(not recorded)'}` } : {}),
      })),
    true,
  );

  const overdue = src.overdueActions.filter((a) => a.place === src.place && forChannel(a) && currentDueDate(a) < today);
  add(
    'overdueActions',
    overdue.map((a) => {
      const days = daysBetween(currentDueDate(a), today);
      return actionItem(a, `${a.owner.name} · ${days} day${days === 1 ? '' : 's'} overdue (due ${formatDate(currentDueDate(a))})`);
    }),
    true,
  );
  const horizon = addDays(today, AMBER_WINDOW_DAYS);
  add(
    'dueActions',
    src.dueActions
      .filter((a) => a.place === src.place && forChannel(a) && currentDueDate(a) >= today && currentDueDate(a) <= horizon)
      .map((a) => actionItem(a, ownerDue(a))),
    true,
  );

  // Each escalated risk appears once, under its most serious reason.
  const threshold = { threshold: src.threshold, now: src.now };
  const escalated: Risk[] = [];
  const aboveAppetite: Risk[] = [];
  const reviewOverdue: Risk[] = [];
  for (const r of src.escalatedRisks.filter((x) => x.place === src.place)) {
    const reasons = escalationReasons(r, threshold);
    if (reasons.includes('AT_THRESHOLD')) escalated.push(r);
    else if (reasons.includes('ABOVE_APPETITE')) aboveAppetite.push(r);
    else if (reasons.includes('REVIEW_OVERDUE')) reviewOverdue.push(r);
  }
  const riskLine = (r: Risk) =>
    `${r.owner.name} · score ${currentScore(r)} (tolerated ${r.appetite.toleratedScore}) · next review ${formatDate(r.nextReviewDate)}`;
  add(
    'escalatedRisks',
    escalated.map((r) => riskItem(r, riskLine(r))),
  );
  add(
    'aboveAppetite',
    aboveAppetite.map((r) => riskItem(r, riskLine(r))),
  );
  add(
    'reviewOverdue',
    reviewOverdue.map((r) => riskItem(r, `${r.owner.name} · review was due ${formatDate(r.nextReviewDate)}`)),
  );

  const open = src.openSignOffs
    .filter((s) => s.place === src.place)
    .sort((a, b) => (a.dueBy < b.dueBy ? -1 : a.dueBy > b.dueBy ? 1 : byRef(a, b)));
  add(
    'awaitingDecision',
    open
      .filter((s) => s.status === 'PENDING' || s.status === 'INFO_REQUESTED')
      .map((s) =>
        signOffItem(s, `${SIGNOFF_STATUS_LABELS[s.status]} · ${s.approvers.map((p) => p.name).join(', ')} · due by ${formatDate(s.dueBy)}`),
      ),
  );
  add(
    'decided',
    signOffs
      .filter((s) => s.decision && inWindow(s.decision.at, window))
      .sort(byRef)
      .map((s) => ({
        ...signOffItem(s, `${SIGNOFF_STATUS_LABELS[s.decision!.outcome]} by ${s.decision!.by.name}`),
        ...(s.decision!.conditions ? { note: `Conditions: ${s.decision!.conditions}` } : {}),
      })),
  );
  add(
    'awaitingRatification',
    open
      .filter((s) => s.status === 'AWAITING_RATIFICATION')
      .map((s) => signOffItem(s, `Decided by ${s.decision?.by.name ?? 'the chair'} · for ratification at ${s.board}`)),
  );

  // Board meetings: the week's published key messages, and matters escalated from this place.
  const meetings = (src.changed.meetings ?? []).filter((m) => m.place === src.place).sort(byRef);
  add(
    'keyMessages',
    meetings
      .filter((m) => m.keyMessages?.published && inWindow(m.keyMessages.published.at, window))
      .map((m) => ({
        ref: m.ref,
        kind: 'meeting' as const,
        title: keyMessagesTitle(m),
        detail: `Signed off by ${m.keyMessages!.published!.signedOffBy.name}, ${m.keyMessages!.published!.role} · posted ${longDate(m.keyMessages!.published!.posted)}`,
        note: m.keyMessages!.text.split('\n').slice(1).join(' ').replace(/\s+/g, ' ').trim().slice(0, 300),
      })),
  );
  add(
    'mattersEscalated',
    meetings.flatMap((m) =>
      m.matters
        .filter((x) => inWindow(x.at, window))
        .map((x) => ({
          ref: m.ref,
          kind: 'meeting' as const,
          title: x.text,
          detail: `To ${escalationTargetLabel(x)} · from ${m.board}, ${longDate(m.date)}`,
        })),
    ),
  );
  add('mattersUnacknowledged', unacknowledgedDigestItems(src.unacknowledgedMatters ?? [], src.place, src.now));
  add('missedPlanItems', src.missedPlanItems ?? []);

  const shownOverdue = sections.find((s) => s.id === 'overdueActions')?.groups.flatMap((g) => g.items) ?? [];
  const mentions = new Map<string, Person>();
  for (const item of shownOverdue) {
    const a = overdue.find((x) => x.ref === item.ref)!;
    if (mentions.size < DIGEST_MENTION_LIMIT) mentions.set(a.owner.id, { id: a.owner.id, name: a.owner.name });
  }

  const where = src.locality ? `${src.locality} ${src.placeName}` : src.placeName;
  return {
    place: src.place,
    week: src.week,
    title: `${where}: weekly digest`,
    subtitle: `Week of ${weekLabel(src.week)} · changes since ${formatDate(londonToday(window.from))}${src.locality ? ` · ${src.locality}'s first, then ${src.placeName}-wide` : ''}`,
    sections,
    mentions: [...mentions.values()],
    ...(sections.length === 0 ? { quiet: QUIET_WEEK } : {}),
    charts: {
      openByRag: countByRag(
        src.openActions.filter((a) => a.place === src.place && forChannel(a)),
        src.now,
      ),
      ...overdueByWeek(overdue.map(currentDueDate), today),
    },
  };
}

/**
 * Overdue due dates by the week (Monday to Sunday, London) they fell in, for the eight weeks up to
 * the one holding the day before `today` (the last day anything can be overdue), oldest first.
 */
export function overdueByWeek(dueDates: IsoDate[], today: IsoDate): Pick<DigestCharts, 'overdueByWeek' | 'overdueEarlier'> {
  const lastDay = addDays(today, -1);
  const lastMonday = addDays(lastDay, -mondayOffset(lastDay));
  const weeks: OverdueWeek[] = Array.from({ length: OVERDUE_WEEKS_CHARTED }, (_, i) => ({
    weekOf: addDays(lastMonday, -7 * (OVERDUE_WEEKS_CHARTED - 1 - i)),
    count: 0,
  }));
  const first = weeks[0]!.weekOf;
  let earlier = 0;
  for (const due of dueDates) {
    if (due >= today) continue;
    if (due < first) earlier += 1;
    else weeks[Math.floor(daysBetween(first, due) / 7)]!.count += 1;
  }
  return { overdueByWeek: weeks, overdueEarlier: earlier };
}

/** Days since the Monday of the date's week (0 on a Monday). */
function mondayOffset(date: IsoDate): number {
  return (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
}

function actionItem(a: Action, detail: string): DigestItem {
  return { ref: a.ref, kind: 'action', title: a.description, detail, ...(a.links.priority ? { priority: a.links.priority } : {}) };
}

function riskItem(r: Risk, detail: string): DigestItem {
  return { ref: r.ref, kind: 'risk', title: r.title, detail };
}

function signOffItem(s: SignOff, detail: string): DigestItem {
  return { ref: s.ref, kind: 'signoff', title: s.title, detail };
}

/** Items under the five place priorities in their agreed order, then those not linked to one. */
/**
 * A locality channel's digest leads with its locality: in each section its own actions and
 * meetings come first (so also within the items shown), then the place-wide ones, each in the
 * section's own order. A place's channel: as composed.
 */
function localityFirst(src: DigestSources): (items: DigestItem[]) => DigestItem[] {
  if (!src.locality) return (items) => items;
  const own = new Set(
    [...src.changed.actions, ...src.overdueActions, ...src.dueActions, ...(src.changed.meetings ?? [])]
      .filter((r) => r.locality === src.locality)
      .map((r) => r.ref),
  );
  const rank = (i: DigestItem) => (own.has(i.ref) ? 0 : 1);
  return (items) => [...items].sort((a, b) => rank(a) - rank(b));
}

function groupByPriority(items: DigestItem[]): DigestGroup[] {
  const groups: DigestGroup[] = [];
  for (const p of PRIORITY_ORDER) {
    const inGroup = items.filter((i) => i.priority === p);
    if (inGroup.length) groups.push({ label: PLACE_PRIORITIES[p], items: inGroup });
  }
  const rest = items.filter((i) => !i.priority);
  if (rest.length) groups.push({ label: groups.length ? NO_PRIORITY : '', items: rest });
  return groups;
}
