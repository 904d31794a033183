// The action lists: "my actions", due and overdue, "actions <place>" and its views, and a place's
// action log for the board pack. Each reads the action's index rows (codecs.ts actionCodec), in
// a place's partition:
//   idx|A|own|<owner id>|BPL-A-0001     open, by owner ("my actions", the view by owner)
//   idx|A|due|<due date>|BPL-A-0001     open, by current due date (due, overdue, a place's log)
//   idx|A|pfc||BPL-A-0001               open and proposed for closure
//   idx|A|pri|<place priority>|…        open, by place priority
//   idx|A|loc|<locality or ->|LAN-A-…   open Lancashire actions, by locality (- Lancashire-wide)
//   idx|A|end|<London date>|…           closed or cancelled, by the date it ended (the pack's 90 days)
//   idx|A|open||…, idx|A|st|<status>|…  the generic ones (listByPlace, recordStore.ts)
// then the records they name by point reads, each checked against the list's rule again.
import { odata } from '@azure/data-tables';
import { compareForWorklist, currentDueDate, isOpen as isOpenAction, type Action } from '../action.js';
import { londonToday } from '../dates.js';
import type { Locality, PlaceCode, PlacePriority } from '../places.js';
import { actionCodec, PLACE_WIDE } from './codecs.js';
import { ROW, type Stored } from './entity.js';
import { and, type Entity, type PrimitiveReads } from './reads.js';

/** One view of a place's open actions ("actions <place>" and its filter buttons). */
export type PlaceActionsView =
  | { kind: 'open' }
  | { kind: 'overdue'; today: string }
  | { kind: 'proposed' }
  | { kind: 'priority'; priority: PlacePriority }
  | { kind: 'owner'; ownerId: string };

/**
 * Which of a place's actions a view draws from: none, all of them; `locality`, a Lancashire
 * locality's own (a locality channel's `actions`), and with `placeWide` the Lancashire-wide ones too.
 */
export interface ActionScope {
  locality?: Locality;
  placeWide?: boolean;
}

export class ActionQueries {
  constructor(private readonly reads: PrimitiveReads) {}

  /** A person's open actions in every place, overdue first, then by due date. */
  async listOpenActionsByOwner(ownerId: string): Promise<Stored<Action>[]> {
    const found = await this.reads.listIndexed('action', 'ALL', [{ name: 'own', eq: ownerId }]);
    return sortActions(found.filter((s) => isOpenAction(s.record) && s.record.owner.id === ownerId));
  }

  /** Open actions whose current due date is within [fromDate, toDate] (ISO dates, inclusive). */
  async listActionsDue(place: PlaceCode | 'ALL', fromDate: string, toDate: string): Promise<Stored<Action>[]> {
    if (fromDate > toDate) return [];
    const found = await this.reads.listIndexed('action', place, [{ name: 'due', from: fromDate, to: toDate }]);
    return sortActions(
      found.filter((s) => {
        const due = currentDueDate(s.record);
        return isOpenAction(s.record) && due >= fromDate && due <= toDate;
      }),
    );
  }

  /** Open actions whose current due date is before `today` (an ISO date, Europe/London). */
  async listOverdueActions(place: PlaceCode | 'ALL', today: string): Promise<Stored<Action>[]> {
    const found = await this.reads.listIndexed('action', place, [{ name: 'due', below: today }]);
    return sortActions(found.filter((s) => isOpenAction(s.record) && currentDueDate(s.record) < today));
  }

  /**
   * A place's action log for the board pack: its open actions by due date (overdue first), then
   * those closed or cancelled on or after `endedFrom` (an ISO date, Europe/London), by that date.
   * Read PACK_PAGE index rows at a time, each with its record (codecs.ts carriedBy); nothing else is held.
   */
  async *actionLog(place: PlaceCode, endedFrom: string): AsyncGenerator<Action> {
    for await (const page of this.reads.indexedPages('action', place, { name: 'due' })) {
      for (const a of page) if (isOpenAction(a)) yield a;
    }
    for await (const page of this.reads.indexedPages('action', place, { name: 'end', from: endedFrom })) {
      for (const a of page) {
        const ended = a.closure ? londonToday(new Date(a.closure.at)) : undefined;
        if (!isOpenAction(a) && ended !== undefined && ended >= endedFrom) yield a;
      }
    }
  }

  /**
   * "actions <place>": the place's open actions in one view (all, overdue, proposed for closure,
   * a place priority, an owner), overdue first then by due date, as "my actions" orders them.
   * Reads index rows only to choose and order them (the place's `due` rows, and the filter's own
   * rows), then the first `limit` records; `total` counts every match.
   */
  async listPlaceActions(
    place: PlaceCode,
    view: PlaceActionsView,
    limit: number,
    scope: ActionScope = {},
  ): Promise<{ actions: Stored<Action>[]; total: number }> {
    const due = await this.reads.query(
      and(
        odata`PartitionKey eq ${place}`,
        (({ from, to }) => odata`RowKey ge ${from} and RowKey lt ${to}`)(
          ROW.indexRange('A', 'due', view.kind === 'overdue' ? { below: view.today } : {}),
        ),
      ),
      ['ref'],
    );
    let refs = due.map((e) => String(e.ref));
    const only =
      view.kind === 'proposed'
        ? { name: 'pfc', eq: '' }
        : view.kind === 'priority'
          ? { name: 'pri', eq: view.priority }
          : view.kind === 'owner'
            ? { name: 'own', eq: view.ownerId }
            : undefined;
    if (only) {
      const { from, to } = ROW.indexRange('A', only.name, { eq: only.eq });
      const chosen = new Set(
        (await this.reads.query(and(odata`PartitionKey eq ${place}`, odata`RowKey ge ${from} and RowKey lt ${to}`), ['ref'])).map((e) =>
          String(e.ref),
        ),
      );
      refs = refs.filter((r) => chosen.has(r));
    }
    refs = [...new Set(refs)];
    if (scope.locality) {
      // A Lancashire locality's view: its own open actions (and, asked for, the place-wide ones), by their `loc` rows.
      const keys = [scope.locality, ...(scope.placeWide ? [PLACE_WIDE] : [])];
      const inScope = new Set(
        (
          await Promise.all(
            keys.map((key) => {
              const { from, to } = ROW.indexRange('A', 'loc', { eq: key });
              return this.reads.query(and(odata`PartitionKey eq ${place}`, odata`RowKey ge ${from} and RowKey lt ${to}`), ['ref']);
            }),
          )
        )
          .flat()
          .map((e) => String(e.ref)),
      );
      refs = refs.filter((r) => inScope.has(r));
    }
    const read = (
      await this.reads.pointReads(
        place,
        refs.slice(0, limit).map((r) => ROW.record(r)),
      )
    ).filter((e): e is Entity => !!e && e.kind === 'action');
    const actions = read.map((e) => this.reads.fromEntity(actionCodec, e, true)).filter((s) => matchesView(s.record, view));
    return { actions: sortActions(actions), total: refs.length };
  }
}

function matchesView(a: Action, view: PlaceActionsView): boolean {
  if (!isOpenAction(a)) return false;
  switch (view.kind) {
    case 'open':
      return true;
    case 'overdue':
      return currentDueDate(a) < view.today;
    case 'proposed':
      return a.status === 'PROPOSED_FOR_CLOSURE';
    case 'priority':
      return a.links.priority === view.priority;
    case 'owner':
      return a.owner.id === view.ownerId;
  }
}

function sortActions(found: Stored<Action>[]): Stored<Action>[] {
  return found.sort((a, b) => compareForWorklist(a.record, b.record));
}
