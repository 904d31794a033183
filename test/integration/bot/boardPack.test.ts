// `board pack <place>` through the bot over HTTP, with the real store on Azurite: who may have it
// made, the file consent flow in personal chat (accept → upload to a fake OneDrive upload URL →
// file card; decline; an upload URL that fails), and download links in a channel and a group
// chat (the right person, someone else, expired, unknown), each file made audited.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { expect } from 'chai';
import fc from 'fast-check';
import { filesHandler } from '../../../functions/files.js';
import type { Runtime } from '../../../functions/runtime.js';
import { createAction } from '../../../records/action.js';
import { applyMeetingCommand, createMeeting } from '../../../records/meeting.js';
import { PACK_FILE_KINDS } from '../../../records/pack/packFiles.js';
import { createRisk } from '../../../records/risk.js';
import { draft, SECRETARY } from '../../support/actionFixtures.js';
import { ALEX, BotHarness, cardsOf, messageActivity, type ConversationOptions, type Sender } from '../../support/botHarness.js';
import { cardText, checkCard } from '../../support/cardCheck.js';
import { riskDraftFor } from '../../support/riskFixtures.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel', teamsId: '29:sam' }; // Blackpool's admin (board secretary)
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price', teamsId: '29:helen' }; // Blackpool's chair
const CHANNEL: ConversationOptions = { conversationType: 'channel', conversationId: '19:blackpool@thread.tacv2;messageid=1' };
const GROUP: ConversationOptions = { conversationType: 'groupChat', conversationId: '19:group@thread.v2' };

/** A stand-in for the OneDrive upload URL Teams gives: keeps each PUT (or answers `status`). */
class FakeUpload {
  readonly puts: { range: string; body: Buffer }[] = [];
  status = 201;
  /** While set, each PUT is held (not answered) until it settles: OneDrive taking its time. */
  hold: Promise<void> | undefined;
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}
  static async start(): Promise<FakeUpload> {
    let self: FakeUpload | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        await self!.hold;
        if (self!.status < 300) self!.puts.push({ range: String(req.headers['content-range']), body: Buffer.concat(chunks) });
        res.writeHead(self!.status).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    self = new FakeUpload(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`);
    return self;
  }
  get file(): Buffer {
    return Buffer.concat(this.puts.map((p) => p.body));
  }
  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

describe('The board pack from chat (bot over HTTP, store on Azurite)', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  let upload: FakeUpload;
  let now = new Date('2026-12-03T10:00:00Z');

  before(async () => {
    bot = await BotHarness.start({ clock: () => now, members: [SAM, HELEN, ALEX] });
    upload = await FakeUpload.start();
    await bot.runtime.places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [{ id: HELEN.id, name: HELEN.name }],
      admins: [{ id: SAM.id, name: SAM.name }],
    });
    for (const description of ['Agree the Better Care Fund plan with the council', '=HYPERLINK("http://x") formula-looking text 🙂']) {
      const made = await bot.runtime.records.create('action', 'BPL', (ref) =>
        createAction(draft(now, { description }), ref, SECRETARY, now),
      );
      if (!made.ok) throw new Error(made.refusal.message);
    }
    const risk = await bot.runtime.records.create('risk', 'BPL', (ref) => createRisk(riskDraftFor('BPL'), ref, SECRETARY, now));
    if (!risk.ok) throw new Error(risk.refusal.message);
  });
  after(async () => {
    await upload?.stop();
    await bot?.stop();
  });

  /** Says `text` and returns every activity the bot sent back. */
  async function say(text: string, opts: ConversationOptions): Promise<Record<string, unknown>[]> {
    const before = bot.replies.length;
    const { status } = await bot.post(messageActivity(bot.serviceUrl, text, opts));
    expect(status).to.equal(200);
    return bot.replies.slice(before).map((r) => r.activity);
  }

  /** Answers a consent card as Teams does: a `fileConsent/invoke` replying to that message. */
  async function answerConsent(consent: Record<string, unknown>, action: 'accept' | 'decline', from: Sender = SAM, uploadUrl = upload.url) {
    const attachment = (consent.attachments as { name: string; content: { acceptContext: unknown } }[])[0]!;
    const before = { replies: bot.replies.length, updates: bot.updates.length };
    const activity = {
      ...messageActivity(bot.serviceUrl, '', { from }),
      type: 'invoke',
      name: 'fileConsent/invoke',
      text: undefined,
      replyToId: 'consent-message-1',
      value: {
        type: 'fileUpload',
        action,
        context: attachment.content.acceptContext,
        ...(action === 'accept'
          ? {
              uploadInfo: {
                name: attachment.name,
                uploadUrl,
                contentUrl: 'https://contoso-my.sharepoint.com/personal/sam/Documents/Applications/x',
                uniqueId: 'file-1',
                fileType: 'csv',
              },
            }
          : {}),
      },
    };
    const res = await bot.post(activity);
    // An accepted file is made and uploaded after Teams is answered: its answers follow.
    if (action === 'accept') await repliedSince(before.replies);
    return {
      status: res.status,
      replies: bot.replies.slice(before.replies).map((r) => r.activity),
      updates: bot.updates.slice(before.updates),
    };
  }

  /** Waits (up to 10 s) until the bot has sent something since `before` replies. */
  async function repliedSince(before: number): Promise<void> {
    for (const deadline = Date.now() + 10_000; bot.replies.length <= before;) {
      if (Date.now() > deadline) throw new Error('the bot sent nothing within 10 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

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

  describe('who may have it made', () => {
    it('someone who is neither chair nor admin of Blackpool is told no, and who can', async () => {
      const [reply] = await say('board pack Blackpool', { from: ALEX });
      const text = cardText(cardsOf(reply!)[0]);
      expect(text).to.contain('Only a chair or admin of Blackpool can have its board pack made. Ask Helen Price or Sam Patel.');
      expect(await bot.runtime.packs.filesMade('BPL')).to.deep.equal([]);
    });

    it('a place nobody knows is named back with the four places to choose from', async () => {
      const [reply] = await say('board pack Blakpool', { from: SAM });
      expect(cardText(cardsOf(reply!)[0]))
        .to.contain('I don’t know a place called “Blakpool”')
        .and.contain('Blackpool, Blackburn with Darwen, Lancashire or South Cumbria');
    });

    it('the chair may, as well as the admin', async () => {
      const replies = await say('board pack Blackpool', { from: HELEN });
      expect(cardText(cardsOf(replies[0]!)[0])).to.contain('Board pack · Blackpool');
    });
  });

  describe('in personal chat: a consent card per file, then the upload', () => {
    let replies: Record<string, unknown>[];
    before(async () => {
      replies = await say('board pack Blackpool', { from: SAM });
    });

    it('answers with what the pack holds and how it comes, then one consent card per file', async () => {
      const summary = cardsOf(replies[0]!)[0]!;
      expect(checkCard(summary).warnings).to.deep.equal([]);
      expect(cardText(summary)).to.contain('What the pack holds').and.contain('choose Allow to save it to your OneDrive');
      const consents = replies
        .slice(1)
        .map((a) => (a.attachments as { contentType: string; name: string; content: { acceptContext: { kind: string } } }[])[0]!);
      expect(consents.map((c) => c.contentType)).to.deep.equal(
        PACK_FILE_KINDS.map(() => 'application/vnd.microsoft.teams.card.file.consent'),
      );
      expect(consents.map((c) => c.content.acceptContext.kind)).to.deep.equal([...PACK_FILE_KINDS]);
      expect(consents[1]!.name).to.match(/^BPL action log 2026-12-03 1000\.csv$/);
    });

    it('allowing one uploads the whole file with Content-Range, shows the file card, and replaces the consent card', async () => {
      const csvConsent = replies[2]!; // the action log as CSV
      const answer = await answerConsent(csvConsent, 'accept');
      expect(answer.status).to.equal(200);
      const ranges = upload.puts.map((p) => p.range);
      const size = upload.file.length;
      expect(ranges).to.deep.equal([`bytes 0-${size - 1}/${size}`]);
      const csv = upload.file.toString('utf8');
      expect(csv.startsWith('\uFEFF')).to.equal(true);
      expect(csv).to.contain('BPL-A-0001').and.contain('BPL-A-0002').and.contain('Agree the Better Care Fund plan');
      const info = answer.replies.flatMap((a) => (a.attachments ?? []) as { contentType: string; name: string; contentUrl: string }[]);
      expect(info).to.have.length(1);
      expect(info[0]).to.deep.include({
        contentType: 'application/vnd.microsoft.teams.card.file.info',
        name: 'BPL action log 2026-12-03 1000.csv',
      });
      expect(answer.updates.map((u) => u.activityId)).to.deep.equal(['consent-message-1']);
      expect(cardText(cardsOf(answer.updates[0]!.activity)[0])).to.contain('Saved: Blackpool action log (CSV)');
      const made = await bot.runtime.packs.filesMade('BPL');
      expect(made.at(-1)).to.deep.include({
        kind: 'actionLogCsv',
        delivery: 'upload',
        outcome: 'sent',
        madeFor: { id: SAM.id, name: SAM.name },
        fileName: 'BPL action log 2026-12-03 1000.csv',
      });
    });

    it('an accepted consent is answered at once; the file is uploaded after, and its card follows', async () => {
      let release!: () => void;
      upload.hold = new Promise<void>((r) => (release = r));
      const before = { puts: upload.puts.length, replies: bot.replies.length };
      try {
        const started = Date.now();
        const res = await bot.post({
          ...messageActivity(bot.serviceUrl, '', { from: SAM }),
          type: 'invoke',
          name: 'fileConsent/invoke',
          replyToId: 'consent-message-2',
          value: {
            type: 'fileUpload',
            action: 'accept',
            context: { place: 'BPL', kind: 'riskRegisterCsv' },
            uploadInfo: { name: 'r.csv', uploadUrl: upload.url, contentUrl: 'https://contoso-my.sharepoint.com/x/r.csv' },
          },
        });
        expect(res.status).to.equal(200);
        expect(Date.now() - started, 'answered while OneDrive still holds the upload').to.be.below(5_000);
        expect(upload.puts.length, 'nothing uploaded yet').to.equal(before.puts);
        expect(bot.replies.length, 'no file card yet').to.equal(before.replies);
      } finally {
        release();
        upload.hold = undefined;
      }
      await repliedSince(before.replies);
      expect(upload.puts.length).to.equal(before.puts + 1);
      const info = bot.replies
        .slice(before.replies)
        .flatMap((r) => (r.activity.attachments ?? []) as { contentType: string; name: string }[]);
      expect(info.map((a) => a.contentType)).to.deep.equal(['application/vnd.microsoft.teams.card.file.info']);
    });

    it('declining sends nothing, says so politely and replaces the consent card', async () => {
      const before = { puts: upload.puts.length, made: (await bot.runtime.packs.filesMade('BPL')).length };
      const answer = await answerConsent(replies[4]!, 'decline');
      expect(answer.status).to.equal(200);
      expect(upload.puts.length).to.equal(before.puts);
      expect(answer.replies.map((a) => a.text)).to.deep.equal([
        'No problem: the Blackpool risk register (CSV) was not sent. Type “board pack Blackpool” whenever you want it.',
      ]);
      expect(cardText(cardsOf(answer.updates[0]!.activity)[0])).to.contain('Not sent: Blackpool risk register (CSV)');
      expect((await bot.runtime.packs.filesMade('BPL')).length).to.equal(before.made);
    });

    it('an upload URL that fails: the person is told, no file card, and the audit says it failed', async () => {
      upload.status = 500;
      try {
        const answer = await answerConsent(replies[2]!, 'accept');
        expect(answer.status).to.equal(200);
        const texts = answer.replies.map((a) => String(a.text ?? ''));
        expect(texts.join(' ')).to.contain(
          'could not be saved to your OneDrive: OneDrive refused the upload (HTTP 500). Nothing was sent.',
        );
        expect(
          answer.replies
            .flatMap((a) => (a.attachments ?? []) as { contentType: string }[])
            .filter((a) => a.contentType.includes('file.info')),
        ).to.deep.equal([]);
        expect(cardText(cardsOf(answer.updates[0]!.activity)[0])).to.contain('Not sent: Blackpool action log (CSV)');
        const failed = (await bot.runtime.packs.filesMade('BPL')).filter((e) => e.outcome === 'failed');
        expect(failed).to.have.length(1);
        expect(failed[0]).to.deep.include({ kind: 'actionLogCsv', delivery: 'upload', detail: 'OneDrive refused the upload (HTTP 500)' });
      } finally {
        upload.status = 201;
      }
    });

    it('an upload URL nobody answers at: told, nothing claimed as sent', async () => {
      const answer = await answerConsent(replies[2]!, 'accept', SAM, 'http://127.0.0.1:9/upload');
      expect(answer.replies.map((a) => String(a.text ?? '')).join(' '))
        .to.contain('the upload could not reach OneDrive')
        .and.contain('Nothing was sent.');
      expect((await bot.runtime.packs.filesMade('BPL')).filter((e) => e.outcome === 'failed')).to.have.length(2);
    });

    it('a consent answered by someone who may not have the pack (a forged or forwarded card) uploads nothing', async () => {
      const before = upload.puts.length;
      const answer = await answerConsent(replies[2]!, 'accept', ALEX);
      expect(upload.puts.length).to.equal(before);
      expect(answer.replies.map((a) => String(a.text ?? '')).join(' ')).to.contain('was not sent. Only a chair or admin of Blackpool');
    });
  });

  it('any consent answer, however malformed or forged, gets an answer (never an error) and uploads nothing it should not', async () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('__proto__', 'BPL', 'actionLogCsv', '<script>', 'javascript:alert(1)', 'file:///etc/passwd', ''),
      fc.integer(),
      fc.constant(null),
    );
    const value = fc.record(
      {
        type: fc.constant('fileUpload'),
        action: fc.oneof(fc.constantFrom('accept', 'decline'), hostile),
        context: fc.oneof(
          fc.record({
            place: fc.oneof(fc.constantFrom('BPL', 'SC', 'XX'), hostile),
            kind: fc.oneof(fc.constantFrom(...PACK_FILE_KINDS, 'secrets'), hostile),
          }),
          hostile,
        ),
        uploadInfo: fc.oneof(
          fc.record({
            name: hostile,
            uploadUrl: fc.constantFrom('file:///etc/passwd', 'ftp://x/y', 'not a url', 'http://127.0.0.1:9/x'),
            contentUrl: hostile,
          }),
          hostile,
        ),
      },
      { requiredKeys: [] },
    );
    const puts = upload.puts.length;
    await fc.assert(
      fc.asyncProperty(value, fc.constantFrom(SAM, ALEX), async (v, from) => {
        const before = bot.replies.length;
        const res = await bot.post({
          ...messageActivity(bot.serviceUrl, '', { from }),
          type: 'invoke',
          name: 'fileConsent/invoke',
          replyToId: 'consent-fuzz',
          value: v,
        });
        expect(res.status).to.be.below(500);
        // An accept is answered first and worked on after: wait for what it says, so any upload has happened.
        if ((v as { action?: unknown } | null)?.action === 'accept') await repliedSince(before);
      }),
      { numRuns: 60, seed: 20261203 },
    );
    expect(upload.puts.length, 'no upload to the real fake from a malformed answer').to.equal(puts);
  });

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
