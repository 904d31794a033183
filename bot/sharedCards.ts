// Each kind's shared card: the read-only view everyone in a group chat or channel sees (and what
// search inserts into a message), with a way to open one's own. One table over every kind
// (records/kinds.ts), so a new kind cannot be searchable and have no card.
import { actionCard, NO_CHANGES } from '../cards/actionCards.js';
import type { Notice } from '../cards/commonCards.js';
import { forumCard } from '../cards/forumCards.js';
import { meetingCard, NO_MEETING_CHANGES } from '../cards/meetingCards.js';
import type { AdaptiveCardJson } from '../cards/render.js';
import { NO_RISK_CHANGES, riskCard } from '../cards/riskCards.js';
import { signOffCard } from '../cards/signOffCards.js';
import type { RecordKind } from '../records/kinds.js';
import type { AnyRecord, RecordOf } from '../records/recordTypes.js';
import type { Stored } from '../records/stored.js';
import type { BotDeps } from './ports.js';

/** What drawing a shared card may need: the clock, and a place's risk policy (the escalation line). */
export type SharedCardDeps = Pick<BotDeps, 'clock' | 'places'>;

const SHARED_CARDS = {
  action: (stored, notice, deps) =>
    actionCard({ action: stored.record, etag: stored.etag, now: deps.clock(), permissions: NO_CHANGES, notice, shared: true }),
  risk: async (stored, notice, deps) => {
    const { escalationThreshold } = await deps.places.riskPolicyOf(stored.record.place);
    return riskCard({
      risk: stored.record,
      etag: stored.etag,
      now: deps.clock(),
      permissions: NO_RISK_CHANGES,
      threshold: escalationThreshold,
      notice,
      shared: true,
    });
  },
  signoff: (stored, notice) => signOffCard({ signOff: stored.record, etag: stored.etag, view: 'shared', notice }),
  meeting: (stored, notice, deps) => meetingSharedCard(stored, notice, deps.clock()),
  forum: (stored, notice) => forumCard({ stored, mayAdminister: false, notice }),
} satisfies {
  [K in RecordKind]: (stored: Stored<RecordOf<K>>, notice: Notice, deps: SharedCardDeps) => AdaptiveCardJson | Promise<AdaptiveCardJson>;
};

/** Any record's shared card. */
export async function sharedCardOf(stored: Stored<AnyRecord>, notice: Notice, deps: SharedCardDeps): Promise<AdaptiveCardJson> {
  const draw = SHARED_CARDS[stored.record.kind] as (
    s: Stored<AnyRecord>,
    n: Notice,
    d: SharedCardDeps,
  ) => AdaptiveCardJson | Promise<AdaptiveCardJson>;
  return draw(stored, notice, deps);
}

/** A meeting's shared card: its agenda as prepared, nobody's buttons. */
export function meetingSharedCard(stored: Stored<RecordOf<'meeting'>>, notice: Notice, now: Date): AdaptiveCardJson {
  const entries = stored.record.agenda.map((item) => ({ item }));
  return meetingCard({
    meeting: stored.record,
    etag: stored.etag,
    entries,
    permissions: NO_MEETING_CHANGES,
    composed: '',
    now,
    notice,
    shared: true,
  });
}
