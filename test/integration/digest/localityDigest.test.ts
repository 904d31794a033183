// A Lancashire locality channel's weekly digest leads with its locality, end to end on Azurite:
// the timer's claim, the digest queue and the post. Central's channel gets "Central Lancashire",
// Central's new action before the Lancashire-wide one and never North's; the Lancashire channel
// gets the whole place.
import { expect } from 'chai';
import { digestTimeOf } from '../../../records/schedule.js';
import { startAzurite, type AzuriteFixture } from '../../support/azurite.js';
import { cardText } from '../../support/cardCheck.js';
import { ADMIN, DigestRig } from './digestRig.js';

const MONDAY = digestTimeOf('2026-W48');
const LINKED = new Date('2026-11-17T12:00:00Z');
const LAN_CHANNEL = '19:lancashire@thread.tacv2';
const CENTRAL_CHANNEL = '19:central@thread.tacv2';

describe('weekly digest of a Lancashire locality channel (Azurite, the digest queue, posts)', function () {
  this.timeout(120_000);
  let storage: AzuriteFixture;
  before(async () => {
    storage = await startAzurite();
  });
  after(async () => storage.dispose());

  it('Central’s channel: titled Central Lancashire, Central’s action first, then the Lancashire-wide one, never North’s; the Lancashire channel: all three', async () => {
    const r = new DigestRig(storage);
    await r.prepare();
    await r.places.put({
      place: 'LAN',
      displayName: 'Lancashire',
      admins: [{ id: ADMIN.id, name: ADMIN.name }],
      channels: [
        { id: LAN_CHANNEL, name: 'Lancashire Partnership' },
        { id: CENTRAL_CHANNEL, name: 'Central Lancashire', locality: 'Central' },
      ],
    });
    for (const id of [LAN_CHANNEL, CENTRAL_CHANNEL])
      await r.places.saveChannelReference(
        'LAN',
        id,
        {
          channelId: 'msteams',
          serviceUrl: 'http://connector.invalid/',
          conversation: { id, isGroup: true, conversationType: 'channel', name: id },
        },
        LINKED,
      );
    const during = new Date('2026-11-18T10:00:00Z');
    // Logged in ref order: the Lancashire-wide one first, so Central's leads only because it is Central's.
    await r.logAction('LAN', during, { description: 'Lancashire-wide workforce plan' });
    await r.logAction('LAN', during, { description: 'North estates survey', locality: 'North' });
    await r.logAction('LAN', during, { description: 'Central hub opening hours', locality: 'Central' });
    await r.tick(new Date(MONDAY.getTime() + 5 * 60_000));
    await r.drain(new Date(MONDAY.getTime() + 6 * 60_000));
    const posted = (id: string) => {
      const post = r.posts.find((p) => p.conversationId === id);
      expect(post, `a digest in ${id}`).to.not.equal(undefined);
      return cardText((post!.activity.attachments as { content: unknown }[])[0]!.content);
    };
    const central = posted(CENTRAL_CHANNEL);
    expect(central).to.contain('Central Lancashire: weekly digest').and.not.contain('North estates survey');
    expect(central.indexOf('Central hub opening hours')).to.be.above(-1).and.below(central.indexOf('Lancashire-wide workforce plan'));
    const whole = posted(LAN_CHANNEL);
    expect(whole).to.contain('Lancashire: weekly digest').and.contain('North estates survey').and.not.contain('Central Lancashire: weekly');
    expect(whole.indexOf('Lancashire-wide workforce plan')).to.be.below(whole.indexOf('Central hub opening hours'));
  });
});
