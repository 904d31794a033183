// Where a record's card was posted (so the expiry sweep can update it later): one small row per
// conversation in the record's place partition, written after the post.
import { expect } from 'chai';
import { ROW } from '../../../records/store/entity.js';
import { useStore } from './support.js';

const at = (conversationId: string, activityId: string) => ({
  reference: {
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/uk/',
    conversation: { id: conversationId, conversationType: 'channel' },
  },
  activityId,
  postedAt: '2026-11-23T10:00:00.000Z',
});

describe('RecordStore (Azurite): where a card was posted', () => {
  const ctx = useStore();

  it('keeps one row per conversation, in the place partition, 1 transaction each; posting again there keeps the latest', async () => {
    ctx.store.metrics.reset();
    await ctx.store.rememberPostedCard('BPL-S-0001', at('19:board@thread.tacv2;messageid=1700000000000', 'm1'));
    expect(ctx.store.metrics.transactions).to.equal(1);
    await ctx.store.rememberPostedCard('BPL-S-0001', at('a:personal-helen', 'p1'));
    await ctx.store.rememberPostedCard('BPL-S-0001', at('a:personal-helen', 'p2'));
    const posted = await ctx.store.postedCardsOf('BPL-S-0001');
    expect(posted.map((p) => p.activityId)).to.have.members(['m1', 'p2']);
    expect(posted.find((p) => p.activityId === 'm1')!.reference).to.deep.equal(
      at('19:board@thread.tacv2;messageid=1700000000000', 'm1').reference,
    );
    const rows = [];
    for await (const e of ctx.raw.listEntities()) rows.push(e);
    expect(
      rows
        .filter((r) => String(r.rowKey).startsWith('pst|'))
        .every((r) => r.partitionKey === 'BPL' && String(r.rowKey).startsWith(ROW.posted('BPL-S-0001', ''))),
    ).to.equal(true);
  });

  it('answers only for the record asked about, and nothing for one never posted', async () => {
    await ctx.store.rememberPostedCard('BPL-S-0001', at('19:a@thread.v2', 'a1'));
    await ctx.store.rememberPostedCard('BPL-S-0010', at('19:b@thread.v2', 'b1'));
    expect((await ctx.store.postedCardsOf('BPL-S-0001')).map((p) => p.activityId)).to.deep.equal(['a1']);
    expect(await ctx.store.postedCardsOf('BPL-S-0002')).to.deep.equal([]);
    expect(await ctx.store.postedCardsOf('not a ref')).to.deep.equal([]);
  });
});
