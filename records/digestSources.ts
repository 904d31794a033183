// Gathers what one place's digest needs from the record store. Its cost follows the week's
// changes (one audit row-key range, then one read per changed record) and the place's open
// records (the open-record queries: open actions, risks to escalate, open sign-offs), never the
// whole history.
import { compareForWorklist, currentDueDate, type Action } from './action.js';
import type { AuditEvent, RecordKind } from './audit.js';
import { addDays, londonToday } from './dates.js';
import type { DigestSources } from './digest.js';
import type { PlaceSettings } from './placeSettings.js';
import type { Locality, PlaceCode } from './places.js';
import type { Meeting } from './meeting.js';
import type { Forum } from './forum.js';
import { missedPlanDigestItems } from './forwardPlanAgenda.js';
import type { Risk } from './risk.js';
import type { Stored } from './store/entity.js';
import { digestWindow, type WeekKey } from './schedule.js';
import { OPEN_SIGNOFF_STATUSES, type SignOff } from './signoff.js';
import { AMBER_WINDOW_DAYS } from './action.js';
import { waitedTooLongBefore } from './escalationList.js';

/** The record-store reads the digest uses (RecordStore has them all). */
export interface DigestReads {
  changesBetween(place: PlaceCode, fromIso: string, toIso: string): Promise<AuditEvent[]>;
  /** Only the refs and kinds changed in the window (the store reads just those columns); preferred when there. */
  changedRefsBetween?(place: PlaceCode, fromIso: string, toIso: string): Promise<{ ref: string; kind: RecordKind }[]>;
  get(kind: 'action', ref: string): Promise<Stored<Action> | undefined>;
  get(kind: 'risk', ref: string): Promise<Stored<Risk> | undefined>;
  get(kind: 'signoff', ref: string): Promise<Stored<SignOff> | undefined>;
  get(kind: 'meeting', ref: string): Promise<Stored<Meeting> | undefined>;
  listEscalatedRisks(place: PlaceCode, threshold: number, today: string): Promise<Stored<Risk>[]>;
  listByPlace(kind: 'signoff', place: PlaceCode, opts: { statuses?: readonly string[] }): Promise<Stored<SignOff>[]>;
  listByPlace(kind: 'action', place: PlaceCode, opts: { openOnly: true }): Promise<Stored<Action>[]>;
  /** Meetings with a matter sent before that instant and not acknowledged (one index range); absent in older fakes. */
  unacknowledgedMatters?(place: PlaceCode, sentBefore: string): Promise<Stored<Meeting>[]>;
  /** The place's forums (a handful), for their forward plans' missed items. */
  listByPlace(kind: 'forum', place: PlaceCode): Promise<Stored<Forum>[]>;
}

const READS_AT_ONCE = 16;

async function mapLimited<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

export async function gatherDigestSources(
  reads: DigestReads,
  settings: Pick<PlaceSettings, 'place' | 'displayName' | 'escalationThreshold'>,
  channel: { locality?: Locality },
  week: WeekKey,
  now: Date,
): Promise<DigestSources> {
  const place = settings.place;
  const window = digestWindow(week);
  const today = londonToday(now);
  // The place's open actions are read once: they give the RAG split, the overdue ones and those due soon.
  const [events, openStored, escalated, open, waiting, forums] = await Promise.all([
    // Only what is used (ref and kind): the week's events can be large, the digest's memory stays flat.
    reads.changedRefsBetween
      ? reads.changedRefsBetween(place, window.from.toISOString(), window.to.toISOString())
      : reads.changesBetween(place, window.from.toISOString(), window.to.toISOString()),
    reads.listByPlace('action', place, { openOnly: true }),
    reads.listEscalatedRisks(place, settings.escalationThreshold, today),
    reads.listByPlace('signoff', place, { statuses: OPEN_SIGNOFF_STATUSES }),
    reads.unacknowledgedMatters?.(place, waitedTooLongBefore(now)) ?? [],
    reads.listByPlace('forum', place),
  ]);
  const openActions = openStored.map((s) => s.record).sort(compareForWorklist);
  const horizon = addDays(today, AMBER_WINDOW_DAYS);
  const changed = new Map<string, RecordKind>();
  for (const e of events) changed.set(e.ref, e.kind);
  const current = await mapLimited([...changed], READS_AT_ONCE, async ([ref, kind]) => {
    if (kind === 'action') return reads.get('action', ref);
    if (kind === 'risk') return reads.get('risk', ref);
    if (kind === 'meeting') return reads.get('meeting', ref);
    return reads.get('signoff', ref);
  });
  const records = current.filter((s): s is NonNullable<typeof s> => !!s).map((s) => s.record);
  return {
    place,
    placeName: settings.displayName,
    ...(channel.locality ? { locality: channel.locality } : {}),
    week,
    now,
    threshold: settings.escalationThreshold,
    changed: {
      actions: records.filter((r): r is Action => r.kind === 'action'),
      risks: records.filter((r): r is Risk => r.kind === 'risk'),
      signOffs: records.filter((r): r is SignOff => r.kind === 'signoff'),
      meetings: records.filter((r): r is Meeting => r.kind === 'meeting'),
    },
    openActions,
    overdueActions: openActions.filter((a) => currentDueDate(a) < today),
    dueActions: openActions.filter((a) => currentDueDate(a) >= today && currentDueDate(a) <= horizon),
    escalatedRisks: escalated.map((s) => s.record),
    openSignOffs: open.map((s) => s.record),
    unacknowledgedMatters: waiting.map((s) => s.record),
    missedPlanItems: missedPlanDigestItems(
      forums.map((s) => s.record),
      today,
      channel.locality,
    ),
  };
}
