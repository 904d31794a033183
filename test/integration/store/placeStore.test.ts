import { expect } from 'chai';
import type { PlaceSettingsInput } from '../../../records/placeSettings.js';
import { PlaceStore, StaleRecordError, StoreError } from '../../../records/store/index.js';
import type { startStorage } from './support.js';
import { storageStarter } from './support.js';

const BPL: PlaceSettingsInput = {
  place: 'BPL',
  displayName: 'Blackpool Place Partnership',
  chairs: [{ id: 'aad-chair', name: 'Chris Chair' }],
  approvers: [
    { id: 'aad-chair', name: 'Chris Chair' },
    { id: 'aad-appr', name: 'Ann Approver' },
  ],
  admins: [{ id: 'aad-sec', name: 'Sam Secretary' }],
};

describe('PlaceStore (Azurite): place settings and channel references', () => {
  let azurite: Awaited<ReturnType<typeof startStorage>>;
  let places: PlaceStore;
  let n = 0;
  const startAzurite = storageStarter();
  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite?.dispose();
  });
  beforeEach(async () => {
    places = PlaceStore.fromConnection({
      connectionString: azurite.connectionString,
      tableName: `places${++n}x${Date.now().toString(36)}`,
      httpClient: azurite.httpClient,
    });
    await places.ensureTables();
  });

  it('creates settings with defaults, reads them back, and gives roles', async () => {
    const put = await places.put(BPL);
    if (!put.ok) throw new Error(put.message);
    expect(put.stored.record).to.include({ escalationThreshold: 15, digestEnabled: true });
    const got = await places.get('BPL');
    expect(got?.record).to.deep.equal(put.stored.record);
    expect(got?.etag).to.equal(put.stored.etag);
    expect(await places.rolesOf('BPL', 'aad-chair')).to.deep.equal(['chair', 'approver']);
    expect(await places.rolesOf('BPL', 'aad-sec')).to.deep.equal(['admin']);
    expect(await places.rolesOf('BPL', 'someone')).to.deep.equal([]);
    expect(await places.rolesOf('SC', 'aad-chair')).to.deep.equal([]);
    expect(await places.get('SC')).to.equal(undefined);
  });

  it('changes settings only with the current ETag: a stale one gets StaleRecordError and the latest', async () => {
    const first = await places.put(BPL);
    if (!first.ok) throw new Error(first.message);
    const second = await places.put({ ...BPL, escalationThreshold: 12 }, first.stored.etag);
    if (!second.ok) throw new Error(second.message);
    const err = await places.put({ ...BPL, escalationThreshold: 20 }, first.stored.etag).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(StaleRecordError);
    expect((err as StaleRecordError<{ escalationThreshold: number }>).latest.record.escalationThreshold).to.equal(12);
    expect((await places.get('BPL'))?.record.escalationThreshold).to.equal(12);
  });

  it('refuses to create settings that exist already (CONFLICT) and returns field errors for invalid ones', async () => {
    expect((await places.put(BPL)).ok).to.equal(true);
    const err = await places.put(BPL).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(StoreError).with.property('code', 'CONFLICT');
    const bad = await places.put({ ...BPL, place: 'SC', escalationThreshold: 30 });
    expect(bad.ok).to.equal(false);
    if (!bad.ok) expect(bad.fieldErrors).to.deep.equal({ escalationThreshold: 'Escalation threshold must be from 1 to 25.' });
    expect(await places.get('SC')).to.equal(undefined);
  });

  it('saves channel conversation references per place, replaces them by channel id, and survives a restart', async () => {
    const ref = (id: string, text: string) => ({
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/uk/',
      conversation: { id, conversationType: 'channel', isGroup: true, name: text },
      bot: { id: 'bot', name: 'Place bot' },
    });
    const general = '19:general@thread.tacv2';
    const odd = "19:odd/name#with?chars'@thread.tacv2";
    await places.saveChannelReference('LAN', general, ref(general, 'old'), new Date('2026-11-20T09:00:00Z'));
    await places.saveChannelReference('LAN', general, ref(general, 'new'), new Date('2026-11-21T09:00:00Z'));
    await places.saveChannelReference('LAN', odd, ref(odd, 'odd'));
    await places.saveChannelReference('SC', '19:sc@thread.tacv2', ref('19:sc@thread.tacv2', 'sc'));

    await azurite.restart();
    const lan = await places.listChannelReferences('LAN');
    expect(lan.map((c) => c.channelId).sort()).to.deep.equal([general, odd].sort());
    const g = lan.find((c) => c.channelId === general)!;
    expect(g.reference.conversation?.name).to.equal('new');
    expect(g.savedAt).to.equal('2026-11-21T09:00:00.000Z');
    expect((await places.getChannelReference('LAN', odd))?.reference).to.deep.equal(ref(odd, 'odd'));
    expect(await places.listChannelReferences('BWD')).to.deep.equal([]);
  });
});
