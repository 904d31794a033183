// A place's forums: the list ("forums Lancashire"), one forum's card (its chairs with their titles,
// rhythm, next meeting and reporting lines; archive or restore for the place's admins), and the
// form an admin adds or changes one with. Pure: data in, card JSON out.
import { formatDate, type IsoDate } from '../records/dates.js';
import { FORUM_STATUS_LABELS, PACK_DAYS_DEFAULT, PACK_DAYS_RANGE, REPORTING_TARGETS, type Forum } from '../records/forum.js';
import { describeRhythm, RHYTHM_EXAMPLE } from '../records/forumRhythm.js';
import { PLACE_NAMES, type PlaceCode } from '../records/places.js';
import { execute, type Notice } from './commonCards.js';
import { delegateFacts, delegatePanel, type DelegatePanel } from './forumDelegateCards.js';
import type { AdaptiveCardJson } from './render.js';
import { plain, speech, truncate } from './text.js';

const card = (speak: string, body: unknown[], actions: unknown[] = []): AdaptiveCardJson => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  speak,
  body,
  ...(actions.length ? { actions } : {}),
});

const noticeBlock = (notice?: Notice) =>
  notice
    ? [
        {
          type: 'TextBlock',
          text: plain(notice.text),
          wrap: true,
          color:
            notice.style === 'default'
              ? 'Default'
              : notice.style === 'good'
                ? 'Good'
                : notice.style === 'accent'
                  ? 'Accent'
                  : notice.style === 'warning'
                    ? 'Warning'
                    : 'Attention',
        },
      ]
    : [];

/** "Judith Mills, Independent Chair; …" */
export function chairsLine(forum: Pick<Forum, 'chairs'>): string {
  return forum.chairs.map((c) => `${c.name}, ${c.title}`).join('; ');
}

export interface ForumCardInput {
  stored: { record: Forum; etag: string };
  next?: IsoDate;
  mayAdminister: boolean;
  notice?: Notice;
  /** For a chair of the forum: the panel to name or end their delegate for key messages. */
  delegating?: DelegatePanel;
}

export function forumCard({ stored, next, mayAdminister, notice, delegating }: ForumCardInput): AdaptiveCardJson {
  const f = stored.record;
  const facts = [
    { title: 'Place', value: PLACE_NAMES[f.place] + (f.locality ? ` (${f.locality})` : '') },
    { title: 'Chairs', value: plain(chairsLine(f)) },
    ...(f.viceChair ? [{ title: 'Vice-chair', value: plain(f.viceChair.name) }] : []),
    ...(f.secretary ? [{ title: 'Secretary', value: plain(f.secretary.name) }] : []),
    { title: 'Meets', value: `${describeRhythm(f.rhythm)}, ${f.startTime}` },
    { title: 'Next meeting', value: next ? formatDate(next) : 'None from its rhythm' },
    { title: 'Board pack offered', value: `${f.packDaysBefore ?? PACK_DAYS_DEFAULT} working days before` },
    ...f.reportingLines.map((l) => ({
      title: 'Reports to',
      value: plain(`${l.name} (${REPORTING_TARGETS[l.to]})${l.receiver ? `, received by ${l.receiver.name}` : ''}`),
    })),
    { title: 'Status', value: FORUM_STATUS_LABELS[f.status] },
  ];
  const data = { ref: f.ref, etag: stored.etag };
  const actions = mayAdminister
    ? f.status === 'ACTIVE'
      ? [execute('Edit', 'forum.edit', { ref: f.ref }), execute('Archive', 'forum.archive', data)]
      : [execute('Restore', 'forum.restore', data)]
    : [];
  return card(
    speech(f.name, chairsLine(f), notice?.text),
    [
      { type: 'TextBlock', text: plain(f.name), size: 'Large', weight: 'Bolder', wrap: true },
      { type: 'TextBlock', text: f.ref, isSubtle: true, spacing: 'None' },
      ...noticeBlock(notice),
      { type: 'FactSet', facts: [...facts, ...delegateFacts(f)] },
      ...(delegating && f.status === 'ACTIVE' ? delegatePanel(f, stored.etag, delegating) : []),
    ],
    actions,
  );
}

export interface ForumListInput {
  place: PlaceCode;
  forums: { record: Forum; next?: IsoDate }[];
  mayAdminister: boolean;
  notice?: Notice;
}

/** "forums Lancashire": each forum with its chairs' titles and its next meeting; archived ones last. */
export function forumListCard({ place, forums, mayAdminister, notice }: ForumListInput): AdaptiveCardJson {
  const sorted = [...forums].sort((a, b) =>
    a.record.status === b.record.status ? a.record.name.localeCompare(b.record.name) : a.record.status === 'ACTIVE' ? -1 : 1,
  );
  const rows = sorted.map(({ record: f, next }) => ({
    type: 'Container',
    separator: true,
    selectAction: execute(f.name, 'forum.view', { ref: f.ref }),
    items: [
      {
        type: 'TextBlock',
        text: `${plain(truncate(f.name, 120))}${f.status === 'ARCHIVED' ? ' (archived)' : ''}`,
        weight: 'Bolder',
        wrap: true,
      },
      { type: 'TextBlock', text: plain(truncate(chairsLine(f), 300)), wrap: true, spacing: 'None' },
      {
        type: 'TextBlock',
        text: `${describeRhythm(f.rhythm)}${next && f.status === 'ACTIVE' ? ` · next ${formatDate(next)}` : ''}`,
        isSubtle: true,
        wrap: true,
        spacing: 'None',
      },
      ...(mayAdminister && f.status === 'ACTIVE'
        ? [{ type: 'ActionSet', actions: [execute(`Edit ${truncate(f.name, 60)}`, 'forum.edit', { ref: f.ref })] }]
        : []),
    ],
  }));
  const heading = `Forums of ${PLACE_NAMES[place]}`;
  return card(
    speech(heading, `${forums.length} forums`),
    [
      { type: 'TextBlock', text: heading, size: 'Large', weight: 'Bolder', wrap: true },
      ...noticeBlock(notice),
      ...(rows.length ? rows : [{ type: 'TextBlock', text: 'No forums yet.', wrap: true }]),
    ],
    mayAdminister ? [execute('Add a forum', 'forum.form', { place })] : [],
  );
}

/** What the add form holds, as typed. */
export interface ForumFormValues {
  place: string;
  name: string;
  locality: string;
  chairs: string;
  viceChair: string;
  secretary: string;
  rhythm: string;
  startTime: string;
  reportingLines: string;
  packDaysBefore: string;
}

const text = (id: string, label: string, value: string, error?: string, extra: Record<string, unknown> = {}) => [
  { type: 'Input.Text', id, label, value, maxLength: 2000, ...extra },
  ...(error ? [{ type: 'TextBlock', text: plain(error), color: 'Attention', wrap: true, spacing: 'None' }] : []),
];

/** Editing a stored forum: the version the form was drawn at (its ETag goes back with the change), and a line of news. */
export interface ForumEditing {
  stored: { record: Forum; etag: string };
  notice?: Notice;
}

/**
 * The form a place admin adds a forum with, or (editing) changes one with, pre-filled with its
 * current values; the same form comes back with what was typed and what to fix.
 */
export function forumFormCard(
  formId: string,
  values: ForumFormValues,
  problems: { errors: Record<string, string>; banner: string },
  editing?: ForumEditing,
): AdaptiveCardJson {
  const e = problems.errors;
  const targets = Object.keys(REPORTING_TARGETS).join(', ');
  const current = editing?.stored.record;
  const heading = current ? `Change ${current.name}` : `Add a forum to ${PLACE_NAMES[values.place as PlaceCode] ?? 'a place'}`;
  const actions = current
    ? [
        execute('Save changes', 'forum.change', { ref: current.ref, etag: editing.stored.etag }),
        execute('Cancel', 'forum.view', { ref: current.ref }),
      ]
    : [execute('Add forum', 'forum.create', { formId, place: values.place })];
  return card(
    speech(heading, editing?.notice?.text ?? problems.banner),
    [
      { type: 'TextBlock', text: plain(truncate(heading, 200)), size: 'Large', weight: 'Bolder', wrap: true },
      ...(current ? [{ type: 'TextBlock', text: current.ref, isSubtle: true, spacing: 'None' }] : []),
      ...noticeBlock(editing?.notice),
      // Not saved: what is stored now, beside the entry kept in the form below.
      ...(current && editing.notice
        ? [
            {
              type: 'FactSet',
              facts: [
                { title: 'Stored name', value: plain(truncate(current.name, 200)) },
                { title: 'Stored chairs', value: plain(truncate(chairsLine(current), 400)) },
                { title: 'Stored rhythm', value: `${describeRhythm(current.rhythm)}, ${current.startTime}` },
              ],
            },
          ]
        : []),
      ...(problems.banner ? [{ type: 'TextBlock', text: plain(problems.banner), color: 'Attention', wrap: true }] : []),
      ...(e.place ? [{ type: 'TextBlock', text: plain(e.place), color: 'Attention', wrap: true }] : []),
      ...text('name', 'Name', values.name, e.name),
      ...text('locality', 'Locality (Lancashire only: Central, North or East)', values.locality, e.locality),
      ...text('chairs', 'Chairs, one a line: name | the title they sign with', values.chairs, e.chairs, { isMultiline: true }),
      ...text('viceChair', 'Vice-chair', values.viceChair, e.viceChair),
      ...text('secretary', 'Secretary', values.secretary, e.secretary),
      ...text('rhythm', `Rhythm, ${RHYTHM_EXAMPLE}`, values.rhythm, e.rhythm),
      ...text('startTime', 'Start time (hh:mm)', values.startTime, e.startTime),
      ...text(
        'packDaysBefore',
        `Offer the board pack this many working days before each meeting (${PACK_DAYS_RANGE.min}–${PACK_DAYS_RANGE.max}; empty: ${PACK_DAYS_DEFAULT})`,
        values.packDaysBefore,
        e.packDaysBefore,
      ),
      ...text(
        'reportingLines',
        `Reporting lines, one a line: where | its name | who receives for it, if anyone (where is one of ${targets})`,
        values.reportingLines,
        e.reportingLines,
        {
          isMultiline: true,
        },
      ),
    ],
    actions,
  );
}
