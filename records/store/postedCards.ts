// Where each record's card was posted, so it can be updated later for everyone (a sign-off's
// channel card and the 1:1 copies sent to approvers, a meeting's card). In the record's place's
// partition, one row per conversation:
//   pst|BPL-S-0003|<conversation hash>    the conversation reference and activity id (JSON in data0..)
// Not part of the record: written after the post, with no audit event.
import { createHash } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import { formatRef, parseRef } from '../refs.js';
import { fromChunks, ROW, toChunks } from './entity.js';
import { StoreError, toStoreError } from './errors.js';
import { and, type PrimitiveReads } from './reads.js';
import type { PostedCard } from '../stored.js';

export type { PostedCard } from '../stored.js';

export class PostedCards {
  constructor(
    private readonly client: TableClient,
    private readonly reads: Pick<PrimitiveReads, 'query'>,
  ) {}

  /**
   * Remembers where a record's card was posted (written after the post, since Teams gives the
   * activity id only then): 1 transaction, an upsert, so posting again in the same conversation
   * keeps the latest message. Not part of the record: no audit event.
   */
  async rememberPostedCard(ref: string, posted: PostedCard): Promise<void> {
    const parsed = parseRef(ref);
    if (!parsed) throw new StoreError('BAD_REQUEST', `${ref} is not a record reference`);
    const conversation = (posted.reference.conversation as { id?: unknown } | undefined)?.id;
    const key = createHash('sha256')
      .update(String(conversation ?? ''))
      .digest('hex')
      .slice(0, 16);
    const canonical = formatRef(parsed.place, parsed.kind, parsed.n);
    try {
      await this.client.upsertEntity(
        {
          partitionKey: parsed.place,
          rowKey: ROW.posted(canonical, key),
          ref: canonical,
          ...toChunks(posted, `Where ${canonical} was posted`),
        },
        'Replace',
      );
    } catch (err) {
      throw toStoreError(err, `remember where ${canonical} was posted`);
    }
  }

  /** Every message a record's card was posted as (rememberPostedCard): one row-key range. */
  async postedCardsOf(ref: string): Promise<PostedCard[]> {
    const parsed = parseRef(ref);
    if (!parsed) return [];
    const canonical = formatRef(parsed.place, parsed.kind, parsed.n);
    const { from, to } = ROW.postedRange(canonical);
    const rows = await this.reads.query(and(odata`PartitionKey eq ${parsed.place}`, odata`RowKey ge ${from} and RowKey lt ${to}`));
    return rows.map((e) => fromChunks(e) as PostedCard);
  }
}
