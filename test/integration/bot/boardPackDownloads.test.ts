// Download links of the board pack in a channel and a group chat, through the bot over HTTP with the
// real store on Azurite: the card of links for the person who asked, each file made from the current
// records when downloaded and audited, and the bare 404 for someone else, an unknown token, an
// expired link or no signed-in person behind App Service authentication. Who may have the pack made
// and the file consent flow in personal chat are in boardPack.test.ts; the people, the records and
// `say` both use are in test/support/boardPackChat.ts.
import { HttpRequest, InvocationContext } from '@azure/functions';
import { expect } from 'chai';
import { filesHandler } from '../../../functions/files.js';
import type { Runtime } from '../../../functions/runtime.js';
import { applyMeetingCommand, createMeeting } from '../../../records/meeting.js';
import { ALEX, BotHarness, cardsOf, messageActivity, type ConversationOptions, type Sender } from '../../support/botHarness.js';
import { boardPackChat, HELEN, SAM, seedBlackpool } from '../../support/boardPackChat.js';
import { cardText, checkCard } from '../../support/cardCheck.js';

const CHANNEL: ConversationOptions = { conversationType: 'channel', conversationId: '19:blackpool@thread.tacv2;messageid=1' };
const GROUP: ConversationOptions = { conversationType: 'groupChat', conversationId: '19:group@thread.v2' };

describe('The board pack from chat (bot over HTTP, store on Azurite)', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  let now = new Date('2026-12-03T10:00:00Z');

  before(async () => {
    bot = await BotHarness.start({ clock: () => now, members: [SAM, HELEN, ALEX] });
    await seedBlackpool(bot, now);
    // Links go to the asker's personal chat: Sam and Helen have one with the bot (remembered on any
    // turn there), as they do after asking for the pack in personal chat (boardPack.test.ts).
    await bot.say('help', { from: SAM });
    await bot.say('help', { from: HELEN });
  });
  after(async () => {
    await bot?.stop();
  });

  const { say } = boardPackChat(() => bot);

  async function download(url: string, who?: Sender): Promise<Response> {
    return fetch(url, { headers: who ? { 'x-ms-client-principal-id': who.id } : {} });
  }

  function links(card: Record<string, unknown>): { title: string; url: string }[] {
    const found: { title: string; url: string }[] = [];
    JSON.parse(JSON.stringify(card), (_k, v) => {
      if (v && typeof v === 'object' && v.type === 'Action.OpenUrl') found.push({ title: v.title, url: v.url });
      return v;
    });
    return found;
  }

  describe('in a channel or group chat: download links for the person who asked', () => {
    let card: Record<string, unknown>;
    before(async () => {
      now = new Date('2026-12-03T11:00:00Z');
      const [reply] = await say('board pack Blackpool', { ...CHANNEL, from: SAM });
      card = cardsOf(reply!)[0]!;
    });

    it('the card lists six links, says whom they are for and until when (UK time)', () => {
      expect(checkCard(card).warnings).to.deep.equal([]);
      expect(links(card).map((l) => l.title)).to.deep.equal([
        'Action log (Excel workbook)',
        'Action log (CSV)',
        'Risk register (Excel workbook)',
        'Risk register (CSV)',
        'Board pack (Word document)',
        'Board pack (printable web page)',
      ]);
      for (const l of links(card)) expect(l.url).to.match(new RegExp(`^${bot.host.url}/api/files/[A-Za-z0-9_-]{43}$`));
      expect(cardText(card)).to.contain('The links work for Sam Patel only').and.contain('until 11:15 (UK time)');
    });

    it('the person it was made for downloads the file, made from the current records, and it is audited', async () => {
      const csv = links(card).find((l) => l.title === 'Action log (CSV)')!;
      const res = await download(csv.url, SAM);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).to.equal(
        `attachment; filename="BPL action log 2026-12-03 1100.csv"; filename*=UTF-8''BPL%20action%20log%202026-12-03%201100.csv`,
      );
      expect(res.headers.get('cache-control')).to.equal('no-store');
      const body = await res.text();
      expect(body).to.contain('BPL-A-0001').and.contain('BPL-A-0002');
      expect((await bot.runtime.packs.filesMade('BPL')).at(-1)).to.deep.include({
        kind: 'actionLogCsv',
        delivery: 'download',
        outcome: 'sent',
        madeFor: { id: SAM.id, name: SAM.name },
      });
    });

    it('the workbook link gives an Excel workbook', async () => {
      const xlsx = links(card).find((l) => l.title === 'Action log (Excel workbook)')!;
      const res = await download(xlsx.url, SAM);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 2).toString()).to.equal('PK'); // a zip, as every .xlsx is
    });

    it('the printable board pack, made when downloaded, opens with the key decisions and matters of Blackpool’s last meeting held', async () => {
      const chair = { id: HELEN.id, name: HELEN.name, roles: ['chair' as const] };
      const made = await bot.runtime.records.create('meeting', 'BPL', (ref) =>
        createMeeting({ place: 'BPL', board: 'Blackpool Place Partnership Board', date: '2026-11-12', agenda: [] }, ref, chair, now),
      );
      if (!made.ok) throw new Error(made.refusal.message);
      let m = made.stored;
      for (const command of [
        { type: 'addDecision' as const, text: 'Approved the winter resilience plan' },
        { type: 'addMatter' as const, text: 'Discharge delays at the acute trust', to: 'icb-board' },
      ]) {
        const next = applyMeetingCommand(m.record, chair, command, now);
        const written = await bot.runtime.records.update('meeting', m, next);
        if (!written.ok) throw new Error(written.refusal.message);
        m = written.stored;
      }
      const page = links(card).find((l) => l.title === 'Board pack (printable web page)')!;
      const res = await download(page.url, SAM);
      expect(res.status).to.equal(200);
      const body = await res.text();
      expect(body)
        .to.contain('<h2>Key decisions at the last meeting</h2>')
        .and.contain(`Blackpool Place Partnership Board, 12 November 2026 (${m.record.ref})`);
      expect(body)
        .to.contain('Approved the winter resilience plan')
        .and.contain('Discharge delays at the acute trust')
        .and.contain('ICB Board');
      expect(body.indexOf('Key decisions at the last meeting')).to.be.lessThan(body.indexOf('<h2>Action log</h2>'));
    });

    it('someone else signed in with the same link gets a bare 404, and nothing is made', async () => {
      const before = (await bot.runtime.packs.filesMade('BPL')).length;
      const res = await download(links(card)[1]!.url, HELEN);
      expect(res.status).to.equal(404);
      expect(await res.text()).to.equal('');
      expect((await bot.runtime.packs.filesMade('BPL')).length).to.equal(before);
    });

    it('an unknown or malformed token gets the same bare 404', async () => {
      for (const path of ['/api/files/' + 'A'.repeat(43), '/api/files/not-a-token', '/api/files/..%2F..%2Fetc']) {
        const res = await download(`${bot.host.url}${path}`, SAM);
        expect(res.status, path).to.equal(404);
        expect(await res.text()).to.equal('');
      }
    });

    it('after 15 minutes the link is refused with the same bare 404', async () => {
      const url = links(card)[1]!.url;
      now = new Date('2026-12-03T11:14:59Z');
      const inTime = await download(url, SAM);
      expect(inTime.status).to.equal(200);
      await inTime.text();
      now = new Date('2026-12-03T11:15:00Z');
      const res = await download(url, SAM);
      expect(res.status).to.equal(404);
      expect(await res.text()).to.equal('');
    });

    it('deployed behind App Service authentication, a request with no signed-in person is refused (404)', async () => {
      now = new Date('2026-12-03T11:00:00Z');
      // Another file's link than the one opened above: a link opens at most three times (records/fileOut.ts).
      const token = links(card)[2]!.url.split('/').pop()!;
      const deployed = {
        ...bot.runtime,
        settings: { ...bot.runtime.settings, MicrosoftAppId: '00000000-0000-0000-0000-0000000000aa', WEBSITE_AUTH_ENABLED: true },
      } as Runtime;
      const handler = filesHandler(async () => deployed);
      const ask = (headers: Record<string, string>) =>
        handler(
          new HttpRequest({ method: 'GET', url: `https://bot.example/api/files/${token}`, headers, params: { token } }),
          new InvocationContext({ functionName: 'files' }),
        );
      expect((await ask({})).status).to.equal(404);
      expect((await ask({ 'x-ms-client-principal-id': HELEN.id })).status).to.equal(404);
      const mine = await ask({ 'x-ms-client-principal-id': SAM.id });
      expect(mine.status).to.equal(200);
      for await (const _ of mine.body as AsyncIterable<Buffer>) _;
    });

    it('locally (no sign-in in front, loopback only) the link alone downloads', async () => {
      const res = await download(links(card)[1]!.url);
      expect(res.status).to.equal(200);
      expect(await res.text()).to.contain('BPL-A-0001');
    });

    it('in a channel linked to a place, "board pack" alone means that place', async () => {
      await bot.runtime.places.put({
        place: 'SC',
        displayName: 'South Cumbria',
        admins: [{ id: SAM.id, name: SAM.name }],
        channels: [{ id: '19:southcumbria@thread.tacv2', name: 'South Cumbria Partnership' }],
      });
      const activity = messageActivity(bot.serviceUrl, 'board pack', {
        ...CHANNEL,
        conversationId: '19:southcumbria@thread.tacv2;messageid=7',
        from: SAM,
      });
      const before = bot.replies.length;
      await bot.post({
        ...activity,
        channelData: { ...activity.channelData, team: { id: '19:team@thread.tacv2' }, channel: { id: '19:southcumbria@thread.tacv2' } },
      });
      const scCard = cardsOf(bot.replies[before]!.activity)[0]!;
      expect(cardText(scCard)).to.contain('Board pack · South Cumbria');
    });

    it('a place with no records gives an empty but valid file: the heading and the header row', async () => {
      const [reply] = await say('board pack South Cumbria', { ...CHANNEL, from: SAM });
      const csv = links(cardsOf(reply!)[0]!).find((l) => l.title === 'Risk register (CSV)')!;
      const res = await download(csv.url, SAM);
      expect(res.status).to.equal(200);
      const lines = (await res.text()).split('\r\n').filter(Boolean);
      expect(lines).to.have.length(2);
      expect(lines[0]).to.contain('South Cumbria risk register');
    });

    it('in a group chat the answer is the same card of links', async () => {
      const [reply] = await say('board pack Blackpool', { ...GROUP, from: HELEN });
      const groupCard = cardsOf(reply!)[0]!;
      expect(links(groupCard)).to.have.length(6);
      expect(cardText(groupCard)).to.contain('The links work for Helen Price only');
      const hers = await download(links(groupCard)[3]!.url, HELEN);
      expect(hers.status).to.equal(200);
      expect(await hers.text()).to.contain('Too many asks on the same neighbourhood capacity');
      expect((await download(links(groupCard)[3]!.url, SAM)).status).to.equal(404);
    });
  });
});
