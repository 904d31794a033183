// Writes the rows a record or audit event has only since the store began keeping them, for
// those stored before: each record's index rows (`idx|…`, codecs.ts indexEntries) and word rows
// (`wrd|…`, wordIndex.ts), and each audit event's history pointer (`hix|…`). Its own row, in the
// store's bookkeeping partition (entity.ts META_PARTITION):
//   ~meta / index|v9     the marker: present once every place's rows of this version exist
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { RecordKind } from '../audit.js';
import { PLACE_CODES } from '../places.js';
import { CODECS, type BaseRecord, type Codec } from './codecs.js';
import { fromChunks, historyPointer, indexRows, META_PARTITION, ROW, type Row } from './entity.js';
import { toStoreError } from './errors.js';
import { and, type PrimitiveReads } from './reads.js';
import { wordRows } from './wordIndex.js';

/** The backfill marker: present once every place's index rows and history pointers exist. */
// v2: sign-offs by requester (`req`); v3: the risk register's entries (`reg`); v4: the word index (`wrd`);
// v5: actions ended (`end`), proposed for closure (`pfc`), by priority (`pri`); sign-offs decided (`dcd`);
// v6: meetings newest first (`new`); v7: the board pack's index rows carry their record (codecs.ts carriedBy);
// v8: meetings with a matter for escalation not yet acknowledged (`esc`);
// v9: meetings by forum, newest first (`fnew`); open Lancashire actions by locality (`loc`).
const INDEX_VERSION_ROW = 'index|v9';

const ALL_RECORDS = odata`RowKey ge ${'rec|'} and RowKey lt ${'rec}'}`;

/**
 * Writes the index rows and history pointers of records and audit events stored before the
 * store kept them. Idempotent (upserts); a marker row makes later runs one point read. The
 * app runs it once per process before serving (functions/runtime.ts prepareStorage).
 */
export async function backfillIndexes(
  client: TableClient,
  reads: Pick<PrimitiveReads, 'query' | 'pointReads'>,
): Promise<{ ran: boolean; records: number; events: number }> {
  const marker = await reads.pointReads(META_PARTITION, [INDEX_VERSION_ROW]);
  if (marker[0]) return { ran: false, records: 0, events: 0 };
  let records = 0;
  let events = 0;
  await Promise.all(
    PLACE_CODES.map(async (place) => {
      const rows: Row[] = [];
      for (const entity of await reads.query(and(odata`PartitionKey eq ${place}`, ALL_RECORDS))) {
        const kind = entity.kind as RecordKind;
        const codec = CODECS[kind] as Codec<BaseRecord> | undefined;
        const parsed = codec?.schema.safeParse(fromChunks(entity));
        if (!codec || !parsed?.success) {
          console.warn(`index backfill: skipped ${String(entity.rowKey)} (not a readable record)`);
          continue;
        }
        rows.push(...indexRows(codec, parsed.data), ...wordRows(parsed.data));
        records++;
      }
      const audit = await reads.query(
        and(odata`PartitionKey eq ${place}`, odata`RowKey ge ${ROW.AUDIT_START} and RowKey lt ${ROW.AUDIT_END}`, odata`part eq ${1}`),
        ['ref', 'eventKey', 'parts'],
      );
      for (const e of audit) {
        rows.push(historyPointer(place, String(e.ref), String(e.eventKey), typeof e.parts === 'number' ? e.parts : 1));
        events++;
      }
      for (let i = 0; i < rows.length; i += 100) {
        await client.submitTransaction(rows.slice(i, i + 100).map((r): TransactionAction => ['upsert', r, 'Replace']));
      }
    }),
  ).catch((err: unknown) => {
    throw toStoreError(err, 'index backfill');
  });
  try {
    await client.upsertEntity(
      { partitionKey: META_PARTITION, rowKey: INDEX_VERSION_ROW, at: new Date().toISOString(), records, events },
      'Replace',
    );
  } catch (err) {
    throw toStoreError(err, 'index backfill marker');
  }
  return { ran: true, records, events };
}
