// An action log from a spreadsheet, as drafts of actions or problems the person can fix: its
// columns matched by header (and their usual synonyms), its dates read in UK forms, its owners
// found among the place's people (never guessed). Pure: the caller reads the file and passes the
// rows, the place, its people and the clock.
import { actionDraftSchema, createAction, dueDateProblem, type Action, type ActionDraft } from '../action.js';
import { auditEvent } from '../audit.js';
import { formatDate, londonToday } from '../dates.js';
import { LIMITS, xmlSafe } from '../limits.js';
import type { Transition } from '../outcome.js';
import type { Actor, Person } from '../people.js';
import type { PlaceCode } from '../places.js';
import { readUkDate } from './ukDates.js';
import type { Cell, SheetRow } from './workbook.js';

/** At most this many rows in one import (the header not counted). */
export const IMPORT_MAX_ROWS = 1000;

export const IMPORT_COLUMNS = ['description', 'owner', 'due', 'status', 'rag', 'update', 'meeting', 'minuteRef', 'ref'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Each column's header as the template names it, then the other headers it is known by. */
export const COLUMN_HEADERS: Record<ImportColumn, readonly string[]> = {
  description: ['Action', 'Description', 'Action description'],
  owner: ['Lead', 'Owner', 'Action owner', 'Responsible'],
  due: ['Due date', 'Due', 'Deadline', 'Target date'],
  status: ['Status'],
  rag: ['RAG', 'RAG status'],
  update: ['Latest update', 'Update', 'Progress', 'Comments'],
  meeting: ['Meeting', 'Forum', 'Source meeting'],
  minuteRef: ['Minute ref', 'Minute reference', 'Minute'],
  ref: ['Ref', 'Reference', 'Action ref', 'Action no', 'ID'],
};

const REQUIRED: readonly ImportColumn[] = ['description', 'owner', 'due'];

/** How long each cell may be: what the action keeps of it (records/limits.ts). */
const CELL_MAX: Record<ImportColumn, number> = {
  description: LIMITS.description,
  owner: LIMITS.shortText,
  due: 40,
  status: 40,
  rag: 40,
  update: LIMITS.note - 100,
  meeting: LIMITS.title,
  minuteRef: LIMITS.shortText,
  ref: 40,
};

/** A person of the place, with the e-mail they sign in with where it is known. */
export type PlacePerson = Person & { email?: string };

export type ImportStatus = 'OPEN' | 'IN_PROGRESS' | 'ON_HOLD';

export interface ImportRow {
  row: number;
  theirRef?: string;
  draft: ActionDraft;
  status: ImportStatus;
  update?: string;
}

export interface RowProblem {
  row: number;
  column: string;
  problem: string;
}

export interface ImportPlan {
  /** The header each column was matched to. */
  columns: Partial<Record<ImportColumn, string>>;
  rows: ImportRow[];
  problems: RowProblem[];
  /** A problem with the whole file (nothing can be imported from it). */
  fileProblem?: string;
}

const normal = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9@.]+/g, ' ')
    .trim();

function headerOf(text: string): ImportColumn | undefined {
  const h = normal(text).replace(/\.$/, '');
  return IMPORT_COLUMNS.find((c) => COLUMN_HEADERS[c].some((name) => normal(name) === h));
}

function cellText(cell: Cell | undefined): string {
  if (cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return xmlSafe(String(cell)).trim();
}

const STATUS_WORDS: Record<string, ImportStatus | 'CLOSED'> = {
  '': 'OPEN',
  open: 'OPEN',
  new: 'OPEN',
  'not started': 'OPEN',
  'in progress': 'IN_PROGRESS',
  ongoing: 'IN_PROGRESS',
  'on track': 'IN_PROGRESS',
  started: 'IN_PROGRESS',
  'on hold': 'ON_HOLD',
  paused: 'ON_HOLD',
  closed: 'CLOSED',
  complete: 'CLOSED',
  completed: 'CLOSED',
  done: 'CLOSED',
  cancelled: 'CLOSED',
};

/** The place's person a cell names, by e-mail or by full name, or why none can be chosen. */
export function matchOwner(text: string, people: readonly PlacePerson[]): { ok: true; person: Person } | { ok: false; problem: string } {
  const wanted = normal(text);
  if (!wanted) return { ok: false, problem: 'No owner: give the name or e-mail of one of the place’s people.' };
  const found = wanted.includes('@')
    ? people.filter((p) => normal(p.email ?? '') === wanted || normal(p.id) === wanted)
    : people.filter((p) => normal(p.name) === wanted);
  const unique = [...new Map(found.map((p) => [p.id, p])).values()];
  if (unique.length === 1) return { ok: true, person: { id: unique[0]!.id, name: unique[0]!.name } };
  if (unique.length > 1) return { ok: false, problem: `More than one person is called “${text}”: give their e-mail instead.` };
  return {
    ok: false,
    problem: `“${text.slice(0, 80)}” is not one of the place’s people: give the name or e-mail of a chair, approver or admin in the place’s settings.`,
  };
}

/**
 * The plan of an import: the rows ready to create and every problem, by row and column. A row
 * with any problem is not imported; the others are.
 */
export function planImport(
  sheet: readonly SheetRow[],
  context: { place: PlaceCode; people: readonly PlacePerson[]; now: Date },
): ImportPlan {
  const rows = sheet.filter((r) => r.cells.some((c) => cellText(c) !== ''));
  const [header, ...data] = rows;
  if (!header)
    return { columns: {}, rows: [], problems: [], fileProblem: 'The file is empty: the first row should be the column headers.' };
  const index = new Map<ImportColumn, number>();
  const columns: Partial<Record<ImportColumn, string>> = {};
  header.cells.forEach((cell, i) => {
    const column = headerOf(cellText(cell));
    if (column && !index.has(column)) {
      index.set(column, i);
      columns[column] = cellText(cell);
    }
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length) {
    const named = missing.map((c) => `“${COLUMN_HEADERS[c][0]}” (or ${COLUMN_HEADERS[c].slice(1).join(', ')})`).join('; ');
    return { columns, rows: [], problems: [], fileProblem: `The first row has no column for ${named}. Add it and attach the file again.` };
  }
  if (data.length > IMPORT_MAX_ROWS) {
    return {
      columns,
      rows: [],
      problems: [],
      fileProblem: `The file has ${data.length.toLocaleString('en-GB')} rows; at most ${IMPORT_MAX_ROWS.toLocaleString('en-GB')} can be imported at once. Split it and import each part.`,
    };
  }
  const plan: ImportPlan = { columns, rows: [], problems: [] };
  for (const row of data) {
    const found = planRow(row, index, context);
    if ('problems' in found) plan.problems.push(...found.problems);
    else plan.rows.push(found);
  }
  return plan;
}

function planRow(
  row: SheetRow,
  index: Map<ImportColumn, number>,
  { place, people, now }: { place: PlaceCode; people: readonly PlacePerson[]; now: Date },
): ImportRow | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const say = (column: ImportColumn, problem: string) => problems.push({ row: row.n, column: COLUMN_HEADERS[column][0]!, problem });
  const raw = (column: ImportColumn): Cell | undefined => {
    const i = index.get(column);
    return i === undefined ? undefined : row.cells[i];
  };
  const value = (column: ImportColumn): string => {
    const text = cellText(raw(column));
    if (text.length <= CELL_MAX[column]) return text;
    say(column, `${text.length.toLocaleString('en-GB')} characters: at most ${CELL_MAX[column].toLocaleString('en-GB')}. Shorten it.`);
    return '';
  };
  const description = value('description');
  if (!description && !problems.length) say('description', 'No action: say what is to be done.');
  const ownerText = value('owner');
  const owner = ownerText || !problems.some((p) => p.column === COLUMN_HEADERS.owner[0]) ? matchOwner(ownerText, people) : undefined;
  if (owner && !owner.ok) say('owner', owner.problem);
  const dueCell = raw('due');
  const due = readUkDate(typeof dueCell === 'string' ? dueCell.slice(0, CELL_MAX.due) : (dueCell ?? ''));
  if (!due) say('due', 'No date, or not one I can read: write it like 31/12/2026 or 31 Dec 2026.');
  else if (dueDateProblem(due, now))
    say('due', `${formatDate(due)} is in the past: give a due date of ${formatDate(londonToday(now))} or later.`);
  const statusText = value('status');
  const status = STATUS_WORDS[normal(statusText)];
  if (status === 'CLOSED') say('status', `“${statusText}”: only open actions are imported. Leave closed ones out.`);
  else if (!status) say('status', `“${statusText.slice(0, 40)}” is not a status I know: use Open, In progress or On hold.`);
  const meeting = value('meeting');
  const minuteRef = value('minuteRef');
  const theirRef = value('ref');
  const update = value('update');
  if (problems.length || !owner?.ok || !due || !status || status === 'CLOSED') return { problems };
  const draft = actionDraftSchema.safeParse({
    place,
    description,
    owner: owner.person,
    dueDate: due,
    ...(meeting ? { source: { meeting, ...(minuteRef ? { minuteRef } : {}) } } : {}),
    links: {},
  });
  if (!draft.success) {
    for (const issue of draft.error.issues) problems.push({ row: row.n, column: String(issue.path[0] ?? 'Row'), problem: issue.message });
    return { problems };
  }
  return { row: row.n, draft: draft.data, status, ...(theirRef ? { theirRef } : {}), ...(update ? { update } : {}) };
}

/** Where an imported action came from, as its first update says: "Imported from log.xlsx row 12, their ref CL/23/045." */
export function importedFrom(file: string, row: ImportRow): string {
  return `Imported from ${file} row ${row.row}${row.theirRef ? `, their ref ${row.theirRef}` : ''}.`;
}

/**
 * The action a row creates: the action rule's own create (its due date checked again at the
 * time), with where it came from and their latest update kept as its first updates, its status
 * as the log had it, and an "import" audit event.
 */
export function importAction(file: string, row: ImportRow, ref: string, actor: Actor, now: Date): Transition<Action> {
  const created = createAction(row.draft, ref, actor, now);
  if (!created.ok) return created;
  const by = { id: actor.id, name: actor.name };
  const at = now.toISOString();
  const action: Action = {
    ...created.record,
    updates: [
      { by, at, text: importedFrom(file.slice(0, 200), row) },
      ...(row.update ? [{ by, at, text: `Latest update in the log: ${row.update}` }] : []),
    ],
    ...(row.theirRef ? { oldRef: row.theirRef } : {}),
    status: row.status,
    ...(row.status === 'ON_HOLD' ? { heldFrom: 'OPEN' as const } : {}),
  };
  return { ok: true, record: action, event: auditEvent('action', action, actor, 'import', at, null, action) };
}
