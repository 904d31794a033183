// Download links of the board pack (issue 27, finding 2): the identity header is trusted only
// behind App Service authentication, links go only to the person who asked, a link opens a few
// times at most, the permission is checked again when the file is made, and one person has a
// limited number of files made.
import { HttpRequest, InvocationContext } from '@azure/functions';
import { expect } from 'chai';
import { filesHandler } from '../../../functions/files.js';
import type { Runtime } from '../../../functions/runtime.js';
import { createAction } from '../../../records/action.js';
import { FILE_RATE, LINK_MAX_USES } from '../../../records/fileOut.js';
import { draft, SECRETARY } from '../../support/actionFixtures.js';
import { BotHarness, cardsOf, messageActivity, type ConversationOptions, type Sender } from '../../support/botHarness.js';
import { cardText } from '../../support/cardCheck.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel', teamsId: '29:sam' };
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price', teamsId: '29:helen' };
const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison', teamsId: '29:ruth' };
const CHANNEL: ConversationOptions = { conversationType: 'channel', conversationId: '19:blackpool@thread.tacv2;messageid=1' };

describe('Board pack links reach only the person who asked, and only they, a few times (bot + Azurite)', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  let now = new Date('2026-12-03T10:00:00Z');

  before(async () => {
    bot = await BotHarness.start({ clock: () => now, members: [SAM, HELEN, RUTH] });
    await bot.runtime.places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [
        { id: HELEN.id, name: HELEN.name },
        { id: RUTH.id, name: RUTH.name },
      ],
      admins: [{ id: SAM.id, name: SAM.name }],
    });
    const made = await bot.runtime.records.create('action', 'BPL', (ref) => createAction(draft(now), ref, SECRETARY, now));
    if (!made.ok) throw new Error(made.refusal.message);
    // Sam and Helen have a personal chat with the bot (saved when they first talk to it).
    await bot.say('reminders on', { from: SAM });
    await bot.say('reminders on', { from: HELEN });
  });
  after(async () => bot?.stop());

  async function ask(from: Sender): Promise<{ path: string; activity: Record<string, unknown> }[]> {
    const before = bot.replies.length;
    const { status } = await bot.post(messageActivity(bot.serviceUrl, 'board pack Blackpool', { ...CHANNEL, from }));
    expect(status).to.equal(200);
    return bot.replies.slice(before);
  }
  const urls = (card: unknown): string[] => [...JSON.stringify(card).matchAll(/"url":"([^"]+\/api\/files\/[^"]+)"/g)].map((m) => m[1]!);

  it('asked for in a channel, the links arrive in the asker’s personal chat; the channel gets a line with no link', async () => {
    const sent = await ask(SAM);
    const personal = sent.filter((r) => decodeURIComponent(r.path).includes('a:personal-aad-sam'));
    const channel = sent.filter((r) => decodeURIComponent(r.path).includes('19:blackpool'));
    expect(personal).to.have.length(1);
    expect(urls(cardsOf(personal[0]!.activity)[0])).to.have.length(6);
    expect(channel).to.have.length(1);
    expect(JSON.stringify(channel[0]!.activity)).to.not.contain('/api/files/');
    expect(cardText(cardsOf(channel[0]!.activity)[0])).to.contain(
      'Sam Patel asked for the board pack: the links were sent to them in a personal chat.',
    );
  });

  it('someone who has never chatted with the bot is told to open a chat; no link is made or shown', async () => {
    const sent = await ask(RUTH);
    expect(sent).to.have.length(1);
    expect(JSON.stringify(sent[0]!.activity)).to.not.contain('/api/files/');
    expect(cardText(cardsOf(sent[0]!.activity)[0])).to.contain('sent only to the person who asks, in a personal chat with me');
  });

  it(`a link opens ${LINK_MAX_USES} times at most; after that it is a bare 404`, async () => {
    const sent = await ask(SAM);
    const url = urls(cardsOf(sent[0]!.activity)[0])[1]!;
    for (let i = 0; i < LINK_MAX_USES; i++) {
      const res = await fetch(url);
      expect(res.status, `opening ${i + 1}`).to.equal(200);
      await res.text();
    }
    const spent = await fetch(url);
    expect(spent.status).to.equal(404);
    expect(await spent.text()).to.equal('');
  });

  it('deployed without App Service authentication, a download naming the right person in X-MS-CLIENT-PRINCIPAL-ID is refused', async () => {
    const sent = await ask(SAM);
    const token = urls(cardsOf(sent[0]!.activity)[0])[0]!.split('/').pop()!;
    const deployed = {
      ...bot.runtime,
      settings: { ...bot.runtime.settings, MicrosoftAppId: '00000000-0000-0000-0000-0000000000aa', WEBSITE_AUTH_ENABLED: false },
    } as Runtime;
    const res = await filesHandler(async () => deployed)(
      new HttpRequest({
        method: 'GET',
        url: `https://bot.example/api/files/${token}`,
        headers: { 'x-ms-client-principal-id': SAM.id },
        params: { token },
      }),
      new InvocationContext({ functionName: 'files' }),
    );
    expect(res.status).to.equal(404);
    expect(res.body).to.equal(undefined);
  });

  it('a chair removed from the place since the link was made gets nothing from it', async () => {
    const sent = await ask(HELEN);
    const url = urls(cardsOf(sent.find((r) => decodeURIComponent(r.path).includes('a:personal-aad-helen'))!.activity)[0])[1]!;
    const before = (await bot.runtime.packs.filesMade('BPL')).length;
    const current = await bot.runtime.places.get('BPL');
    await bot.runtime.places.put(
      { place: 'BPL', displayName: 'Blackpool', chairs: [{ id: RUTH.id, name: RUTH.name }], admins: [{ id: SAM.id, name: SAM.name }] },
      current!.etag,
    );
    const res = await fetch(url);
    expect(res.status).to.equal(404);
    expect((await bot.runtime.packs.filesMade('BPL')).length).to.equal(before);
  });

  it(`one person has at most ${FILE_RATE.max} files made in an hour; the next link gives nothing`, async () => {
    now = new Date('2026-12-03T12:00:00Z');
    const sent = await ask(SAM);
    const url = urls(cardsOf(sent[0]!.activity)[0])[2]!;
    for (let i = 0; i < FILE_RATE.max; i++) expect((await bot.runtime.packs.admitFileFor(SAM.id, now)).ok).to.equal(true);
    const res = await fetch(url);
    expect(res.status).to.equal(404);
    now = new Date('2026-12-03T13:00:01Z');
    // An hour on, the same link has expired; a new one works.
    const fresh = urls(cardsOf((await ask(SAM))[0]!.activity)[0])[2]!;
    const ok = await fetch(fresh);
    expect(ok.status).to.equal(200);
    await ok.text();
  });
});
