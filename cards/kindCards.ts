// What every card needs to know of each kind: how it is named, the verb that opens one, and its
// line in a list of results. A table per concern, each typed over every kind (records/kinds.ts).
import { STATUS_LABELS } from '../records/action.js';
import { FORUM_STATUS_LABELS } from '../records/forum.js';
import { KIND_LABELS, type RecordKind } from '../records/kinds.js';
import { MEETING_STATUS_LABELS } from '../records/meeting.js';
import type { AnyRecord, RecordOf } from '../records/recordTypes.js';
import { RISK_STATUS_LABELS } from '../records/risk.js';
import { SIGNOFF_STATUS_LABELS } from '../records/signoff.js';
import { truncate } from './text.js';

/** The card verb that opens one record of a kind (its view, for whoever clicks). */
export const VIEW_VERB = {
  action: 'action.view',
  risk: 'risk.view',
  signoff: 'signoff.view',
  meeting: 'meeting.view',
  forum: 'forum.view',
} as const satisfies Record<RecordKind, string>;

/** A record in one line: its status in words, a title, and whose it is. */
export interface RecordLine {
  kind: string;
  status: string;
  title: string;
  who: string;
}

const LINES = {
  action: (r) => ({ status: STATUS_LABELS[r.status], title: r.description, who: `Owner ${r.owner.name}` }),
  risk: (r) => ({ status: RISK_STATUS_LABELS[r.status], title: r.title, who: `Owner ${r.owner.name}` }),
  signoff: (r) => ({ status: SIGNOFF_STATUS_LABELS[r.status], title: r.title, who: `Asked by ${r.requestedBy.name}` }),
  meeting: (r) => ({ status: MEETING_STATUS_LABELS[r.status], title: `${r.board}, ${r.date}`, who: `Prepared by ${r.preparedBy.name}` }),
  forum: (r) => ({ status: FORUM_STATUS_LABELS[r.status], title: r.name, who: r.chairs.map((c) => `${c.name}, ${c.title}`).join('; ') }),
} satisfies { [K in RecordKind]: (record: RecordOf<K>) => Omit<RecordLine, 'kind'> };

/** Any record in one line (the title cut to `titleChars`). */
export function recordLine(record: AnyRecord, titleChars = 160): RecordLine {
  const line = (LINES[record.kind] as (r: AnyRecord) => Omit<RecordLine, 'kind'>)(record);
  return { kind: KIND_LABELS[record.kind].title, ...line, title: truncate(line.title, titleChars) };
}
