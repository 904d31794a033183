// A place's audit trail: every event of every record, in time order (`aud|<instant>|<ref>|<suffix>`),
// with a pointer from each record to its events (`hix|<ref>|…`), so a record's history and a
// week's changes are each one row-key range, never a scan of the history.
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { inRecordOrder, type AuditEvent, type RecordKind } from '../audit.js';
import type { PlaceCode } from '../places.js';
import { formatRef, parseRef } from '../refs.js';
import { auditEntities, auditEventsFromEntities, historyPointer, ROW, utcIso } from './entity.js';
import { toStoreError } from './errors.js';
import { and, type Entity, type TableReads } from './reads.js';

export class AuditTrail {
  constructor(
    private readonly client: TableClient,
    private readonly reads: TableReads,
    private readonly auditSuffix: () => string,
  ) {}

  /** An audit event's rows and the record's pointer to it, for a write's transaction. */
  eventRows(event: AuditEvent): TransactionAction[] {
    const rows = auditEntities(event, this.auditSuffix());
    const first = rows[0]!;
    return [
      ...rows.map((e): TransactionAction => ['create', e]),
      // Its key holds the event's own (unique) row key: new with the event, like the event's rows.
      ['create', historyPointer(event.place, event.ref, first.rowKey, rows.length)],
    ];
  }

  /**
   * Appends an audit event that changes no record (e.g. a refused attempt to decide a sign-off):
   * 1 transaction.
   */
  async appendAudit(event: AuditEvent): Promise<void> {
    try {
      // With its history pointer, like every other event, so history(ref) shows it.
      await this.client.submitTransaction(this.eventRows(event));
    } catch (err) {
      throw toStoreError(err, `audit ${event.ref}`);
    }
  }

  /**
   * The audit events of a place in [fromIso, toIso), oldest first: one row-key range scan, so
   * its cost follows the number of changes in the window, not the size of the history.
   */
  async changesBetween(place: PlaceCode, fromIso: string, toIso: string): Promise<AuditEvent[]> {
    const from = ROW.auditFrom(utcIso(fromIso));
    const to = ROW.auditFrom(utcIso(toIso));
    const entities = await this.reads.query(and(odata`PartitionKey eq ${place}`, odata`RowKey ge ${from}`, odata`RowKey lt ${to}`));
    return auditEventsFromEntities(entities);
  }

  /**
   * The refs and kinds changed in [fromIso, toIso), each once, oldest change first: the same range as
   * changesBetween, reading only the two columns (`select`), so its memory follows the number of
   * events, never what they hold (the weekly digest reads only these).
   */
  async changedRefsBetween(place: PlaceCode, fromIso: string, toIso: string): Promise<{ ref: string; kind: RecordKind }[]> {
    const from = ROW.auditFrom(utcIso(fromIso));
    const to = ROW.auditFrom(utcIso(toIso));
    const rows = await this.reads.query(and(odata`PartitionKey eq ${place}`, odata`RowKey ge ${from}`, odata`RowKey lt ${to}`), [
      'ref',
      'kind',
    ]);
    const seen = new Map<string, RecordKind>();
    for (const r of rows)
      if (typeof r.ref === 'string' && typeof r.kind === 'string' && !seen.has(r.ref)) seen.set(r.ref, r.kind as RecordKind);
    return [...seen].map(([ref, kind]) => ({ ref, kind }));
  }

  /**
   * The audit trail of one record, oldest first: its history pointers (one row-key range), then
   * each event by point reads. Cost follows that record's changes, not the place's history.
   */
  async history(kind: RecordKind, ref: string): Promise<AuditEvent[]> {
    const parsed = parseRef(ref);
    if (!parsed || parsed.kind !== kind) return [];
    const canonical = formatRef(parsed.place, kind, parsed.n);
    const { from, to } = ROW.historyRange(canonical);
    const pointers = await this.reads.query(and(odata`PartitionKey eq ${parsed.place}`, odata`RowKey ge ${from} and RowKey lt ${to}`), [
      'eventKey',
      'parts',
    ]);
    const keys = pointers.flatMap((p) => {
      const key = String(p.eventKey);
      const parts = typeof p.parts === 'number' ? p.parts : 1;
      return Array.from({ length: parts }, (_, i) => (i === 0 ? key : `${key}|${i + 1}`));
    });
    const entities = await this.reads.pointReads(parsed.place, keys);
    // In the record's order (its versions), not the row keys' (one instant's events by random suffix).
    return inRecordOrder(auditEventsFromEntities(entities.filter((e): e is Entity => !!e)));
  }

  /** How many events a record's trail holds (its history pointers, one key range): the version of a record written before versions were kept. */
  async eventCount(kind: RecordKind, ref: string): Promise<number> {
    const parsed = parseRef(ref);
    if (!parsed || parsed.kind !== kind) return 0;
    const { from, to } = ROW.historyRange(formatRef(parsed.place, kind, parsed.n));
    return (await this.reads.query(and(odata`PartitionKey eq ${parsed.place}`, odata`RowKey ge ${from} and RowKey lt ${to}`), ['RowKey']))
      .length;
  }
}
